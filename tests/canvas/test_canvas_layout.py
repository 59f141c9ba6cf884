"""The diagram reads as a figure: no two nodes overlap, in the normal or the projector theme."""

from __future__ import annotations

import pytest

from pathwayviz.canvas.scene import PathwayScene
from pathwayviz.canvas.style import THEMES


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_no_two_nodes_overlap(qapp, pathway, theme):
    from pathwayviz.ui.app import install_app_font

    install_app_font(qapp)
    scene = PathwayScene(pathway, THEMES[theme])
    items = scene.all_molecules()
    clashes = []
    for i, a in enumerate(items):
        ra = a.node_rect().adjusted(-4, -4, 4, 4)
        for b in items[i + 1:]:
            if ra.intersects(b.node_rect()):
                clashes.append((a.species.id, b.species.id))
    assert not clashes


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_nodes_stay_inside_their_compartment(qapp, pathway, theme):
    scene = PathwayScene(pathway, THEMES[theme])
    rects = {c.compartment.id: c.boundingRect() for c in scene.compartments}
    outside = [item.species.id for item in scene.all_molecules()
               if item.clone_index == 0 and item.species.compartment in rects
               and item.species.compartment != "membrane"
               and not rects[item.species.compartment].contains(item.node_rect().center())]
    assert not outside


def test_every_edge_is_drawn_once_per_source_target_and_sign(qapp, pathway):
    scene = PathwayScene(pathway)
    # Every interaction is drawn exactly once, on an edge with its own ends and sign.
    drawn = sorted(i for e in scene.edges for i in e.interactions)
    assert drawn == sorted(it.index for it in pathway.interactions if it.source != it.target)
    for edge in scene.edges:
        for i in edge.interactions:
            it = pathway.interactions[i]
            assert (it.source, it.target, it.inhibits) == (edge.source, edge.target, edge.inhibits)
