"""Quantitative anchor: the adipocyte_t2d preset against the Brännmark 2013 human adipocyte models.

Both reference models are run in libroadrunner with the protocol of the paper's figures (no insulin to
steady state, then 10 nM insulin for 10 minutes); PathwayViz runs the same experiment from a settled
state (``--baseline insulin=0 --set insulin=1 --minutes 10``, β-cells off). The diabetic-to-normal
ratios of IRS-1, Akt, AS160 and GLUT4 at the membrane must agree within ±50 % (relative), and the
defect must shrink from IRS-1 to Akt to AS160 in both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import roadrunner

from pathwayviz.sim.baseline import settled_start
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

DATA = Path(__file__).resolve().parents[1] / "data" / "brannmark"
# PathwayViz node -> the reference model's readout of the same quantity
READOUTS = {"irs1_ptyr": "measuredIRS1p", "akt": "measuredPKB308p", "as160": "measuredAS160p", "glut4": "GLUT4m"}


def reference(model_file: str) -> dict[str, float]:
    r = roadrunner.RoadRunner(str(DATA / model_file))
    r["insulin"] = 0.0
    r.simulate(0, 3000, 301)  # settle without insulin (minutes)
    r["insulin"] = 10.0  # nM
    r.timeCourseSelections = ["time", *READOUTS.values()]
    out = r.simulate(0, 10, 101)
    return {node: float(out[name][-1]) for node, name in READOUTS.items()}


def ours(pathway, preset: str) -> dict[str, float]:
    engine = Engine(pathway)
    pert = Perturbations.from_preset(pathway, preset)
    pert.inputs.update({"beta_cell": 0.0, "insulin": 1.0})
    y0 = settled_start(engine, pert, {"insulin": 0.0})
    _, ys = engine.timecourse(pert, 10.0, samples=11, y0=y0)
    return {node: float(ys[-1, engine.compiled.index[node]]) for node in READOUTS}


@pytest.fixture(scope="module")
def ratios(pathway):
    normal, diabetic = reference("BIOMD0000000448.xml"), reference("BIOMD0000000449.xml")
    healthy, t2d = ours(pathway, "adipocyte_healthy"), ours(pathway, "adipocyte_t2d")
    return ({k: diabetic[k] / normal[k] for k in READOUTS}, {k: t2d[k] / healthy[k] for k in READOUTS})


def test_reference_models_show_a_defect_that_shrinks_down_the_cascade(ratios):
    theirs, _ = ratios
    assert theirs["irs1_ptyr"] < theirs["akt"] < theirs["as160"] < 1.0
    assert theirs["glut4"] < 1.0


@pytest.mark.parametrize("node", list(READOUTS))
def test_adipocyte_t2d_ratio_within_half_of_brannmark(ratios, node):
    theirs, mine = ratios
    assert abs(mine[node] / theirs[node] - 1.0) <= 0.5, f"{node}: ours {mine[node]:.3f}, Brännmark {theirs[node]:.3f}"


def test_our_defect_shrinks_down_the_cascade_too(ratios):
    _, mine = ratios
    assert mine["irs1_ptyr"] < mine["akt"] < mine["as160"] < 1.0


def test_the_calibration_needs_the_amplifying_gain(pathway):
    """With the teaching gain the same inflamed cells keep a defect that does not shrink (the variant matters)."""
    teaching = Perturbations.from_preset(pathway, "adipocyte_t2d")
    assert teaching.variants == {"cascade": "adipocyte"}
    engine = Engine(pathway)

    def run(preset, variant):
        p = Perturbations.from_preset(pathway, preset)
        p.variants["cascade"] = variant
        p.inputs.update({"beta_cell": 0.0, "insulin": 1.0})
        y0 = engine.steady_state(Perturbations.on_defaults(pathway, inputs={**p.inputs, "insulin": 0.0},
                                                           variants=p.variants))
        _, ys = engine.timecourse(p, 10.0, samples=11, y0=y0)
        return {k: ys[-1, engine.compiled.index[k]] for k in ("irs1_ptyr", "as160")}

    h, d = run("adipocyte_healthy", "teaching"), run("adipocyte_t2d", "teaching")
    assert d["as160"] / h["as160"] < 0.5 * (run("adipocyte_t2d", "adipocyte")["as160"]
                                            / run("adipocyte_healthy", "adipocyte")["as160"])
