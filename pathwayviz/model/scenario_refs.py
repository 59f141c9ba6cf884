"""Which scenario a reference names: a built-in id ("ogtt", "day") or a scenario file's path.

The window, sessions and lessons keep a scenario as such a reference (text), and turn it into a
checked :class:`~pathwayviz.model.scenario.Scenario` here, so all of them read files the same way.
"""

from __future__ import annotations

from pathlib import Path

from ..resource_files import builtin_scenario_ids, builtin_scenario_path
from .pathway import Pathway
from .scenario import Scenario, load_scenario
from .yamlio import FileProblems, Problem


def is_builtin_scenario(reference: str) -> bool:
    return reference in builtin_scenario_ids()


def resolve_scenario(reference: str, pathway: Pathway) -> Scenario:
    """The scenario ``reference`` names, checked against ``pathway``.

    Raises FileProblems (file:line for a broken file; the reference and the built-in ids for a
    name that is neither) and OSError when a file cannot be read.
    """
    if is_builtin_scenario(reference):
        return load_scenario(builtin_scenario_path(reference), pathway)
    path = Path(reference)
    if path.suffix.lower() not in (".yaml", ".yml") and not path.exists():
        known = ", ".join(builtin_scenario_ids())
        raise FileProblems([Problem(reference, None, f"is neither a built-in scenario ({known}) nor a scenario "
                                                     "file; give an id or a path ending in .yaml")])
    return load_scenario(path, pathway)


def builtin_scenarios(pathway: Pathway) -> list[Scenario]:
    """The shipped scenarios that fit ``pathway`` (an imported model may lack their inputs), in id order."""
    found = []
    for sid in builtin_scenario_ids():
        try:
            found.append(resolve_scenario(sid, pathway))
        except FileProblems:
            continue
    return found
