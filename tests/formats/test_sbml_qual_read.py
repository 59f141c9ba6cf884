"""SBML-qual logical models become normalized-Hill reactions with Netflux's defaults."""

from __future__ import annotations

import libsbml
import numpy as np
import pytest

from pathwayviz.formats.pathway_file import open_pathway
from pathwayviz.formats.sbml_qual_read import read_sbml_qual
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations


def write_qual(path, species, transitions, max_level=1):
    """species: [(id, name, initial)]; transitions: [(id, output, [inputs], MathML infix, default level)]."""
    ns = libsbml.SBMLNamespaces(3, 1, "qual", 1)
    doc = libsbml.SBMLDocument(ns)
    doc.setPackageRequired("qual", True)
    model = doc.createModel()
    model.setId("toy_logic")
    model.setName("Toy logic model")
    comp = model.createCompartment()
    comp.setId("cytosol")
    comp.setConstant(True)
    qual = model.getPlugin("qual")
    for qid, name, initial in species:
        qs = qual.createQualitativeSpecies()
        qs.setId(qid)
        qs.setName(name)
        qs.setCompartment("cytosol")
        qs.setConstant(False)
        qs.setInitialLevel(initial)
        qs.setMaxLevel(max_level)
    for tid, output, inputs, formula, default in transitions:
        tr = qual.createTransition()
        tr.setId(tid)
        for q in inputs:
            inp = tr.createInput()
            inp.setQualitativeSpecies(q)
            inp.setTransitionEffect(libsbml.INPUT_TRANSITION_EFFECT_NONE)
        out = tr.createOutput()
        out.setQualitativeSpecies(output)
        out.setTransitionEffect(libsbml.OUTPUT_TRANSITION_EFFECT_ASSIGNMENT_LEVEL)
        tr.createDefaultTerm().setResultLevel(default)
        term = tr.createFunctionTerm()
        term.setResultLevel(1 - default)
        term.setMath(libsbml.parseL3Formula(formula))
    libsbml.writeSBMLToFile(doc, str(path))
    return path


SPECIES = [("A", "kinase A", 0), ("B", "phosphatase B", 0), ("C", "target C", 0), ("D", "output D", 0)]
TRANSITIONS = [
    ("tC", "C", ["A", "B"], "(A == 1) && !(B >= 1)", 0),
    ("tD", "D", ["A", "C"], "(A == 1) || (C == 1)", 0),
    ("tB", "B", ["A"], "A == 0", 0),
]


def act(x, n=1.4, ec50=0.5):
    beta = (ec50 ** n - 1) / (2 * ec50 ** n - 1)
    k = (beta - 1) ** (1 / n)
    return min(beta * x ** n / (k ** n + x ** n), 1.0)


def test_logic_becomes_netflux_reactions(tmp_path):
    path = write_qual(tmp_path / "toy.sbml", SPECIES, TRANSITIONS)
    p = open_pathway(path)
    assert p.title == "Toy logic model" and list(p.species) == ["a", "b", "c", "d"]
    assert p.species["a"].compartment == "cytosol" and p.compartments[0].id == "cytosol"
    assert [c.species for c in p.inputs] == ["a"]
    c_in = sorted((it.source, it.effect, it.gate) for it in p.upstream("c"))
    assert c_in == [("a", "activates", "and"), ("b", "inhibits", "and")]
    assert sorted((it.source, it.gate) for it in p.upstream("d")) == [("a", "or"), ("c", "or")]
    assert [(it.source, it.effect) for it in p.upstream("b")] == [("a", "inhibits")]
    engine = Engine(p)
    pert = Perturbations.defaults(p)
    pert.inputs["a"] = 0.8
    cond = engine.conditions(pert)
    rng = np.random.default_rng(3)
    for _ in range(10):
        a, b, c, d = y = rng.uniform(0, 1, 4)
        expected = [0.8 - a, (1 - act(a)) - b, act(a) * (1 - act(b)) - c,
                    act(a) + act(c) - act(a) * act(c) - d]
        np.testing.assert_allclose(engine.rhs(y, cond), expected, rtol=1e-12, atol=1e-12)


