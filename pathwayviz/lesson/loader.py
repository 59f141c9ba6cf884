"""Lesson files (placeholder until lessons land): recognises lesson files for ``validate``."""

from __future__ import annotations

from pathlib import Path


def looks_like_lesson(path: str | Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return "pathwayviz-lesson/" in head
