"""Edges: their routing (a straight line, or the gentlest curve around other nodes), their pens,
and the static layer that paints them with arrowheads and T-bars (they never move).

The layer keeps every edge's bounds in a numpy array, so redrawing a few small regions of the
view's cached background (a node whose activity changed) paints only the edges that cross them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from ..theme.palette import INHIBIT_DASHES
from .style import Theme


def rects_array(rects) -> np.ndarray:
    """QRectFs as an n×4 array of x0, y0, x1, y1."""
    return np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], dtype=float).reshape(-1, 4)


def hits_any(bounds: np.ndarray, rects: np.ndarray) -> np.ndarray:
    """Which rows of ``bounds`` (n×4) intersect at least one of ``rects`` (m×4)."""
    if not len(bounds) or not len(rects):
        return np.zeros(len(bounds), dtype=bool)
    b, r = bounds[:, None, :], rects[None, :, :]
    return np.any((b[..., 0] <= r[..., 2]) & (b[..., 2] >= r[..., 0]) & (b[..., 1] <= r[..., 3])
                  & (b[..., 3] >= r[..., 1]), axis=1)


def edge_pen(theme: Theme, inhibits: bool) -> QPen:
    """The stroke of an edge: activation solid, inhibition dashed (told apart without colour)."""
    pen = QPen(QColor(theme.inhibit_edge if inhibits else theme.edge), theme.edge_width, Qt.SolidLine,
               Qt.FlatCap if inhibits else Qt.RoundCap, Qt.RoundJoin)
    if inhibits:
        pen.setDashPattern(list(INHIBIT_DASHES))
    return pen


@dataclass
class EdgeGeometry:
    """The drawn path of one visual edge (one or more merged interactions)."""

    source: str
    target: str
    inhibits: bool
    interactions: list[int]
    path: QPainterPath
    length: float
    end: QPointF
    end_angle: float  # degrees, direction of travel at the end
    feedback: bool = False  # runs against the automatic layout's top-to-bottom flow (drawn round the side)


class StaticLayer(QGraphicsItem):
    """All edges with their arrowheads and T-bars (they never move; the view caches them)."""

    ARROW_PAD = 20.0  # an arrowhead or T-bar reaches this far past its path's bounds

    def __init__(self, theme: Theme):
        super().__init__()
        self.theme = theme
        self.edges: list[EdgeGeometry] = []
        self._edge_bounds = np.zeros((0, 4))
        self._bounds = QRectF()
        self.setZValue(0)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

    def set_edges(self, edges: list[EdgeGeometry]) -> None:
        self.prepareGeometryChange()
        self.edges = edges
        pad = self.ARROW_PAD
        self._edge_bounds = rects_array(e.path.boundingRect().adjusted(-pad, -pad, pad, pad) for e in edges)
        rect = QRectF()
        for e in edges:
            rect = rect.united(e.path.boundingRect())
        self._bounds = rect.adjusted(-pad, -pad, pad, pad)
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        r = option.exposedRect
        self.paint_edges(painter, None if r.isNull() else rects_array([r]))

    def paint_edges(self, painter: QPainter, regions: np.ndarray | None = None) -> None:
        """Paint the edges, only those crossing one of ``regions`` (m×4 x0, y0, x1, y1) when given."""
        edges = self.edges if regions is None else [self.edges[k] for k in
                                                    np.flatnonzero(hits_any(self._edge_bounds, regions))]
        if not edges:
            return
        painter.setRenderHint(QPainter.Antialiasing)
        t = self.theme
        pens = {False: edge_pen(t, False), True: edge_pen(t, True)}
        size = 7 + 2.5 * t.edge_width
        arrow = QPolygonF([QPointF(0, 0), QPointF(-size * 1.4, -size * 0.7), QPointF(-size * 1.4, size * 0.7)])
        for e in edges:
            pen = pens[e.inhibits]
            colour = pen.color()
            painter.setPen(pen)
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(e.path)
            painter.save()
            painter.translate(e.end)
            painter.rotate(e.end_angle)
            if e.inhibits:
                painter.setPen(QPen(colour, t.edge_width * 1.6, Qt.SolidLine, Qt.FlatCap))
                painter.drawLine(QPointF(0, -size * 0.9), QPointF(0, size * 0.9))
            else:
                # Open arrowhead (SBGN stimulation): an unfilled triangle.
                painter.setPen(QPen(colour, t.edge_width, Qt.SolidLine, Qt.RoundCap, Qt.MiterJoin))
                painter.setBrush(QColor(t.background))
                painter.drawPolygon(arrow)
            painter.restore()


def line_angle(a: QPointF, b: QPointF) -> float:
    return math.degrees(math.atan2(b.y() - a.y(), b.x() - a.x()))


def border_point(rect: QRectF, towards: QPointF, margin: float = 3.0) -> QPointF:
    """Where the ray from the rect's centre towards ``towards`` leaves the rect (plus a margin)."""
    c = rect.center()
    dx, dy = towards.x() - c.x(), towards.y() - c.y()
    if dx == 0 and dy == 0:
        return QPointF(c)
    hw, hh = rect.width() / 2 + margin, rect.height() / 2 + margin
    scale = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return QPointF(c.x() + dx * scale, c.y() + dy * scale)


