"""``pathwayviz simulate``: time courses or the steady state, as JSON or CSV on stdout."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys

from ..sim.engine import Engine
from .common import CliError, add_perturbation_options, pathway_or_error, perturbations_from_args

HELP = "Simulate the pathway and print time courses."


def build(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pathway", metavar="FILE", help="pathway file (default: the built-in insulin model)")
    add_perturbation_options(p)
    p.add_argument("--minutes", type=float, default=60.0, help="simulated minutes (default 60)")
    p.add_argument("--step", type=float, default=1.0, help="sampling interval in minutes (default 1)")
    p.add_argument("--steady", action="store_true", help="print the steady state instead of a time course")
    p.add_argument("--format", choices=("json", "csv"), default="json")


def run(args) -> int:
    pathway = pathway_or_error(args.pathway)
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
