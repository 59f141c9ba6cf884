"""``pathwayviz simulate``: time courses or the steady state, as JSON or CSV on stdout."""

from __future__ import annotations

import argparse
import csv
import io
import json
import math

from ..model.files import WriteError, write_text_atomic
from ..sim.baseline import settled_start
from ..sim.engine import Engine
from ..sim.perturbations import PerturbationError
from .common import (CliError, add_perturbation_options, add_scenario_option, pathway_or_error, perturbations_from_args,
                     scenario_or_error, split_level, write_stdout)

HELP = "Simulate the pathway and print time courses."


def build(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pathway", metavar="FILE", help="pathway file (default: the built-in insulin model)")
    add_perturbation_options(p)
    p.add_argument("--baseline", action="append", default=[], metavar="ID=VALUE",
                   help="settle to steady state with input ID at VALUE first, then switch to the experiment's "
                        "value at t=0 (e.g. --baseline insulin=0 --set insulin=1: an insulin step from fasting)")
    add_scenario_option(p)
    p.add_argument("--minutes", type=float, default=None,
                   help="simulated minutes (default 60, or the scenario's duration)")
    p.add_argument("--step", type=float, default=1.0, help="sampling interval in minutes (default 1)")
    p.add_argument("--steady", action="store_true", help="print the steady state instead of a time course")
    p.add_argument("--format", choices=("json", "csv"), default="json")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE (all at once: a failed write leaves "
                                                         "no partial file) instead of standard output")


MAX_MINUTES = 100000.0
MAX_SAMPLES = 100001


def run(args) -> int:
    if args.steady and args.scenario:
        raise CliError("--steady cannot be combined with --scenario: a scenario's inputs change in time; "
                       "drop --steady for its time course")
    if args.baseline and args.scenario:
        raise CliError("--baseline cannot be combined with --scenario: a scenario starts from the steady state of "
                       "its own first moment; set the starting inputs in the scenario instead")
    pathway = pathway_or_error(args.pathway)
    scenario = scenario_or_error(args.scenario, pathway)
    if args.minutes is None:
        args.minutes = scenario.duration if scenario else 60.0
    _check_times(args.minutes, args.step)
    pert = perturbations_from_args(pathway, args)
    engine = Engine(pathway)
    y0 = _start(engine, pert, args.baseline)
    if scenario is not None:
        text = _scenario_text(engine, pert, scenario, args)
    elif args.steady:
        y = engine.steady_state(pert, y0=y0)
        values = {sid: round(float(v), 6) for sid, v in zip(engine.ids, y)}
        if args.format == "json":
            text = json.dumps({"steady_state": values}, allow_nan=False) + "\n"
        else:
            text = _csv([["species", "steady_state"], *values.items()])
    else:
        samples = int(round(args.minutes / args.step)) + 1
        t, ys = engine.timecourse(pert, args.minutes, samples=samples, y0=y0)
        if args.format == "json":
            text = json.dumps({"minutes": [round(float(v), 6) for v in t],
                               "species": {sid: [round(float(v), 6) for v in ys[:, i]]
                                           for i, sid in enumerate(engine.ids)}}, allow_nan=False) + "\n"
        else:
            text = _csv([["minutes", *engine.ids],
                         *([f"{t[k]:.6g}", *(f"{v:.6f}" for v in ys[k])] for k in range(len(t)))])
    if args.output:
        _write_file(args.output, text)
    else:
        write_stdout(text)
    return 0


def _start(engine, pert, raw_baseline):
    """The settled state under the --baseline input levels, or None (start from the file's y0)."""
    if not raw_baseline:
        return None
    baseline = {}
    for raw in raw_baseline:
        key, value = split_level(raw, "--baseline", required=True)
        baseline[key] = value
    try:
        return settled_start(engine, pert, baseline)
    except PerturbationError as exc:
        raise CliError(f"--baseline: {exc}") from None


def _scenario_text(engine: Engine, pert, scenario, args) -> str:
    """The scenario's time course from the steady state of its first moment; clock times beside the minutes."""
    from ..model.scenario import format_clock
    from ..sim.scenario_run import SCENARIO_ATOL, SCENARIO_RTOL, starting_state
    from ..sim.schedule import compile_schedule

    schedule = compile_schedule(scenario, engine.pathway, pert)
    samples = int(round(args.minutes / args.step)) + 1
    t, ys = engine.timecourse(pert, args.minutes, samples=samples, y0=starting_state(engine, pert, schedule),
                              rtol=SCENARIO_RTOL, atol=SCENARIO_ATOL, schedule=schedule)
    clock = [format_clock(scenario.clock(float(v))) for v in t]
    if args.format == "csv":
        return _csv([["minutes", "clock", *engine.ids],
                     *([f"{t[k]:.6g}", clock[k], *(f"{v:.6f}" for v in ys[k])] for k in range(len(t)))])
    info = {"id": scenario.id, "title": scenario.title, "clock_start": format_clock(scenario.clock_start),
            "readings": list(scenario.readings), "inputs": schedule.input_ids,
            "sleep": [[p.start, p.end] for p in scenario.sleep]}
    return json.dumps({"minutes": [round(float(v), 6) for v in t], "clock": clock,
                       "species": {sid: [round(float(v), 6) for v in ys[:, i]] for i, sid in enumerate(engine.ids)},
                       "scenario": info}, allow_nan=False) + "\n"


def _check_times(minutes: float, step: float) -> None:
    """Refuse a duration or sampling interval that is not a sensible, finite number of minutes."""
    if not (math.isfinite(minutes) and 0 < minutes <= MAX_MINUTES):
        raise CliError(f"--minutes {minutes:g}: use a number of minutes above 0 and at most {MAX_MINUTES:g}")
    if not (math.isfinite(step) and step > 0):
        raise CliError(f"--step {step:g}: the sampling interval must be a number of minutes above 0, e.g. --step 0.5")
    if step > minutes:
        raise CliError(f"--step {step:g}: the sampling interval is longer than --minutes {minutes:g}; "
                       f"use at most --step {minutes:g}")
    if minutes / step + 1 > MAX_SAMPLES:
        raise CliError(f"--step {step:g}: {minutes:g} minutes at that interval is more than {MAX_SAMPLES - 1} "
                       f"samples; use --step {minutes / (MAX_SAMPLES - 1):.3g} or more")


def _csv(rows) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _write_file(path: str, text: str) -> None:
    try:
        write_text_atomic(path, text)
    except WriteError as exc:
        raise CliError(f"-o {path}: {exc}") from None
