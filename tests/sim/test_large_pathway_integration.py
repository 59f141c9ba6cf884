"""Pathways of thousands of species integrate explicitly, as accurately as the small ones."""

from __future__ import annotations

import random

import numpy as np
from scipy.integrate import solve_ivp

from pathwayviz.model.pathway import InputControl, Interaction, Pathway, Species
from pathwayviz.sim.engine import DENSE_JACOBIAN_LIMIT, Engine
from pathwayviz.sim.perturbations import Perturbations


def random_pathway(n: int, seed: int = 5) -> Pathway:
    rng = random.Random(seed)
    species = {f"s{k}": Species(f"s{k}", f"s{k}", "protein", "", (0.0, 0.0), tau=rng.choice((0.5, 1.0, 3.0)))
               for k in range(n)}
    inter = []
    for k in range(10, n):
        for _ in range(2):
            src = rng.randrange(0, n) if rng.random() < 0.1 else rng.randrange(max(0, k - 30), k)
            inter.append(Interaction(len(inter), f"s{src}", f"s{k}", "inhibits" if rng.random() < 0.2 else "activates",
                                     gate="and" if rng.random() < 0.1 else "or"))
    return Pathway("big", "big", "", species, inter, inputs=[InputControl(f"s{k}", f"s{k}", 0.7) for k in range(10)])


def test_large_pathway_trajectory_and_steady_state_match_a_tight_reference():
    p = random_pathway(DENSE_JACOBIAN_LIMIT + 200)
    engine = Engine(p)
    assert engine.solver != "LSODA"
    pert = Perturbations.defaults(p)
    t, ys = engine.timecourse(pert, 30.0)
    cond = engine.conditions(pert)
    ref = solve_ivp(lambda _t, y: engine.rhs(y, cond), (0, 30), engine.initial_state(cond), method="DOP853",
                    t_eval=t, rtol=1e-11, atol=1e-12).y.T
    assert np.max(np.abs(ys - ref)) < 1e-4
    assert np.max(np.abs(ys[-1] - ys[0])) > 0.3  # the inputs really drive the network
    steady = engine.steady_state(pert)
    assert np.max(np.abs(engine.rhs(steady, cond))) < 1e-6


def test_large_pathway_relaxes_without_a_dense_jacobian(monkeypatch):
    p = random_pathway(DENSE_JACOBIAN_LIMIT + 200)
    engine = Engine(p)

    def no_newton(*_args, **_kwargs):
        raise AssertionError("a dense Newton step was built for a large pathway")

    monkeypatch.setattr(engine, "_newton", no_newton)
    pert = Perturbations.defaults(p)
    y = engine.relax(pert)
    assert np.max(np.abs(engine.rhs(y, engine.conditions(pert)))) < 1e-6
    assert np.max(np.abs(y - engine.steady_state(pert))) < 1e-5
