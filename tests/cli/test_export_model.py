"""`pathwayviz export-model` as scripts use it: files written whole, mistakes refused with exit 2."""

from __future__ import annotations

import libsbml
import pytest

from pathwayviz.__main__ import main


def run(capsys, *argv):
    code = main(["export-model", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_sbml_with_perturbations_writes_one_valid_file(capsys, tmp_path):
    target = tmp_path / "model.xml"
    code, out, err = run(capsys, "--format", "sbml", "--toggle", "jnk=0.7", "--drug", "rapamycin",
                         "--knockout", "s6k1", "-o", str(target))
    assert code == 0, err
    assert out.strip() == str(target)
    doc = libsbml.readSBMLFromFile(str(target))  # kept alive: the model dies with its document
    model = doc.getModel()
    assert model.getParameter("toggle_jnk").getValue() == 0.7
    assert model.getParameter("dose_rapamycin").getValue() == 1.0
    assert model.getParameter("held_s6k1").getValue() == 1.0
    assert model.getSpecies("s6k1").getInitialAmount() == 0.0
    assert [p.name for p in tmp_path.iterdir()] == ["model.xml"]  # no temporary file left behind


def test_unknown_format_exits_2_naming_the_choices(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_:
        main(["export-model", "--format", "pdf", "-o", str(tmp_path / "out.pdf")])
    assert exit_.value.code == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, words", [
    (["--toggle", "AKT2"], "'AKT2' is not a serine-kinase toggle"),
    (["--set", "insulin=7"], "outside 0..1"),
    (["--pathway", "/nonexistent.yaml"], "nonexistent.yaml"),
])
def test_bad_input_exits_2_with_a_message_and_writes_nothing(capsys, tmp_path, argv, words):
    code, out, err = run(capsys, "--format", "sbml", *argv, "-o", str(tmp_path / "out.xml"))
    assert code == 2 and out == ""
    assert err.startswith("pathwayviz export-model: ") and words in err, err
    assert list(tmp_path.iterdir()) == []


def test_a_pathway_that_fails_validation_is_named_with_its_line(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: pathwayviz-pathway/1\nid: x\ntitle: x\nspecies:\n  - {id: a, pos: [0, 0]}\n"
                   "interactions:\n  - {source: a, target: AKT2}\n")
    code, _, err = run(capsys, "--format", "sbml", "--pathway", str(bad), "-o", str(tmp_path / "out.xml"))
    assert code == 2 and "bad.yaml:7" in err and "AKT2" in err
    assert not (tmp_path / "out.xml").exists()


def test_output_folder_missing_or_a_folder_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "--format", "sbml", "-o", str(tmp_path / "missing" / "m.xml"))
    assert code == 2 and "does not exist" in err
    code, _, err = run(capsys, "--format", "sbml", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err
    (tmp_path / "notes.txt").write_text("x")
    code, _, err = run(capsys, "--format", "sbml", "-o", str(tmp_path / "notes.txt" / "m.xml"))
    assert code == 2 and "notes.txt is a file, not a folder" in err  # not "does not exist"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_read_only_folder_keeps_nothing_and_says_so():
    from helpers import refused_write_in_locked_folder

    message = refused_write_in_locked_folder(
        "import libsbml, locale\nfrom pathwayviz.cli import build_parser\nfrom pathwayviz.cli.common import CliError\n"
        "import pathwayviz.formats.sbml, pathwayviz.model.loader, pathwayviz.export.model_archive, shutil, tempfile, os\n"
        # The checkout may sit in a folder only root can read (a clone in mktemp -d): hand the
        # unprivileged child a world-readable copy of the pathway.
        "from pathwayviz.resource_files import builtin_pathway_path\n"
        "copy = os.path.join(tempfile.mkdtemp(dir='/tmp'), 'pathway.yaml')\n"
        "shutil.copy(builtin_pathway_path(), copy)\nos.chmod(os.path.dirname(copy), 0o755)\n"
        "os.chmod(copy, 0o644)\nparser = build_parser('export-model')",
        "(lambda args: args.func(args))(parser.parse_args(['--format', 'sbml', '--pathway', copy, '-o', {target}]))",
        "CliError", "model.xml")
    assert "/locked/model.xml: no permission to write in the folder" in message  # the file, not only its folder


def test_a_failed_write_leaves_the_earlier_file(capsys, tmp_path, monkeypatch):
    import os

    target = tmp_path / "model.xml"
    target.write_text("earlier model")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run(capsys, "--format", "sbml", "-o", str(target))
    assert code == 2 and f"Could not write {target}: the disk is full" in err
    assert target.read_text() == "earlier model"
    assert [p.name for p in tmp_path.iterdir()] == ["model.xml"]


def test_sbml_qual_and_sbgn_from_the_command_line(capsys, tmp_path, pathway):
    from libsbgnpy import read_sbgn_from_file

    code, _, err = run(capsys, "--format", "sbml-qual", "-o", str(tmp_path / "logic.sbml"))
    assert code == 0, err
    doc = libsbml.readSBMLFromFile(str(tmp_path / "logic.sbml"))
    assert doc.checkConsistency() == 0
    assert doc.getModel().getPlugin("qual").getNumTransitions() > 0
    code, _, err = run(capsys, "--format", "sbgn", "-o", str(tmp_path / "diagram.sbgn"))
    assert code == 0, err
    glyphs = {g.id: g for g in read_sbgn_from_file(tmp_path / "diagram.sbgn").map[0].glyph}
    # node sizes come from the canvas: a two-line label makes a taller box than a one-line one
    assert glyphs["glycogen"].bbox.h > glyphs["akt"].bbox.h
    assert glyphs["ir"].bbox.x + glyphs["ir"].bbox.w / 2 == pytest.approx(pathway.species["ir"].pos[0])


def test_state_options_are_refused_where_they_mean_nothing(capsys, tmp_path):
    code, _, err = run(capsys, "--format", "sbgn", "--toggle", "jnk", "-o", str(tmp_path / "d.sbgn"))
    assert code == 2 and "--toggle has no meaning for --format sbgn" in err
    assert list(tmp_path.iterdir()) == []


def test_omex_from_the_command_line_holds_the_rendered_slides(capsys, tmp_path, monkeypatch):
    import libcombine

    from pathwayviz.lesson.loader import load_lesson
    from pathwayviz.resource_files import builtin_lesson_path

    target = tmp_path / "lesson.omex"
    code, _, err = run(capsys, "--format", "omex", "--size", "320x180", "-o", str(target))
    assert code == 0, err
    monkeypatch.chdir(tmp_path)  # libcombine keeps temporary files in the working folder until cleanUp
    archive = libcombine.CombineArchive()
    assert archive.initializeFromArchive(str(target))
    locations = [archive.getEntry(i).getLocation() for i in range(archive.getNumEntries())]
    slides = sorted(loc for loc in locations if loc.startswith("./slides/"))
    # One slide per step, and per region of a step shown region by region.
    assert len(slides) == sum(len(step.frames) for step in load_lesson(builtin_lesson_path()).steps)
    png = tmp_path / "first.png"
    assert archive.extractEntry(slides[0], str(png))
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(header[16:20], "big") == 320 and int.from_bytes(header[20:24], "big") == 180
    archive.cleanUp()


def test_omex_refuses_a_bad_size_or_lesson(capsys, tmp_path):
    code, _, err = run(capsys, "--format", "omex", "--size", "huge", "-o", str(tmp_path / "l.omex"))
    assert code == 2 and "--size" in err and "1920x1080" in err
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: pathwayviz-lesson/1\ntitle: x\nsteps:\n  - {id: a, title: A, caption: c, "
                   "settings: {knockouts: [AKT2]}}\n")
    code, _, err = run(capsys, "--format", "omex", "--lesson", str(bad), "-o", str(tmp_path / "l.omex"))
    assert code == 2 and "bad.yaml" in err and "AKT2" in err
    code, _, err = run(capsys, "--format", "sbml", "--size", "640x360", "-o", str(tmp_path / "m.xml"))
    assert code == 2 and "--size is only used by --format omex" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]
