"""Choosing a built-in lesson in the window: one Lesson-menu entry per shipped lesson, ``--lesson ID`` at
start-up, presenting the chosen lesson (F5), and sessions that remember which built-in lesson was open."""

from __future__ import annotations

import argparse

from PySide6.QtCore import Qt

from pathwayviz.lesson import builtin_lesson
from pathwayviz.resource_files import builtin_lesson_ids, builtin_lesson_path
from pathwayviz.ui.app import start_up

GH = "growth_hormone"
GH_TITLE = "Growth hormone and insulin: a two-way conversation"


def test_the_lesson_menu_has_an_entry_for_every_builtin_lesson(main_window):
    registry = main_window.actions_registry
    titles = [a.text() for a in registry.menu("&Lesson").actions() if a.text().startswith("Built-in lesson:")]
    assert titles == ["Built-in lesson: Selective insulin resistance", f"Built-in lesson: {GH_TITLE}"]
    assert len(titles) == len(builtin_lesson_ids())


def test_choosing_the_gh_lesson_opens_it_and_the_default_one_comes_back(main_window, pathway):
    w, c = main_window, main_window.lesson_controller
    w.actions_registry[f"open_builtin_lesson_{GH}"].trigger()
    assert c.lesson.title == GH_TITLE and c.index == 0 and c.awaiting_answer()
    assert c.lesson_file() == str(builtin_lesson_path(GH))
    first = builtin_lesson(pathway, GH).steps[0]
    assert w.live.perturbations == first.perturbations(pathway) and w.state.zoom_target == first.frames[0]
    w.actions_registry["open_builtin_lesson"].trigger()
    assert c.lesson.title == "Selective insulin resistance" and c.index == 0


def test_f5_presents_the_chosen_lesson_and_the_keys_walk_it(main_window, qtbot):
    w, c = main_window, main_window.lesson_controller
    c.open_builtin(GH)
    qtbot.keyClick(w, Qt.Key_F5)
    try:
        assert w.presentation.active
        assert w.presentation.band.blocks["title"] == "Awake: the growth-hormone axis idles"
        for _ in range(2):                     # reveal the answer, then step 2 (one region)
            qtbot.keyClick(w.view, Qt.Key_PageDown)
        assert c.index == 1 and c.step.id == "deep-sleep-pulses"
        # The night step runs the day scenario from 23:25, asleep and near the top of the first GH pulse.
        assert w.live.scenario is not None and w.live.time == 16 * 60 + 25
        asleep = dict(zip(w.live.ids, w.live.state))
        assert asleep["sleep"] > 0.8 and asleep["gh"] > 0.15
        qtbot.keyClick(w.view, Qt.Key_End)
        assert c.step.id == "two-way-recap"
    finally:
        w.presentation.leave()


def test_start_up_takes_a_builtin_lesson_id(main_window):
    c = main_window.lesson_controller
    start_up(main_window, argparse.Namespace(session=None, lesson=GH, presentation=False))
    assert c.lesson.title == GH_TITLE and c.index == 0


def test_a_session_remembers_the_builtin_lesson_and_its_step(main_window):
    w, c = main_window, main_window.lesson_controller
    c.open_builtin(GH)
    c.go_to(6, reveal=True)
    session = w.sessions.capture()
    assert session.lesson == f"builtin:{GH}" and session.lesson_step == 6
