"""Start to first painted window: PathwayViz vs a bare PySide6 window, measured in the same run.

Each is started as a fresh process; the time is from process start (interpreter included) to the
first paint of the main window, reported by the child itself. Budget (DESIGN.md §6): ≤ 4× bare.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile

CHILD = r'''
import os, sys, time
t0 = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Paint:
            print(f"{time.time() - t0:.4f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
            obj.removeEventFilter(self)
        return False
if sys.argv[2] == "bare":
    from PySide6.QtWidgets import QMainWindow
    app = QApplication([])
    window = QMainWindow()
    window.resize(1600, 1000)
else:
    from pathwayviz.model.loader import load_pathway
    from pathwayviz.resource_files import builtin_pathway_path
    from pathwayviz.ui.app import make_application
    app = make_application()
    from pathwayviz.ui.main_window import MainWindow
    window = MainWindow(load_pathway(builtin_pathway_path()))
    window.resize(1600, 1000)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
app.exec()
'''


def run(kind: str, env: dict) -> float:
    import time

    out = subprocess.run([sys.executable, "-c", CHILD, repr(time.time()), kind], capture_output=True, text=True,
                         env=env, timeout=120)
    lines = [ln for ln in out.stdout.splitlines() if ln.strip()]
    if out.returncode != 0 or not lines:
        raise SystemExit(f"{kind} failed: {out.stderr[-2000:]}")
    return float(lines[-1])


def main() -> None:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PATHWAYVIZ_DATA_DIR"] = tempfile.mkdtemp()
    run("bare", env)  # warm the OS file cache once
    run("app", env)
    bare = [run("bare", env) for _ in range(5)]
    app = [run("app", env) for _ in range(5)]
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window, start to first paint: {b * 1e3:.0f} ms (median of 5)")
    print(f"PathwayViz main window, start to first paint: {a * 1e3:.0f} ms (median of 5)")
    print(f"ratio: {a / b:.2f}× (budget 4×)")


if __name__ == "__main__":
    main()
