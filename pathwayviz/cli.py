"""Headless commands: ``simulate``, ``validate`` and ``export``; also parses the app's own options.

Errors go to stderr with exit code 2; nothing here imports Qt unless a command needs it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from .model.loader import load_pathway
from .model.yamlio import FileProblems
from .resource_files import builtin_pathway_path
from .sim.engine import Engine
from .sim.perturbations import PerturbationError, Perturbations

COMMANDS = ("simulate", "export", "validate")


class CliError(Exception):
    """A user mistake on the command line; the message says what to do instead."""


def add_perturbation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--set", action="append", default=[], metavar="ID=VALUE",
                        help="set an input level between 0 and 1 (e.g. --set insulin=0.6)")
    parser.add_argument("--toggle", action="append", default=[], metavar="ID[=INTENSITY]",
                        help="switch a serine kinase on (jnk, ikk, pkc), optionally with intensity 0..1")
    parser.add_argument("--knockout", action="append", default=[], metavar="ID", help="hold a species at 0")
    parser.add_argument("--overexpress", action="append", default=[], metavar="ID", help="hold a species at max")
    parser.add_argument("--drug", action="append", default=[], metavar="ID[=DOSE]",
                        help="apply a drug (e.g. jnk_inhibitor, rapamycin, mek_inhibitor, pi3k_inhibitor)")


def perturbations_from_args(pathway, args) -> Perturbations:
    pert = Perturbations.defaults(pathway)
    toggle_defaults = {t.species: t.default_intensity for t in pathway.toggles}
    for raw in args.set:
        key, value = _split(raw, "--set", required=True)
        pert.inputs[key] = value
    for raw in args.toggle:
        key, value = _split(raw, "--toggle")
        pert.toggles[key] = toggle_defaults.get(key, 0.8) if value is None else value
    for raw in args.drug:
        key, value = _split(raw, "--drug")
        pert.drugs[key] = 1.0 if value is None else value
    pert.knockouts.update(args.knockout)
    pert.overexpress.update(args.overexpress)
    try:
        pert.validate(pathway)
    except PerturbationError as exc:
        raise CliError(str(exc)) from None
    return pert


def _split(raw: str, option: str, required: bool = False):
    key, sep, value = raw.partition("=")
    if not key:
        raise CliError(f"{option} {raw!r}: give an id, e.g. {option} insulin=0.6")
    if not sep:
        if required:
            raise CliError(f"{option} {raw!r}: give a value, e.g. {option} {key}=0.5")
        return key, None
    try:
        number = float(value)
    except ValueError:
        raise CliError(f"{option} {raw!r}: '{value}' is not a number; use a value between 0 and 1") from None
    return key, number


def _pathway_or_error(path: str | None):
    try:
        return load_pathway(path or builtin_pathway_path())
    except FileProblems as exc:
        raise CliError(str(exc)) from None


def cmd_simulate(args) -> int:
    pathway = _pathway_or_error(args.pathway)
    pert = perturbations_from_args(pathway, args)
    engine = Engine(pathway)
    if not (0 < args.minutes <= 100000):
        raise CliError(f"--minutes {args.minutes:g}: use a number of minutes above 0 and at most 100000")
    out = sys.stdout
    if args.steady:
        y = engine.steady_state(pert)
        values = {sid: round(float(v), 6) for sid, v in zip(engine.ids, y)}
        if args.format == "json":
            json.dump({"steady_state": values}, out)
            out.write("\n")
        else:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(["species", "steady_state"])
            writer.writerows(values.items())
        return 0
    samples = int(round(args.minutes / args.step)) + 1
    t, ys = engine.timecourse(pert, args.minutes, samples=samples)
    if args.format == "json":
        json.dump({"minutes": [round(float(v), 6) for v in t],
                   "species": {sid: [round(float(v), 6) for v in ys[:, i]] for i, sid in enumerate(engine.ids)}},
                  out)
        out.write("\n")
    else:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["minutes", *engine.ids])
        for k in range(len(t)):
            writer.writerow([f"{t[k]:.6g}", *(f"{v:.6f}" for v in ys[k])])
        out.write(buf.getvalue())
    return 0


def cmd_validate(args) -> int:
    from .lesson.loader import looks_like_lesson

    bad = 0
    for name in args.files:
        try:
            if looks_like_lesson(name):
                from .lesson.loader import load_lesson

                lesson = load_lesson(name)
                print(f"{name}: OK (lesson '{lesson.title}', {len(lesson.steps)} steps)")
            else:
                p = load_pathway(name)
                print(f"{name}: OK (pathway '{p.title}', {len(p.species)} species, "
                      f"{len(p.interactions)} interactions)")
        except FileProblems as exc:
            bad += 1
            for problem in exc.problems:
                print(str(problem), file=sys.stderr)
    return 2 if bad else 0


def cmd_export(args) -> int:
    from .export.cli_export import run_export

    return run_export(args)


def build_parser(command: str) -> argparse.ArgumentParser:
    prog = f"pathwayviz {command}"
    if command == "simulate":
        p = argparse.ArgumentParser(prog=prog, description="Simulate the pathway and print time courses.")
        p.add_argument("--pathway", metavar="FILE", help="pathway YAML (default: the built-in insulin model)")
        add_perturbation_options(p)
        p.add_argument("--minutes", type=float, default=60.0, help="simulated minutes (default 60)")
        p.add_argument("--step", type=float, default=1.0, help="sampling interval in minutes (default 1)")
        p.add_argument("--steady", action="store_true", help="print the steady state instead of a time course")
        p.add_argument("--format", choices=("json", "csv"), default="json")
        p.set_defaults(func=cmd_simulate)
    elif command == "validate":
        p = argparse.ArgumentParser(prog=prog, description="Check pathway and lesson files.")
        p.add_argument("files", nargs="+", metavar="FILE")
        p.set_defaults(func=cmd_validate)
    else:
        p = argparse.ArgumentParser(prog=prog, description="Export PNG/SVG slides without opening a window.")
        p.add_argument("--pathway", metavar="FILE")
        p.add_argument("--lesson", metavar="FILE")
        group = p.add_mutually_exclusive_group()
        group.add_argument("--step", type=int, metavar="N", help="lesson step to export (1-based)")
        group.add_argument("--all-steps", action="store_true", help="one numbered PNG per lesson step")
        add_perturbation_options(p)
        p.add_argument("--size", default="1920x1080", metavar="WxH")
        p.add_argument("--transparent", action="store_true")
        p.add_argument("--theme", choices=("light", "projector"), default="light")
        p.add_argument("--no-plots", action="store_true", help="leave the plot strip out")
        p.add_argument("-o", "--output", required=True, metavar="OUT.png|DIR")
        p.set_defaults(func=cmd_export)
    return p


def build_app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="pathwayviz", description="Animated insulin-signalling pathway. "
                                "Commands: simulate, export, validate (pathwayviz COMMAND --help).")
    p.add_argument("session", nargs="?", metavar="FILE.pathwayviz", help="open a saved session")
    p.add_argument("--pathway", metavar="FILE", help="open another pathway file")
    p.add_argument("--lesson", metavar="FILE", help="open a lesson file")
    p.add_argument("--presentation", action="store_true", help="start in full-screen presentation mode")
    p.add_argument("--quit-after", type=float, default=None, help=argparse.SUPPRESS)  # smoke tests
    return p


def run_command(argv: list[str]) -> int:
    command = argv[0]
    args = build_parser(command).parse_args(argv[1:])
    try:
        return args.func(args)
    except CliError as exc:
        print(f"pathwayviz {command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
