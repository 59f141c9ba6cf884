"""The cache entries that ship in resources/cache: current for every shipped file, and enough for a
very first start to reach its first paint without PyYAML or the relaxation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import same

from pathwayviz.model import disk_cache, parse_cache
from pathwayviz.model.yaml_parse import parse_yaml
from pathwayviz.resource_files import builtin_pathway_path

RESOURCES = Path(builtin_pathway_path()).parents[1]
SHIPPED = RESOURCES / "cache"
STALE = "resources/cache is out of date: run  python scripts/ship_caches.py  and commit what it writes"


@pytest.mark.parametrize("path", sorted(p for p in RESOURCES.rglob("*.yaml") if SHIPPED not in p.parents),
                         ids=lambda p: p.name)
def test_every_shipped_file_has_its_parsed_form_shipped(path):
    text = path.read_text(encoding="utf-8")
    entry = SHIPPED / "parsed" / parse_cache.CACHE.entry(text).name
    assert entry.is_file(), STALE
    assert same(parse_cache.decode(json.loads(entry.read_text(encoding="utf-8"))["data"]),
                parse_yaml(text, path.name)), STALE


def test_nothing_stale_ships():
    texts = {p.read_text(encoding="utf-8") for p in RESOURCES.rglob("*.yaml") if SHIPPED not in p.parents}
    wanted = {parse_cache.CACHE.entry(t).name for t in texts}
    assert {p.name for p in (SHIPPED / "parsed").glob("*.json")} == wanted, STALE
    assert len(list((SHIPPED / "steady").glob("*.json"))) == 1, STALE


def test_a_first_start_computes_nothing_the_shipped_entries_hold(new_window):
    # An empty user cache (the tests' own folder): the window's start writes nothing to it, because
    # the pathway, the lesson and the start state all came from resources/cache.
    window = new_window()
    window.clock.stop()
    assert disk_cache.cache_root().exists() is False or not list(disk_cache.cache_root().rglob("*.json")), STALE


def test_without_the_shipped_entries_the_start_computes_and_remembers_them(new_window, no_shipped_cache):
    window = new_window()
    window.clock.stop()
    written = {p.parent.name for p in disk_cache.cache_root().rglob("*.json")}
    assert written == {"parsed", "steady"}
