"""The growth-hormone axis: pulses in deep sleep, blunted by hyperinsulinemia; GH raises FFA and liver glucose
output; IGF-1 feeds back on GH; the pulse generator is a damped loop, so every constant input has one steady state."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.model.scenario import load_scenario
from pathwayviz.resource_files import builtin_scenario_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations
from pathwayviz.sim.scenario_run import run_scenario

PROMINENCE = 0.01  # a pulse rises at least this far above the lowest GH within 40 minutes either side


def pulses(run, start, stop):
    """(minute, level) of every GH pulse peaking in [start, stop)."""
    g, t = run.series("gh"), run.minutes
    found = []
    for i in range(1, len(g) - 1):
        if start <= t[i] < stop and g[i] > g[i - 1] and g[i] >= g[i + 1]:
            if g[i] - g[max(0, i - 40):i + 41].min() > PROMINENCE:
                found.append((float(t[i]), float(g[i])))
    return found


@pytest.fixture(scope="module")
def days(pathway):
    engine = Engine(pathway)
    day = load_scenario(builtin_scenario_path("day"), pathway)
    infused = Perturbations.from_preset(pathway, "healthy")
    infused.inputs["insulin"] = 0.6
    runs = {p: run_scenario(engine, Perturbations.from_preset(pathway, p), day) for p in ("healthy", "compensated")}
    runs["infusion"] = run_scenario(engine, infused, day)
    return day, runs


def test_a_healthy_night_has_several_gh_pulses_and_the_day_none(days):
    day, runs = days
    sleep = day.sleep[0]
    night = pulses(runs["healthy"], sleep.start, sleep.end)
    assert len(night) >= 3, night
    assert night[0][1] == max(level for _, level in night)      # the first pulse, soon after sleep onset, is the largest
    assert night[0][0] - sleep.start < 60
    awake = runs["healthy"].series("gh")[runs["healthy"].minutes < sleep.start]
    assert not pulses(runs["healthy"], 0, sleep.start) and awake.max() < 0.02


@pytest.mark.parametrize("state", ["compensated", "infusion"])
def test_chronic_hyperinsulinemia_blunts_the_pulses(days, state):
    day, runs = days
    sleep = day.sleep[0]
    healthy = pulses(runs["healthy"], sleep.start, sleep.end)
    blunted = pulses(runs[state], sleep.start, sleep.end)
    night = (runs[state].minutes >= sleep.start)
    assert runs[state].series("plasma_insulin")[night].mean() > runs["healthy"].series("plasma_insulin")[night].mean()
    assert blunted[0][1] < 0.85 * healthy[0][1]
    assert sum(level for _, level in blunted) < sum(level for _, level in healthy)


def steady(pathway, preset, **changes):
    pert = Perturbations.from_preset(pathway, preset)
    for key, value in changes.items():
        if key == "overexpress":
            pert.overexpress.add(value)
        else:
            pert.inputs[key] = value
    engine = Engine(pathway)
    y = engine.steady_state(pert)
    return {sid: float(y[i]) for i, sid in enumerate(engine.ids)}


def test_gh_raises_free_fatty_acids_and_liver_glucose_output(pathway):
    base = steady(pathway, "healthy")
    for after in (steady(pathway, "healthy", overexpress="gh"), steady(pathway, "healthy", ghrh_analogue=1.0)):
        assert after["gh"] > base["gh"] + 0.1
        assert after["ffa"] > base["ffa"] + 0.01
        assert after["hgp"] > base["hgp"]
    gh_high = steady(pathway, "healthy", overexpress="gh")
    assert gh_high["ffa"] - base["ffa"] > 0.3
    assert gh_high["pkc"] > base["pkc"] + 0.1   # through FFA → DAG → PKC
    # Under a clamp (insulin fixed, β-cells off) the liver's glucose output rises clearly.
    clamp, clamp_gh = steady(pathway, "clamp"), steady(pathway, "clamp", overexpress="gh")
    assert clamp_gh["hgp"] > clamp["hgp"] + 0.04


def test_igf1_feedback_lowers_gh(pathway):
    asleep = steady(pathway, "asleep")
    assert asleep["gh"] > 0.1
    assert steady(pathway, "asleep", overexpress="igf1")["gh"] < 0.5 * asleep["gh"]
    assert steady(pathway, "healthy", overexpress="gh")["igf1"] > asleep["igf1"] + 0.3


@pytest.mark.parametrize("preset", ["healthy", "compensated", "t2d", "clamp"])
@pytest.mark.parametrize("extra", [None, "ghrh_analogue", "ghrelin_agonist"])
def test_the_pulse_generator_is_damped_so_constant_inputs_settle(pathway, preset, extra):
    """No limit cycle at any constant sleep depth: the steady state is stable (all eigenvalues Re < 0)."""
    engine = Engine(pathway)
    for depth in (0.25, 0.5, 0.75, 1.0):
        pert = Perturbations.from_preset(pathway, preset)
        pert.inputs["sleep"] = depth
        if extra:
            pert.inputs[extra] = 1.0
        cond = engine.conditions(pert)
        y = engine.steady_state(pert)
        f0 = engine.rhs(y, cond)
        assert np.max(np.abs(f0)) < 1e-7
        jac = np.empty((len(y), len(y)))
        for k in range(len(y)):
            yp = y.copy()
            yp[k] += 1e-7
            jac[:, k] = (engine.rhs(yp, cond) - f0) / 1e-7
        assert np.linalg.eigvals(jac).real.max() < 0, (preset, extra, depth)
