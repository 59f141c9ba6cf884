"""What every headless command shares: the error type, the perturbation options, opening a pathway."""

from __future__ import annotations

import argparse
import sys

from ..formats.pathway_file import open_pathway
from ..model.yamlio import FileProblems
from ..resource_files import builtin_pathway_path, builtin_scenario_ids, builtin_scenario_path
from ..sim.perturbations import PerturbationError, Perturbations


class CliError(Exception):
    """A user mistake on the command line; the message says what to do instead."""


def add_perturbation_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--preset", metavar="ID", default=None,
                        help="start from a named state (healthy, meal, compensated, t2d, ...; see pathwayviz info)")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME=OPTION",
                        help="choose a debated mechanism, e.g. --variant liver_lipogenesis=erk")
    parser.add_argument("--set", action="append", default=[], metavar="ID=VALUE",
                        help="set an input level between 0 and 1 (e.g. --set insulin=0.6)")
    parser.add_argument("--toggle", action="append", default=[], metavar="ID[=INTENSITY]",
                        help="switch a serine kinase on (jnk, ikk, pkc), optionally with intensity 0..1")
    parser.add_argument("--knockout", action="append", default=[], metavar="ID", help="hold a species at 0")
    parser.add_argument("--overexpress", action="append", default=[], metavar="ID", help="hold a species at max")
    parser.add_argument("--drug", action="append", default=[], metavar="ID[=DOSE]",
                        help="apply a drug (e.g. jnk_inhibitor, rapamycin, mek_inhibitor, pi3k_inhibitor)")


def perturbations_from_args(pathway, args) -> Perturbations:
    try:
        pert = (Perturbations.from_preset(pathway, args.preset) if getattr(args, "preset", None)
                else Perturbations.defaults(pathway))
    except PerturbationError as exc:
        raise CliError(f"--preset: {exc}") from None
    for raw in getattr(args, "variant", []):
        name, sep, option = raw.partition("=")
        if not name or not sep or not option:
            raise CliError(f"--variant {raw!r}: give NAME=OPTION, e.g. --variant liver_lipogenesis=erk")
        pert.variants[name] = option
    toggle_defaults = {t.species: t.default_intensity for t in pathway.toggles}
    for raw in args.set:
        key, value = split_level(raw, "--set", required=True)
        pert.inputs[pathway.input_species(key) or key] = value
    for raw in args.toggle:
        key, value = split_level(raw, "--toggle")
        pert.toggles[key] = toggle_defaults.get(key, 0.8) if value is None else value
    for raw in args.drug:
        key, value = split_level(raw, "--drug")
        pert.drugs[key] = 1.0 if value is None else value
    # Imported models keep their own ids as synonyms (e.g. a Netflux ID 'AngII' for 'angii').
    pert.knockouts.update(pathway.species_id(k) or k for k in args.knockout)
    pert.overexpress.update(pathway.species_id(k) or k for k in args.overexpress)
    try:
        pert.validate(pathway)
    except PerturbationError as exc:
        raise CliError(str(exc)) from None
    return pert


def split_level(raw: str, option: str, required: bool = False):
    """ID=VALUE (or ID alone unless ``required``) -> (id, number or None); a clear CliError otherwise."""
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


def pathway_or_error(path: str | None):
    """The pathway of ``--pathway`` (any supported format; the built-in one when absent).

    Remarks about the file (defaults filled in, rows skipped) go to stderr as warnings.
    """
    warnings = []
    try:
        pathway = open_pathway(path or builtin_pathway_path(), warnings)
    except FileProblems as exc:
        raise CliError(str(exc)) from None
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    return pathway


def write_stdout(text: str) -> None:
    """Write all output at once; a full disk or closed device is a clear error, not a traceback."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise CliError(f"cannot write the output: {exc.strerror or exc}; if it goes to a file, check that the "
                       "disk has space and the folder is writable") from None


def add_scenario_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--scenario", metavar="ID|FILE", default=None,
                        help="inputs that vary in time: a built-in scenario (ogtt, day; see pathwayviz info) or a "
                             "scenario file; combines with --preset and the other options")


def scenario_or_error(value: str | None, pathway):
    """The scenario ``--scenario`` names (a built-in id or a file), checked against ``pathway``; None when absent."""
    if value is None:
        return None
    from pathlib import Path

    from ..model.scenario import load_scenario

    known = builtin_scenario_ids()
    if value in known:
        path = builtin_scenario_path(value)
    elif Path(value).suffix.lower() in (".yaml", ".yml") or Path(value).exists():
        path = Path(value)
    else:
        from ..model.mechanisms import nearest

        raise CliError(f"--scenario {value!r}: not a built-in scenario{nearest(value, known)} (built-in: "
                       f"{', '.join(known)}) nor a scenario file; give an id or a path ending in .yaml")
    try:
        return load_scenario(path, pathway)
    except FileProblems as exc:
        raise CliError(f"--scenario: {exc}") from None
