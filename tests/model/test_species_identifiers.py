"""MIRIAM identifiers of species: parsed from one `identifiers:` line, bad ones named with their line."""

from __future__ import annotations

import pytest

from pathwayviz.model.loader import load_pathway
from pathwayviz.model.yamlio import FileProblems

HEADER = "format: pathwayviz-pathway/1\nid: x\ntitle: x\nspecies:\n"


def load(tmp_path, identifiers_line: str):
    path = tmp_path / "ids.yaml"
    path.write_text(HEADER + f"  - id: a\n    pos: [0, 0]\n    identifiers: {identifiers_line}\n")
    return load_pathway(path)


def test_a_plain_list_means_is_and_a_mapping_names_the_qualifier(tmp_path):
    assert load(tmp_path, "[uniprot:P06213, CHEBI:17234]").species["a"].identifiers == (
        ("is", "uniprot:P06213"), ("is", "CHEBI:17234"))
    assert load(tmp_path, "{hasVersion: [uniprot:P45983], is: GO:0005978}").species["a"].identifiers == (
        ("hasVersion", "uniprot:P45983"), ("is", "GO:0005978"))


@pytest.mark.parametrize("line, words", [
    ("[uniprot:insulin]", "'uniprot:insulin' is not a UniProt"),
    ("[GO:123]", "'GO:123'"),
    ("{looksLike: [CHEBI:17234]}", "qualifier 'looksLike'"),
    ("{is: 5}", "must be a list"),
])
def test_malformed_identifiers_are_named_with_file_and_line(tmp_path, line, words):
    with pytest.raises(FileProblems) as err:
        load(tmp_path, line)
    assert "ids.yaml:7" in str(err.value) and words in str(err.value)


def test_the_builtin_model_cites_human_uniprot_and_chebi_entries(pathway):
    ids = {sid: dict((ident, q) for q, ident in sp.identifiers) for sid, sp in pathway.species.items()}
    assert ids["ir"] == {"uniprot:P06213": "is"}
    assert ids["irs1_ptyr"] == {"uniprot:P35568": "isVersionOf"}
    assert ids["akt"]["uniprot:P31749"] == "hasVersion"
    assert ids["blood_glucose"] == {"CHEBI:17234": "is"}
    stable = ("insulin plasma_insulin blood_glucose ir irs1_ptyr irs1_pser shc ras mek erk pi3k akt as160 glut4 "
              "foxo1 hgp gsk3 glycogen mtorc1 s6k1 srebp1c dnl tnfa ffa dag er_stress jnk ikk pkc lh theca_androgens "
              "leydig_testosterone aromatase estradiol").split()  # DESIGN.md §5
    assert [sid for sid in stable if not ids[sid]] == []
