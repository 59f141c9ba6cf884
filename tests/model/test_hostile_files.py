"""Issue #17 reproducers for the file loaders: each broken file gives FileProblems naming file and line."""

from __future__ import annotations

import json
import textwrap

import numpy as np
import pytest

from pathwayviz.lesson.loader import load_lesson
from pathwayviz.model.loader import FIELDS, load_pathway
from pathwayviz.state.session import Session, SessionError, resolve_reference, LESSONS
from pathwayviz.model.yamlio import MAX_FILE_BYTES, FileProblems, load_yaml
from pathwayviz.resource_files import builtin_lesson_path, builtin_pathway_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

PATHWAY = """\
format: pathwayviz-pathway/1
id: t
title: T
species:
  - id: a
    pos: [0, 0]
  - id: b
    pos: [100, 0]
interactions:
  - source: a
    target: b
controls:
  inputs:
    - species: a
"""


def _problems(tmp_path, text: str, name: str = "broken.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        load_pathway(path)
    return [str(p) for p in info.value.problems]


def _one(problems: list[str], *fragments: str) -> str:
    hits = [p for p in problems if all(f in p for f in fragments)]
    assert hits, problems
    return hits[0]


def test_the_minimal_pathway_is_valid(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(PATHWAY, encoding="utf-8")
    assert list(load_pathway(path).species) == ["a", "b"]


# 1. Bad YAML scalars ------------------------------------------------------------------------------
def test_an_unquoted_impossible_date_is_read_as_text(tmp_path):
    path = tmp_path / "d1.yaml"
    path.write_text(PATHWAY.replace("title: T", "title: 2024-02-30"), encoding="utf-8")
    assert load_pathway(path).title == "2024-02-30"


@pytest.mark.parametrize("value, expected", [
    ("!!int abc", "'abc' is not a valid int"),
    ("!!bool maybe", "'maybe' is not a valid bool"),
    ("!!float x", "'x' is not a valid float"),
    ("!!timestamp x", "!!timestamp are not allowed"),
    ("!!binary aGVsbG8=", "!!binary are not allowed"),
    ("1" * 5000, "is not a valid int"),
])
def test_values_that_do_not_fit_their_tag_name_the_line(tmp_path, value, expected):
    problems = _problems(tmp_path, PATHWAY.replace("title: T", f"title: {value}"))
    assert problems == [f"broken.yaml:3: {problems[0].split(': ', 1)[1]}"]
    assert expected in problems[0]


# 2. Huge integers -----------------------------------------------------------------------------------
def test_a_huge_integer_is_refused_as_not_finite(tmp_path):
    text = PATHWAY.replace("    pos: [0, 0]", "    pos: [0, 0]\n    tau: 1" + "0" * 400)
    _one(_problems(tmp_path, text), "broken.yaml:7:", "'tau'", "finite")


# 3. Empty references ---------------------------------------------------------------------------------
@pytest.mark.parametrize("old, new, where", [
    ("- source: a", '- source: ""', "broken.yaml:10:"),
    ("    - species: a", '    - species: ""', "broken.yaml:14:"),
])
def test_empty_references_are_refused(tmp_path, old, new, where):
    _one(_problems(tmp_path, PATHWAY.replace(old, new)), where, "is empty")


def test_a_drug_with_an_empty_target_is_refused(tmp_path):
    text = PATHWAY + '  drugs:\n    - id: d\n      target: ""\n'
    _one(_problems(tmp_path, text), "broken.yaml:17:", "'target' is empty")


# 4. Values that break the numerics ---------------------------------------------------------------------
@pytest.mark.parametrize("field, expected", [
    ("ec50: 0.1\n    n: 20", "too sharp"),
    ("ymax: 1.0e-320", "'ymax'"),
    ("tau: 1.0e-9", "'tau'"),
    ("tau: 1.0e+9", "'tau'"),
])
def test_parameters_the_numerics_cannot_live_with_are_refused(tmp_path, field, expected):
    if field.startswith("ec50"):
        text = PATHWAY.replace("    target: b", "    target: b\n    " + field)
    else:
        text = PATHWAY.replace("  - id: b\n", f"  - id: b\n    {field}\n")
    _one(_problems(tmp_path, text), "broken.yaml:", expected)


def test_the_sharpest_accepted_curve_is_finite_at_zero(tmp_path):
    # EC50^n just above the floor used to cancel K^n to 0 and give 0/0 at x = 0.
    path = tmp_path / "sharp.yaml"
    path.write_text(PATHWAY.replace("    target: b", "    target: b\n    ec50: 0.26\n    n: 20"), encoding="utf-8")
    engine = Engine(load_pathway(path))
    assert engine.compiled.Kn[0] > 0
    values = engine.compiled.edge_values(np.array([0.0, 0.0]))
    assert np.all(np.isfinite(values)) and values[0] == 0.0
    cond = engine.conditions(Perturbations(inputs={"a": 1.0}))
    y = engine.relax(Perturbations(inputs={"a": 1.0}))
    assert np.all(np.isfinite(y)) and y[1] > 0.99
    assert np.all(np.isfinite(engine.rhs(y, cond)))


# 5. Coordinates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("pos", ["[0, 1e8]", "[0, 100000000]", "[0, -9223372036854775808]"])
def test_far_away_coordinates_are_refused(tmp_path, pos):
    _one(_problems(tmp_path, PATHWAY.replace("pos: [100, 0]", f"pos: {pos}")), "broken.yaml:8:", "±100000")


# 6. Special files --------------------------------------------------------------------------------------------
def test_dev_zero_is_refused_after_reading_only_the_cap():
    with pytest.raises(FileProblems) as info:
        load_pathway("/dev/zero")
    assert f"larger than {MAX_FILE_BYTES // 1024} KiB" in str(info.value)
    with pytest.raises(FileProblems, match="zero: is larger than"):
        load_lesson("/dev/zero")


def test_a_session_whose_pathway_is_dev_zero_is_refused_naming_it():
    # the window loads the session's pathway with load_pathway; the cap protects it the same way
    session = Session(pathway="/dev/zero")
    with pytest.raises(FileProblems, match="larger than"):
        load_pathway(resolve_reference(session.pathway))


# 9. Quadratic session check -----------------------------------------------------------------------------------
def test_a_session_naming_many_unknown_species_gets_a_short_message(pathway):
    names = [f"x{i}" for i in range(100_000)]
    session = Session(pinned=names, state={n: 0.0 for n in names})
    with pytest.raises(SessionError) as info:
        session.validate_against(pathway, "big.pathwayviz")
    message = str(info.value)
    assert message.startswith("big.pathwayviz: names species") and "x0, x1" in message
    assert "and 99990 more" in message and len(message) < 1000


# 10. Merge keys ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["x: {<<: [&e {a: 1}, *e]}\n", "x:\n  <<: {a: 1}\n", "x: {<<: {a: 1}}\n"])
def test_merge_keys_are_refused(tmp_path, text):
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FileProblems, match="merge keys"):
        load_yaml(path)


def test_a_nested_merge_bomb_is_refused_before_expanding(tmp_path):
    lines = ["a0: &a0 {x: 1}"] + [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, 40)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(FileProblems, match="bomb.yaml:2: merge keys|bomb.yaml:2: this value"):
        load_yaml(path)


# 11. Nonsense accepted silently ------------------------------------------------------------------------------------
def test_duplicate_yaml_keys_name_both_lines(tmp_path):
    problems = _problems(tmp_path, PATHWAY.replace("    pos: [0, 0]", "    pos: [0, 0]\n    pos: [5, 5]"))
    assert problems == ["broken.yaml:7: key 'pos' appears twice in this mapping (first on line 6); keep one"]


def test_duplicate_json_keys_are_refused():
    text = json.dumps(Session().to_dict())[:-1] + ', "focus": "male"}'
    with pytest.raises(SessionError, match="s.pathwayviz: has the field 'focus' twice"):
        Session.from_json(text, "s.pathwayviz")


@pytest.mark.parametrize("old, new, line, hint", [
    ("    pos: [0, 0]", "    pos: [0, 0]\n    tua: 3", 7, "did you mean 'tau'?"),
    ("    target: b", "    target: b\n    efect: inhibits", 12, "did you mean 'effect'?"),
    ("title: T", "title: T\ntitel: U", 4, "did you mean 'title'?"),
    ("    - species: a", "    - species: a\n      defualt: 0.5", 15, "did you mean 'default'?"),
])
def test_unknown_fields_are_refused_with_a_suggestion(tmp_path, old, new, line, hint):
    _one(_problems(tmp_path, PATHWAY.replace(old, new)), f"broken.yaml:{line}:", "unknown field", hint)


def test_the_builtin_files_use_only_known_fields(pathway):
    assert "tau" in FIELDS["species"] and pathway.species  # loaded strictly by the fixture
    assert load_lesson(builtin_lesson_path(), pathway).steps


def test_an_id_ending_in_a_newline_is_refused(tmp_path):
    _one(_problems(tmp_path, PATHWAY.replace("  - id: b", '  - id: "b\\n"')), "broken.yaml:7:", "lower_snake_case")


def test_a_lesson_step_id_ending_in_a_newline_is_refused(tmp_path, pathway):
    text = builtin_lesson_path().read_text(encoding="utf-8")
    first_id = next(line for line in text.splitlines() if line.strip().startswith("- id:")).split(":", 1)[1].strip()
    path = tmp_path / "l.yaml"
    path.write_text(text.replace(f"- id: {first_id}", f'- id: "{first_id}\\n"', 1), encoding="utf-8")
    with pytest.raises(FileProblems) as info:
        load_lesson(path, pathway)
    [problem] = info.value.problems
    assert str(problem).endswith(f"step '{first_id}\\n': id must be kebab-case (lower-case letters and digits "
                                 f"joined by '-'), e.g. '{first_id}'")


def test_knockout_and_overexpress_of_one_species_is_refused(pathway):
    with pytest.raises(Exception, match="'akt' is in both knockouts and overexpress"):
        Perturbations(knockouts={"akt"}, overexpress={"akt"}).validate(pathway)


# 13. Messages name the file -------------------------------------------------------------------------------------------
def test_an_unknown_builtin_lesson_names_the_session_file():
    with pytest.raises(SessionError) as info:
        resolve_reference("builtin:no_such_lesson", LESSONS, "mine.pathwayviz")
    assert str(info.value).startswith("mine.pathwayviz: uses the built-in lesson 'no_such_lesson'")


def test_the_builtin_pathway_still_loads():
    assert load_pathway(builtin_pathway_path()).species


def test_start_up_removes_temporaries_a_crash_during_autosave_left(tmp_path, monkeypatch):
    import os
    import time

    from pathwayviz.state import autosave

    monkeypatch.setenv(autosave.DATA_DIR_ENV, str(tmp_path))
    stale = tmp_path / f".{autosave.AUTOSAVE_NAME}.1a2b3c4d.tmp"
    fresh = tmp_path / f".{autosave.AUTOSAVE_NAME}.5e6f7a8b.tmp"
    other = tmp_path / "notes.tmp"
    for f in (stale, fresh, other):
        f.write_text("{", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    autosave.mark_running()
    assert not stale.exists() and fresh.exists() and other.exists()
    assert (tmp_path / autosave.RUNNING_MARKER).exists()
