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
    everywhere = pulses.visible_pulses(pulses.boundingRect(), 1.0)
    assert len(everywhere) == len(scene.edges)
    first = scene.edges[0].path.boundingRect()
    corner = QRectF(first.center().x() - 5, first.center().y() - 5, 10, 10)
    assert 0 < len(pulses.visible_pulses(corner, 1.0)) < len(everywhere)
    assert len(pulses.visible_pulses(pulses.boundingRect(), pulses.MIN_SCALE / 2)) == len(everywhere)  # few edges
    pulses.MANY_EDGES = len(scene.edges)  # as if this were a diagram of thousands of edges
    assert pulses.visible_pulses(pulses.boundingRect(), pulses.MIN_SCALE / 2) == []
