"""Student tools: find, what-ifs, undo/redo, sessions (save, open, autosave, crash restore), glossary, compare.

pytest-qt, offscreen, the clock stepped by hand; no sleeps.
"""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, QUrl, Qt
from PySide6.QtWidgets import QMessageBox, QSplitter

from pathwayviz.state.session import SESSION_FORMAT, load_session
from pathwayviz.ui import sessions as sessions_module

MEAL = 0.6


def run_minutes(window, minutes, fps=20):
    for _ in range(int(minutes * fps)):
        window.clock.tick(1 / fps)


def view_centre(window):
    v = window.view
    return v.mapToScene(v.viewport().rect().center())


def node_centre(window, species_id):
    return window.scene.molecules[species_id].sceneBoundingRect().center()


@pytest.fixture
def no_quit_hook(monkeypatch):
    """start_up would connect QApplication.aboutToQuit; the test application never quits."""
    monkeypatch.setattr(sessions_module, "_hook_quit", lambda: None)


# -- find ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("typed, expected", [("PKB", "akt"), ("IRS1", "irs1_ptyr"), ("fkhr", "foxo1"),
                                             ("hgp", "hgp")])
def test_find_resolves_synonyms_then_selects_and_centres(main_window, qtbot, typed, expected):
    w = main_window
    w.actions_registry["find"].trigger()
    bar = w.find_bar
    assert bar.isVisible() and bar.edit.hasFocus()
    qtbot.keyClicks(bar.edit, typed)
    # Typing letters that are also shortcuts (P toggles PKC) must only type.
    assert w.live.perturbations.toggles == {}
    bar.completer.popup().hide()
    qtbot.keyClick(bar.edit, Qt.Key_Return)
    assert w.card.species_id == expected
    assert w.scene.molecules[expected].isSelected()
    # Centred to within a few scene pixels (the view scrolls in whole device pixels).
    # Zoomed in from the whole-diagram fit (≈0.55 here) towards 1.1; the plots panel, built after the first
    # paint, may shrink the view meanwhile, which lowers the final scale a little.
    qtbot.waitUntil(lambda: (view_centre(w) - node_centre(w, expected)).manhattanLength() < 8
                    and w.view.current_scale() >= 0.85, timeout=3000)
    assert w.pathway.species[expected].label in bar.feedback.text()


def test_find_offers_completions_and_reports_not_found(main_window, qtbot):
    w = main_window
    bar = w.find_bar
    bar.open_bar()
    bar.completer.setCompletionPrefix("glycogen synth")
    names = [bar.completer.completionModel().index(r, 0).data() for r in range(bar.completer.completionCount())]
    assert any("Glycogen synthesis" in n for n in names)
    # Choosing a completion jumps to its molecule.
    bar.completer.setCompletionPrefix("PKB")
    bar.completer.activated[QModelIndex].emit(bar.completer.currentIndex())
    assert w.card.species_id == "akt"
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "insulinase")
    bar.completer.popup().hide()
    qtbot.keyClick(bar.edit, Qt.Key_Return)
    assert "No molecule" in bar.feedback.text() and "insulinase" in bar.feedback.text()
    assert w.card.species_id == "akt"  # nothing else changed
    qtbot.keyClick(bar.edit, Qt.Key_Escape)
    assert not bar.isVisible()


def test_enter_again_steps_through_several_matches(main_window, qtbot):
    bar = main_window.find_bar
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "insulin")
    bar.completer.popup().hide()
    found = []
    for _ in range(3):
        qtbot.keyClick(bar.edit, Qt.Key_Return)
        found.append(main_window.card.species_id)
    assert len(set(found)) == 3
    assert "of" in bar.feedback.text()


# -- undo / redo of every kind of change ---------------------------------------------------------
def _round_trip(w, change, check_done, check_undone):
    change()
    assert check_done(w.live.perturbations)
    w.undo_stack.undo()
    assert check_undone(w.live.perturbations)
    w.undo_stack.redo()
    assert check_done(w.live.perturbations)
    w.undo_stack.undo()
    assert check_undone(w.live.perturbations)


