"""Parsed YAML files remembered on disk, so a file read before opens without PyYAML.

Parsing the built-in pathway takes PyYAML's import and about 20 ms of CPU before the window's
first paint; reading the same data back from JSON takes about 2 ms. Each entry is named by the
SHA-256 of the file's text (and of this format), so an edited file is never served stale data.
The entry holds plain JSON (never a pickle): mappings and lists with the lines they started on.

Everything here is best effort: a missing, unreadable, corrupt or foreign entry is a miss (the
file is parsed again), and a cache folder that cannot be written is skipped silently. Entries
are written atomically (a temporary file renamed into place); at most :data:`MAX_ENTRIES` are kept.
The folder is ``$PATHWAYVIZ_CACHE_DIR``, else ``$XDG_CACHE_HOME/pathwayviz/parsed``, else
``~/.cache/pathwayviz/parsed``.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .line_data import LineDict, LineList

FORMAT = "pathwayviz-parsed/1"
MAX_ENTRIES = 64
MISSING = object()      # what recall() returns when there is no usable entry


def cache_dir() -> Path:
    explicit = os.environ.get("PATHWAYVIZ_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pathwayviz" / "parsed"


def _entry(text: str) -> Path:
    digest = hashlib.sha256(f"{FORMAT}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
    return cache_dir() / f"{digest}.json"


def recall(text: str):
    """The data parsed before from ``text``, or :data:`MISSING`."""
    try:
        with open(_entry(text), encoding="utf-8") as fh:
            stored = json.load(fh)
        if not isinstance(stored, dict) or stored.get("format") != FORMAT:
            return MISSING
        return decode(stored["data"])
    except (OSError, ValueError, KeyError, TypeError, IndexError, RecursionError):
        return MISSING


def remember(text: str, data) -> None:
    """Store ``data`` (parsed from ``text``) for next time; silently skipped when it cannot be."""
    try:
        payload = json.dumps({"format": FORMAT, "data": encode(data)}, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):
        return                                  # something JSON cannot hold: parse it each time
    import tempfile   # only when writing: a start that reads the cache does without it

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".partial-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(payload)
            os.replace(tmp, _entry(text))
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except OSError:
        return


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-MAX_ENTRIES]:
        old.unlink(missing_ok=True)


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
