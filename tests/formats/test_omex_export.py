"""COMBINE archive of a lesson: read back with libcombine and libsedml, and the SED-ML protocol, run in
libroadrunner, gives each step the trajectory PathwayViz simulates for it."""

from __future__ import annotations

import re

import libcombine
import libsbml
import libsedml
import numpy as np
import pytest
import roadrunner

from pathwayviz.formats.omex import SEDML_FILE, Slide, holdable_species, write_omex
from pathwayviz.lesson.loader import load_lesson
from pathwayviz.resource_files import builtin_lesson_path
from pathwayviz.sim.engine import Engine

MINUTES = 60.0
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))  # binary content with NUL bytes


def read_archive(data: bytes, tmp_path, monkeypatch):
    """The archive opened with libcombine (which keeps temporary files in the working folder until
    ``cleanUp``: the test runs in its own folder and cleans up)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "lesson.omex"
    path.write_bytes(data)
    archive = libcombine.CombineArchive()
    assert archive.initializeFromArchive(str(path))
    return archive


@pytest.fixture(scope="module")
def lesson(pathway):
    return load_lesson(builtin_lesson_path(), pathway)


@pytest.fixture
def archive(pathway, lesson, tmp_path, monkeypatch):
    slides = [Slide(f"{k + 1:02d}-{s.id}.png", PNG + bytes([k])) for k, s in enumerate(lesson.steps)]
    opened = read_archive(write_omex(pathway, lesson, slides, MINUTES), tmp_path, monkeypatch)
    yield opened
    opened.cleanUp()


def test_archive_lists_model_protocol_diagram_and_slides(archive, lesson, tmp_path):
    entries = {archive.getEntry(i).getLocation(): archive.getEntry(i) for i in range(archive.getNumEntries())}
    assert archive.getMasterFile().getLocation() == f"./{SEDML_FILE}"
    assert entries["./model.xml"].getFormat().endswith("sbml.level-3.version-2")
    assert entries["./lesson.sedml"].getFormat().endswith("sed-ml.level-1.version-3")
    assert "./diagram.sbgn" in entries
    for k, step in enumerate(lesson.steps):
        location = f"./slides/{k + 1:02d}-{step.id}.png"
        assert entries[location].getFormat() == "http://purl.org/NET/mediatypes/image/png"
        out = tmp_path / f"slide{k}.png"
        assert archive.extractEntry(location, str(out))
        assert out.read_bytes() == PNG + bytes([k])  # binary content intact
    doc = libsbml.readSBMLFromString(archive.extractEntryToString("./model.xml"))
    assert doc.getNumErrors(libsbml.LIBSBML_SEV_ERROR) == 0
    assert doc.checkConsistency() == doc.getNumErrors(libsbml.LIBSBML_SEV_WARNING)


def test_sedml_has_a_model_task_and_plot_per_step(archive, lesson, pathway):
    doc = libsedml.readSedMLFromString(archive.extractEntryToString(f"./{SEDML_FILE}"))
    assert doc.getNumErrors() == 0
    assert doc.getLevel() == 1 and doc.getVersion() == 3
    assert doc.getNumModels() == doc.getNumTasks() == doc.getNumOutputs() == len(lesson.steps)
    sim = doc.getSimulation(0)
    assert sim.getOutputEndTime() == MINUTES and sim.getAlgorithm().getKisaoID() == "KISAO:0000019"
    for k, step in enumerate(lesson.steps):
        task = doc.getTask(k)
        assert task.getName() == step.title
        assert step.caption[:30] in libsedml.XMLNode.convertXMLNodeToString(task.getNotes())
        assert doc.getModel(task.getModelReference()).getSource() == "model.xml"
        assert doc.getOutput(k).getNumCurves() == len(pathway.readouts)


def run_protocol(archive, recompile: bool = True) -> list[np.ndarray]:
    """Run every SED-ML task as a simulator does: apply the model's changes to the SBML, then the time course.

    ``recompile=False`` sets the changed values on one loaded model instead of loading each changed
    file (much faster; equivalent when no step holds a species, since every step sets every
    perturbation parameter and held species need their initial assignment re-evaluated).
    """
    sedml = libsedml.readSedMLFromString(archive.extractEntryToString(f"./{SEDML_FILE}"))
    base = archive.extractEntryToString("./model.xml")
    sim = sedml.getSimulation(0)
    base_doc = libsbml.readSBMLFromString(base)  # kept alive: libsbml lists die with their document
    ids = [s.getId() for s in base_doc.getModel().getListOfSpecies()]
    shared = None if recompile else _runner(base)
    results = []
    for task in sedml.getListOfTasks():
        changes = {re.fullmatch(r".*@id='([^']+)'\]/@value", c.getTarget()).group(1): float(c.getNewValue())
                   for c in sedml.getModel(task.getModelReference()).getListOfChanges()}
        if shared is None:
            doc = libsbml.readSBMLFromString(base)
            for pid, value in changes.items():
                assert doc.getModel().getParameter(pid).setValue(value) == 0
            rr = _runner(libsbml.writeSBMLToString(doc))
        else:
            rr = shared
            for pid, value in changes.items():
                rr.setValue(pid, value)
            rr.reset()
        out = rr.simulate(sim.getOutputStartTime(), sim.getOutputEndTime(), sim.getNumberOfPoints() + 1,
                          selections=ids)
        results.append(np.asarray(out))
    return results


def _runner(xml: str):
    rr = roadrunner.RoadRunner(xml)
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-12
    return rr


def test_running_the_protocol_reproduces_each_step(archive, lesson, pathway):
    engine = Engine(pathway)
    for step, theirs in zip(lesson.steps, run_protocol(archive, recompile=bool(holdable_species(pathway, lesson)))):
        _, ours = engine.timecourse(step.perturbations(pathway), MINUTES, rtol=1e-8, atol=1e-10)
        assert np.max(np.abs(theirs - ours)) < 1e-4, step.id


def test_the_lesson_protocol_ends_near_each_steps_steady_state(pathway, lesson, tmp_path, monkeypatch):
    """Backs the SED-ML note: after the lesson's run time every readout is within a few percent of the
    step's steady state (what the step's slide shows)."""
    from pathwayviz.export.lesson_export import RUN_MINUTES

    archive = read_archive(write_omex(pathway, lesson, [], RUN_MINUTES), tmp_path, monkeypatch)
    runs = run_protocol(archive, recompile=bool(holdable_species(pathway, lesson)))
    archive.cleanUp()
    engine = Engine(pathway)
    readouts = [pathway.index_of(r.species) for r in pathway.readouts]
    for step, theirs in zip(lesson.steps, runs):
        settled = engine.steady_state(step.perturbations(pathway))
        assert np.max(np.abs(theirs[-1, readouts] - settled[readouts])) < 0.05, step.id  # the slow β-cell mass and glucose (τ 60 min) are still settling


def test_held_species_become_switches_the_protocol_turns_on(pathway, tmp_path, monkeypatch):
    path = tmp_path / "holds.yaml"
    path.write_text("format: pathwayviz-lesson/1\ntitle: Holds\nsteps:\n"
                    "  - {id: knock, title: Knockout, caption: Akt gone., settings: {inputs: {insulin: 0.6}, "
                    "knockouts: [akt], drugs: {mek_inhibitor: 1.0}}}\n"
                    "  - {id: free, title: Free, caption: Akt back., settings: {inputs: {insulin: 0.6}, "
                    "fixed: {erk: 0.4}}}\n")
    lesson = load_lesson(path, pathway)
    assert holdable_species(pathway, lesson) == [sid for sid in pathway.species_ids if sid in ("akt", "erk")]
    archive = read_archive(write_omex(pathway, lesson, [], MINUTES), tmp_path, monkeypatch)
    engine = Engine(pathway)
    runs = run_protocol(archive)
    archive.cleanUp()
    for step, theirs in zip(lesson.steps, runs):
        _, ours = engine.timecourse(step.perturbations(pathway), MINUTES, rtol=1e-8, atol=1e-10)
        assert np.max(np.abs(theirs - ours)) < 1e-4, step.id
    akt, erk = pathway.index_of("akt"), pathway.index_of("erk")
    assert np.all(runs[0][:, akt] == 0.0) and runs[1][-1, akt] > 0.2
    assert np.allclose(runs[1][:, erk], 0.4) and not np.allclose(runs[0][:, erk], 0.4)


def test_each_steps_variant_choice_becomes_changes_the_protocol_runs(pathway, tmp_path, monkeypatch):
    path = tmp_path / "variants.yaml"
    path.write_text("format: pathwayviz-lesson/1\ntitle: Mechanisms\nsteps:\n"
                    "  - {id: erk, title: ERK, caption: ERK drives SREBP-1c., settings: {inputs: {insulin: 0.6}, "
                    "variants: {liver_lipogenesis: erk}}}\n"
                    "  - {id: default, title: Default, caption: mTORC1 again., settings: {inputs: {insulin: 0.6}}}\n"
                    "  - {id: gain, title: Gain, caption: Adipocyte gain., settings: {inputs: {insulin: 1.0, "
                    "beta_cell: 0.0}, toggles: {jnk: 0.8}, variants: {cascade: adipocyte}}}\n")
    lesson = load_lesson(path, pathway)
    data = write_omex(pathway, lesson, [], MINUTES)
    archive = read_archive(data, tmp_path, monkeypatch)
    sedml = libsedml.readSedMLFromString(archive.extractEntryToString(f"./{SEDML_FILE}"))
    runs = run_protocol(archive, recompile=False)
    archive.cleanUp()
    erk_edge = next(it for it in pathway.interactions if it.id == "erk_srebp1c")
    changes = [{c.getTarget(): float(c.getNewValue()) for c in sedml.getModel(k).getListOfChanges()}
               for k in range(sedml.getNumModels())]
    target = f"/sbml:sbml/sbml:model/sbml:listOfParameters/sbml:parameter[@id='e{erk_edge.index + 1}_w']/@value"
    assert [c[target] for c in changes] == [0.9, erk_edge.w, erk_edge.w]
    engine = Engine(pathway)
    for step, theirs in zip(lesson.steps, runs):
        p = step.perturbations(pathway)
        _, ours = engine.timecourse(p, MINUTES, rtol=1e-8, atol=1e-10)
        assert np.max(np.abs(theirs - ours)) < 1e-4, step.id
        if p.variants:  # the variant matters here: without its changes the run would be another one
            default = p.copy()
            default.variants.clear()
            _, nominal = engine.timecourse(default, MINUTES, rtol=1e-8, atol=1e-10)
            assert np.max(np.abs(theirs - nominal)) > 0.02, step.id
