"""Insulin lowers SHBG, free androgens rise, and the PCOS readouts (hyperandrogenism, irregular cycles) follow
insulin and LH — the preset comparisons the SHBG, free-androgen and irregular-cycles cards make."""

from __future__ import annotations

import pytest

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

READ = ("shbg", "free_androgens", "ovulatory_disruption", "theca_androgens", "lh", "plasma_insulin")


@pytest.fixture(scope="module")
def state(pathway):
    engine = Engine(pathway)

    def at(preset, **change):
        pert = Perturbations.from_preset(pathway, preset)
        for key, value in change.items():
            if key == "drug":
                pert.drugs[value] = 1.0
            elif key == "knockout":
                pert.knockouts.add(value)
            else:
                pert.inputs[key] = value
        y = engine.steady_state(pert)
        return {sid: float(y[engine.ids.index(sid)] / engine.compiled.ymax[engine.ids.index(sid)]) for sid in READ}

    return at


def test_insulin_lowers_shbg_step_by_step_but_never_to_zero(state):
    levels = [state("clamp", insulin=level)["shbg"] for level in (0.0, 0.3, 0.6, 1.0)]
    assert all(a > b + 0.02 for a, b in zip(levels, levels[1:]))
    assert levels[-1] == pytest.approx(0.2, abs=1e-6)  # the liver keeps its basal production


def test_the_pcos_preset_has_less_shbg_more_free_androgen_and_more_irregular_cycles(state):
    healthy, pcos = state("healthy"), state("pcos")
    assert pcos["plasma_insulin"] > healthy["plasma_insulin"] + 0.1
    assert pcos["shbg"] < healthy["shbg"] - 0.05
    assert pcos["theca_androgens"] > healthy["theca_androgens"] + 0.05
    assert pcos["free_androgens"] > healthy["free_androgens"] + 0.08
    assert pcos["ovulatory_disruption"] > 2.5 * healthy["ovulatory_disruption"]
    assert healthy["ovulatory_disruption"] < 0.1  # low at healthy levels


def test_free_androgens_fall_slightly_in_compensated_because_estradiol_lowers_lh(state):
    """What the free-androgen card admits: the model joins the sexes, so 'compensated' alone does not show PCOS."""
    healthy, compensated = state("healthy"), state("compensated")
    assert compensated["shbg"] < healthy["shbg"] - 0.05      # insulin still lowers SHBG
    assert compensated["lh"] < healthy["lh"] - 0.1           # but estradiol from fat lowers LH
    assert compensated["free_androgens"] < healthy["free_androgens"]
    assert healthy["free_androgens"] - compensated["free_androgens"] < 0.1


@pytest.mark.parametrize("change", [{"knockout": "plasma_insulin"}, {"drug": "metformin"}])
def test_lowering_insulin_brings_the_pcos_readouts_back_near_healthy(state, change):
    healthy, pcos, treated = state("healthy"), state("pcos"), state("pcos", **change)
    assert treated["free_androgens"] < pcos["free_androgens"] - 0.1
    assert treated["shbg"] > pcos["shbg"] + 0.1
    assert abs(treated["ovulatory_disruption"] - healthy["ovulatory_disruption"]) < 0.04


def test_high_lh_alone_makes_cycles_irregular(state):
    """GnRH drive raises LH; LH reaches the cycle directly as well as through theca androgens."""
    healthy, driven = state("healthy"), state("healthy", gnrh=1.0)
    assert driven["lh"] > healthy["lh"] + 0.2
    assert driven["ovulatory_disruption"] > healthy["ovulatory_disruption"] + 0.2
