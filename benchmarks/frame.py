"""One animation frame (simulate + paint) of the built-in model at 1920×1080, and CPU use when paused.

Budget (DESIGN.md §6): ≤ 4 ms median per frame; 0 % CPU when paused. Prints figures; asserts nothing.
Run with QT_QPA_PLATFORM=offscreen (set by default here).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer  # noqa: E402

from pathwayviz.model.loader import load_pathway  # noqa: E402
from pathwayviz.resource_files import builtin_pathway_path  # noqa: E402
from pathwayviz.ui.app import make_application  # noqa: E402


class PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Paint:
            self.count += 1
        return False


def measure(window, app, frames: int = 300, cpu_times: list | None = None) -> list[float]:
    """Each frame as the clock runs it: advance + redraw, then Qt paints what was invalidated.

    Returns the wall times; the CPU times of the same frames (less disturbed by a busy machine)
    are appended to ``cpu_times`` when it is given."""
    counter = PaintCounter()
    window.view.viewport().installEventFilter(counter)
    times, cpus = [], []
    for _ in range(frames):
        t, cpu = time.perf_counter(), time.process_time()
        window.clock.tick(2.0 / 60.0)   # one frame at the default 2 simulated minutes per second
        app.processEvents()             # the scene's and panels' pending paints happen here
        times.append(time.perf_counter() - t)
        cpus.append(time.process_time() - cpu)
    window.view.viewport().removeEventFilter(counter)
    if counter.count < frames:
        raise SystemExit(f"only {counter.count} diagram paints for {frames} frames; the figure would be wrong")
    if cpu_times is not None:
        cpu_times.extend(cpus)
    return times


def diagram_only_window(window, app):
    """The diagram alone at projector size (presentation mode shows nothing else), fitted."""
    for dock in window.findChildren(type(window.controls_dock)):
        dock.hide()
    window.menuBar().hide()
    window.statusBar().hide()
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    window.view.fit()
    return window


DIAGRAM_RUNS = 5


def report(label: str, times: list[float], cpu: list[float] | None = None) -> None:
    cpu_text = f"; CPU median {statistics.median(cpu) * 1e3:.2f} ms" if cpu else ""
    print(f"{label}: median {statistics.median(times) * 1e3:.2f} ms, "
          f"95th percentile {sorted(times)[int(len(times) * 0.95)] * 1e3:.2f} ms (budget 4 ms){cpu_text}; "
          f"load average {os.getloadavg()[0]:.2f}")


def main() -> None:
    app = make_application()
    from pathwayviz.ui.main_window import MainWindow

    window = diagram_only_window(MainWindow(load_pathway(builtin_pathway_path()), start_running=False), app)
    p = window.live.perturbations
    p.inputs["insulin"] = 0.6
    p.toggles["jnk"] = 0.8
    window.state.apply(perturbations=p)
    measure(window, app, 30)  # warm-up: fills the static-layer cache
    vp = window.view.viewport().size()
    walls, cpus = [], []
    for run in range(DIAGRAM_RUNS):  # the shared machine's load comes and goes: several runs, and their medians
        cpu: list[float] = []
        times = measure(window, app, cpu_times=cpu)
        report(f"diagram only, viewport {vp.width()}×{vp.height()}, frame (simulate + paint), run {run + 1}", times, cpu)
        walls.append(statistics.median(times))
        cpus.append(statistics.median(cpu))
    print(f"diagram only, median of {DIAGRAM_RUNS} runs: wall {statistics.median(walls) * 1e3:.2f} ms, "
          f"CPU {statistics.median(cpus) * 1e3:.2f} ms (budget 4 ms)")

    # The normal window with the time courses and gauges visible.
    from pathwayviz.ui.plots_dock import ensure_plots

    window.menuBar().show()
    window.statusBar().show()
    for dock in window.findChildren(type(window.controls_dock)):
        dock.show()
    ensure_plots(window)
    app.processEvents()
    measure(window, app, 30)
    cpu = []
    times = measure(window, app, cpu_times=cpu)
    vp = window.view.viewport().size()
    report(f"window with plots visible, viewport {vp.width()}×{vp.height()}, frame (simulate + paint + plots)",
           times, cpu)

    # Paused: no timer runs, so the event loop should sleep.
    window.clock.stop()
    loop = QEventLoop()
    QTimer.singleShot(2000, loop.quit)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    loop.exec()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    print(f"paused: {cpu * 1e3:.1f} ms CPU over {wall:.1f} s wall = {100 * cpu / wall:.2f} % CPU (budget 0 %)")
    window.close()


if __name__ == "__main__":
    main()
