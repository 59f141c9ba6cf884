"""The parse cache gives back exactly what PyYAML gave (values, types and lines), never stale data,
and never stands in the way: a corrupt entry or an unwritable folder just means parsing again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import same

from pathwayviz.model import parse_cache
from pathwayviz.model.yamlio import FileProblems, load_yaml
from pathwayviz.model.yaml_parse import parse_yaml
from pathwayviz.resource_files import builtin_pathway_path

RESOURCES = Path(builtin_pathway_path()).parents[1]


@pytest.mark.parametrize("path", sorted(RESOURCES.rglob("*.yaml")), ids=lambda p: p.name)
def test_every_resource_file_comes_back_from_the_cache_as_it_was_parsed(path, no_shipped_cache):
    text = path.read_text(encoding="utf-8")
    parsed = parse_yaml(text, path.name)
    assert parse_cache.recall(text) is parse_cache.MISSING
    first = load_yaml(path)                   # parsed, then remembered
    assert same(first, parsed)
    assert len(list(parse_cache.cache_dir().glob("*.json"))) == 1
    again = parse_cache.recall(text)
    assert again is not parse_cache.MISSING and same(again, parsed)


def test_odd_scalars_and_keys_keep_their_types_and_lines(tmp_path):
    text = ("a: 1\nb: 1.0\nc: -0.0\nd: .nan\ne: .inf\nf: true\ng: null\n1: int key\n"
            "h: [x, 2, {i: 3}]\n'quoted: key': 12345678901234567890\n")
    parsed = parse_yaml(text, "odd.yaml")
    (tmp_path / "odd.yaml").write_text(text)
    load_yaml(tmp_path / "odd.yaml")
    back = parse_cache.recall(text)
    assert same(back, parsed) and back.line_of("h") == 9 and back["h"][2].line == 9
    assert str(back["c"]) == "-0.0" and isinstance(back[1], str)


def test_an_edited_file_is_parsed_again_not_served_stale(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("title: one\n")
    assert load_yaml(path)["title"] == "one"
    path.write_text("title: two\n")
    assert load_yaml(path)["title"] == "two"


def test_a_corrupt_or_foreign_entry_is_a_miss_and_is_replaced(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("steps: [a, b]\n")
    load_yaml(path)
    entry = next(parse_cache.cache_dir().glob("*.json"))
    for junk in ("{not json", json.dumps({"format": "other", "data": 1}), json.dumps({"format": parse_cache.FORMAT,
                                                                                      "data": ["q", 1]})):
        entry.write_text(junk)
        assert load_yaml(path)["steps"] == ["a", "b"]
        assert json.loads(entry.read_text())["format"] == parse_cache.FORMAT   # written afresh


def test_a_file_with_a_problem_is_never_remembered(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("a: 1\na: 2\n")
    with pytest.raises(FileProblems, match="appears twice"):
        load_yaml(path)
    assert not parse_cache.cache_dir().exists() or not list(parse_cache.cache_dir().glob("*.json"))


def test_a_cache_path_that_is_a_file_is_skipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("PATHWAYVIZ_CACHE_DIR", str(blocker / "sub"))
    path = tmp_path / "x.yaml"
    path.write_text("k: v\n")
    assert load_yaml(path)["k"] == "v" and load_yaml(path)["k"] == "v"


def test_the_cache_keeps_at_most_max_entries(tmp_path, monkeypatch):
    monkeypatch.setattr(parse_cache.CACHE, "max_entries", 3)
    for k in range(6):
        (tmp_path / f"{k}.yaml").write_text(f"k: {k}\n")
        load_yaml(tmp_path / f"{k}.yaml")
    assert len(list(parse_cache.cache_dir().glob("*.json"))) == 3
    assert not [p for p in parse_cache.cache_dir().iterdir() if not p.name.endswith(".json")]  # no partial files
