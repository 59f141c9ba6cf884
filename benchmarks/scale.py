"""Pathways a hundred times larger: a synthetic 2,000-species / 5,000-interaction model without positions,
and the largest published Netflux model (Ryall 2012 cardiomyocyte hypertrophy, 106 species).

Prints, per model: load + automatic layout, building the window, one animation frame at 1920×1080
(median and 95th percentile over several runs), 60 simulated time units (LSODA), and resident
memory; wall and CPU time (this process) side by side, and the machine's load average, since the
machine is shared and wall time alone says little.
Budgets (DESIGN.md §6, synthetic model): load + layout ≤ 2 s, frame ≤ 16 ms median, 60 minutes
≤ 200 ms, ≤ 400 MB resident. Prints figures; asserts nothing.

    QT_QPA_PLATFORM=offscreen python benchmarks/scale.py [--species 2000 --interactions 5000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import yaml  # noqa: E402

from pathwayviz.formats.pathway_file import open_pathway  # noqa: E402

PUBLISHED = Path(__file__).resolve().parent.parent / "tests" / "data" / "netflux" / \
    "ryall_cardiomyocyte_hypertrophy_jbc2012.xlsx"
NAMES = ["kinase", "receptor", "phosphatase", "adaptor", "factor", "ligase", "channel", "GTPase"]


def synthetic_pathway(n_species: int, n_interactions: int, seed: int = 16) -> dict:
    """A signalling-shaped network as pathway YAML data, no positions.

    Species sit on ~25 tiers; most edges run one to three tiers down (activation, a fifth inhibition,
    a tenth paired into AND terms), 5 % run back up as feedback; the top tier are inputs.
    """
    rng = random.Random(seed)
    tiers = 25
    ids = [f"s{k:04d}" for k in range(n_species)]
    tier = {sid: min(tiers - 1, k * tiers // n_species) for k, sid in enumerate(ids)}
    by_tier: dict[int, list[str]] = {}
    for sid in ids:
        by_tier.setdefault(tier[sid], []).append(sid)
    edges: set[tuple[str, str]] = set()
    interactions = []
    while len(interactions) < n_interactions:
        target = ids[rng.randrange(len(by_tier[0]), n_species)]
        t = tier[target]
        if rng.random() < 0.05 and t < tiers - 1:
            source = rng.choice(by_tier[rng.randrange(t + 1, tiers)])  # feedback from below
        else:
            source = rng.choice(by_tier[max(0, t - rng.choice((1, 1, 1, 2, 3)))])
        if (source, target) in edges or source == target:
            continue
        edges.add((source, target))
        item = {"source": source, "target": target,
                "effect": "inhibits" if rng.random() < 0.2 else "activates"}
        if rng.random() < 0.1:
            item["gate"] = "and"
        interactions.append(item)
    species = [{"id": sid, "label": f"{NAMES[k % len(NAMES)]} {k}", "tau": rng.choice((0.5, 1.0, 2.0))}
               for k, sid in enumerate(ids)]
    inputs = [{"species": sid, "label": f"input {sid}", "default": 0.5} for sid in by_tier[0]]
    readouts = [{"species": sid, "label": sid} for sid in by_tier[tiers - 1][:6]]
    return {"format": "pathwayviz-pathway/1", "id": "synthetic", "title": "Synthetic scale test",
            "species": species, "interactions": interactions, "controls": {"inputs": inputs}, "readouts": readouts}


def resident_mb() -> tuple[float, float]:
    """Current and peak resident set size of this process, in MB (Linux /proc)."""
    fields = {}
    with open("/proc/self/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def timed(fn):
    """(result, wall seconds, CPU seconds of this process)."""
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def frames(window, app, label: str, runs: int = 3, count: int = 120) -> None:
    from frame import measure

    measure(window, app, 20)
    walls, cpus, p95 = [], [], []
    for _ in range(runs):
        cpu: list[float] = []
        times = measure(window, app, count, cpu_times=cpu)
        walls.append(statistics.median(times))
        cpus.append(statistics.median(cpu))
        p95.append(sorted(times)[int(len(times) * 0.95)])
    print(f"  {label}: median wall {statistics.median(walls) * 1e3:.1f} ms (runs "
          f"{', '.join(f'{w * 1e3:.1f}' for w in walls)}), median CPU {statistics.median(cpus) * 1e3:.1f} ms, "
          f"95th percentile wall {statistics.median(p95) * 1e3:.1f} ms (budget 16 ms)")


def measure_model(path: Path, label: str, app) -> None:
    from frame import diagram_only_window

    from pathwayviz.sim.engine import Engine
    from pathwayviz.sim.perturbations import Perturbations
    from pathwayviz.ui.main_window import MainWindow

    pathway, load, load_cpu = timed(lambda: open_pathway(path))
    print(f"{label}: {len(pathway.species)} species, {len(pathway.interactions)} interactions")
    print(f"  load + layout: {load * 1e3:.0f} ms wall, {load_cpu * 1e3:.0f} ms CPU (budget 2000 ms)")

    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    for c in pathway.inputs:  # 0.6: not the synthetic model's default, so setting it is a change to announce
        pert.inputs[c.species] = 0.6
    engine.timecourse(pert, 1.0)  # imports SciPy outside the timing
    runs = [timed(lambda: engine.timecourse(pert, 60.0))[1:] for _ in range(5)]
    print(f"  60 simulated {pathway.time_unit}: median {statistics.median(r[0] for r in runs) * 1e3:.0f} ms wall, "
          f"{statistics.median(r[1] for r in runs) * 1e3:.0f} ms CPU (budget 200 ms)")

    def build():
        w = diagram_only_window(MainWindow(pathway, start_running=False), app)
        app.processEvents()
        return w

    window, wall, cpu = timed(build)
    print(f"  window built and shown: {wall * 1e3:.0f} ms wall, {cpu * 1e3:.0f} ms CPU")
    # A change is announced in words after a pause (ui/state_words.py: where it settles, by a
    # relaxation to steady state): a one-off after each change, timed here apart from the frames.
    def announced():
        window.state.set_perturbations(pert, "every input at 0.6")
        deadline = time.perf_counter() + 300
        while not window.state_words.last_text.startswith("Settles at") and time.perf_counter() < deadline:
            app.processEvents()
            time.sleep(0.005)

    _, wall, cpu = timed(announced)
    print(f"  'settles at' announcement after a change: {wall * 1e3:.0f} ms wall (of which 400 ms is its pause), "
          f"{cpu * 1e3:.0f} ms CPU (once per change)")
    vp = window.view.viewport().size()
    frames(window, app, f"frame (simulate + paint), whole diagram in a {vp.width()}×{vp.height()} view")
    window.view.scale(4.0, 4.0)  # zoomed in, as someone reading labels would be
    app.processEvents()
    frames(window, app, "frame zoomed in 4×")
    rss, peak = resident_mb()
    print(f"  resident memory: {rss:.0f} MB now, {peak:.0f} MB peak (budget 400 MB)")
    window.clock.stop()
    window.close()
    window.deleteLater()
    app.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--species", type=int, default=2000)
    parser.add_argument("--interactions", type=int, default=5000)
    args = parser.parse_args()
    from pathwayviz.ui.app import make_application

    app = make_application()
    print(f"machine load (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.yaml"
        path.write_text(yaml.safe_dump(synthetic_pathway(args.species, args.interactions), sort_keys=False))
        measure_model(path, "synthetic", app)
    measure_model(PUBLISHED, f"published ({PUBLISHED.name})", app)


if __name__ == "__main__":
    main()