def cubic_controls(path: QPainterPath) -> np.ndarray | None:
    """The 4 control points (4×2) of a one-segment path (a line or one curve), else None.

    A path's percent is the Bézier parameter of its one segment (what ``pointAtPercent`` uses), so
    points at parameter t are where the Qt path would put them.
    """
    n = path.elementCount()
    if n == 2 and path.elementAt(1).isLineTo():
        a, b = path.elementAt(0), path.elementAt(1)
        p0, p3 = np.array([a.x, a.y]), np.array([b.x, b.y])
        return np.array([p0, p0 + (p3 - p0) / 3, p0 + 2 * (p3 - p0) / 3, p3])
    if n == 4 and path.elementAt(1).isCurveTo():
        return np.array([[path.elementAt(k).x, path.elementAt(k).y] for k in range(4)])
    return None


def _bernstein(samples: int) -> np.ndarray:
    t = np.arange(1, samples, dtype=float)[:, None] / samples
    u = 1.0 - t
    return np.hstack((u ** 3, 3 * u * u * t, 3 * u * t * t, t ** 3))


_BERNSTEIN = {40: _bernstein(40)}


def path_hits(path: QPainterPath, rects: np.ndarray, samples: int = 40) -> int:
    """How many of the path's sample points (percent k/samples, 0 < k < samples) fall inside any of
    ``rects`` (n×4: x0, y0, x1, y1, edges included). One-segment paths are sampled with numpy."""
    if not len(rects):
        return 0
    controls = cubic_controls(path)
    if controls is None:
        points = np.array([(q.x(), q.y()) for q in (path.pointAtPercent(k / samples) for k in range(1, samples))])
    else:
        basis = _BERNSTEIN.get(samples)
        if basis is None:
            basis = _BERNSTEIN[samples] = _bernstein(samples)
        points = basis @ controls
    x, y = points[:, :1], points[:, 1:]
    inside = (x >= rects[:, 0]) & (x <= rects[:, 2]) & (y >= rects[:, 1]) & (y <= rects[:, 3])
    return int(np.count_nonzero(inside.any(axis=1)))


TITLE_COST = 50  # a sample on a compartment's title counts like this many on a node: names stay readable


BENDS = (0, 40, -40, 80, -80, 130, -130, 190, -190, 260, -260, 340, -340)  # tried in this order


