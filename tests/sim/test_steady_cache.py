"""The remembered start state: the same steady state as relaxing from the file's initial values,
found in a few right-hand sides; anything that is not a stable steady state of these exact inputs is
ignored, so the cache can cost time but never change which state a run starts in."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pathwayviz.model.loader import build_pathway
from pathwayviz.model.yamlio import LineDict
from pathwayviz.sim import steady_cache
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations


@pytest.fixture(autouse=True)
def computed_here(no_shipped_cache):
    """The built-in pathway's start state also ships (resources/cache); these tests compute their own."""


def _mapping(d):
    m = LineDict(d)
    m.line = 1
    m.key_lines = {}
    return m


def toggle_switch(y0=(0.9, 0.1)):
    """a ⊣ b and b ⊣ a: stable at (1, 0) and (0, 1), a saddle at (0.5, 0.5); starts nearer (1, 0)."""
    return build_pathway(_mapping({
        "format": "pathwayviz-pathway/1", "id": "toggle", "title": "Toggle",
        "species": [_mapping({"id": s, "pos": [0, 0], "tau": 1.0, "y0": v}) for s, v in zip("ab", y0)],
        "interactions": [_mapping({"source": "a", "target": "b", "effect": "inhibits"}),
                         _mapping({"source": "b", "target": "a", "effect": "inhibits"})],
    }), "toggle.yaml")


def counted(engine: Engine, monkeypatch) -> list:
    calls = []
    rhs = engine.rhs
    monkeypatch.setattr(engine, "rhs", lambda *a, **k: calls.append(1) or rhs(*a, **k))
    return calls


def entries() -> list:
    folder = steady_cache.CACHE.folder
    return sorted(folder.glob("*.json")) if folder.exists() else []


def test_a_second_start_gets_the_same_state_from_a_few_right_hand_sides(pathway, monkeypatch):
    baseline = Perturbations.defaults(pathway)
    first = Engine(pathway)
    cold_calls = counted(first, monkeypatch)
    cold = steady_cache.relax_remembered(first, baseline)
    assert len(entries()) == 1 and len(cold_calls) > 100
    second = Engine(pathway)
    warm_calls = counted(second, monkeypatch)
    warm = steady_cache.relax_remembered(second, baseline)
    assert np.array_equal(warm, cold) and len(warm_calls) <= 3
    np.testing.assert_allclose(cold, Engine(pathway).relax(baseline), rtol=0, atol=0)


def test_the_live_simulation_starts_from_the_remembered_state(pathway):
    live = LiveSimulation(pathway)
    live.reset()
    assert len(entries()) == 1
    again = LiveSimulation(pathway)
    again.reset()
    assert np.array_equal(again.state, live.state) and np.array_equal(again.healthy, live.healthy)


def test_other_inputs_are_other_entries(pathway):
    engine = Engine(pathway)
    baseline = Perturbations.defaults(pathway)
    fed = Perturbations.defaults(pathway)
    fed.inputs["insulin"] = 0.8
    a = steady_cache.relax_remembered(engine, baseline)
    b = steady_cache.relax_remembered(engine, fed)
    assert len(entries()) == 2 and not np.allclose(a, b)
    assert steady_cache.fingerprint(engine.compiled, engine.conditions(baseline)) != \
        steady_cache.fingerprint(engine.compiled, engine.conditions(fed))


def test_the_fingerprint_ignores_the_work_buffers_and_names_the_weights(pathway):
    engine = Engine(pathway)
    cond = engine.conditions(Perturbations.defaults(pathway))
    before = steady_cache.fingerprint(engine.compiled, cond)
    engine.rhs(engine.initial_state(), cond)             # fills the right-hand side's scratch arrays
    assert steady_cache.fingerprint(engine.compiled, cond) == before
    cond.w = cond.w * 1.01
    assert steady_cache.fingerprint(engine.compiled, cond) != before


@pytest.mark.parametrize("junk", ["{not json", json.dumps({"format": "other", "data": [0.1]}),
                                  json.dumps({"format": steady_cache.FORMAT, "data": "x"}),
                                  json.dumps({"format": steady_cache.FORMAT, "data": [0.5, 0.5]}),
                                  json.dumps({"format": steady_cache.FORMAT, "data": None})])
def test_a_corrupt_short_or_foreign_entry_is_ignored_and_replaced(pathway, junk):
    engine = Engine(pathway)
    baseline = Perturbations.defaults(pathway)
    cold = steady_cache.relax_remembered(engine, baseline)
    (entry,) = entries()
    entry.write_text(junk)
    assert np.array_equal(steady_cache.relax_remembered(engine, baseline), cold)
    assert json.loads(entry.read_text())["data"] == [float(v) for v in cold]   # written afresh


def test_a_remembered_state_that_is_not_steady_is_ignored(pathway):
    engine = Engine(pathway)
    baseline = Perturbations.defaults(pathway)
    cold = steady_cache.relax_remembered(engine, baseline)
    (entry,) = entries()
    moved = cold.copy()
    moved[int(np.argmax(cold))] *= 0.9                     # in range, but not a fixed point
    for tampered in (moved, np.full_like(cold, np.nan), -cold - 1, cold * 10 + 1):
        entry.write_text(json.dumps({"format": steady_cache.FORMAT, "data": [float(v) for v in tampered]}))
        assert np.array_equal(steady_cache.relax_remembered(engine, baseline), cold)


def test_a_remembered_saddle_or_other_attractor_never_replaces_the_one_the_flow_reaches():
    engine = Engine(toggle_switch())
    pert = Perturbations()
    cold = steady_cache.relax_remembered(engine, pert)
    np.testing.assert_allclose(cold, [1.0, 0.0], atol=1e-6)
    (entry,) = entries()
    saddle = [0.5, 0.5]
    assert np.max(np.abs(engine.rhs(np.array(saddle), engine.conditions(pert)))) < 1e-12
    entry.write_text(json.dumps({"format": steady_cache.FORMAT, "data": saddle}))
    np.testing.assert_allclose(steady_cache.relax_remembered(engine, pert), [1.0, 0.0], atol=1e-6)
    # The other stable state is a steady state of the same inputs: a file whose start lies nearer it
    # has another fingerprint (its initial values differ), so it is never served this one.
    other = Engine(toggle_switch(y0=(0.1, 0.9)))
    np.testing.assert_allclose(steady_cache.relax_remembered(other, pert), [0.0, 1.0], atol=1e-6)


def test_an_unusable_cache_folder_is_skipped(pathway, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PATHWAYVIZ_CACHE_DIR", str(blocker / "sub"))
    engine = Engine(pathway)
    baseline = Perturbations.defaults(pathway)
    assert np.array_equal(steady_cache.relax_remembered(engine, baseline), engine.relax(baseline))


def test_verified_steady_refuses_what_is_not_a_stable_steady_state():
    engine = Engine(toggle_switch())
    cond = engine.conditions(Perturbations())
    assert np.array_equal(engine.verified_steady([1.0, 0.0], cond), [1.0, 0.0])
    for bad in ([0.5, 0.5], [0.9, 0.1], [1.0], [1.0, np.inf], [-0.1, 0.0], [1.5, 0.0], ["a", "b"], None):
        assert engine.verified_steady(bad, cond) is None
