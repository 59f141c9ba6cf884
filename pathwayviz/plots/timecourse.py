"""Time courses of the readouts and pinned nodes, each beside its healthy reference.

The panel observes a LiveSimulation and owns no simulation state: every refresh reads the visible
window of the live ring buffers. A scrubber (the slider, or dragging the time cursor) replays the
recorded minutes; the main window follows ``scrubbed(t)`` by drawing ``live.snapshot(t)``.
"""

from __future__ import annotations

import math
import os

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QSlider,
                               QVBoxLayout, QWidget)

import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from pyqtgraph.Qt.internals import PrimitiveArray

from ..model.files import write_text_atomic
from ..theme.palette import HEALTHY_DASH
from ..sim.live import History, LiveSimulation
from .style import AXIS, CURSOR, TEXT, TraceStyle, TraceStyles, check_focus, focused_readouts, lighter

X_LABEL = "simulated minutes"
Y_LABEL = "activity (normalised 0–1)"
EXPORT_TITLE = "Export visible time courses as CSV…"
_SLIDER_STEPS = 1000  # the slider spans the visible window; its right end means "live"
_RIGHT_MARGIN = 0.025  # of the window
_Y_RANGE = (-0.05, 1.05)  # room for the "0" and "1" labels at projector size
_TOLERANCE_PX = 0.3  # how far a simplified curve may stray from the samples
_LEVELS = (16, 4)  # sample strides tried before keeping every sample
_MARKER_OUTLINE = pg.mkPen("w", width=1.5)


class _Look:
    """Sizes for the normal and the projector look."""

    def __init__(self, projector: bool):
        self.font_px = 22 if projector else 14
        self.tick_px = 20 if projector else 13
        self.line_width = 4.0 if projector else 2.75
        self.cursor_width = 3.0 if projector else 2.0
        self.marker_px = 16 if projector else 12


class _PixelCurve(pg.PlotCurveItem):
    """A PlotCurveItem stroked segment by segment in device pixels, with an optional end marker.

    Qt's fast path for thick antialiased lines needs single line segments, an untransformed
    painter and square or flat caps. A polyline, or a line under pyqtgraph's data-to-pixel
    scaling, takes the general stroker: ≈0.7 ms per nearly horizontal 900-pixel trace instead of
    ≈0.03 ms. Data and bounds are set directly (set_points): PlotCurveItem.setData and its bounds,
    which it recomputes for every curve whenever the view scrolls, cost more than the drawing.
    """

    def __init__(self, **opts):
        super().__init__(**opts)
        self._segments = PrimitiveArray(QLineF, 4)
        self._bounds = QRectF()
        self._marker: tuple[str, int, object] | None = None  # symbol, size in pixels, brush

    def set_marker(self, symbol: str, size: int, colour) -> None:
        """Mark the newest point (a shape per species, so colour is not the only cue)."""
        self._marker = (symbol, size, pg.mkBrush(colour))
        self.update()

    def set_points(self, x: np.ndarray, y: np.ndarray, minutes_per_px: float, activity_per_px: float) -> None:
        """New data (x ascending), with bounds padded for the pen and marker at this pixel scale."""
        self.prepareGeometryChange()
        self.xData, self.yData = x, y
        if len(x):
            pad = max(self.opts["pen"].widthF(), self._marker[1] / 2 + 2 if self._marker else 0.0)
            low, high = float(y.min()), float(y.max())
            self._bounds = QRectF(x[0] - pad * minutes_per_px, low - pad * activity_per_px,
                                  x[-1] - x[0] + 2 * pad * minutes_per_px, high - low + 2 * pad * activity_per_px)
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt override)
        return self._bounds

    def paint(self, p, opt, widget) -> None:
        x, y = self.xData, self.yData
        if x is None or len(x) < 2:
            return
        m = p.transform()
        xd = m.m11() * x + m.m21() * y + m.m31()
        yd = m.m12() * x + m.m22() * y + m.m32()
        segments = arrayToLineSegments(xd, yd, self.opts["connect"], False, out=self._segments)
        p.save()
        p.resetTransform()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, self.opts["antialias"])
        p.setPen(self.opts["pen"])
        p.drawLines(*segments.drawargs())
        if self._marker is not None:
            symbol, size, brush = self._marker
            p.translate(float(xd[-1]), float(yd[-1]))
            drawSymbol(p, symbol, size, _MARKER_OUTLINE, brush)
        p.restore()

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph override)
        """Nothing to do: the bounds come with the data, which the panel sets again after a resize."""


