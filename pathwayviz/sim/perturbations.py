"""What the user (or a lesson step) has done to the pathway: inputs, toggles, clamps and drugs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model.mechanisms import nearest
from ..model.pathway import Pathway


class PerturbationError(ValueError):
    """A perturbation names something the pathway does not have, or a value out of range."""


@dataclass
class Perturbations:
    """Everything done to the pathway; plain data, so sessions, lessons and undo carry it whole."""

    inputs: dict[str, float] = field(default_factory=dict)     # input species -> level 0..1
    toggles: dict[str, float] = field(default_factory=dict)    # serine kinase -> intensity 0..1 (on)
    knockouts: set[str] = field(default_factory=set)           # held at 0
    overexpress: set[str] = field(default_factory=set)         # held at ymax
    fixed: dict[str, float] = field(default_factory=dict)      # held at a fraction of ymax
    drugs: dict[str, float] = field(default_factory=dict)      # drug id -> dose 0..1
    variants: dict[str, str] = field(default_factory=dict)     # variant id -> option id (absent: default)

    @classmethod
    def defaults(cls, pathway: Pathway) -> "Perturbations":
        return cls(inputs={c.species: c.default for c in pathway.inputs})

    @classmethod
    def from_preset(cls, pathway: Pathway, preset_id: str) -> "Perturbations":
        """The pathway's defaults with a named preset's inputs, toggles, drugs and variants applied."""
        try:
            preset = pathway.preset(preset_id)
        except KeyError:
            known = [p.id for p in pathway.presets]
            raise PerturbationError(f"'{preset_id}' is not a preset of this pathway{nearest(preset_id, known)} "
                                    f"(known: {', '.join(known) or 'none'})") from None
        pert = cls.defaults(pathway)
        pert.inputs.update(preset.inputs)
        pert.toggles.update(preset.toggles)
        pert.drugs.update(preset.drugs)
        pert.variants.update(preset.variants)
        return pert

    @classmethod
    def on_defaults(cls, pathway: Pathway, inputs=None, toggles=None, knockouts=(), overexpress=(), fixed=None,
                    drugs=None, variants=None) -> "Perturbations":
        """The pathway's defaults with these settings on top: given inputs replace their defaults,
        everything else is added (the one "defaults plus overlay" for lessons, sessions and tests)."""
        p = cls.defaults(pathway)
        p.inputs.update(inputs or {})
        p.toggles.update(toggles or {})
        p.knockouts.update(knockouts)
        p.overexpress.update(overexpress)
        p.fixed.update(fixed or {})
        p.drugs.update(drugs or {})
        p.variants.update(variants or {})
        return p

    def copy(self) -> "Perturbations":
        return Perturbations(dict(self.inputs), dict(self.toggles), set(self.knockouts), set(self.overexpress),
                             dict(self.fixed), dict(self.drugs), dict(self.variants))

    def clamp_of(self, species_id: str) -> float | None:
        """The fraction of ymax a species is held at, or None when it is free."""
        if species_id in self.knockouts:
            return 0.0
        if species_id in self.overexpress:
            return 1.0
        return self.fixed.get(species_id)

    def restore(self, species_id: str) -> None:
        self.knockouts.discard(species_id)
        self.overexpress.discard(species_id)
        self.fixed.pop(species_id, None)

    def to_dict(self) -> dict:
        return {"inputs": dict(sorted(self.inputs.items())), "toggles": dict(sorted(self.toggles.items())),
                "knockouts": sorted(self.knockouts), "overexpress": sorted(self.overexpress),
                "fixed": dict(sorted(self.fixed.items())), "drugs": dict(sorted(self.drugs.items())),
                "variants": dict(sorted(self.variants.items()))}

    @classmethod
    def from_dict(cls, data: dict) -> "Perturbations":
        if not isinstance(data, dict):
            raise PerturbationError("perturbations must be a mapping")

        def levels(key):
            raw = data.get(key) or {}
            if not isinstance(raw, dict):
                raise PerturbationError(f"'{key}' must map ids to numbers")
            return {str(k): _level(v, f"{key}.{k}") for k, v in raw.items()}

        def ids(key):
            raw = data.get(key) or []
            if not isinstance(raw, (list, tuple, set)) or not all(isinstance(v, str) for v in raw):
                raise PerturbationError(f"'{key}' must be a list of species ids")
            return set(raw)

        raw_variants = data.get("variants") or {}
        if not isinstance(raw_variants, dict) or not all(isinstance(v, str) for v in raw_variants.values()):
            raise PerturbationError("'variants' must map variant ids to option ids (text)")
        return cls(levels("inputs"), levels("toggles"), ids("knockouts"), ids("overexpress"), levels("fixed"),
                   levels("drugs"), {str(k): v for k, v in raw_variants.items()})

    def validate(self, pathway: Pathway) -> None:
        """Raise PerturbationError naming the first unknown id or bad value."""
        inputs = set(pathway.input_ids())
        toggles = set(pathway.toggle_ids())
        drugs = {d.id for d in pathway.drugs}
        for key, known, kind in (("inputs", inputs, "input"), ("toggles", toggles, "serine-kinase toggle"),
                                 ("drugs", drugs, "drug")):
            for k, v in getattr(self, key).items():
                if k not in known:
                    raise PerturbationError(f"'{k}' is not a {kind} of this pathway{nearest(k, known)} "
                                            f"(known: {', '.join(sorted(known)) or 'none'})")
                _level(v, f"{key}.{k}")
        for key in ("knockouts", "overexpress", "fixed"):
            for k in getattr(self, key):
                if k not in pathway.species:
                    raise PerturbationError(f"'{k}' is not a species of this pathway{nearest(k, pathway.species)}")
        variants = {v.id: v for v in pathway.variants}
        for k, option in self.variants.items():
            if k not in variants:
                raise PerturbationError(f"'{k}' is not a variant of this pathway{nearest(k, variants)} "
                                        f"(known: {', '.join(variants) or 'none'})")
            options = [o.id for o in variants[k].options]
            if option not in options:
                raise PerturbationError(f"'{option}' is not an option of variant '{k}'{nearest(option, options)} "
                                        f"(options: {', '.join(options)})")
        for k, v in self.fixed.items():
            _level(v, f"fixed.{k}")
        for first, second in (("knockouts", "overexpress"), ("knockouts", "fixed"), ("overexpress", "fixed")):
            both = sorted(set(getattr(self, first)) & set(getattr(self, second)))
            if both:
                raise PerturbationError(f"'{both[0]}' is in both {first} and {second}; a species can be held "
                                        f"only one way, keep one")


# -- descriptions: the one place that puts a perturbation into words and tags --------------------
#: The tag a held, drugged or switched-on species carries on the diagram and slides, and its meaning.
TAG_MEANING = {"KO": "knocked out (held at 0)", "OE": "overexpressed (held at 1)", "FIX": "held at a fixed level",
               "DRUG": "drug target", "ON": "serine kinase switched on"}
#: When one species is changed in several ways, the tag shown is the first of these that applies.
TAG_PRIORITY = ("KO", "OE", "FIX", "DRUG", "ON")
_VERB = {"toggle": "switched on", "knockout": "knocked out", "overexpress": "overexpressed", "fixed": "held fixed",
         "drug": "given"}


@dataclass(frozen=True)
class PerturbationChange:
    """One way a set of perturbations differs from the pathway's defaults, in words.

    ``key`` is stable (``"knockout:foxo1"``), ``kind`` is the Perturbations field, ``target`` the
    id in that field, ``species`` the species it acts on (a drug's target), ``tag`` its diagram tag.
    """

    key: str
    kind: str
    target: str
    name: str
    species: str
    tag: str | None
    value: float
    text: str   # a full line: "FOXO1 knocked out (held at 0)"
    short: str  # for a sentence: "FOXO1 knocked out"
    default: float | None = None  # what an input returns to when the change is removed

    @property
    def undo_text(self) -> str:
        """How removing this change reads in the undo history ("JNK off", "Restore FOXO1")."""
        if self.kind == "input":
            return f"{self.name} back to default"
        if self.kind == "toggle":
            return f"{self.name} off"
        if self.kind == "drug":
            return f"Stop {self.name}"
        return f"Restore {self.name}"

    def removed_from(self, p: Perturbations) -> Perturbations:
        """A copy of ``p`` without this change (an input goes back to its default)."""
        q = p.copy()
        if self.kind == "input":
            q.inputs[self.target] = self.default
        elif self.kind == "knockout":
            q.knockouts.discard(self.target)
        elif self.kind == "overexpress":
            q.overexpress.discard(self.target)
        else:
            {"toggle": q.toggles, "fixed": q.fixed, "drug": q.drugs}[self.kind].pop(self.target, None)
        return q


def describe_changes(pathway: Pathway, p: Perturbations) -> list[PerturbationChange]:
    """Everything in ``p`` that differs from the pathway's defaults, in a stable readable order.

    Inputs in control order, then toggles (in control order), knockouts, overexpression and fixed
    levels (in species order), and drugs (in the pathway's order); switched-off toggles and zero
    doses are no change.
    """
    label = {sid: sp.label for sid, sp in pathway.species.items()}
    position = {sid: k for k, sid in enumerate(pathway.species_ids)}

    def in_species_order(ids):
        return sorted(ids, key=lambda sid: (position.get(sid, len(position)), sid))

    changes: list[PerturbationChange] = []
    for control in pathway.inputs:
        sid, value = control.species, p.inputs.get(control.species, control.default)
        if abs(value - control.default) > 1e-9:
            changes.append(PerturbationChange(
                f"input:{sid}", "input", sid, control.label, sid, None, value,
                f"{control.label}: {value:.2f} (default {control.default:.2f})", f"{control.label} {value:.2f}",
                control.default))
    toggle_label = {t.species: t.label for t in pathway.toggles}
    toggle_order = {sid: k for k, sid in enumerate(toggle_label)}  # as the controls list them
    for sid, intensity in sorted(p.toggles.items(), key=lambda kv: (toggle_order.get(kv[0], len(toggle_order)), kv[0])):
        if intensity > 0:
            name = toggle_label.get(sid, label.get(sid, sid))
            changes.append(PerturbationChange(f"toggle:{sid}", "toggle", sid, name, sid, "ON", intensity,
                                              f"{name} switched on (intensity {intensity:.2f})", f"{name} on"))
    for kind, held, tag, level, how in (("knockout", p.knockouts, "KO", 0.0, "held at 0"),
                                        ("overexpress", p.overexpress, "OE", 1.0, "held at max")):
        for sid in in_species_order(held):
            name = label.get(sid, sid)
            changes.append(PerturbationChange(f"{kind}:{sid}", kind, sid, name, sid, tag, level,
                                              f"{name} {_VERB[kind]} ({how})", f"{name} {_VERB[kind]}"))
    for sid in in_species_order(p.fixed):
        level = p.fixed[sid]
        name = label.get(sid, sid)
        changes.append(PerturbationChange(f"fixed:{sid}", "fixed", sid, name, sid, "FIX", level,
                                          f"{name} fixed at {level:.2f}", f"{name} fixed at {level:.2f}"))
    drugs = {d.id: d for d in pathway.drugs}
    drug_order = {did: k for k, did in enumerate(drugs)}
    for did, dose in sorted(p.drugs.items(), key=lambda kv: (drug_order.get(kv[0], len(drug_order)), kv[0])):
        if dose <= 0:
            continue
        drug = drugs.get(did)
        name = drug.label if drug else did
        target = drug.target if drug else did
        arrow = f" → {label.get(target, target)}" if drug else ""
        changes.append(PerturbationChange(f"drug:{did}", "drug", did, name, target, "DRUG", dose,
                                          f"{name}{arrow} (dose {dose:.2f})", f"{name} at dose {dose:.2f}"))
    return changes


def species_tags(pathway: Pathway, p: Perturbations) -> dict[str, str]:
    """The diagram tag of every species that ``p`` holds, drugs or switches on (see TAG_PRIORITY)."""
    tags: dict[str, str] = {}
    for change in describe_changes(pathway, p):
        if change.tag is None or change.species not in pathway.species:
            continue
        held = tags.get(change.species)
        if held is None or TAG_PRIORITY.index(change.tag) < TAG_PRIORITY.index(held):
            tags[change.species] = change.tag
    return tags


def tags_in_use(pathway: Pathway, p: Perturbations) -> list[str]:
    """The distinct tags ``p`` puts on the diagram, in the legend's order (ON first, then holds)."""
    used = {c.tag for c in describe_changes(pathway, p) if c.tag}
    return [tag for tag in ("ON", "KO", "OE", "FIX", "DRUG") if tag in used]


def acted_on(pathway: Pathway, p: Perturbations) -> list[str]:
    """Species that ``p`` acts on directly (toggled, held or drugged), in first-mention order."""
    seen: dict[str, None] = {}
    for change in describe_changes(pathway, p):
        if change.kind != "input":
            seen.setdefault(change.species)
    return list(seen)


_EVERYDAY_INPUTS = {"input:insulin", "input:meal", "input:sleep"}


def state_caption(pathway: Pathway, p: Perturbations) -> str:
    """A one-line caption for a state, e.g. "Insulin 0.60 · JNK and IKKβ switched on"."""
    changes = describe_changes(pathway, p)
    parts = []
    for control in pathway.inputs:  # insulin is always named: it is what the slide is about
        level = p.inputs.get(control.species, control.default)
        if control.species == "insulin" or any(c.key == f"input:{control.species}" for c in changes):
            parts.append(f"{control.label} {level:.2f}")
    for kind in ("toggle", "knockout", "overexpress", "fixed", "drug"):
        names = [c.name for c in changes if c.kind == kind]
        if names:
            parts.append(f"{join_names(names)} {_VERB[kind]}")
    if all(c.key in _EVERYDAY_INPUTS for c in changes):
        # "healthy" only while what changed is everyday life (insulin, a meal, sleep); TNF-α or fatty
        # acids switch the serine kinases on through the model, so the inputs named say it all.
        parts.append("no serine kinase on (healthy)")
    for variant in pathway.variants:  # a mechanism other than the default is named: the slide depends on it
        chosen = p.variants.get(variant.id, variant.default)
        if chosen != variant.default:
            parts.append(f"{variant.label}: {variant.option(chosen).label}")
    return " · ".join(parts)


def join_names(items: list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _level(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PerturbationError(f"{what}: {value!r} is not a number between 0 and 1")
    if not 0.0 <= value <= 1.0:
        raise PerturbationError(f"{what}: {value:g} is outside 0..1")
    return float(value)
