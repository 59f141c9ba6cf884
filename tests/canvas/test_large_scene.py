"""Very large imported pathways: the scene builds in edges-linear time with straight edges."""

from __future__ import annotations

from pathwayviz.canvas.scene import MAX_ROUTED_NODES, PathwayScene
from pathwayviz.model.layout import with_layout
from pathwayviz.model.pathway import Interaction, Pathway, Species


def grid_pathway(n: int) -> Pathway:
    species = {f"s{k}": Species(f"s{k}", f"node {k}", "protein", "", (0.0, 0.0)) for k in range(n)}
    inter = [Interaction(k, f"s{k // 3}", f"s{k + 1}", "activates") for k in range(n - 1)]
    return with_layout(Pathway("big", "big", "", species, inter))


def test_small_pathways_bend_around_nodes_large_ones_go_straight(qapp):
    small = PathwayScene(grid_pathway(60))
    assert any(e.path.elementCount() > 2 for e in small.edges)  # some edge bends around a node
    big = PathwayScene(grid_pathway(MAX_ROUTED_NODES + 50))
    assert len(big.edges) == MAX_ROUTED_NODES + 49
    assert all(e.path.elementCount() == 2 for e in big.edges)


def test_pulses_only_where_visible_and_none_when_the_diagram_is_tiny(qapp):
    from PySide6.QtCore import QRectF

    scene = PathwayScene(grid_pathway(60))
    pulses = scene.pulses
    pulses.advance_pulses([1.0] * len(scene.edges), 0.1)
    _, everywhere = pulses.dots(pulses.boundingRect(), 1.0)
    assert set(everywhere.tolist()) == set(range(len(scene.edges)))
    first = scene.edges[0].path.boundingRect()
    corner = QRectF(first.center().x() - 5, first.center().y() - 5, 10, 10)
    assert 0 < len(set(pulses.dots(corner, 1.0)[1].tolist())) < len(scene.edges)
    assert len(pulses.dots(pulses.boundingRect(), pulses.MIN_SCALE / 2)[1]) == len(everywhere)  # few edges
    pulses.MANY_EDGES = len(scene.edges)  # as if this were a diagram of thousands of edges
    assert len(pulses.dots(pulses.boundingRect(), pulses.MIN_SCALE / 2)[0]) == 0


def test_pulse_dots_sit_on_the_path_spaced_along_it(qapp):
    """Dots are where Qt's own path puts them (its percent is the curve's parameter), one SPACING apart
    in that parameter, none on the arrowhead, and quiet edges have none."""
    scene = PathwayScene(grid_pathway(60))
    pulses = scene.pulses
    flux = [1.0] * len(scene.edges)
    flux[1] = 0.01  # below the visible threshold
    pulses.advance_pulses(flux, 0.1)
    points, edge = pulses.dots(pulses.boundingRect(), 1.0)
    assert 1 not in edge.tolist()
    curved = next(k for k, e in enumerate(scene.edges) if e.path.elementCount() > 2)
    for k in (0, curved):
        e = scene.edges[k]
        mine = points[edge == k]
        phase = pulses.phase[k]
        assert phase == (1.0 * pulses.SPEED * 0.1) % pulses.SPACING
        expected = [phase + j * pulses.SPACING for j in range(len(mine))]
        assert expected[-1] < e.length - pulses.ARROW_CLEARANCE <= expected[-1] + pulses.SPACING
        for (x, y), d in zip(mine.tolist(), expected):
            q = e.path.pointAtPercent(d / e.length)
            assert abs(q.x() - x) < 1e-6 and abs(q.y() - y) < 1e-6


def test_pulses_of_thousands_of_edges_take_memory_linear_in_edges(qapp):
    """Each edge keeps its 4 control points and a few numbers, whatever its length on screen."""
    scene = PathwayScene(grid_pathway(MAX_ROUTED_NODES + 50))
    pulses = scene.pulses
    assert pulses.nbytes <= len(scene.edges) * 140


def test_pulse_layer_bounds_follow_the_paths_not_their_control_points(qapp):
    """The diagram is fitted to its items' bounds: a curve's control points must not widen them."""
    from PySide6.QtCore import QRectF

    scene = PathwayScene(grid_pathway(60))
    drawn = QRectF()
    for e in scene.edges:
        drawn = drawn.united(e.path.boundingRect())
    assert any(e.path.controlPointRect() != e.path.boundingRect() for e in scene.edges)
    assert scene.pulses.boundingRect() == drawn.adjusted(-24, -24, 24, 24)


def test_feedback_edges_of_an_automatic_layout_go_round_the_side(qapp):
    """An edge that runs up against the layout's downward flow is one arc out of the source's side
    into the target's side; the built-in, hand-drawn diagram keeps its own routes."""
    species = {s: Species(s, f"{s} protein", "protein", "", (0.0, 0.0)) for s in "abcd"}
    inter = [Interaction(0, "a", "b", "activates"), Interaction(1, "b", "c", "activates"),
             Interaction(2, "c", "d", "activates"), Interaction(3, "d", "b", "inhibits")]
    scene = PathwayScene(with_layout(Pathway("loop", "loop", "", species, inter)))
    [back] = [e for e in scene.edges if e.feedback]
    assert (back.source, back.target) == ("d", "b") and not any(e.feedback for e in scene.edges if e is not back)
    src, dst = scene.molecules["d"].node_rect(), scene.molecules["b"].node_rect()
    start, end = back.path.pointAtPercent(0.0), back.path.pointAtPercent(1.0)
    right = start.x() > src.center().x()
    assert abs(start.y() - src.center().y()) < 1e-6 and abs(end.y() - dst.center().y()) < 1e-6
    assert (start.x() >= src.right()) if right else (start.x() <= src.left())
    bulge = back.path.pointAtPercent(0.5)
    assert (bulge.x() > max(src.right(), dst.right())) if right else (bulge.x() < min(src.left(), dst.left()))
    assert back.path.elementCount() == 4  # one curve, and the pulses follow it


def test_a_drawn_layout_has_no_feedback_routing(qapp, pathway):
    assert pathway.layout == ""
    assert not any(e.feedback for e in PathwayScene(pathway).edges)
