"""A sampled sweep of inputs × toggles × variants × presets: finite, in bounds, one steady state."""

from __future__ import annotations

import random

import numpy as np
import pytest

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

SAMPLES = 24  # ~10 s; scripts can raise it for a longer sweep


def sampled_conditions(pathway, count: int, seed: int = 11):
    rng = random.Random(seed)
    presets = [None] + [p.id for p in pathway.presets]
    for _ in range(count):
        preset = rng.choice(presets)
        pert = Perturbations.from_preset(pathway, preset) if preset else Perturbations.defaults(pathway)
        for c in pathway.inputs:
            if rng.random() < 0.5:
                pert.inputs[c.species] = rng.choice((0.0, 0.3, 0.6, 1.0))
        for t in pathway.toggles:
            if rng.random() < 0.3:
                pert.toggles[t.species] = rng.choice((0.5, 1.0))
        for v in pathway.variants:
            pert.variants[v.id] = rng.choice([o.id for o in v.options])
        if rng.random() < 0.3:
            pert.drugs[rng.choice(pathway.drugs).id] = 1.0
        yield preset, pert


@pytest.mark.parametrize("index", range(SAMPLES))
def test_no_nan_no_out_of_bounds_no_second_steady_state(pathway, index):
    preset, pert = list(sampled_conditions(pathway, SAMPLES))[index]
    engine = Engine(pathway)
    ymax = engine.compiled.ymax
    low = engine.steady_state(pert, y0=np.zeros(engine.compiled.size))
    high = engine.steady_state(pert, y0=ymax.copy())
    for y in (low, high):
        assert np.all(np.isfinite(y)), (preset, pert.to_dict())
        assert np.all(y >= 0.0) and np.all(y <= ymax + 1e-12), (preset, pert.to_dict())
        assert np.max(np.abs(engine.rhs(y, engine.conditions(pert)))) < 1e-6  # really settled
    worst = int(np.argmax(np.abs(low - high)))
    assert abs(low[worst] - high[worst]) < 1e-3, (
        f"two steady states for {engine.ids[worst]} ({low[worst]:.4f} vs {high[worst]:.4f}) under "
        f"preset {preset}: {pert.to_dict()}")


def test_the_sweep_covers_every_variant_option_and_preset(pathway):
    seen_options = {(k, v) for _, p in sampled_conditions(pathway, SAMPLES) for k, v in p.variants.items()}
    assert seen_options == {(v.id, o.id) for v in pathway.variants for o in v.options}
    seen_presets = {preset for preset, _ in sampled_conditions(pathway, SAMPLES)}
    assert len(seen_presets) >= len(pathway.presets) - 1
