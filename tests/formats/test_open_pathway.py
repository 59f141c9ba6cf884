"""One open_pathway for every format; save_pathway writes YAML that reads back into an equal pathway."""

from __future__ import annotations

import os
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
        "except OSError as e:\n    print('refused', e)\n")
    assert "refused" in result.stdout and not list(Path(folder).iterdir())
    assert f"Could not write {folder}/x.yaml: no permission to write in the folder" in result.stdout


def test_a_saved_pathway_gets_normal_permissions_and_a_bad_target_is_named(tmp_path, pathway):
    # The old mkstemp-based writer left every saved pathway readable by its owner only (0600).
    old_mask = os.umask(0o022)
    try:
        save_pathway(pathway, tmp_path / "saved.yaml")
    finally:
        os.umask(old_mask)
    assert oct((tmp_path / "saved.yaml").stat().st_mode & 0o777) == oct(0o644)
    (tmp_path / "saved.yaml").write_text("earlier")
    target = tmp_path / "gone" / "x.yaml"
    with pytest.raises(OSError, match=f"Cannot write {target}: the folder .*gone does not exist. Create it first"):
        save_pathway(pathway, target)
    assert os.listdir(tmp_path) == ["saved.yaml"] and (tmp_path / "saved.yaml").read_text() == "earlier"


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


@pytest.mark.parametrize("name", ["zeigler_fibroblast_jmcc2016.xls", "two_and"])
def test_imported_models_export_to_sbml_that_roadrunner_runs_like_the_engine(tmp_path, name):
    # The fibroblast model has Ymax 0.5 species (Netflux feeds y itself to the Hill function);
    # "two_and" has two AND reactions into one species (two separate AND terms).
    import numpy as np
    import roadrunner

    from pathwayviz.formats.sbml import write_sbml
    from pathwayviz.sim.engine import Engine
    from pathwayviz.sim.perturbations import Perturbations

    if name == "two_and":
        source = write_netflux(tmp_path / "two_and.xlsx", [("", s, s, 0, 1, 1) for s in "ABCDE"],
                               [("", "i1", "=> A", 0.9, 1.4, 0.5), ("", "i2", "=> B", 0.8, 1.4, 0.5),
                                ("", "r1", "A & B => E", 0.7, 1.4, 0.5), ("", "r2", "C & D => E", 1, 1.4, 0.5)])
    else:
        source = DATA / name
    p = open_pathway(source)
    pert = Perturbations.defaults(p)
    pert.inputs.update({c.species: 0.6 for c in p.inputs})
    _, ours = Engine(p).timecourse(pert, 20.0, samples=21, rtol=1e-9, atol=1e-11)
    rr = roadrunner.RoadRunner(write_sbml(p, pert))
    rr.integrator.relative_tolerance = 1e-10
    rr.integrator.absolute_tolerance = 1e-12
    theirs = np.asarray(rr.simulate(0.0, 20.0, 21, selections=["time", *p.species_ids]))[:, 1:]
    assert np.max(np.abs(theirs - ours)) < 1e-4
    assert np.max(np.abs(ours[-1] - ours[0])) > 0.05
