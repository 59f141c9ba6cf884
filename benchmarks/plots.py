"""Cost of the bottom plots per animation frame at 1920×1080: TimeCoursePanel.refresh(), the plot's
repaint, and ReadoutGauges refresh + repaint, with the built-in model running (PKC switched on).

    python benchmarks/plots.py [--frames 300]

Prints figures only (no asserts); DESIGN.md §6 budgets a whole frame (simulate + paint) at 4 ms.
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QVBoxLayout, QWidget  # noqa: E402

from pathwayviz.model.loader import load_pathway  # noqa: E402
from pathwayviz.plots import ReadoutGauges, TimeCoursePanel  # noqa: E402
from pathwayviz.resource_files import builtin_pathway_path  # noqa: E402
from pathwayviz.sim.live import FRAME_MINUTES, LiveSimulation  # noqa: E402


class PaintCounter(QObject):
    def __init__(self):
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def running_simulation(pathway) -> LiveSimulation:
    live = LiveSimulation(pathway)
    p = live.perturbations
    p.inputs["insulin"] = 0.6
    live.set_perturbations(p)
    live.reset()
    live.settle()
    for _ in range(350):  # fill more than the 30-minute window
        live.advance(0.1)
    p = live.perturbations
    p.toggles["pkc"] = 0.8
    live.set_perturbations(p)
    return live


def window(live):
    """A 1920×1080 window laid out like the app: diagram above, plots and gauges below."""
    top = QWidget()
    top.resize(1920, 1080)
    outer = QVBoxLayout(top)
    diagram = QFrame()
    outer.addWidget(diagram, 2)
    bottom = QHBoxLayout()
    panel, gauges = TimeCoursePanel(live), ReadoutGauges(live)
    panel.pin("akt")
    panel.pin("erk")
    bottom.addWidget(panel, 3)
    bottom.addWidget(gauges, 2)
    outer.addLayout(bottom, 1)
    return top, panel, gauges


class Clock:
    """Wall time, and CPU time of this thread (steadier when other processes share the cores)."""

    def __init__(self):
        self.wall, self.cpu = [], []

    def __call__(self, fn):
        w, c = time.perf_counter(), time.thread_time()
        fn()
        self.cpu.append(time.thread_time() - c)
        self.wall.append(time.perf_counter() - w)

    def __str__(self):
        def q(v, f):
            v = sorted(v)
            return v[min(len(v) - 1, int(f * len(v)))] * 1e3
        return (f"median {q(self.wall, 0.5):6.3f} ms (cpu {q(self.cpu, 0.5):6.3f})   "
                f"p90 {q(self.wall, 0.9):6.3f} ms (cpu {q(self.cpu, 0.9):6.3f})   max {q(self.wall, 1):6.3f} ms")


def run(app, live, panel, gauges, frames: int, minutes_per_frame: float):
    counter = PaintCounter()
    panel._plot.viewport().installEventFilter(counter)
    refresh, gauge, paint, total = Clock(), Clock(), Clock(), Clock()
    for _ in range(frames):
        live.advance(minutes_per_frame)
        snapshot = live.snapshot()  # made for the diagram anyway

        def frame():
            refresh(panel.refresh)
            gauge(lambda: gauges.refresh(snapshot))
            paint(app.processEvents)  # paints whatever the refreshes invalidated, as the next frame would
        total(frame)
    panel._plot.viewport().removeEventFilter(counter)
    return refresh, gauge, paint, total, counter.count


def forced_repaints(panel, gauges, frames: int):
    """Painting the plot and the gauges in full, whether or not anything changed."""
    plot, bars = Clock(), Clock()
    for _ in range(frames):
        plot(panel._plot.viewport().repaint)
        bars(gauges.repaint)
    return plot, bars


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    pathway = load_pathway(builtin_pathway_path())
    for name, per_frame in (("normal speed", FRAME_MINUTES), ("fast (6×: a new sample every frame)", 0.1)):
        live = running_simulation(pathway)
        top, panel, gauges = window(live)
        top.show()
        app.processEvents()
        run(app, live, panel, gauges, 30, per_frame)  # warm-up
        refresh, gauge, paint, total, paints = run(app, live, panel, gauges, args.frames, per_frame)
        print(f"{name}: {args.frames} frames at 1920×1080, {per_frame:.4g} simulated min per frame, "
              f"{len(panel.curves())} species × 2 traces, plot repainted in {paints} frames")
        print(f"  TimeCoursePanel.refresh()          {refresh}")
        print(f"  ReadoutGauges.refresh(snapshot)    {gauge}")
        print(f"  painting what changed              {paint}")
        print(f"  all plots, per frame               {total}")
        if per_frame == FRAME_MINUTES:
            plot, bars = forced_repaints(panel, gauges, args.frames)
            print(f"  full repaint of the plot           {plot}")
            print(f"  full repaint of the gauges         {bars}")
        top.close()
        top.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