def route_edges(ends: list[tuple[QRectF, QRectF]], obstacles: np.ndarray, own: np.ndarray | None = None,
                titles: np.ndarray | None = None) -> list[QPainterPath]:
    """For every (source rect, target rect) of ``ends``: a straight line between the two nodes, or the
    gentlest curve that avoids other nodes (``obstacles``: their padded rects as an n×4 array, see
    :func:`rects_array`) and, above all, the compartments' ``titles`` (the same form); all edges
    scored together in a few numpy passes.

    ``own`` (len(ends)×2 row numbers of ``obstacles``, −1 for none) names the rows an edge does not
    avoid: its own two nodes. For each edge, every bend in BENDS is scored (samples on other nodes,
    plus TITLE_COST per sample on a title); the straight line first, which most edges take; else the
    first bend with the fewest hits, if it has fewer than the line. The arithmetic is that of
    :func:`border_point` and of Qt's ``quadTo`` (control points (end + 2·ctrl)/3), so the chosen
    curve is the one Qt would draw, and each edge's choice is the one routing it alone would make.
    """
    if not ends:
        return []
    controls, ctrl = _bend_controls(ends)
    allowed = None
    if own is not None and len(obstacles):
        allowed = np.ones((len(ends), len(obstacles)), dtype=bool)
        for column in np.asarray(own, dtype=np.intp).reshape(len(ends), -1).T:
            mine = np.flatnonzero(column >= 0)
            allowed[mine, column[mine]] = False

    def scores(edges: np.ndarray, candidates: slice) -> np.ndarray:
        hits = _sample_hits(controls[edges, candidates], obstacles, None if allowed is None else allowed[edges], 40)
        if titles is not None:
            hits = hits + TITLE_COST * _sample_hits(controls[edges, candidates], titles, None, 120)
        return hits

    everyone = np.arange(len(ends))
    line_hits = scores(everyone, slice(0, 1))[:, 0]
    choice = np.zeros(len(ends), dtype=np.intp)
    blocked = np.flatnonzero(line_hits)
    if len(blocked):
        hits = scores(blocked, slice(1, None))
        best = np.argmin(hits, axis=1)
        better = hits[np.arange(len(blocked)), best] < line_hits[blocked]
        choice[blocked] = np.where(better, 1 + best, 0)
    paths = []
    for e, k in enumerate(choice):
        (ax, ay), _, _, (bx, by) = controls[e, k]
        path = QPainterPath(QPointF(ax, ay))
        if BENDS[k]:
            path.quadTo(QPointF(*ctrl[e, k]), QPointF(bx, by))
        else:
            path.lineTo(QPointF(bx, by))
        paths.append(path)
    return paths


def _bend_controls(ends: list[tuple[QRectF, QRectF]]) -> tuple[np.ndarray, np.ndarray]:
    """The cubic control points (edges×len(BENDS)×4×2) of each candidate of each edge, and the quadratic
    control points (edges×len(BENDS)×2): bend 0 is a line, the others a quadratic whose control point
    lies ``bend`` off the midpoint, on the normal (Qt's own line arithmetic for midpoint and normal)."""
    rows = []
    for src, dst in ends:
        a0, b0 = src.center(), dst.center()
        line = QLineF(a0, b0)
        mid = line.pointAt(0.5)
        normal = line.normalVector().unitVector()
        rows.append((a0.x(), a0.y(), src.width(), src.height(), b0.x(), b0.y(), dst.width(), dst.height(),
                     mid.x(), mid.y(), normal.dx(), normal.dy()))
    g = np.array(rows, dtype=float)
    bends = np.array(BENDS, dtype=float)
    ctrl = np.stack((g[:, 8:9] + g[:, 10:11] * bends, g[:, 9:10] + g[:, 11:12] * bends), axis=-1)
    straight = (bends == 0)[None, :, None]
    a = _border_points(g[:, 0:4], np.where(straight, g[:, None, 4:6], ctrl), 3.0)
    b = _border_points(g[:, 4:8], np.where(straight, g[:, None, 0:2], ctrl), 5.0)
    out = np.empty((len(ends), len(BENDS), 4, 2))
    out[:, :, 0], out[:, :, 3] = a, b
    out[:, :, 1] = np.where(straight, a + (b - a) / 3, (a + 2 * ctrl) / 3)
    out[:, :, 2] = np.where(straight, a + 2 * (b - a) / 3, (b + 2 * ctrl) / 3)
    return out, ctrl


def _border_points(rects: np.ndarray, towards: np.ndarray, margin: float) -> np.ndarray:
    """:func:`border_point` of each rect (rows of centre x, centre y, width, height) towards each of
    its k points (edges×k×2), with the same arithmetic."""
    cx, cy = rects[:, 0:1], rects[:, 1:2]
    dx, dy = towards[..., 0] - cx, towards[..., 1] - cy
    hw, hh = rects[:, 2:3] / 2 + margin, rects[:, 3:4] / 2 + margin
    with np.errstate(divide="ignore"):
        sx = np.where(dx != 0, hw / np.abs(dx), np.inf)
        sy = np.where(dy != 0, hh / np.abs(dy), np.inf)
    scale = np.minimum(sx, sy)
    scale[(dx == 0) & (dy == 0)] = 0.0
    return np.stack((cx + dx * scale, cy + dy * scale), axis=-1)


