"""SBML Level 3 Version 2 export: the normalized-Hill dynamics as rate rules a modeller can rerun.

What a modeller finds in the file (ids in brackets):

* one compartment per pathway compartment, one species per pathway species (its id), with the
  label as name, the card text as XHTML notes, an SBO term and MIRIAM annotations;
* per interaction ``eK_w``, ``eK_n``, ``eK_ec50`` (K = the interaction's position, from 1);
  per species ``tau_<id>`` and ``ymax_<id>``;
* the perturbations as parameters: ``input_<id>`` (input levels), ``toggle_<id>`` (serine-kinase
  intensity, 0 = off), ``dose_<drug>`` and ``potency_<drug>``, and for held species
  ``held_<id>`` (1 = held) with ``held_level_<id>`` (fraction of ymax);
* ``drive_<id>``, an assignment rule: R = 1 − (1 − input)(1 − toggle)·Π(1 − term) where each
  OR input is one term and all ``gate: and`` inputs of a target form one product term;
* a rate rule per species: d<id>/dt = (1 − held)·(R·Π(1 − dose·potency)·ymax − <id>)/τ.

The edge functions are the function definitions ``nh_activation`` and ``nh_inhibition``
(Kraeutler, Soltis & Saucerman 2010), computing B and K from EC50 and n so that changing an
EC50 is enough. Time is in minutes; all activities are dimensionless.
"""

from __future__ import annotations

from ..model.pathway import Pathway
from ..sim.perturbations import Perturbations
from .sbml_common import (DEFAULT_COMPARTMENT, SBO_CONTINUOUS_FRAMEWORK, SBO_HILL_COEFFICIENT,
                          SBO_MATHEMATICAL_EXPRESSION, SBO_PARAMETER, SBO_PHYSICAL_COMPARTMENT, SBO_RATE_LAW,
                          ModelExportError, annotate, describe_perturbations, held_species, require,
                          species_sbo, xhtml_notes)

SBML_LEVEL, SBML_VERSION = 3, 2
# x is the source's activity as a fraction of its ymax; negative values (solver round-off) count as 0
# and the curve is capped at 1, exactly as the PathwayViz engine evaluates it. B and K^n follow
# from EC50 and n, so changing an EC50 is enough.
_B = "((ec50^n - 1)/(2*ec50^n - 1))"
NH_ACTIVATION = f"lambda(x, w, n, ec50, w * min(1, {_B} * max(x, 0)^n / (({_B} - 1) + max(x, 0)^n)))"
NH_INHIBITION = f"lambda(x, w, n, ec50, w - w * min(1, {_B} * max(x, 0)^n / (({_B} - 1) + max(x, 0)^n)))"
ONE = "1 dimensionless"  # a literal with units, so libsbml can check the units of every rule