class _Trace:
    """The two curves of one species: the current run (solid) and its healthy reference (dashed).

    Each is drawn as separate segments (see _PixelCurve), so the healthy reference's dashes are
    made here as segment pairs: a dashed pen would restart its pattern at every segment.
    """

    def __init__(self, species_id: str, label: str, style: TraceStyle, column: int):
        self.species_id = species_id
        self.label = label
        self.style = style
        self.column = column
        self.current = _PixelCurve(antialias=True, skipFiniteCheck=True, name=label)
        self.healthy = _PixelCurve(antialias=True, skipFiniteCheck=True, connect="pairs",
                                   name=f"{label} (healthy)")
        self.current.setZValue(2)
        self.healthy.setZValue(1)

    def set_look(self, width: float, marker_px: int) -> None:
        solid = pg.mkPen(self.style.colour, width=width)  # square caps overlap and close the joints
        self.current.setPen(solid)
        self.current.set_marker(self.style.symbol, self.style.marker_size(marker_px), self.style.colour)
        dash = pg.mkPen(self.style.healthy_colour, width=width)
        dash.setCapStyle(Qt.PenCapStyle.FlatCap)  # dashes exactly as long as computed
        self.healthy.setPen(dash)


class TimeCoursePanel(QWidget):
    """Time courses of the readouts (by focus) and pinned nodes, with a time cursor and a scrubber.

    Call ``refresh()`` once per frame; it redraws only when the history has a new sample.
    """

    pins_changed = Signal()
    scrubbed = Signal(float)       # a recorded time was chosen; draw live.snapshot(t)
    scrub_released = Signal()      # replay ended; the plots (and the diagram) are live again
    csv_exported = Signal(str)     # path written from the context menu or ask_export_csv()

    def __init__(self, live: LiveSimulation, parent: QWidget | None = None):
        super().__init__(parent)
        self._live = live
        pathway = live.pathway
        self._readouts = list(pathway.readouts)
        self._labels = {sid: sp.label for sid, sp in pathway.species.items()}
        self._labels.update({r.species: r.label for r in self._readouts})
        self._ymax = live.engine.compiled.ymax
        self._styles = TraceStyles(self._readouts)
        self._focus = "both"
        self._pins: list[str] = []
        self._window = 30.0
        self._projector = False
        self._look = _Look(False)
        self._traces: dict[str, _Trace] = {}
        self._cols = np.zeros(0, dtype=np.intp)
        self._scale = np.zeros(0)
        self._range = (0.0, self._window)
        self._scrub_time: float | None = None
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
        self._legend = _TraceLegend(self)

        self._slider = QSlider(Qt.Orientation.Horizontal)
        self._slider.setRange(0, _SLIDER_STEPS)
        self._slider.setValue(_SLIDER_STEPS)
        self._slider.setToolTip("Replay the last minutes; drag to the right end (or press Live) to follow the "
                                "simulation again")
        self._slider.setAccessibleName("Replay time")
        self._slider.valueChanged.connect(self._slider_changed)
        self._slider.sliderReleased.connect(self._slider_released)
        self._live_button = QPushButton("Live")
        self._live_button.setToolTip("Stop replaying and follow the simulation")
        self._live_button.clicked.connect(self.resume_live)
        self._status = QLabel("live")

        scrub_row = QHBoxLayout()
        scrub_row.addWidget(self._status)
        scrub_row.addWidget(self._slider, 1)
        scrub_row.addWidget(self._live_button)
        plot_row = QHBoxLayout()
        plot_row.setSpacing(4)
        plot_row.addWidget(self._plot, 1)
        plot_row.addWidget(self._legend)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(plot_row, 1)
        outer.addLayout(scrub_row)

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
            self._range = (x1 - (1 + _RIGHT_MARGIN) * self._window, x1)
            self._plot.getPlotItem().getViewBox().setXRange(*self._range, padding=0)
            self.scrub_to(min(max(self._scrub_time, self._range[0]), x1))
        self._set_slider_steps()
        self._invalidate()

    def set_projector(self, on: bool) -> None:
        """Larger type, thicker lines and markers for a projector."""
        if bool(on) != self._projector:
            self._projector = bool(on)
            self._look = _Look(self._projector)
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
                trace = _Trace(sid, self._labels[sid], self._styles.of(sid), column)
                trace.set_look(self._look.line_width, self._look.marker_px)
                item.addItem(trace.healthy)
                item.addItem(trace.current)
            trace.column = column
            traces[sid] = trace
        self._traces = traces
        index = self._live.index
        self._cols = np.array([index[s] for s in shown], dtype=np.intp)
        self._scale = 1.0 / self._ymax[self._cols]
        self._legend.set_entries([(t.label, t.style) for t in traces.values()])
        self._invalidate()

    def _apply_look(self) -> None:
        look = self._look
        item = self._plot.getPlotItem()
        tick_font = QFont()
        tick_font.setPixelSize(look.tick_px)
        label_style = {"color": TEXT.name(), "font-size": f"{look.font_px}px"}
        for name, text in (("left", Y_LABEL), ("bottom", X_LABEL)):
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
        for widget in (self._status, self._live_button):
            widget.setFont(font)
        self._status.setMinimumWidth(QFontMetrics(font).horizontalAdvance("replaying 0000.0 min "))

    def _invalidate(self) -> None:
        self._layout_version += 1
        self.refresh()

    # -- drawing ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw from the live history. Cheap: returns at once when hidden or nothing new was recorded."""
        if not self.isVisible():
            return
        history = self._live.history
        times, rows = _chronological(history)
        key = (len(times), times[-1] if len(times) else None, self._layout_version)
        if key == self._drawn:
            return
        self._drawn = key
        ended = self._scrub_time is not None and not (len(times) and times[0] <= self._scrub_time <= times[-1])
        if ended:
            self._scrub_time = None
        if self._scrub_time is None:
            self._range = self._live_range(times)
            view = self._plot.getPlotItem().getViewBox()
            view.setXRange(*self._range, padding=0)
            view.updateMatrix()  # now, not while painting, which would ask for a second paint
            self._plot.getPlotItem().getAxis("bottom").setTicks([_time_ticks(*self._range), []])
        t, current, healthy = self._visible(times, rows, self._range)
        x0, x1 = self._range
        view = self._plot.getPlotItem().getViewBox()
        minutes_per_px = (x1 - x0) / max(view.width(), 1.0)
        activity_per_px = self._y_span / max(view.height(), 1.0)
        # Straight runs drawn as one segment look the same as every sample and cost far less.
        both = np.hstack((current, healthy))
        keep = _needed_samples(t, both, _TOLERANCE_PX * activity_per_px)
        dash, gap = (self._look.line_width * f for f in HEALTHY_DASH)
        n = len(self._traces)
        for trace in self._traces.values():
            k = trace.column
            trace.current.set_points(t[keep[:, k]], both[keep[:, k], k], minutes_per_px, activity_per_px)
            kh = keep[:, n + k]
            trace.healthy.set_points(*_dashes(t[kh], both[kh, n + k], minutes_per_px, activity_per_px, dash, gap),
                                     minutes_per_px, activity_per_px)
        if self._scrub_time is None:
            self._cursor.setValue(times[-1] if len(times) else 0.0)
        self._update_scrub_widgets()
        if ended:
            self.scrub_released.emit()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self._drawn = None  # refresh() skipped while hidden
        self.refresh()

    def _live_range(self, times: np.ndarray) -> tuple[float, float]:
        if not len(times):
            return (0.0, self._window)
        end = max(float(times[-1]), float(times[0]) + self._window)
        # A little room right of the newest sample keeps its marker and the cursor in view.
        return (end - self._window, end + _RIGHT_MARGIN * self._window)

    def _visible(self, times: np.ndarray, rows: np.ndarray, bounds: tuple[float, float]):
        """Times, current and healthy activities (samples × shown species) between the time bounds."""
        a, b = _span(times, bounds)
        visible = rows[a:b]
        # Both runs are recorded together, so one set of ring positions serves both buffers.
        current = _columns(self._live.history, visible, self._cols) * self._scale
        healthy = _columns(self._live.healthy_history, visible, self._cols) * self._scale
        return times[a:b], current, healthy

    # -- scrubbing ---------------------------------------------------------------------------------
    def is_scrubbing(self) -> bool:
        return self._scrub_time is not None

    def scrub_time(self) -> float | None:
        """The replayed time, or None when live."""
        return self._scrub_time

    def scrub_to(self, minutes: float) -> None:
        """Replay the recorded sample nearest ``minutes`` (within the visible window); emits ``scrubbed``."""
        times, _ = _chronological(self._live.history)
        a, b = _span(times, self._range)
        times = times[a:b]
        if not len(times):
            return
        k = int(np.clip(np.searchsorted(times, minutes), 0, len(times) - 1))
        if k > 0 and abs(times[k - 1] - minutes) <= abs(times[k] - minutes):
            k -= 1
        t = float(times[k])
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

    def _slider_changed(self, value: int) -> None:
        if value >= _SLIDER_STEPS and not self._slider.isSliderDown():
            self.resume_live()
        else:
            x0, x1 = self._range
            self.scrub_to(x0 + (x1 - x0) * value / _SLIDER_STEPS)

    def _slider_released(self) -> None:
        if self._slider.value() >= _SLIDER_STEPS:
            self.resume_live()

    def _set_slider_steps(self) -> None:
        per_minute = _SLIDER_STEPS / self._window
        self._slider.setSingleStep(max(1, round(per_minute * self._live.sample_every)))  # one sample
        self._slider.setPageStep(max(1, round(per_minute)))  # one minute

    def _update_scrub_widgets(self) -> None:
        # Nothing here changes while live, so following the simulation repaints neither widget.
        scrubbing = self._scrub_time is not None
        if not self._slider.isSliderDown():
            x0, x1 = self._range
            value = round((self._scrub_time - x0) / (x1 - x0) * _SLIDER_STEPS) if scrubbing else _SLIDER_STEPS
            if value != self._slider.value():
                self._slider.blockSignals(True)
                self._slider.setValue(value)
                self._slider.blockSignals(False)
        text = f"replaying {self._scrub_time:.1f} min" if scrubbing else "live"
        if text != self._status.text():
            self._status.setText(text)
        self._live_button.setEnabled(scrubbing)

    # -- export ------------------------------------------------------------------------------------
    def export_csv(self, path: str | os.PathLike) -> int:
        """Write the visible time courses as CSV (atomically); returns the number of rows.

        Columns: ``minutes``, then ``<id>`` and ``<id>_healthy`` per shown species, in normalised
        activity exactly as recorded. Raises WriteError (an OSError) naming the file and the fix;
        an earlier file stays intact.
        """
        times, rows = _chronological(self._live.history)
        # Computed afresh: refresh() skips its work while the panel is hidden.
        bounds = self._range if self.is_scrubbing() else self._live_range(times)
        t, current, healthy = self._visible(times, rows, bounds)
        table = np.empty((len(t), 1 + 2 * len(self._traces)))
        table[:, 0] = t
        table[:, 1::2] = current
        table[:, 2::2] = healthy
        header = ["minutes"] + [c for sid in self._traces for c in (sid, f"{sid}_healthy")]
        lines = [",".join(header)] + [",".join(map(repr, row)) for row in table.tolist()]
        write_text_atomic(path, "\n".join(lines) + "\n")
        return len(t)

    def ask_export_csv(self) -> str | None:
        """Ask for a file name and export; reports failures in a message box. Returns the path written."""
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _ = QFileDialog.getSaveFileName(self, "Export visible time courses as CSV",
                                              os.path.join(folder, "pathwayviz-time-courses.csv"),
                                              "CSV files (*.csv)")
        if not path:
            return None
        if not path.lower().endswith(".csv"):
            path += ".csv"
        try:
            self.export_csv(path)
        except OSError as err:
            QMessageBox.warning(self, "Export failed", str(err))
            return None
        self.csv_exported.emit(path)
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


