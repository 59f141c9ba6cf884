"""``--scenario`` on simulate and export: built-in ids or files, with presets, and clear refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest

from pathwayviz.__main__ import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_simulate_ogtt_with_presets_gives_the_textbook_order(capsys):
    at120 = {}
    for preset in ("healthy", "compensated", "t2d"):
        code, out, err = run(capsys, "simulate", "--scenario", "ogtt", "--preset", preset, "--step", "30")
        assert code == 0, err
        data = json.loads(out)
        assert data["minutes"] == [0.0, 30.0, 60.0, 90.0, 120.0, 150.0, 180.0]
        assert data["clock"][:2] == ["08:00", "08:30"]
        assert data["scenario"]["id"] == "ogtt" and data["scenario"]["readings"] == [0, 30, 60, 90, 120]
        at120[preset] = data["species"]["blood_glucose"][4]
    assert at120["healthy"] < at120["compensated"] <= at120["t2d"]


def test_simulate_scenario_csv_has_a_clock_column_and_the_scenario_length(capsys):
    code, out, err = run(capsys, "simulate", "--scenario", "day", "--step", "60", "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:3] == ["minutes", "clock", "tnfa"]
    assert len(rows) == 1 + 25 and rows[-1][:2] == ["1440", "07:00"] and rows[17][1] == "23:00"


def test_simulate_scenario_file_and_minutes(capsys, tmp_path):
    path = tmp_path / "pulse.yaml"
    path.write_text('format: pathwayviz-scenario/1\nid: pulse\ntitle: "Insulin pulse"\nduration: "2 h"\n'
                    'schedule:\n  - {step: insulin, at: "30 min", level: 0.8}\n', encoding="utf-8")
    code, out, err = run(capsys, "simulate", "--scenario", str(path), "--minutes", "60", "--step", "10")
    assert code == 0, err
    akt = json.loads(out)["species"]["akt"]
    assert len(akt) == 7 and akt[6] > akt[3] + 0.1 and abs(akt[3] - akt[0]) < 1e-3


@pytest.mark.parametrize("argv, expect", [
    (("simulate", "--scenario", "ogt"), "did you mean 'ogtt'"),
    (("simulate", "--scenario", "ogtt", "--steady"), "--steady cannot be combined with --scenario"),
    (("simulate", "--scenario", "missing.yaml"), "missing.yaml: file not found"),
    (("export", "--scenario", "ogtt", "--video", "x.mp4", "--at", "5"), "--at applies to a slide"),
    (("export", "--scenario", "ogtt", "--pptx", "x.pptx", "--at", "5"), "one slide per reading"),
    (("export", "--scenario", "ogtt", "--video", "x.mp4", "--speed", "5"), "--speed does not apply to --scenario"),
    (("export", "--scenario", "ogtt", "--all-steps", "-o", "d"), "cannot be combined with a lesson"),
    (("export", "--at", "5", "-o", "x.png"), "--at applies to --scenario"),
    (("export", "--scenario", "ogtt", "--at", "5 h", "-o", "x.png"), "lasts 180 min"),
])
def test_scenario_mistakes_are_explained(capsys, argv, expect):
    code, out, err = run(capsys, *argv)
    assert code == 2 and expect in err, err


def test_scenario_file_problems_name_file_and_line(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text('format: pathwayviz-scenario/1\nid: bad\ntitle: "Bad"\nduration: "2 h"\n'
                    'schedule:\n  - {meal: "later"}\n', encoding="utf-8")
    code, _, err = run(capsys, "simulate", "--scenario", str(path))
    assert code == 2 and "bad.yaml:6: schedule entry 1 (meal) field 'meal' is text 'later'" in err, err


def test_export_scenario_slide_shows_the_moment_asked_for(capsys, tmp_path):
    from PySide6.QtGui import QImage

    out_png = tmp_path / "ogtt.png"
    code, out, err = run(capsys, "export", "--scenario", "ogtt", "--preset", "t2d", "--at", "90 min",
                         "--size", "960x540", "-o", str(out_png))
    assert code == 0, err
    image = QImage(str(out_png))
    assert (image.width(), image.height()) == (960, 540)
    from pathwayviz.export.headless import headless_application
    from pathwayviz.export.scenario_export import scenario_slide
    from pathwayviz.export.slide_options import SlideOptions
    from pathwayviz.model.loader import load_pathway
    from pathwayviz.model.scenario import load_scenario
    from pathwayviz.resource_files import builtin_pathway_path, builtin_scenario_path
    from pathwayviz.sim.live import LiveSimulation
    from pathwayviz.sim.perturbations import Perturbations

    headless_application()
    pathway = load_pathway(builtin_pathway_path())
    live = LiveSimulation(pathway)
    slide = scenario_slide(live, Perturbations.from_preset(pathway, "t2d"),
                           load_scenario(builtin_scenario_path("ogtt"), pathway), SlideOptions(960, 540), 90.0)
    assert live.time == 90.0
    assert "09:30" in slide.options.caption and "Oral glucose tolerance test" in slide.options.caption
    assert slide.frame.traces.times[0] == 0.0 and slide.frame.traces.times[-1] == 90.0


def test_validate_checks_scenario_files(capsys, tmp_path):
    from pathwayviz.resource_files import builtin_scenario_path

    code, out, _ = run(capsys, "validate", str(builtin_scenario_path("day")))
    assert code == 0 and "OK (scenario 'A day in the body" in out and "24 h, 3 schedule entries, 1 sleep" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text('format: pathwayviz-scenario/1\nid: bad\ntitle: "B"\nduration: 0\n', encoding="utf-8")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 2 and "bad.yaml:4: the scenario field 'duration' is 0" in err, err
