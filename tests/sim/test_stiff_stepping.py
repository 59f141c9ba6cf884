"""Stepping stays accurate, bounded and cheap when a file has a very fast species (stiff τ)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from pathwayviz.model.loader import TAU_MIN, build_pathway
from pathwayviz.model.yamlio import load_yaml
from pathwayviz.sim import engine as engine_module
from pathwayviz.sim.engine import MAX_SUBSTEPS, Engine
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

STIFF = f"""\
format: pathwayviz-pathway/1
id: stiff
title: Stiff
species:
  - {{id: a, tau: {TAU_MIN}}}
  - {{id: b, tau: 5}}
  - {{id: c, tau: {TAU_MIN}}}
  - {{id: d, tau: 20}}
interactions:
  - {{source: a, target: b}}
  - {{source: b, target: c}}
  - {{source: c, target: d}}
  - {{source: d, target: c, effect: inhibits}}
controls:
  inputs:
    - {{species: a}}
"""


@pytest.fixture
def stiff(tmp_path):
    path = tmp_path / "stiff.yaml"
    path.write_text(STIFF, encoding="utf-8")
    return build_pathway(load_yaml(path), path.name)


def _reference(engine, pert, minutes):
    cond = engine.conditions(pert)
    sol = solve_ivp(lambda _t, y: engine.rhs(y, cond), (0, minutes), engine.initial_state(cond), method="Radau",
                    rtol=1e-10, atol=1e-12)
    return sol.y[:, -1]


def test_frames_of_a_stiff_file_agree_with_radau_and_stay_bounded(stiff):
    engine = Engine(stiff)
    pert = Perturbations(inputs={"a": 0.7})
    cond = engine.conditions(pert)
    y = engine.initial_state(cond)
    for _ in range(10 * 30):  # 10 simulated minutes at 2 simulated minutes per second, 60 fps
        y = engine.step(y, 1 / 30, cond)
        assert np.all(y >= 0) and np.all(y <= engine.compiled.ymax)
    assert np.max(np.abs(y - _reference(engine, pert, 10.0))) < 1e-3


def test_a_stiff_step_uses_a_bounded_number_of_evaluations(stiff, monkeypatch):
    engine = Engine(stiff)
    cond = engine.conditions(Perturbations(inputs={"a": 1.0}))
    calls = []
    real = engine.compiled.drive
    monkeypatch.setattr(engine.compiled, "drive", lambda *a: calls.append(1) or real(*a))
    y = engine.step(engine.initial_state(cond), 60.0, cond)  # one hour in one call
    assert len(calls) == 2 * MAX_SUBSTEPS
    assert np.all(np.isfinite(y)) and np.all((y >= 0) & (y <= 1))


def test_the_exponential_step_is_exact_for_a_lone_relaxing_species(stiff):
    engine = Engine(stiff)
    cond = engine.conditions(Perturbations(inputs={"a": 0.4}))
    y = engine.initial_state(cond)
    y = engine._etd2(y, 0.01, cond)  # noqa: SLF001 - the scheme itself is what is tested
    assert y[0] == pytest.approx(0.4 * (1 - np.exp(-0.01 / TAU_MIN)), rel=1e-12)


def test_relaxation_of_a_stiff_file_is_bounded_and_reaches_the_steady_state(stiff, monkeypatch):
    engine = Engine(stiff)
    pert = Perturbations(inputs={"a": 0.7})
    calls = []
    real = engine.compiled.drive
    monkeypatch.setattr(engine.compiled, "drive", lambda *a: calls.append(1) or real(*a))
    y = engine.relax(pert)
    assert len(calls) <= engine_module.MAX_RELAX_BLOCKS * 25 * 2 + 2000  # blocks plus the Newton polish
    cond = engine.conditions(pert)
    assert np.max(np.abs(engine.rhs(y, cond))) < 1e-6


def test_the_live_simulation_of_a_stiff_file_animates_and_settles(stiff):
    live = LiveSimulation(stiff)
    p = live.perturbations
    p.inputs["a"] = 1.0
    live.set_perturbations(p)
    live.reset()
    for _ in range(120):
        live.advance(2 / 60)
    assert np.all(np.isfinite(live.state)) and live.value("b") > 0.1


def test_timecourse_of_a_stiff_file_matches_radau(stiff):
    engine = Engine(stiff)
    pert = Perturbations(inputs={"a": 0.7})
    _, ys = engine.timecourse(pert, 30.0)
    assert np.max(np.abs(ys[-1] - _reference(engine, pert, 30.0))) < 1e-4
