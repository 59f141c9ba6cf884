"""SBML L3V2 export: valid, annotated, and re-simulated by libroadrunner as PathwayViz simulates it."""

from __future__ import annotations

import libsbml
import numpy as np
import pytest
import roadrunner

from pathwayviz.formats.sbml import SbmlWriter, write_sbml
from pathwayviz.formats.sbml_common import species_sbo
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

MINUTES = 60.0
TOLERANCE = 1e-4


def perturbation_sets(pathway) -> dict[str, Perturbations]:
    """Named perturbation sets built from what the pathway offers (so they follow model changes)."""
    inputs = pathway.input_ids()
    toggles = pathway.toggle_ids()
    drugs = [d.id for d in pathway.drugs]
    sets = {"defaults": Perturbations.defaults(pathway)}

    every_input_high = Perturbations.defaults(pathway)
    every_input_high.inputs.update({sid: 0.9 for sid in inputs})
    sets["every input high"] = every_input_high

    toggled = Perturbations.defaults(pathway)
    toggled.toggles.update({sid: 0.3 + 0.5 * k / max(1, len(toggles)) for k, sid in enumerate(toggles)})
    sets["all toggles, graded"] = toggled

    drug_and_knockout = Perturbations.defaults(pathway)
    drug_and_knockout.inputs.update({sid: 0.6 for sid in inputs[:3]})
    drug_and_knockout.drugs[drugs[0]] = 1.0
    drug_and_knockout.knockouts.add(_an_active_species_downstream_of_an_edge(pathway, drug_and_knockout))
    if toggles:
        drug_and_knockout.toggles[toggles[-1]] = 0.8
    sets["drug + knockout + toggle"] = drug_and_knockout

    held = Perturbations.defaults(pathway)
    held.drugs.update({d: 0.5 for d in drugs})
    targets = [it.target for it in pathway.interactions]
    held.overexpress.add(targets[len(targets) // 2])
    held.fixed[targets[-1]] = 0.35
    sets["all drugs half, overexpression, fixed level"] = held
    return sets


def _an_active_species_downstream_of_an_edge(pathway, pert: Perturbations) -> str:
    """A species with inputs and outputs that is active under ``pert``: knocking it out changes something."""
    final = engine_trajectory(pathway, pert)[-1]
    for sid in pathway.species_ids:
        if pathway.upstream(sid) and pathway.downstream(sid) and final[pathway.index_of(sid)] > 0.05:
            return sid
    raise AssertionError("no active species with both inputs and outputs under the drug set")


def consistency(xml: str) -> tuple[int, int, list[str]]:
    """(errors, warnings, messages) from libsbml's full consistency check including units."""
    doc = libsbml.readSBMLFromString(xml)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, True)
    doc.checkConsistency()
    errors = [doc.getError(i) for i in range(doc.getNumErrors())]
    severe = [e for e in errors if e.getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    warnings = [e for e in errors if e.getSeverity() == libsbml.LIBSBML_SEV_WARNING]
    return len(severe), len(warnings), [f"{e.getErrorId()}: {e.getMessage()}" for e in severe]


def roadrunner_trajectory(xml: str, ids: list[str], minutes: float = MINUTES, changes: dict | None = None):
    rr = roadrunner.RoadRunner(xml)
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-12
    for pid, value in (changes or {}).items():
        rr.setValue(pid, value)
    if changes:
        rr.resetAll()  # re-evaluates initial assignments (held species) with the new values
        for pid, value in changes.items():
            rr.setValue(pid, value)
        rr.reset()
    result = rr.simulate(0.0, minutes, int(minutes) + 1, selections=["time", *ids])
    return np.asarray(result)[:, 1:]


def engine_trajectory(pathway, pert: Perturbations, minutes: float = MINUTES):
    _, ys = Engine(pathway).timecourse(pert, minutes, rtol=1e-8, atol=1e-10)
    return ys


@pytest.fixture(scope="module")
def sets(pathway):
    return perturbation_sets(pathway)


def test_every_perturbation_set_is_valid_sbml(pathway, sets):
    for name, pert in sets.items():
        errors, _, messages = consistency(write_sbml(pathway, pert))
        assert errors == 0, (name, messages[:3])


@pytest.mark.parametrize("name", ["defaults", "every input high", "all toggles, graded", "drug + knockout + toggle",
                                  "all drugs half, overexpression, fixed level"])
def test_roadrunner_resimulates_the_export_like_the_engine(pathway, sets, name):
    pert = sets[name]
    ours = engine_trajectory(pathway, pert)
    theirs = roadrunner_trajectory(write_sbml(pathway, pert), pathway.species_ids)
    assert theirs.shape == ours.shape
    assert np.max(np.abs(theirs - ours)) < TOLERANCE
    # the set really moves the model (a trivially flat trajectory would agree with anything)
    assert np.max(np.abs(ours[-1] - ours[0])) > 0.05


def test_the_drug_and_knockout_set_is_really_perturbed(pathway, sets):
    pert = sets["drug + knockout + toggle"]
    assert pert.drugs and pert.knockouts
    plain = engine_trajectory(pathway, Perturbations(inputs=dict(pert.inputs)))
    theirs = roadrunner_trajectory(write_sbml(pathway, pert), pathway.species_ids)
    knocked = pathway.index_of(next(iter(pert.knockouts)))
    assert np.all(theirs[:, knocked] == 0.0) and plain[-1, knocked] > 0.01
    assert np.max(np.abs(theirs[-1] - plain[-1])) > 0.05


def test_parameters_are_live_a_modeller_can_change_inputs_toggles_drugs_and_holds(pathway):
    """Change parameters in roadrunner and get what the engine gives for the same perturbations."""
    defaults = Perturbations.defaults(pathway)
    toggle = pathway.toggle_ids()[0]
    drug = pathway.drugs[-1]
    held = drug.target
    target = defaults.copy()
    target.inputs[pathway.input_ids()[0]] = 0.9
    target.toggles[toggle] = 0.7
    target.drugs[drug.id] = 0.8
    target.overexpress.add(held)
    xml = write_sbml(pathway, defaults, switchable_holds={held})
    changes = {f"input_{pathway.input_ids()[0]}": 0.9, f"toggle_{toggle}": 0.7, f"dose_{drug.id}": 0.8,
               f"held_{held}": 1.0, f"held_level_{held}": 1.0}
    theirs = roadrunner_trajectory(xml, pathway.species_ids, changes=changes)
    assert np.max(np.abs(theirs - engine_trajectory(pathway, target))) < TOLERANCE
    assert np.max(np.abs(theirs - engine_trajectory(pathway, defaults))) > 0.05


def test_species_carry_names_compartments_sbo_notes_and_miriam_annotations(pathway):
    doc = libsbml.readSBMLFromString(write_sbml(pathway))
    model = doc.getModel()
    assert model.getNumSpecies() == len(pathway.species)
    assert model.getNumRules() == 2 * len(pathway.species)
    for sp in pathway.species.values():
        s = model.getSpecies(sp.id)
        assert s.getName() == sp.label
        assert s.getSBOTerm() == species_sbo(sp) and libsbml.SBO.isMaterialEntity(s.getSBOTerm())
        assert model.getCompartment(s.getCompartment()) is not None
        uris = {s.getCVTerm(i).getResourceURI(j) for i in range(s.getNumCVTerms())
                for j in range(s.getCVTerm(i).getNumResources())}
        assert uris == {f"https://identifiers.org/{ident}" for _, ident in sp.identifiers}
        if sp.card.what:
            assert sp.card.what[:40] in libsbml.XMLNode.convertXMLNodeToString(s.getNotes())
    receptor = model.getSpecies("ir")
    term = receptor.getCVTerm(0)
    assert term.getBiologicalQualifierType() == libsbml.BQB_IS
    assert term.getResourceURI(0) == "https://identifiers.org/uniprot:P06213"
    assert receptor.getSBOTerm() == 252 and model.getSpecies("blood_glucose").getSBOTerm() == 247
    for par in model.getListOfParameters():
        assert libsbml.SBO.isQuantitativeParameter(par.getSBOTerm()), par.getId()
    for rule in model.getListOfRules():
        assert libsbml.SBO.isMathematicalExpression(rule.getSBOTerm())


def test_interaction_parameters_name_the_edge(pathway):
    doc = libsbml.readSBMLFromString(write_sbml(pathway))  # kept alive: the model dies with its document
    model = doc.getModel()
    first = pathway.interactions[0]
    par = model.getParameter("e1_ec50")
    assert par.getValue() == first.ec50
    assert pathway.species[first.source].label in par.getName()
    assert model.getParameter("e1_n").getSBOTerm() == 190  # Hill coefficient


def test_a_pathway_without_inputs_or_compartments_exports(tmp_path):
    from pathwayviz.model.loader import load_pathway

    path = tmp_path / "tiny.yaml"
    path.write_text("format: pathwayviz-pathway/1\nid: tiny\ntitle: Tiny\nspecies:\n"
                    "  - {id: a, pos: [0, 0], y0: 1}\n  - {id: b, pos: [1, 0]}\n"
                    "interactions:\n  - {source: a, target: b, effect: inhibits}\n")
    tiny = load_pathway(path)
    xml = write_sbml(tiny)
    assert consistency(xml)[0] == 0
    theirs = roadrunner_trajectory(xml, tiny.species_ids, minutes=10)
    assert np.max(np.abs(theirs - engine_trajectory(tiny, Perturbations(), 10))) < TOLERANCE


def test_unknown_perturbation_is_refused_before_writing(pathway):
    from pathwayviz.sim.perturbations import PerturbationError

    with pytest.raises(PerturbationError, match="nobody"):
        SbmlWriter(pathway, Perturbations(knockouts={"nobody"}))
