"""The diagram without a mouse: arrow keys along the edges, the node menu from the keyboard, a
visible focus frame, and every molecule an accessible object with its state."""

from __future__ import annotations

import numpy as np
import pytest
from canvas_pixels import image_array
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtTest import QTest

from pathwayviz.canvas.scene import PathwayScene
from pathwayviz.canvas.style import FOCUS_FRAME
from pathwayviz.canvas.view import ARROWS, PathwayView
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations


@pytest.fixture
def view(qtbot, pathway):
    scene = PathwayScene(pathway)
    view = PathwayView(scene)
    qtbot.addWidget(view)
    view.resize(900, 650)
    view.show()
    qtbot.waitExposed(view)
    view.setFocus()
    return view


def neighbours(pathway, sid):
    return {i.target for i in pathway.downstream(sid)} | {i.source for i in pathway.upstream(sid)}


def test_arrow_down_follows_the_insulin_signal(view):
    scene = view.pathway_scene()
    scene.select_species("irs1_ptyr")
    visited = []
    for _ in range(3):
        QTest.keyClick(view, Qt.Key_Down)
        visited.append(scene.selected_species())
    assert visited == ["pi3k", "pdk1", "akt"]


def test_each_arrow_step_moves_along_an_edge_when_one_goes_that_way(view, pathway):
    scene = view.pathway_scene()
    moves = 0
    for sid in ("akt", "irs1_ptyr", "mek", "ir", "foxo1"):
        for key in ARROWS:
            scene.select_species(sid)
            QTest.keyClick(view, key)
            target = scene.selected_species()
            assert target is not None
            if target == sid:
                continue  # nothing lies that way: the selection stays
            dx, dy = ARROWS[key]
            here, there = scene.molecules[sid].pos(), scene.molecules[target].pos()
            if target in neighbours(pathway, sid):
                moves += 1
            # Wherever it lands, the pressed direction is roughly where it went (or it followed an
            # edge drawn to a clone that lies that way).
            towards = (there.x() - here.x()) * dx + (there.y() - here.y()) * dy
            assert towards > 0 or target in neighbours(pathway, sid), (sid, key, target)
    assert moves >= 12


def test_every_molecule_is_reachable_with_arrow_keys(view):
    scene = view.pathway_scene()
    start = scene.neighbour_towards(None, 1, 0)
    seen, frontier = {start}, [start]
    while frontier:
        sid = frontier.pop()
        for dx, dy in ARROWS.values():
            nxt = scene.neighbour_towards(sid, dx, dy)
            if nxt is not None and nxt not in seen:
                seen.add(nxt)
                frontier.append(nxt)
    assert seen == set(scene.molecules)


@pytest.mark.parametrize("keys", [(Qt.Key_Menu, Qt.NoModifier), (Qt.Key_F10, Qt.ShiftModifier)])
def test_menu_key_and_shift_f10_open_the_selected_node_menu(view, keys):
    scene = view.pathway_scene()
    requests = []
    scene.species_context_requested.connect(lambda sid, pos: requests.append((sid, pos)))
    QTest.keyClick(view, keys[0], keys[1])
    assert requests == []  # nothing selected: no menu
    scene.select_species("akt")
    QTest.keyClick(view, keys[0], keys[1])
    assert [sid for sid, _ in requests] == ["akt"]
    node = view.mapFromScene(scene.molecules["akt"].node_rect()).boundingRect()
    local = view.viewport().mapFromGlobal(requests[0][1])
    assert node.left() <= local.x() <= node.right()  # the menu opens at the node, not at the mouse


def border_colour_share(view):
    pixels = image_array(view.viewport().grab())
    frame = np.concatenate([pixels[1, :], pixels[-2, :], pixels[:, 1], pixels[:, -2]])
    target = np.array(QColor(FOCUS_FRAME).getRgb()[:3])
    return float(np.mean(np.all(np.abs(frame.astype(int) - target) <= 8, axis=-1)))


def test_focus_frame_shows_only_while_the_diagram_has_focus(view, qtbot):
    qtbot.waitUntil(view.hasFocus)
    assert border_colour_share(view) > 0.95
    view.clearFocus()
    qtbot.waitUntil(lambda: not view.hasFocus())
    assert border_colour_share(view) < 0.05


def test_each_molecule_is_an_accessible_list_item(view, pathway):
    scene = view.pathway_scene()
    live = LiveSimulation(pathway)
    pert = Perturbations.defaults(pathway)
    pert.toggles["jnk"] = 0.8
    pert.knockouts.add("mek")
    live.set_perturbations(pert)
    live.reset()
    live.settle()
    scene.apply_snapshot(live.snapshot(), 0.0, live.engine.compiled.ymax)
    scene.show_perturbations(pert)
    diagram = QAccessible.queryAccessibleInterface(view)
    assert diagram.role() == QAccessible.List
    assert diagram.text(QAccessible.Name) == "Pathway diagram"
    assert diagram.childCount() == len(scene.molecules)
    names = {diagram.child(k).text(QAccessible.Name): diagram.child(k) for k in range(diagram.childCount())}
    assert {sp.label for sid, sp in pathway.species.items() if sid in scene.molecules} == set(names)
    akt = names["Akt"]
    assert akt.role() == QAccessible.ListItem
    assert akt.parent() is diagram and diagram.indexOfChild(akt) >= 0
    assert f"activity {live.value('akt'):.2f}" in akt.text(QAccessible.Description)
    irs1 = names["IRS-1"].text(QAccessible.Description)
    pser = live.value("irs1_pser")
    assert f"pS307 {'present' if pser >= 0.25 else 'absent'} ({pser:.2f})" in irs1
    assert "knocked out" in names["MEK"].text(QAccessible.Description)
    assert "switched on" in names["JNK"].text(QAccessible.Description)
    # Selection and focus follow the keyboard's current node.
    assert not akt.state().selected
    scene.select_species("akt")
    assert akt.state().selected and akt.state().focused
    assert diagram.focusChild() is akt
    # The item is where the node is drawn on screen.
    centre = akt.rect().center()
    assert diagram.childAt(centre.x(), centre.y()) is akt
