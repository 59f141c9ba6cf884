"""Edge routing: the batched choice of bend is the one trying each bend in turn would make."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QLineF, QPointF, QRectF
from PySide6.QtGui import QPainterPath

from pathwayviz.canvas import edges as edges_module
from pathwayviz.canvas.edges import BENDS, TITLE_COST, border_point, path_hits, rects_array, route_edges


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


def route_edge(src: QRectF, dst: QRectF, obstacles: np.ndarray, titles: np.ndarray | None = None) -> QPainterPath:
    """One edge routed alone (a batch of one)."""
    return route_edges([(src, dst)], obstacles, titles=titles)[0]


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


@pytest.mark.parametrize("chunk", [2_000_000, 500])  # one pass, or a few edges per pass (large pathways)
def test_routing_many_edges_at_once_makes_each_edge_s_own_choice(qapp, chunk, monkeypatch):
    monkeypatch.setattr(edges_module, "_CHUNK", chunk)
    # Nodes on a jittered grid, edges between random pairs; each edge avoids every node but its own two.
    rng = np.random.default_rng(11)
    nodes = [QRectF(80 + 160 * (k % 8) + rng.uniform(-30, 30), 60 + 90 * (k // 8) + rng.uniform(-20, 20), 90, 40)
             for k in range(48)]
    padded = rects_array(r.adjusted(-14, -14, 14, 14) for r in nodes)
    titles = rects_array([QRectF(300, 130, 150, 24), QRectF(700, 400, 150, 24)])
    pairs = [tuple(int(v) for v in rng.choice(len(nodes), 2, replace=False)) for _ in range(120)]
    own = np.array(pairs, dtype=np.intp)
    own[::7, 1] = -1                                     # some edges avoid even their target's rect
    batched = route_edges([(nodes[a], nodes[b]) for a, b in pairs], padded, own, titles)
    curved = 0
    for (a, b), mine, path in zip(pairs, own, batched):
        keep = np.ones(len(padded), dtype=bool)
        keep[mine[mine >= 0]] = False
        expected = one_bend_at_a_time(nodes[a], nodes[b], padded[keep], titles)
        assert elements(path) == elements(expected)
        curved += expected.elementCount() > 2
    assert 10 < curved < 110  # both outcomes were exercised
    assert route_edges([], padded) == []
