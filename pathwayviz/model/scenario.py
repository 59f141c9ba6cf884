"""Scenarios: what happens to a pathway's inputs over a stretch of time (docs/SCENARIOS.md).

A scenario file (``format: pathwayviz-scenario/1``) names a duration, the time of day it starts
at, schedules of steps, ramps, pulse trains and meals on the pathway's inputs, and sleep periods.
Times are minutes: a plain number, or text with a unit ("90 min", "7 h", "7 h 30 min", "1.5 h").
Every time counts from the start of the scenario. This module holds the data and reads it,
strictly: unknown fields, bad times and inputs the pathway does not have are refused with the
file and line, like pathway and lesson files. Turning a schedule into levels is
``sim/schedule.py``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from .fields import FieldChecker, did_you_mean, item_line, type_name
from .pathway import Pathway
from .yamlio import FileProblems, LineDict, load_yaml

SCENARIO_FORMAT = "pathwayviz-scenario/1"
MAX_MINUTES = 7 * 24 * 60.0   # a week
MAX_ITEMS = 2000               # schedule entries
MAX_PULSES = 5000              # pulses of one train
#: The input that sleep periods drive, when the pathway has one (deep-sleep drive).
SLEEP_INPUT = "sleep"
#: The input a meal puts its glucose appearance curve on unless it names another.
MEAL_INPUT = "meal"

# Every field each part of a scenario file may have (one line here per field, like the pathway's FIELDS).
SCENARIO_FIELDS: dict[str, tuple[str, ...]] = {
    "scenario": ("format", "id", "title", "description", "duration", "clock_start", "readings", "schedule",
                 "sleep", "references"),
    "step": ("step", "at", "level"),
    "ramp": ("ramp", "from", "to", "level", "start_level"),
    "pulses": ("pulses", "from", "to", "every", "width", "level"),
    "meal": ("meal", "size", "peak", "input"),
    "sleep": ("from", "to", "depth", "half_life"),
}
KINDS = ("step", "ramp", "pulses", "meal")

_DURATION = re.compile(r"\s*(?:(\d+(?:\.\d+)?)\s*(?:h|hours?)\b)?\s*(?:(\d+(?:\.\d+)?)\s*(?:min|minutes?)\b)?\s*")


@dataclass(frozen=True)
class Step:
    input: str
    at: float
    level: float


@dataclass(frozen=True)
class Ramp:
    input: str
    start: float
    end: float
    level: float
    start_level: float | None = None  # None: the level the input had just before


@dataclass(frozen=True)
class Pulses:
    input: str
    start: float
    end: float
    every: float
    width: float
    level: float

    def onsets(self) -> list[float]:
        count = int(math.floor((self.end - self.start) / self.every + 1e-9)) + 1
        return [self.start + k * self.every for k in range(count) if self.start + k * self.every < self.end]


@dataclass(frozen=True)
class Meal:
    """Glucose appearing from the gut: size·(s/peak)·e^(1 − s/peak) for s minutes after ``at``."""

    at: float
    size: float
    peak: float = 40.0
    input: str = MEAL_INPUT


@dataclass(frozen=True)
class Sleep:
    """Asleep from ``start`` to ``end``; deep-sleep drive ``depth``·2^(−s/half_life) s minutes after falling asleep."""

    start: float
    end: float
    depth: float = 1.0
    half_life: float = 150.0


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    description: str
    duration: float
    clock_start: float = 0.0                   # time of day (minutes after midnight) at t = 0
    readings: tuple[float, ...] = ()           # the times the scenario is read at (an OGTT's 0/30/…/120)
    items: tuple = ()                          # Step | Ramp | Pulses | Meal
    sleep: tuple[Sleep, ...] = ()
    references: tuple[str, ...] = ()
    source_file: str = ""

    def inputs(self) -> list[str]:
        """The inputs the schedule drives, in first-mention order."""
        seen: dict[str, None] = {}
        for item in self.items:
            seen.setdefault(item.input)
        return list(seen)

    def asleep(self, t: float) -> bool:
        return any(s.start <= t < s.end for s in self.sleep)

    def clock(self, t: float) -> float:
        """Minutes after midnight at scenario time t."""
        return (self.clock_start + t) % 1440.0


def parse_minutes(value) -> float | None:
    """Minutes from a number (minutes) or text such as "90 min", "7 h", "7 h 30 min"; None if unreadable."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) if math.isfinite(value) else None
    if not isinstance(value, str):
        return None
    match = _DURATION.fullmatch(value)
    if not match or not (match.group(1) or match.group(2)):
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    hours, minutes = match.group(1), match.group(2)
    return 60.0 * float(hours or 0) + float(minutes or 0)


