"""The normalized-Hill engine: closed forms, agreement with SciPy's Radau, bounds and perturbations."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from pathwayviz.model.loader import build_pathway
from pathwayviz.model.yamlio import LineDict
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import PerturbationError, Perturbations


def _mapping(d):
    m = LineDict(d)
    m.line = 1
    m.key_lines = {}
    return m


def tiny_pathway(interactions, species=("a", "b"), taus=None, inputs=("a",)):
    taus = taus or {}
    data = _mapping({
        "format": "pathwayviz-pathway/1", "id": "tiny", "title": "Tiny",
        "species": [_mapping({"id": s, "pos": [0, 0], "tau": taus.get(s, 1.0)}) for s in species],
        "interactions": [_mapping(i) for i in interactions],
        "controls": _mapping({"inputs": [_mapping({"species": s, "default": 0.0}) for s in inputs]}),
    })
    return build_pathway(data, "tiny.yaml")


def hill(x, w=1.0, n=1.4, ec50=0.5):
    b = (ec50 ** n - 1) / (2 * ec50 ** n - 1)
    k = (b - 1) ** (1 / n)
    return min(w * b * x ** n / (k ** n + x ** n), w)


def test_activation_curve_hits_its_anchor_points():
    p = tiny_pathway([{"source": "a", "target": "b"}])
    engine = Engine(p)
    for x, expected in ((0.0, 0.0), (0.5, 0.5), (1.0, 1.0), (0.3, hill(0.3))):
        y = np.array([x, 0.0])
        assert engine.compiled.edge_values(y)[0] == pytest.approx(expected, abs=1e-12)


def test_inhibition_is_weight_minus_activation():
    p = tiny_pathway([{"source": "a", "target": "b", "effect": "inhibits", "w": 0.8}])
    engine = Engine(p)
    y = np.array([0.3, 0.0])
    assert engine.compiled.edge_values(y)[0] == pytest.approx(0.8 - hill(0.3, w=0.8))


def test_or_and_and_gates_combine_as_specified():
    p = tiny_pathway([{"source": "a", "target": "c"}, {"source": "b", "target": "c"},
                      {"source": "a", "target": "d", "gate": "and"}, {"source": "b", "target": "d", "gate": "and"}],
                     species=("a", "b", "c", "d"), inputs=("a", "b"))
    engine = Engine(p)
    pert = Perturbations(inputs={"a": 0.0, "b": 0.0})
    cond = engine.conditions(pert)
    y = np.array([0.3, 0.7, 0.0, 0.0])
    r = engine.compiled.drive(y, cond.external)
    fa, fb = hill(0.3), hill(0.7)
    assert r[2] == pytest.approx(1 - (1 - fa) * (1 - fb))
    assert r[3] == pytest.approx(fa * fb)


@pytest.mark.parametrize("level,tau", [(0.3, 1.0), (0.8, 4.0), (1.0, 0.5)])
def test_single_input_species_follows_its_closed_form(level, tau):
    p = tiny_pathway([], species=("a",), taus={"a": tau})
    engine = Engine(p)
    t, ys = engine.timecourse(Perturbations(inputs={"a": level}), 10.0, samples=41)
    expected = level * (1 - np.exp(-t / tau))
    assert np.max(np.abs(ys[:, 0] - expected)) < 1e-6
    # The per-frame RK4 stepper agrees too.
    cond = engine.conditions(Perturbations(inputs={"a": level}))
    y = engine.initial_state(cond)
    for _ in range(600):
        y = engine.step(y, 1 / 60, cond)
    assert y[0] == pytest.approx(level * (1 - math.exp(-10.0 / tau)), abs=1e-6)


def _radau(engine, pert, minutes, samples):
    cond = engine.conditions(pert)
    t_eval = np.linspace(0, minutes, samples)
    sol = solve_ivp(lambda _t, y: engine.rhs(y, cond), (0, minutes), engine.initial_state(cond), method="Radau",
                    t_eval=t_eval, rtol=1e-10, atol=1e-12)
    return sol.y.T


@pytest.mark.parametrize("toggles", [{}, {"jnk": 0.8, "ikk": 0.8, "pkc": 0.8}])
def test_full_model_agrees_with_scipy_radau(pathway, toggles):
    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6
    pert.toggles.update(toggles)
    t, ys = engine.timecourse(pert, 60.0, samples=121)
    ref = _radau(engine, pert, 60.0, 121)
    assert np.max(np.abs(ys - ref)) < 1e-4


def test_frame_stepping_agrees_with_radau(pathway):
    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    pert.toggles["jnk"] = 0.8
    cond = engine.conditions(pert)
    y = engine.initial_state(cond)
    for _ in range(20 * 60):  # 20 simulated minutes at 60 frames per simulated minute
        y = engine.step(y, 1 / 60, cond)
    ref = _radau(engine, pert, 20.0, 2)[-1]
    assert np.max(np.abs(y - ref)) < 1e-4


def test_every_state_stays_inside_its_bounds(pathway):
    engine = Engine(pathway)
    rng = np.random.default_rng(7)
    ymax = engine.compiled.ymax
    for _ in range(5):
        pert = Perturbations.defaults(pathway)
        for sid in pert.inputs:
            pert.inputs[sid] = float(rng.uniform())
        for sid in pathway.toggle_ids():
            pert.toggles[sid] = float(rng.uniform())
        t, ys = engine.timecourse(pert, 60.0, y0=rng.uniform(0, 1, engine.compiled.size) * ymax)
        assert np.all(ys >= 0.0) and np.all(ys <= ymax + 1e-12)


def test_knockout_and_overexpression_hold_their_species(pathway):
    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6
    pert.knockouts.add("akt")
    pert.overexpress.add("erk")
    t, ys = engine.timecourse(pert, 30.0)
    assert np.all(ys[:, engine.ids.index("akt")] == 0.0)
    assert np.all(ys[:, engine.ids.index("erk")] == 1.0)


def test_fixed_level_holds_a_fraction_of_ymax(pathway):
    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    pert.fixed["foxo1"] = 0.25
    y = engine.steady_state(pert)
    assert y[engine.ids.index("foxo1")] == pytest.approx(0.25)


def test_unknown_ids_and_bad_levels_are_refused(pathway):
    engine = Engine(pathway)
    with pytest.raises(PerturbationError, match="AKT2"):
        engine.conditions(Perturbations(toggles={"AKT2": 0.5}))
    with pytest.raises(PerturbationError, match="outside 0..1"):
        engine.conditions(Perturbations(inputs={"insulin": 3.0}))
    with pytest.raises(PerturbationError, match="not a number"):
        engine.conditions(Perturbations(inputs={"insulin": float("nan")}))


def test_flux_is_source_activity_times_weight(pathway):
    engine = Engine(pathway)
    y = engine.steady_state(Perturbations.defaults(pathway))
    flux = engine.edge_flux(y)
    for k, it in enumerate(pathway.interactions):
        assert flux[k] == pytest.approx(y[engine.ids.index(it.source)] * it.w)


def test_perturbations_round_trip_through_a_dict():
    pert = Perturbations(inputs={"insulin": 0.6}, toggles={"jnk": 0.8}, knockouts={"foxo1"},
                         overexpress={"erk"}, fixed={"akt": 0.2}, drugs={"rapamycin": 1.0})
    assert Perturbations.from_dict(pert.to_dict()) == pert
    with pytest.raises(PerturbationError):
        Perturbations.from_dict({"inputs": {"insulin": "lots"}})


@pytest.mark.parametrize("toggles", [{}, {"jnk": 0.8, "pkc": 0.5}])
def test_rk4_relaxation_finds_the_same_steady_state_as_lsoda(pathway, toggles):
    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6
    pert.toggles.update(toggles)
    assert np.max(np.abs(engine.relax(pert) - engine.steady_state(pert))) < 1e-6


def test_relaxation_settles_on_a_stable_state_not_on_the_saddle_of_a_toggle_switch():
    # a ⊣ b and b ⊣ a: (0.5, 0.5) is a saddle (one eigenvalue +0.127/min), (1, 0) and (0, 1) are stable.
    # Started a hair off the saddle, the first blocks stay near it, where Newton would converge on it.
    p = tiny_pathway([{"source": "a", "target": "b", "effect": "inhibits"},
                      {"source": "b", "target": "a", "effect": "inhibits"}], inputs=())
    engine = Engine(p)
    start = np.array([0.5 + 1e-6, 0.5 - 1e-6])
    saddle = np.array([0.5, 0.5])
    assert np.max(np.abs(engine.rhs(saddle, engine.conditions(Perturbations())))) < 1e-12
    y = engine.relax(Perturbations(), y0=start)
    np.testing.assert_allclose(y, engine.steady_state(Perturbations(), y0=start), atol=1e-6)
    np.testing.assert_allclose(y, [1.0, 0.0], atol=1e-6)


def test_the_baseline_relaxes_in_few_right_hand_sides(pathway, monkeypatch):
    # Start-up relaxes the baseline once: Newton starts early (NEWTON_START) instead of after 200 RK4 steps.
    engine = Engine(pathway)
    calls = []
    rhs = engine.rhs
    monkeypatch.setattr(engine, "rhs", lambda *a, **k: calls.append(1) or rhs(*a, **k))
    pert = Perturbations.defaults(pathway)
    y = engine.relax(pert)
    assert len(calls) < 500
    assert np.max(np.abs(y - engine.steady_state(pert))) < 1e-6


def test_batched_rhs_and_jacobian_match_one_state_at_a_time(pathway):
    engine = Engine(pathway)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6
    pert.fixed["akt"] = 0.3
    cond = engine.conditions(pert)
    rng = np.random.default_rng(3)
    states = rng.uniform(0.0, 1.0, (5, engine.compiled.size)) * engine.compiled.ymax
    batched = engine.rhs(states, cond)
    for row, y in zip(batched, states):
        assert np.array_equal(row, engine.rhs(y, cond))
    y = states[0]
    jac = engine.jacobian(y, cond)
    for j in range(engine.compiled.size):
        shifted = y.copy()
        shifted[j] += 1e-7
        assert np.allclose(jac[:, j], (engine.rhs(shifted, cond) - engine.rhs(y, cond)) / 1e-7, atol=1e-9)
    assert not jac[engine.ids.index("akt")].any()  # a held species does not move
    assert jac[engine.ids.index("akt"), engine.ids.index("akt")] == 0.0
