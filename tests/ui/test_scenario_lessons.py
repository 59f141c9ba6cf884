"""A lesson step that runs a scenario, in the window and in presentation mode."""

from __future__ import annotations

import pytest

from helpers import lesson_beside_snack

LESSON = """format: pathwayviz-lesson/1
title: "Curves in time"
steps:
  - {id: fasting, title: "Fasting", caption: "Constant inputs."}
  - {id: ogtt-90, title: "Ninety minutes in", caption: "The OGTT at 90 minutes.", scenario: ogtt, at: "90 min"}
  - {id: snack, title: "A snack", caption: "A snack from its start.", scenario: snack.yaml}
"""


@pytest.fixture
def lesson_path(tmp_path):
    return lesson_beside_snack(tmp_path, LESSON)


def test_entering_a_scenario_step_runs_it_to_its_moment(main_window, lesson_path):
    w = main_window
    assert w.lesson_controller.open_lesson(lesson_path)
    assert w.state.scenario is None
    w.lesson_controller.next()
    assert w.state.lesson_step == 1 and w.state.scenario == "ogtt"
    assert w.live.scenario.id == "ogtt" and w.live.time == pytest.approx(90.0)
    times = w.live.history.times()
    assert times[0] == pytest.approx(0.0) and times[-1] == pytest.approx(90.0)  # the curve so far, for the plots
    assert w.scenarios.clock_label.text() == "09:30 · Oral glucose tolerance test (75 g)"
    assert w.actions_registry["scenario_ogtt"].isChecked()
    w.lesson_controller.next()
    assert w.state.scenario == str((lesson_path.parent / "snack.yaml").absolute()) and w.live.time == 0.0
    assert w.scenarios.clock_label.text() == "15:00 · A snack"
    w.lesson_controller.first()
    assert w.state.scenario is None and w.live.scenario is None  # a step without one: constant inputs


def test_presentation_shows_the_scenario_clock_in_the_band(main_window, lesson_path, qtbot):
    w = main_window
    assert w.lesson_controller.open_lesson(lesson_path)
    w.presentation.enter()
    try:
        w.presentation.next()
        assert w.live.scenario.id == "ogtt"
        assert w.presentation.band.blocks["counter"].endswith("· 09:30")
        for _ in range(10):
            w.clock.tick(1.0)  # ten minutes on
        assert w.presentation.band.blocks["counter"].endswith("· 09:40")
        w.presentation.first()
        assert "·" not in w.presentation.band.blocks["counter"]
    finally:
        w.presentation.leave()
        w.clock.stop()