def test_undo_redo_input_toggle_knockout(main_window, qtbot):
    w = main_window
    _round_trip(w, lambda: w.controls.sliders["insulin"].slider.setValue(60),
                lambda p: p.inputs["insulin"] == pytest.approx(0.6), lambda p: p.inputs["insulin"] == pytest.approx(0.0))
    assert w.controls.sliders["insulin"].value() == pytest.approx(0.0)
    _round_trip(w, lambda: qtbot.mouseClick(w.controls.toggles["jnk"].switch, Qt.LeftButton),
                lambda p: "jnk" in p.toggles, lambda p: "jnk" not in p.toggles)
    menu = w.species_menu("foxo1")
    [ko] = [a for a in menu.actions() if a.text().startswith("Knock out")]
    _round_trip(w, ko.trigger, lambda p: "foxo1" in p.knockouts, lambda p: "foxo1" not in p.knockouts)


def test_undo_redo_fixed_level_from_the_context_menu(main_window, qtbot):
    w = main_window
    [fix] = [a for a in w.species_menu("akt").actions() if a.objectName() == "fix_level"]
    fix.trigger()
    dialog = w.whatif.fixed_dialog
    assert dialog is not None and dialog.isVisible() and "Akt" in dialog.labelText()
    dialog.setDoubleValue(0.3)
    dialog.accept()
    assert w.live.perturbations.fixed == {"akt": pytest.approx(0.3)}
    run_minutes(w, 1)
    assert w.live.value("akt") == pytest.approx(0.3)
    assert w.scene.molecules["akt"].clamp_tag == "FIX"
    w.undo_stack.undo()
    assert w.live.perturbations.fixed == {}
    w.undo_stack.redo()
    assert w.live.perturbations.fixed == {"akt": pytest.approx(0.3)}


def test_undo_redo_drugs_from_menu_and_context_menu(main_window):
    w = main_window
    assert {f"drug_{d.id}" for d in w.pathway.drugs} <= set(w.actions_registry.all())
    act = w.actions_registry["drug_rapamycin"]
    _round_trip(w, act.trigger, lambda p: p.drugs == {"rapamycin": 1.0}, lambda p: p.drugs == {})
    assert not act.isChecked()  # the menu follows undo
    [jnk_drug] = [a for a in w.species_menu("jnk").actions() if a.objectName() == "menu_drug_jnk_inhibitor"]
    assert jnk_drug.isCheckable() and not jnk_drug.isChecked()
    _round_trip(w, jnk_drug.trigger, lambda p: "jnk_inhibitor" in p.drugs, lambda p: "jnk_inhibitor" not in p.drugs)
    # What-ifs sit with the clamps, before entries other features add (such as pinning).
    texts = [a.text() for a in w.species_menu("jnk").actions() if not a.isSeparator()]
    assert texts[:5] == ["Knock out JNK", "Overexpress JNK", "Restore JNK", "Set fixed level of JNK…", "JNK inhibitor"]
    # Molecules that no drug targets offer none.
    assert not [a for a in w.species_menu("foxo1").actions() if a.objectName().startswith("menu_drug_")]


def _pin_entry(window, species_id):
    """The species menu's pin/unpin entry (added by the plots dock)."""
    [entry] = [a for a in window.species_menu(species_id).actions() if a.text().startswith(("Pin ", "Unpin "))]
    return entry


def test_pins_are_undoable_state_edits_whoever_pins(main_window):
    from pathwayviz.ui.plots_dock import ensure_plots

    w = main_window
    plots = ensure_plots(w)
    count = w.undo_stack.count()
    _pin_entry(w, "foxo1").trigger()
    assert w.state.pins == ("foxo1",) and "foxo1" in plots.pinned() and w.undo_stack.count() == count + 1
    assert w.undo_stack.undoText() == "Pin FOXO1"
    plots.pin("hgp")  # pinned from the plots panel itself: the same undoable state edit
    assert w.state.pins == ("foxo1", "hgp") and w.undo_stack.count() == count + 2
    w.undo_stack.undo()
    assert w.state.pins == ("foxo1",) and "hgp" not in plots.pinned()
    w.undo_stack.undo()
    assert w.state.pins == () and "foxo1" not in plots.pinned()
    w.undo_stack.redo()
    w.undo_stack.redo()
    assert w.state.pins == ("foxo1", "hgp") and {"foxo1", "hgp"} <= set(plots.pinned())
    assert w.undo_stack.count() == count + 2  # undo/redo did not record new steps
    assert _pin_entry(w, "foxo1").text().startswith("Unpin")


