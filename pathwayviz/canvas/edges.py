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


def route_edge(src: QRectF, dst: QRectF, obstacles: np.ndarray, titles: np.ndarray | None = None) -> QPainterPath:
    """A straight line between the two nodes, or the gentlest curve that avoids other nodes
    (``obstacles``: their padded rects as an n×4 array, see :func:`rects_array`) and, above all, the
    compartments' ``titles`` (the same form).

    Every bend in BENDS is scored in one numpy evaluation; the first with the fewest hits wins and
    only its path is built. The arithmetic is that of :func:`border_point` and of Qt's ``quadTo``
    (control points (end + 2·ctrl)/3), so the chosen curve is the one Qt would draw.
    """
    controls, ctrl = bend_controls(src, dst)
    k = 0
    for part in (slice(0, 1), slice(1, None)):  # the straight line alone first: most edges take it
        hits = sample_hits(controls[part], obstacles, 40)
        if titles is not None:
            hits = hits + TITLE_COST * sample_hits(controls[part], titles, 120)
        if part.start == 0:
            if hits[0] == 0:
                break
            line_hits = hits[0]
        else:
            best = int(np.argmin(hits))
            k = 1 + best if hits[best] < line_hits else 0
    (ax, ay), _, _, (bx, by) = controls[k]
    path = QPainterPath(QPointF(ax, ay))
    if BENDS[k]:
        path.quadTo(QPointF(*ctrl[k]), QPointF(bx, by))
    else:
        path.lineTo(QPointF(bx, by))
    return path


def bend_controls(src: QRectF, dst: QRectF) -> tuple[np.ndarray, np.ndarray]:
    """The cubic control points (len(BENDS)×4×2) of each candidate from ``src`` to ``dst``, and the
    quadratic control points (len(BENDS)×2): bend 0 is a line, the others a quadratic whose control
    point lies ``bend`` off the midpoint, on the normal."""
    a0, b0 = src.center(), dst.center()
    line = QLineF(a0, b0)
    mid = line.pointAt(0.5)
    normal = line.normalVector().unitVector()
    bends = np.array(BENDS, dtype=float)
    ctrl = np.column_stack((mid.x() + normal.dx() * bends, mid.y() + normal.dy() * bends))
    straight = bends == 0
    a = _border_points(src, np.where(straight[:, None], [b0.x(), b0.y()], ctrl), 3.0)
    b = _border_points(dst, np.where(straight[:, None], [a0.x(), a0.y()], ctrl), 5.0)
    out = np.empty((len(BENDS), 4, 2))
    out[:, 0], out[:, 3] = a, b
    out[:, 1] = np.where(straight[:, None], a + (b - a) / 3, (a + 2 * ctrl) / 3)
    out[:, 2] = np.where(straight[:, None], a + 2 * (b - a) / 3, (b + 2 * ctrl) / 3)
    return out, ctrl


def _border_points(rect: QRectF, towards: np.ndarray, margin: float) -> np.ndarray:
    """:func:`border_point` for each row of ``towards`` (k×2), with the same arithmetic."""
    c = rect.center()
    cx, cy = c.x(), c.y()
    dx, dy = towards[:, 0] - cx, towards[:, 1] - cy
    hw, hh = rect.width() / 2 + margin, rect.height() / 2 + margin
    with np.errstate(divide="ignore"):
        sx = np.where(dx != 0, hw / np.abs(dx), np.inf)
        sy = np.where(dy != 0, hh / np.abs(dy), np.inf)
    scale = np.minimum(sx, sy)
    scale[(dx == 0) & (dy == 0)] = 0.0
    return np.column_stack((cx + dx * scale, cy + dy * scale))


def sample_hits(controls: np.ndarray, rects: np.ndarray, samples: int) -> np.ndarray:
    """:func:`path_hits` for each of k one-segment paths given by their control points (k×4×2).

    A Bézier curve lies inside the bounding box of its control points, so only the rects that
    meet the box of all k are tested.
    """
    lo, hi = controls.min(axis=(0, 1)), controls.max(axis=(0, 1))
    rects = rects[(rects[:, 0] <= hi[0]) & (rects[:, 2] >= lo[0]) & (rects[:, 1] <= hi[1]) & (rects[:, 3] >= lo[1])]
    if not len(rects):
        return np.zeros(len(controls), dtype=int)
    basis = _BERNSTEIN.get(samples)
    if basis is None:
        basis = _BERNSTEIN[samples] = _bernstein(samples)
    points = np.stack([basis @ c for c in controls])  # k×(samples−1)×2, each as path_hits computes it
    x, y = points[..., :1], points[..., 1:]
    inside = (x >= rects[:, 0]) & (x <= rects[:, 2]) & (y >= rects[:, 1]) & (y <= rects[:, 3])
    return np.count_nonzero(inside.any(axis=2), axis=1)


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
