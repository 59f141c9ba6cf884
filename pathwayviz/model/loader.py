"""Load a pathway YAML file into a validated :class:`Pathway`, or explain every problem with file:line."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from .fields import FieldChecker, did_you_mean, finite_float, item_line, printable
from .mechanisms import read_claims, read_presets, read_variants
from .pathway import (ACTIVATES, INHIBITS, Badge, Card, Compartment, Drug, InputControl, Interaction,
                      Pathway, Readout, Species, ToggleControl)
from .yamlio import FileProblems, LineDict, load_yaml

PATHWAY_FORMAT = "pathwayviz-pathway/1"
_ID = re.compile(r"[a-z][a-z0-9_]*")  # matched with fullmatch: "akt\n" is not an id
MAX_SPECIES = 20000
MAX_INTERACTIONS = 50000

# Every field each part of a pathway file may have; anything else is refused with a "did you
# mean". Adding a field to the format is one line here plus the code that reads it.
FIELDS: dict[str, tuple[str, ...]] = {
    "pathway": ("format", "id", "title", "description", "references", "compartments", "species", "interactions",
                "controls", "readouts", "time_unit", "hill_input", "variants", "presets", "layout"),
    "compartment": ("id", "label", "kind", "rect"),
    "species": ("id", "label", "kind", "compartment", "pos", "y0", "ymax", "tau", "synonyms", "card", "references",
                "badges", "hidden", "clones", "identifiers", "basal", "claims"),
    "card": ("what", "does", "debate"),
    "badge": ("label", "species", "kind"),
    "interaction": ("id", "source", "target", "effect", "w", "n", "ec50", "gate", "note", "reaction"),
    "controls": ("inputs", "toggles", "drugs"),
    "input": ("species", "label", "default", "presets", "aliases"),
    "toggle": ("species", "label", "key", "default_intensity"),
    "drug": ("id", "label", "target", "potency", "note"),
    "readout": ("species", "label", "tissue"),
    "variant": ("id", "label", "default", "options"),
    "variant option": ("id", "label", "weights", "hill", "card"),
    "hill step": ("ec50", "n"),
    "preset": ("id", "label", "description", "inputs", "toggles", "drugs", "variants"),
    "claim": ("knockout", "overexpress", "raise", "drug", "raises", "lowers", "keeps", "unchanged", "preset", "by",
              "variant"),
}

# Bounds that keep the normalized-Hill ODEs computable in float64 (see sim/engine.py):
# τ is in minutes; below TAU_MIN a species relaxes faster than anything the animation (2 s of
# simulated time per frame) or a signalling measurement can resolve, above TAU_MAX it never moves.
TAU_MIN, TAU_MAX = 1e-3, 1e5
# ymax scales a species' activity; x = y/ymax must stay representable, so a subnormal ymax
# (1e-320 gives 0/0) or one that overflows when multiplied by R is meaningless.
YMAX_MIN, YMAX_MAX = 1e-6, 1e6
# K^n = EC50^n / (1 − 2·EC50^n). Below this EC50^n the curve is a step the arithmetic cannot
# resolve (B rounds to 1 and K^n towards 0, so x^n/(K^n + x^n) is 0/0 at x = 0).
EC50N_MIN = 1e-12
# Scene coordinates (pos, clones, compartment rects): the built-in diagram spans about 1,500
# units; far beyond this drawing and fitting the view become meaningless and slow.
MAX_COORDINATE = 1e5


def is_position(value, count: int) -> bool:
    """True for a list of ``count`` finite numbers inside ±MAX_COORDINATE."""
    return (isinstance(value, list) and len(value) == count
            and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                    and abs(finite_float(v)) <= MAX_COORDINATE for v in value))


def load_pathway(path: str | Path) -> Pathway:
    """Load and validate a pathway file. Raises :class:`FileProblems` listing every problem found."""
    path = Path(path)
    data = load_yaml(path)
    return build_pathway(data, path.name, str(path))


def build_pathway(data, file: str, source_file: str = "") -> Pathway:
    ck = FieldChecker(file)
    top = ck.header(data, PATHWAY_FORMAT, "pathway")
    ck.unknown_keys(top, FIELDS["pathway"], "the pathway")
    pid = ck.reference(top, "id", "the pathway")
    title = ck.text(top, "title", "the pathway")
    description = ck.text(top, "description", "the pathway", required=False)
    time_unit = ck.text(top, "time_unit", "the pathway", required=False, default="min")
    hill_input = ck.text(top, "hill_input", "the pathway", required=False, default="fraction")
    if hill_input not in ("fraction", "level"):
        ck.problem(top.line_of("hill_input"), f"'hill_input' is '{hill_input}'; use 'fraction' (y/ymax) or "
                                              f"'level' (y, as Netflux)")
        hill_input = "fraction"
    layout = ck.text(top, "layout", "the pathway", required=False, default="")
    if layout not in ("", "auto"):
        ck.problem(top.line_of("layout"), f"'layout' is '{layout}'; the only value is 'auto' (positions computed "
                                          f"automatically, feedback edges drawn round the side), or leave it out")
        layout = ""

    references: dict[str, str] = {}
    refs = top.get("references")
    if refs is not None:
        rm = ck.mapping(refs, top.line_of("references"), "'references'")
        if rm is not None:
            for key, val in rm.items():
                if not isinstance(val, str):
                    ck.problem(rm.line_of(key), f"reference '{key}' must be a one-line citation (text)")
                else:
                    references[str(key)] = val

    compartments: list[Compartment] = []
    comp_ids: set[str] = set()
    for label, m in ck.entries(top, "compartments", "compartment", FIELDS["compartment"]):
        cid = ck.reference(m, "id", label)
        what = f"compartment '{cid}'"
        rect = _numbers(ck, m, "rect", what, 4)
        if cid in comp_ids:
            ck.problem(m.line_of("id"), f"duplicate compartment id '{cid}'; ids must be unique")
        comp_ids.add(cid)
        compartments.append(Compartment(cid, ck.text(m, "label", what, required=False, default=cid),
                                        ck.text(m, "kind", what, required=False, default="cytoplasm"),
                                        tuple(rect or (0, 0, 0, 0))))

    raw_species = ck.sequence(top.get("species"), top.line_of("species"), "'species'")
    if not raw_species:
        ck.problem(top.line_of("species") if "species" in top else top.line, "the pathway has no species; add a "
                   "'species:' list")
    if len(raw_species) > MAX_SPECIES:
        ck.problem(top.line_of("species"), f"{len(raw_species)} species is more than the {MAX_SPECIES} supported")
        raise FileProblems(ck.problems)
    species: dict[str, Species] = {}
    claim_maps: dict[str, LineDict] = {}
    badge_refs: list[tuple[int, str]] = []
    for i, raw in enumerate(raw_species):
        m = ck.mapping(raw, item_line(raw_species, i), f"species {i + 1}")
        if m is None:
            continue
        sid = ck.reference(m, "id", f"species {i + 1}")
        what = f"species '{printable(sid)}'" if sid else f"species {i + 1}"
        ck.unknown_keys(m, FIELDS["species"], what)
        if sid and not _ID.fullmatch(sid):
            ck.problem(m.line_of("id"), f"{what}: id must be lower_snake_case letters, digits and '_'")
        if sid in species:
            ck.problem(m.line_of("id"), f"duplicate species id '{sid}'; each species needs its own id")
            continue
        compartment = ck.text(m, "compartment", what, required=False, default="")
        if compartment and comp_ids and compartment not in comp_ids:
            ck.problem(m.line_of("compartment"), f"{what} is in unknown compartment '{compartment}'; "
                                                  f"known: {', '.join(sorted(comp_ids))}")
        pos = _numbers(ck, m, "pos", what, 2) or (0.0, 0.0)
        ymax = ck.number(m, "ymax", what, 1.0, lo=YMAX_MIN, hi=YMAX_MAX)
        y0 = ck.number(m, "y0", what, 0.0, lo=0.0, hi=YMAX_MAX)
        if y0 > ymax:
            ck.problem(m.line_of("y0"), f"{what}: y0 ({y0:g}) is above ymax ({ymax:g})")
        tau = ck.number(m, "tau", what, 1.0, lo=TAU_MIN, hi=TAU_MAX)
        card_m = m.get("card")
        card = Card()
        if card_m is not None:
            cm = ck.mapping(card_m, m.line_of("card"), f"{what} card")
            if cm is not None:
                ck.unknown_keys(cm, FIELDS["card"], f"{what} card")
                card = Card(ck.text(cm, "what", f"{what} card", required=False),
                            ck.text(cm, "does", f"{what} card", required=False),
                            ck.text(cm, "debate", f"{what} card", required=False))
        refs_cited = ck.strings(m, "references", what)
        for r in refs_cited:
            if references and r not in references:
                ck.problem(m.line_of("references"), f"{what} cites unknown reference '{r}'; add it under "
                                                     f"'references:' at the top")
        badges = []
        for j, braw in enumerate(ck.sequence(m.get("badges"), m.line_of("badges"), f"{what} badges")):
            bm = ck.mapping(braw, m.line_of("badges"), f"{what} badge {j + 1}")
            if bm is None:
                continue
            ck.unknown_keys(bm, FIELDS["badge"], f"{what} badge {j + 1}")
            b = Badge(ck.text(bm, "label", f"{what} badge"), ck.reference(bm, "species", f"{what} badge"),
                      ck.text(bm, "kind", f"{what} badge", required=False, default="ptyr"))
            badge_refs.append((bm.line, b.species))
            badges.append(b)
        clones = []
        for j, craw in enumerate(ck.sequence(m.get("clones"), m.line_of("clones"), f"{what} clones")):
            if not is_position(craw, 2):
                ck.problem(m.line_of("clones"), f"{what} clone {j + 1} must be a position [x, y] of numbers "
                                                f"within ±{MAX_COORDINATE:g}")
                continue
            clones.append((float(craw[0]), float(craw[1])))
        hidden = m.get("hidden", False)
        if not isinstance(hidden, bool):
            ck.problem(m.line_of("hidden"), f"{what} field 'hidden' must be true or false")
            hidden = False
        if "claims" in m:
            claim_maps[sid] = m
        species[sid] = Species(
            id=sid, label=ck.text(m, "label", what, required=False, default=sid),
            kind=ck.text(m, "kind", what, required=False, default="protein"), compartment=compartment,
            pos=tuple(pos), y0=y0, ymax=ymax, tau=tau, synonyms=ck.strings(m, "synonyms", what), card=card,
            references=refs_cited, badges=tuple(badges), hidden=hidden, clones=tuple(clones),
            basal=ck.number(m, "basal", what, 0.0, lo=0.0, hi=1.0),
            identifiers=_identifiers(ck, m, what))
    for line, sid in badge_refs:
        if sid and sid not in species:
            ck.problem(line, f"badge refers to unknown species '{sid}'")

    interactions: list[Interaction] = []
    interaction_ids: set[str] = set()
    raw_int = ck.sequence(top.get("interactions"), top.line_of("interactions"), "'interactions'")
    if len(raw_int) > MAX_INTERACTIONS:
        ck.problem(top.line_of("interactions"), f"{len(raw_int)} interactions is more than the "
                                                 f"{MAX_INTERACTIONS} supported")
        raise FileProblems(ck.problems)
    for i, raw in enumerate(raw_int):
        what = f"interaction {i + 1}"
        m = ck.mapping(raw, item_line(raw_int, i), what)
        if m is None:
            continue
        ck.unknown_keys(m, FIELDS["interaction"], what)
        src = ck.reference(m, "source", what)
        tgt = ck.reference(m, "target", what)
        for key, sid in (("source", src), ("target", tgt)):
            if sid and sid not in species:
                hint = _suggest(sid, species)
                ck.problem(m.line_of(key), f"{what} {'starts from' if key == 'source' else 'targets'} unknown "
                                           f"species '{sid}'{hint}")
        effect = ck.text(m, "effect", what, required=False, default=ACTIVATES)
        if effect not in (ACTIVATES, INHIBITS):
            ck.problem(m.line_of("effect"), f"{what} field 'effect' is '{effect}'; use 'activates' or 'inhibits'")
            effect = ACTIVATES
        w = ck.number(m, "w", what, 1.0, lo=0.0, hi=1.0)
        n = ck.number(m, "n", what, 1.4, lo=0.0, lo_open=True, hi=20.0)
        ec50 = ck.number(m, "ec50", what, 0.5, lo=0.0, lo_open=True, hi=1.0)
        ec_n = ec50 ** n
        if ec_n >= 0.5:
            ck.problem(m.line_of("ec50") if "ec50" in m else m.line,
                       f"{what}: EC50^n = {ec50:g}^{n:g} = {ec_n:.3g} must be below 0.5 for the "
                       f"normalized-Hill curve to exist; lower ec50 or n")
        elif ec_n < EC50N_MIN:
            ck.problem(m.line_of("ec50") if "ec50" in m else m.line,
                       f"{what}: EC50^n = {ec50:g}^{n:g} = {ec_n:.3g} is below {EC50N_MIN:g}: the curve "
                       f"becomes a step too sharp to compute; raise ec50 or lower n")
        gate = ck.text(m, "gate", what, required=False, default="or")
        if gate not in ("or", "and"):
            ck.problem(m.line_of("gate"), f"{what} field 'gate' is '{gate}'; use 'or' or 'and'")
            gate = "or"
        iid = ck.text(m, "id", what, required=False)
        if iid and not _ID.match(iid):
            ck.problem(m.line_of("id"), f"{what}: id '{iid}' must be lower_snake_case letters, digits and '_'")
        if iid and iid in interaction_ids:
            ck.problem(m.line_of("id"), f"{what}: duplicate interaction id '{iid}'")
        interaction_ids.add(iid)
        interactions.append(Interaction(i, src, tgt, effect, w, n, ec50, gate,
                                        ck.text(m, "note", what, required=False),
                                        ck.text(m, "reaction", what, required=False), iid))

    controls = top.get("controls")
    inputs: list[InputControl] = []
    toggles: list[ToggleControl] = []
    drugs: list[Drug] = []
    if controls is not None:
        cm = ck.mapping(controls, top.line_of("controls"), "'controls'")
        if cm is not None:
            ck.unknown_keys(cm, FIELDS["controls"], "'controls'")
            inputs, toggles, drugs = _controls(ck, cm, species)
    readouts: list[Readout] = []
    for what, m in ck.entries(top, "readouts", "readout", FIELDS["readout"]):
        sid = ck.reference(m, "species", what)
        _known(ck, m, "species", sid, species, what)
        readouts.append(Readout(sid, ck.text(m, "label", what, required=False, default=sid),
                                ck.text(m, "tissue", what, required=False)))

    variants = read_variants(ck, top, interactions, FIELDS)
    presets = read_presets(ck, top, species, inputs, toggles, drugs, variants, FIELDS)
    preset_ids = [p.id for p in presets]
    for sid, m in claim_maps.items():
        claims = read_claims(ck, m, f"species '{sid}'", species, inputs, toggles, drugs, preset_ids, FIELDS,
                             variants)
        species[sid] = dataclasses.replace(species[sid], claims=claims)

    if ck.problems:
        raise FileProblems(ck.problems)
    return Pathway(pid, title, description, species, interactions, compartments, inputs, toggles, drugs,
                   readouts, references, source_file, time_unit, hill_input, variants=variants, presets=presets,
                   layout=layout)


def _controls(ck: FieldChecker, cm: LineDict, species: dict[str, Species]):
    inputs, toggles, drugs = [], [], []
    seen: set[str] = set()
    for what, m in ck.entries(cm, "inputs", "input", FIELDS["input"], "'controls.inputs'"):
        sid = ck.reference(m, "species", what)
        _known(ck, m, "species", sid, species, what)
        if sid in seen:
            ck.problem(m.line_of("species"), f"'{sid}' is listed as an input twice")
        seen.add(sid)
        presets = []
        pm = m.get("presets")
        if pm is not None:
            pmm = ck.mapping(pm, m.line_of("presets"), f"{what} presets")
            if pmm is not None:
                for name in pmm:
                    presets.append((str(name), ck.number(pmm, name, f"{what} preset", 0.0, lo=0.0, hi=1.0)))
        inputs.append(InputControl(sid, ck.text(m, "label", what, required=False, default=sid),
                                   ck.number(m, "default", what, 0.0, lo=0.0, hi=1.0), tuple(presets),
                                   ck.strings(m, "aliases", what)))
    for what, m in ck.entries(cm, "toggles", "toggle", FIELDS["toggle"], "'controls.toggles'"):
        sid = ck.reference(m, "species", what)
        _known(ck, m, "species", sid, species, what)
        toggles.append(ToggleControl(sid, ck.text(m, "label", what, required=False, default=sid),
                                     ck.text(m, "key", what, required=False),
                                     ck.number(m, "default_intensity", what, 0.8, lo=0.0, hi=1.0)))
    drug_ids: set[str] = set()
    for what, m in ck.entries(cm, "drugs", "drug", FIELDS["drug"], "'controls.drugs'"):
        did = ck.reference(m, "id", what)
        if did in drug_ids:
            ck.problem(m.line_of("id"), f"duplicate drug id '{did}'")
        drug_ids.add(did)
        tgt = ck.reference(m, "target", what)
        _known(ck, m, "target", tgt, species, what)
        drugs.append(Drug(did, ck.text(m, "label", what, required=False, default=did), tgt,
                          ck.number(m, "potency", what, 0.9, lo=0.0, hi=1.0),
                          ck.text(m, "note", what, required=False)))
    return inputs, toggles, drugs


# BioModels biology qualifiers a species may use, and the identifier schemes it may cite.
IDENTIFIER_QUALIFIERS = ("is", "isVersionOf", "hasVersion", "hasPart")
_COMPACT_ID = re.compile(r"^(?:uniprot:(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})"
                         r"|CHEBI:[0-9]+|GO:[0-9]{7}|CL:[0-9]{7})$")


def _identifiers(ck: FieldChecker, m: LineDict, what: str) -> tuple[tuple[str, str], ...]:
    """``identifiers: [uniprot:P06213]`` (qualifier 'is') or ``{hasVersion: [uniprot:P45983, ...]}``."""
    if "identifiers" not in m or m["identifiers"] is None:
        return ()
    raw = m["identifiers"]
    line = m.line_of("identifiers")
    groups = raw.items() if isinstance(raw, dict) else [("is", raw)]
    found = []
    for qualifier, ids in groups:
        if qualifier not in IDENTIFIER_QUALIFIERS:
            ck.problem(line, f"{what} identifiers use qualifier '{qualifier}'; use one of "
                             f"{', '.join(IDENTIFIER_QUALIFIERS)}")
            continue
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list):
            ck.problem(line, f"{what} identifiers must be a list such as [uniprot:P06213, CHEBI:17234]")
            continue
        for ident in ids:
            if not isinstance(ident, str) or not _COMPACT_ID.match(ident):
                ck.problem(line, f"{what} identifier {ident!r} is not a UniProt (uniprot:P06213), ChEBI "
                                 f"(CHEBI:17234), GO (GO:0005978) or Cell Ontology (CL:0000169) identifier")
                continue
            found.append((str(qualifier), ident))
    return tuple(found)


def _known(ck: FieldChecker, m: LineDict, key: str, sid: str, species: dict, what: str) -> None:
    if sid and sid not in species:
        ck.problem(m.line_of(key), f"{what} names unknown species '{sid}'{_suggest(sid, species)}")


def _suggest(sid: str, species: dict) -> str:
    return did_you_mean(sid, species) or "; check the spelling against the species ids"


def _numbers(ck: FieldChecker, m: LineDict, key: str, what: str, count: int):
    if key not in m:
        if key == "rect":
            ck.problem(m.line, f"{what} is missing field '{key}' ([x, y, width, height])")
        return None
    value = m[key]
    if not is_position(value, count):
        ck.problem(m.line_of(key), f"{what} field '{key}' must be a list of {count} numbers within "
                                   f"±{MAX_COORDINATE:g}")
        return None
    return tuple(float(v) for v in value)
