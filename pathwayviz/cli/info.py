"""``pathwayviz info``: everything a script or a user can perturb, with the ids the other commands take.

JSON keys: ``species`` (id, label, compartment, kind), ``inputs`` (each with its range and
``presets``), ``toggles``, ``drugs`` (each with ``targets`` and its effect), ``variants`` (each
with ``options``), ``presets``, ``scenarios`` and ``lessons`` (built-in, each with ``id`` and
``title``; ``--lesson ID`` takes the id). Works for any pathway file ``--pathway`` opens
(YAML, Netflux, SBML-qual); what a file does not have is an empty list.
"""

from __future__ import annotations

import argparse
import json

from ..resource_files import builtin_lesson_ids, builtin_lesson_path, builtin_scenario_ids
from .common import pathway_or_error, write_stdout

HELP = "List the pathway's species, inputs, toggles, drugs, variants, presets, scenarios and the built-in lessons."

#: Every input level, toggle intensity and drug dose is a fraction between these.
LEVEL_RANGE = (0.0, 1.0)


def build(p: argparse.ArgumentParser) -> None:
    p.add_argument("--pathway", metavar="FILE", help="pathway file (default: the built-in insulin model)")
    p.add_argument("--format", choices=("json", "text"), default="text")


def run(args) -> int:
    pathway = pathway_or_error(args.pathway)
    data = describe(pathway)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n" if args.format == "json" else as_text(data)
    write_stdout(text)
    return 0


def scenario_ids() -> list[str]:
    """The ids (file stems) of the shipped scenarios in ``resources/scenarios/``; [] when there are none."""
    return builtin_scenario_ids()


def builtin_lessons() -> list[dict]:
    """The shipped lessons as ``{"id", "title"}``, the default lesson first."""
    from ..lesson import lesson_title

    return [{"id": i, "title": lesson_title(builtin_lesson_path(i))} for i in builtin_lesson_ids()]


def describe(pathway) -> dict:
    """The pathway's perturbable parts as plain data (the JSON ``pathwayviz info`` prints)."""
    label = {sid: sp.label for sid, sp in pathway.species.items()}
    lo, hi = LEVEL_RANGE
    return {
        "pathway": {"id": pathway.id, "title": pathway.title, "time_unit": pathway.time_unit},
        "species": [{"id": sp.id, "label": sp.label, "compartment": sp.compartment, "kind": sp.kind,
                     "synonyms": list(sp.synonyms)} for sp in pathway.species.values()],
        "inputs": [{"id": c.species, "label": c.label, "default": c.default, "range": [lo, hi],
                    "presets": {name: value for name, value in c.presets}, "aliases": list(c.aliases)}
                   for c in pathway.inputs],
        "toggles": [{"id": t.species, "label": t.label, "key": t.key, "default_intensity": t.default_intensity,
                     "range": [lo, hi]} for t in pathway.toggles],
        "drugs": [{"id": d.id, "label": d.label, "targets": [d.target], "effect": "inhibits",
                   "potency": d.potency, "dose_range": [lo, hi],
                   "description": f"removes {d.potency:.0%} of {label.get(d.target, d.target)}'s drive at dose 1",
                   "note": d.note} for d in pathway.drugs],
        "variants": [{"id": v.id, "label": v.label, "default": v.default,
                      "options": [{"id": o.id, "label": o.label} for o in v.options]} for v in pathway.variants],
        "presets": [{"id": p.id, "label": p.label, "description": p.description, "inputs": dict(p.inputs),
                     "toggles": dict(p.toggles), "drugs": dict(p.drugs), "variants": dict(p.variants)}
                    for p in pathway.presets],
        "scenarios": scenario_ids(),
        "lessons": builtin_lessons(),
    }


def as_text(data: dict) -> str:
    """The same listing for people: one line per item, ids first."""
    lines = [f"{data['pathway']['title']} ({data['pathway']['id']}; time in {data['pathway']['time_unit']})", ""]

    def section(title, rows, hint):
        lines.append(f"{title} ({len(rows)}){': ' + hint if hint and rows else ''}")
        lines.extend(f"  {row}" for row in rows) if rows else lines.append("  (none)")
        lines.append("")

    section("Species", [f"{s['id']:<22} {s['label']} [{', '.join(filter(None, (s['kind'], s['compartment'])))}]" for s in data["species"]],
            "--knockout ID, --overexpress ID")
    section("Inputs", [f"{i['id']:<22} {i['label']}, default {i['default']:g}, range {i['range'][0]:g}–{i['range'][1]:g}"
                       + (f"; presets {', '.join(f'{k}={v:g}' for k, v in i['presets'].items())}" if i["presets"] else "")
                       for i in data["inputs"]], "--set ID=VALUE")
    section("Toggles", [f"{t['id']:<22} {t['label']}" + (f" (key {t['key']})" if t["key"] else "")
                        + f", default intensity {t['default_intensity']:g}" for t in data["toggles"]],
            "--toggle ID[=INTENSITY]")
    section("Drugs", [f"{d['id']:<22} {d['label']}: {d['description']}" for d in data["drugs"]], "--drug ID[=DOSE]")
    section("Variants", [f"{v['id']:<22} {v['label']}: " + ", ".join(
        o["id"] + (" (default)" if o["id"] == v["default"] else "") for o in v["options"]) for v in data["variants"]],
        "--variant ID=OPTION")
    section("Presets", [f"{p['id']:<22} {p['label']}" for p in data["presets"]], "--preset ID")
    section("Scenarios", list(data["scenarios"]), "")
    section("Lessons", [f"{x['id']:<30} {x['title']}" for x in data["lessons"]], "--lesson ID")
    return "\n".join(lines)
