"""Scenario files: times in minutes or hours, strict fields, problems with file and line."""

from __future__ import annotations

import pytest

from pathwayviz.model.scenario import (Meal, Pulses, Ramp, Sleep, Step, build_scenario, format_clock, load_scenario,
                                       parse_minutes)
from pathwayviz.model.yamlio import FileProblems, load_yaml
from pathwayviz.resource_files import builtin_scenario_ids, builtin_scenario_path

HEAD = 'format: pathwayviz-scenario/1\nid: test\ntitle: "Test"\nduration: "3 h"\n'


def scenario_of(text, pathway, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(HEAD + text, encoding="utf-8")
    return load_scenario(path, pathway)


def problems_of(text, pathway, tmp_path) -> list[str]:
    with pytest.raises(FileProblems) as info:
        scenario_of(text, pathway, tmp_path)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("raw, minutes", [(90, 90.0), (1.5, 1.5), ("90 min", 90.0), ("7 h", 420.0),
                                          ("7 h 30 min", 450.0), ("1.5 h", 90.0), ("2 hours", 120.0),
                                          ("45", 45.0), ("0 min", 0.0)])
def test_times_read_as_minutes(raw, minutes):
    assert parse_minutes(raw) == minutes


@pytest.mark.parametrize("raw", ["soon", "7 days", "h", True, None, [1], "nan"])
def test_unreadable_times_are_none(raw):
    assert parse_minutes(raw) is None


def test_clock_text():
    assert format_clock(450) == "07:30"
    assert format_clock(1440 + 65) == "01:05"


def test_every_kind_of_entry_is_read(pathway, tmp_path):
    s = scenario_of('clock_start: "7 h"\nreadings: [0, "30 min"]\nschedule:\n'
                    '  - {step: insulin, at: "10 min", level: 0.5}\n'
                    '  - {ramp: tnfa, from: "1 h", to: "2 h", level: 0.4}\n'
                    '  - {pulses: ffa, from: 0, every: "30 min", width: "5 min", level: 0.2}\n'
                    '  - {meal: "1 h", size: 0.6}\n'
                    'sleep:\n  - {from: "2 h", to: "3 h", depth: 0.8}\n', pathway, tmp_path)
    assert s.duration == 180.0 and s.clock_start == 420.0 and s.readings == (0.0, 30.0)
    assert s.items == (Step("insulin", 10.0, 0.5), Ramp("tnfa", 60.0, 120.0, 0.4),
                       Pulses("ffa", 0.0, 180.0, 30.0, 5.0, 0.2), Meal(60.0, 0.6))
    assert s.sleep == (Sleep(120.0, 180.0, 0.8),)
    assert s.inputs() == ["insulin", "tnfa", "ffa", "meal"]
    assert s.clock(0) == 420.0 and s.asleep(150.0) and not s.asleep(100.0)


def test_unknown_fields_are_refused_with_their_line(pathway, tmp_path):
    problems = problems_of('schedule:\n  - {meal: "1 h", sise: 0.6}\nlength: 3\n', pathway, tmp_path)
    assert any(p.startswith("s.yaml:6:") and "unknown field 'sise'" in p and "did you mean 'size'" in p
               for p in problems), problems
    assert any(p.startswith("s.yaml:7:") and "unknown field 'length'" in p for p in problems), problems


def test_unknown_input_names_the_nearest(pathway, tmp_path):
    problems = problems_of('schedule:\n  - {step: insulinn, at: 0, level: 0.5}\n', pathway, tmp_path)
    assert len(problems) == 1 and problems[0].startswith("s.yaml:6:")
    assert "'insulinn' is not an input" in problems[0] and "did you mean 'insulin'" in problems[0]


@pytest.mark.parametrize("entry, expect", [
    ('{step: insulin, at: "soon", level: 0.5}', "write minutes as a number or text with a unit"),
    ('{step: insulin, at: -5, level: 0.5}', "cannot be negative"),
    ('{step: insulin, at: 5, level: 1.5}', "must be ≤ 1"),
    ('{ramp: insulin, from: "2 h", to: "1 h", level: 0.5}', "ends (60 min) before it starts (120 min)"),
    ('{pulses: insulin, from: 0, every: 10, width: 20, level: 0.5}', "make 'width' at most 'every'"),
    ('{pulses: insulin, from: 0, every: 0, width: 0, level: 0.5}', "longer than 0 min"),
    ('{meal: "1 h", step: insulin}', "must name exactly one kind"),
    ('{at: 5}', "must name exactly one kind"),
])
def test_bad_entries_say_what_to_write(pathway, tmp_path, entry, expect):
    problems = problems_of(f"schedule:\n  - {entry}\n", pathway, tmp_path)
    assert any(p.startswith("s.yaml:6:") and expect in p for p in problems), problems


def test_missing_duration_and_overlapping_sleep(pathway, tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text('format: pathwayviz-scenario/1\nid: x\ntitle: "X"\nsleep:\n  - {from: 0, to: 60}\n'
                    '  - {from: 30, to: 90}\n', encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        load_scenario(path, pathway)
    text = str(info.value)
    assert "s.yaml:1: the scenario is missing field 'duration'" in text
    assert "s.yaml:6: sleep period 2 overlaps an earlier sleep period" in text


def test_wrong_format_line_is_refused(pathway):
    with pytest.raises(FileProblems, match="a scenario file starts with 'format: pathwayviz-scenario/1'"):
        build_scenario(load_yaml("x.yaml", "format: pathwayviz-lesson/1\n"), "x.yaml", pathway)


def test_reading_after_the_end_is_refused(pathway, tmp_path):
    problems = problems_of('readings: ["4 h"]\n', pathway, tmp_path)
    assert problems == ["s.yaml:5: reading 1 at 240 min is after the end of the scenario (180 min)"]


def test_builtin_scenarios_load(pathway):
    assert {"ogtt", "day"} <= set(builtin_scenario_ids())
    for sid in builtin_scenario_ids():
        s = load_scenario(builtin_scenario_path(sid), pathway)
        assert s.id == sid and s.title
    ogtt = load_scenario(builtin_scenario_path("ogtt"), pathway)
    assert ogtt.readings == (0.0, 30.0, 60.0, 90.0, 120.0)
    assert [type(i) for i in ogtt.items] == [Meal] and ogtt.items[0].at == 0.0
    day = load_scenario(builtin_scenario_path("day"), pathway)
    assert day.duration == 1440.0 and len([i for i in day.items if isinstance(i, Meal)]) == 3
    assert len(day.sleep) == 1 and day.sleep[0].end - day.sleep[0].start == 480.0
