"""The cache entries that ship in resources/cache are current for every shipped file (that a first start
uses them: tests/ui/test_start_up.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import same

from pathwayviz.model import parse_cache
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
