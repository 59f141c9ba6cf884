"""Every card sentence about how this model behaves is a claim, and every claim holds in the simulation."""

from __future__ import annotations

import re

import pytest

from pathwayviz.formats.pathway_file import open_pathway
from pathwayviz.model.pathway import Claim
from pathwayviz.resource_files import builtin_pathway_path
from pathwayviz.sim.claims import all_claims, check_claim
from pathwayviz.sim.engine import Engine

PATHWAY = open_pathway(builtin_pathway_path())
CLAIMS = all_claims(PATHWAY)


@pytest.fixture(scope="module")
def engine():
    return Engine(PATHWAY)


@pytest.mark.parametrize("card, claim", CLAIMS, ids=[f"{sid}: {c.sentence()}" for sid, c in CLAIMS])
def test_card_claim_holds(engine, card, claim):
    result = check_claim(engine, card, claim)
    assert result.holds, result.describe()


def test_every_card_that_describes_the_model_carries_claims():
    """A card whose text says what 'the model' does must back it with at least one checked claim."""
    missing = []
    for sid, sp in PATHWAY.species.items():
        text = " ".join((sp.card.what, sp.card.does, sp.card.debate))
        if re.search(r"\b(in|the) model\b", text, re.IGNORECASE) and not sp.claims:
            missing.append(sid)
    assert missing == []


def test_claims_cover_the_mismatches_issue_11_listed():
    said = {(c.action, c.subject, c.direction, c.species, c.variant) for _, c in CLAIMS}
    assert ("raise", "tnfa", "unchanged", "mitochondria", "") in said  # no TNF-α → ATP edge
    assert ("knockout", "srebp1c", "keeps", "dnl", "liver_lipogenesis=substrate") in said  # OR with substrate
    assert ("knockout", "plasma_insulin", "keeps", "theca_androgens", "") in said  # LH alone drives some
    assert ("raise", "tnfa", "keeps", "leydig_testosterone", "") in said  # partial suppression
    assert ("overexpress", "estradiol", "lowers", "lh", "") in said  # estradiol → LH feedback
    assert ("knockout", "aromatase", "lowers", "estradiol", "") in said  # basal aromatase in a lean man
    assert len(CLAIMS) >= 100


@pytest.mark.parametrize("claim", [
    Claim("knockout", "akt", "raises", "as160", "clamp"),        # wrong direction
    Claim("knockout", "lh", "keeps", "leydig_testosterone"),      # abolished, not kept
    Claim("knockout", "akt", "unchanged", "foxo1", "clamp"),      # a big change
    Claim("drug", "rapamycin", "lowers", "srebp1c", "clamp", 0.2, "liver_lipogenesis=erk"),  # the variant matters
])
def test_a_false_claim_is_caught(engine, claim):
    result = check_claim(engine, "test", claim)
    assert not result.holds, result.describe()
    assert "does NOT hold" in result.describe()


def test_claim_variant_and_direction_are_checked_when_loading(tmp_path):
    from pathwayviz.model.yamlio import FileProblems

    text = builtin_pathway_path().read_text(encoding="utf-8")
    marker = "      - {knockout: srebp1c, keeps: dnl, preset: meal, variant: \"liver_lipogenesis=substrate\""
    assert marker in text
    bad = text.replace(marker, "      - {knockout: srebp1c, keeps: dnl, preset: meal, variant: \"liver_lipogenesis=substrat\"")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    line = bad[:bad.index("variant: \"liver_lipogenesis=substrat\"")].count("\n") + 1
    with pytest.raises(FileProblems) as err:
        open_pathway(path)
    assert f"bad.yaml:{line}" in str(err.value) and "did you mean 'liver_lipogenesis=substrate'" in str(err.value)
