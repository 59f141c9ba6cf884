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


def title_crossings(scene) -> list[tuple[str, str, str]]:
    """(compartment, edge source, edge target) wherever an edge's drawn stroke touches a title."""
    from PySide6.QtGui import QPainterPathStroker

    stroker = QPainterPathStroker()
    stroker.setWidth(scene.theme.edge_width)
    strokes = [(e, stroker.createStroke(e.path)) for e in scene.edges]
    return [(c.compartment.label, e.source, e.target) for c in scene.compartments for e, stroke in strokes
            if stroke.intersects(c.title_rect)]


@pytest.mark.parametrize("theme", [*sorted(THEMES), "screen"])
def test_no_edge_crosses_a_compartment_title(qapp, pathway, theme):
    """Curves such as estradiol ⊣ LH keep off the panels' names ("Ovary · theca cell", "Testis · …"),
    and every title stays inside its compartment, on its own and clear of the nodes."""
    from PySide6.QtCore import QRectF

    from pathwayviz.canvas.style import SCREEN
    from pathwayviz.ui.app import install_app_font

    install_app_font(qapp)
    scene = PathwayScene(pathway, SCREEN if theme == "screen" else THEMES[theme])
    assert not title_crossings(scene)
    for c in scene.compartments:
        assert QRectF(*c.compartment.rect).contains(c.title_rect), c.compartment.label
        assert not [m.species.id for m in scene.all_molecules() if m.node_rect().intersects(c.title_rect)]
        covering = [o.compartment.label for o in scene.compartments if o is not c
                    and not QRectF(*o.compartment.rect).contains(QRectF(*c.compartment.rect))
                    and QRectF(*o.compartment.rect).intersects(c.title_rect)]
        assert not covering, (c.compartment.label, covering)   # e.g. the ER box over the cell's name


def test_the_title_check_sees_a_crossing(qapp, pathway):
    """Titles pinned at their usual top-left places (as before they moved) are crossed by edges."""
    from pathwayviz.canvas.titles import title_places

    scene = PathwayScene(pathway, THEMES["light"])
    for c in scene.compartments:
        c.set_title(*title_places(c, scene.theme.small_font_px)[0])
    assert title_crossings(scene)
