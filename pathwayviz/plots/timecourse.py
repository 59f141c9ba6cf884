"""Time courses of the readouts and pinned nodes, each beside its healthy reference.

The panel observes a LiveSimulation and owns no simulation state: every refresh reads the visible
window of the live ring buffers. A scrubber (the slider, or dragging the time cursor) replays the
recorded minutes; the main window follows ``scrubbed(t)`` by drawing ``live.snapshot(t)``.
"""

from __future__ import annotations

import math
import os

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QVBoxLayout, QWidget

import pyqtgraph as pg

from ..sim.live import LiveSimulation
from ..theme.palette import HEALTHY_DASH
from .curves import Trace, dashes, needed_samples, time_ticks
from .day_night import DayNightBand, clock_ticks, scenario_range, time_of_day_label
from .scrub_bar import ScrubBar
from .style import AXIS, CURSOR, TEXT, Look, TraceStyles, check_focus, focused_readouts
from .timecourse_csv import ask_csv_path, write_csv
from .trace_legend import TraceLegend
from .visible_window import live_range, nearest_sample, replay_range, span

X_LABEL = "simulated {unit}"  # imported models keep their own time units
Y_LABEL = "activity (normalised 0–1)"
EXPORT_TITLE = "Export visible time courses as CSV…"
_Y_RANGE = (-0.05, 1.05)  # room for the "0" and "1" labels at projector size
_TOLERANCE_PX = 0.3  # how far a simplified curve may stray from the samples


