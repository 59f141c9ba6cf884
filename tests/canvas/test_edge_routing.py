"""Edge routing: the batched choice of bend is the one trying each bend in turn would make."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainterPath

from pathwayviz.canvas.edges import BENDS, TITLE_COST, border_point, path_hits, rects_array, route_edge


def one_bend_at_a_time(src: QRectF, dst: QRectF, obstacles: np.ndarray, titles: np.ndarray | None) -> QPainterPath:
    """Each bend built as a Qt path and scored alone; the first hit-free one, else the first fewest."""
    a0, b0 = src.center(), dst.center()
    best, best_hits = None, None
    for bend in BENDS:
        line = QLineF(a0, b0)
        mid = line.pointAt(0.5)
        normal = line.normalVector().unitVector()
        ctrl = QPointF(mid.x() + normal.dx() * bend, mid.y() + normal.dy() * bend)
        a = border_point(src, ctrl if bend else b0)
        b = border_point(dst, ctrl if bend else a0, margin=5.0)
        path = QPainterPath(a)
        if bend:
            path.quadTo(ctrl, b)
        else:
            path.lineTo(b)
        hits = path_hits(path, obstacles)
        if titles is not None:
            hits += TITLE_COST * path_hits(path, titles, samples=120)
        if hits == 0:
            return path
        if best_hits is None or hits < best_hits:
            best, best_hits = path, hits
    return best


def elements(path: QPainterPath) -> list[tuple[float, float, str]]:
    return [(path.elementAt(k).x, path.elementAt(k).y, str(path.elementAt(k).type))
            for k in range(path.elementCount())]


def test_the_batched_route_is_exactly_the_one_bend_at_a_time_route(qapp):
    rng = np.random.default_rng(10)
    curved = 0
    for _ in range(300):
        x, y = rng.uniform(0, 800, size=(2, 2))
        src, dst = QRectF(x[0], y[0], 90, 40), QRectF(x[1], y[1], 90, 40)
        obstacles = rects_array(QRectF(*rng.uniform(0, 800, 2), *rng.uniform(20, 120, 2))
                                for _ in range(int(rng.integers(0, 25))))
        titles = rects_array([QRectF(*rng.uniform(0, 800, 2), 150, 24)]) if rng.random() < 0.5 else None
        expected = one_bend_at_a_time(src, dst, obstacles, titles)
        assert elements(route_edge(src, dst, obstacles, titles)) == elements(expected)
        curved += expected.elementCount() > 2
    assert 30 < curved < 270  # both outcomes were exercised


def test_a_blocked_line_bends_round_the_node_in_the_way(qapp):
    src, dst = QRectF(0, 0, 80, 40), QRectF(400, 0, 80, 40)
    blocker = rects_array([QRectF(200, -10, 60, 60)])
    path = route_edge(src, dst, blocker)
    assert path.elementCount() == 4  # a curve
    assert path_hits(path, blocker) == 0
    assert path_hits(route_edge(src, dst, rects_array([])), blocker) > 0  # the line would cross it
