"""The second built-in lesson, "Growth hormone and insulin: a two-way conversation": its shape, and
every caption (and the model claims of its answers) checked against the simulation, at the step's
steady state and, for the night-time steps, over the hours that follow sleep onset from the state the
step starts from (as the presentation and the slides' time courses run it)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import gh_pulses
from pathwayviz.__main__ import main
from pathwayviz.lesson import builtin_lesson
from pathwayviz.lesson.runner import LessonRunner
from pathwayviz.resource_files import builtin_lesson_ids, builtin_lesson_path, lesson_file
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

NIGHT_MINUTES = 360


@pytest.fixture(scope="module")
def lesson(pathway):
    return builtin_lesson(pathway, "growth_hormone")


@pytest.fixture(scope="module")
def engine(pathway):
    return Engine(pathway)


@pytest.fixture(scope="module")
def at(lesson, engine, pathway):
    """at[step id][species id] -> steady-state value, each step reached by jumping straight to it."""
    return {s.id: dict(zip(engine.ids, engine.steady_state(s.perturbations(pathway)))) for s in lesson.steps}


@pytest.fixture(scope="module")
def night(lesson, engine, pathway):
    """night[step id] -> (minutes, {species: series}): six hours of the step from the state it starts from."""
    runner = LessonRunner(lesson, pathway, engine)
    out = {}
    for k, step in enumerate(lesson.steps):
        if dict(step.settings.inputs).get("sleep", 0.0) > 0:
            t, ys = engine.timecourse(step.perturbations(pathway), NIGHT_MINUTES, y0=runner.start(k).state)
            out[step.id] = (t, dict(zip(engine.ids, ys.T)))
    return out


def steady_with(pathway, engine, preset=None, inputs=None, overexpress=()):
    pert = Perturbations.from_preset(pathway, preset) if preset else Perturbations.defaults(pathway)
    pert.inputs.update(inputs or {})
    pert.overexpress.update(overexpress)
    return dict(zip(engine.ids, engine.steady_state(pert)))


# --- the lesson as data -----------------------------------------------------------------------------------------

def test_the_lesson_tells_the_two_way_story_in_order(lesson):
    assert lesson.title == "Growth hormone and insulin: a two-way conversation"
    assert 6 <= len(lesson) <= 10 and lesson.pathway == "insulin_signaling"
    ids = [s.id for s in lesson.steps]
    story = ["awake-axis-idles", "deep-sleep-pulses", "igf1-feedback", "gh-excess-lipolysis", "gh-opposes-insulin",
             "obesity-high-insulin", "insulin-blunts-gh", "ghrh-analogue", "ghrelin-agonist", "two-way-recap"]
    assert ids == story


def test_steps_are_projector_sized_and_ask_real_questions(lesson, pathway):
    for step in lesson.steps:
        assert 5 <= len(step.caption.split()) <= 26, (step.id, len(step.caption.split()))
        assert step.title and step.notes and step.highlight, step.id
        assert step.predict is not None and "?" in step.predict.question, step.id
        assert len(step.predict.answer.split()) >= 5, step.id
        for sid in (*step.highlight, *(s for frame in step.frames for s in frame)):
            assert sid in pathway.species, (step.id, sid)


def test_notes_cite_only_papers_in_the_pathways_references(lesson, pathway):
    """Every 'Author Year' in the notes is a key of the pathway's references (e.g. 'Møller & Jørgensen 2009')."""
    import re
    import unicodedata

    def plain(text):
        text = text.replace("ø", "o").replace("Ø", "O")  # no decomposition in Unicode
        return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()

    keys = set(pathway.references)
    cited = 0
    for step in lesson.steps:
        for author, year in re.findall(r"([A-ZÀ-Ž][\w'À-ž-]+(?: [A-Z][a-z]+)?)(?: & [\w-]+)?(?: et al\.)? (\d{4})",
                                        step.notes):
            key = plain(author).replace(" ", "").replace("'", "") + year
            assert key in keys, (step.id, author, year)
            cited += 1
    assert cited >= 8


def test_the_lesson_is_a_builtin_that_the_command_line_finds_by_id():
    assert "growth_hormone" in builtin_lesson_ids() and builtin_lesson_ids()[0] == "selective_insulin_resistance"
    assert lesson_file("growth_hormone") == builtin_lesson_path("growth_hormone")
    assert lesson_file("no_such_lesson").name == "no_such_lesson"  # reported by whoever opens it


