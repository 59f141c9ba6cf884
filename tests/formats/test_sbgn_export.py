"""SBGN-ML (Activity Flow) export: valid against schema and libsbgn rules; read back with the same
nodes, arcs and coordinates."""

from __future__ import annotations

import math

import pytest
from libsbgnpy import read_sbgn_from_string
from libsbgnpy.schematron import validate_schematron
from libsbgnpy.validator import validate

from pathwayviz.formats.sbgn import glyph_id, write_sbgn


@pytest.fixture(scope="module")
def sizes(pathway):
    # distinct sizes per copy, so the test notices a writer that ignores them
    return {sid: [(60.0 + 3 * k + len(sid), 30.0 + k) for k in range(1 + len(sp.clones))]
            for sid, sp in pathway.species.items()}


@pytest.fixture(scope="module")
def text(pathway, sizes):
    return write_sbgn(pathway, sizes)


def test_valid_against_the_schema_the_specification_and_the_af_rules(text, tmp_path):
    path = tmp_path / "diagram.sbgn"
    path.write_text(text)
    assert validate(path) == []
    assert validate_schematron(path) == []


def test_read_back_with_the_same_nodes_and_coordinates(pathway, sizes, text):
    sbgn_map = read_sbgn_from_string(text).map[0]
    assert sbgn_map.language.value == "activity flow"
    glyphs = {g.id: g for g in sbgn_map.glyph}
    expected = {glyph_id(sid, k) for sid, sp in pathway.species.items() for k in range(1 + len(sp.clones))}
    expected |= {f"comp_{c.id}" for c in pathway.compartments}
    assert set(glyphs) == expected
    for sid, sp in pathway.species.items():
        for k, (x, y) in enumerate([sp.pos, *sp.clones]):
            g = glyphs[glyph_id(sid, k)]
            w, h = sizes[sid][k]
            assert (g.bbox.x + g.bbox.w / 2, g.bbox.y + g.bbox.h / 2) == pytest.approx((x, y))
            assert (g.bbox.w, g.bbox.h) == pytest.approx((w, h))
            assert g.label.text == sp.label
            assert (g.clone is not None) == (k > 0)
            if sp.compartment:
                assert g.compartment_ref == f"comp_{sp.compartment}"
    for c in pathway.compartments:
        g = glyphs[f"comp_{c.id}"]
        assert (g.bbox.x, g.bbox.y, g.bbox.w, g.bbox.h) == pytest.approx(c.rect)
        assert g.label.text == c.label


def test_one_arc_per_interaction_with_its_meaning_between_the_nearest_copies(pathway, text):
    sbgn_map = read_sbgn_from_string(text).map[0]
    glyphs = {g.id: g for g in sbgn_map.glyph}
    owner = {glyph_id(sid, k): sid for sid, sp in pathway.species.items() for k in range(1 + len(sp.clones))}
    arcs = sorted((owner[a.source], owner[a.target], a.class_value.value) for a in sbgn_map.arc)
    expected = sorted((it.source, it.target, "negative influence" if it.inhibits else
                       "necessary stimulation" if it.gate == "and" else "positive influence")
                      for it in pathway.interactions)
    assert arcs == expected
    for arc in sbgn_map.arc:
        src, tgt = glyphs[arc.source].bbox, glyphs[arc.target].bbox
        # the arc starts on the source's border and ends on the target's
        assert _on_border(src, arc.start.x, arc.start.y) and _on_border(tgt, arc.end.x, arc.end.y)
        # and it joins the closest pair of drawn copies
        copies_s = [g.bbox for gid, g in glyphs.items() if owner.get(gid) == owner[arc.source]]
        copies_t = [g.bbox for gid, g in glyphs.items() if owner.get(gid) == owner[arc.target]]
        best = min(math.dist(_centre(a), _centre(b)) for a in copies_s for b in copies_t)
        assert math.dist(_centre(src), _centre(tgt)) == pytest.approx(best)


def test_glyph_classes_follow_what_the_species_is(pathway, text):
    glyphs = {g.id: g for g in read_sbgn_from_string(text).map[0].glyph}
    assert glyphs["ir"].class_value.value == "biological activity"
    assert glyphs["ir"].glyph[0].entity.name.value == "macromolecule"
    assert glyphs["pi3k"].glyph[0].entity.name.value == "complex"
    assert glyphs["blood_glucose"].glyph[0].entity.name.value == "simple chemical"
    assert glyphs["er_stress"].class_value.value == "perturbation"
    assert glyphs["glycogen"].class_value.value == "phenotype"


def test_sizes_are_estimated_from_labels_without_the_canvas(pathway):
    glyphs = {g.id: g for g in read_sbgn_from_string(write_sbgn(pathway)).map[0].glyph}
    assert glyphs["ir"].bbox.w > 40 and glyphs["ir"].bbox.h > 15
    assert glyphs["glycogen"].bbox.h > glyphs["akt"].bbox.h  # "Glycogen synthesis" wraps onto two lines
    assert glyphs["akt"].bbox.w < glyphs["leydig_testosterone"].bbox.w


def _centre(b):
    return b.x + b.w / 2, b.y + b.h / 2


def _on_border(b, x, y, eps=1e-6):
    inside = b.x - eps <= x <= b.x + b.w + eps and b.y - eps <= y <= b.y + b.h + eps
    edge = min(abs(x - b.x), abs(x - b.x - b.w), abs(y - b.y), abs(y - b.y - b.h)) < eps
    return inside and edge