_NOWHERE = np.array([[np.inf, np.inf, -np.inf, -np.inf]])  # a rect no point is inside: pads the lists below
_CHUNK = 2_000_000  # sample-by-rect tests per numpy pass: bounds the memory on a large drawn pathway


def _sample_hits(controls: np.ndarray, rects: np.ndarray, allowed: np.ndarray | None, samples: int) -> np.ndarray:
    """:func:`path_hits` for each of k one-segment paths of each edge (edges×k×4×2 control points): edges×k.

    ``allowed`` (edges×len(rects), None: all) says which rects an edge can hit. A Bézier curve lies
    inside the bounding box of its control points, so an edge is tested only against the rects that
    meet the box of its k candidates, gathered into one padded table per pass.
    """
    n_edges, k = controls.shape[:2]
    if not len(rects) or not n_edges:
        return np.zeros((n_edges, k), dtype=np.intp)
    lo, hi = controls.min(axis=(1, 2)), controls.max(axis=(1, 2))
    near = ((rects[None, :, 0] <= hi[:, None, 0]) & (rects[None, :, 2] >= lo[:, None, 0])
            & (rects[None, :, 1] <= hi[:, None, 1]) & (rects[None, :, 3] >= lo[:, None, 1]))
    if allowed is not None:
        near &= allowed
    width = int(near.sum(axis=1).max())
    if not width:
        return np.zeros((n_edges, k), dtype=np.intp)
    order = np.argsort(~near, axis=1, kind="stable")[:, :width]
    table = np.vstack((rects, _NOWHERE))[np.where(np.take_along_axis(near, order, axis=1), order, len(rects))]
    basis = _BERNSTEIN.get(samples)
    if basis is None:
        basis = _BERNSTEIN[samples] = _bernstein(samples)
    out = np.empty((n_edges, k), dtype=np.intp)
    step = max(1, _CHUNK // (k * (samples - 1) * width))
    for start in range(0, n_edges, step):
        part = slice(start, start + step)
        points = np.matmul(basis, controls[part])  # edges×k×(samples−1)×2, each as path_hits computes it
        x, y = points[..., :1], points[..., 1:]
        r = table[part, None, None]  # edges×1×1×width×4
        inside = (x >= r[..., 0]) & (x <= r[..., 2]) & (y >= r[..., 1]) & (y <= r[..., 3])
        out[part] = np.count_nonzero(inside.any(axis=3), axis=2)
    return out


def route_feedback(src: QRectF, dst: QRectF, obstacles: np.ndarray, centre_x: float) -> QPainterPath:
    """A feedback edge (its target is not below its source): one arc round the side of both nodes.

    It leaves the source's side and enters the target's side, bulging out further the longer it
    runs, so it reads as a loop back up rather than as part of the downward flow. Of the two sides,
    the one crossing fewer other nodes; on a tie the side towards the diagram's nearer edge. Two
    nodes side by side (the same row) get an arc over their tops instead.
    """
    dy = src.center().y() - dst.center().y()
    if abs(dy) < 0.5 * max(src.height(), dst.height()):
        lift = 40.0 + 0.12 * abs(src.center().x() - dst.center().x())
        top = min(src.top(), dst.top()) - lift
        a, b = QPointF(src.center().x(), src.top() - 3.0), QPointF(dst.center().x(), dst.top() - 5.0)
        path = QPainterPath(a)
        path.cubicTo(QPointF(a.x(), top), QPointF(b.x(), top), b)
        return path
    reach = 40.0 + 0.15 * abs(dy)
    candidates = []
    for right in (True, False):
        if right:
            out = max(src.right(), dst.right()) + reach
            a, b = QPointF(src.right() + 3.0, src.center().y()), QPointF(dst.right() + 5.0, dst.center().y())
        else:
            out = min(src.left(), dst.left()) - reach
            a, b = QPointF(src.left() - 3.0, src.center().y()), QPointF(dst.left() - 5.0, dst.center().y())
        path = QPainterPath(a)
        path.cubicTo(QPointF(out, a.y()), QPointF(out, b.y()), b)
        towards_edge = (src.center().x() + dst.center().x()) / 2 >= centre_x
        candidates.append((path_hits(path, obstacles), right != towards_edge, path))
    return min(candidates, key=lambda c: (c[0], c[1]))[2]
