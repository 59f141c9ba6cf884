"""Lessons in the window and presentation mode, as a lecturer with a clicker uses them (pytest-qt, offscreen)."""

from __future__ import annotations

import argparse
import textwrap

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox

from pathwayviz.canvas.style import PROJECTOR, SCREEN
from pathwayviz.lesson import builtin_lesson
from pathwayviz.resource_files import builtin_lesson_path
from pathwayviz.ui import caption_band
from pathwayviz.ui.app import start_up


@pytest.fixture
def lesson(pathway):
    return builtin_lesson(pathway)


@pytest.fixture
def presenting(main_window):
    """The window in presentation mode; always left again, even when a test fails."""
    main_window.presentation.enter()
    yield main_window
    main_window.presentation.leave()


def visible_docks(window) -> set[str]:
    return {d.objectName() for d in window.findChildren(QDockWidget) if d.parent() is window and not d.isHidden()}


def highlighted(window) -> set[str]:
    return {sid for sid, item in window.scene.molecules.items() if item.highlighted}


def press(qtbot, widget, *keys) -> None:
    for key in keys:
        qtbot.keyClick(widget, key)


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD_LESSON = """\
    format: pathwayviz-lesson/1
    title: "Two steps"
    steps:
      - id: calm
        title: "Calm"
        caption: "Nothing happens."
      - id: jnk-on
        title: "JNK on"
        caption: "JNK switches on."
        settings:
          toggles: {jnk: 0.8}
        highlight: [jnk]
    """

BROKEN_LESSON = """\
    format: pathwayviz-lesson/1
    title: "Broken"
    steps:
      - id: one
        title: "One"
        caption: "Fine."
      - id: two
        title: "Two"
        caption: "Names a molecule that does not exist."
        highlight: [akt2]
        colour: red
    """


# -- the controller -------------------------------------------------------------------------------------
def test_every_builtin_step_applies_its_settings_highlight_and_counter(main_window, pathway, lesson, qtbot):
    w = main_window
    c = w.lesson_controller
    assert [s.id for s in c.lesson.steps] == [s.id for s in lesson.steps]
    assert c.lesson_file() == str(builtin_lesson_path())
    for k, step in enumerate(lesson.steps):
        with qtbot.waitSignal(c.step_entered) as entered:
            c.go_to(k)
        assert entered.args == [k]
        assert c.current_step() == k
        assert w.live.perturbations == step.perturbations(pathway)
        assert highlighted(w) == set(step.highlight)
        assert w.lesson_strip.counter.text() == f"{k + 1} / {len(lesson.steps)}"
        assert w.lesson_panel.steps.currentRow() == k


def test_highlight_and_zoom_targets_exist_and_framing_stays_in_the_diagram(main_window, lesson):
    w = main_window
    c = w.lesson_controller
    whole = w.scene.diagram_rect()
    regions = 0
    for k, step in enumerate(lesson.steps):
        assert set(step.highlight) <= set(w.scene.molecules), step.id
        c.go_to(k, reveal=True)
        for r, zoom in enumerate(step.frames):  # each region in turn, as "next" pans to it
            assert set(zoom) <= set(w.scene.molecules), step.id
            assert c.state.zoom_target == zoom, (step.id, r)
            frame = c.framing_rect()
            assert whole.contains(frame), step.id
            for sid in zoom:
                assert frame.contains(w.scene.molecules[sid].node_rect()), (step.id, sid)
            if not zoom:
                assert frame == whole
            c.next()
            regions += 1
        assert c.index == min(k + 1, len(lesson.steps) - 1), step.id  # past the last region: the next step
    assert regions > len(lesson.steps)  # some steps are shown region by region


def test_back_pans_through_regions_and_enters_a_step_at_its_last_region(main_window, lesson):
    c = main_window.lesson_controller
    k = next(i for i, s in enumerate(lesson.steps) if len(s.frames) > 1)
    frames = lesson.steps[k].frames
    c.go_to(k + 1, reveal=True)
    c.previous()
    assert (c.index, c.state.zoom_target, c.revealed) == (k, frames[-1], True)
    assert c.region() == (len(frames) - 1, len(frames))
    c.previous()
    assert (c.index, c.state.zoom_target) == (k, frames[-2])
    time = main_window.live.time
    c.next()  # panning does not restart the step's animation
    assert (c.index, c.state.zoom_target) == (k, frames[-1]) and main_window.live.time == time
    assert main_window.undo_stack.undoText().startswith(f"Lesson step {k + 1}: part {len(frames)}")


