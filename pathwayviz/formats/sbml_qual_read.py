"""Read SBML-qual logical models (Cell Collective, GINsim) into the same :class:`Pathway` YAML gives.

Each transition's function term (AND/OR/NOT of its inputs reaching their threshold) is brought to
disjunctive normal form; every clause becomes one normalized-Hill reaction with the default
parameters (w 1, n 1.4, EC50 0.5, τ 1), the way Netflux turns logic models into ODEs: a one-literal
clause is an activating or inhibiting edge, a longer clause an AND, and the clauses of one target
combine by OR. Species that nothing regulates become inputs at their initial level.
Multi-valued species, non-Boolean thresholds and maths other than logic on inputs are refused
with a message naming the transition.
"""

from __future__ import annotations

from pathlib import Path

from ..model.pathway import ACTIVATES, INHIBITS, Card, InputControl, Interaction, Pathway, Species
from ..model.yamlio import FileProblems, Problem
from .imported import output_readouts
from .netflux import pathway_id

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CLAUSES = 256  # a function whose normal form is larger than this is not a teaching diagram


class Unsupported(Exception):
    """A construct this reader does not turn into normalized-Hill reactions."""


def read_sbml_qual(path: str | Path, warnings: list[Problem] | None = None) -> Pathway:
    """Read an SBML-qual file. Raises FileProblems naming the file and the element at fault."""
    path = Path(path)
    name = path.name
    try:
        import libsbml
    except ImportError:
        raise FileProblems([Problem(name, None, "reading SBML-qual needs python-libsbml; install it with "
                                                "pip install 'pathwayviz[sbml]'")]) from None
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileProblems([Problem(name, None, f"cannot read the file ({exc.strerror}); check the path")]) from None
    if size > MAX_FILE_BYTES:
        raise FileProblems([Problem(name, None, f"the file is {size / 1e6:.0f} MB; SBML files over "
                                                f"{MAX_FILE_BYTES // 1_000_000} MB are not supported")])
    doc = libsbml.readSBMLFromFile(str(path))
    fatal = [doc.getError(i) for i in range(doc.getNumErrors())
             if doc.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR]
    if fatal:
        raise FileProblems([Problem(name, e.getLine() or None, e.getShortMessage() + ": " +
                                    " ".join(e.getMessage().split())[:200]) for e in fatal[:10]])
    model = doc.getModel()
    qual = model.getPlugin("qual") if model is not None else None
    if qual is None or qual.getNumQualitativeSpecies() == 0:
        raise FileProblems([Problem(name, None, "this SBML file has no qualitative species (SBML-qual); PathwayViz "
                                                "opens logical models, not kinetic SBML")])
    problems: list[Problem] = []
    notes: list[Problem] = []

    species: dict[str, Species] = {}
    by_sbml: dict[str, str] = {}
    for k in range(qual.getNumQualitativeSpecies()):
        qs = qual.getQualitativeSpecies(k)
        qid = qs.getId()
        if qs.isSetMaxLevel() and qs.getMaxLevel() > 1:
            problems.append(Problem(name, qs.getLine() or None, f"qualitative species '{qid}' has maxLevel "
                                    f"{qs.getMaxLevel()}; only Boolean (0/1) species can become normalized-Hill "
                                    f"variables"))
            continue
        sid = pathway_id(qid, set(species))
        by_sbml[qid] = sid
        label = " ".join((qs.getName() or qid).replace("_", " ").split())
        y0 = float(qs.getInitialLevel()) if qs.isSetInitialLevel() else 0.0
        compartment = pathway_id(qs.getCompartment(), set()) if qs.getCompartment() else ""
        species[sid] = Species(sid, label, "protein", compartment, (0.0, 0.0), y0=y0,
                               synonyms=(qid,) if qid != sid else (),
                               card=Card(what=f"{label} (SBML-qual id {qid})."))

    interactions: list[Interaction] = []
    regulated: set[str] = set()
    always_on: list[str] = []
    for k in range(qual.getNumTransitions()):
        tr = qual.getTransition(k)
        tid = tr.getId() or f"transition{k + 1}"
        try:
            clauses = _transition_clauses(tr, libsbml)
            targets = [tr.getOutput(j).getQualitativeSpecies() for j in range(tr.getNumOutputs())]
            for q in targets + [lit[0] for clause in clauses for lit in clause]:
                if q not in by_sbml:
                    raise Unsupported(f"refers to '{q}', which is not a Boolean qualitative species of this model")
        except Unsupported as exc:
            problems.append(Problem(name, tr.getLine() or None, f"transition '{tid}' {exc}"))
            continue
        for q in targets:
            target = by_sbml[q]
            regulated.add(target)
            if [] in clauses:  # the function always holds: the species is simply on
                always_on.append(target)
                continue
            for c, clause in enumerate(clauses):
                reaction = f"{tid}_{c + 1}" if len(clauses) > 1 else tid
                gate = "and" if len(clause) > 1 else "or"
                for source, positive in clause:
                    interactions.append(Interaction(len(interactions), by_sbml[source], target,
                                                    ACTIVATES if positive else INHIBITS, gate=gate, reaction=reaction))
            if not clauses:
                notes.append(Problem(name, tr.getLine() or None, f"transition '{tid}' can never switch "
                                                                  f"'{q}' on; it has no reactions"))
    if problems:
        raise FileProblems(problems)
    inputs = [InputControl(sid, sp.label, 1.0 if sid in always_on else sp.y0) for sid, sp in species.items()
              if sid in always_on or (sid not in regulated and any(it.source == sid for it in interactions))]
    if warnings is not None:
        warnings.extend(notes)
    title = model.getName() or model.getId() or path.stem
    return Pathway(id=pathway_id(model.getId() or path.stem, set()), title=title,
                   description=f"Imported from the SBML-qual model {name}; logic turned into normalized-Hill "
                               f"reactions with default parameters.",
                   species=species, interactions=interactions, inputs=inputs,
                   readouts=output_readouts(species, interactions), source_file=str(path), time_unit="time units")


