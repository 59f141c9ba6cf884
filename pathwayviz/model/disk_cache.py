"""Derived data remembered on disk between starts: plain JSON entries named by a digest of their key.

Two kinds use it: parsed YAML files (:mod:`.parse_cache`) and the steady state a pathway settles to
before the first frame (:mod:`pathwayviz.sim.steady_cache`). Everything here is best effort: a
missing, unreadable, corrupt or foreign entry is a miss (the caller computes the value again), and
a folder that cannot be written is skipped silently. Entries are written with the one atomic
writer (:mod:`.files`) and at most ``max_entries`` are kept per kind; nothing is ever unpickled.

The folder of a kind is ``$PATHWAYVIZ_CACHE_DIR/<kind>``, else ``$XDG_CACHE_HOME/pathwayviz/<kind>``,
else ``~/.cache/pathwayviz/<kind>``. Entries for the shipped files ship too, read-only, in the
resources' ``cache/<kind>`` folder (written by ``scripts/ship_caches.py``), so even the very first
start finds them; an entry there is named and checked exactly like one in the user's folder.

Keys are hashed with BLAKE2b from CPython's built-in ``_blake2`` module when it is there: importing
``hashlib`` loads OpenSSL, about 3 ms of CPU on every start, for a digest the cache alone needs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..resource_files import resource_path

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it
    from hashlib import blake2b

MISSING = object()      # what read() returns when there is no usable entry


def shipped_root() -> Path:
    """The read-only entries that ship with the program (for its own pathway, lessons and scenarios)."""
    return resource_path("cache")


def cache_root() -> Path:
    explicit = os.environ.get("PATHWAYVIZ_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "pathwayviz"


class DiskCache:
    """Entries of one kind: ``{"format": fmt, "data": …}`` in ``<root>/<kind>/<digest>.json``."""

    def __init__(self, kind: str, fmt: str, max_entries: int = 64):
        self.kind = kind
        self.format = fmt
        self.max_entries = max_entries

    @property
    def folder(self) -> Path:
        return cache_root() / self.kind

    def entry(self, key: str) -> Path:
        digest = blake2b(f"{self.format}\n{key}".encode("utf-8", "surrogatepass"), digest_size=32).hexdigest()
        return self.folder / f"{digest}.json"

    def read(self, key: str):
        """The JSON data stored under ``key`` (in the user's folder, else among the shipped entries), or
        :data:`MISSING`."""
        name = self.entry(key).name
        for folder in (self.folder, shipped_root() / self.kind):
            try:
                with open(folder / name, encoding="utf-8") as fh:
                    stored = json.load(fh)
            except (OSError, ValueError, RecursionError):
                continue
            if isinstance(stored, dict) and stored.get("format") == self.format and "data" in stored:
                return stored["data"]
        return MISSING

    def write(self, key: str, data) -> None:
        """Store JSON ``data`` under ``key``; silently skipped when it cannot be."""
        try:
            payload = json.dumps({"format": self.format, "data": data}, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            return
        from .files import write_text_atomic  # only when writing: a start that reads the cache does without it

        folder = self.folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.entry(key), payload, durable=False)  # lost in a crash: computed again
            self._prune(folder)
        except OSError:
            return

    def _prune(self, folder: Path) -> None:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
        for old in entries[:-self.max_entries]:
            old.unlink(missing_ok=True)