def test_jumping_to_a_step_equals_stepping_to_it(main_window, lesson):
    w = main_window
    c = w.lesson_controller
    k = next(i for i, s in enumerate(lesson.steps) if s.id == "ovary-pcos")
    c.first()
    while c.index < k:
        c.next()                 # reveals each question, then moves on
        w.clock.tick(2.0)        # part of the animation between steps
    stepped = w.live.perturbations
    w.live.settle()
    stepped_state = w.live.state.copy()

    c.go_to(0)
    w.live.settle()
    c.go_to(k)
    assert w.live.perturbations == stepped == lesson.steps[k].perturbations(w.pathway)
    w.live.settle()
    np.testing.assert_allclose(w.live.state, stepped_state, atol=1e-6)


def test_step_changes_are_undoable(main_window, pathway, lesson):
    w = main_window
    c = w.lesson_controller
    start = w.live.perturbations
    c.go_to(2)
    c.go_to(5)
    assert w.undo_stack.undoText().startswith("Lesson step 6")
    w.undo_stack.undo()
    assert c.index == 2 and w.live.perturbations == lesson.steps[2].perturbations(pathway)
    assert highlighted(w) == set(lesson.steps[2].highlight)
    w.undo_stack.undo()
    assert c.index is None and w.live.perturbations == start and not highlighted(w)
    w.undo_stack.redo()
    assert c.index == 2


def test_predict_first_shows_the_question_then_reveals_the_answer_on_next(main_window, lesson):
    w = main_window
    c = w.lesson_controller
    panel, band = w.lesson_panel, w.presentation.band
    w.lesson_dock.show()
    w.lesson_dock.raise_()
    c.go_to(1)
    step = lesson.steps[1]
    assert c.awaiting_answer()
    assert not panel.question.isHidden() and panel.answer.isHidden()
    assert step.predict.question in panel.question.text()
    assert band.blocks["question"] == step.predict.question and "answer" not in band.blocks
    assert "Predict" in w.lesson_strip.text.text()

    c.next()  # reveals, does not move
    assert c.index == 1 and c.revealed
    assert not panel.answer.isHidden() and step.predict.answer in panel.answer.text()
    assert band.blocks["answer"] == step.predict.answer and band.blocks["caption"] == step.caption
    for _ in step.frames[1:]:  # then pans to each further region of the step
        c.next()
        assert c.index == 1 and c.revealed
    c.next()
    assert c.index == 2 and c.awaiting_answer()
    c.previous()  # going back: that question was asked already
    assert c.index == 1 and c.revealed


def test_a_waiting_question_holds_the_clock_until_revealed(main_window):
    w = main_window
    c = w.lesson_controller
    w.clock.start()
    c.go_to(2)
    assert not w.clock.is_running()  # the diagram does not give the answer away
    c.next()
    assert w.clock.is_running()
    w.clock.stop()


def test_user_edits_after_a_step_are_marked_and_can_be_reapplied(main_window, lesson, qtbot):
    w = main_window
    c = w.lesson_controller
    c.go_to(0, reveal=True)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key_J)
    assert c.modified and "settings changed" in w.lesson_strip.text.text()
    c.reapply()
    assert not c.modified and w.live.perturbations == lesson.steps[0].perturbations(w.pathway)


def test_clicking_a_step_in_the_list_jumps_there(main_window, qtbot):
    w = main_window
    w.lesson_dock.show()
    w.lesson_dock.raise_()
    steps = w.lesson_panel.steps
    qtbot.waitUntil(steps.isVisible)
    item = steps.item(4)
    steps.scrollToItem(item)
    qtbot.mouseClick(steps.viewport(), Qt.LeftButton, pos=steps.visualItemRect(item).center())
    assert w.lesson_controller.index == 4
    assert steps.item(0).text().startswith("1. ")


def test_sessions_can_restore_a_step_without_applying_it(main_window, lesson):
    w = main_window
    c = w.lesson_controller
    before = w.live.perturbations
    count = w.undo_stack.count()
    c.restore_lesson(None, 3)
    assert c.current_step() == 3 and highlighted(w) == set(lesson.steps[3].highlight)
    assert w.live.perturbations == before and w.undo_stack.count() == count
    with pytest.raises(IndexError):
        c.restore_lesson(None, 99)
    assert c.current_step() == 3


# -- lesson files ----------------------------------------------------------------------------------------
def test_a_broken_lesson_opened_from_the_menu_names_file_and_line_and_keeps_the_lesson(
        main_window, tmp_path, monkeypatch, lesson):
    w = main_window
    c = w.lesson_controller
    c.go_to(2)
    path = write(tmp_path, "broken.yaml", BROKEN_LESSON)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.actions_registry["open_lesson"].trigger()
    box = c.last_problem
    assert isinstance(box, QMessageBox) and box.isVisible()   # non-blocking: the test goes on
    text = box.text()
    assert "broken.yaml:10:" in text and "akt2" in text       # unknown species, on its line
    assert "broken.yaml:11:" in text and "colour" in text     # unknown field, on its line
    assert c.lesson.title == lesson.title and c.index == 2
    assert w.lesson_panel.steps.count() == len(lesson.steps)
    box.close()


