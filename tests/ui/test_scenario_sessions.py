"""A session saved while a scenario runs reopens it at the time reached, its history replayed."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.state.session import load_session, save_session
from pathwayviz.ui.main_window import MainWindow


@pytest.fixture
def second_window(new_window):
    """The app after a restart: a second window the session is opened in."""
    return new_window()


def test_the_running_scenario_and_its_time_round_trip(main_window, second_window, tmp_path):
    w = main_window
    w.state.toggle_kinase("jnk")
    w.actions_registry["scenario_day"].trigger()
    w.live.run_scenario_to(600.0)
    path = tmp_path / "day.pathwayviz"
    assert w.sessions.save_to(path)
    assert load_session(path).scenario == "builtin:day"
    again = second_window
    assert again.sessions.open_path(path)
    assert again.state.scenario == "day" and again.live.scenario.id == "day"
    assert again.live.time == pytest.approx(600.0)
    np.testing.assert_allclose(again.live.state, w.live.state, rtol=0, atol=1e-9)
    times = again.live.history.times()
    assert times[0] == pytest.approx(0.0) and times[-1] == pytest.approx(600.0)  # the plots show the day so far
    assert again.scenarios.clock_label.text().startswith("17:00 · A day in the body")
    assert again.actions_registry["scenario_day"].isChecked()
    assert again.undo_stack.count() == 0


def test_a_file_scenario_round_trips_and_a_missing_one_opens_with_constant_inputs(main_window, second_window,
                                                                                  tmp_path, qtbot):
    w = main_window
    snack = tmp_path / "snack.yaml"
    snack.write_text("format: pathwayviz-scenario/1\nid: snack\ntitle: A snack\nduration: 2 h\n"
                     "schedule:\n  - {meal: 30 min, size: 0.3}\n", encoding="utf-8")
    assert w.scenarios.choose(str(snack))
    w.live.run_scenario_to(45.0)
    path = tmp_path / "snack.pathwayviz"
    assert w.sessions.save_to(path)
    assert load_session(path).scenario == str(snack.absolute())
    assert second_window.sessions.open_path(path)
    assert second_window.state.scenario == str(snack.absolute())
    assert second_window.live.time == pytest.approx(45.0)
    snack.unlink()
    third = MainWindow(w.pathway, start_running=False)
    qtbot.addWidget(third)
    assert third.sessions.open_path(path)
    assert third.state.scenario is None and third.live.scenario is None


def test_a_session_without_the_field_opens_with_constant_inputs(second_window, tmp_path):
    from pathwayviz.state.session import Session

    path = tmp_path / "old.pathwayviz"
    save_session(Session(time=12.0), path)
    assert second_window.sessions.open_path(path)
    assert second_window.state.scenario is None and second_window.live.scenario is None
