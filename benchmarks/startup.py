"""Start to first painted window: PathwayViz vs a bare PySide6 window, measured in the same run.

Each is started as a fresh process; the time is from process start (interpreter included) to the
first paint of the main window, reported by the child itself as wall time and as the CPU time the
process has used (``time.process_time``; less disturbed by other work on a shared machine).
The app child starts the way ``pathwayviz`` does (``ui.app``: application, pathway, window,
restored window state) and stops at the first paint, before what the window builds after it.
Budget (issue #10): ≤ 3× bare, on the median of ``--repeats`` runs (default 7), for a start like
every start after the first (the pathway, lesson and start state read from the user's disk cache,
``model/disk_cache.py``); the very first start, with an empty user cache, is printed beside it (the
entries shipped in resources/cache stand in, written by ``scripts/ship_caches.py``).

CPU time on a shared virtual machine moves by ±20 % from run to run (the runs fall into a fast and
a slow group), so ``--instructions`` also counts the instructions each start executes under valgrind
(``valgrind --tool=cachegrind``, one run each: the count barely moves between runs), a figure the
machine's load does not disturb.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

BUDGET = 3.0

CHILD = r'''
import os, sys, time
t0 = float(sys.argv[1])
if sys.argv[2] == "bare":
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.resize(1600, 1000)
else:
    from pathwayviz.ui.app import first_window, make_application
    app = make_application()
    window = first_window(None)
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(f"{time.time() - t0:.4f} {time.process_time():.4f}", flush=True)
            if sys.argv[3:] == ["exit"]:
                os._exit(0)  # counting instructions: nothing after the paint
            QTimer.singleShot(0, QApplication.instance().quit)
            obj.removeEventFilter(self)
        return False
from PySide6.QtWidgets import QApplication
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
'''


def run(kind: str, env: dict) -> tuple[float, float]:
    """(wall seconds, CPU seconds) from process start to the first paint."""
    import time

    out = subprocess.run([sys.executable, "-c", CHILD, repr(time.time()), kind], capture_output=True, text=True,
                         env=env, timeout=120)
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{kind} failed: {out.stderr[-2000:]}")
    wall, cpu = lines[-1].split()
    return float(wall), float(cpu)


def instructions(kind: str, env: dict) -> int:
    """Instructions executed from process start to the first paint, counted by valgrind."""
    import re
    import time

    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          sys.executable, "-c", CHILD, repr(time.time()), kind, "exit"],
                         capture_output=True, text=True, env=env, timeout=600)
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    if not found:
        raise SystemExit(f"valgrind run of {kind} failed: {out.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def load() -> str:
    try:
        return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg()) + f" on {os.cpu_count()} CPUs"
    except OSError:
        return "load average unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="runs of each (median reported; default 7)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count instructions to the first paint under valgrind (about a minute)")
    options = parser.parse_args()
    repeats = max(1, options.repeats)
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp()
    env["PATHWAYVIZ_DATA_DIR"] = home  # no autosave or recent files from a real session
    env["XDG_CONFIG_HOME"] = os.path.join(home, "config")  # no saved window state either
    env["XDG_DATA_HOME"] = os.path.join(home, "data")
    print(f"before: {load()}")
    warm_cache = os.path.join(home, "cache")
    cold = dict(env)
    run("bare", env)  # warm the OS file cache once
    run("app", dict(env, PATHWAYVIZ_CACHE_DIR=warm_cache))  # and the parse cache of the "second start"
    bare, app, first = [], [], []
    for k in range(repeats):  # interleaved, so a burst of load elsewhere hits both alike
        bare.append(run("bare", env))
        app.append(run("app", dict(env, PATHWAYVIZ_CACHE_DIR=warm_cache)))
        first.append(run("app", dict(cold, PATHWAYVIZ_CACHE_DIR=os.path.join(home, f"empty-cache-{k}"))))
    for k, what in ((0, "wall"), (1, "CPU")):
        b = statistics.median(r[k] for r in bare)
        a = statistics.median(r[k] for r in app)
        f = statistics.median(r[k] for r in first)
        print(f"{what:>4}: bare PySide6 window {b * 1e3:.0f} ms, PathwayViz main window {a * 1e3:.0f} ms "
              f"(medians of {repeats}, start to first paint); ratio {a / b:.2f}× (budget {BUDGET:g}×)")
        print(f"{'':>4}  the very first start (empty user cache; the shipped entries stand in) "
              f"{f * 1e3:.0f} ms, {f / b:.2f}×")
    if options.instructions:
        if shutil.which("valgrind") is None:
            print("instructions: valgrind is not installed (apt-get install valgrind)")
        else:
            b = instructions("bare", env)
            a = instructions("app", dict(env, PATHWAYVIZ_CACHE_DIR=warm_cache))
            f = instructions("app", dict(cold, PATHWAYVIZ_CACHE_DIR=os.path.join(home, "empty-cache-counted")))
            print(f"instructions: bare PySide6 window {b / 1e6:.0f}M, PathwayViz main window {a / 1e6:.0f}M; "
                  f"ratio {a / b:.2f}× (budget {BUDGET:g}×); very first start {f / 1e6:.0f}M, {f / b:.2f}×")
    print(f"after: {load()}")


if __name__ == "__main__":
    main()
