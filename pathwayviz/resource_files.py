"""The one place that knows where shipped resources live.

Installed, they sit inside the wheel as ``pathwayviz.resources``. From a source checkout (tests
and benchmarks run in one whatever way the package was installed) they are the top-level
``resources/`` folder beside the package.
"""

from __future__ import annotations

from importlib import resources as _res
from pathlib import Path

BUILTIN_PATHWAY = "insulin_signaling.yaml"
BUILTIN_LESSON = "selective_insulin_resistance.yaml"  # the default lesson, opened at start
BUILTIN_GLOSSARY = "glossary.yaml"

_CHECKOUT_RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def _root() -> Path:
    try:
        return Path(str(_res.files("pathwayviz.resources")))
    except ModuleNotFoundError:  # a source checkout imported without an editable install
        return _CHECKOUT_RESOURCES


def resource_path(*parts: str) -> Path:
    """Filesystem path of a shipped resource, e.g. ``resource_path("pathways", "x.yaml")``."""
    return _root().joinpath(*parts)


def builtin_pathway_path() -> Path:
    return resource_path("pathways", BUILTIN_PATHWAY)


def builtin_lesson_path(lesson_id: str | None = None) -> Path:
    """The shipped lesson ``lesson_id`` (a file stem, e.g. "growth_hormone"); None: the default lesson."""
    return resource_path("lessons", f"{lesson_id}.yaml" if lesson_id else BUILTIN_LESSON)


def builtin_lesson_ids() -> list[str]:
    """The ids (file stems) of the shipped lessons, the default lesson first, then by name."""
    default = Path(BUILTIN_LESSON).stem
    stems = sorted(p.stem for p in resource_path("lessons").glob("*.yaml"))
    return sorted(stems, key=lambda s: s != default)


def lesson_file(value: str) -> Path:
    """What ``--lesson VALUE`` names: an existing file, else the shipped lesson with that id, else the path
    as given (so whoever opens it reports the missing file)."""
    path = Path(value)
    if not path.exists() and value in builtin_lesson_ids():
        return builtin_lesson_path(value)
    return path


def builtin_scenario_ids() -> list[str]:
    """The ids (file stems) of the shipped scenarios, e.g. ["day", "ogtt"]."""
    return sorted(p.stem for p in resource_path("scenarios").glob("*.yaml"))


def builtin_scenario_path(scenario_id: str) -> Path:
    return resource_path("scenarios", f"{scenario_id}.yaml")


def builtin_glossary_path() -> Path:
    return resource_path(BUILTIN_GLOSSARY)