def test_a_good_lesson_file_opens_at_its_first_step(main_window, tmp_path):
    w = main_window
    c = w.lesson_controller
    assert c.open_lesson(write(tmp_path, "two.yaml", GOOD_LESSON))
    assert c.lesson.title == "Two steps" and c.index == 0
    assert w.lesson_panel.steps.count() == 2
    c.next()
    assert c.index == 1 and w.live.perturbations.toggles == {"jnk": pytest.approx(0.8)}
    assert highlighted(w) == {"jnk"}


def test_lesson_start_up_hook_opens_the_file_or_explains(main_window, tmp_path, capsys):
    w = main_window
    c = w.lesson_controller
    start_up(w, argparse.Namespace(session=None, lesson=str(write(tmp_path, "two.yaml", GOOD_LESSON)),
                                   presentation=False))
    assert c.lesson.title == "Two steps" and c.index == 0
    start_up(w, argparse.Namespace(session=None, lesson=str(write(tmp_path, "broken.yaml", BROKEN_LESSON)),
                                   presentation=False))
    assert c.lesson.title == "Two steps"
    assert "broken.yaml:10:" in capsys.readouterr().err
    assert "broken.yaml:10:" in c.last_problem.text()
    c.last_problem.close()


# -- presentation mode -----------------------------------------------------------------------------------
def test_presentation_hides_chrome_and_esc_restores_the_window_exactly(main_window, qtbot):
    w = main_window
    docks = visible_docks(w)
    geometry = w.geometry()
    assert docks and not w.isFullScreen()
    w.presentation.enter()
    assert w.presentation.active and w.isFullScreen()
    assert w.menuBar().isHidden() and w.statusBar().isHidden() and not visible_docks(w)
    assert w.lesson_strip.isHidden() and w.presentation.band_bar.isVisible()
    assert w.scene.theme is PROJECTOR
    assert w.lesson_controller.index == 0   # starts the lesson if none was showing
    qtbot.keyClick(w.view, Qt.Key_Escape)
    assert not w.presentation.active
    assert not w.isFullScreen() and w.geometry() == geometry
    assert visible_docks(w) == docks and not w.menuBar().isHidden() and not w.statusBar().isHidden()
    assert not w.lesson_strip.isHidden() and w.presentation.band_bar.isHidden()
    assert w.scene.theme is SCREEN  # the window's own theme again
    assert not w.clock.is_running()          # it was paused before, so it is paused again


def test_presentation_keys_step_through_the_lesson(presenting, qtbot, lesson):
    w = presenting
    c = w.lesson_controller
    played = []
    w.actions_registry["play_pause"].triggered.connect(lambda *_: played.append(1))
    n = len(lesson.steps)
    target = w.view
    assert c.index == 0 and c.awaiting_answer()
    press(qtbot, target, Qt.Key_PageDown)
    assert c.index == 0 and c.revealed
    assert len(lesson.steps[0].frames) == 2 and len(lesson.steps[1].frames) == 2  # shown region by region
    press(qtbot, target, Qt.Key_PageDown)
    assert c.index == 0 and w.presentation.band.blocks["counter"] == f"1 / {n} · part 2/2"
    press(qtbot, target, Qt.Key_PageDown)
    assert c.index == 1 and c.awaiting_answer()
    press(qtbot, target, Qt.Key_Right, Qt.Key_Right, Qt.Key_Right)
    assert c.index == 2
    press(qtbot, target, Qt.Key_Space, Qt.Key_Space)
    assert c.index == 3
    assert not played                        # Space means "next" here, not play/pause
    press(qtbot, target, Qt.Key_PageUp)
    assert c.index == 2 and c.revealed
    press(qtbot, target, Qt.Key_Left)
    assert c.index == 1 and c.region() == (1, 2)  # back into a step: its last region
    press(qtbot, target, Qt.Key_End)
    assert c.index == n - 1
    press(qtbot, target, Qt.Key_Home)
    assert c.index == 0
    assert w.live.perturbations == lesson.steps[0].perturbations(w.pathway)
    assert w.presentation.band.blocks["counter"] == f"1 / {n} · part 1/2"


def test_presentation_keys_work_whatever_has_focus(presenting, qtbot):
    w = presenting
    c = w.lesson_controller
    for widget in (w, w.presentation.band, w.view.viewport(), w.controls):
        c.go_to(3, reveal=True)
        qtbot.keyClick(widget, Qt.Key_PageDown)
        assert c.index == 4, widget


