"""SBGN-ML export of the diagram in the Activity Flow language (libsbgnpy).

Every species is a glyph at its layout position: a *biological activity* with a unit of
information saying what carries the activity (macromolecule, simple chemical, complex), a
*perturbation* for outside stimuli, or a *phenotype* for processes and tissue readouts.
Compartments are compartment glyphs with their layout rectangles; clones (extra drawn copies)
carry SBGN clone markers. Each interaction is one arc: an activation is a positive influence,
or a necessary stimulation when it is one of the ``gate: and`` inputs the target needs all of;
an inhibition is a negative influence. (libsbgn's AF rules let only activities feed logic
operators, so AND gates with inhibitors cannot be drawn as operators.) Arcs start and end on
glyph borders, from whichever copies of the two species are closest, as the canvas draws them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.pathway import Interaction, Pathway, Species
from .sbml_common import require

# (width, height) of a species' node box, centred on its position, per drawn copy
NodeBoxes = dict[str, tuple[float, float]]
UOI_SIZE = (70.0, 16.0)


@dataclass(frozen=True)
class Box:
    cx: float
    cy: float
    w: float
    h: float

    def border_towards(self, x: float, y: float) -> tuple[float, float]:
        """Where the line from the centre towards (x, y) leaves the box."""
        dx, dy = x - self.cx, y - self.cy
        if dx == 0 and dy == 0:
            return self.cx, self.cy
        scale = min(self.w / 2 / abs(dx) if dx else math.inf, self.h / 2 / abs(dy) if dy else math.inf)
        return self.cx + dx * scale, self.cy + dy * scale


def estimated_box(species: Species, font_px: float = 15.0) -> tuple[float, float]:
    """A node size from the label when the canvas supplies none (the canvas' proportions).

    Like the canvas, a long label of several words wraps onto two lines.
    """
    words = species.label.split()
    lines = [species.label]
    if len(species.label) > 14 and len(words) > 1:
        half = len(words) // 2
        lines = [" ".join(words[:half]), " ".join(words[half:])]
    width = max(0.58 * font_px * max(len(line) for line in lines) + 1.4 * font_px, 4.2 * font_px)
    return width, 1.25 * font_px * len(lines) + 0.77 * font_px


def glyph_kind(species: Species, acts_on_others: bool) -> tuple[str, str | None]:
    """(SBGN AF glyph class, unit-of-information entity or None) for a species.

    A phenotype may only be the end of influences, so a process that acts on something is drawn
    as a biological activity.
    """
    schemes = {ident.split(":", 1)[0] for _, ident in species.identifiers}
    parts = [ident for q, ident in species.identifiers if q == "hasPart" and ident.startswith("uniprot:")]
    if species.kind == "stimulus" or (species.kind == "input" and not schemes & {"uniprot", "CHEBI"}):
        return "perturbation", None
    if "uniprot" in schemes:
        return "biological activity", "complex" if len(parts) >= 2 else "macromolecule"
    if "CHEBI" in schemes:
        return "biological activity", "simple chemical"
    if species.kind in ("process", "readout") and not acts_on_others:
        return "phenotype", None
    return "biological activity", "unspecified entity"


class SbgnWriter:
    """Builds the libsbgnpy document of a pathway's diagram."""

    def __init__(self, pathway: Pathway, boxes: dict[str, list[tuple[float, float]]] | None = None):
        self.lib = require("libsbgnpy", "sbgn")
        self.pathway = pathway
        self.boxes: dict[str, list[Box]] = {}
        for sp in pathway.species.values():
            sizes = (boxes or {}).get(sp.id) or [estimated_box(sp)] * (1 + len(sp.clones))
            centres = [sp.pos, *sp.clones]
            self.boxes[sp.id] = [Box(x, y, w, h) for (x, y), (w, h) in zip(centres, sizes)]
        self._arcs = 0

    def document(self):
        lib = self.lib
        p = self.pathway
        sbgn_map = lib.Map(id=f"map_{p.id or 'pathway'}", language=lib.MapLanguage.ACTIVITY_FLOW,
                           version=lib.MapVersion.HTTP_IDENTIFIERS_ORG_COMBINE_SPECIFICATIONS_SBGN_AF_LEVEL_1_VERSION_1_2)
        compartments = {c.id for c in p.compartments}
        for c in p.compartments:
            x, y, w, h = c.rect
            sbgn_map.glyph.append(lib.Glyph(id=f"comp_{c.id}", class_value=lib.GlyphClass.COMPARTMENT,
                                            label=lib.Label(text=c.label), bbox=lib.Bbox(x=x, y=y, w=w, h=h)))
        for sp in p.species.values():
            kind, entity = glyph_kind(sp, bool(p.downstream(sp.id)))
            for k, box in enumerate(self.boxes[sp.id]):
                sbgn_map.glyph.append(self._species_glyph(sp, k, box, kind, entity,
                                                          f"comp_{sp.compartment}" if sp.compartment in compartments
                                                          else None))
        for it in p.interactions:
            sbgn_map.arc.append(self._influence(it))
        xs = [g.bbox.x for g in sbgn_map.glyph] + [g.bbox.x + g.bbox.w for g in sbgn_map.glyph]
        ys = [g.bbox.y for g in sbgn_map.glyph] + [g.bbox.y + g.bbox.h for g in sbgn_map.glyph]
        sbgn_map.bbox = lib.Bbox(x=min(xs), y=min(ys), w=max(xs) - min(xs), h=max(ys) - min(ys))
        return lib.Sbgn(map=[sbgn_map])

    def to_string(self) -> str:
        return self.lib.write_sbgn_to_string(self.document())

    # -- pieces ---------------------------------------------------------------------------------
    def _species_glyph(self, sp: Species, k: int, box: Box, kind: str, entity: str | None, compartment: str | None):
        lib = self.lib
        glyph = lib.Glyph(id=glyph_id(sp.id, k), class_value=lib.GlyphClass(kind), label=lib.Label(text=sp.label),
                          bbox=lib.Bbox(x=box.cx - box.w / 2, y=box.cy - box.h / 2, w=box.w, h=box.h),
                          compartment_ref=compartment)
        if k > 0:
            glyph.clone = lib.Glyph.Clone()
        if entity is not None:
            uw, uh = UOI_SIZE
            glyph.glyph.append(lib.Glyph(
                id=f"{glyph_id(sp.id, k)}_uoi", class_value=lib.GlyphClass.UNIT_OF_INFORMATION,
                label=lib.Label(text=_entity_label(entity)),
                entity=lib.Glyph.Entity(name=lib.EntityName(entity)),
                bbox=lib.Bbox(x=box.cx - uw / 2, y=box.cy - box.h / 2 - uh / 2, w=uw, h=uh)))
        return glyph

    def nearest_copies(self, source: str, target: str) -> tuple[int, int]:
        """Indices of the copies of source and target whose centres are closest (as the canvas draws)."""
        pairs = [(a, b) for a in range(len(self.boxes[source])) for b in range(len(self.boxes[target]))]
        return min(pairs, key=lambda ab: math.dist(_centre(self.boxes[source][ab[0]]),
                                                    _centre(self.boxes[target][ab[1]])))

    def _influence(self, it: Interaction):
        a, b = self.nearest_copies(it.source, it.target)
        lib = self.lib
        if it.inhibits:
            cls = lib.ArcClass.NEGATIVE_INFLUENCE
        else:
            cls = lib.ArcClass.NECESSARY_STIMULATION if it.gate == "and" else lib.ArcClass.POSITIVE_INFLUENCE
        return self._arc(cls, glyph_id(it.source, a), self.boxes[it.source][a], glyph_id(it.target, b),
                         self.boxes[it.target][b])

    def _arc(self, cls, source_id: str, source: Box, target_id: str, target: Box):
        lib = self.lib
        self._arcs += 1
        sx, sy = source.border_towards(target.cx, target.cy)
        tx, ty = target.border_towards(source.cx, source.cy)
        return lib.Arc(id=f"arc_{self._arcs}", class_value=cls, source=source_id, target=target_id,
                       start=lib.Arc.Start(x=sx, y=sy), end=lib.Arc.End(x=tx, y=ty))


def glyph_id(species_id: str, copy: int) -> str:
    """The glyph of a species' main drawing (copy 0) or of its k-th clone."""
    return species_id if copy == 0 else f"{species_id}_clone{copy}"


def _centre(box: Box) -> tuple[float, float]:
    return box.cx, box.cy


def _entity_label(entity: str) -> str:
    return {"macromolecule": "mt:prot", "simple chemical": "mt:chem", "complex": "mt:cplx"}.get(entity, "mt:unsp")


def write_sbgn(pathway: Pathway, boxes: dict[str, list[tuple[float, float]]] | None = None) -> str:
    """SBGN-ML (Activity Flow) text of the diagram; ``boxes`` gives node sizes per drawn copy."""
    return SbgnWriter(pathway, boxes).to_string()
