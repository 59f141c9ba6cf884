"""The second built-in lesson, "Growth hormone and insulin: a two-way conversation": its shape, and
every caption (and the model claims of its answers) checked against the simulation: at the step's
steady state, and for the two night steps (which run the built-in 'day' scenario) over the night of
that day and at the moment the step opens on, which its slide shows."""

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
from pathwayviz.sim.scenario_run import run_scenario

NIGHT_STEPS = ("deep-sleep-pulses", "insulin-blunts-gh")


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
def runner(lesson, engine, pathway):
    return LessonRunner(lesson, pathway, engine)


def night_of(runner, engine, pert):
    """The day scenario under ``pert``: (run, sleep period)."""
    day = runner.scenario(runner.lesson.index_of("deep-sleep-pulses"))
    return run_scenario(engine, pert, day), day.sleep[0]


@pytest.fixture(scope="module")
def night(lesson, runner, engine, pathway):
    """night[step id] -> (run, sleep): the whole day of a night step, and its night."""
    return {sid: night_of(runner, engine, lesson.steps[lesson.index_of(sid)].perturbations(pathway))
            for sid in NIGHT_STEPS}


def night_pulses(run, sleep):
    """The GH pulses of the night (sleep onset to waking)."""
    return [p for p in gh_pulses(run.minutes, run.series("gh")) if sleep.start <= p[0] < sleep.end]


@pytest.fixture(scope="module")
def asleep(pathway, engine):
    """Held in deep sleep (the 'asleep' preset): the settled level the night's pulses ring down towards."""
    return steady_with(pathway, engine, "asleep")


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
    # The two night steps run the day scenario and open at the same moment: 25 minutes after falling asleep.
    night = [s for s in lesson.steps if s.scenario]
    assert tuple(s.id for s in night) == NIGHT_STEPS
    assert {(s.scenario, s.at) for s in night} == {("day", 16 * 60 + 25.0)}


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


def test_deep_sleep_brings_pulses_the_first_the_largest(at, night, asleep, runner, engine):
    awake = at["awake-axis-idles"]
    assert asleep["ghrh"] > awake["ghrh"] + 0.3 and asleep["gh"] > awake["gh"] + 0.1
    run, sleep = night["deep-sleep-pulses"]
    pulses = night_pulses(run, sleep)
    assert len(pulses) >= 3, pulses
    assert pulses[0][0] - sleep.start < 60 and pulses[0][1] == max(level for _, level in pulses)
    assert not [p for p in gh_pulses(run.minutes, run.series("gh")) if p[0] < sleep.start]  # none awake
    # Somatostatin follows GH and cuts it back: its first peak comes after GH's, and GH falls meanwhile.
    gh, sst = run.series("gh"), run.series("somatostatin")
    first_gh = int(np.searchsorted(run.minutes, pulses[0][0]))
    first_sst = first_gh + int(np.argmax(sst[first_gh:first_gh + 40]))
    assert first_sst > first_gh and gh[first_sst] < gh[first_gh] - 0.02
    assert pulses[-1][1] < pulses[0][1] - 0.05  # the pulses ring down over the night (the answer's claim)
    # The step opens (and its slide is drawn) near the top of the first pulse.
    k = runner.lesson.index_of("deep-sleep-pulses")
    opened = dict(zip(engine.ids, runner.start(k).state))
    assert opened["gh"] > 0.9 * pulses[0][1] and opened["sleep"] > 0.8


def test_igf1_follows_gh_and_held_high_silences_it(at, asleep):
    awake, held = at["awake-axis-idles"], at["igf1-feedback"]
    assert asleep["igf1"] > awake["igf1"] + 0.03
    assert held["gh"] < 0.1 * asleep["gh"]
    assert held["ghrh"] > asleep["ghrh"]  # GHRH is high, yet GH stays silent: the block sits at the pituitary


def test_gh_excess_raises_fatty_acids_dag_pkc_and_serine_phosphate(at, night):
    awake, r = at["awake-axis-idles"], at["gh-excess-lipolysis"]
    assert r["ffa"] > awake["ffa"] + 0.3
    assert r["dag"] > awake["dag"] + 0.3 and r["pkc"] > awake["pkc"] + 0.3
    assert r["irs1_pser"] > awake["irs1_pser"] + 0.1
    assert r["igf1"] > awake["igf1"] + 0.3
    run, sleep = night["deep-sleep-pulses"]
    ffa_at_night = run.series("ffa")[(run.minutes >= sleep.start) & (run.minutes < sleep.end)]
    assert ffa_at_night.max() < 0.2 * r["ffa"]  # a night of normal pulses raises fatty acids only slightly


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


def test_high_insulin_blunts_the_nights_pulses(night, pathway, engine, runner, asleep):
    (lean, sleep), (obese, _) = night["deep-sleep-pulses"], night["insulin-blunts-gh"]
    in_bed = (lean.minutes >= sleep.start) & (lean.minutes < sleep.end)
    lean_insulin = float(lean.series("plasma_insulin")[in_bed].mean())
    assert obese.series("plasma_insulin")[in_bed].mean() > 1.4 * lean_insulin
    lean_pulses, obese_pulses = night_pulses(lean, sleep), night_pulses(obese, sleep)
    assert obese_pulses and obese_pulses[0][1] < 0.85 * lean_pulses[0][1]  # "about a fifth smaller"
    assert obese_pulses[0][1] > 0.7 * lean_pulses[0][1]
    assert len(obese_pulses) < len(lean_pulses)                            # "die away sooner"
    # The two slides show the same moment of the night, and GH is clearly lower on the second.
    starts = [dict(zip(engine.ids, runner.start(runner.lesson.index_of(s)).state)) for s in NIGHT_STEPS]
    assert starts[1]["gh"] < 0.85 * starts[0]["gh"]
    # Held in deep sleep the settled levels differ far less than the pulses (the notes' claim).
    obese_asleep = steady_with(pathway, engine, "compensated", {"sleep": 1.0})
    assert asleep["gh"] - obese_asleep["gh"] < 0.5 * (lean_pulses[0][1] - obese_pulses[0][1])
    # It is the insulin: the same obese sleeper with plasma insulin held at the lean level pulses as the lean one.
    held = runner.lesson.steps[runner.lesson.index_of("insulin-blunts-gh")].perturbations(pathway)
    held.fixed["plasma_insulin"] = lean_insulin / pathway.species["plasma_insulin"].ymax
    held_run, _ = night_of(runner, engine, held)
    assert night_pulses(held_run, sleep)[0][1] > 0.95 * lean_pulses[0][1]


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


def test_recap_the_analogue_lifts_gh_in_obesity_not_the_insulin_resistance(at, asleep):
    obese, r = at["obesity-high-insulin"], at["two-way-recap"]
    assert r["gh"] > obese["gh"] + 0.1 and r["gh"] > asleep["gh"]  # to more than a lean sleeper's settled level
    assert r["akt"] <= obese["akt"] + 0.005
    assert r["plasma_insulin"] >= obese["plasma_insulin"] - 0.005
    assert r["irs1_pser"] >= obese["irs1_pser"] - 0.005
    assert r["ffa"] > obese["ffa"]  # "more GH means more fatty acids"
