"""One open_pathway for every format; save_pathway writes YAML that reads back into an equal pathway."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from pathwayviz.formats.pathway_file import open_pathway, save_pathway
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.resource_files import builtin_pathway_path

from netflux_sheets import RULE_REACTIONS, RULE_SPECIES, write_netflux

DATA = Path(__file__).resolve().parent.parent / "data" / "netflux"


def assert_same_pathway(a, b):
    for f in fields(a):
        if f.name not in ("source_file",):
            assert getattr(a, f.name) == getattr(b, f.name), f.name


@pytest.mark.parametrize("source", [DATA / "ryall_cardiomyocyte_hypertrophy_jbc2012.xlsx",
                                    DATA / "zeigler_fibroblast_jmcc2016.xls", builtin_pathway_path()])
def test_saved_yaml_reads_back_identical_with_its_layout(tmp_path, source):
    original = open_pathway(source)
    target = tmp_path / "saved.yaml"
    save_pathway(original, target)
    again = open_pathway(target)
    assert_same_pathway(original, again)
    assert all(sp.pos != (0.0, 0.0) for sp in again.species.values() if not sp.hidden)


def test_save_keeps_the_old_file_when_the_folder_is_unwritable(tmp_path):
    from helpers import locked_folder, run_without_root

    _, folder = locked_folder()
    result = run_without_root(
        "from pathwayviz.formats.pathway_file import open_pathway, save_pathway\n"
        f"p = open_pathway({str(builtin_pathway_path())!r})",
        f"import os\ntry:\n    save_pathway(p, os.path.join({str(folder)!r}, 'x.yaml'))\n"
        "except OSError as e:\n    print('refused', e.strerror)\n")
    assert "refused" in result.stdout and not list(Path(folder).iterdir())


def test_open_dispatches_on_the_suffix_and_lays_out(tmp_path):
    sheet = write_netflux(tmp_path / "m.xlsx", RULE_SPECIES, RULE_REACTIONS)
    warnings = []
    p = open_pathway(sheet, warnings)
    assert p.species["a"].pos != (0.0, 0.0) and warnings
    (tmp_path / "broken.yaml").write_text("format: pathwayviz-pathway/1\nid: x\n")
    with pytest.raises(FileProblems, match="broken.yaml:1: the pathway is missing field .title."):
        open_pathway(tmp_path / "broken.yaml")


def test_validate_and_simulate_accept_spreadsheets(tmp_path, capsys):
    from pathwayviz.__main__ import main

    sheet = write_netflux(tmp_path / "m.xlsx", RULE_SPECIES, RULE_REACTIONS)
    assert main(["validate", str(sheet)]) == 0
    out, err = capsys.readouterr()
    assert "m.xlsx: OK (pathway 'm', 7 species" in out
    assert "warning: m.xlsx: sheet 'reactions', row 11, column C: row skipped" in err
    bad = write_netflux(tmp_path / "bad.xlsx", [("", "A", "a", 0, 1, 1)], [("", "r1", "A => Z", 1, 1.4, 0.5)])
    assert main(["simulate", "--pathway", str(bad), "--steady"]) == 2
    assert "bad.xlsx: sheet 'reactions', row 3, column C: rule 'A => Z' names unknown species 'Z'" in \
        capsys.readouterr().err
