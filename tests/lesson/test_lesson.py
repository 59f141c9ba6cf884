"""Lessons: the loader's file:line messages, step application, and the built-in lesson's story in the model."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import MEAL, steady
from pathwayviz.__main__ import main
from pathwayviz.lesson import (Lesson, LessonStep, StepSettings, builtin_lesson, load_lesson,
                               looks_like_lesson)
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.resource_files import builtin_lesson_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import PerturbationError, Perturbations


@pytest.fixture(scope="module")
def lesson(pathway):
    return builtin_lesson(pathway)


@pytest.fixture(scope="module")
def engine(pathway):
    return Engine(pathway)


@pytest.fixture(scope="module")
def jumped(lesson, engine, pathway):
    """Steady state of every step reached by jumping straight to it from a fresh start."""
    return {s.id: engine.steady_state(s.perturbations(pathway)) for s in lesson.steps}


@pytest.fixture(scope="module")
def at(jumped, engine):
    """at[step id][species id] -> steady-state value."""
    return {sid: dict(zip(engine.ids, y)) for sid, y in jumped.items()}


@pytest.fixture(scope="module")
def meal(pathway):
    return steady(pathway, {"insulin": MEAL})


# --- the built-in lesson as data ------------------------------------------------------------------------------

def test_builtin_lesson_has_the_articles_arc(lesson):
    ids = [s.id for s in lesson.steps]
    assert 10 <= len(lesson) <= 14
    assert ids[:2] == ["healthy-fasting", "meal"]
    order = ["inflammation", "lipid-overload", "selective-resistance", "compensatory-hyperinsulinemia",
             "beta-cell-failure", "liver-paradox", "liver-paradox-erk", "ovary-pcos", "testis", "energy-crisis"]
    assert [i for i in ids if i in order] == order
    assert lesson.pathway == "insulin_signaling"
    assert lesson.source_file.endswith("selective_insulin_resistance.yaml")


def test_builtin_steps_are_projector_sized_and_ask_real_questions(lesson):
    for step in lesson.steps:
        words = len(step.caption.split())
        assert 5 <= words <= 25, (step.id, words)
        assert step.title and step.notes, step.id
        assert step.predict is not None and "?" in step.predict.question, step.id
        assert len(step.predict.answer.split()) >= 5, step.id


def test_highlight_and_zoom_targets_exist(lesson, pathway):
    for step in lesson.steps:
        assert step.highlight, step.id
        for sid in (*step.highlight, *step.zoom, *(s for region in step.regions for s in region)):
            assert sid in pathway.species, (step.id, sid)


def test_every_step_applies_on_top_of_clean_defaults(lesson, pathway):
    defaults = Perturbations.defaults(pathway)
    for step in lesson.steps:
        pert = step.perturbations(pathway)
        pert.validate(pathway)
        expected = dict(defaults.inputs, **dict(step.settings.inputs))
        assert pert.inputs == expected, step.id
        assert pert.drugs == dict(step.settings.drugs), step.id
        assert pert.toggles == dict(step.settings.toggles), step.id
    # Nothing leaks between steps: the ovary step's GnRH drive, the ERK variant and the drugs stay where set.
    testis = lesson.steps[lesson.index_of("testis")].perturbations(pathway)
    assert testis.inputs["gnrh"] == defaults.inputs["gnrh"]
    assert lesson.steps[lesson.index_of("ovary-pcos")].perturbations(pathway).inputs["gnrh"] > testis.inputs["gnrh"]
    assert testis.drugs == {} and testis.variants == {}


def test_index_of(lesson):
    assert lesson.index_of("healthy-fasting") == 0
    assert lesson.steps[lesson.index_of("liver-paradox")].id == "liver-paradox"
    with pytest.raises(KeyError, match="no step 'nope'"):
        lesson.index_of("nope")


def test_perturbations_refuse_ids_the_pathway_lacks(pathway):
    step = LessonStep("odd", "Odd", "An odd step.", StepSettings(inputs=(("glucagon", 0.5),)))
    with pytest.raises(PerturbationError, match="glucagon"):
        step.perturbations(pathway)


# --- jumping equals stepping ------------------------------------------------------------------------------------

def test_jumping_to_a_step_equals_stepping_to_it(lesson, engine, pathway, jumped):
    # Forward through the lesson, each step starting from the previous step's state.
    y = None
    for step in lesson.steps:
        y = engine.steady_state(step.perturbations(pathway), y0=y)
        assert np.max(np.abs(y - jumped[step.id])) < 1e-3, step.id
    # And backwards from the last step, as a lecturer paging back would.
    for step in reversed(lesson.steps[:-1]):
        y = engine.steady_state(step.perturbations(pathway), y0=y)
        assert np.max(np.abs(y - jumped[step.id])) < 1e-3, step.id


# --- every caption holds in the model ---------------------------------------------------------------------------

CLAMP = {"insulin": MEAL, "beta_cell": 0.0}


@pytest.fixture(scope="module")
def clamped(pathway):
    """Insulin infused at a fed level with the β-cell loop off: the reference of the clamp steps 3-5."""
    return steady(pathway, CLAMP)


def test_fasting_and_meal(at):
    fast, meal = at["healthy-fasting"], at["meal"]
    for sid in ("ir", "irs1_ptyr", "akt", "glut4", "glycogen", "mtorc1", "erk"):
        assert meal[sid] > fast[sid] + 0.05, sid
    for sid in ("foxo1", "hgp"):
        assert meal[sid] < fast[sid] - 0.2, sid
    # A meal raises glucose and insulin together; while fasting the liver holds glucose up.
    assert meal["blood_glucose"] > fast["blood_glucose"] + 0.02
    assert meal["plasma_insulin"] > 1.3 * fast["plasma_insulin"]
    assert fast["foxo1"] > 0.5 and fast["hgp"] > 0.5


def test_inflammation_serine_phosphorylates_irs1(at, clamped):
    r = at["inflammation"]
    assert r["jnk"] > 0.3 and r["ikk"] > 0.3 and clamped["jnk"] == 0.0
    assert r["irs1_pser"] > clamped["irs1_pser"] + 0.2
    for sid in ("irs1_ptyr", "pi3k", "akt"):
        assert r[sid] < 0.8 * clamped[sid], sid
    # Insulin is infused at a fixed level in steps 3-5, so the change comes from the kinases alone.
    assert r["plasma_insulin"] == pytest.approx(clamped["plasma_insulin"], abs=0.02)


def test_lipid_overload_adds_pkc(at):
    r, before = at["lipid-overload"], at["inflammation"]
    assert r["dag"] > 0.3 and r["pkc"] > 0.3 and before["pkc"] == 0.0
    assert r["irs1_pser"] > before["irs1_pser"] + 0.03
    assert r["akt"] < before["akt"] - 0.05


def test_selective_resistance_akt_loses_far_more_than_erk(at, clamped, pathway):
    r = at["selective-resistance"]
    akt_loss = 1 - r["akt"] / clamped["akt"]
    erk_loss = 1 - r["erk"] / clamped["erk"]
    assert akt_loss > 0.35
    assert erk_loss < 0.25 * akt_loss
    # ERK's remaining signal runs through Shc.
    no_shc = steady(pathway, {**CLAMP, "tnfa": 0.5, "ffa": 0.4}, knockouts=["shc"])
    assert no_shc["erk"] < 0.1


def test_compensatory_hyperinsulinemia(at):
    healthy, r = at["healthy-fasting"], at["compensatory-hyperinsulinemia"]
    assert r["plasma_insulin"] > 1.4 * healthy["plasma_insulin"]
    assert abs(r["blood_glucose"] - healthy["blood_glucose"]) < 0.07  # glucose near normal
    assert r["irs1_pser"] > healthy["irs1_pser"] + 0.3
    for sid in ("erk", "srebp1c", "dnl"):  # still-sensitive pathways pushed harder
        assert r[sid] > healthy[sid] + 0.05, sid


def test_beta_cell_failure_decompensates(at):
    comp, r, healthy = at["compensatory-hyperinsulinemia"], at["beta-cell-failure"], at["healthy-fasting"]
    assert r["plasma_insulin"] < comp["plasma_insulin"] - 0.1
    assert r["blood_glucose"] > healthy["blood_glucose"] + 0.2
    assert r["blood_glucose"] < 0.85  # headroom left


def test_liver_paradox_glucose_and_fat_at_once(at, pathway):
    r, fed = at["liver-paradox"], at["meal"]
    assert r["hgp"] > fed["hgp"] + 0.05
    assert r["dnl"] > fed["dnl"] + 0.05
    assert r["foxo1"] > fed["foxo1"] + 0.05 and r["akt"] < fed["akt"]
    assert r["srebp1c"] > fed["srebp1c"] and r["mtorc1"] > 0.5


def test_liver_paradox_under_the_erk_account(at, lesson, pathway):
    r, fed = at["liver-paradox-erk"], at["meal"]
    step = lesson.steps[lesson.index_of("liver-paradox-erk")]
    assert step.perturbations(pathway).variants == {"liver_lipogenesis": "erk"}
    assert r["dnl"] < fed["dnl"]  # the MEK inhibitor removes the extra fat synthesis in this account
    untreated = step.perturbations(pathway)
    untreated.drugs.clear()
    engine = Engine(pathway)
    paradox = dict(zip(engine.ids, engine.steady_state(untreated)))
    assert paradox["dnl"] > fed["dnl"] + 0.05


def test_ovary_insulin_acts_with_lh(at, pathway):
    r = at["ovary-pcos"]
    # At the same LH, the compensatory hyperinsulinemia makes the theca cells produce more androgen.
    pert = Perturbations.defaults(pathway)
    pert.fixed["lh"] = r["lh"]
    engine = Engine(pathway)
    same_lh_healthy = dict(zip(engine.ids, engine.steady_state(pert)))
    assert r["theca_androgens"] > same_lh_healthy["theca_androgens"] + 0.03
    assert r["theca_androgens"] > at["testis"]["theca_androgens"] + 0.03


def test_testis_testosterone_falls(at, pathway):
    r, healthy = at["testis"], at["healthy-fasting"]
    assert r["leydig_testosterone"] < 0.5 * healthy["leydig_testosterone"]
    assert r["aromatase"] > healthy["aromatase"] + 0.3 and r["estradiol"] > healthy["estradiol"] + 0.3
    assert r["lh"] < healthy["lh"] - 0.1  # estradiol feedback
    settings = {"tnfa": 0.5, "ffa": 0.4}
    assert steady(pathway, settings, knockouts=["estradiol"])["leydig_testosterone"] > r["leydig_testosterone"] + 0.05
    assert steady(pathway, {"tnfa": 0.5})["leydig_testosterone"] < healthy["leydig_testosterone"] - 0.2
    assert r["leydig_testosterone"] > 0.1  # partly, not totally, suppressed


def test_energy_crisis_mitochondria_lower_testosterone(at, pathway, engine):
    before, r = at["testis"], at["energy-crisis"]
    assert r["mitochondria"] < before["mitochondria"] - 0.3
    drop = before["leydig_testosterone"] - r["leydig_testosterone"]
    assert drop > 0.05
    # Holding mitochondria at the previous step's level removes most of the fall.
    pert = Perturbations.defaults(pathway)
    pert.inputs.update({"tnfa": 0.5, "ffa": 0.8})
    pert.fixed["mitochondria"] = before["mitochondria"]
    held = dict(zip(engine.ids, engine.steady_state(pert)))["leydig_testosterone"]
    assert before["leydig_testosterone"] - held < 0.5 * drop


def test_recap_jnk_inhibitor_eases_the_demand_only_partly(at):
    r, untreated, healthy = at["what-if-jnk-inhibitor"], at["compensatory-hyperinsulinemia"], at["healthy-fasting"]
    assert r["jnk"] < 0.1
    assert r["ikk"] > 0.3 and r["pkc"] > 0.3
    assert healthy["plasma_insulin"] + 0.03 < r["plasma_insulin"] < untreated["plasma_insulin"] - 0.03
    assert r["irs1_pser"] > healthy["irs1_pser"] + 0.2


# --- broken lessons fail with file:line -------------------------------------------------------------------------

GOOD = """\
format: pathwayviz-lesson/1
title: "Tiny"
steps:
  - id: first-step
    title: "First"
    caption: "Insulin goes up."
    settings:
      inputs: {insulin: 0.6}
      toggles: {jnk: 0.5}
      knockouts: [shc]
      drugs: {rapamycin: 1.0}
    highlight: [akt, erk]
    zoom: [akt]
    predict:
      question: "What happens?"
      answer: "Akt rises."
    notes: "none"
  - id: second-step
    title: "Second"
    caption: "Back to fasting."
