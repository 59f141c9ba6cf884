"""The state in words in the window: on Ctrl+D, and announced after every change."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt

from pathwayviz.sim.describe import describe_state
from pathwayviz.ui import state_words


def test_ctrl_d_shows_and_speaks_the_current_state(main_window, qtbot, monkeypatch):
    spoken = []
    monkeypatch.setattr(state_words, "announce", lambda widget, text: spoken.append(text))
    w = main_window
    p = w.state.perturbations
    p.toggles["jnk"] = 0.8
    w.state.set_perturbations(p, "JNK on")
    for _ in range(40):
        w.clock.tick(0.5)
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key_D, Qt.ControlModifier)
    snap = w.live.snapshot()
    expected = describe_state(w.pathway, w.live.perturbations, snap.state, snap.healthy).text
    assert expected.startswith("JNK on: ")
    assert w.statusBar().currentMessage() == expected
    assert expected in spoken


def test_a_change_is_announced_with_where_it_settles(main_window, qtbot, monkeypatch):
    spoken = []
    monkeypatch.setattr(state_words, "announce", lambda widget, text: spoken.append(text))
    w = main_window
    p = w.state.perturbations
    p.toggles.update({"jnk": 0.8, "ikk": 0.8, "pkc": 0.8})
    w.state.set_perturbations(p, "kinases on")
    qtbot.waitUntil(lambda: any(t.startswith("Settles at: ") for t in spoken), timeout=3000)
    text = [t for t in spoken if t.startswith("Settles at: ")][-1]
    # The announced outcome is the steady state of these perturbations: Akt falls a lot.
    steady = dict(zip(w.live.ids, w.live.engine.steady_state(w.live.perturbations)))
    akt = re.search(r"Akt \u2212(\d+) %", text)
    assert akt and int(akt.group(1)) > 50, text
    assert steady["akt"] < 0.5 * w.live.value("akt", w.live.healthy)


def test_ctrl_1_gives_the_diagram_the_keyboard_focus(main_window, qtbot):
    w = main_window
    w.controls.setFocus()
    qtbot.waitUntil(lambda: not w.view.hasFocus())
    w.actions_registry["focus_diagram"].trigger()
    qtbot.waitUntil(w.view.hasFocus)
    assert w.actions_registry["focus_diagram"].shortcut().toString() == "Ctrl+1"
