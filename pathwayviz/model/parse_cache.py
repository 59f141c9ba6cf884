"""Parsed YAML files remembered on disk, so a file read before opens without PyYAML.

Parsing the built-in pathway takes PyYAML's import and about 20 ms of CPU before the window's
first paint; reading the same data back from JSON takes about 2 ms. Each entry is named by a
digest of the file's text (and of this format), so an edited file is never served stale data.
The entry holds plain JSON (never a pickle): mappings and lists with the lines they started on.
Where entries live and how they are written and pruned: :mod:`.disk_cache` (kind ``parsed``).
"""

from __future__ import annotations

from pathlib import Path

from .disk_cache import MISSING, DiskCache
from .line_data import LineDict, LineList

FORMAT = "pathwayviz-parsed/1"
CACHE = DiskCache("parsed", FORMAT)

__all__ = ["CACHE", "FORMAT", "MISSING", "cache_dir", "decode", "encode", "recall", "remember"]


def cache_dir() -> Path:
    return CACHE.folder


def recall(text: str):
    """The data parsed before from ``text``, or :data:`MISSING`."""
    stored = CACHE.read(text)
    if stored is MISSING:
        return MISSING
    try:
        return decode(stored)
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return MISSING


def remember(text: str, data) -> None:
    """Store ``data`` (parsed from ``text``) for next time; silently skipped when it cannot be."""
    try:
        encoded = encode(data)
    except (TypeError, ValueError, RecursionError):
        return                                  # something JSON cannot hold: parse it each time
    CACHE.write(text, encoded)


# -- the JSON shape: every list is an encoded container, every other value a scalar ---------------
def encode(value):
    """``value`` as JSON data: ["d", line, [[key, value]…], [[key, line]…]] for a LineDict,
    ["l", line, [line…], [value…]] for a LineList; scalars as they are."""
    if isinstance(value, LineDict):
        return ["d", value.line, [[encode(k), encode(v)] for k, v in value.items()],
                [[k, n] for k, n in getattr(value, "key_lines", {}).items()]]
    if isinstance(value, LineList):
        return ["l", value.line, list(getattr(value, "item_lines", [])), [encode(v) for v in value]]
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    raise TypeError(f"cannot cache a {type(value).__name__}")


def decode(value):
    if not isinstance(value, list):
        if isinstance(value, dict):
            raise TypeError("a raw mapping is not a cached value")
        return value
    kind, line = value[0], value[1]
    if kind == "d":
        mapping = LineDict((decode(k), decode(v)) for k, v in value[2])
        mapping.line = int(line)
        mapping.key_lines = {k: int(n) for k, n in value[3]}
        return mapping
    if kind == "l":
        seq = LineList(decode(v) for v in value[3])
        seq.line = int(line)
        seq.item_lines = [int(n) for n in value[2]]
        return seq
    raise ValueError(f"unknown cached container {kind!r}")
