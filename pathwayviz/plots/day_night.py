"""A scenario on the time courses: the whole run on the x axis, in clock time, with its nights shaded.

While a scenario runs the plots span all of it (hours) instead of the last minutes; each sleep
period is a grey-blue band behind the curves, labelled "asleep", and the axis reads time of day
("08:00"). :func:`clock_ticks` and :func:`scenario_range` need no Qt beyond the band itself.
"""

from __future__ import annotations

import math

from PySide6.QtGui import QColor

import pyqtgraph as pg

from ..model.scenario import Scenario, format_clock
from .visible_window import RIGHT_MARGIN

NIGHT = QColor(70, 90, 140, 46)          # light enough that every trace keeps its contrast over it
NIGHT_TEXT = QColor("#2e3f66")
# Tick steps (minutes) tried in turn until about eight labels fit the span.
_CLOCK_STEPS = (15, 30, 60, 120, 180, 240, 360)


def scenario_range(scenario: Scenario) -> tuple[float, float]:
    """The x range showing the whole scenario, with the live view's margin on both sides (the end marker
    on the right, the first clock label on the left: pyqtgraph drops a label that would overhang)."""
    return (-RIGHT_MARGIN * scenario.duration, scenario.duration * (1 + RIGHT_MARGIN))


def clock_ticks(scenario: Scenario, x0: float, x1: float) -> list[tuple[float, str]]:
    """Labelled ticks at round clock times ("07:00", "10:00", …) between scenario minutes x0 and x1."""
    step = next((s for s in _CLOCK_STEPS if (x1 - x0) / s <= 8), 720)
    first_clock = math.ceil((scenario.clock_start + x0) / step - 1e-9) * step
    ticks = []
    t = first_clock - scenario.clock_start
    while t <= x1 + 1e-9:
        ticks.append((t, format_clock(scenario.clock(t))))
        t += step
    return ticks


def time_of_day_label(scenario: Scenario) -> str:
    return f"time of day — {scenario.title}"


class DayNightBand:
    """The shaded sleep periods of a scenario on one plot (none when no scenario runs)."""

    def __init__(self, plot_item: pg.PlotItem):
        self._plot = plot_item
        self.regions: list[pg.LinearRegionItem] = []
        self.labels: list[pg.TextItem] = []

    def show(self, scenario: Scenario | None, font=None) -> None:
        for item in self.regions + self.labels:
            self._plot.removeItem(item)
        self.regions, self.labels = [], []
        if scenario is None:
            return
        for period in scenario.sleep:
            region = pg.LinearRegionItem((period.start, min(period.end, scenario.duration)), movable=False,
                                         brush=pg.mkBrush(NIGHT), pen=pg.mkPen(None))
            region.setZValue(-10)  # behind the curves and the grid
            region.setToolTip(f"Asleep {format_clock(scenario.clock(period.start))}–"
                              f"{format_clock(scenario.clock(period.end))}")
            self._plot.addItem(region, ignoreBounds=True)
            label = pg.TextItem("asleep", color=NIGHT_TEXT, anchor=(0, 0))
            if font is not None:
                label.setFont(font)
            label.setPos(period.start, 1.05)
            self._plot.addItem(label, ignoreBounds=True)
            self.regions.append(region)
            self.labels.append(label)
