"""A lesson as a reproducible protocol: a COMBINE archive (OMEX) a student reruns in COPASI or tellurium.

The archive holds

* ``model.xml``: the SBML L3V2 model (:mod:`.sbml`) at the pathway's default settings, with a
  hold switch (``held_<id>``, ``held_level_<id>``) for every species any step holds still;
* ``lesson.sedml`` (SED-ML L1V3, the master file): for each lesson step one model whose changes
  set that step's inputs, toggles, drug doses, holds and model variants (the weight, Hill n and
  EC50 of every interaction a variant re-shapes) on ``model.xml``, one time course task
  run from the model's initial state for ``minutes``, and one plot of the readouts;
* ``diagram.sbgn``: the SBGN-ML Activity Flow diagram (:mod:`.sbgn`);
* ``slides/NN-step.png``: the step slides (``NNa-step.png``, ``NNb-step.png``, … per region of a
  step shown region by region), as PathwayViz draws them (rendered by the caller: this
  module stays free of Qt and takes the PNG bytes).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..lesson.model import Lesson
from ..model.pathway import Pathway
from ..sim.perturbations import Perturbations
from .sbgn import write_sbgn
from .sbml import write_sbml
from .sbml_common import ModelExportError, require, xhtml_notes

MODEL_FILE = "model.xml"
SEDML_FILE = "lesson.sedml"
SBGN_FILE = "diagram.sbgn"
SLIDES_FOLDER = "slides"
KISAO_CVODE = "KISAO:0000019"
SBML_FORMAT = "http://identifiers.org/combine.specifications/sbml.level-3.version-2"
SEDML_FORMAT = "http://identifiers.org/combine.specifications/sed-ml.level-1.version-3"
SBGN_FORMAT = "http://identifiers.org/combine.specifications/sbgn"
PNG_FORMAT = "http://purl.org/NET/mediatypes/image/png"
SPECIES_XPATH = "/sbml:sbml/sbml:model/sbml:listOfSpecies/sbml:species[@id='{}']"
PARAMETER_XPATH = "/sbml:sbml/sbml:model/sbml:listOfParameters/sbml:parameter[@id='{}']/@value"


@dataclass(frozen=True)
class Slide:
    """One step slide: its file name inside ``slides/`` and its PNG bytes."""

    name: str
    png: bytes


def variant_interactions(pathway: Pathway) -> list[int]:
    """Indices of the interactions some option of some variant re-weights or re-shapes, in file order."""
    named = {iid for v in pathway.variants for o in v.options for iid in (*(w[0] for w in o.weights),
                                                                          *(h[0] for h in o.hill))}
    return [it.index for it in pathway.interactions if it.id in named]


def step_parameters(pathway: Pathway, perturbations: Perturbations, holdable: list[str]) -> dict[str, float]:
    """Every perturbation parameter of ``model.xml`` with its value in one step (inputs, toggles, doses,
    holds, and the ``eK_w``/``eK_n``/``eK_ec50`` of the interactions the step's variants set)."""
    values = {f"input_{c.species}": perturbations.inputs.get(c.species, 0.0) for c in pathway.inputs}
    values.update({f"toggle_{t.species}": perturbations.toggles.get(t.species, 0.0) for t in pathway.toggles})
    values.update({f"dose_{d.id}": perturbations.drugs.get(d.id, 0.0) for d in pathway.drugs})
    for sid in holdable:
        level = perturbations.clamp_of(sid)
        values[f"held_{sid}"] = 0.0 if level is None else 1.0
        values[f"held_level_{sid}"] = 0.0 if level is None else float(level)
    weights = pathway.variant_weights(perturbations.variants)
    hill = pathway.variant_hill(perturbations.variants)
    for index in variant_interactions(pathway):
        it = pathway.interactions[index]
        k = index + 1  # the SBML model numbers interactions from 1 (see .sbml)
        ec50, n = hill.get(index, (it.ec50, it.n))
        values.update({f"e{k}_w": weights.get(index, it.w), f"e{k}_n": n, f"e{k}_ec50": ec50})
    return values


def holdable_species(pathway: Pathway, lesson: Lesson) -> list[str]:
    """Species some step of the lesson holds still (knockout, overexpression or fixed level)."""
    held = set()
    for step in lesson.steps:
        p = step.perturbations(pathway)
        held |= {sid for sid in pathway.species_ids if p.clamp_of(sid) is not None}
    return [sid for sid in pathway.species_ids if sid in held]


def write_sedml(pathway: Pathway, lesson: Lesson, minutes: float, points: int | None = None) -> str:
    """The SED-ML L1V3 protocol of ``lesson`` on ``model.xml``."""
    sed = require("libsedml", "sbml")
    holdable = holdable_species(pathway, lesson)
    doc = sed.SedDocument(1, 3)
    _ok(sed, doc.setNotes(xhtml_notes([
        ("", f"{lesson.title}: {lesson.description}" if lesson.description else lesson.title),
        ("Protocol.", f"Each lesson step sets its inputs, toggles, drug doses, held species and mechanism "
         f"(the weights and Hill constants of the interactions a model variant changes) on {MODEL_FILE} "
         f"and runs {minutes:g} minutes from the model's initial state; by then every readout is within "
         "a few percent of the step's steady state, the state its slide shows. In PathwayViz the lecturer "
         "arrives there from the previous step instead, so the curves start differently."),
        ("Exported by", f"PathwayViz from {pathway.source_file or pathway.id}.")])), "SED-ML notes")
    sim = doc.createUniformTimeCourse()
    sim.setId("time_course")
    sim.setName(f"{minutes:g} minutes")
    sim.setInitialTime(0.0)
    sim.setOutputStartTime(0.0)
    sim.setOutputEndTime(float(minutes))
    sim.setNumberOfPoints(int(points if points is not None else round(minutes)))
    sim.createAlgorithm().setKisaoID(KISAO_CVODE)
    readouts = [r.species for r in pathway.readouts] or pathway.species_ids
    for k, step in enumerate(lesson.steps, start=1):
        tag = f"step{k:02d}"
        model = doc.createModel()
        model.setId(f"{tag}_model")
        model.setName(step.title)
        model.setLanguage("urn:sedml:language:sbml.level-3.version-2")
        model.setSource(MODEL_FILE)
        for pid, value in step_parameters(pathway, step.perturbations(pathway), holdable).items():
            change = model.createChangeAttribute()
            change.setTarget(PARAMETER_XPATH.format(pid))
            change.setNewValue(repr(float(value)))
        task = doc.createTask()
        task.setId(f"{tag}_task")
        task.setName(step.title)
        task.setModelReference(model.getId())
        task.setSimulationReference(sim.getId())
        _ok(sed, task.setNotes(xhtml_notes([("", step.caption)])), f"notes of step {k}")
        time_dg = _data_generator(doc, f"{tag}_time", "time", task.getId(), symbol="urn:sedml:symbol:time")
        plot = doc.createPlot2D()
        plot.setId(f"{tag}_plot")
        plot.setName(f"Step {k}: {step.title}")
        for sid in readouts:
            dg = _data_generator(doc, f"{tag}_{sid}", pathway.species[sid].label, task.getId(),
                                 target=SPECIES_XPATH.format(sid))
            curve = plot.createCurve()
            curve.setId(f"{tag}_curve_{sid}")
            curve.setName(pathway.species[sid].label)
            curve.setLogX(False)
            curve.setLogY(False)
            curve.setXDataReference(time_dg)
            curve.setYDataReference(dg)
    return sed.writeSedMLToString(doc)


def _data_generator(doc, dg_id: str, name: str, task_id: str, target: str = "", symbol: str = "") -> str:
    dg = doc.createDataGenerator()
    dg.setId(dg_id)
    dg.setName(name)
    var = dg.createVariable()
    var.setId(f"{dg_id}_var")
    var.setTaskReference(task_id)
    if symbol:
        var.setSymbol(symbol)
    else:
        var.setTarget(target)
    dg.setMath(require("libsedml", "sbml").parseL3Formula(var.getId()))
    return dg_id


def write_omex(pathway: Pathway, lesson: Lesson, slides: list[Slide], minutes: float,
               node_sizes: dict[str, list[tuple[float, float]]] | None = None) -> bytes:
    """The COMBINE archive of ``lesson`` as bytes (model, SED-ML protocol, diagram, step slides).

    ``node_sizes`` are the drawn node boxes for the diagram (see :func:`.sbgn.write_sbgn`).
    """
    combine = require("libcombine", "sbml")
    holdable = holdable_species(pathway, lesson)
    files = [(MODEL_FILE, write_sbml(pathway, Perturbations.defaults(pathway), set(holdable)).encode("utf-8"),
              SBML_FORMAT, False),
             (SEDML_FILE, write_sedml(pathway, lesson, minutes).encode("utf-8"), SEDML_FORMAT, True)]
    try:
        files.append((SBGN_FILE, write_sbgn(pathway, node_sizes).encode("utf-8"), SBGN_FORMAT, False))
    except ModelExportError:
        pass  # libsbgnpy is optional (the sbgn extra); the archive is complete without the diagram
    files += [(f"{SLIDES_FOLDER}/{s.name}", s.png, PNG_FORMAT, False) for s in slides]
    with tempfile.TemporaryDirectory(prefix="pathwayviz-omex-") as folder:
        archive = combine.CombineArchive()
        for location, data, fmt, master in files:
            staged = Path(folder, "staged", location)
            staged.parent.mkdir(parents=True, exist_ok=True)
            staged.write_bytes(data)
            if not archive.addFile(str(staged), f"./{location}", fmt, master):
                raise ModelExportError(f"could not add {location} to the COMBINE archive")
        description = combine.OmexDescription()
        description.setAbout(".")
        description.setDescription(f"{lesson.title}: the PathwayViz lesson as a SED-ML protocol on the "
                                   f"{pathway.title} model, with its step slides.")
        archive.addMetadata(".", description)
        target = Path(folder, "lesson.omex")
        if not archive.writeToFile(str(target)):
            raise ModelExportError("the COMBINE archive could not be assembled")
        archive.cleanUp()
        return target.read_bytes()


def _ok(sed, status: int, what: str) -> None:
    if status != sed.LIBSEDML_OPERATION_SUCCESS:
        raise ModelExportError(f"could not write the {what} (libsedml status {status})")
