"""The main window as a lecturer and a student use it (pytest-qt, offscreen, clock stepped by hand)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMenu

MEAL = 0.6


def settle_at_meal(window):
    p = window.live.perturbations
    p.inputs["insulin"] = MEAL
    window.state.apply(perturbations=p)
    window.live.reset()
    window.live.settle()
    window.redraw(0.0)


def run_minutes(window, minutes, fps=30):
    for _ in range(int(minutes * fps)):
        window.clock.tick(1 / fps)


def test_title_names_the_pathway(main_window):
    assert main_window.windowTitle() == "PathwayViz — Insulin signalling and selective insulin resistance"


def test_j_key_toggles_jnk_and_the_metabolic_branch_fades(main_window, qtbot):
    w = main_window
    settle_at_meal(w)
    akt_item = w.scene.molecules["akt"]
    irs1_item = w.scene.molecules["irs1_ptyr"]
    akt_before = akt_item.activity
    pser_before = irs1_item.badge_values["irs1_pser"]
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key_J)
    assert w.live.perturbations.toggles == {"jnk": pytest.approx(0.8)}
    assert w.controls.toggles["jnk"].switch.isChecked()
    run_minutes(w, 10)
    assert irs1_item.badge_values["irs1_pser"] > pser_before + 0.2
    assert akt_item.activity < akt_before - 0.15
    # The same key switches it off again.
    qtbot.keyClick(w.view, Qt.Key_J)
    assert "jnk" not in w.live.perturbations.toggles


def test_clicking_the_switch_toggles_jnk(main_window, qtbot):
    w = main_window
    qtbot.mouseClick(w.controls.toggles["jnk"].switch, Qt.LeftButton)
    assert w.live.perturbations.toggles.get("jnk") == pytest.approx(0.8)
    assert w.scene.molecules["jnk"].clamp_tag == "ON"


def test_transitions_are_smooth_not_jumps(main_window):
    w = main_window
    settle_at_meal(w)
    p = w.live.perturbations
    p.toggles["jnk"] = 0.8
    w.state.apply(perturbations=p)
    values = []
    for _ in range(8 * 60):  # 8 simulated minutes at 60 frames per minute
        w.clock.tick(1 / 60)
        values.append(w.scene.molecules["akt"].activity)
    steps = np.abs(np.diff(values))
    assert steps.max() < 0.01
    assert values[0] - values[-1] > 0.15


def test_pausing_stops_the_timer(main_window, qtbot):
    w = main_window
    w.clock.start()
    assert w.clock.is_running()
    w.actions_registry["play_pause"].trigger()
    assert not w.clock.is_running()
    assert w.controls.play_button.text() == "Play"


def test_clicking_a_node_shows_its_card(main_window, qtbot):
    w = main_window
    item = w.scene.molecules["foxo1"]
    pos = w.view.mapFromScene(item.scenePos())
    qtbot.mouseClick(w.view.viewport(), Qt.LeftButton, pos=pos)
    assert w.card.species_id == "foxo1"
    text = w.card.toPlainText()
    assert "FOXO1" in text and "What it does here" in text and "References" in text
    # Upstream links are clickable and select another node.
    w.card.species_link_clicked.emit("akt")
    assert w.card.species_id == "akt"
    assert w.scene.molecules["akt"].isSelected()


def test_knockout_from_context_menu_holds_node_at_zero(main_window):
    w = main_window
    settle_at_meal(w)
    menu: QMenu = w.species_menu("akt")
    [ko] = [a for a in menu.actions() if a.text().startswith("Knock out")]
    ko.trigger()
    assert "akt" in w.live.perturbations.knockouts
    run_minutes(w, 2)
    assert w.live.value("akt") == 0.0
    assert w.scene.molecules["akt"].clamp_tag == "KO"
    menu = w.species_menu("akt")
    [restore] = [a for a in menu.actions() if a.text().startswith("Restore")]
    assert restore.isEnabled()
    restore.trigger()
    assert "akt" not in w.live.perturbations.knockouts


def test_undo_redo_round_trips_a_toggle(main_window):
    w = main_window
    w.state.toggle_kinase("pkc")
    assert "pkc" in w.live.perturbations.toggles
    w.undo_stack.undo()
    assert "pkc" not in w.live.perturbations.toggles
    assert not w.controls.toggles["pkc"].switch.isChecked()
    w.undo_stack.redo()
    assert "pkc" in w.live.perturbations.toggles


def _region_mean_diff(a: QImage, b: QImage, rect) -> float:
    ax = _array(a)[rect.top():rect.bottom(), rect.left():rect.right()]
    bx = _array(b)[rect.top():rect.bottom(), rect.left():rect.right()]
    return float(np.abs(ax.astype(int) - bx.astype(int)).mean())


def _array(img: QImage) -> np.ndarray:
    img = img.convertToFormat(QImage.Format_RGB888)
    ptr = img.constBits()
    arr = np.frombuffer(ptr, dtype=np.uint8, count=img.sizeInBytes()).reshape(img.height(), img.bytesPerLine())
    return arr[:, : img.width() * 3].reshape(img.height(), img.width(), 3).copy()


def test_toggle_changes_pixels_in_pi3k_akt_region_not_in_mapk(main_window):
    w = main_window
    settle_at_meal(w)
    w.clock.tick(0.0)
    before = w.view.viewport().grab().toImage()
    p = w.live.perturbations
    p.toggles["jnk"] = 0.8
    w.state.apply(perturbations=p)
    run_minutes(w, 12)
    after = w.view.viewport().grab().toImage()

    def region(ids):
        rect = w.scene.species_rect(ids, margin=0)
        return w.view.mapFromScene(rect).boundingRect().intersected(w.view.viewport().rect())

    metabolic = _region_mean_diff(before, after, region(["pi3k", "pdk1", "akt"]))
    mapk = _region_mean_diff(before, after, region(["ras", "raf", "mek"]))
    print(f"mean pixel change: PI3K-Akt {metabolic:.1f}, MAPK {mapk:.1f}")
    assert metabolic > 20
    assert mapk < metabolic / 3


def test_zoom_keys_and_fit(main_window, qtbot):
    w = main_window
    w.view.fit()
    scale = w.view.current_scale()
    w.actions_registry["zoom_in"].trigger()
    assert w.view.current_scale() > scale * 1.2
    w.actions_registry["zoom_fit"].trigger()
    assert w.view.current_scale() == pytest.approx(scale, rel=1e-3)


def test_window_geometry_is_remembered(qtbot, pathway, isolated_settings):
    from PySide6.QtCore import QSettings

    from pathwayviz.ui.main_window import MainWindow

    first = MainWindow(pathway, start_running=False)
    qtbot.addWidget(first)
    first.show()
    first.card_dock.hide()
    geometry, state = first.saveGeometry(), first.saveState()
    first.close()
    settings = QSettings()
    assert settings.value("MainWindow/geometry") == geometry
    assert settings.value("MainWindow/state") == state
    second = MainWindow(pathway, start_running=False)
    qtbot.addWidget(second)
    assert not second.card_dock.isHidden()
    second.restore_window_state(QSettings())
    assert second.card_dock.isHidden()
    second.clock.stop()


def test_void_qt_calls_do_not_leak_none():
    """PySide6 6.12.0 dropped a reference to None per void call and aborted (DESIGN.md §8)."""
    code = ("import os; os.environ['QT_QPA_PLATFORM']='offscreen';"
            "from PySide6.QtWidgets import QApplication, QGraphicsRectItem; app = QApplication([]);"
            "item = QGraphicsRectItem(0, 0, 1, 1)\n"
            "for k in range(100000): item.setPos(k % 7, 1)\n"
            "print('ok')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr


def test_real_entry_point_starts_and_quits(tmp_path):
    env = {"QT_QPA_PLATFORM": "offscreen", "PATHWAYVIZ_DATA_DIR": str(tmp_path), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "pathwayviz", "--quit-after", "1.0"], capture_output=True,
                          text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_broken_pathway_gives_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("format: pathwayviz-pathway/1\nid: x\ntitle: x\nspecies:\n  - {id: a, pos: [0, 0]}\n"
                   "interactions:\n  - {source: a, target: AKT2}\n")
    env = {"QT_QPA_PLATFORM": "offscreen", "PATHWAYVIZ_DATA_DIR": str(tmp_path), "HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-m", "pathwayviz", "--pathway", str(bad), "--quit-after", "1.0"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0
    assert "broken.yaml:7: interaction 1 targets unknown species 'AKT2'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_window_fits_a_1280x800_laptop_screen(main_window):
    from pathwayviz.ui.plots_dock import ensure_plots

    w = main_window
    ensure_plots(w)
    settle_at_meal(w)
    for kinase in ("jnk", "ikk", "pkc"):
        w.state.toggle_kinase(kinase)
    w.select_species("jnk")  # shows drug buttons in the what-if panel
    hint = w.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 800, hint


def test_shortcut_list_names_the_keys_a_lecturer_needs(main_window):
    table = dict(main_window.shortcut_table())
    assert table["Toggle JNK"] == "J" and table["Toggle PKC"] == "P"
    assert "Space" in table["Play / pause"]
    assert any("F5" in keys for keys in table.values())


def test_the_j_key_changes_the_state_and_the_checkbox_only_shows_it(main_window, qtbot):
    w = main_window
    w.controls_dock.close()  # the key must not depend on the controls being there
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key_J)
    assert "jnk" in w.state.perturbations.toggles and "jnk" in w.live.perturbations.toggles
    assert w.controls.toggles["jnk"].switch.isChecked()
    assert w.undo_stack.undoText().startswith("JNK on")
    qtbot.keyClick(w.view, Qt.Key_J)
    assert "jnk" not in w.state.perturbations.toggles
    assert not w.controls.toggles["jnk"].switch.isChecked()


def test_showing_the_state_in_the_controls_records_no_edit(main_window):
    w = main_window
    count = w.undo_stack.count()
    p = w.state.perturbations
    p.inputs["insulin"] = 0.7
    p.toggles["ikk"] = 0.4
    w.state.apply(perturbations=p)  # as undo, a lesson or a session does
    assert w.controls.sliders["insulin"].value() == pytest.approx(0.7)
    assert w.controls.toggles["ikk"].switch.isChecked()
    assert w.controls.toggles["ikk"].intensity.value() == pytest.approx(0.4)
    assert w.undo_stack.count() == count


def test_f1_list_and_menus_come_from_the_one_action_table(main_window):
    from pathwayviz.ui.action_table import PRESENTATION, WINDOW
    from pathwayviz.ui.actions import key_sequences

    w = main_window
    registry = w.actions_registry
    for spec in registry.table:
        if spec.context == WINDOW and not spec.is_separator:
            action = registry[spec.id]
            assert [k.toString() for k in action.shortcuts()] == [k.toString() for k in key_sequences(spec.keys)]
            assert action in w.actions()  # works full screen, with the menu bar hidden
    rows = registry.shortcut_rows()
    assert ("Presentation", "Blank the screen / show it again", "B, .") in rows
    assert ("Window", "Toggle JNK", "J") in rows
    presenting = [s for s in registry.table if s.context == PRESENTATION]
    assert {s.id for s in presenting} >= {"present_next", "present_back", "present_blank", "present_leave"}
    assert registry.presentation_action(Qt.Key_Space, Qt.NoModifier).id == "present_next"
    assert registry.presentation_action(Qt.Key_Space, Qt.ControlModifier) is None


def test_no_two_window_actions_share_a_key(main_window):
    seen = {}
    for action in main_window.actions():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, (text, seen.get(text), action.objectName())
            seen[text] = action.objectName()


def test_smooth_zooms_move_only_with_the_clock(main_window):
    w = main_window
    view = w.view
    target = w.scene.species_rect(["akt"], margin=100)
    view.zoom_to(target)  # paused: applied at once, nothing to animate
    assert not view.is_zooming() and view.visible_scene_rect().contains(target.center())
    view.fit()
    w.clock.start()
    try:
        whole = view.visible_scene_rect()
        view.zoom_to(target)
        assert view.is_zooming() and view.visible_scene_rect() == whole  # nothing moved yet
        w.clock.tick(w.clock.speed * view.ZOOM_SECONDS / 2)  # half the zoom's real time
        half = view.visible_scene_rect()
        assert view.is_zooming() and half.width() < whole.width()
    finally:
        w.clock.stop()
    assert not view.is_zooming()  # stopping the clock ends the zoom where it was going
    assert view.visible_scene_rect().width() < half.width()
