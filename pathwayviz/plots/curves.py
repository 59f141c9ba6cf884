"""How the time courses are drawn: curves at pixel precision, their simplification and dashes.

Each curve is drawn as separate segments, so a dashed healthy reference gets its dashes computed
here (a dashed pen would restart its pattern at every segment) and anchored to absolute time.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QRectF, Qt
from PySide6.QtGui import QPainter

import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol
from pyqtgraph.Qt.internals import PrimitiveArray

from .style import TraceStyle

_LEVELS = (16, 4)  # sample strides tried before keeping every sample
MARKER_OUTLINE = pg.mkPen("w", width=1.5)


class PixelCurve(pg.PlotCurveItem):
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
            drawSymbol(p, symbol, size, MARKER_OUTLINE, brush)
        p.restore()

    def viewTransformChanged(self) -> None:  # noqa: N802 (pyqtgraph override)
        """Nothing to do: the bounds come with the data, which the panel sets again after a resize."""


class Trace:
    """The two curves of one species: the current run (solid) and its healthy reference (dashed).

    Each is drawn as separate segments (see PixelCurve), so the healthy reference's dashes are
    made here as segment pairs: a dashed pen would restart its pattern at every segment.
    """

    def __init__(self, species_id: str, label: str, style: TraceStyle, column: int):
        self.species_id = species_id
        self.label = label
        self.style = style
        self.column = column
        self.current = PixelCurve(antialias=True, skipFiniteCheck=True, name=label)
        self.healthy = PixelCurve(antialias=True, skipFiniteCheck=True, connect="pairs",
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


def time_ticks(x0: float, x1: float) -> list[tuple[float, str]]:
    """Labelled ticks at a round step giving about six per window (explicit ticks cost less per scroll)."""
    step = next((s for s in (0.5, 1, 2, 5, 10, 15, 20, 30, 60, 120, 240, 600) if (x1 - x0) / s <= 7), 1200)
    first = math.ceil(x0 / step - 1e-9) * step
    return [(v, f"{v:g}") for v in np.arange(first, x1 + 1e-9, step).tolist()]


def needed_samples(t: np.ndarray, y: np.ndarray, tolerance: float) -> np.ndarray:
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


def dashes(t: np.ndarray, y: np.ndarray, minutes_per_px: float, activity_per_px: float, dash: float,
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
