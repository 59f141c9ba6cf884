"""The lesson step machine without Qt: moves, predict/reveal, and the state each step starts from."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.lesson import builtin_lesson
from pathwayviz.lesson.runner import LessonRunner
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations


@pytest.fixture(scope="module")
def runner(pathway):
    return LessonRunner(builtin_lesson(pathway), pathway)


def test_next_walks_the_steps_and_reveals_before_moving_on(runner):
    lesson = runner.lesson
    k = next(i for i, s in enumerate(lesson.steps) if s.predict is not None)
    entry = runner.entry(k)
    assert entry.index == k and not entry.revealed
    assert runner.awaiting_answer(k, False)
    assert runner.next(k, False) == "reveal"
    following = runner.next(k, True)
    assert following.index == k + 1
    assert runner.next(None, True).index == 0
    assert runner.next(len(lesson.steps) - 1, True) is None
    back = runner.previous(k + 1)
    assert back.index == k and back.revealed  # asked already
    assert runner.previous(0) is None


def test_an_entry_sets_the_steps_own_settings_on_clean_defaults(runner, pathway):
    for k, step in enumerate(runner.lesson.steps):
        entry = runner.entry(k, reveal=True)
        assert entry.perturbations == step.perturbations(pathway)
        assert entry.highlight == tuple(step.highlight) and entry.zoom == step.frames[0]
    assert runner.entry(10_000).index == len(runner) - 1  # clamped


def test_each_step_starts_from_the_settled_state_of_the_step_before(runner, pathway):
    engine = Engine(pathway)
    first = runner.start(0)
    np.testing.assert_allclose(first.state, engine.relax(Perturbations.defaults(pathway)), atol=1e-6)
    k = next(i for i, s in enumerate(runner.lesson.steps) if i > 0 and s.settings != runner.lesson.steps[i - 1].settings)
    before = runner.lesson.steps[k - 1].perturbations(pathway)
    np.testing.assert_allclose(runner.start(k).state, engine.relax(before), atol=1e-6)
    assert not np.allclose(runner.start(k).state, first.state, atol=1e-3) or k == 1


def test_modified_compares_with_the_step_settings(runner, pathway):
    p = runner.lesson.steps[0].perturbations(pathway)
    assert not runner.is_modified(0, p)
    p.knockouts.add("foxo1")
    assert runner.is_modified(0, p)
    assert not runner.is_modified(None, p)


def test_next_pans_through_a_steps_regions_before_the_next_step(runner):
    from pathwayviz.lesson.runner import RegionMove

    lesson = runner.lesson
    k = next(i for i, s in enumerate(lesson.steps) if len(s.regions) == 2)
    first, second = lesson.steps[k].regions
    assert runner.entry(k).zoom == first and runner.entry(k, reveal=True, region=-1).zoom == second
    move = runner.next(k, True, first)
    assert move == RegionMove(k, 1, second)
    assert runner.next(k, True, second).index == k + 1  # after the last region: the next step
    assert runner.next(k, False, first) == "reveal" if lesson.steps[k].predict else True  # answer first
    assert runner.previous(k, second) == RegionMove(k, 0, first)
    assert runner.previous(k, first).index == k - 1 if k else runner.previous(k, first) is None
    assert runner.next(k, True, ("akt",)).index == k + 1  # the user zoomed elsewhere: no region, move on
    back = runner.previous(k + 1)
    assert back.index == k and back.zoom == second  # coming back enters at the last region
