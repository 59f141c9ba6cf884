"""The built-in model shows the behaviour the lessons teach (directions and sizes)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import MEAL, steady
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

KINASE = 0.8
CLAMP = {"insulin": MEAL, "beta_cell": 0.0}  # plasma insulin held at a meal level, as in a clamp study


def at_preset(pathway, preset, inputs=None, drugs=None, variants=None, knockouts=(), fixed=None):
    pert = Perturbations.from_preset(pathway, preset)
    pert.inputs.update(inputs or {})
    pert.drugs.update(drugs or {})
    pert.variants.update(variants or {})
    pert.knockouts.update(knockouts)
    pert.fixed.update(fixed or {})
    engine = Engine(pathway)
    return dict(zip(engine.ids, engine.steady_state(pert)))


@pytest.fixture(scope="module")
def clamp_meal(pathway):
    return steady(pathway, CLAMP)


def test_a_meal_raises_glucose_and_insulin_and_switches_on_both_branches(pathway):
    fasting, fed = at_preset(pathway, "healthy"), at_preset(pathway, "meal")
    assert fed["blood_glucose"] > fasting["blood_glucose"] + 0.03
    assert fed["plasma_insulin"] > 1.3 * fasting["plasma_insulin"]
    for sid in ("irs1_ptyr", "akt", "glut4", "glycogen", "erk", "srebp1c"):
        assert fed[sid] > fasting[sid] + 0.05, sid
    for sid in ("foxo1", "hgp"):
        assert fed[sid] < fasting[sid] - 0.1, sid


def test_fasting_glucose_is_held_by_the_liver(pathway):
    fasting = at_preset(pathway, "healthy")
    assert 0.25 < fasting["blood_glucose"] < 0.5
    assert fasting["hgp"] > 0.5
    no_output = at_preset(pathway, "healthy", knockouts=["hgp"])
    assert no_output["blood_glucose"] < 0.5 * fasting["blood_glucose"]


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
def test_each_serine_kinase_causes_selective_insulin_resistance(pathway, clamp_meal, kinase):
    r = steady(pathway, CLAMP, {kinase: KINASE})
    h = clamp_meal
    assert r["irs1_pser"] > h["irs1_pser"] + 0.2
    assert r["irs1_ptyr"] < 0.75 * h["irs1_ptyr"]
    # The cascade amplifies, so the defect shrinks downstream (as in Brännmark 2013), but stays clear.
    assert r["akt"] < 0.8 * h["akt"]
    assert r["glut4"] < 0.9 * h["glut4"]
    assert r["hgp"] > h["hgp"] + 0.1  # glucose output less suppressed
    d_akt = abs(r["akt"] - h["akt"])
    d_erk = abs(r["erk"] - h["erk"])
    assert d_erk < 0.5 * d_akt, f"ERK moved {d_erk:.3f}, Akt {d_akt:.3f}"


def test_all_three_kinases_are_worse_than_any_one(pathway):
    singles = [steady(pathway, CLAMP, {k: KINASE})["akt"] for k in ("jnk", "ikk", "pkc")]
    together = steady(pathway, CLAMP, {k: KINASE for k in ("jnk", "ikk", "pkc")})["akt"]
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


def test_jnk_inhibitor_restores_akt_under_tnf(pathway):
    tnf = steady(pathway, {**CLAMP, "tnfa": 0.8})
    treated = steady(pathway, {**CLAMP, "tnfa": 0.8}, drugs={"jnk_inhibitor": 1.0})
    assert treated["jnk"] < 0.1
    assert treated["akt"] > tnf["akt"] + 0.15


def test_compensation_then_decompensation(pathway):
    healthy, comp, t2d = (at_preset(pathway, p) for p in ("healthy", "compensated", "t2d"))
    # Compensated: plasma insulin clearly up, glucose near healthy.
    assert comp["plasma_insulin"] > 1.4 * healthy["plasma_insulin"]
    assert abs(comp["blood_glucose"] - healthy["blood_glucose"]) < 0.07
    assert comp["beta_mass"] > healthy["beta_mass"] + 0.05
    # The same resistance without the β-cell adaptation would push glucose higher.
    fixed = at_preset(pathway, "compensated", fixed={"beta_mass": healthy["beta_mass"]})
    assert fixed["blood_glucose"] > comp["blood_glucose"] + 0.02
    # Decompensated: β-cell capacity fails, insulin falls back, glucose rises with headroom left.
    assert t2d["plasma_insulin"] < comp["plasma_insulin"] - 0.05
    assert t2d["blood_glucose"] > healthy["blood_glucose"] + 0.2
    assert t2d["blood_glucose"] < 0.85
    # After a meal the stages stay ordered.
    meals = [at_preset(pathway, p, {"meal": 0.6})["blood_glucose"] for p in ("healthy", "compensated", "t2d")]
    assert meals[0] < meals[1] < meals[2] < 0.95


def test_hyperinsulinemia_drives_the_sensitive_branches(pathway):
    fed = at_preset(pathway, "meal")
    comp = at_preset(pathway, "compensated", {"meal": 0.6})
    assert comp["plasma_insulin"] > fed["plasma_insulin"] + 0.1
    for sid in ("erk", "dnl"):
        assert comp[sid] > fed[sid] + 0.05, sid
    assert comp["hgp"] > fed["hgp"] + 0.05 and comp["akt"] < fed["akt"]


PARADOX = {  # variant -> (drug that removes the extra lipogenesis, drugs that do not)
    "mtorc1": ("rapamycin", ()),
    "erk": ("mek_inhibitor", ("rapamycin",)),
    "substrate": (None, ("rapamycin", "mek_inhibitor")),
}


@pytest.mark.parametrize("option", sorted(PARADOX))
def test_each_lipogenesis_variant_shows_the_liver_paradox(pathway, option):
    variants = {"liver_lipogenesis": option}
    fed = at_preset(pathway, "meal", variants=variants)
    comp = at_preset(pathway, "compensated", {"meal": 0.6}, variants=variants)
    assert comp["hgp"] > fed["hgp"] + 0.05  # glucose output poorly suppressed...
    assert comp["dnl"] > fed["dnl"] + 0.05  # ...while fat synthesis runs higher
    abolishes, spares = PARADOX[option]
    if abolishes:
        treated = at_preset(pathway, "compensated", {"meal": 0.6}, drugs={abolishes: 1.0}, variants=variants)
        assert treated["dnl"] < fed["dnl"], abolishes
    for drug in spares:
        treated = at_preset(pathway, "compensated", {"meal": 0.6}, drugs={drug: 1.0}, variants=variants)
        assert treated["dnl"] > fed["dnl"], drug


def test_lipogenesis_needs_srebp1c_except_under_substrate_push(pathway):
    fed = at_preset(pathway, "meal")
    assert at_preset(pathway, "meal", knockouts=["srebp1c"])["dnl"] < 0.02
    assert at_preset(pathway, "healthy")["dnl"] < 0.5 * fed["dnl"]  # low while fasting
    pushed = at_preset(pathway, "compensated", variants={"liver_lipogenesis": "substrate"}, knockouts=["srebp1c"])
    assert pushed["dnl"] > 0.1


def test_theca_androgens_need_lh_and_insulin_amplifies(pathway):
    both = steady(pathway, {"insulin": 1.0, "gnrh": 0.8, "beta_cell": 0.0})["theca_androgens"]
    lh_only = steady(pathway, {"insulin": 0.0, "gnrh": 0.8, "beta_cell": 0.0})["theca_androgens"]
    no_lh = steady(pathway, {"insulin": 1.0, "gnrh": 0.0, "beta_cell": 0.0})["theca_androgens"]
    assert both > lh_only + 0.2
    assert lh_only > no_lh + 0.1
    assert no_lh < 0.02


def test_inflammation_and_aromatase_lower_leydig_testosterone_partially(pathway):
    healthy = at_preset(pathway, "healthy")
    inflamed = at_preset(pathway, "healthy", {"tnfa": 0.6, "ffa": 0.6})
    assert inflamed["leydig_testosterone"] < healthy["leydig_testosterone"] - 0.2
    assert inflamed["estradiol"] > healthy["estradiol"] + 0.2
    assert inflamed["lh"] < healthy["lh"] - 0.1  # estradiol feedback on LH
    assert inflamed["mitochondria"] < healthy["mitochondria"] - 0.2
    worst = at_preset(pathway, "healthy", {"tnfa": 1.0})
    assert worst["leydig_testosterone"] > 0.1  # suppressed, not abolished


def test_lean_man_makes_some_estradiol_and_an_aromatase_inhibitor_acts(pathway):
    lean = at_preset(pathway, "healthy")
    assert lean["estradiol"] > 0.1
    treated = at_preset(pathway, "healthy", drugs={"aromatase_inhibitor": 1.0})
    assert treated["estradiol"] < 0.05
    assert treated["lh"] > lean["lh"] + 0.03 and treated["leydig_testosterone"] > lean["leydig_testosterone"] + 0.03


def test_drug_what_ifs(pathway, clamp_meal):
    h = clamp_meal
    mek = steady(pathway, CLAMP, drugs={"mek_inhibitor": 1.0})
    assert mek["erk"] < 0.5 * h["erk"]
    assert mek["akt"] == pytest.approx(h["akt"], abs=0.05)
    pi3k = steady(pathway, CLAMP, drugs={"pi3k_inhibitor": 1.0})
    assert pi3k["akt"] < 0.5 * h["akt"]
    assert pi3k["erk"] > h["erk"] - 0.05  # ERK is left running (if anything, higher)
    pkc = steady(pathway, {**CLAMP, "ffa": 0.8})
    pkc_treated = steady(pathway, {**CLAMP, "ffa": 0.8}, drugs={"pkc_inhibitor": 1.0})
    assert pkc_treated["pkc"] < 0.2 and pkc_treated["akt"] > pkc["akt"] + 0.1
    fasting = at_preset(pathway, "t2d")
    metformin = at_preset(pathway, "t2d", drugs={"metformin": 1.0})
    assert metformin["blood_glucose"] < fasting["blood_glucose"] - 0.05