def test_validate_accepts_the_lesson(capsys):
    assert main(["validate", str(builtin_lesson_path("growth_hormone"))]) == 0
    out, err = capsys.readouterr()
    assert "OK (lesson 'Growth hormone and insulin: a two-way conversation', 10 steps)" in out and err == ""


# --- jumping equals stepping ------------------------------------------------------------------------------------

def test_jumping_to_a_step_equals_stepping_to_it(lesson, engine, pathway, at):
    y = None
    for step in lesson.steps:
        y = engine.steady_state(step.perturbations(pathway), y0=y)
        jumped = np.array([at[step.id][sid] for sid in engine.ids])
        assert np.max(np.abs(y - jumped)) < 1e-3, step.id


# --- every caption holds in the model ---------------------------------------------------------------------------

def test_awake_the_axis_idles(at):
    r = at["awake-axis-idles"]
    assert r["ghrh"] < 0.05 and r["gh"] < 0.02
    assert r["somatostatin"] >= 0.05  # a resting tone


def test_deep_sleep_brings_pulses_the_first_the_largest(at, night):
    awake, asleep = at["awake-axis-idles"], at["deep-sleep-pulses"]
    assert asleep["ghrh"] > awake["ghrh"] + 0.3 and asleep["gh"] > awake["gh"] + 0.1
    t, s = night["deep-sleep-pulses"]
    pulses = gh_pulses(t, s["gh"])
    assert len(pulses) >= 3, pulses
    assert pulses[0][0] < 60 and pulses[0][1] == max(level for _, level in pulses)
    # Somatostatin follows GH and cuts it back: its first peak comes after GH's, and GH falls meanwhile.
    first_gh = int(pulses[0][0])
    first_sst = first_gh + int(np.argmax(s["somatostatin"][first_gh:first_gh + 40]))
    assert first_sst > first_gh and s["gh"][first_sst] < s["gh"][first_gh] - 0.02
    # The pulses ring down over the night (the answer's claim).
    assert pulses[-1][1] < pulses[0][1] - 0.05


def test_igf1_follows_gh_and_held_high_silences_it(at):
    awake, asleep, held = at["awake-axis-idles"], at["deep-sleep-pulses"], at["igf1-feedback"]
    assert asleep["igf1"] > awake["igf1"] + 0.03
    assert held["gh"] < 0.1 * asleep["gh"]
    assert held["ghrh"] > asleep["ghrh"]  # GHRH is high, yet GH stays silent: the block sits at the pituitary


def test_gh_excess_raises_fatty_acids_dag_pkc_and_serine_phosphate(at):
    awake, r, asleep = at["awake-axis-idles"], at["gh-excess-lipolysis"], at["deep-sleep-pulses"]
    assert r["ffa"] > awake["ffa"] + 0.3
    assert r["dag"] > awake["dag"] + 0.3 and r["pkc"] > awake["pkc"] + 0.3
    assert r["irs1_pser"] > awake["irs1_pser"] + 0.1
    assert r["igf1"] > awake["igf1"] + 0.3
    assert asleep["ffa"] < 0.1 * r["ffa"]  # a night of normal pulses raises fatty acids only slightly


def test_under_a_clamp_gh_excess_weakens_irs1_and_akt_and_raises_glucose_output(at, pathway, engine):
    clamp = steady_with(pathway, engine, "clamp")
    r = at["gh-opposes-insulin"]
    assert r["plasma_insulin"] == pytest.approx(clamp["plasma_insulin"], abs=0.01)  # insulin held
    assert r["irs1_ptyr"] < clamp["irs1_ptyr"] - 0.05 and r["akt"] < clamp["akt"] - 0.05
    assert r["foxo1"] > clamp["foxo1"]
    assert r["hgp"] > clamp["hgp"] + 0.04
    # With the β-cells free, extra insulin hides most of the rise (the notes' claim).
    free = at["gh-excess-lipolysis"]
    awake = at["awake-axis-idles"]
    assert free["hgp"] - awake["hgp"] < 0.5 * (r["hgp"] - clamp["hgp"])
    assert free["plasma_insulin"] > awake["plasma_insulin"] + 0.02


