"""What the user (or a lesson step) has done to the pathway: inputs, toggles, clamps and drugs."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..model.pathway import Pathway


class PerturbationError(ValueError):
    """A perturbation names something the pathway does not have, or a value out of range."""


@dataclass
class Perturbations:
    inputs: dict[str, float] = field(default_factory=dict)     # input species -> level 0..1
    toggles: dict[str, float] = field(default_factory=dict)    # serine kinase -> intensity 0..1 (on)
    knockouts: set[str] = field(default_factory=set)           # held at 0
    overexpress: set[str] = field(default_factory=set)         # held at ymax
    fixed: dict[str, float] = field(default_factory=dict)      # held at a fraction of ymax
    drugs: dict[str, float] = field(default_factory=dict)      # drug id -> dose 0..1

    @classmethod
    def defaults(cls, pathway: Pathway) -> "Perturbations":
        return cls(inputs={c.species: c.default for c in pathway.inputs})

    def copy(self) -> "Perturbations":
        return Perturbations(dict(self.inputs), dict(self.toggles), set(self.knockouts), set(self.overexpress),
                             dict(self.fixed), dict(self.drugs))

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
                "fixed": dict(sorted(self.fixed.items())), "drugs": dict(sorted(self.drugs.items()))}

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

        return cls(levels("inputs"), levels("toggles"), ids("knockouts"), ids("overexpress"), levels("fixed"),
                   levels("drugs"))

    def validate(self, pathway: Pathway) -> None:
        """Raise PerturbationError naming the first unknown id or bad value."""
        inputs = set(pathway.input_ids())
        toggles = set(pathway.toggle_ids())
        drugs = {d.id for d in pathway.drugs}
        for key, known, kind in (("inputs", inputs, "input"), ("toggles", toggles, "serine-kinase toggle"),
                                 ("drugs", drugs, "drug")):
            for k, v in getattr(self, key).items():
                if k not in known:
                    raise PerturbationError(f"'{k}' is not a {kind} of this pathway; known: "
                                            f"{', '.join(sorted(known))}")
                _level(v, f"{key}.{k}")
        for key in ("knockouts", "overexpress", "fixed"):
            for k in getattr(self, key):
                if k not in pathway.species:
                    raise PerturbationError(f"'{k}' is not a species of this pathway")
        for k, v in self.fixed.items():
            _level(v, f"fixed.{k}")
        for first, second in (("knockouts", "overexpress"), ("knockouts", "fixed"), ("overexpress", "fixed")):
            both = sorted(set(getattr(self, first)) & set(getattr(self, second)))
            if both:
                raise PerturbationError(f"'{both[0]}' is in both {first} and {second}; a species can be held "
                                        f"only one way, keep one")


def _level(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise PerturbationError(f"{what}: {value!r} is not a number between 0 and 1")
    if not 0.0 <= value <= 1.0:
        raise PerturbationError(f"{what}: {value:g} is outside 0..1")
    return float(value)