class SbmlWriter:
    """Builds the SBML document of a pathway under given perturbations (python-libsbml)."""

    def __init__(self, pathway: Pathway, perturbations: Perturbations | None = None,
                 switchable_holds: set[str] = frozenset()):
        self.libsbml = require("libsbml", "sbml")
        self.pathway = pathway
        self.perturbations = perturbations if perturbations is not None else Perturbations.defaults(pathway)
        self.perturbations.validate(pathway)
        self.held = held_species(pathway, self.perturbations, set(switchable_holds))
        self._used_ids: set[str] = set()

    # -- public ---------------------------------------------------------------------------------
    def document(self):
        """The libsbml SBMLDocument (L3V2)."""
        lib = self.libsbml
        doc = lib.SBMLDocument(SBML_LEVEL, SBML_VERSION)
        model = doc.createModel()
        p = self.pathway
        model.setId(self._sid(p.id or "pathway"))
        model.setName(p.title)
        model.setSBOTerm(SBO_CONTINUOUS_FRAMEWORK)
        self._notes(model, self._model_notes())
        self._units(model)
        self._functions(model)
        self._compartments(model)
        self._species(model)
        self._parameters(model)
        self._rules(model)
        return doc

    def to_string(self) -> str:
        return self.libsbml.writeSBMLToString(self.document())

    # -- pieces ---------------------------------------------------------------------------------
    def _model_notes(self) -> list[tuple[str, str]]:
        p = self.pathway
        refs = "; ".join(p.references.values())
        return [("", p.description),
                ("Dynamics.", "Logic-based normalized-Hill ODEs (Kraeutler, Soltis & Saucerman 2010). Each species is "
                 "an activity between 0 and its ymax; d/dt = (drive·ymax − activity)/τ, with time in minutes. "
                 "Inputs, serine-kinase toggles, drug doses and held species are parameters you can change."),
                ("Perturbations in this file.", describe_perturbations(self.perturbations, self.held)),
                ("Exported by", f"PathwayViz from {p.source_file or p.id}."),
                ("References.", refs)]

    def _units(self, model) -> None:
        lib = self.libsbml
        unit_def = model.createUnitDefinition()
        unit_def.setId("minute")
        unit = unit_def.createUnit()
        unit.setKind(lib.UNIT_KIND_SECOND)
        unit.setExponent(1)
        unit.setScale(0)
        unit.setMultiplier(60.0)
        model.setTimeUnits("minute")
        model.setSubstanceUnits("dimensionless")
        model.setExtentUnits("dimensionless")
        model.setVolumeUnits("dimensionless")
        self._used_ids.add("minute")

    def _functions(self, model) -> None:
        for fid, formula in (("nh_activation", NH_ACTIVATION), ("nh_inhibition", NH_INHIBITION)):
            fd = model.createFunctionDefinition()
            fd.setId(fid)
            fd.setSBOTerm(SBO_MATHEMATICAL_EXPRESSION)
            fd.setMath(self._math(formula))
            self._used_ids.add(fid)

    def _compartments(self, model) -> None:
        p = self.pathway
        self._compartment_ids = {}
        needed = {s.compartment for s in p.species.values()}
        entries = [(c.id, c.label) for c in p.compartments]
        known = {c.id for c in p.compartments}
        if any(not c or c not in known for c in needed):
            entries.append((DEFAULT_COMPARTMENT, "Compartment of species that name none"))
        for cid, label in entries:
            comp = model.createCompartment()
            sid = self._sid(cid)
            self._compartment_ids[cid] = sid
            comp.setId(sid)
            comp.setName(label)
            comp.setConstant(True)
            comp.setSize(1.0)
            comp.setSpatialDimensions(3)
            comp.setUnits("dimensionless")
            comp.setSBOTerm(SBO_PHYSICAL_COMPARTMENT)

    def _species(self, model) -> None:
        held = {h.species: h for h in self.held}
        self.species_sid = {}
        for sp in self.pathway.species.values():
            s = model.createSpecies()
            sid = self._sid(sp.id)
            self.species_sid[sp.id] = sid
            s.setId(sid)
            s.setName(sp.label)
            s.setCompartment(self._compartment_ids.get(sp.compartment, DEFAULT_COMPARTMENT))
            s.setHasOnlySubstanceUnits(True)
            s.setBoundaryCondition(False)
            s.setConstant(False)
            s.setSubstanceUnits("dimensionless")
            h = held.get(sp.id)
            s.setInitialAmount(h.level * sp.ymax if h is not None and h.active else sp.y0)
            s.setSBOTerm(species_sbo(sp))
            self._notes(s, [("What it is.", sp.card.what), ("What it does here.", sp.card.does),
                            ("Debated.", sp.card.debate),
                            ("References.", "; ".join(self.pathway.references.get(r, r) for r in sp.references))])
            annotate(self.libsbml, s, sp.identifiers)

    def _parameters(self, model) -> None:
        p = self.pathway
        pert = self.perturbations
        self.edge_ids = {}
        variant_w = p.variant_weights(pert.variants)
        variant_hill = p.variant_hill(pert.variants)
        for it in p.interactions:
            k = it.index + 1
            src, tgt = p.species[it.source].label, p.species[it.target].label
            arrow = f"{src} → {tgt}" if not it.inhibits else f"{src} ⊣ {tgt}"
            gate = ", AND gate" if it.gate == "and" else ""
            ids = {}
            for key, value, sbo, what in (("w", variant_w.get(it.index, it.w), SBO_PARAMETER, "weight"),
                                          ("n", variant_hill.get(it.index, (it.ec50, it.n))[1], SBO_HILL_COEFFICIENT,
                                           "Hill coefficient"),
                                          ("ec50", variant_hill.get(it.index, (it.ec50, it.n))[0], SBO_PARAMETER, "EC50")):
                ids[key] = self._parameter(model, f"e{k}_{key}", value, f"{what}: {arrow}{gate}", sbo,
                                           notes=it.note)
            self.edge_ids[it.index] = ids
        self.tau_ids, self.ymax_ids = {}, {}
        for sp in p.species.values():
            self.tau_ids[sp.id] = self._parameter(model, f"tau_{sp.id}", sp.tau, f"time constant of {sp.label}",
                                                  SBO_PARAMETER, units="minute")
            self.ymax_ids[sp.id] = self._parameter(model, f"ymax_{sp.id}", sp.ymax, f"maximum of {sp.label}",
                                                   SBO_PARAMETER)
        self.basal_ids = {sp.id: self._parameter(model, f"basal_{sp.id}", sp.basal, f"constitutive drive of {sp.label}",
                                                 SBO_PARAMETER) for sp in p.species.values() if sp.basal}
        self.input_ids = {}
        for c in p.inputs:
            self.input_ids[c.species] = self._parameter(model, f"input_{c.species}", pert.inputs.get(c.species, 0.0),
                                                        f"input level: {c.label} (0..1)", SBO_PARAMETER)
        self.toggle_ids = {}
        for t in p.toggles:
            self.toggle_ids[t.species] = self._parameter(
                model, f"toggle_{t.species}", pert.toggles.get(t.species, 0.0),
                f"serine-kinase toggle: {t.label} (intensity 0..1; 0 = off)", SBO_PARAMETER)
        self.drug_ids = {}
        for d in p.drugs:
            dose = self._parameter(model, f"dose_{d.id}", pert.drugs.get(d.id, 0.0),
                                   f"dose of {d.label} (0..1; 0 = not given)", SBO_PARAMETER, notes=d.note)
            potency = self._parameter(model, f"potency_{d.id}", d.potency,
                                      f"potency of {d.label}: share of the target's drive removed at dose 1",
                                      SBO_PARAMETER)
            self.drug_ids[d.id] = (dose, potency)
        self.held_ids = {}
        for h in self.held:
            label = p.species[h.species].label
            flag = self._parameter(model, f"held_{h.species}", 1.0 if h.active else 0.0,
                                   f"{label} held still (1) or free (0)", SBO_PARAMETER)
            level = self._parameter(model, f"held_level_{h.species}", h.level,
                                    f"level {label} is held at, as a fraction of its maximum "
                                    "(0 = knockout, 1 = overexpression)", SBO_PARAMETER)
            free_start = self._parameter(model, f"y0_{h.species}", p.species[h.species].y0,
                                         f"initial activity of {label} when it is free", SBO_PARAMETER)
            self.held_ids[h.species] = (flag, level, free_start)
        self.drive_ids = {sid: self._parameter(model, f"drive_{sid}", 0.0, f"drive R of {p.species[sid].label}",
                                               SBO_PARAMETER, constant=False)
                          for sid in p.species_ids}

    def _rules(self, model) -> None:
        p = self.pathway
        for sid in p.species_ids:
            rule = model.createAssignmentRule()
            rule.setVariable(self.drive_ids[sid])
            rule.setSBOTerm(SBO_MATHEMATICAL_EXPRESSION)
            rule.setMath(self._math(self._drive_formula(sid)))
        drugs_on = {}
        for d in p.drugs:
            dose, potency = self.drug_ids[d.id]
            drugs_on.setdefault(d.target, []).append(f"({ONE} - {dose} * {potency})")
        for sid in p.species_ids:
            x = self.species_sid[sid]
            relax = " * ".join([self.drive_ids[sid], *drugs_on.get(sid, []), self.ymax_ids[sid]])
            formula = f"({relax} - {x}) / {self.tau_ids[sid]}"
            if sid in self.held_ids:
                flag, level, free_start = self.held_ids[sid]
                formula = f"({ONE} - {flag}) * {formula}"
                init = model.createInitialAssignment()
                init.setSymbol(x)
                init.setSBOTerm(SBO_MATHEMATICAL_EXPRESSION)
                init.setMath(self._math(f"piecewise({level} * {self.ymax_ids[sid]}, {flag} > 0.5 dimensionless, {free_start})"))
            rule = model.createRateRule()
            rule.setVariable(x)
            rule.setSBOTerm(SBO_RATE_LAW)
            rule.setMath(self._math(formula))

    def _drive_formula(self, sid: str) -> str:
        """R of one species as an SBML formula (the engine's ``drive``)."""
        p = self.pathway
        factors = []
        if sid in self.basal_ids:
            factors.append(f"({ONE} - {self.basal_ids[sid]})")
        if sid in self.input_ids:
            factors.append(f"({ONE} - {self.input_ids[sid]})")
        if sid in self.toggle_ids:
            factors.append(f"({ONE} - {self.toggle_ids[sid]})")
        and_terms: dict[str, list[str]] = {}  # one AND term per reaction (imported models may have several)
        for it in p.upstream(sid):
            term = self._edge_formula(it)
            if it.gate == "and":
                and_terms.setdefault(it.reaction, []).append(term)
            else:
                factors.append(f"({ONE} - {term})")
        for terms in and_terms.values():
            factors.append(f"({ONE} - {' * '.join(terms)})")
        if not factors:
            return "0 dimensionless"
        return f"{ONE} - {' * '.join(factors)}"

    def _edge_formula(self, it) -> str:
        ids = self.edge_ids[it.index]
        src = self.species_sid[it.source]
        function = "nh_inhibition" if it.inhibits else "nh_activation"
        # Netflux models feed the Hill function the activity itself, PathwayViz its fraction of ymax.
        x = src if self.pathway.hill_input == "level" else f"{src} / {self.ymax_ids[it.source]}"
        return f"{function}({x}, {ids['w']}, {ids['n']}, {ids['ec50']})"

    # -- helpers --------------------------------------------------------------------------------
    def _parameter(self, model, base: str, value: float, name: str, sbo: int, units: str = "dimensionless",
                   constant: bool = True, notes: str = "") -> str:
        par = model.createParameter()
        pid = self._sid(base)
        par.setId(pid)
        par.setName(name)
        par.setValue(float(value))
        par.setConstant(constant)
        par.setUnits(units)
        par.setSBOTerm(sbo)
        if notes:
            self._notes(par, [("", notes)])
        return pid

    def _sid(self, base: str) -> str:
        """A unique SBML id from ``base`` (a clash with an id already used gets a numeric suffix)."""
        sid = "".join(ch if ch.isalnum() or ch == "_" else "_" for ch in base) or "x"
        if not (sid[0].isalpha() or sid[0] == "_"):
            sid = "_" + sid
        candidate, k = sid, 2
        while candidate in self._used_ids:
            candidate, k = f"{sid}_{k}", k + 1
        self._used_ids.add(candidate)
        return candidate

    def _math(self, formula: str):
        ast = self.libsbml.parseL3Formula(formula)
        if ast is None:
            raise ModelExportError(f"internal formula could not be parsed: {formula} "
                                   f"({self.libsbml.getLastParseL3Error()})")
        return ast

    def _notes(self, element, paragraphs: list[tuple[str, str]]) -> None:
        if any(text for _, text in paragraphs):
            if element.setNotes(xhtml_notes(paragraphs)) != self.libsbml.LIBSBML_OPERATION_SUCCESS:
                raise ModelExportError(f"notes of '{element.getId()}' are not valid XHTML")


def write_sbml(pathway: Pathway, perturbations: Perturbations | None = None,
               switchable_holds: set[str] = frozenset()) -> str:
    """The SBML L3V2 text of ``pathway`` under ``perturbations`` (default: the pathway's defaults)."""
    return SbmlWriter(pathway, perturbations, switchable_holds).to_string()
