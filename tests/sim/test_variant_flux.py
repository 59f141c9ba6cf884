"""Flux pulses follow the chosen variant's weights, not the file's nominal ones."""

from __future__ import annotations

import pytest

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations


def edge(pathway, iid):
    return next(it for it in pathway.interactions if it.id == iid)


@pytest.mark.parametrize("option, erk_w, mtorc1_w", [("mtorc1", 0.1, 0.9), ("erk", 0.9, 0.2)])
def test_snapshot_flux_uses_variant_weights(pathway, option, erk_w, mtorc1_w):
    live = LiveSimulation(pathway)
    live.set_perturbations(Perturbations.on_defaults(pathway, inputs={"meal": 0.6},
                                                     variants={"liver_lipogenesis": option}))
    live.advance(30.0)
    snap = live.snapshot()
    for iid, w in (("erk_srebp1c", erk_w), ("mtorc1_srebp1c", mtorc1_w)):
        it = edge(pathway, iid)
        activity = live.value(it.source, snap.state)
        assert snap.flux[it.index] == pytest.approx(activity * w, rel=1e-9), iid


def test_engine_flux_without_conditions_keeps_nominal_weights(pathway):
    engine = Engine(pathway)
    pert = Perturbations.on_defaults(pathway, inputs={"meal": 0.6}, variants={"liver_lipogenesis": "erk"})
    y = engine.steady_state(pert)
    it = edge(pathway, "erk_srebp1c")
    nominal = engine.edge_flux(y)[it.index]
    chosen = engine.edge_flux(y, engine.conditions(pert))[it.index]
    assert chosen == pytest.approx(nominal * 0.9 / it.w)
