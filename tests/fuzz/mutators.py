"""Mutations of the built-in pathway, lesson and session files, and the loaders they go through.

Shared by the CI fuzz tests (``test_fuzz_loaders.py``, driven by hypothesis) and the long
campaign (``scripts/fuzz_campaign.py``, driven by a seeded ``random.Random``). Every mutator takes
a ``random.Random`` so both can replay a case exactly.

A loader passes when it returns a valid result or raises its own error type (FileProblems, of
which SessionError is one); a valid pathway must also simulate without NaN.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import yaml

from pathwayviz.lesson.loader import load_lesson
from pathwayviz.model.loader import load_pathway
from pathwayviz.model.pathway import Pathway
from pathwayviz.state.session import (BUILTIN_LESSON_REF, BUILTIN_PATHWAY_REF, LESSONS, Session, View, load_session,
                                      resolve_reference)
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.resource_files import builtin_lesson_path, builtin_pathway_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.live import LiveSimulation

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Values an attacker or a careless editor puts where a field was (YAML spelling).
YAML_VALUES = [
    '""', "''", "~", "null", "0", "-1", "1e-9", "1.0e-320", "1.0e+308", "1e400", ".inf", "-.inf", ".nan", "20",
    "0.1", "1" + "0" * 400, "9" * 5000, "-9223372036854775808", "2024-02-30", "2024-01-01", "!!int abc",
    "!!bool maybe", "!!timestamp x", "!!binary aGVsbG8=", "!!set {a}", "!!python/object:os.system x", "*a", "&a x",
    "{<<: {a: 1}}", "[]", "{}", "[0, 1e8]", "[1, 2, 3]", "yes", "no", '"akt\\n"', '"a\\u0000b"', "'\u202e'",
    "akt", "insulin", "jnk", "ir", "activates", "inhibits", "and", "or", "[akt, akt]", '"' + "x" * 300 + '"',
]
# Lines spliced into a file at random places.
YAML_LINES = [
    "<<: {tau: 1}", "tua: 3", "tau: 1", "tau: 1", "id: akt", "- id: akt", "  - id: akt", "x: &a [1]", "y: *a",
    "%YAML 1.1", "---", "...", "? [a]\n: 1", "\t", "[", "{", "'", '"', "- [", "format: pathwayviz-pathway/1",
    "format: pathwayviz-lesson/1", "species:", "steps:", "interactions:", "controls:",
]
JSON_VALUES = [None, True, False, 0, -1, 1e-320, 1e308, 10 ** 30, -(2 ** 63), "", "builtin:", "builtin:x\n",
               "/dev/zero", "/", "relative.yaml", "builtin:insulin_signaling", "akt", [], {}, [1, 2], {"a": 1},
               "x" * 5000, 0.5, 2.0]
JSON_TOKENS = ["NaN", "Infinity", "-Infinity", "1e400", "9" * 5000, '"\\ud800"', "{", "[", ",", ":", '"a": 1,',
               "null", '"format": "pathwayviz-session",']


def builtin_texts() -> dict[str, str]:
    """The seed file of each format, as text."""
    pathway = load_pathway(builtin_pathway_path())
    return {"pathway": builtin_pathway_path().read_text(encoding="utf-8"),
            "lesson": builtin_lesson_path().read_text(encoding="utf-8"),
            "session": seed_session(pathway).to_json()}


def seed_session(pathway: Pathway) -> Session:
    """A session using every field: perturbations, pins, view, lesson, time and both states."""
    live = LiveSimulation(pathway)
    p = live.perturbations
    p.inputs["insulin"] = 0.6
    p.toggles["jnk"] = 0.8
    p.knockouts.add("erk")
    p.fixed["ikk"] = 0.3
    p.drugs["rapamycin"] = 0.5
    live.set_perturbations(p)
    live.reset()
    live.advance(1.0)
    state = dict(zip(live.ids, map(float, live.state)))
    healthy = dict(zip(live.ids, map(float, live.healthy)))
    return Session(BUILTIN_PATHWAY_REF, p, ["akt", "glut4"], View((120.5, -40.0), 1.5), BUILTIN_LESSON_REF, 2,
                   "female", live.time, state, healthy)


# -- mutations -----------------------------------------------------------------------------------
def mutate(kind: str, text: str, rng: random.Random) -> str:
    """One to four mutations, structural (parse, change, write back) or textual, of a seed file."""
    for _ in range(rng.randint(1, 4)):
        if rng.random() < 0.5:
            text = _structural(kind, text, rng)
        else:
            text = _textual(kind, text, rng)
    return text


def _textual(kind: str, text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    op = rng.randrange(7)
    i = rng.randrange(len(lines))
    if op == 0:  # replace a value after a colon
        head, sep, _ = lines[i].partition(": ")
        values = YAML_VALUES if kind != "session" else JSON_TOKENS
        lines[i] = head + (sep or ": ") + rng.choice(values)
    elif op == 1:  # splice in a line
        pool = YAML_LINES if kind != "session" else JSON_TOKENS
        indent = " " * rng.choice((0, 2, 4, 6))
        lines.insert(i, indent + rng.choice(pool))
    elif op == 2:  # duplicate a line (duplicate keys)
        lines.insert(i, lines[i])
    elif op == 3:  # delete lines
        del lines[i:i + rng.randint(1, 5)]
    elif op == 4:  # truncate
        return text[:rng.randrange(len(text) + 1)]
    elif op == 5:  # flip characters
        chars = list(text)
        for _ in range(rng.randint(1, 8)):
            k = rng.randrange(len(chars))
            chars[k] = rng.choice(":-[]{}&*!|>'\"#%@`, \t\n0123456789.e\x00\u00e9")
        return "".join(chars)
    else:  # swap two lines
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def _structural(kind: str, text: str, rng: random.Random) -> str:
    try:
        data = json.loads(text) if kind == "session" else yaml.load(text, Loader=_FAST_LOADER)  # noqa: S506 - safe
    except Exception:  # noqa: BLE001 - plain PyYAML raises AttributeError etc. on '!!timestamp x'; keep the text
        return text
    containers = list(_containers(data))
    if not containers:
        return text
    parent = rng.choice(containers)
    keys = list(parent) if isinstance(parent, dict) else list(range(len(parent)))
    if not keys:
        return text
    key = rng.choice(keys)
    op = rng.randrange(6)
    if op == 0:  # change a value
        parent[key] = _value(kind, rng)
    elif op == 1:  # drop a field or item
        del parent[key]
    elif op == 2 and isinstance(parent, dict):  # misspell a field
        name = str(key)
        parent[name[:-1] + name[-1:] * 2 if name else "x"] = parent.pop(key)
    elif op == 3 and isinstance(parent, list):  # repeat an item
        parent.append(parent[key])
    elif op == 4:  # scale a number
        value = parent[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            parent[key] = value * rng.choice((-1, 0, 1e-300, 1e-9, 1e9, 1e300))
    else:  # the same value in another place
        other = rng.choice(containers)
        if isinstance(other, dict):
            other[rng.choice(["tau", "id", "species", "source", "pos", "steps", "state", "ymax", "n"])] = parent[key]
    try:
        if kind == "session":
            return json.dumps(data, indent=1)
        return yaml.dump(data, Dumper=_FAST_DUMPER, sort_keys=False, allow_unicode=True, width=200)
    except (ValueError, TypeError, yaml.YAMLError, RecursionError):
        return text


def _containers(data, depth: int = 0):
    if depth > 12:
        return
    if isinstance(data, (dict, list)):
        yield data
        for child in (data.values() if isinstance(data, dict) else data):
            yield from _containers(child, depth + 1)


def _value(kind: str, rng: random.Random):
    if kind == "session":
        return rng.choice(JSON_VALUES)
    raw = rng.choice(YAML_VALUES)
    try:
        return yaml.safe_load(raw)
    except Exception:  # noqa: BLE001 - PyYAML's own constructors raise KeyError/ValueError on '!!bool maybe'
        return raw


# -- the loaders, as each entry point uses them ------------------------------------------------------
def load_and_use(kind: str, path: Path, builtin: Pathway) -> str:
    """Open ``path`` as ``kind`` the way the app does; return "valid" or "refused".

    Raises anything else (the property is that nothing else escapes), or AssertionError when a
    loaded model produces a non-finite value.
    """
    try:
        if kind == "pathway":
            check_simulates(load_pathway(path))
        elif kind == "lesson":
            lesson = load_lesson(path, builtin)
            engine = Engine(builtin)
            for step in lesson.steps:
                engine.conditions(step.perturbations(builtin))
        else:
            session = load_session(path)
            pathway = builtin
            if session.pathway != BUILTIN_PATHWAY_REF:
                pathway = load_pathway(resolve_reference(session.pathway, file_name=path.name))
            session.validate_against(pathway, path.name)
            if session.lesson:
                load_lesson(resolve_reference(session.lesson, LESSONS, path.name), pathway)
            live = LiveSimulation(pathway)
            live.set_perturbations(session.perturbations)
            if session.state is not None:
                live.restore(session.time, np.array([session.state[s] for s in live.ids]))
            live.advance(1 / 30)
            assert np.all(np.isfinite(live.state)), "NaN from a restored session"
    except FileProblems:
        return "refused"
    return "valid"


def check_simulates(pathway: Pathway) -> None:
    """A loaded pathway's model gives finite values: drive, frames, relaxation (AssertionError if not)."""
    live = LiveSimulation(pathway)
    p = live.perturbations
    for sid in p.inputs:
        p.inputs[sid] = 1.0
    for sid in pathway.toggle_ids():
        p.toggles[sid] = 0.8
    live.set_perturbations(p)
    live.reset()
    for _ in range(3):
        live.advance(2 / 60)
    assert np.all(np.isfinite(live.state)) and np.all(np.isfinite(live.healthy)), "NaN in the live simulation"
    engine = live.engine
    assert np.all(np.isfinite(engine.compiled.drive(engine.compiled.ymax.copy(), np.zeros(engine.compiled.size))))
    assert np.all(np.isfinite(engine.edge_flux(live.state))), "NaN flux"