def _transition_clauses(tr, libsbml) -> list[list[tuple[str, bool]]]:
    """The transition's 'on' condition as OR of AND-clauses of (species, positive) literals."""
    thresholds = {}
    for j in range(tr.getNumInputs()):
        inp = tr.getInput(j)
        if inp.isSetId():
            if inp.isSetThresholdLevel() and inp.getThresholdLevel() not in (0, 1):
                raise Unsupported(f"input '{inp.getId()}' has threshold {inp.getThresholdLevel()}; only 0/1 thresholds "
                                  f"are supported")
            thresholds[inp.getId()] = (inp.getQualitativeSpecies(),
                                       inp.getThresholdLevel() if inp.isSetThresholdLevel() else 1)
    default = tr.getDefaultTerm()
    default_level = default.getResultLevel() if default is not None else 0
    on, off = [], []
    for j in range(tr.getNumFunctionTerms()):
        term = tr.getFunctionTerm(j)
        if term.getResultLevel() not in (0, 1):
            raise Unsupported(f"has result level {term.getResultLevel()}; only Boolean (0/1) results are supported")
        if term.getMath() is None:
            raise Unsupported("has a function term without math")
        expr = _expr(term.getMath(), thresholds, libsbml)
        (on if term.getResultLevel() == 1 else off).append(expr)
    if default_level == 0:
        formula = ("or", on)
    else:  # on unless one of the 'level 0' terms holds
        formula = ("not", ("or", off))
    return _dnf(formula)


def _expr(node, thresholds, libsbml):
    """A libsbml AST as nested ('and'|'or', [..]), ('not', x), ('lit', species, positive) or ('const', bool).

    Operators are told apart by their MathML names: with libsedml or libcombine loaded beside
    libsbml, ``getType()`` returns an opaque SWIG object instead of the enum.
    """
    op = None if node.isName() or node.isNumber() else node.getName()
    kids = [node.getChild(i) for i in range(node.getNumChildren())]
    if op in ("and", "or"):
        return (op, [_expr(k, thresholds, libsbml) for k in kids])
    if op == "not" and len(kids) == 1:
        return ("not", _expr(kids[0], thresholds, libsbml))
    if op in ("true", "false"):
        return ("const", op == "true")
    relations = {"eq": "==", "neq": "!=", "geq": ">=", "gt": ">", "leq": "<=", "lt": "<"}
    if op in relations and len(kids) == 2:
        rel = relations[op]
        left, right = kids
        if not left.isName():  # 1 == A: flip so the species is on the left
            left, right = right, left
            rel = {">=": "<=", "<=": ">=", ">": "<", "<": ">"}.get(rel, rel)
        if not left.isName():
            raise Unsupported(f"compares '{libsbml.formulaToL3String(node)}'; compare a species with a level")
        species = left.getName()
        if right.isName() and right.getName() in thresholds:
            level = thresholds[right.getName()][1]
        elif right.isNumber():
            level = right.getValue()
        else:
            raise Unsupported(f"compares with '{libsbml.formulaToL3String(right)}'; use 0, 1 or an input's threshold")
        if species in thresholds:
            species = thresholds[species][0]
        # On a Boolean species every comparison is "is on" or "is off" (or always true/false).
        truth = {v: _compare(v, rel, level) for v in (0, 1)}
        if truth[0] == truth[1]:
            return ("const", truth[0])
        return ("lit", species, truth[1])
    raise Unsupported(f"uses '{libsbml.formulaToL3String(node)}'; only and, or, not and comparisons of inputs "
                      f"with 0/1 are supported")


def _compare(value: float, op: str, level: float) -> bool:
    return {"==": value == level, "!=": value != level, ">=": value >= level, ">": value > level,
            "<=": value <= level, "<": value < level}[op]


def _dnf(expr, negate: bool = False) -> list[list[tuple[str, bool]]]:
    """Disjunctive normal form with negations pushed to the literals; contradictory clauses dropped."""
    kind = expr[0]
    if kind == "const":
        return [[]] if expr[1] != negate else []
    if kind == "lit":
        return [[(expr[1], expr[2] != negate)]]
    if kind == "not":
        return _dnf(expr[1], not negate)
    is_or = (kind == "or") != negate
    parts = [_dnf(sub, negate) for sub in expr[1]]
    if is_or:
        clauses = [c for part in parts for c in part]
    else:
        clauses = [[]]
        for part in parts:
            clauses = [a + b for a in clauses for b in part]
            if len(clauses) > MAX_CLAUSES:
                raise Unsupported(f"has a logical function with more than {MAX_CLAUSES} AND-clauses")
    out = []
    for clause in clauses:
        unique = list(dict.fromkeys(clause))
        if any((s, not p) in unique for s, p in unique):
            continue  # A and not A never holds
        if unique not in out:
            out.append(unique)
    if len(out) > MAX_CLAUSES:
        raise Unsupported(f"has a logical function with more than {MAX_CLAUSES} AND-clauses")
    return out
