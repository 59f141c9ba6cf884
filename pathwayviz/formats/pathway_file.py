"""One way to open a pathway file, whatever its format, and one way to save any pathway as YAML.

``open_pathway`` reads PathwayViz YAML, Netflux spreadsheets (.xlsx/.xls) and SBML-qual (.xml/.sbml)
into a :class:`Pathway`, laid out automatically when the file gives no positions. ``save_pathway``
writes a pathway (an imported one included, with its layout) as a PathwayViz pathway file that
``open_pathway`` reads back into an equal pathway.
"""

from __future__ import annotations

from pathlib import Path

from ..model.files import write_text_atomic
from ..model.layout import needs_layout, with_layout
from ..model.loader import PATHWAY_FORMAT, load_pathway
from ..model.pathway import Pathway
from ..model.yamlio import Problem

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls")
SBML_SUFFIXES = (".xml", ".sbml")
OPEN_FILTER = "Pathways (*.yaml *.yml *.xlsx *.xlsm *.xls *.xml *.sbml);;All files (*)"


def open_pathway(path: str | Path, warnings: list[Problem] | None = None) -> Pathway:
    """Read any supported pathway file. Raises FileProblems naming file and line (or sheet, row, column).

    Non-fatal remarks (defaults filled in, rows skipped) are appended to ``warnings`` if given.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in SPREADSHEET_SUFFIXES:
        from .netflux import read_netflux

        pathway = read_netflux(path, warnings)
    elif suffix in SBML_SUFFIXES:
        from .sbml_qual_read import read_sbml_qual

        pathway = read_sbml_qual(path, warnings)
    else:
        pathway = load_pathway(path)
    return with_layout(pathway) if needs_layout(pathway) else pathway


def save_pathway(pathway: Pathway, path: str | Path) -> None:
    """Write ``pathway`` as a PathwayViz pathway YAML file, atomically (the old file survives a failure).

    Raises OSError with the reason when the folder cannot be written: a
    :class:`~pathwayviz.model.files.WriteError` whose message names the file and the fix.
    """
    import yaml  # only for writing: reading goes through model.yamlio (and its parse cache)

    path = Path(path)
    text = "# PathwayViz pathway" + (f", saved from {Path(pathway.source_file).name}" if pathway.source_file else "")
    text += "\n" + yaml.safe_dump(pathway_to_dict(pathway), sort_keys=False, allow_unicode=True, width=100)
    write_text_atomic(path, text)


def pathway_to_dict(p: Pathway) -> dict:
    """The pathway as the plain data of a pathway YAML file (the loader's field names)."""
    out: dict = {"format": PATHWAY_FORMAT, "id": p.id, "title": p.title}
    if p.description:
        out["description"] = p.description
    if p.time_unit != "min":
        out["time_unit"] = p.time_unit
    if p.hill_input != "fraction":
        out["hill_input"] = p.hill_input
    if p.layout:
        out["layout"] = p.layout
    if p.references:
        out["references"] = dict(p.references)
    if p.compartments:
        out["compartments"] = [{"id": c.id, "label": c.label, "kind": c.kind, "rect": list(c.rect)}
                               for c in p.compartments]
    out["species"] = [_species(sp) for sp in p.species.values()]
    out["interactions"] = [_interaction(it) for it in p.interactions]
    controls: dict = {}
    if p.inputs:
        controls["inputs"] = [_drop_empty({"species": c.species, "label": c.label, "default": c.default,
                                           "presets": dict(c.presets), "aliases": list(c.aliases)})
                              for c in p.inputs]
    if p.toggles:
        controls["toggles"] = [_drop_empty({"species": t.species, "label": t.label, "key": t.key,
                                            "default_intensity": t.default_intensity}) for t in p.toggles]
    if p.drugs:
        controls["drugs"] = [_drop_empty({"id": d.id, "label": d.label, "target": d.target, "potency": d.potency,
                                          "note": d.note}) for d in p.drugs]
    if controls:
        out["controls"] = controls
    if p.readouts:
        out["readouts"] = [_drop_empty({"species": r.species, "label": r.label, "tissue": r.tissue})
                           for r in p.readouts]
    if p.variants:
        out["variants"] = [{"id": v.id, "label": v.label, "default": v.default,
                            "options": [_drop_empty({"id": o.id, "label": o.label, "weights": dict(o.weights),
                                                     "hill": {iid: {"ec50": e, "n": n} for iid, e, n in o.hill},
                                                     "card": o.card}) for o in v.options]} for v in p.variants]
    if p.presets:
        out["presets"] = [_drop_empty({"id": q.id, "label": q.label, "description": q.description,
                                       "inputs": dict(q.inputs), "toggles": dict(q.toggles), "drugs": dict(q.drugs),
                                       "variants": dict(q.variants)}) for q in p.presets]
    return out


def _species(sp) -> dict:
    card = _drop_empty({"what": sp.card.what, "does": sp.card.does, "debate": sp.card.debate})
    return _drop_empty({
        "id": sp.id, "label": sp.label, "kind": sp.kind, "compartment": sp.compartment, "pos": list(sp.pos),
        "y0": sp.y0, "ymax": sp.ymax, "tau": sp.tau, "synonyms": list(sp.synonyms), "card": card,
        "references": list(sp.references),
        "badges": [{"label": b.label, "species": b.species, "kind": b.kind} for b in sp.badges],
        "hidden": sp.hidden or None, "clones": [list(c) for c in sp.clones],
        "identifiers": _identifiers(sp.identifiers), "basal": sp.basal or None,
        "claims": [_drop_empty({c.action: c.subject, c.direction: c.species, "preset": c.preset, "by": c.by,
                                "variant": c.variant})
                   for c in sp.claims]})


def _identifiers(pairs) -> dict:
    grouped: dict[str, list[str]] = {}
    for qualifier, ident in pairs:
        grouped.setdefault(qualifier, []).append(ident)
    return grouped


def _interaction(it) -> dict:
    return _drop_empty({"id": it.id, "source": it.source, "target": it.target, "effect": it.effect, "w": it.w, "n": it.n,
                        "ec50": it.ec50, "gate": it.gate, "note": it.note, "reaction": it.reaction})


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in ("", None, [], {})}

