"""Long fuzz campaign: mutated pathway, lesson and session files through every loader.

    python scripts/fuzz_campaign.py [--per-format 10000] [--seed 1] [--formats pathway,lesson,session]

Each case is the seed file of its format mutated by ``tests/fuzz/mutators.py`` with
``random.Random(f"{seed}-{format}-{case}")``, so any case replays exactly. Each is run in a
worker process with a hard timeout, and classified:

- clean:   a valid result, or the loader's own error (a clear message);
- crashed: any other exception, or NaN out of a loaded model (the case is saved for replay);
- hung:    longer than --timeout seconds (default 10), or slower than --slow (default 1 s) is
           counted separately as "slow" (the issue's "never longer than a second per file").

Prints the counts per format and the slowest case; asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))

FORMATS = ("pathway", "lesson", "session")


def _worker(jobs, results, folder: str) -> None:
    from mutators import builtin_texts, load_and_use, mutate

    from pathwayviz.model.loader import load_pathway
    from pathwayviz.resource_files import builtin_pathway_path

    seeds = builtin_texts()
    builtin = load_pathway(builtin_pathway_path())
    while True:
        job = jobs.get()
        if job is None:
            return
        kind, seed, case = job
        text = mutate(kind, seeds[kind], random.Random(f"{seed}-{kind}-{case}"))
        path = Path(folder) / f"case-{mp.current_process().pid}{'.pathwayviz' if kind == 'session' else '.yaml'}"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        results.put(("start", kind, case, time.perf_counter()))
        start = time.perf_counter()
        try:
            outcome, detail = load_and_use(kind, path, builtin), ""
        except Exception as exc:  # noqa: BLE001 - classifying every escape is the point of the campaign
            outcome, detail = "crashed", "".join(traceback.format_exception_only(type(exc), exc)).strip()[:300]
        results.put(("done", kind, case, time.perf_counter() - start, outcome, detail, text if detail else ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-format", type=int, default=10000)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds after which a case counts as hung")
    ap.add_argument("--slow", type=float, default=1.0, help="seconds above which a case counts as slow")
    ap.add_argument("--out", default="/tmp/pathwayviz-fuzz", help="folder for crashing and hanging cases")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for kind in args.formats.split(","):
        run_format(kind, args, out)


def run_format(kind: str, args, out: Path) -> None:
    counts = {"tried": 0, "valid": 0, "refused": 0, "crashed": 0, "hung": 0, "slow": 0}
    slowest = (0.0, None)
    started = time.perf_counter()
    case = 0
    while counts["tried"] < args.per_format:
        # A pool of workers; one that hangs is killed and replaced, and its case counted as hung.
        jobs, results = mp.Queue(), mp.Queue()
        workers = [mp.Process(target=_worker, args=(jobs, results, str(out)), daemon=True)
                   for _ in range(args.workers)]
        for w in workers:
            w.start()
        pending = {}
        batch = min(args.per_format - counts["tried"], 500)
        for k in range(batch):
            jobs.put((kind, args.seed, case + k))
        for _ in workers:
            jobs.put(None)
        done = 0
        hung = False
        while done < batch:
            try:
                msg = results.get(timeout=args.timeout)
            except Exception:  # noqa: BLE001 - queue.Empty: nothing finished within the timeout
                msg = None
            now = time.perf_counter()
            if msg is not None and msg[0] == "start":
                pending[(msg[1], msg[2])] = msg[3]
                continue
            if msg is not None:
                _, _, c, seconds, outcome, detail, text = msg
                pending.pop((kind, c), None)
                counts["tried"] += 1
                done += 1
                counts[outcome] += 1
                if seconds > args.slow:
                    counts["slow"] += 1
                if seconds > slowest[0]:
                    slowest = (seconds, c)
                if outcome == "crashed":
                    (out / f"crash-{kind}-{c}.txt").write_text(text, encoding="utf-8", errors="surrogatepass")
                    print(f"  crash {kind} case {c}: {detail}", flush=True)
                continue
            overdue = [key for key, t0 in pending.items() if now - t0 > args.timeout]
            if overdue or msg is None:
                hung = True
                for key in overdue:
                    counts["tried"] += 1
                    counts["hung"] += 1
                    done += 1
                    print(f"  hung {kind} case {key[1]}", flush=True)
                break
        for w in workers:
            w.kill() if hung else w.join()
        case += batch
        if hung:  # cases of the killed batch that never started are retried under new numbers
            continue
        print(f"  {kind}: {counts['tried']} tried …", flush=True)
    elapsed = time.perf_counter() - started
    print(f"{kind}: tried {counts['tried']}, clean {counts['valid'] + counts['refused']} "
          f"(valid {counts['valid']}, refused with a message {counts['refused']}), crashed {counts['crashed']}, "
          f"hung {counts['hung']} (> {args.timeout:g} s), slower than {args.slow:g} s {counts['slow']}; "
          f"slowest {slowest[0] * 1e3:.0f} ms (case {slowest[1]}); {elapsed:.0f} s", flush=True)


if __name__ == "__main__":
    main()
