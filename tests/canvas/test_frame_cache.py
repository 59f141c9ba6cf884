"""The view's cached background: nodes repaired where they changed look exactly like a full redraw,
only visibly changed nodes are repainted (at most a bounded number per frame), pulses stay under
node bodies, and nodes too small to read are drawn as filled outlines."""

from __future__ import annotations

import numpy as np
import pytest
from canvas_pixels import image_array
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from pathwayviz.canvas.items import MoleculeItem
from pathwayviz.canvas.nodes import MAX_LEGIBLE_REDRAWS_PER_FRAME, MAX_REDRAWS_PER_FRAME
from pathwayviz.canvas.scene import PathwayScene
from pathwayviz.canvas.style import OKABE_ITO, TEXT_DARK
from pathwayviz.canvas.view import PathwayView
from pathwayviz.model.layout import with_layout
from pathwayviz.model.pathway import Interaction, Pathway, Species
from pathwayviz.sim.live import Snapshot


def state(scene, value=0.2, **levels):
    ids = scene.pathway.species_ids
    y = np.full(len(ids), value)
    for sid, v in levels.items():
        y[ids.index(sid)] = v
    return y


def show(scene, y, flux=None, minutes=0.0):
    flux = np.zeros(len(scene.pathway.interactions)) if flux is None else flux
    scene.apply_snapshot(Snapshot(0.0, y, flux, y), minutes)


@pytest.fixture
def view(qtbot, pathway):
    scene = PathwayScene(pathway)
    view = PathwayView(scene)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.fit()
    show(scene, state(scene))
    qtbot.wait(10)
    return view


def grab(view, qapp) -> np.ndarray:
    qapp.processEvents()
    return image_array(view.viewport().grab())


def test_a_node_repaired_in_the_cached_background_matches_a_full_redraw(view, qapp):
    scene = view.pathway_scene()
    before = grab(view, qapp)
    drawn = []
    original = scene.paint_background

    def spy(painter, rect, regions=None, with_nodes=True):
        drawn.append(rect)
        original(painter, rect, regions, with_nodes)

    scene.paint_background = spy
    show(scene, state(scene, akt=0.95, irs1_ptyr=0.9))
    repaired = grab(view, qapp)
    view.resetCachedContent()
    view.viewport().update()
    full = grab(view, qapp)
    akt = view.mapFromScene(scene.molecules["akt"].node_rect()).boundingRect()
    assert np.abs(repaired[akt.center().y(), akt.center().x()].astype(int)
                  - before[akt.center().y(), akt.center().x()].astype(int)).max() > 40  # AKT's fill changed
    np.testing.assert_array_equal(repaired, full)
    # Neither the repair nor the full redraw painted compartments and edges again: both copied them
    # from the static picture made at the first paint.
    assert drawn == []


def test_a_change_too_small_to_see_repaints_nothing(view, qapp):
    scene = view.pathway_scene()
    layer = scene.node_layer
    assert layer.changes(state(scene, 0.2 + 0.1 / MoleculeItem.LEVELS)) == []  # rounds to the same level
    changed = layer.changes(state(scene, 0.2, akt=0.5))
    assert [m.species.id for m in changed] == ["akt"]
    assert scene.molecules["akt"].activity == 0.5  # what tooltips and screen readers read


@pytest.mark.parametrize("scale, cap", [(1.0, MAX_LEGIBLE_REDRAWS_PER_FRAME), (0.05, MAX_REDRAWS_PER_FRAME)])
def test_at_most_a_bounded_number_of_nodes_are_repainted_per_frame(qapp, scale, cap):
    """Fewer at a readable size (each is a full picture), more when zoomed out to filled outlines."""
    n = MAX_REDRAWS_PER_FRAME + 60
    species = {f"s{k}": Species(f"s{k}", f"node {k}", "protein", "", (0.0, 0.0)) for k in range(n)}
    inter = [Interaction(k, f"s{k}", f"s{k + 1}", "activates") for k in range(n - 1)]
    scene = PathwayScene(with_layout(Pathway("big", "big", "", species, inter)))
    layer = scene.node_layer
    layer.scale = scale  # as the last paint left it
    assert layer.max_redraws() == cap
    y = np.zeros(n)
    assert layer.changes(y) == []  # first frame: nothing drawn yet
    y[:] = np.linspace(0.2, 1.0, n)  # every node changes, the last ones most
    first = layer.changes(y)
    assert len(first) == cap
    later = [m for m in layer.molecules if m not in first]

    def level(m):
        return round(m.activity * m.levels(scale))

    assert min(map(level, first)) >= max(map(level, later))  # the biggest visible changes first
    batches = [first]
    while batch := layer.changes(y):  # the others follow in the next frames, each one once
        batches.append(batch)
    assert all(len(b) <= cap for b in batches) and len(batches) == -(-n // cap)
    assert sorted(m.species.id for b in batches for m in b) == sorted(m.species.id for m in layer.molecules)


def test_pulses_never_cover_a_node_body_in_the_view(view, qapp):
    scene = view.pathway_scene()
    view.scale(2.0, 2.0)  # dots at an edge's start reach a few pixels into its source node
    flux = np.ones(len(scene.pathway.interactions))
    show(scene, state(scene, 0.0), flux)  # phase 0: every edge's first dot sits on its source's border
    pixels = grab(view, qapp).astype(int)
    blue = np.array(QColor(OKABE_ITO["blue"]).getRgb()[:3])
    is_pulse = np.all(np.abs(pixels - blue) <= 30, axis=-1)
    assert is_pulse.sum() > 200  # the dots are drawn
    inside = np.zeros_like(is_pulse)
    port = QRectF(view.viewport().rect())
    for m in scene.all_molecules():
        r = view.mapFromScene(m.node_rect().adjusted(2, 2, -2, -2)).boundingRect().intersected(port.toRect())
        inside[r.top():r.bottom(), r.left():r.right()] = True
    assert not (is_pulse & inside).any()


def test_a_node_too_small_to_read_is_its_filled_outline_only(qapp, pathway):
    item = MoleculeItem(pathway.species["akt"], PathwayScene(pathway).theme)
    item.activity = 0.1  # a light fill, on which the label would be dark
    assert item.legible(1.0) and item.legible(3.5 / item.theme.font_px) and not item.legible(3.4 / item.theme.font_px)

    def dark_pixels(legible):
        bounds = item.boundingRect()
        image = QImage(int(bounds.width() * 2), int(bounds.height() * 2), QImage.Format_RGB32)
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.scale(2, 2)
        p.translate(-bounds.topLeft())
        item.draw_direct(p, legible=legible)
        p.end()
        ink = np.array(QColor(TEXT_DARK).getRgb()[:3])
        rgb = image_array(image).astype(int)
        inner = item.node_rect().translated(-bounds.left() - item.pos().x(), -bounds.top() - item.pos().y())
        box = rgb[int(inner.top() * 2) + 8:int(inner.bottom() * 2) - 8, int(inner.left() * 2) + 8:int(inner.right() * 2) - 8]
        return int(np.all(np.abs(box - ink) <= 40, axis=-1).sum())

    assert dark_pixels(True) > 50 and dark_pixels(False) == 0
