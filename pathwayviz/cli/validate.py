"""``pathwayviz validate FILE...``: check pathway and lesson files; problems name file and line."""

from __future__ import annotations

import argparse
import sys

from ..formats.pathway_file import open_pathway
from ..model.yamlio import FileProblems

HELP = "Check pathway files (YAML, Netflux .xlsx/.xls, SBML-qual), lesson files and scenario files."


def build(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE")


def run(args) -> int:
    from ..lesson.loader import load_lesson, looks_like_lesson
    from ..model.loader import load_pathway
    from ..model.scenario import load_scenario, looks_like_scenario
    from ..resource_files import builtin_pathway_path

    bad = 0
    for name in args.files:
        try:
            if looks_like_lesson(name):
                lesson = load_lesson(name)
                print(f"{name}: OK (lesson '{lesson.title}', {len(lesson.steps)} steps)")
            elif looks_like_scenario(name):
                scenario = load_scenario(name, load_pathway(builtin_pathway_path()))
                print(f"{name}: OK (scenario '{scenario.title}', {scenario.duration / 60:g} h, "
                      f"{len(scenario.items)} schedule entries, {len(scenario.sleep)} sleep periods)")
            else:
                warnings = []
                p = open_pathway(name, warnings)
                for w in warnings:
                    print(f"warning: {w}", file=sys.stderr)
                print(f"{name}: OK (pathway '{p.title}', {len(p.species)} species, "
                      f"{len(p.interactions)} interactions)")
        except FileProblems as exc:
            bad += 1
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
    return 2 if bad else 0
