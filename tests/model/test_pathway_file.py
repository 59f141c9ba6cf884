"""Loading and validating pathway files: the built-in model and every kind of broken file."""

from __future__ import annotations

import textwrap

import pytest

from pathwayviz.model.loader import load_pathway
from pathwayviz.model.yamlio import FileProblems

STABLE_IDS = """insulin plasma_insulin blood_glucose ir irs1_ptyr irs1_pser shc ras mek erk pi3k akt as160 glut4
foxo1 hgp gsk3 glycogen mtorc1 s6k1 srebp1c dnl tnfa ffa dag er_stress jnk ikk pkc lh theca_androgens
leydig_testosterone aromatase estradiol""".split()


def test_builtin_model_has_every_stable_species_id(pathway):
    missing = [sid for sid in STABLE_IDS if sid not in pathway.species]
    assert not missing


def test_every_species_has_a_card_with_resolvable_references(pathway):
    for sp in pathway.species.values():
        assert len(sp.card.what) > 40 and len(sp.card.does) > 60, sp.id
        assert sp.references, sp.id
        for key in sp.references:
            assert key in pathway.references, (sp.id, key)


def test_the_article_reference_list_is_cited(pathway):
    cited = {key for sp in pathway.species.values() for key in sp.references}
    for key in ("dunaif1997", "pitteloud2005dc", "diamanti2012"):
        assert key in cited


def test_graph_mirrors_interactions(pathway):
    assert pathway.graph.number_of_nodes() == len(pathway.species)
    assert pathway.graph.number_of_edges() == len(pathway.interactions)
    ups = {it.source for it in pathway.upstream("irs1_ptyr")}
    assert {"ir", "irs1_pser"} <= ups


def test_find_resolves_synonyms(pathway):
    assert pathway.find("PKB")[0] == "akt"
    assert pathway.find("IRS1")[0] == "irs1_ptyr"
    assert pathway.find("foxo1")[0] == "foxo1"
    assert pathway.find("") == []


def _write(tmp_path, body: str, name="broken.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


HEADER = """\
format: pathwayviz-pathway/1
id: t
title: T
species:
  - id: a
    pos: [0, 0]
  - id: b
    pos: [10, 0]
"""


@pytest.mark.parametrize("extra,line,fragment", [
    ("interactions:\n  - {source: a, target: AKT2}\n", 10, "targets unknown species 'AKT2'"),
    ("  - id: a\n    pos: [1, 1]\n", 9, "duplicate species id 'a'"),
    ("interactions:\n  - {source: a, target: b, w: .nan}\n", 10, "'w' is nan"),
    ("interactions:\n  - {source: a, target: b, ec50: 0.8}\n", 10, "EC50^n"),
    ("interactions:\n  - {source: a, target: b, n: many}\n", 10, "must be a number"),
    ("interactions:\n  - {target: b}\n", 10, "missing field 'source'"),
    ("interactions:\n  - {source: a, target: b, effect: boosts}\n", 10, "use 'activates' or 'inhibits'"),
    ("interactions:\n  - {source: a, target: b, w: 1.0e+308}\n", 10, "must be ≤ 1"),
])
def test_broken_files_name_file_line_and_fix(tmp_path, extra, line, fragment):
    path = _write(tmp_path, HEADER + extra)
    with pytest.raises(FileProblems) as info:
        load_pathway(path)
    text = str(info.value)
    assert f"broken.yaml:{line}:" in text
    assert fragment in text


def test_alias_bomb_is_refused_quickly(tmp_path):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    with pytest.raises(FileProblems, match="aliases"):
        load_pathway(_write(tmp_path, bomb))


@pytest.mark.parametrize("body,fragment", [
    ("", "must be a mapping"),
    ("- just\n- a list\n", "must be a mapping"),
    ("format: something-else\n", "format: pathwayviz-pathway/1"),
    ("format: pathwayviz-pathway/1\nid: [unclosed\n", "YAML syntax error"),
    ("format: pathwayviz-pathway/1\nid: t\ntitle: t\nspecies: 7\n", "must be a list"),
])
def test_malformed_files_get_a_message_not_a_traceback(tmp_path, body, fragment):
    with pytest.raises(FileProblems) as info:
        load_pathway(_write(tmp_path, body))
    assert fragment in str(info.value)


def test_missing_and_binary_files(tmp_path):
    with pytest.raises(FileProblems, match="not found"):
        load_pathway(tmp_path / "nope.yaml")
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    with pytest.raises(FileProblems, match="UTF-8"):
        load_pathway(binary)