class TimeCoursePanel(QWidget):
    """Time courses of the readouts (by focus) and pinned nodes, with a time cursor and a scrubber.

    Call ``refresh()`` once per frame; it redraws only when the history has a new sample.
    """

    pins_changed = Signal()
    scrubbed = Signal(float)       # a recorded time was chosen; draw live.snapshot(t)
    scrub_released = Signal()      # replay ended; the plots (and the diagram) are live again

    def __init__(self, live: LiveSimulation, parent: QWidget | None = None):
        super().__init__(parent)
        self._live = live
        pathway = live.pathway
        self._readouts = list(pathway.readouts)
        self._labels = {sid: sp.label for sid, sp in pathway.species.items()}
        self._labels.update({r.species: r.label for r in self._readouts})
        self._styles = TraceStyles(self._readouts)
        self._focus = "both"
        self._pins: list[str] = []
        self._window = 30.0
        self._projector = False
        self._look = Look(False)
        self._traces: dict[str, Trace] = {}
        self._cols = np.zeros(0, dtype=np.intp)
        self._range = (0.0, self._window)
        self._scrub_time: float | None = None
        self._scenario = None  # a running scenario: the plots span it, in clock time, nights shaded
        self._drawn: tuple | None = None  # what the curves show: (samples, last time, layout version)
        self._layout_version = 0

        self._plot = pg.PlotWidget(background="w")
        self._plot.setAntialiasing(True)
        item = self._plot.getPlotItem()
        item.setMenuEnabled(False)
        item.hideButtons()
        item.showGrid(x=False, y=True, alpha=0.25)  # a vertical grid per minor tick is too busy
        view = item.getViewBox()
        view.setMouseEnabled(False, False)
        view.disableAutoRange()
        view.setYRange(*_Y_RANGE, padding=0)
        view.sigResized.connect(lambda _view: self._invalidate())  # dashes and simplification are in pixels
        self._y_span = _Y_RANGE[1] - _Y_RANGE[0]
        item.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.25, 0.5, 0.75, 1)]])
        self._cursor = pg.InfiniteLine(angle=90, movable=True)
        self._cursor.setZValue(4)
        self._cursor.setToolTip("Time cursor: drag to replay the recorded minutes")
        self._cursor.sigDragged.connect(lambda line: self.scrub_to(line.value()))
        item.addItem(self._cursor, ignoreBounds=True)
        self.nights = DayNightBand(item)
        self._legend = TraceLegend(self)

        self.scrub_bar = ScrubBar()
        self.scrub_bar.moved.connect(self._scrub_bar_moved)
        self.scrub_bar.live_requested.connect(self.resume_live)

        plot_row = QHBoxLayout()
        plot_row.setSpacing(4)
        plot_row.addWidget(self._plot, 1)
        plot_row.addWidget(self._legend)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(plot_row, 1)
        outer.addWidget(self.scrub_bar)

        for widget in (self, self._plot):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(
                lambda pos, w=widget: self._show_context_menu(w.mapToGlobal(pos)))

        self._apply_look()
        self._set_slider_steps()
        self._rebuild_traces()

    # -- what is shown ---------------------------------------------------------------------------
    def focus(self) -> str:
        return self._focus

    def set_focus(self, focus: str) -> None:
        """Which steroidogenesis readout to show: "female" (theca), "male" (Leydig) or "both"."""
        if check_focus(focus) != self._focus:
            self._focus = focus
            self._rebuild_traces()

    def pinned(self) -> list[str]:
        return list(self._pins)

    def pin(self, species_id: str) -> None:
        """Add a time course for any species (a readout already shown is only remembered as pinned)."""
        if species_id not in self._live.index:
            raise KeyError(f"'{species_id}' is not a species of this pathway")
        if species_id not in self._pins:
            self._pins.append(species_id)
            self._rebuild_traces()
            self.pins_changed.emit()

    def unpin(self, species_id: str) -> None:
        if species_id in self._pins:
            self._pins.remove(species_id)
            self._rebuild_traces()
            self.pins_changed.emit()

    def shown_species(self) -> list[str]:
        """Species with a time course, in legend order: the focused readouts, then the pins."""
        shown = [r.species for r in focused_readouts(self._readouts, self._focus)]
        return shown + [s for s in self._pins if s not in shown]

    def curves(self) -> dict[str, tuple[pg.PlotCurveItem, pg.PlotCurveItem]]:
        """species id -> (current curve, healthy-reference curve)."""
        return {sid: (t.current, t.healthy) for sid, t in self._traces.items()}

    def window_minutes(self) -> float:
        return self._window

    def set_window_minutes(self, minutes: float) -> None:
        """Show the last ``minutes`` of simulated time (default 30)."""
        if not (isinstance(minutes, (int, float)) and math.isfinite(minutes) and minutes > 0):
            raise ValueError(f"the visible window must be a positive number of minutes, not {minutes!r}")
        self._window = float(minutes)
        if self._scrub_time is not None:
            x1 = self._range[1]
            self._range = replay_range(x1, self._window)
            self._plot.getPlotItem().getViewBox().setXRange(*self._range, padding=0)
            self.scrub_to(min(max(self._scrub_time, self._range[0]), x1))
        self._set_slider_steps()
        self._invalidate()

    def scenario(self):
        return self._scenario

    def set_scenario(self, scenario) -> None:
        """Span the whole of ``scenario`` in clock time with its sleep shaded; None: the last minutes again."""
        self._scenario = scenario
        self._window = scenario.duration if scenario is not None else 30.0
        self._scrub_time = None
        font = QFont(self.font())
        font.setPixelSize(self._look.tick_px)
        self.nights.show(scenario, font)
        self.scrub_bar.set_time_format(None if scenario is None else scenario.clock)
        self._apply_look()
        self._set_slider_steps()
        self._invalidate()

    def _live_bounds(self, times: np.ndarray) -> tuple[float, float]:
        return live_range(times, self._window) if self._scenario is None else scenario_range(self._scenario)

    def _ticks(self, x0: float, x1: float) -> list[tuple[float, str]]:
        return time_ticks(x0, x1) if self._scenario is None else clock_ticks(self._scenario, x0, x1)

    def set_projector(self, on: bool) -> None:
        """Larger type, thicker lines and markers for a projector."""
        if bool(on) != self._projector:
            self._projector = bool(on)
            self._look = Look(self._projector)
            self._apply_look()
            for trace in self._traces.values():
                trace.set_look(self._look.line_width, self._look.marker_px)
            self._invalidate()

    def _rebuild_traces(self) -> None:
        item = self._plot.getPlotItem()
        shown = self.shown_species()
        for sid in [s for s in self._traces if s not in shown]:
            trace = self._traces.pop(sid)
            item.removeItem(trace.current)
            item.removeItem(trace.healthy)
        traces = {}
        for column, sid in enumerate(shown):
            trace = self._traces.get(sid)
            if trace is None:
                trace = Trace(sid, self._labels[sid], self._styles.of(sid), column)
                trace.set_look(self._look.line_width, self._look.marker_px)
                item.addItem(trace.healthy)
                item.addItem(trace.current)
            trace.column = column
            traces[sid] = trace
        self._traces = traces
        index = self._live.index
        self._cols = np.array([index[s] for s in shown], dtype=np.intp)
        self._legend.set_entries([(t.label, t.style) for t in traces.values()])
        self._invalidate()

    def _apply_look(self) -> None:
        look = self._look
        item = self._plot.getPlotItem()
        tick_font = QFont()
        tick_font.setPixelSize(look.tick_px)
        label_style = {"color": TEXT.name(), "font-size": f"{look.font_px}px"}
        x_label = (X_LABEL.format(unit=self._live.pathway.time_unit) if self._scenario is None
                   else time_of_day_label(self._scenario))
        for name, text in (("left", Y_LABEL), ("bottom", x_label)):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(AXIS, width=1.5))
            axis.setTextPen(pg.mkPen(TEXT))
            axis.setTickFont(tick_font)
            axis.enableAutoSIPrefix(False)  # else every scroll re-typesets the label
            axis.setLabel(text, **label_style)
        self._cursor.setPen(pg.mkPen(CURSOR, width=look.cursor_width))
        self._cursor.setHoverPen(pg.mkPen(CURSOR, width=2 * look.cursor_width))
        font = QFont(self.font())
        font.setPixelSize(look.font_px)
        self._legend.set_look(font, look.line_width, look.marker_px)
        self.scrub_bar.set_look(font)

    def _invalidate(self) -> None:
        self._layout_version += 1
        self.refresh()

    # -- drawing ---------------------------------------------------------------------------------
    def refresh(self) -> bool:
        """Redraw from the live history; True if it did. Cheap: returns at once when hidden or nothing
        new was recorded."""
        if not self.isVisible():
            return False
        history = self._live.history
        times = history.times()
        key = (len(times), times[-1] if len(times) else None, self._layout_version)
        if key == self._drawn:
            return False
        self._drawn = key
        ended = self._scrub_time is not None and not (len(times) and times[0] <= self._scrub_time <= times[-1])
        if ended:
            self._scrub_time = None
        if self._scrub_time is None:
            self._range = self._live_bounds(times)
            view = self._plot.getPlotItem().getViewBox()
            view.setXRange(*self._range, padding=0)
            view.updateMatrix()  # now, not while painting, which would ask for a second paint
            self._plot.getPlotItem().getAxis("bottom").setTicks([self._ticks(*self._range), []])
        t, current, healthy = self._visible(times, self._range)
        x0, x1 = self._range
        view = self._plot.getPlotItem().getViewBox()
        minutes_per_px = (x1 - x0) / max(view.width(), 1.0)
        activity_per_px = self._y_span / max(view.height(), 1.0)
        # Straight runs drawn as one segment look the same as every sample and cost far less.
        both = np.hstack((current, healthy))
        keep = needed_samples(t, both, _TOLERANCE_PX * activity_per_px)
        dash, gap = (self._look.line_width * f for f in HEALTHY_DASH)
        n = len(self._traces)
        for trace in self._traces.values():
            k = trace.column
            trace.current.set_points(t[keep[:, k]], both[keep[:, k], k], minutes_per_px, activity_per_px)
            kh = keep[:, n + k]
            trace.healthy.set_points(*dashes(t[kh], both[kh, n + k], minutes_per_px, activity_per_px, dash, gap),
                                     minutes_per_px, activity_per_px)
        if self._scrub_time is None:
            self._cursor.setValue(times[-1] if len(times) else 0.0)
        self._update_scrub_widgets()
        if ended:
            self.scrub_released.emit()
        return True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._drawn = None  # refresh() skipped while hidden
        self.refresh()

    def _visible(self, times: np.ndarray, bounds: tuple[float, float]):
        """Times, current and healthy activities (samples × shown species) between the time bounds."""
        a, b = span(times, bounds)
        # Both runs are recorded together, so one span of samples serves both histories.
        current = self._live.normalised(self._live.history.window(a, b, self._cols), self._cols)
        healthy = self._live.normalised(self._live.healthy_history.window(a, b, self._cols), self._cols)
        return times[a:b], current, healthy

    # -- scrubbing ---------------------------------------------------------------------------------
    def is_scrubbing(self) -> bool:
        return self._scrub_time is not None

    def scrub_time(self) -> float | None:
        """The replayed time, or None when live."""
        return self._scrub_time

    def scrub_to(self, minutes: float) -> None:
        """Replay the recorded sample nearest ``minutes`` (within the visible window); emits ``scrubbed``."""
        times = self._live.history.times()
        a, b = span(times, self._range)
        times = times[a:b]
        if not len(times):
            return
        t = float(times[nearest_sample(times, minutes)])
        self._cursor.setValue(t)  # snaps a dragged cursor onto the sample
        if t == self._scrub_time:
            return
        self._scrub_time = t  # the range stays where it is while replaying
        self._update_scrub_widgets()
        self.scrubbed.emit(t)

    def resume_live(self) -> None:
        """Stop replaying: follow the simulation again; emits ``scrub_released``."""
        if self._scrub_time is None:
            return
        self._scrub_time = None
        self._drawn = None
        self.refresh()
        self._update_scrub_widgets()
        self.scrub_released.emit()

    def _scrub_bar_moved(self, fraction: float) -> None:
        x0, x1 = self._range
        self.scrub_to(x0 + (x1 - x0) * fraction)

    def _set_slider_steps(self) -> None:
        self.scrub_bar.set_steps(self._window, self._live.sample_every)

    def _update_scrub_widgets(self) -> None:
        times = self._live.history.times() if self._scenario is not None else ()
        self.scrub_bar.show_time(self._scrub_time, self._range, float(times[-1]) if len(times) else None)

    # -- export ------------------------------------------------------------------------------------
    def export_csv(self, path: str | os.PathLike) -> int:
        """Write the visible time courses as CSV (atomically); returns the number of rows.

        Columns: ``minutes``, then ``<id>`` and ``<id>_healthy`` per shown species, in normalised
        activity exactly as recorded. Raises WriteError (an OSError) naming the file and the fix;
        an earlier file stays intact.
        """
        times = self._live.history.times()
        # Computed afresh: refresh() skips its work while the panel is hidden.
        bounds = self._range if self.is_scrubbing() else self._live_bounds(times)
        t, current, healthy = self._visible(times, bounds)
        return write_csv(path, t, current, healthy, list(self._traces))

    def ask_export_csv(self) -> str | None:
        """Ask for a file name and export; reports failures in a message box. Returns the path written."""
        path = ask_csv_path(self)
        if path is None:
            return None
        try:
            self.export_csv(path)
        except OSError as err:
            QMessageBox.warning(self, "Export failed", str(err))
            return None
        return path

    def context_menu(self) -> QMenu:
        """The plot's context menu: export, back to live, and one unpin entry per pinned node."""
        menu = QMenu(self)
        menu.addAction(EXPORT_TITLE, self.ask_export_csv)
        if self.is_scrubbing():
            menu.addAction("Back to live", self.resume_live)
        if self._pins:
            menu.addSeparator()
            for sid in self._pins:
                menu.addAction(f"Unpin {self._labels[sid]}", lambda s=sid: self.unpin(s))
        return menu

    def _show_context_menu(self, global_pos) -> None:
        menu = self.context_menu()
        menu.exec(global_pos)
        menu.deleteLater()
