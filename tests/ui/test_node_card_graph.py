"""The node card's graph answers: neighbours, feedback loops and "trace the signal from insulin"."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from pathwayviz.model.graph import trace_signal


def test_card_lists_the_feedback_loop_and_its_sign(main_window):
    w = main_window
    w.select_species("s6k1")
    text = w.card.toPlainText()
    assert "Feedback loops it sits in" in text
    assert "S6K1 → " in text and "(negative feedback: it damps itself)" in text
    w.select_species("jnk")
    assert "Feedback loops" not in w.card.toPlainText()


def test_trace_link_highlights_the_route_from_insulin_and_undo_takes_it_back(main_window):
    w = main_window
    w.select_species("hgp")
    assert f"Trace the signal from {w.pathway.species['insulin'].label} to here" in w.card.toPlainText()
    before = w.state.highlight
    w.card.anchorClicked.emit(QUrl("trace:hgp"))  # what a click on the link sends
    route = trace_signal(w.pathway, "hgp").species
    assert w.state.highlight == route
    assert {sid for sid, item in w.scene.molecules.items() if item.highlighted} == set(route)
    assert w.undo_stack.undoText() == f"Trace the signal to {w.pathway.species['hgp'].label}"
    w.undo_stack.undo()
    assert w.state.highlight == before


def test_no_trace_link_where_insulin_does_not_reach(main_window):
    main_window.select_species("tnfa")
    assert "Trace the signal" not in main_window.card.toPlainText()
