"""Keyboard: Space and Return press the focused control; play/pause is K or Ctrl+Space."""

from __future__ import annotations

from PySide6.QtCore import Qt


def _focus(qtbot, w, widget):
    w.activateWindow()
    widget.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def test_space_and_return_toggle_the_focused_kinase_check_box(main_window, qtbot):
    w = main_window
    box = w.controls.toggles["jnk"].switch
    for key in (Qt.Key_Space, Qt.Key_Return, Qt.Key_Enter):
        _focus(qtbot, w, box)
        before = w.state.perturbations.toggles.get("jnk")
        qtbot.keyClick(box, key)
        qtbot.waitUntil(lambda b=before: w.state.perturbations.toggles.get("jnk") != b)
        assert not w.clock.is_running()  # the key pressed the box, not play/pause
    assert w.state.perturbations.toggles.get("jnk") == 0.8  # on, off, on


def test_return_presses_the_focused_push_button(main_window, qtbot):
    w = main_window
    meal = w.controls.findChild(type(w.controls.play_button), "preset_insulin_meal")
    assert meal is not None
    _focus(qtbot, w, meal)
    qtbot.keyClick(meal, Qt.Key_Return)
    qtbot.waitUntil(lambda: w.state.perturbations.inputs["insulin"] != 0.0)
    assert w.state.perturbations.inputs["insulin"] > 0.0
    assert not w.clock.is_running()


def test_k_and_ctrl_space_play_and_pause_and_f1_lists_them(main_window, qtbot):
    w = main_window
    assert ("Play / pause", "K, Ctrl+Space") in w.shortcut_table()
    w.view.setFocus()
    w.activateWindow()
    qtbot.keyClick(w.view, Qt.Key_K)
    assert w.clock.is_running()
    qtbot.keyClick(w.view, Qt.Key_Space, Qt.ControlModifier)
    assert not w.clock.is_running()


def test_space_on_a_focused_button_presses_it_and_never_toggles_play(main_window, qtbot):
    """Fails if Space is (also) a window-wide play/pause key: the clock would stop or start."""
    w = main_window
    played = []
    w.actions_registry["play_pause"].triggered.connect(lambda *_: played.append("action"))
    w.clock.running_changed.connect(lambda on: played.append(on))
    meal = w.controls.findChild(type(w.controls.play_button), "preset_insulin_meal")
    box = w.controls.toggles["ikk"].switch
    w.clock.start()
    played.clear()
    _focus(qtbot, w, meal)
    qtbot.keyClick(meal, Qt.Key_Space)
    qtbot.waitUntil(lambda: w.state.perturbations.inputs["insulin"] > 0.0)
    _focus(qtbot, w, box)
    qtbot.keyClick(box, Qt.Key_Space)
    qtbot.waitUntil(lambda: w.state.perturbations.toggles.get("ikk", 0) > 0)
    assert w.clock.is_running() and played == []   # running before, running after, never toggled
    w.clock.stop()