def test_b_blanks_the_screen_and_brings_it_back(presenting, qtbot):
    w = presenting
    c = w.lesson_controller
    overlay = w.presentation.overlay
    qtbot.keyClick(w.view, Qt.Key_B)
    assert w.presentation.blanked and overlay.isVisible()
    assert overlay.geometry() == w.rect()
    image = w.grab().toImage()
    for fx in (0.1, 0.5, 0.9):
        for fy in (0.1, 0.5, 0.9):
            assert image.pixelColor(int(fx * (image.width() - 1)), int(fy * (image.height() - 1))).name() == "#000000"
    qtbot.keyClick(w.view, Qt.Key_B)
    assert not w.presentation.blanked and overlay.isHidden()
    image = w.grab().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 3).name() != "#000000"
    # A clicker's "blank" button sends "."; any stepping key first brings the picture back.
    index = c.index
    qtbot.keyClick(w.view, Qt.Key_Period)
    assert w.presentation.blanked
    qtbot.keyClick(w.view, Qt.Key_PageDown)
    assert not w.presentation.blanked and c.index == index


def test_f5_toggles_presentation_and_closing_saves_the_normal_window(main_window, qtbot, pathway):
    from PySide6.QtCore import QSettings
    from pathwayviz.ui.main_window import MainWindow

    w = main_window
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key_F5)
    assert w.presentation.active
    qtbot.keyClick(w.view, Qt.Key_F5)
    assert not w.presentation.active
    w.presentation.enter()
    w.close()
    assert not w.presentation.active
    again = MainWindow(pathway, start_running=False)
    qtbot.addWidget(again)
    again.restore_window_state(QSettings())
    again.show()
    assert not again.isFullScreen() and not again.controls_dock.isHidden() and not again.menuBar().isHidden()


def test_caption_band_fits_every_builtin_step_in_large_type_at_1080p(qapp, lesson):
    height = round(caption_band.BAND_SHARE * 1080)
    for step in lesson.steps:
        phases = [{"caption": step.caption}]
        if step.predict:
            phases = [{"question": step.predict.question}, {"caption": step.caption, "answer": step.predict.answer}]
        for phase in phases:
            blocks = caption_band.layout_band({"title": step.title, "counter": "11 / 11", **phase}, 1920, height)
            assert all(b.fits for b in blocks), step.id
            assert min(b.px for b in blocks) >= 30, step.id  # ≥ 22 pt on a 1080-line projector


def test_presenter_window_shows_notes_answer_and_next_step_and_takes_the_keys(presenting, qtbot, lesson):
    w = presenting
    c = w.lesson_controller
    presenter = w.presentation.show_presenter()   # on one screen it only opens on request
    qtbot.waitExposed(presenter)
    step = lesson.steps[0]
    text = presenter.text.toPlainText()
    assert c.awaiting_answer() and step.predict.answer in text   # the lecturer sees the answer early
    assert step.notes[:40] in text and lesson.steps[1].title in text
    for _ in range(1 + len(step.frames)):  # reveal, then each further region, then the next step
        qtbot.keyClick(presenter, Qt.Key_PageDown)
    assert c.index == 1 and lesson.steps[1].title in presenter.heading.text()
    qtbot.keyClick(presenter, Qt.Key_Escape)
    assert not w.presentation.active and presenter.isHidden()


def test_a_lesson_entered_after_free_exploration_shows_step_one_as_meant(new_window_pair):
    """Issue #13 item 3: whatever the user did before, step 1 starts from its defined state."""
    explored, fresh = new_window_pair
    p = explored.state.perturbations
    p.knockouts.add("akt")
    p.inputs["insulin"] = 0.9
    explored.state.set_perturbations(p, "explore")
    for _ in range(300):
        explored.clock.tick(0.1)
    for w in (explored, fresh):
        w.presentation.enter()
        assert w.lesson_controller.index == 0
        for _ in range(40):
            w.clock.tick(0.05)
    assert explored.state.perturbations == fresh.state.perturbations
    np.testing.assert_allclose(explored.live.state, fresh.live.state, atol=1e-9)
    for w in (explored, fresh):
        w.presentation.leave()


@pytest.fixture
def new_window_pair(qtbot, pathway, isolated_settings):
    from pathwayviz.ui.main_window import MainWindow

    windows = []
    for _ in range(2):
        w = MainWindow(pathway, start_running=False)
        w.lesson_controller.hold_for_prediction = False
        qtbot.addWidget(w)
        w.show()
        windows.append(w)
    yield windows
    for w in windows:
        w.clock.stop()


def test_entering_a_step_keeps_the_time_courses_history(new_window_pair):
    w, _ = new_window_pair
    for _ in range(50):
        w.clock.tick(0.1)
    recorded = len(w.live.history)
    assert recorded > 10
    w.lesson_controller.go_to(0)
    assert len(w.live.history) == recorded + 1  # the step's start is one more sample, not a blank plot
    np.testing.assert_allclose(w.live.state, w.lesson_controller.runner.start(0).state, atol=1e-9)
