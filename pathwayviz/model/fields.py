"""The typed field reader every strict file loader shares (pathway, scenario and lesson files).

:class:`FieldChecker` reads text, numbers, ids and lists out of the YAML mappings of
``yamlio`` and records each mistake as a :class:`Problem` with its file and line, so a loader
reports every problem at once instead of stopping at the first. The small helpers beside it word
those messages: a "did you mean", a printable id, a type in plain words.
"""

from __future__ import annotations

import math
from typing import Iterator

from .yamlio import FileProblems, LineDict, LineList, Problem


class FieldChecker:
    """Reads typed fields out of YAML mappings, recording problems instead of raising."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def header(self, data, fmt: str, kind: str) -> LineDict:
        """The top mapping of a file whose first line must be ``format: fmt``; raises FileProblems otherwise."""
        top = self.mapping(data, 1, "the file")
        if top is None:
            raise FileProblems(self.problems)
        found = top.get("format")
        if found != fmt:
            self.problem(top.line_of("format"), f"'format' is {found!r}; a {kind} file starts with 'format: {fmt}'")
            raise FileProblems(self.problems)
        return top

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, line, message))

    def unknown_keys(self, m: LineDict, allowed: tuple[str, ...], what: str) -> None:
        """A problem for every key of ``m`` that is not in ``allowed`` (a typo such as 'tua')."""
        for key in m:
            if key not in allowed:
                self.problem(m.line_of(key), f"{what} has unknown field '{str(key):.60}'"
                                             f"{did_you_mean(str(key), allowed)} (fields: {', '.join(allowed)})")

    def reference(self, m: LineDict, key: str, what: str) -> str:
        """A required id naming something else in the file; empty text is refused here, not later."""
        value = self.text(m, key, what)
        if key in m and isinstance(m[key], str) and not value.strip():
            self.problem(m.line_of(key), f"{what} field '{key}' is empty; give an id")
        return value

    def mapping(self, value, line: int, what: str) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.problem(line, f"{what} must be a mapping (key: value lines), not {type_name(value)}")
        return None

    def sequence(self, value, line: int, what: str) -> list:
        if value is None:
            return LineList()
        if isinstance(value, list):
            return value
        self.problem(line, f"{what} must be a list (lines starting with '- '), not {type_name(value)}")
        return LineList()

    def entries(self, parent: LineDict, key: str, label: str, fields: tuple[str, ...] | None = None,
                name: str | None = None) -> Iterator[tuple[str, LineDict]]:
        """Each mapping in the list ``parent[key]`` as ("label k", mapping), k counted from 1.

        A value that is not a list, and an entry that is not a mapping, are problems (the entry is
        skipped); with ``fields``, so is every key of an entry not among them. ``name`` is how the
        list is called in a message (default: the key in quotes).
        """
        items = self.sequence(parent.get(key), parent.line_of(key), name or f"'{key}'")
        for i, raw in enumerate(items):
            what = f"{label} {i + 1}"
            m = self.mapping(raw, item_line(items, i), what)
            if m is None:
                continue
            if fields is not None:
                self.unknown_keys(m, fields, what)
            yield what, m

    def text(self, m: LineDict, key: str, what: str, required: bool = True, default: str = "") -> str:
        if key not in m:
            if required:
                self.problem(m.line, f"{what} is missing field '{key}'; add '{key}: ...'")
            return default
        value = m[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            self.problem(m.line_of(key), f"{what} field '{key}' must be text, not {type_name(value)}")
            return default
        return value

    def number(self, m: LineDict, key: str, what: str, default: float, lo: float | None = None,
               hi: float | None = None, lo_open: bool = False) -> float:
        if key not in m:
            return default
        value = m[key]
        line = m.line_of(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(line, f"{what} field '{key}' must be a number, not {type_name(value)} {str(value)!r:.40}")
            return default
        value = finite_float(value)
        if not math.isfinite(value):
            self.problem(line, f"{what} field '{key}' is {value}; use a finite number")
            return default
        if lo is not None and (value < lo or (lo_open and value == lo)):
            rel = ">" if lo_open else "≥"
            self.problem(line, f"{what} field '{key}' is {value:g}; it must be {rel} {lo:g}")
            return default
        if hi is not None and value > hi:
            self.problem(line, f"{what} field '{key}' is {value:g}; it must be ≤ {hi:g}")
            return default
        return value

    def strings(self, m: LineDict, key: str, what: str) -> tuple[str, ...]:
        if key not in m or m[key] is None:
            return ()
        value = m[key]
        if isinstance(value, str):
            return (value,)
        if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
            self.problem(m.line_of(key), f"{what} field '{key}' must be a list of names")
            return ()
        return tuple(str(v) for v in value)


def printable(text: str) -> str:
    """``text`` with control characters escaped, so an id like "akt\\n" stays on one message line."""
    return text if text.isprintable() else text.encode("unicode_escape").decode("ascii")


def did_you_mean(name: str, options) -> str:
    """'; did you mean 'x'?' for the closest of ``options``, or '' when nothing is close."""
    close = close_matches(name.lower(), [str(o) for o in options], n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def finite_float(value: int | float) -> float:
    """float(value), with integers too large for a float (1 followed by 400 zeros) as infinity."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def type_name(value) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", LineDict: "a mapping", list: "a list", LineList: "a list", str: "text",
            bool: "true/false", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def item_line(seq, index: int, fallback: int = 0) -> int:
    """The line of entry ``index`` of a YAML list, or ``fallback`` when ``seq`` carries no lines."""
    return seq.line_of(index) if isinstance(seq, LineList) else fallback


def close_matches(word, possibilities, n=3, cutoff=0.6):
    """difflib's close matches (imported only when a name is wrong: not on the start-up path)."""
    import difflib

    return difflib.get_close_matches(word, possibilities, n=n, cutoff=cutoff)
