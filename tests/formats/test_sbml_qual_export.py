"""SBML-qual export: valid, one transition per regulated species, logic = the engine's drive at 0/1 corners."""

from __future__ import annotations

import libsbml
import numpy as np
import pytest

from pathwayviz.formats.sbml_qual import write_sbml_qual
from pathwayviz.sim.engine import Engine


@pytest.fixture(scope="module")
def qual_model(pathway):
    doc = libsbml.readSBMLFromString(write_sbml_qual(pathway))
    return doc


def evaluate(node, levels: dict[str, int]) -> bool | int:
    """Value of a qual function term's math (logic, relations, names, integers) at given levels.

    Operators are told apart by name: with libsedml loaded too, getType() returns an opaque object.
    """
    if node.isName():
        return levels[node.getName()]
    if node.isInteger():
        return node.getValue()
    kids = [evaluate(node.getChild(i), levels) for i in range(node.getNumChildren())]
    operators = {"and": all, "or": any, "not": lambda k: not k[0], "geq": lambda k: k[0] >= k[1],
                 "lt": lambda k: k[0] < k[1]}
    name = node.getName()
    assert name in operators, f"unexpected math in a function term: {libsbml.formulaToL3String(node)}"
    return operators[name](kids)


def test_valid_with_no_errors_or_warnings(qual_model):
    assert qual_model.getNumErrors() == 0
    assert qual_model.checkConsistency() == 0
    assert qual_model.getModel().getSBOTerm() == 547  # Boolean logical framework


def test_every_interaction_is_an_input_with_its_sign(pathway, qual_model):
    qual = qual_model.getModel().getPlugin("qual")
    assert qual.getNumQualitativeSpecies() == len(pathway.species) + len(pathway.toggles)
    inputs = {}
    for tr in qual.getListOfTransitions():
        target = tr.getOutput(0).getQualitativeSpecies()
        for inp in tr.getListOfInputs():
            inputs.setdefault((inp.getQualitativeSpecies(), target), set()).add(inp.getSign())
    for it in pathway.interactions:
        sign = libsbml.INPUT_SIGN_NEGATIVE if it.inhibits else libsbml.INPUT_SIGN_POSITIVE
        assert sign in inputs[(it.source, it.target)], it
    for t in pathway.toggles:
        assert inputs[(f"toggle_{t.species}", t.species)] == {libsbml.INPUT_SIGN_POSITIVE}


def test_logic_matches_the_engine_drive_at_boolean_corners(pathway, qual_model):
    """On iff the normalized-Hill drive R is above zero with each activity at 0 or its maximum."""
    qual = qual_model.getModel().getPlugin("qual")
    engine = Engine(pathway)
    compiled = engine.compiled
    toggles = pathway.toggle_ids()
    rng = np.random.default_rng(15)
    transitions = {tr.getOutput(0).getQualitativeSpecies(): tr for tr in qual.getListOfTransitions()}
    for _ in range(200):
        on = rng.integers(0, 2, size=compiled.size)
        toggle_on = {sid: int(rng.integers(0, 2)) for sid in toggles}
        external = np.zeros(compiled.size)
        for sid, value in toggle_on.items():
            external[compiled.index[sid]] = float(value)
        drive = compiled.drive(on * compiled.ymax, external)
        levels = dict(zip(compiled.ids, on.tolist()))
        levels.update({f"toggle_{sid}": v for sid, v in toggle_on.items()})
        for sid in compiled.ids:
            tr = transitions.get(sid)
            if tr is None:  # an unregulated species stays at its level: the engine has no drive for it
                assert drive[compiled.index[sid]] == 0.0 or sid in pathway.input_ids()
                continue
            logical = any(evaluate(term.getMath(), levels) for term in tr.getListOfFunctionTerms())
            assert logical == (drive[compiled.index[sid]] > 1e-12), (sid, levels)


def test_inputs_are_constant_at_their_rounded_default(pathway, qual_model):
    qual = qual_model.getModel().getPlugin("qual")
    for control in pathway.inputs:
        q = qual.getQualitativeSpecies(control.species)
        if not pathway.upstream(control.species):
            assert q.getConstant() and q.getInitialLevel() == round(control.default)
    assert qual.getQualitativeSpecies("ir").getCVTerm(0).getResourceURI(0).endswith("uniprot:P06213")