def test_default_on_and_nested_negation(tmp_path):
    # D is on unless (A and B): by De Morgan two OR terms, not A / not B.
    path = write_qual(tmp_path / "nand.xml", SPECIES[:2] + [("D", "D", 0)],
                      [("tD", "D", ["A", "B"], "(A == 1) && (B == 1)", 1)])
    p = read_sbml_qual(path)
    assert sorted((it.source, it.effect, it.gate) for it in p.upstream("d")) == [
        ("a", "inhibits", "or"), ("b", "inhibits", "or")]


def test_unsupported_constructs_are_named(tmp_path):
    multi = write_qual(tmp_path / "multi.sbml", SPECIES, TRANSITIONS, max_level=2)
    with pytest.raises(FileProblems, match="qualitative species 'A' has maxLevel 2; only Boolean"):
        read_sbml_qual(multi)
    arith = write_qual(tmp_path / "arith.sbml", SPECIES, [("tC", "C", ["A", "B"], "A + B >= 1", 0)])
    with pytest.raises(FileProblems, match=r"arith.sbml:\d+: transition 'tC' compares '\(A \+ B\) >= 1'"):
        read_sbml_qual(arith)
    (tmp_path / "core.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?><sbml xmlns="http://www.sbml.org/sbml/level3/version2/core" level="3" '
        'version="2"><model id="m"/></sbml>')
    with pytest.raises(FileProblems, match="no qualitative species"):
        read_sbml_qual(tmp_path / "core.xml")
    (tmp_path / "junk.sbml").write_text("<sbml")
    with pytest.raises(FileProblems, match="junk.sbml"):
        read_sbml_qual(tmp_path / "junk.sbml")


def logic_of(pathway):
    """Each species' regulation as a set of clauses, each a frozenset of (source, activates)."""
    out = {}
    for sid in pathway.species:
        groups = {}
        for it in pathway.upstream(sid):
            key = ("and", it.reaction) if it.gate == "and" else ("or", it.index)
            groups.setdefault(key, set()).add((it.source, not it.inhibits))
        out[sid] = {frozenset(g) for g in groups.values()}
    return out


def test_exported_sbml_qual_reads_back_as_the_same_logic(tmp_path):
    # Two AND reactions into one species must stay two AND clauses through export and import.
    from netflux_sheets import write_netflux

    from pathwayviz.formats.sbml_qual import write_sbml_qual

    sheet = write_netflux(tmp_path / "two_and.xlsx", [("", s, s, 0, 1, 1) for s in "ABCDE"],
                          [("", "i1", "=> A", 1, 1.4, 0.5), ("", "r1", "A & !B => E", 1, 1.4, 0.5),
                           ("", "r2", "C & D => E", 1, 1.4, 0.5), ("", "r3", "A => C", 1, 1.4, 0.5)])
    original = open_pathway(sheet)
    path = tmp_path / "two_and.sbml"
    path.write_text(write_sbml_qual(original))
    again = read_sbml_qual(path)
    assert logic_of(again) == logic_of(original)
    assert logic_of(again)["e"] == {frozenset({("a", True), ("b", False)}), frozenset({("c", True), ("d", True)})}


def test_reading_works_with_libsedml_and_libcombine_loaded(tmp_path):
    # With those SWIG modules loaded, libsbml's ASTNode.getType() stops returning plain ints.
    import libcombine  # noqa: F401
    import libsedml  # noqa: F401

    p = read_sbml_qual(write_qual(tmp_path / "toy.sbml", SPECIES, TRANSITIONS))
    assert sorted((it.source, it.effect) for it in p.upstream("c")) == [("a", "activates"), ("b", "inhibits")]
