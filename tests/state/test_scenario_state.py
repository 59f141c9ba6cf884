"""Which scenario runs is part of the application state: changed through its API, one undo step each."""

from __future__ import annotations

import pytest

from pathwayviz.model.scenario_refs import builtin_scenarios, is_builtin_scenario, resolve_scenario
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.state import AppState


def test_choosing_a_scenario_is_one_undoable_edit(pathway):
    state = AppState(pathway)
    edits, seen = [], []
    state.recorder = lambda step: (edits.append(step), state.apply(**step.after))
    state.observe(seen.append)
    state.set_scenario("ogtt", "Oral glucose tolerance test (75 g)")
    assert state.scenario == "ogtt"
    assert seen == [frozenset({"scenario"})]
    assert edits[0].text == "Scenario: Oral glucose tolerance test (75 g)"
    assert edits[0].before == {"scenario": None}
    state.apply(**edits[0].before)  # what undo does
    assert state.scenario is None
    assert state.set_scenario(None) is None  # already constant: no edit


def test_reset_to_defaults_leaves_the_scenario_and_the_settings_in_one_step(pathway):
    state = AppState(pathway)
    state.toggle_kinase("jnk")
    state.set_scenario("day")
    seen = []
    state.observe(seen.append)
    step = state.reset_to_defaults()
    assert set(step.after) == {"perturbations", "scenario"}
    assert state.scenario is None and state.perturbations.toggles == {}
    assert seen == [frozenset({"perturbations", "scenario"})]
    state.set_scenario("day")
    assert state.reset_perturbations() is None  # "remove all perturbations" keeps the scenario
    assert state.scenario == "day"


@pytest.mark.parametrize("bad", ["", 3, ("day",)])
def test_a_scenario_that_is_not_a_reference_is_refused(pathway, bad):
    state = AppState(pathway)
    with pytest.raises(ValueError, match="scenario"):
        state.apply(scenario=bad)
    assert state.scenario is None


def test_references_name_built_in_scenarios_or_files(pathway, tmp_path):
    assert [s.id for s in builtin_scenarios(pathway)] == ["day", "ogtt"]
    assert is_builtin_scenario("day") and not is_builtin_scenario(str(tmp_path / "day.yaml"))
    assert resolve_scenario("ogtt", pathway).readings == (0.0, 30.0, 60.0, 90.0, 120.0)
    with pytest.raises(FileProblems, match="neither a built-in scenario"):
        resolve_scenario("breakfast", pathway)
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: pathwayviz-scenario/1\nid: x\ntitle: X\nduration: 2 h\nschedule:\n"
                      "  - {meal: 10 min, size: 3}\n", encoding="utf-8")
    with pytest.raises(FileProblems, match=r"broken\.yaml:6"):
        resolve_scenario(str(broken), pathway)


def test_a_session_keeps_its_scenario_and_old_sessions_have_none(tmp_path, pathway):
    from pathwayviz.state.session import Session, load_session, save_session

    path = tmp_path / "day.pathwayviz"
    save_session(Session(scenario="builtin:day", time=600.0), path)
    again = load_session(path)
    assert again.scenario == "builtin:day" and again.time == 600.0
    plain = tmp_path / "plain.pathwayviz"
    save_session(Session(), plain)
    assert "scenario" not in plain.read_text(encoding="utf-8")  # older versions can still read it
    assert load_session(plain).scenario is None
    old = '{"format": "pathwayviz-session", "version": 1, "pathway": "builtin:insulin_signaling"}'
    assert Session.from_json(old).scenario is None


@pytest.mark.parametrize("value, expected", [("day", "must be 'builtin:<name>' or an absolute path"),
                                             (3, "must be text")])
def test_a_session_scenario_must_be_a_reference(value, expected):
    import json

    from pathwayviz.state.session import Session, SessionError

    text = json.dumps({"format": "pathwayviz-session", "version": 1, "pathway": "builtin:insulin_signaling",
                       "scenario": value})
    with pytest.raises(SessionError, match=expected):
        Session.from_json(text)