def _chronological(history: History) -> tuple[np.ndarray, np.ndarray]:
    """Times in order and their rows in the ring's storage.

    Reads the ring in place: History.arrays() copies every state (≈0.3 ms at the default capacity),
    too slow per frame when only the visible window and a few species are needed.
    """
    rows = (history._start + np.arange(len(history))) % history.capacity
    return history._t[rows], rows


def _time_ticks(x0: float, x1: float) -> list[tuple[float, str]]:
    """Labelled ticks at a round step giving about six per window (explicit ticks cost less per scroll)."""
    step = next((s for s in (0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 600) if (x1 - x0) / s <= 7), 1200)
    first = math.ceil(x0 / step - 1e-9) * step
    return [(v, f"{v:g}") for v in np.arange(first, x1 + 1e-9, step).tolist()]


def _needed_samples(t: np.ndarray, y: np.ndarray, tolerance: float) -> np.ndarray:
    """Which samples (rows of y, one column per curve) a polyline needs to stay within ``tolerance``.

    Coarse to fine: every 16th sample, then every 4th inside 16-sample blocks whose chord strays
    too far, then every sample inside 4-sample blocks that still do. The first and last always stay.
    """
    m = len(t)
    keep = np.zeros(y.shape, dtype=bool)
    if m == 0:
        return keep
    idx = np.arange(m)
    failed = np.ones(y.shape, dtype=bool)  # the enclosing block of the previous level strays
    for stride in _LEVELS + (1,):
        keep |= failed & ((idx % stride == 0) | (idx == m - 1))[:, None]
        if stride == 1:
            break
        start = idx - idx % stride
        end = np.minimum(start + stride, m - 1)
        dt = t[end] - t[start]
        frac = np.divide(t - t[start], dt, out=np.zeros(m), where=dt > 0)[:, None]
        error = np.abs(y - (y[start] + (y[end] - y[start]) * frac))
        block_error = np.maximum.reduceat(error, np.arange(0, m, stride), axis=0)
        failed &= np.repeat(block_error > tolerance, stride, axis=0)[:m]
    return keep


