"""Experiments that start from a settled state: a clamp, a meal or an infusion switched on at t = 0.

``settled_start`` is the state the model reaches with some inputs at their baseline values (everything
else as in the experiment); the experiment's time course then starts from it, with the inputs at
their experimental values, the way an insulin clamp starts from the fasting state.
"""

from __future__ import annotations

import numpy as np

from ..model.mechanisms import nearest
from .engine import Engine
from .perturbations import PerturbationError, Perturbations


def baseline_perturbations(engine: Engine, perturbations: Perturbations, baseline: dict[str, float]) -> Perturbations:
    """``perturbations`` with the inputs named in ``baseline`` at their baseline levels."""
    pathway = engine.pathway
    before = perturbations.copy()
    for name, level in baseline.items():
        sid = pathway.input_species(name)
        if sid is None:
            known = pathway.input_ids()
            raise PerturbationError(f"'{name}' is not an input of this pathway{nearest(name, known)} "
                                    f"(known: {', '.join(known) or 'none'})")
        before.inputs[sid] = level
    before.validate(pathway)
    return before


def settled_start(engine: Engine, perturbations: Perturbations, baseline: dict[str, float]) -> np.ndarray:
    """The steady state under ``perturbations`` with the ``baseline`` input levels (the state at t = 0)."""
    return engine.steady_state(baseline_perturbations(engine, perturbations, baseline))