def format_clock(minutes_after_midnight: float) -> str:
    """"07:30" for 450."""
    m = int(round(minutes_after_midnight)) % 1440
    return f"{m // 60:02d}:{m % 60:02d}"


def looks_like_scenario(path: str | Path) -> bool:
    """True when the file's head names the scenario format (so ``validate`` picks this loader)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "pathwayviz-scenario/" in fh.read(4096)
    except OSError:
        return False


def load_scenario(path: str | Path, pathway: Pathway) -> Scenario:
    """Load and validate a scenario against ``pathway``; raises FileProblems listing every problem."""
    path = Path(path)
    return build_scenario(load_yaml(path), path.name, pathway, str(path))


def build_scenario(data, file: str, pathway: Pathway, source_file: str = "") -> Scenario:
    ck = _TimeChecker(file)
    top = ck.header(data, SCENARIO_FORMAT, "scenario")
    ck.unknown_keys(top, SCENARIO_FIELDS["scenario"], "the scenario")
    sid = ck.reference(top, "id", "the scenario")
    title = ck.text(top, "title", "the scenario")
    description = ck.text(top, "description", "the scenario", required=False)
    duration = ck.time(top, "duration", "the scenario", required=True, lo_open=True) or 60.0
    clock_start = ck.time(top, "clock_start", "the scenario", hi=1440.0) or 0.0
    references = ck.strings(top, "references", "the scenario")
    readings: list[float] = []
    raw_readings = ck.sequence(top.get("readings"), top.line_of("readings"), "'readings'")
    for k, raw in enumerate(raw_readings):
        t = ck.time_value(raw, item_line(raw_readings, k, top.line_of("readings")), f"reading {k + 1}")
        if t is not None and t > duration:
            ck.problem(item_line(raw_readings, k, top.line_of("readings")),
                       f"reading {k + 1} at {t:g} min is after the end of the scenario ({duration:g} min)")
        elif t is not None:
            readings.append(t)
    inputs = set(pathway.input_ids())
    items = []
    raw_items = ck.sequence(top.get("schedule"), top.line_of("schedule"), "'schedule'")
    if len(raw_items) > MAX_ITEMS:
        ck.problem(top.line_of("schedule"), f"{len(raw_items)} schedule entries is more than the {MAX_ITEMS} "
                                            f"supported")
        raise FileProblems(ck.problems)
    for k, raw in enumerate(raw_items):
        m = ck.mapping(raw, item_line(raw_items, k, top.line_of("schedule")), f"schedule entry {k + 1}")
        if m is not None:
            item = _item(ck, m, k + 1, duration, inputs, pathway)
            if item is not None:
                items.append(item)
    sleep = []
    raw_sleep = ck.sequence(top.get("sleep"), top.line_of("sleep"), "'sleep'")
    for k, raw in enumerate(raw_sleep):
        m = ck.mapping(raw, item_line(raw_sleep, k, top.line_of("sleep")), f"sleep period {k + 1}")
        if m is None:
            continue
        what = f"sleep period {k + 1}"
        ck.unknown_keys(m, SCENARIO_FIELDS["sleep"], what)
        start = ck.time(m, "from", what, required=True)
        end = ck.time(m, "to", what, required=True)
        depth = ck.number(m, "depth", what, 1.0, 0.0, 1.0)
        half_life = ck.time(m, "half_life", what, lo_open=True) or 150.0
        if start is not None and end is not None:
            if end <= start:
                ck.problem(m.line_of("to"), f"{what} ends ({end:g} min) before it starts ({start:g} min)")
            elif any(s.start < end and start < s.end for s in sleep):
                ck.problem(m.line, f"{what} overlaps an earlier sleep period; one sleep at a time")
            else:
                sleep.append(Sleep(start, end, depth, half_life))
    if ck.problems:
        raise FileProblems(ck.problems)
    return Scenario(sid, title, description, duration, clock_start, tuple(readings), tuple(items), tuple(sleep),
                    references, source_file)


def _item(ck: "_TimeChecker", m: LineDict, number: int, duration: float, inputs: set, pathway: Pathway):
    kinds = [k for k in KINDS if k in m]
    what = f"schedule entry {number}"
    if len(kinds) != 1:
        found = f"has {' and '.join(kinds)}" if kinds else "names none of them"
        ck.problem(m.line, f"{what} must name exactly one kind, {', '.join(KINDS)} ({found}); e.g. "
                           f"'- {{meal: \"0 min\", size: 1.0}}'")
        return None
    kind = kinds[0]
    ck.unknown_keys(m, SCENARIO_FIELDS[kind], f"{what} ({kind})")
    what = f"{what} ({kind})"
    if kind == "meal":
        at = ck.time(m, "meal", what, required=True)
        size = ck.number(m, "size", what, 1.0, 0.0, 1.0)
        peak = ck.time(m, "peak", what, lo_open=True) or 40.0
        target = ck.text(m, "input", what, required=False, default=MEAL_INPUT)
        if not _known_input(ck, m, "input" if "input" in m else "meal", target, inputs, what):
            return None
        return None if at is None else Meal(at, size, peak, target)
    target = ck.text(m, kind, what)
    if not _known_input(ck, m, kind, target, inputs, what):
        return None
    level = ck.number(m, "level", what, 1.0, 0.0, 1.0)
    if kind == "step":
        at = ck.time(m, "at", what, required=True)
        return None if at is None else Step(target, at, level)
    start = ck.time(m, "from", what, required=True)
    if kind == "ramp":
        end = ck.time(m, "to", what, required=True)
        start_level = ck.number(m, "start_level", what, -1.0, 0.0, 1.0) if "start_level" in m else None
        if start is None or end is None:
            return None
        if end <= start:
            ck.problem(m.line_of("to"), f"{what} ends ({end:g} min) before it starts ({start:g} min)")
            return None
        return Ramp(target, start, end, level, None if start_level is None or start_level < 0 else start_level)
    end = ck.time(m, "to", what) if "to" in m else duration
    every = ck.time(m, "every", what, required=True, lo_open=True)
    width = ck.time(m, "width", what, required=True, lo_open=True)
    if None in (start, end, every, width):
        return None
    if width > every:
        ck.problem(m.line_of("width"), f"{what}: each pulse ({width:g} min) is longer than the interval between "
                                       f"pulses ({every:g} min); make 'width' at most 'every'")
        return None
    if (end - start) / every > MAX_PULSES:
        ck.problem(m.line_of("every"), f"{what} makes more than {MAX_PULSES} pulses; lengthen 'every'")
        return None
    return Pulses(target, start, end, every, width, level)


def _known_input(ck, m: LineDict, key: str, target: str, inputs: set, what: str) -> bool:
    if target in inputs:
        return True
    if target:
        ck.problem(m.line_of(key), f"{what}: '{target}' is not an input of this pathway"
                                   f"{did_you_mean(target, inputs)} (inputs: {', '.join(sorted(inputs))})")
    return False


class _TimeChecker(FieldChecker):
    """The pathway loader's field checker plus times in minutes or hours."""

    def time(self, m: LineDict, key: str, what: str, required: bool = False, lo_open: bool = False,
             hi: float = MAX_MINUTES) -> float | None:
        if key not in m:
            if required:
                self.problem(m.line, f"{what} is missing field '{key}'; add '{key}: \"30 min\"' (or hours: \"7 h\")")
            return None
        value = self.time_value(m[key], m.line_of(key), f"{what} field '{key}'", hi)
        if value is not None and lo_open and value == 0:
            self.problem(m.line_of(key), f"{what} field '{key}' is 0; it must be longer than 0 min")
            return None
        return value

    def time_value(self, raw, line: int, what: str, hi: float = MAX_MINUTES) -> float | None:
        minutes = parse_minutes(raw)
        if minutes is None:
            self.problem(line, f"{what} is {type_name(raw)} {str(raw)!r:.40}; write minutes as a number or text "
                               f"with a unit: 90, \"90 min\", \"7 h\", \"7 h 30 min\"")
            return None
        if minutes < 0:
            self.problem(line, f"{what} is {minutes:g} min; times count from the start of the scenario, so they "
                               f"cannot be negative")
            return None
        if minutes > hi:
            self.problem(line, f"{what} is {minutes:g} min; it must be at most {hi:g} min ({hi / 60:g} h)")
            return None
        return minutes


__all__ = ["Meal", "Pulses", "Ramp", "Scenario", "Sleep", "Step", "SCENARIO_FORMAT", "load_scenario",
           "build_scenario", "parse_minutes", "format_clock", "SLEEP_INPUT", "MEAL_INPUT"]
