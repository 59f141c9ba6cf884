"""JSON read strictly, for files a user may have edited or that may be damaged (sessions).

Python's ``json`` accepts ``NaN`` and ``Infinity``, turns a huge number into ``inf`` and keeps the
last of two equal keys without a word. :func:`loads_strict` refuses all of these and reports every
refusal as a :class:`StrictJsonError` whose message completes the sentence "<file> …".
"""

from __future__ import annotations

import json
import math


class StrictJsonError(ValueError):
    """Text that is not acceptable JSON; ``message`` completes "<file> …", ``line`` is 1-based or None."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


class _Refused(ValueError):
    pass


def loads_strict(text: str, what: str = "a PathwayViz file"):
    """The value of JSON ``text``; raises StrictJsonError for bad syntax, a non-finite or overflowing
    number, a key given twice in one object, or nesting too deep (``what`` names the kind of file)."""
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float,
                          parse_int=_bounded_int, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise StrictJsonError(f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); "
                              "the file is damaged or incomplete", exc.lineno) from None
    except _Refused as exc:
        raise StrictJsonError(exc.args[0]) from None
    except RecursionError:
        raise StrictJsonError(f"is nested too deeply to be {what}") from None


def _unique_keys(pairs: list[tuple[str, object]]) -> dict:
    """A JSON object as a dict, refusing a key given twice (json keeps the last one silently)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Refused(f"has the field '{key:.60}' twice in one object; the file is damaged or was "
                               "edited by hand, keep one")
            seen.add(key)
    return result


def _refuse_constant(name: str):
    raise _Refused(f"contains {name}; every number in the file must be finite")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise _Refused(f"contains the number {shown}, which is too large; the file is damaged")
    return value


def _bounded_int(text: str) -> int | float:
    # Long integers become floats so that a huge one is refused as non-finite, not later as a crash.
    return int(text) if len(text) <= 18 else _finite_float(text)
