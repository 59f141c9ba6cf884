"""The glossary: loading and checking, lookup, and linking terms in captions (core, no Qt)."""

from __future__ import annotations

import pytest

from pathwayviz.model.glossary import Glossary
from pathwayviz.model.yamlio import FileProblems


@pytest.fixture(scope="module")
def glossary():
    return Glossary.builtin()


def test_builtin_glossary_validates(glossary):
    assert len(glossary) >= 20
    for t in glossary.terms():
        assert t.term and len(t.definition) > 40
    for key in ("hyperinsulinemia", "selective_insulin_resistance", "steroidogenesis"):
        assert glossary.lookup(key).key == key


@pytest.mark.parametrize("word, key", [
    ("hyperinsulinaemia", "hyperinsulinemia"),
    ("HIGH INSULIN", "hyperinsulinemia"),
    ("Selective  insulin\nresistance", "selective_insulin_resistance"),
    ("dnl", "de_novo_lipogenesis"),
    ("PCOS", "pcos"),
    ("Steroidogenesis", "steroidogenesis"),
])
def test_lookup_by_key_term_or_alias_ignores_case(glossary, word, key):
    assert glossary.lookup(word).key == key


def test_lookup_of_unknown_word_is_none(glossary):
    assert glossary.lookup("photosynthesis") is None
    assert glossary.lookup("") is None


def test_link_terms_wraps_first_mention_of_each_term(glossary):
    text = ("Hyperinsulinemia drives selective insulin resistance. Hyperinsulinemia persists, "
            "so selective insulin resistance gets worse; photosynthesis is unaffected.")
    out = glossary.link_terms(text)
    assert out.count('<a href="glossary:hyperinsulinemia">Hyperinsulinemia</a>') == 1
    assert out.count('<a href="glossary:selective_insulin_resistance">selective insulin resistance</a>') == 1
    assert out.count("<a ") == 2
    assert "glossary:insulin_resistance" not in out  # the longer term wins over the one inside it
    assert out.endswith("so selective insulin resistance gets worse; photosynthesis is unaffected.")
    assert glossary.from_link("glossary:hyperinsulinemia").term == "Hyperinsulinemia"
    assert glossary.from_link("https://example.org") is None


def test_link_terms_leaves_text_without_terms_alone(glossary):
    text = "Glucose < 5 &amp; photosynthesis in chloroplasts."
    assert glossary.link_terms(text) == text
    assert glossary.link_terms("") == ""


def test_link_terms_respects_word_boundaries(glossary):
    assert glossary.link_terms("hyperinsulinemias and prehyperinsulinemia") == \
        "hyperinsulinemias and prehyperinsulinemia"


def test_link_terms_never_inside_tags_or_existing_links(glossary):
    html = ('<p title="hyperinsulinemia"><a href="https://x.org">Steroidogenesis</a> and '
            '<b>steroidogenesis</b> under hyperinsulinemia</p>')
    out = glossary.link_terms(html)
    assert out == ('<p title="hyperinsulinemia"><a href="https://x.org">Steroidogenesis</a> and '
                   '<b><a href="glossary:steroidogenesis">steroidogenesis</a></b> under '
                   '<a href="glossary:hyperinsulinemia">hyperinsulinemia</a></p>')
    assert glossary.link_terms(out) == out  # linking twice changes nothing


def _load(tmp_path, text):
    path = tmp_path / "glossary.yaml"
    path.write_text(text, encoding="utf-8")
    return Glossary.load(path)


def test_bad_entries_are_reported_with_file_and_line(tmp_path):
    with pytest.raises(FileProblems) as info:
        _load(tmp_path, "terms:\n"
                        "  ok:\n    term: Fine\n    definition: A fine term.\n"
                        "  no_definition:\n    term: Missing\n"
                        "  bad_aliases:\n    term: Bad\n    definition: x\n    aliases: oops\n"
                        "  typo:\n    term: Typo\n    defintion: x\n"
                        "  clash:\n    term: fine\n    definition: Same name as 'ok'.\n")
    messages = [str(p) for p in info.value.problems]
    assert "glossary.yaml:5: term 'no_definition' needs 'definition' as non-empty text" in messages
    assert any(m.startswith("glossary.yaml:10: term 'bad_aliases': 'aliases'") for m in messages)
    assert any(m.startswith("glossary.yaml:13: term 'typo' has unknown field 'defintion'") for m in messages)
    assert any(m.startswith("glossary.yaml:14: 'fine' of term 'clash' is already used by term 'ok'")
               for m in messages)


@pytest.mark.parametrize("text", ["- a list\n", "terms: [1, 2]\n", "title: no terms\n"])
def test_wrong_shape_is_refused(tmp_path, text):
    with pytest.raises(FileProblems, match="glossary.yaml:1: a glossary file has a 'terms:' mapping"):
        _load(tmp_path, text)


def test_aliases_are_optional(tmp_path):
    g = _load(tmp_path, "terms:\n  insulin:\n    term: Insulin\n    definition: A hormone.\n")
    assert g.lookup("INSULIN").aliases == ()
    assert g.link_terms("insulin and insulin") == '<a href="glossary:insulin">insulin</a> and insulin'


def test_longest_name_wins_where_names_start_alike(tmp_path):
    g = _load(tmp_path, "terms:\n"
                        "  insulin:\n    term: Insulin\n    definition: A hormone.\n"
                        "  insulin_resistance:\n    term: Insulin resistance\n    definition: Weak response.\n")
    assert g.link_terms("Insulin resistance raises insulin.") == (
        '<a href="glossary:insulin_resistance">Insulin resistance</a> raises '
        '<a href="glossary:insulin">insulin</a>.')