def test_obesity_keeps_insulin_high_with_glucose_near_normal(at):
    lean, r = at["awake-axis-idles"], at["obesity-high-insulin"]
    assert r["plasma_insulin"] > 1.4 * lean["plasma_insulin"]
    assert abs(r["blood_glucose"] - lean["blood_glucose"]) < 0.07
    assert r["beta_mass"] > lean["beta_mass"] + 0.05


def test_high_insulin_blunts_the_nights_pulses(at, night, pathway, engine):
    lean_t, lean = night["deep-sleep-pulses"]
    t, obese = night["insulin-blunts-gh"]
    assert obese["plasma_insulin"].mean() > 1.4 * lean["plasma_insulin"].mean()
    lean_pulses, obese_pulses = gh_pulses(lean_t, lean["gh"]), gh_pulses(t, obese["gh"])
    assert obese_pulses and obese_pulses[0][1] < 0.85 * lean_pulses[0][1]  # "about a fifth smaller"
    assert obese_pulses[0][1] > 0.7 * lean_pulses[0][1]
    assert len(obese_pulses) < len(lean_pulses)                            # "die away sooner"
    # It is the insulin: the same obese sleeper with plasma insulin held at the lean level pulses as the lean one.
    runner = LessonRunner(builtin_lesson(pathway, "growth_hormone"), pathway, engine)
    k = runner.lesson.index_of("insulin-blunts-gh")
    held = runner.lesson.steps[k].perturbations(pathway)
    held.fixed["plasma_insulin"] = float(lean["plasma_insulin"].mean()) / pathway.species["plasma_insulin"].ymax
    th, ys = engine.timecourse(held, NIGHT_MINUTES, y0=runner.start(k).state)
    held_pulses = gh_pulses(th, ys[:, engine.ids.index("gh")])
    assert held_pulses[0][1] > 0.95 * lean_pulses[0][1]


def test_a_ghrh_analogue_raises_gh_and_igf1_awake_still_restrained(at, pathway, engine):
    awake, r = at["awake-axis-idles"], at["ghrh-analogue"]
    assert r["sleep"] == 0.0
    assert r["gh"] > awake["gh"] + 0.1 and r["igf1"] > awake["igf1"] + 0.05
    assert r["somatostatin"] > awake["somatostatin"] + 0.1
    # Somatostatin and IGF-1 restrain the response: without their brakes GH climbs much higher.
    unbraked = Perturbations.defaults(pathway)
    unbraked.inputs["ghrh_analogue"] = 1.0
    unbraked.fixed.update({"somatostatin": 0.0, "igf1": 0.0})
    free = dict(zip(engine.ids, engine.steady_state(unbraked)))
    assert free["gh"] > r["gh"] + 0.2


def test_a_ghrelin_agonist_raises_gh_less_than_the_analogue(at):
    awake, r, analogue = at["awake-axis-idles"], at["ghrelin-agonist"], at["ghrh-analogue"]
    assert r["gh"] > awake["gh"] + 0.05
    assert r["gh"] < analogue["gh"] - 0.02


def test_regulatory_words_match_the_drug_cards(lesson, pathway):
    """The captions and answers state what the drug cards state (the cards carry the references)."""
    analogue = pathway.species["ghrh_analogue"].card.debate
    ghrelin = pathway.species["ghrelin_agonist"].card.debate
    step = lesson.steps[lesson.index_of("ghrh-analogue")]
    assert "tesamorelin is approved" in analogue and "HIV" in analogue and "HIV" in step.predict.answer
    assert "withdrawn from the US market in 2008" in analogue and "withdrawn in 2008" in step.predict.answer
    assert "CJC-1295 is not approved" in analogue and "CJC-1295 is not approved" in step.predict.answer
    step = lesson.steps[lesson.index_of("ghrelin-agonist")]
    assert "ipamorelin is not approved" in ghrelin and "not an approved medicine" in step.caption


def test_recap_the_analogue_lifts_an_obese_sleepers_gh_not_the_insulin_resistance(at):
    lean, obese, r = at["deep-sleep-pulses"], at["insulin-blunts-gh"], at["two-way-recap"]
    assert obese["gh"] < lean["gh"] < r["gh"]
    assert r["akt"] <= obese["akt"] + 0.005
    assert r["plasma_insulin"] >= obese["plasma_insulin"] - 0.005
    assert r["irs1_pser"] >= obese["irs1_pser"] - 0.005
    assert r["ffa"] > obese["ffa"]  # "more GH means more fatty acids"
