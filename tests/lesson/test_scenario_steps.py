"""Lesson steps that run a scenario (``scenario: ID`` and ``at: "90 min"``): loading, refusals, defined starts."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import SNACK_SCENARIO, lesson_beside_snack

from pathwayviz.lesson.loader import load_lesson
from pathwayviz.lesson.runner import LessonRunner
from pathwayviz.model.scenario_refs import resolve_scenario
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.scenario_run import run_scenario


LESSON = """format: pathwayviz-lesson/1
title: "Curves in time"
steps:
  - id: fasting
    title: "Fasting"
    caption: "Constant inputs."
  - id: ogtt-start
    title: "The glucose drink"
    caption: "The OGTT from its start."
    scenario: ogtt
  - id: ogtt-90
    title: "Ninety minutes in"
    caption: "The OGTT at 90 minutes with JNK on."
    settings: {toggles: {jnk: 0.8}}
    scenario: ogtt
    at: "90 min"
  - id: snack
    title: "A snack"
    caption: "A scenario file beside the lesson."
    scenario: snack.yaml
    at: 1 h
"""


@pytest.fixture
def lesson_file(tmp_path):
    return lesson_beside_snack(tmp_path, LESSON)


def test_scenario_steps_load_with_their_reference_and_moment(lesson_file, pathway):
    lesson = load_lesson(lesson_file, pathway)
    assert [(s.scenario, s.at) for s in lesson.steps] == [
        (None, None), ("ogtt", None), ("ogtt", 90.0), (str((lesson_file.parent / "snack.yaml").absolute()), 60.0)]
    runner = LessonRunner(lesson, pathway)
    entry = runner.entry(2)
    assert entry.scenario == "ogtt" and entry.at == 90.0 and entry.perturbations.toggles == {"jnk": 0.8}
    assert runner.entry(0).scenario is None and runner.scenario(3).title == "A snack"


def test_a_scenario_step_starts_at_its_moment_of_the_scenario(lesson_file, pathway):
    lesson = load_lesson(lesson_file, pathway)
    runner = LessonRunner(lesson, pathway)
    engine = Engine(pathway)
    ogtt = resolve_scenario("ogtt", pathway)
    run = run_scenario(engine, lesson.steps[2].perturbations(pathway), ogtt)
    start = runner.start(2)
    assert start.time == 90.0
    np.testing.assert_allclose(start.state, run.states[90], rtol=0, atol=1e-4 * run.ymax.max())
    first = runner.start(1)
    assert first.time == 0.0
    np.testing.assert_allclose(first.state, run_scenario(engine, lesson.steps[1].perturbations(pathway),
                                                         ogtt).states[0], rtol=0, atol=1e-8)
    # 90 minutes after the drink glucose is above its fasting start (the curve is not back yet).
    i = engine.compiled.index["blood_glucose"]
    assert start.state[i] > first.state[i]


@pytest.mark.parametrize("change, expected", [
    (("scenario: ogtt\n    at: \"90 min\"", "scenario: ogt\n    at: \"90 min\""),
     r"curves\.yaml:15: step 'ogtt-90': 'ogt' is neither a built-in scenario.*did you mean 'ogtt'"),
    (("    scenario: ogtt\n    at: \"90 min\"", "    at: \"90 min\""), r"curves\.yaml:15: .*'at' but no 'scenario'"),
    (("at: \"90 min\"", "at: \"4 h\""), r"curves\.yaml:16: step 'ogtt-90' 'at' is 240 min; .*between 0 and 180"),
    (("at: \"90 min\"", "at: soon"), r"curves\.yaml:16: step 'ogtt-90' 'at' is 'soon'"),
    (("scenario: snack.yaml", "scenario: lunch.yaml"), r"curves\.yaml:20: .*'lunch\.yaml' not found"),
])
def test_scenario_mistakes_name_the_lesson_line(lesson_file, pathway, change, expected):
    text = lesson_file.read_text(encoding="utf-8")
    assert change[0] in text
    lesson_file.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(FileProblems, match=expected):
        load_lesson(lesson_file, pathway)


def test_a_broken_scenario_file_is_reported_with_its_own_line(lesson_file, pathway):
    (lesson_file.parent / "snack.yaml").write_text(SNACK_SCENARIO.replace("size: 0.4", "size: 4"), encoding="utf-8")
    with pytest.raises(FileProblems, match=r"curves\.yaml:20: .*snack\.yaml:7: "):
        load_lesson(lesson_file, pathway)
