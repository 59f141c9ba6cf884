"""SBML-qual export: the pathway's logical skeleton, the format GINsim and Cell Collective read.

Each species is a Boolean qualitative species (levels 0 and 1). Each species with inputs gets one
transition whose function term switches it on exactly when the normalized-Hill drive R would be
above zero with every activity at 0 or its maximum: any plain activating input on, or any plain
inhibiting input off, or every ``gate: and`` input satisfied at once, or its serine-kinase toggle
on. Toggles become input species of their own (``toggle_<id>``, off). Pathway inputs without
upstream interactions are constant inputs at their default level rounded to 0 or 1. Weights,
EC50s, time constants and drugs have no logical counterpart and are left out (the model notes
say so); edges of weight 0 never act and are skipped.
"""

from __future__ import annotations

from ..model.pathway import Interaction, Pathway
from .sbml_common import DEFAULT_COMPARTMENT, ModelExportError, annotate, require, xhtml_notes

QUAL_LEVEL, QUAL_VERSION = 3, 1
SBO_LOGICAL_FRAMEWORK = 547
SBO_STIMULATION = 170
SBO_INHIBITION = 169


def acting(pathway: Pathway, species_id: str) -> list[Interaction]:
    """The interactions that can act on a species in logic (weight above 0)."""
    return [it for it in pathway.upstream(species_id) if it.w > 0]


def write_sbml_qual(pathway: Pathway) -> str:
    """The SBML L3V1 qual V1 text of ``pathway``'s logical model."""
    lib = require("libsbml", "sbml")
    doc = lib.SBMLDocument(lib.SBMLNamespaces(QUAL_LEVEL, QUAL_VERSION, "qual", 1))
    doc.setPackageRequired("qual", True)
    model = doc.createModel()
    model.setId(pathway.id or "pathway")
    model.setName(f"{pathway.title} (logical model)")
    model.setSBOTerm(SBO_LOGICAL_FRAMEWORK)
    _check(lib, model.setNotes(xhtml_notes([
        ("", pathway.description),
        ("Logic.", "Boolean skeleton of the PathwayViz normalized-Hill model: a species is on when any plain "
         "activator is on, any plain inhibitor is off, all AND-gated inputs are satisfied together, or its "
         "toggle is on. Weights, EC50s, time constants and drugs are not represented."),
        ("Exported by", f"PathwayViz from {pathway.source_file or pathway.id}.")])), "model notes")
    qual = model.getPlugin("qual")

    compartments = {c.id for c in pathway.compartments}
    for c in pathway.compartments:
        _compartment(model, c.id, c.label)
    if any(s.compartment not in compartments for s in pathway.species.values()):
        _compartment(model, DEFAULT_COMPARTMENT, "Compartment of species that name none")

    inputs = {c.species: c.default for c in pathway.inputs}
    for sp in pathway.species.values():
        q = qual.createQualitativeSpecies()
        q.setId(sp.id)
        q.setName(sp.label)
        q.setCompartment(sp.compartment if sp.compartment in compartments else DEFAULT_COMPARTMENT)
        q.setMaxLevel(1)
        external = sp.id in inputs and not acting(pathway, sp.id)
        q.setConstant(external)
        q.setInitialLevel(int(round(inputs[sp.id])) if external else 0)
        if sp.card.what:
            _check(lib, q.setNotes(xhtml_notes([("", sp.card.what)])), f"notes of {sp.id}")
        annotate(lib, q, sp.identifiers)
    toggles = {}
    for t in pathway.toggles:
        q = qual.createQualitativeSpecies()
        q.setId(f"toggle_{t.species}")
        q.setName(f"{t.label} toggle")
        q.setCompartment(model.getListOfCompartments()[0].getId())
        q.setMaxLevel(1)
        q.setConstant(True)
        q.setInitialLevel(0)
        toggles[t.species] = q.getId()

    for sid in pathway.species_ids:
        edges = acting(pathway, sid)
        if not edges and sid not in toggles:
            continue
        _transition(lib, qual, sid, edges, toggles.get(sid))
    return lib.writeSBMLToString(doc)


def _compartment(model, cid: str, label: str) -> None:
    comp = model.createCompartment()
    comp.setId(cid)
    comp.setName(label)
    comp.setConstant(True)
    comp.setSpatialDimensions(3)
    comp.setSize(1.0)
    comp.setUnits("dimensionless")


def _transition(lib, qual, sid: str, edges: list[Interaction], toggle: str | None) -> None:
    tr = qual.createTransition()
    tr.setId(f"tr_{sid}")
    literals_or: list[str] = []
    literals_and: dict[str, list[str]] = {}  # one AND clause per reaction (imported models may have several)
    for it in edges:
        inp = tr.createInput()
        inp.setId(f"in_{sid}_{it.index + 1}")
        inp.setQualitativeSpecies(it.source)
        inp.setTransitionEffect(lib.INPUT_TRANSITION_EFFECT_NONE)
        inp.setSign(lib.INPUT_SIGN_NEGATIVE if it.inhibits else lib.INPUT_SIGN_POSITIVE)
        inp.setSBOTerm(SBO_INHIBITION if it.inhibits else SBO_STIMULATION)
        inp.setThresholdLevel(1)
        literal = f"({it.source} < 1)" if it.inhibits else f"({it.source} >= 1)"
        if it.gate == "and":
            literals_and.setdefault(it.reaction, []).append(literal)
        else:
            literals_or.append(literal)
    if toggle is not None:
        inp = tr.createInput()
        inp.setId(f"in_{sid}_toggle")
        inp.setQualitativeSpecies(toggle)
        inp.setTransitionEffect(lib.INPUT_TRANSITION_EFFECT_NONE)
        inp.setSign(lib.INPUT_SIGN_POSITIVE)
        inp.setSBOTerm(SBO_STIMULATION)
        inp.setThresholdLevel(1)
        literals_or.append(f"({toggle} >= 1)")
    out = tr.createOutput()
    out.setId(f"out_{sid}")
    out.setQualitativeSpecies(sid)
    out.setTransitionEffect(lib.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
    default = tr.createDefaultTerm()
    default.setResultLevel(0)
    clauses = list(literals_or) + ["(" + " && ".join(group) + ")" for group in literals_and.values()]
    term = tr.createFunctionTerm()
    term.setResultLevel(1)
    formula = " || ".join(clauses)
    math = lib.parseL3Formula(formula)
    if math is None:
        raise ModelExportError(f"logic of '{sid}' could not be written: {formula}")
    term.setMath(math)


def _check(lib, status: int, what: str) -> None:
    if status != lib.LIBSBML_OPERATION_SUCCESS:
        raise ModelExportError(f"could not write the {what} ({lib.OperationReturnValue_toString(status)})")