def test_pins_with_the_real_plots_panel_undo_and_travel_in_sessions(main_window, tmp_path, qtbot):
    from pathwayviz.ui.plots_dock import ensure_plots

    w = main_window
    plots = ensure_plots(w)
    _pin_entry(w, "foxo1").trigger()
    assert "foxo1" in plots.pinned()
    w.undo_stack.undo()
    assert "foxo1" not in plots.pinned()
    w.undo_stack.redo()
    assert "foxo1" in plots.pinned()
    path = tmp_path / "pins.pathwayviz"
    w.sessions.save_to(path)
    assert load_session(path).pinned == ["foxo1"]
    # Opened before the plots panel exists (at start-up, before the first paint): the pins wait for it.
    from pathwayviz.ui.main_window import MainWindow

    again = MainWindow(w.pathway, start_running=False)
    qtbot.addWidget(again)
    assert again.plots is None
    assert again.sessions.open_path(path)
    assert again.state.pins == ("foxo1",)
    ensure_plots(again)
    assert again.plots.pinned() == ["foxo1"]
    assert again.undo_stack.count() == 0  # restoring pins is not an undo step


# -- the perturbations list ----------------------------------------------------------------------
def test_perturbation_list_shows_everything_and_removes_in_one_click(main_window, qtbot):
    w = main_window
    panel = w.whatif.panel
    assert panel.changes == [] and panel.empty_label.isVisibleTo(panel)
    p = w.live.perturbations
    p.inputs["insulin"] = MEAL
    p.toggles["jnk"] = 0.8
    p.knockouts.add("foxo1")
    p.overexpress.add("erk")
    p.fixed["akt"] = 0.25
    p.drugs["mek_inhibitor"] = 1.0
    w.state.set_perturbations(p, "many changes")
    texts = [c.text for c in panel.changes]
    assert len(texts) == 6
    for word in ("Insulin infusion: 0.60", "JNK switched on", "FOXO1 knocked out", "ERK overexpressed", "Akt fixed at 0.25",
                 "MEK inhibitor"):
        assert any(word in t for t in texts), (word, texts)
    assert panel.list.count() == 6
    qtbot.mouseClick(panel.remove_button("knockout:foxo1"), Qt.LeftButton)
    assert "foxo1" not in w.live.perturbations.knockouts
    assert len(panel.changes) == 5
    qtbot.mouseClick(panel.remove_button("input:insulin"), Qt.LeftButton)
    assert w.live.perturbations.inputs["insulin"] == pytest.approx(0.0)  # back to the default: no infusion
    w.undo_stack.undo()
    w.undo_stack.undo()
    assert "foxo1" in w.live.perturbations.knockouts and len(panel.changes) == 6
    qtbot.mouseClick(panel.clear_button, Qt.LeftButton)
    assert panel.changes == [] and w.live.perturbations == type(p).defaults(w.pathway)
    w.undo_stack.undo()
    assert len(panel.changes) == 6


def test_selected_molecule_what_if_buttons(main_window, qtbot):
    w = main_window
    panel = w.whatif.panel
    w.select_species("mtorc1")
    assert "mTORC1" in panel.selected_box.title()
    [rapa] = [b for b in panel.drug_buttons if "Rapamycin" in b.text()]
    qtbot.mouseClick(rapa, Qt.LeftButton)
    assert w.live.perturbations.drugs == {"rapamycin": 1.0}
    qtbot.mouseClick(panel.knockout_button, Qt.LeftButton)
    assert "mtorc1" in w.live.perturbations.knockouts and panel.restore_button.isEnabled()
    qtbot.mouseClick(panel.restore_button, Qt.LeftButton)
    assert "mtorc1" not in w.live.perturbations.knockouts


# -- sessions ------------------------------------------------------------------------------------
def _make_some_history(w):
    p = w.live.perturbations
    p.inputs["insulin"] = MEAL
    p.toggles["ikk"] = 0.7
    p.knockouts.add("foxo1")
    p.drugs["rapamycin"] = 1.0
    w.state.set_perturbations(p, "lesson prep")
    run_minutes(w, 3)
    w.state.set_focus("female")
    assert w.controls.focus.currentData() == "female"
    w.view.zoom_to(w.scene.species_rect(["akt"], margin=200), animate=False)


