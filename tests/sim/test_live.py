"""The live simulation: its bounded history, healthy reference and scrubbing."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.sim.live import LiveSimulation


def test_toggle_moves_current_run_but_not_healthy_reference(pathway):
    live = LiveSimulation(pathway)
    p = live.perturbations
    p.inputs["insulin"] = 0.6
    live.set_perturbations(p)
    live.reset()
    live.settle()
    akt_before = live.value("akt")
    p = live.perturbations
    p.toggles["jnk"] = 0.8
    live.set_perturbations(p)
    for _ in range(60 * 15):  # 15 simulated minutes at 60 frames per minute
        live.advance(1 / 60)
    assert live.value("akt") < akt_before - 0.15
    assert live.value("akt", live.healthy) == pytest.approx(akt_before, abs=1e-3)


def test_history_stays_bounded_over_a_long_run(pathway):
    live = LiveSimulation(pathway, history_capacity=500, sample_every=0.1)
    live.reset()
    for _ in range(6000):
        live.advance(0.05)
    assert len(live.history) == 500
    t, _ = live.history.arrays()
    assert t[-1] == pytest.approx(live.time)


def test_scrubbing_returns_the_earlier_state(pathway):
    live = LiveSimulation(pathway)
    live.reset()
    p = live.perturbations
    p.inputs["insulin"] = 1.0
    live.set_perturbations(p)
    for _ in range(600):
        live.advance(1 / 60)
    early = live.snapshot(at_time=0.0)
    now = live.snapshot()
    i = live.index["akt"]
    assert early.state[i] < now.state[i] - 0.05
    assert early.time == 0.0


def test_restore_continues_from_a_saved_state(pathway):
    live = LiveSimulation(pathway)
    live.reset()
    for _ in range(100):
        live.advance(0.1)
    saved_time, saved, healthy = live.time, live.state.copy(), live.healthy.copy()
    other = LiveSimulation(pathway)
    other.restore(saved_time, saved, healthy)
    assert other.time == saved_time
    assert np.array_equal(other.state, saved) and np.array_equal(other.healthy, healthy)
    with pytest.raises(ValueError, match="species"):
        other.restore(0.0, saved[:-1])


def test_healthy_reference_silences_kinases_switched_on_by_stimuli(pathway):
    from pathwayviz.sim.live import healthy_reference

    live = LiveSimulation(pathway)
    p = live.perturbations
    p.inputs.update({"insulin": 0.6, "tnfa": 0.8})
    live.set_perturbations(p)
    live.reset()
    live.settle()
    assert live.value("jnk") > 0.5 and live.value("jnk", live.healthy) == 0.0
    assert live.value("akt", live.healthy) > live.value("akt") + 0.15
    p.knockouts.add("foxo1")
    p.drugs["rapamycin"] = 1.0
    ref = healthy_reference(pathway, p)
    assert ref.inputs == p.inputs and ref.knockouts == {"jnk", "ikk", "pkc"}
    assert not ref.toggles and not ref.drugs and not ref.fixed and not ref.overexpress
    p.variants["liver_lipogenesis"] = "erk"  # the mechanism is part of the model, not a deviation from health
    assert healthy_reference(pathway, p).variants == {"liver_lipogenesis": "erk"}
