"""The one place that knows where shipped resources live (inside the wheel as pathwayviz.resources)."""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path

BUILTIN_PATHWAY = "insulin_signaling.yaml"
BUILTIN_LESSON = "selective_insulin_resistance.yaml"
BUILTIN_GLOSSARY = "glossary.yaml"


def resource_path(*parts: str) -> Path:
    """Filesystem path of a shipped resource, e.g. ``resource_path("pathways", "x.yaml")``."""
    root = _res.files("pathwayviz.resources")
    return Path(str(root.joinpath(*parts)))


def builtin_pathway_path() -> Path:
    return resource_path("pathways", BUILTIN_PATHWAY)


def builtin_lesson_path() -> Path:
    return resource_path("lessons", BUILTIN_LESSON)


def builtin_glossary_path() -> Path:
    return resource_path(BUILTIN_GLOSSARY)
