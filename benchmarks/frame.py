"""One animation frame (simulate + paint) of the built-in model at 1920×1080, and CPU use when paused.

Budget (DESIGN.md §6): ≤ 4 ms median per frame; 0 % CPU when paused. Prints figures; asserts nothing.
Run with QT_QPA_PLATFORM=offscreen (set by default here).
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402

from pathwayviz.model.loader import load_pathway  # noqa: E402
from pathwayviz.resource_files import builtin_pathway_path  # noqa: E402
from pathwayviz.ui.app import make_application  # noqa: E402


def measure(window, frames: int = 300, widgets=()) -> list[float]:
    viewport = window.view.viewport()
    times = []
    for _ in range(frames):
        t = time.perf_counter()
        window.clock.tick(2.0 / 60.0)   # one frame at the default 2 simulated minutes per second
        viewport.repaint()              # synchronous paint of the whole diagram viewport
        for w in widgets:               # and of the plot panel, when it is shown
            w.repaint()
        times.append(time.perf_counter() - t)
    return times


def report(label: str, times: list[float]) -> None:
    print(f"{label}: median {statistics.median(times) * 1e3:.2f} ms, "
          f"95th percentile {sorted(times)[int(len(times) * 0.95)] * 1e3:.2f} ms (budget 4 ms)")


def main() -> None:
    app = make_application()
    from pathwayviz.ui.main_window import MainWindow

    window = MainWindow(load_pathway(builtin_pathway_path()), start_running=False)
    # The diagram alone at projector size (presentation mode shows nothing else).
    for dock in window.findChildren(type(window.controls_dock)):
        dock.hide()
    window.menuBar().hide()
    window.statusBar().hide()
    window.resize(1920, 1080)
    window.show()
    app.processEvents()
    window.view.fit()
    p = window.live.perturbations
    p.inputs["insulin"] = 0.6
    p.toggles["jnk"] = 0.8
    window.set_perturbations(p)
    measure(window, 30)  # warm-up: fills the static-layer cache
    times = measure(window)
    vp = window.view.viewport().size()
    report(f"diagram only, viewport {vp.width()}×{vp.height()}, frame (simulate + paint)", times)

    # The normal window with the time courses and gauges visible.
    from pathwayviz.ui.plots_dock import ensure_plots

    window.menuBar().show()
    window.statusBar().show()
    for dock in window.findChildren(type(window.controls_dock)):
        dock.show()
    ensure_plots(window)
    app.processEvents()
    panel = window.plots_dock.widget()
    measure(window, 30, (panel,))
    times = measure(window, widgets=(panel,))
    vp = window.view.viewport().size()
    report(f"window with plots visible, viewport {vp.width()}×{vp.height()}, frame (simulate + paint + plots)",
           times)

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