def _dashes(t: np.ndarray, y: np.ndarray, minutes_per_px: float, activity_per_px: float, dash: float,
            gap: float) -> tuple[np.ndarray, np.ndarray]:
    """End points of the dashes (in pairs) along the polyline (t, y); dash and gap in pixels.

    The pattern is anchored to absolute time, so dashes scroll with the curve instead of crawling.
    """
    if len(t) < 2:
        return t[:0], y[:0]
    px, py = t / minutes_per_px, y / activity_per_px
    along = px[0] + np.concatenate(([0.0], np.cumsum(np.hypot(np.diff(px), np.diff(py)))))
    period = dash + gap
    starts = np.arange(np.floor(along[0] / period), np.ceil(along[-1] / period)) * period
    starts, ends = np.maximum(starts, along[0]), np.minimum(starts + dash, along[-1])
    pairs = np.column_stack((starts, ends))[ends > starts].ravel()
    return np.interp(pairs, along, t), np.interp(pairs, along, y)


def _span(times: np.ndarray, bounds: tuple[float, float]) -> tuple[int, int]:
    return int(np.searchsorted(times, bounds[0], "left")), int(np.searchsorted(times, bounds[1], "right"))


def _columns(history: History, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    return history._y[rows[:, None], cols]


class _TraceLegend(QWidget):
    """Names each trace beside its line and marker, and says which line style is the healthy reference."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._entries: list[tuple[str, TraceStyle]] = []
        self._font = QFont()
        self._line_width = 2.75
        self._marker_px = 11

    def set_entries(self, entries: list[tuple[str, TraceStyle]]) -> None:
        self._entries = list(entries)
        self.updateGeometry()
        self.update()

    def set_look(self, font: QFont, line_width: float, marker_px: int) -> None:
        self._font, self._line_width, self._marker_px = QFont(font), line_width, marker_px
        self.updateGeometry()
        self.update()

    def _metrics(self):
        fm = QFontMetrics(self._font)
        return fm, round(fm.height() * 1.35), round(fm.height() * 2.4)

    def _texts(self) -> list[str]:
        return ["now", "healthy reference", *(label for label, _ in self._entries)]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        fm, row, sample = self._metrics()
        width = sample + 18 + max(fm.horizontalAdvance(t) for t in self._texts())
        return QSize(width, row * (len(self._entries) + 2) + row // 2 + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        fm, row, sample = self._metrics()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        p.setFont(self._font)
        y = 4 + row / 2

        def line(y, colour, dashed=False):
            pen = QPen(colour, self._line_width)
            if dashed:
                pen.setDashPattern(list(HEALTHY_DASH))
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # as the plot draws its dashes
            p.setPen(pen)
            p.drawLine(QPointF(6, y), QPointF(6 + sample, y))

        def text(y, s, colour=TEXT):
            p.setPen(colour)
            p.drawText(QPointF(12 + sample, y + (fm.ascent() - fm.descent()) / 2), s)

        line(y, TEXT)
        text(y, "now")
        y += row
        line(y, lighter(TEXT, 0.45), dashed=True)
        text(y, "healthy reference")
        y += row * 1.5
        for label, style in self._entries:
            line(y, style.colour)
            p.save()
            p.translate(6 + sample / 2, y)
            drawSymbol(p, style.symbol, style.marker_size(self._marker_px), _MARKER_OUTLINE, pg.mkBrush(style.colour))
            p.restore()
            text(y, label)
            y += row
        p.end()