def test_saved_session_reopens_to_the_same_state_and_view(main_window, new_window, tmp_path, qtbot):
    w = main_window
    _make_some_history(w)
    path = tmp_path / "lab.pathwayviz"
    assert w.windowTitle().startswith("• ")
    w.actions_registry["save_session"]  # declared
    assert w.sessions.save_to(path)
    assert w.windowTitle() == "lab.pathwayviz — PathwayViz — " + w.pathway.title
    saved = load_session(path)
    assert saved.focus == "female" and saved.perturbations.knockouts == {"foxo1"}
    state, healthy, t = w.live.state.copy(), w.live.healthy.copy(), w.live.time
    scale, centre = w.view.current_scale(), view_centre(w)

    again = new_window()
    assert again.sessions.open_path(path)
    assert again.live.time == pytest.approx(t)
    np.testing.assert_allclose(again.live.state, state, rtol=0, atol=1e-12)
    np.testing.assert_allclose(again.live.healthy, healthy, rtol=0, atol=1e-12)
    assert again.live.perturbations == w.live.perturbations
    assert again.state.focus == "female"
    assert again.controls.sliders["insulin"].value() == pytest.approx(MEAL)
    assert again.view.current_scale() == pytest.approx(scale, rel=1e-6)
    assert (view_centre(again) - centre).manhattanLength() < 2.0
    assert again.windowTitle().startswith("lab.pathwayviz — ")
    assert again.undo_stack.count() == 0
    # Both continue identically.
    run_minutes(w, 1)
    run_minutes(again, 1)
    np.testing.assert_allclose(again.live.state, w.live.state, atol=1e-12)
    # A change marks the title; saving clears the mark.
    again.state.toggle_kinase("jnk")
    assert again.windowTitle().startswith("• lab.pathwayviz")
    again.undo_stack.undo()
    assert not again.windowTitle().startswith("•")


def test_ctrl_s_saves_to_the_current_file_and_recent_menu_reopens(main_window, qtbot, tmp_path):
    w = main_window
    path = tmp_path / "mine.pathwayviz"
    w.sessions.save_to(path)
    w.state.toggle_kinase("pkc")
    before = path.read_text()
    qtbot.keyClick(w, Qt.Key_S, Qt.ControlModifier)
    assert path.read_text() != before and '"pkc"' in path.read_text()
    w.state.toggle_kinase("pkc")
    w.sessions._fill_recent_menu()
    [entry] = [a for a in w.sessions.recent_menu.actions() if a.text() == "mine.pathwayviz"]
    entry.trigger()
    assert "pkc" in w.live.perturbations.toggles


@pytest.mark.parametrize("content, words", [
    ("{ this is not json", "not valid JSON"),
    (json.dumps({"format": SESSION_FORMAT, "version": 99, "pathway": "builtin:insulin_signaling"}), "newer"),
    (json.dumps({"format": SESSION_FORMAT, "version": 1, "pathway": "builtin:insulin_signaling",
                 "perturbations": {"knockouts": ["AKT2"]}}), "AKT2"),
])
def test_bad_session_is_refused_with_a_message_and_nothing_lost(main_window, tmp_path, qtbot, content, words):
    w = main_window
    _make_some_history(w)
    state, p, stack = w.live.state.copy(), w.live.perturbations, w.undo_stack.count()
    title = w.windowTitle()
    bad = tmp_path / "broken.pathwayviz"
    bad.write_text(content)
    assert not w.sessions.open_path(bad)
    box = w.sessions.last_problem
    assert box is not None and box.isVisible()  # shown with open(): the call did not block
    assert "broken.pathwayviz" in box.text() and words in box.text()
    assert "unchanged" in box.text()
    np.testing.assert_array_equal(w.live.state, state)
    assert w.live.perturbations == p and w.undo_stack.count() == stack and w.windowTitle() == title
    # The app keeps running: the clock still ticks and edits still work.
    w.clock.tick(0.1)
    w.state.toggle_kinase("jnk")
    assert "jnk" in w.live.perturbations.toggles


