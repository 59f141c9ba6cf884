"""The built-in model shows the behaviour the lessons teach (directions and sizes)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import MEAL, steady
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

KINASE = 0.8


@pytest.fixture(scope="module")
def healthy_meal(pathway):
    return steady(pathway, {"insulin": MEAL})


def test_a_meal_switches_on_metabolic_and_mitogenic_signalling(pathway, healthy_meal):
    fasting = steady(pathway)
    for sid in ("ir", "irs1_ptyr", "pi3k", "akt", "glut4", "erk", "glycogen"):
        assert healthy_meal[sid] > fasting[sid] + 0.1, sid
    for sid in ("foxo1", "hgp"):
        assert healthy_meal[sid] < fasting[sid] - 0.1, sid


def test_insulin_dose_response_is_monotonic_and_reversible(pathway):
    # Measured as in a clamp study: the beta-cell loop is off so the dose alone sets plasma insulin.
    levels = np.linspace(0.0, 1.0, 11)
    states = [steady(pathway, {"insulin": x, "beta_cell": 0.0}) for x in levels]
    akt = [s["akt"] for s in states]
    erk = [s["erk"] for s in states]
    assert all(b >= a - 1e-9 for a, b in zip(akt, akt[1:]))
    assert all(b >= a - 1e-9 for a, b in zip(erk, erk[1:]))
    assert akt[-1] - akt[0] > 0.3
    # Removing insulin returns the system to its basal state.
    engine = Engine(pathway)
    fed = Perturbations.defaults(pathway)
    fed.inputs["insulin"] = MEAL
    y_fed = engine.steady_state(fed)
    basal = Perturbations.defaults(pathway)
    basal.inputs["insulin"] = 0.0
    back = engine.steady_state(basal, y0=y_fed)
    fresh = engine.steady_state(basal)
    assert np.max(np.abs(back - fresh)) < 1e-3


@pytest.mark.parametrize("kinase", ["jnk", "ikk", "pkc"])
def test_each_serine_kinase_causes_selective_insulin_resistance(pathway, healthy_meal, kinase):
    r = steady(pathway, {"insulin": MEAL}, {kinase: KINASE})
    h = healthy_meal
    assert r["irs1_pser"] > h["irs1_pser"] + 0.2
    assert r["irs1_ptyr"] < 0.75 * h["irs1_ptyr"]
    assert r["akt"] < 0.7 * h["akt"]
    assert r["glut4"] < 0.7 * h["glut4"]
    assert r["hgp"] > h["hgp"] + 0.15  # glucose output less suppressed
    d_akt = abs(r["akt"] - h["akt"])
    d_erk = abs(r["erk"] - h["erk"])
    assert d_erk < 0.5 * d_akt, f"ERK moved {d_erk:.3f}, Akt {d_akt:.3f}"


def test_all_three_kinases_are_worse_than_any_one(pathway):
    singles = [steady(pathway, {"insulin": MEAL}, {k: KINASE})["akt"] for k in ("jnk", "ikk", "pkc")]
    together = steady(pathway, {"insulin": MEAL}, {k: KINASE for k in ("jnk", "ikk", "pkc")})["akt"]
    assert together < min(singles) - 0.1


@pytest.mark.parametrize("stimulus,kinases", [("tnfa", ("jnk", "ikk")), ("ffa", ("pkc",)), ("er_stress", ("jnk",))])
def test_stimuli_switch_on_their_kinases(pathway, stimulus, kinases):
    base = steady(pathway, {"insulin": MEAL})
    hit = steady(pathway, {"insulin": MEAL, stimulus: 0.8})
    for k in ("jnk", "ikk", "pkc"):
        if k in kinases:
            assert hit[k] > base[k] + 0.5, (stimulus, k)
        else:
            assert hit[k] == pytest.approx(base[k], abs=1e-6), (stimulus, k)


def test_jnk_inhibitor_restores_akt_under_tnf(pathway, healthy_meal):
    tnf = steady(pathway, {"insulin": MEAL, "tnfa": 0.8})
    treated = steady(pathway, {"insulin": MEAL, "tnfa": 0.8}, drugs={"jnk_inhibitor": 1.0})
    assert treated["jnk"] < 0.1
    assert treated["akt"] > tnf["akt"] + 0.15


def test_compensatory_hyperinsulinemia_drives_the_sensitive_branches(pathway, healthy_meal):
    inflamed = {"jnk": KINASE, "ikk": KINASE}
    r = steady(pathway, {"insulin": MEAL}, inflamed)
    h = healthy_meal
    assert r["plasma_insulin"] > h["plasma_insulin"] + 0.1
    for sid in ("erk", "dnl", "theca_androgens"):
        assert r[sid] > h[sid], sid
    # The liver paradox: glucose output and lipogenesis high at the same time.
    assert r["hgp"] > h["hgp"] + 0.2 and r["dnl"] > h["dnl"]
    # Without the beta-cell response, plasma insulin does not rise.
    no_loop = steady(pathway, {"insulin": MEAL, "beta_cell": 0.0}, inflamed)
    assert no_loop["plasma_insulin"] < r["plasma_insulin"] - 0.1


def test_theca_androgens_need_lh_and_insulin_amplifies(pathway):
    both = steady(pathway, {"insulin": 1.0, "lh": 0.8})["theca_androgens"]
    lh_only = steady(pathway, {"insulin": 0.0, "lh": 0.8, "beta_cell": 0.0})["theca_androgens"]
    insulin_only = steady(pathway, {"insulin": 1.0, "lh": 0.0})["theca_androgens"]
    assert both > lh_only + 0.1
    assert lh_only > insulin_only + 0.1
    assert insulin_only < 0.05


def test_inflammation_and_aromatase_lower_leydig_testosterone(pathway):
    healthy = steady(pathway, {"insulin": MEAL})
    inflamed = steady(pathway, {"insulin": MEAL, "tnfa": 0.6, "ffa": 0.6})
    assert inflamed["leydig_testosterone"] < healthy["leydig_testosterone"] - 0.2
    assert inflamed["estradiol"] > healthy["estradiol"] + 0.2
    assert inflamed["mitochondria"] < healthy["mitochondria"] - 0.2


def test_drug_what_ifs(pathway, healthy_meal):
    h = healthy_meal
    rapa = steady(pathway, {"insulin": MEAL}, drugs={"rapamycin": 1.0})
    assert rapa["dnl"] < h["dnl"] - 0.1
    mek = steady(pathway, {"insulin": MEAL}, drugs={"mek_inhibitor": 1.0})
    assert mek["erk"] < 0.5 * h["erk"]
    # mTORC1 is the main route to SREBP-1c (Li, Brown & Goldstein 2010); ERK is the lesser one.
    assert rapa["dnl"] < mek["dnl"]
    assert mek["akt"] == pytest.approx(h["akt"], abs=0.05)
    pi3k = steady(pathway, {"insulin": MEAL}, drugs={"pi3k_inhibitor": 1.0})
    assert pi3k["akt"] < 0.5 * h["akt"]
    assert pi3k["erk"] > h["erk"] - 0.05  # ERK is left running (if anything, higher)
