"""Signal pulses: dots moving along every edge at a speed proportional to the edge's flux.

Each edge keeps its path as one cubic Bézier (4 control points; a straight edge is a cubic with
its controls on the line), in numpy arrays for all edges together. A frame computes every dot of
every visible edge in a few vectorised operations and draws them with one ``drawPoints`` per pen
(flux level), straight from the array's memory: no per-dot Python objects, and memory linear in
the number of edges (pre-sampling 5,000 edges as QPointF lists took 24 s and about 1 GB).
"""

from __future__ import annotations

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QRegion
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .edges import cubic_controls
from .style import Theme

#: Viewport property: a view that sets it paints the nodes into its background (see nodes.py).
NODES_IN_BACKGROUND = "pathwayviz_nodes_in_background"
FLUX_LEVELS = 64  # a pen per 1/64 of flux: dots of nearly equal flux share one draw call
MIN_FLUX = 0.03   # quieter edges show no dots


class PulseLayer(QGraphicsItem):
    """Signal pulses on every edge, moving at a speed proportional to the edge's flux.

    Pulses are evenly spaced dots; their phase advances by flux × dt, so a quiet edge stops and
    its dots fade out, while a busy edge streams. Drawn as one item for speed.
    """

    SPACING = 46.0
    SPEED = 120.0  # scene units per simulated minute at flux 1
    MIN_SCALE = 0.2  # view scale below which a diagram of MANY_EDGES draws no dots (see dots)
    MANY_EDGES = 1000
    ARROW_CLEARANCE = 14.0  # no dots on the last units of an edge (its arrowhead or T-bar)

    def __init__(self, theme: Theme):
        super().__init__()
        self.theme = theme
        self.edges: list = []
        self.phase = np.zeros(0)
        self.flux = np.zeros(0)
        self._controls = np.zeros((0, 4, 2))
        self._length = np.zeros(0)
        self._edge_bounds = np.zeros((0, 4))  # x0, y0, x1, y1 per edge, padded by a dot
        self._bounds = QRectF()
        self._points = np.zeros((0, 2))
        self._covers: list[QRectF] = []
        self._clip: QRegion | None = None
        self.setZValue(5)
        self.setFlag(QGraphicsItem.ItemUsesExtendedStyleOption, True)  # exposedRect: only visible edges

    def set_edges(self, edges: list) -> None:
        """Take the edges' paths (EdgeGeometry: ``path`` and ``length``); phases start at 0."""
        self.prepareGeometryChange()
        self.edges = edges
        self._clip = None
        count = len(edges)
        self.phase = np.zeros(count)
        self.flux = np.zeros(count)
        self._controls = np.zeros((count, 4, 2))
        self._length = np.array([max(e.length, 1e-9) for e in edges], dtype=float)
        for k, e in enumerate(edges):
            controls = cubic_controls(e.path)
            if controls is None:  # not made by route_edges: follow the path's own percent, as a chord
                a, b = e.path.pointAtPercent(0.0), e.path.pointAtPercent(1.0)
                p0, p3 = np.array([a.x(), a.y()]), np.array([b.x(), b.y()])
                controls = np.array([p0, p0 + (p3 - p0) / 3, p0 + 2 * (p3 - p0) / 3, p3])
            self._controls[k] = controls
        pad = 12.0
        # The paths' own bounds (a curve's control points reach further than the curve does).
        tight = np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in (e.path.boundingRect() for e in edges)],
                         dtype=float).reshape(-1, 4)
        lo, hi = tight[:, :2] - pad, tight[:, 2:] + pad
        self._edge_bounds = np.hstack((lo, hi))
        if count:
            x0, y0 = lo.min(axis=0) - pad
            x1, y1 = hi.max(axis=0) + pad
            self._bounds = QRectF(x0, y0, x1 - x0, y1 - y0)
        else:
            self._bounds = QRectF()

    def set_covers(self, rects: list[QRectF]) -> None:
        """The node bodies, which hide the pulses under them when a view paints the nodes first."""
        self._covers = list(rects)
        self._clip = None

    def _uncovered(self) -> QRegion:
        if self._clip is None:
            region = QRegion(self._bounds.toAlignedRect())
            for r in self._covers:
                region -= QRegion(r.toAlignedRect())
            self._clip = region
        return self._clip

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def advance_pulses(self, flux, minutes: float) -> None:
        """New flux per edge (0–1); phases move on by flux × SPEED × ``minutes``."""
        self.flux = np.asarray(flux, dtype=float).reshape(-1)
        if len(self.flux) == len(self.phase):
            self.phase = (self.phase + self.flux * self.SPEED * minutes) % self.SPACING
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    @property
    def nbytes(self) -> int:
        """Memory the layer keeps per edge (control points, lengths, bounds, phase and flux)."""
        return sum(a.nbytes for a in (self._controls, self._length, self._edge_bounds, self.phase, self.flux))

    def dots(self, exposed: QRectF, scale: float) -> tuple[np.ndarray, np.ndarray]:
        """Positions (m×2) and edge index (m) of every dot on the edges crossing ``exposed``.

        In a diagram of thousands of edges fitted whole (below MIN_SCALE) dots would be under a
        pixel apart and cost a second per frame: none are drawn; node fills still move.
        """
        empty = np.zeros((0, 2)), np.zeros(0, dtype=np.intp)
        count = len(self._length)
        if not count or len(self.flux) != count or (scale < self.MIN_SCALE and count >= self.MANY_EDGES):
            return empty
        b = self._edge_bounds
        seen = ((self.flux >= MIN_FLUX) & (b[:, 0] <= exposed.right()) & (b[:, 2] >= exposed.left())
                & (b[:, 1] <= exposed.bottom()) & (b[:, 3] >= exposed.top()))
        edges = np.flatnonzero(seen)
        if not len(edges):
            return empty
        length, phase = self._length[edges], self.phase[edges]
        usable = length - self.ARROW_CLEARANCE
        per_edge = np.maximum(0, np.ceil((usable - phase) / self.SPACING)).astype(np.intp)
        edge_of_dot = np.repeat(edges, per_edge)
        if not len(edge_of_dot):
            return empty
        first = np.cumsum(per_edge) - per_edge
        step = np.arange(len(edge_of_dot)) - np.repeat(first, per_edge)
        t = (np.repeat(phase, per_edge) + step * self.SPACING) / self._length[edge_of_dot]
        c = self._controls[edge_of_dot]
        u = 1.0 - t
        w = np.stack((u ** 3, 3 * u * u * t, 3 * u * t * t, t ** 3), axis=1)
        return np.einsum("mk,mkd->md", w, c), edge_of_dot

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        scale = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        points, edge_of_dot = self.dots(option.exposedRect, scale)
        if not len(points):
            return
        if widget is not None and widget.property(NODES_IN_BACKGROUND):
            # The nodes are already in that view's background, under us: leave their bodies clear,
            # as if the pulses ran beneath them (the way exports, which paint nodes last, look).
            painter.setClipRegion(self._uncovered(), Qt.IntersectClip)
        painter.setRenderHint(QPainter.Antialiasing)
        painter.setBrush(Qt.NoBrush)
        level = np.rint(np.minimum(self.flux[edge_of_dot], 1.0) * FLUX_LEVELS).astype(np.intp)
        order = np.argsort(level, kind="stable")
        self._points = np.ascontiguousarray(points[order])  # kept alive while Qt reads it
        level = level[order]
        cuts = (np.flatnonzero(level[1:] != level[:-1]) + 1).tolist()
        starts, ends = [0] + cuts, cuts + [len(level)]
        pens = self._pens()
        address, row = self._points.ctypes.data, self._points.strides[0]
        for a, b in zip(starts, ends):
            # Round-capped points of width 2r are dots; one call per flux level keeps this cheap.
            painter.setPen(pens[int(level[a])])
            painter.drawPoints(shiboken6.wrapInstance(address + a * row, QPointF), b - a)

    def _pens(self) -> list[QPen]:
        """One pen per flux level: busier edges' dots are larger and more opaque."""
        if getattr(self, "_pen_theme", None) is not self.theme:
            base = QColor(self.theme.pulse_color)
            radius_max = 2.5 + self.theme.edge_width
            pens = []
            for k in range(FLUX_LEVELS + 1):
                f = k / FLUX_LEVELS
                colour = QColor(base)
                colour.setAlphaF(min(1.0, 0.25 + 0.75 * f))
                pens.append(QPen(colour, 2 * radius_max * (0.45 + 0.55 * f), Qt.SolidLine, Qt.RoundCap))
            self._pen_list, self._pen_theme = pens, self.theme
        return self._pen_list
