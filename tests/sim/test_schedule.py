"""Input levels over time: steps, ramps, pulse trains, meals and sleep, and where they break."""

from __future__ import annotations

import math

import numpy as np
import pytest

from pathwayviz.model.scenario import Meal, Pulses, Ramp, Scenario, Sleep, Step
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations
from pathwayviz.sim.schedule import InputTrack, compile_schedule


def test_steps_and_ramps_move_the_base_level():
    track = InputTrack(0.2, [Ramp("x", 100.0, 200.0, 0.8), Step("x", 50.0, 0.4)])
    assert track.level(0.0) == 0.2
    assert track.level(50.0) == 0.4          # the step applies from its time
    assert track.level(150.0) == pytest.approx(0.6)  # halfway from 0.4 to 0.8
    assert track.level(250.0) == 0.8
    assert InputTrack(0.2, [Ramp("x", 0.0, 10.0, 1.0, start_level=0.0)]).level(5.0) == 0.5


def test_pulse_trains_add_while_on():
    track = InputTrack(0.1, [Pulses("x", 60.0, 300.0, 120.0, 10.0, 0.5)])
    assert [track.level(t) for t in (59.9, 60.0, 69.9, 70.0, 180.0, 185.0, 190.0, 300.0)] == \
        pytest.approx([0.1, 0.6, 0.6, 0.1, 0.6, 0.6, 0.1, 0.1])
    assert track.breakpoints() == [60.0, 70.0, 180.0, 190.0]


def test_a_meal_is_a_smooth_appearance_curve_peaking_at_its_peak():
    track = InputTrack(0.0, [Meal(30.0, 0.6, peak=40.0)])
    times = np.arange(0.0, 400.0, 1.0)
    levels = np.array([track.level(t) for t in times])
    assert levels[30] == 0.0 and levels[:30].max() == 0.0
    assert times[levels.argmax()] == 70.0 and levels.max() == pytest.approx(0.6)
    assert levels[-1] < 0.02  # absorbed within a few hours
    assert np.max(np.abs(np.diff(levels))) <= 0.6 * math.e / 40.0  # no jumps: at most the initial slope


def test_levels_are_clipped_to_one():
    track = InputTrack(0.8, [Meal(0.0, 1.0, 40.0), Step("x", 0.0, 0.9)])
    assert track.level(40.0) == 1.0


def test_sleep_is_deepest_at_sleep_onset():
    track = InputTrack(0.0, [], [Sleep(100.0, 580.0, 1.0, 150.0)])
    assert track.level(99.0) == 0.0 and track.level(100.0) == 1.0
    assert track.level(250.0) == pytest.approx(0.5) and track.level(580.0) == 0.0
    assert track.breakpoints() == [100.0, 580.0]


def test_schedule_overrides_the_constant_level_only_for_scheduled_inputs(pathway):
    scenario = Scenario("s", "S", "", 300.0, items=(Meal(10.0, 0.5),))
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.3
    schedule = compile_schedule(scenario, pathway, pert)
    engine = Engine(pathway)
    cond = engine.conditions(pert, schedule)
    meal, insulin = engine.compiled.index["meal"], engine.compiled.index["insulin"]
    assert cond.external_at(0.0)[meal] == 0.0
    assert cond.external_at(50.0)[meal] == pytest.approx(0.5)
    assert cond.external_at(50.0)[insulin] == pytest.approx(0.3)
    assert schedule.breakpoints == [10.0] and schedule.segments(0.0, 300.0) == [(0.0, 10.0), (10.0, 300.0)]


def test_without_a_schedule_the_right_hand_side_ignores_time(pathway):
    engine = Engine(pathway)
    cond = engine.conditions(Perturbations.defaults(pathway))
    y = engine.initial_state(cond)
    assert np.array_equal(engine.rhs(y, cond), engine.rhs(y, cond, 123.0))
    assert cond.external_at(5.0) is cond.external


def test_the_animation_step_follows_the_schedule(pathway):
    """Stepping frame by frame through a meal (RK4) lands where the accurate integration does."""
    scenario = Scenario("s", "S", "", 120.0, items=(Meal(0.0, 1.0),))
    pert = Perturbations.defaults(pathway)
    schedule = compile_schedule(scenario, pathway, pert)
    engine = Engine(pathway)
    cond = engine.conditions(pert, schedule)
    y0 = engine.relax(pert)
    y, t = y0.copy(), 0.0
    while t < 60.0 - 1e-9:
        y = engine.step(y, 0.5, cond, t)
        t += 0.5
    _, ys = engine.timecourse(pert, 60.0, samples=61, y0=y0, schedule=schedule, rtol=1e-9, atol=1e-11)
    glucose = engine.compiled.index["blood_glucose"]
    assert y[glucose] > y0[glucose] + 0.05
    assert np.max(np.abs(y - ys[-1])) < 1e-4
    assert math.isclose(schedule.level("meal", 40.0), 1.0)
