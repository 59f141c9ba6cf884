"""Scenarios against the model: accuracy over a day, the OGTT's textbook order, a meal comes and goes."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from pathwayviz.model.scenario import load_scenario
from pathwayviz.resource_files import builtin_scenario_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations
from pathwayviz.sim.scenario_run import run_scenario, starting_state
from pathwayviz.sim.schedule import compile_schedule


def scenario(pathway, sid):
    return load_scenario(builtin_scenario_path(sid), pathway)


@pytest.fixture(scope="module")
def ogtt_runs(pathway):
    engine = Engine(pathway)
    s = scenario(pathway, "ogtt")
    return {preset: run_scenario(engine, Perturbations.from_preset(pathway, preset), s)
            for preset in ("healthy", "compensated", "t2d")}


def radau_reference(engine, cond, schedule, y0, t_eval):
    """SciPy Radau at rtol 1e-10, restarted at the same breakpoints (the exact piecewise problem)."""
    out = np.empty((len(t_eval), len(y0)))
    out[0] = y0
    y = y0
    for a, b in schedule.segments(float(t_eval[0]), float(t_eval[-1])):
        inside = np.flatnonzero((t_eval > a) & (t_eval <= b))
        times = np.unique(np.r_[a, t_eval[inside], b])
        sol = solve_ivp(lambda t, v: engine.rhs(v, cond, t), (a, b), y, method="Radau", t_eval=times,
                        rtol=1e-10, atol=1e-12)
        out[inside] = sol.y.T[1:1 + len(inside)]
        y = sol.y[:, -1]
    return out


@pytest.mark.parametrize("preset", ["healthy", "compensated"])
def test_a_day_agrees_with_radau_to_1e4(pathway, preset):
    engine = Engine(pathway)
    pert = Perturbations.from_preset(pathway, preset)
    run = run_scenario(engine, pert, scenario(pathway, "day"), step=2.0)
    cond = engine.conditions(pert, run.schedule)
    ref = radau_reference(engine, cond, run.schedule, run.states[0], run.minutes)
    assert run.minutes[-1] == 1440.0
    assert np.max(np.abs(run.states - ref)) <= 1e-4


def test_ogtt_glucose_at_two_hours_in_textbook_order(ogtt_runs):
    g120 = {p: r.at("blood_glucose", 120.0) for p, r in ogtt_runs.items()}
    assert g120["healthy"] < g120["compensated"] <= g120["t2d"]
    assert g120["t2d"] - g120["healthy"] > 0.2


def test_ogtt_insulin_is_highest_in_compensated_resistance(ogtt_runs):
    insulin = {p: np.array(r.readings("plasma_insulin")) for p, r in ogtt_runs.items()}
    assert np.all(insulin["compensated"] > insulin["healthy"])
    assert np.all(insulin["compensated"] > insulin["t2d"])
    assert max(insulin["compensated"]) > 1.2 * max(insulin["healthy"])


def test_ogtt_t2d_glucose_peaks_high_and_late(ogtt_runs):
    def peak(run):
        g = run.series("blood_glucose")[run.minutes <= 150]
        return float(g.max()), float(run.minutes[g.argmax()])

    healthy_level, healthy_time = peak(ogtt_runs["healthy"])
    t2d_level, t2d_time = peak(ogtt_runs["t2d"])
    assert t2d_level > healthy_level + 0.2
    assert t2d_time >= healthy_time + 30


def test_ogtt_compensated_glucose_curve_stays_near_normal(ogtt_runs):
    healthy = np.array(ogtt_runs["healthy"].readings("blood_glucose"))
    compensated = np.array(ogtt_runs["compensated"].readings("blood_glucose"))
    t2d = np.array(ogtt_runs["t2d"].readings("blood_glucose"))
    assert np.max(np.abs(compensated - healthy)) < 0.5 * np.min(t2d - healthy)


def test_a_healthy_meal_raises_then_returns_glucose_and_insulin(pathway):
    day = scenario(pathway, "day")
    run = run_scenario(Engine(pathway), Perturbations.from_preset(pathway, "healthy"), day)
    breakfast = day.items[0].at
    for sid in ("blood_glucose", "plasma_insulin"):
        before = run.at(sid, breakfast)
        after = run.series(sid)[(run.minutes > breakfast) & (run.minutes < breakfast + 120)].max()
        later = run.at(sid, breakfast + 240)
        assert after > before + 0.04, sid
        assert abs(later - before) < 0.25 * (after - before), sid


def test_live_simulation_runs_a_scenario_like_the_engine(pathway):
    live = LiveSimulation(pathway)
    live.set_perturbations(Perturbations.from_preset(pathway, "compensated"))
    ogtt = scenario(pathway, "ogtt")
    live.start_scenario(ogtt)
    assert live.time == 0.0 and live.scenario is ogtt
    live.run_scenario_to(60.0)
    run = run_scenario(live.engine, live.perturbations, ogtt)
    glucose = live.index["blood_glucose"]
    assert live.time == 60.0
    assert live.state[glucose] == pytest.approx(run.states[60, glucose], abs=1e-4)
    times, states = live.history.arrays()
    assert times[0] == 0.0 and times[-1] == 60.0 and states[:, glucose].max() > states[0, glucose] + 0.05
    # the frame-by-frame animation continues from there on the same schedule
    for _ in range(30):
        live.advance(1.0)
    assert live.state[glucose] == pytest.approx(run.states[90, glucose], abs=1e-3)
    live.start_scenario(None)
    assert live.scenario is None and live.schedule is None


def test_starting_state_is_the_fasting_steady_state(pathway):
    engine = Engine(pathway)
    pert = Perturbations.from_preset(pathway, "healthy")
    schedule = compile_schedule(scenario(pathway, "ogtt"), pathway, pert)
    y0 = starting_state(engine, pert, schedule)
    assert np.max(np.abs(engine.rhs(y0, engine.conditions(pert)))) < 1e-6
