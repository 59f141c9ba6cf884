"""Small helpers shared by core tests."""

from __future__ import annotations

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

MEAL = 0.6


def steady(pathway, inputs=None, toggles=None, drugs=None, knockouts=(), overexpress=()):
    """Steady state of the built-in model as {species id: value} under the given perturbations."""
    pert = Perturbations.defaults(pathway)
    pert.inputs.update(inputs or {})
    pert.toggles.update(toggles or {})
    pert.drugs.update(drugs or {})
    pert.knockouts.update(knockouts)
    pert.overexpress.update(overexpress)
    engine = Engine(pathway)
    return dict(zip(engine.ids, engine.steady_state(pert)))