def test_interrupted_save_leaves_the_previous_file_intact(main_window, tmp_path, monkeypatch):
    w = main_window
    path = tmp_path / "keep.pathwayviz"
    assert w.sessions.save_to(path)
    before = path.read_bytes()
    w.state.toggle_kinase("jnk")

    def fail(*_args, **_kw):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    assert not w.sessions.save_to(path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tmp") == []
    assert "disk is full" in w.sessions.last_problem.text()
    assert w.windowTitle().startswith("• ")  # still unsaved


def test_autosave_restores_after_a_crash(new_window, no_quit_hook, isolated_settings):
    first = new_window()
    first.sessions.start_up(None)
    assert first.sessions.restore_prompt is None  # nothing to restore on a clean first start
    _make_some_history(first)
    assert first.sessions.autosave() is not None
    state, t = first.live.state.copy(), first.live.time
    # The process dies here: no mark_clean_exit(). The next start finds the marker.
    second = new_window()
    second.sessions.start_up(None)
    prompt = second.sessions.restore_prompt
    assert prompt is not None and prompt.isVisible()
    assert "did not close normally" in prompt.text()
    second.sessions.answer_restore(True)
    np.testing.assert_allclose(second.live.state, state, atol=1e-12)
    assert second.live.time == pytest.approx(t)
    assert second.live.perturbations == first.live.perturbations
    assert second.windowTitle().startswith("• Unsaved session")
    # The crashed run's autosave was also kept as a recovered file in Open recent.
    recovered = [p for p in second.sessions.recent.paths() if p.name.startswith("recovered-")]
    assert recovered and load_session(recovered[0]).time == pytest.approx(t)


def test_declining_restore_starts_afresh_and_a_clean_exit_offers_nothing(new_window, no_quit_hook):
    from pathwayviz.state.autosave import mark_clean_exit

    first = new_window()
    first.sessions.start_up(None)
    _make_some_history(first)
    first.close()  # autosaves on close
    second = new_window()
    second.sessions.start_up(None)
    second.sessions.answer_restore(False)
    assert second.live.perturbations.knockouts == set()
    mark_clean_exit()
    third = new_window()
    third.sessions.start_up(None)
    assert third.sessions.restore_prompt is None


def test_command_line_file_opens_the_session_at_start(main_window, new_window, no_quit_hook, tmp_path):
    _make_some_history(main_window)
    path = tmp_path / "from-cli.pathwayviz"
    main_window.sessions.save_to(path)
    window = new_window()
    window.sessions.start_up(str(path))
    np.testing.assert_allclose(window.live.state, main_window.live.state, atol=1e-12)
    assert window.windowTitle().startswith("from-cli.pathwayviz")


def test_session_of_another_pathway_file_opens_in_a_new_window(main_window, tmp_path, qtbot, pathway):
    import shutil

    copy = tmp_path / "my_pathway.yaml"
    shutil.copy(pathway.source_file, copy)
    session = main_window.sessions.capture()
    session.pathway = str(copy)
    path = tmp_path / "other.pathwayviz"
    from pathwayviz.state.session import save_session

    save_session(session, path)
    assert main_window.sessions.open_path(path)
    [replacement] = sessions_module._replacements
    try:
        qtbot.waitUntil(lambda: replacement.isVisible())
        assert replacement.pathway.source_file == str(copy)
        assert not main_window.isVisible()
        np.testing.assert_allclose(replacement.live.state, session_state(session, replacement), atol=1e-12)
    finally:
        replacement.clock.stop()
        replacement.close()
        replacement.deleteLater()
        sessions_module._replacements.clear()


def session_state(session, window):
    return np.array([session.state[s] for s in window.live.ids])


# -- glossary ------------------------------------------------------------------------------------
def test_glossary_links_on_cards_open_the_definition(main_window, qtbot):
    w = main_window
    w.select_species("akt")
    assert 'href="glossary:' in w.card.toHtml() or "glossary:" in w.card.toHtml()
    assert not w.glossary_dock.isVisible()
    w.card.anchorClicked.emit(QUrl("glossary:insulin_resistance"))
    assert w.glossary_dock.isVisible()
    panel = w.glossary_panel
    assert panel.current_key == "insulin_resistance"
    assert "Insulin resistance" in panel.definition.toPlainText()
    assert "weaker response" in panel.definition.toPlainText()
    assert w.card_dock.isVisible() and not w.visibleRegion().isEmpty()  # opened beside the card, not over it
    # Searching filters the list.
    panel.search.setText("steroid")
    shown = [panel.terms.item(r).text() for r in range(panel.terms.count()) if not panel.terms.item(r).isHidden()]
    assert "Steroidogenesis" in shown and "Insulin resistance" not in shown


def test_card_text_with_angle_brackets_stays_text(main_window):
    w = main_window
    linked = w.card._linked("glucose < 5 & hyperinsulinemia")
    assert "&lt; 5 &amp;" in linked and 'href="glossary:hyperinsulinemia"' in linked


# -- compare -------------------------------------------------------------------------------------
def test_compare_view_shows_healthy_beside_current(main_window, qtbot):
    w = main_window
    p = w.live.perturbations
    p.inputs["insulin"] = MEAL
    w.state.apply(perturbations=p)
    w.live.reset()
    w.live.settle()
    card_width, centre_width = w.card_dock.width(), w.view.width()
    qtbot.keyClick(w, Qt.Key_K, Qt.ControlModifier)
    cmp = w.compare
    assert cmp.is_on() and isinstance(w.centralWidget(), QSplitter)
    qtbot.waitUntil(lambda: w.centralWidget().widget(1).x() > 200)  # laid out side by side
    qtbot.waitUntil(lambda: w.card_dock.width() == card_width)  # the side panels keep their size
    assert w.centralWidget().width() >= centre_width - 5
    labels = w.centralWidget().findChildren(type(w.status_label), "compare_title")
    titles = [lbl.text() for lbl in sorted(labels, key=lambda lbl: lbl.mapTo(w, lbl.rect().topLeft()).x())]
    assert titles == ["Healthy reference", "Current"]  # left to right
    assert w.view.isVisible() and cmp.view.isVisible()
    p = w.live.perturbations
    p.toggles["jnk"] = 0.8
    w.state.apply(perturbations=p)
    run_minutes(w, 12)
    healthy_akt, current_akt = cmp.scene.molecules["akt"], w.scene.molecules["akt"]
    assert healthy_akt.activity > current_akt.activity + 0.15
    assert cmp.scene.molecules["jnk"].clamp_tag == "" and w.scene.molecules["jnk"].clamp_tag == "ON"

    def fill(view, scene):
        rect = scene.molecules["akt"].node_rect()  # scene coordinates
        inside = rect.center()
        inside.setX(rect.left() + 0.15 * rect.width())  # left of the label text
        return view.viewport().grab().toImage().pixelColor(view.mapFromScene(inside))

    a, b = fill(cmp.view, cmp.scene), fill(w.view, w.scene)
    assert abs(a.lightness() - b.lightness()) > 15, (a.name(), b.name())
    # Both follow the same zoom; one clock drives both.
    assert cmp.view.current_scale() == pytest.approx(w.view.current_scale())
    t = w.live.time
    w.clock.tick(0.5)
    assert w.live.time == pytest.approx(t + 0.5)
    # F6 switches it off again; the main view is back as the central widget.
    qtbot.keyClick(w, Qt.Key_F6)
    assert not cmp.is_on() and w.centralWidget() is w.view and cmp.view is None
    qtbot.waitUntil(lambda: w.card_dock.width() == card_width and abs(w.view.width() - centre_width) <= 5)
    w.clock.tick(0.1)


def test_restore_prompt_is_answered_by_clicking(new_window, no_quit_hook):
    first = new_window()
    first.sessions.start_up(None)
    first.state.toggle_kinase("jnk")
    first.sessions.autosave()
    second = new_window()
    second.sessions.start_up(None)
    second.sessions.restore_prompt.button(QMessageBox.Yes).click()
    assert "jnk" in second.live.perturbations.toggles


def test_a_fitted_view_reopens_fitted_to_the_new_window(main_window, new_window, tmp_path):
    path = tmp_path / "fitted.pathwayviz"
    main_window.view.fit()
    main_window.sessions.save_to(path)
    assert load_session(path).view is None
    again = new_window()
    again.resize(900, 700)
    again.view.zoom_by(3.0)
    again.sessions.open_path(path)
    assert again.view.auto_fit


def test_lesson_step_travels_in_the_session(main_window, new_window, tmp_path):
    w = main_window
    w.lesson_controller.go_to(2, reveal=True)
    run_minutes(w, 1)
    path = tmp_path / "lesson.pathwayviz"
    assert w.sessions.save_to(path)
    saved = load_session(path)
    assert saved.lesson == "builtin:selective_insulin_resistance" and saved.lesson_step == 2
    again = new_window()
    assert again.sessions.open_path(path)
    assert again.lesson_controller.current_step() == 2
    assert again.live.perturbations == w.live.perturbations
    np.testing.assert_allclose(again.live.state, w.live.state, atol=1e-12)
    assert again.undo_stack.count() == 0