"""


def _write(tmp_path, text, name="bad.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path, pathway, text):
    with pytest.raises(FileProblems) as info:
        load_lesson(_write(tmp_path, text), pathway)
    return [str(p) for p in info.value.problems]


def _line(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_small_lesson_loads_with_all_settings(tmp_path, pathway):
    lesson = load_lesson(_write(tmp_path, GOOD, "good.yaml"), pathway)
    assert isinstance(lesson, Lesson) and lesson.title == "Tiny" and lesson.pathway is None
    first = lesson.steps[0]
    assert first.settings == StepSettings(inputs=(("insulin", 0.6),), toggles=(("jnk", 0.5),), knockouts=("shc",),
                                          drugs=(("rapamycin", 1.0),))
    assert first.highlight == ("akt", "erk") and first.zoom == ("akt",)
    assert first.predict.answer == "Akt rises."
    pert = first.perturbations(pathway)
    assert pert.knockouts == {"shc"} and pert.toggles == {"jnk": 0.5} and pert.inputs["gnrh"] == 0.5
    second = lesson.steps[1]
    assert second.predict is None and second.settings == StepSettings()
    assert second.perturbations(pathway).to_dict() == Perturbations.defaults(pathway).to_dict()
    assert first.frames == (("akt",),) and second.frames == ((),)


def test_regions_load_in_order_and_replace_the_zoom(tmp_path, pathway):
    text = GOOD.replace("zoom: [akt]", "regions:\n      - [akt, foxo1]\n      - [erk]")
    step = load_lesson(_write(tmp_path, text, "regions.yaml"), pathway).steps[0]
    assert step.regions == (("akt", "foxo1"), ("erk",)) and step.frames == step.regions and step.zoom == ()
    assert step.region_of(("erk",)) == 1 and step.region_of(("akt",)) is None


@pytest.mark.parametrize("old,new,needle,expect", [
    ("inputs: {insulin: 0.6}", "inputs: {insuline: 0.6}", "insuline", "did you mean 'insulin'"),
    ("toggles: {jnk: 0.5}", "toggles: {akt: 0.5}", "toggles:", "'akt' is not a serine-kinase toggle"),
    ("drugs: {rapamycin: 1.0}", "drugs: {aspirin: 1.0}", "aspirin", "'aspirin' is not a drug"),
    ("knockouts: [shc]", "knockouts: [shcc]", "shcc", "unknown species 'shcc'"),
    ("highlight: [akt, erk]", "highlight: [akt,\n      glut]", "glut]", "did you mean 'glut4'"),
    ("zoom: [akt]", "zoom: [AKT2]", "AKT2", "unknown species 'AKT2'"),
    ("zoom: [akt]", "zoom: [akt]\n    regions: [[akt]]", "zoom:", "both 'zoom' and 'regions'"),
    ("zoom: [akt]", "regions:\n      - [akt]\n      - [erkk]", "[erkk]", "region 2 'region' names unknown species 'erkk'"),
    ("zoom: [akt]", "regions:\n      - [akt]\n      - []", "- []", "region 2 is empty"),
    ("zoom: [akt]", "regions: akt", "regions:", "must be a list of species lists"),
    ("inputs: {insulin: 0.6}", "inputs: {insulin: 1.5}", "1.5", "between 0 and 1"),
    ("inputs: {insulin: 0.6}", "inputs: {insulin: .nan}", ".nan", "between 0 and 1"),
    ("inputs: {insulin: 0.6}", "inputs: {insulin: high}", "high", "give a number between 0 and 1"),
    ("toggles: {jnk: 0.5}", "toggles: {jnk: on}", "jnk: on", "true/false"),
    ("toggles: {jnk: 0.5}", "toggles: [jnk]", "toggles:", "must be a mapping"),
    ("    caption: \"Insulin goes up.\"", "    captoin: \"Insulin goes up.\"", "captoin", "did you mean 'caption'"),
    ("      knockouts: [shc]", "      knockout: [shc]", "knockout:", "did you mean 'knockouts'"),
    ("  - id: second-step", "  - id: first-step", "- id: first-step\n", "duplicate step id 'first-step'"),
    ("  - id: second-step", "  - id: Second_Step", "Second_Step", "e.g. 'second-step'"),
    ("    caption: \"Back to fasting.\"", "    caption: \"" + "word " * 41 + "\"", "word word",
     "caption has 41 words; the limit is 40"),
    ("    caption: \"Back to fasting.\"", "    caption: \"  \"", "caption: \"  \"", "empty caption"),
    ("    title: \"Second\"\n", "", "- id: second-step", "missing field 'title'"),
    ("      answer: \"Akt rises.\"\n", "", "question:", "missing field 'answer'"),
    ("format: pathwayviz-lesson/1", "format: pathwayviz-lesson/9", "format:", "a lesson file starts with"),
    ("title: \"Tiny\"", "title: \"Tiny\"\npathway: other_model", "pathway:", "written for pathway 'other_model'"),
])
def test_broken_lessons_name_file_and_line(tmp_path, pathway, old, new, needle, expect):
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    if needle.endswith("\n"):  # the second occurrence is the one at fault
        needle = needle.strip()
        line = [i for i, row in enumerate(text.splitlines(), 1) if needle in row][1]
    else:
        line = _line(text, needle)
    problems = _problems(tmp_path, pathway, text)
    assert any(p.startswith(f"bad.yaml:{line}: ") and expect in p for p in problems), problems


def test_every_problem_is_reported_at_once(tmp_path, pathway):
    text = GOOD.replace("insulin: 0.6", "insulin: 2").replace("[akt, erk]", "[akt, nobody]")
    problems = _problems(tmp_path, pathway, text)
    assert len(problems) == 2
    assert problems[0].startswith(f"bad.yaml:{_line(text, 'insulin: 2')}: ")
    assert problems[1].startswith(f"bad.yaml:{_line(text, 'nobody')}: ")


@pytest.mark.parametrize("text,expect", [
    ("format: pathwayviz-lesson/1\ntitle: T\nsteps: []\n", "bad.yaml:3: 'steps' is empty"),
    ("format: pathwayviz-lesson/1\ntitle: T\n", "bad.yaml:1: the lesson has no steps"),
    ("format: pathwayviz-lesson/1\ntitle: T\nsteps: {a: 1}\n", "bad.yaml:3: 'steps' must be a list"),
    ("format: pathwayviz-lesson/1\ntitle: T\nsteps:\n  - just text\n", "bad.yaml:4: step 1 must be a mapping"),
    ("- a list\n", "bad.yaml:1: the file must be a mapping"),
    ("format: pathwayviz-lesson/1\ntitle: T\nsteps:\n  - id: a\n    title: [\n", "bad.yaml:6: YAML syntax"),
])
def test_structural_problems(tmp_path, pathway, text, expect):
    problems = _problems(tmp_path, pathway, text)
    assert any(p.startswith(expect) for p in problems), problems


def test_yaml_aliases_are_refused(tmp_path, pathway):
    bomb = "format: pathwayviz-lesson/1\ntitle: T\na: &a [x, x]\nb: &b [*a, *a]\nsteps: [*b]\n"
    problems = _problems(tmp_path, pathway, bomb)
    assert problems[0].startswith("bad.yaml:3: ") and "aliases" in problems[0]


def test_without_a_pathway_the_builtin_one_is_used(tmp_path):
    assert load_lesson(_write(tmp_path, GOOD, "good.yaml")).steps[0].id == "first-step"
    with pytest.raises(FileProblems, match=r"bad\.yaml:\d+: .*'insuline'"):
        load_lesson(_write(tmp_path, GOOD.replace("insulin: 0.6", "insuline: 0.6")))


def test_looks_like_lesson(tmp_path):
    assert looks_like_lesson(builtin_lesson_path())
    assert not looks_like_lesson(_write(tmp_path, "format: pathwayviz-pathway/1\n", "p.yaml"))
    assert not looks_like_lesson(tmp_path / "missing.yaml")


# --- pathwayviz validate ----------------------------------------------------------------------------------------

def test_validate_accepts_the_builtin_lesson(capsys):
    code = main(["validate", str(builtin_lesson_path())])
    out, err = capsys.readouterr()
    assert code == 0 and err == ""
    assert "OK (lesson 'Selective insulin resistance', 13 steps)" in out


def test_validate_rejects_a_broken_lesson_with_file_and_line(capsys, tmp_path):
    text = GOOD.replace("[akt, erk]", "[akt, erkk]")
    path = _write(tmp_path, text)
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith(f"bad.yaml:{_line(text, 'erkk')}: ") and "erkk" in err
