"""Everything a user can change, in one Qt-free object that widgets observe.

Keys, menus, widgets, lessons, sessions and undo all change the application through
:class:`AppState`; nothing pushes a value from one widget into another. Each change notifies the
observers once with the names of the fields that changed, so a view repaints only what it shows.

User edits (a toggle, a knockout, a lesson step, a pin) are recorded as a :class:`StateEdit`
through ``recorder`` (the window hands them to its undo stack, which then applies them); undo,
redo, sessions and lesson restores use :meth:`AppState.apply`, which records nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Callable

from ..model.pathway import Pathway
from ..sim.perturbations import PerturbationError, Perturbations
from .edit import StateEdit

FOCUS_CHOICES = ("both", "female", "male")


@dataclass(frozen=True)
class StateValues:
    """One moment of the application state (an immutable copy: safe to keep for undo)."""

    perturbations: Perturbations
    selection: str | None = None          # the molecule whose card shows
    highlight: tuple[str, ...] = ()       # molecules ringed (a lesson step, a search)
    focus: str = "both"                   # which steroid-making tissue plots and gauges follow
    replay_time: float | None = None      # simulated minute shown while scrubbing; None = live
    pins: tuple[str, ...] = ()            # species with a pinned time course, in pin order
    zoom_target: tuple[str, ...] = ()     # what the view frames; () = the whole diagram
    lesson_step: int | None = None        # 0-based step showing; None = free exploration
    revealed: bool = True                 # False while the step's "predict first" answer is hidden
    scenario: str | None = None           # the running scenario: a built-in id or a file path; None = constant


FIELDS = tuple(f.name for f in fields(StateValues))
Observer = Callable[[frozenset], None]


class AppState:
    """The one application state of a window, over one pathway."""

    def __init__(self, pathway: Pathway, perturbations: Perturbations | None = None):
        self.pathway = pathway
        p = Perturbations.defaults(pathway) if perturbations is None else perturbations.copy()
        p.validate(pathway)
        self._values = StateValues(perturbations=p)
        self._observers: list[Observer] = []
        self.recorder: Callable[[StateEdit], None] | None = None

    # -- reading -----------------------------------------------------------------------------------
    @property
    def values(self) -> StateValues:
        return replace(self._values, perturbations=self._values.perturbations.copy())

    @property
    def perturbations(self) -> Perturbations:
        """A copy: edit it and hand it back through :meth:`set_perturbations`."""
        return self._values.perturbations.copy()

    def __getattr__(self, name: str):
        # selection, highlight, focus, replay_time, pins, zoom_target, lesson_step, revealed, scenario
        if name in FIELDS:
            return getattr(self._values, name)
        raise AttributeError(name)

    def awaiting_answer(self) -> bool:
        """True while a lesson step's question shows with its answer hidden."""
        return self._values.lesson_step is not None and not self._values.revealed

    # -- observing ---------------------------------------------------------------------------------
    def observe(self, callback: Observer) -> Callable[[], None]:
        """Call ``callback(changed_field_names)`` after every change; returns a function that stops it."""
        self._observers.append(callback)
        return lambda: self._observers.remove(callback) if callback in self._observers else None

    # -- changing ----------------------------------------------------------------------------------
    def apply(self, **changes) -> frozenset:
        """Set fields without recording an undo step; returns (and announces) the names that changed."""
        unknown = set(changes) - set(FIELDS)
        if unknown:
            raise TypeError(f"AppState has no field {', '.join(sorted(unknown))}; fields: {', '.join(FIELDS)}")
        checked = {name: self._checked(name, value) for name, value in changes.items()}
        changed = frozenset(n for n, v in checked.items() if getattr(self._values, n) != v)
        if not changed:
            return changed
        self._values = replace(self._values, **{n: checked[n] for n in changed})
        for observer in list(self._observers):
            observer(changed)
        return changed

    def edit(self, text: str, merge_key: str = "", **changes) -> StateEdit | None:
        """A user's change: one undo step (successive edits with the same ``merge_key`` merge)."""
        checked = {name: self._checked(name, value) for name, value in changes.items()}
        before = {n: self._copy(getattr(self._values, n)) for n in checked}
        if all(before[n] == v for n, v in checked.items()):
            return None
        step = StateEdit(text, before, checked, merge_key)
        if self.recorder is None:
            self.apply(**step.after)
        else:
            self.recorder(step)  # the recorder applies it (an undo stack runs redo() on push)
        return step

    @staticmethod
    def _copy(value):
        return value.copy() if isinstance(value, Perturbations) else value

    def _checked(self, name: str, value):
        """The value as stored, or ValueError naming the field; the state is never half-changed."""
        if name == "perturbations":
            if not isinstance(value, Perturbations):
                raise TypeError("perturbations must be a Perturbations")
            value = value.copy()
            value.validate(self.pathway)
        elif name in ("selection",):
            if value is not None and value not in self.pathway.species:
                raise ValueError(f"selection: '{value}' is not a species of this pathway")
        elif name in ("highlight", "pins", "zoom_target"):
            value = tuple(value)
            missing = [s for s in value if s not in self.pathway.species]
            if missing:
                raise ValueError(f"{name}: {', '.join(missing)} not species of this pathway")
            if name == "pins":
                value = tuple(dict.fromkeys(value))
        elif name == "focus":
            if value not in FOCUS_CHOICES:
                raise ValueError(f"focus: '{value}' is not one of {', '.join(FOCUS_CHOICES)}")
        elif name == "replay_time":
            value = None if value is None else float(value)
        elif name == "lesson_step":
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise ValueError(f"lesson_step: {value!r} is not a step number (0 or more) or None")
        elif name == "revealed":
            value = bool(value)
        elif name == "scenario":
            if value is not None and (not isinstance(value, str) or not value):
                raise ValueError(f"scenario: {value!r} is not a scenario id or file path (text) or None")
        return value

    # -- named edits (what keys, menus and widgets call) -------------------------------------------
    def set_perturbations(self, p: Perturbations, text: str, merge_key: str = "") -> StateEdit | None:
        return self.edit(text, merge_key, perturbations=p)

    def set_input(self, species_id: str, level: float) -> StateEdit | None:
        control = self._input(species_id)
        p = self.perturbations
        p.inputs[species_id] = round(float(level), 3)
        return self.edit(f"Set {control.label} to {p.inputs[species_id]:.2f}", f"input:{species_id}",
                         perturbations=p)

    def set_preset(self, species_id: str, name: str) -> StateEdit | None:
        control = self._input(species_id)
        levels = dict(control.presets)
        if name not in levels:
            raise ValueError(f"{control.label} has no preset '{name}'; presets: {', '.join(levels)}")
        p = self.perturbations
        p.inputs[species_id] = levels[name]
        return self.edit(f"{control.label}: {name}", perturbations=p)

    def set_variant(self, variant_id: str, option_id: str) -> StateEdit | None:
        """Switch a debated mechanism (a variant of the model) to one of its options."""
        try:
            variant = self.pathway.variant(variant_id)
            option = variant.option(option_id)
        except KeyError:
            raise PerturbationError(f"'{variant_id}={option_id}' is not a variant option of this pathway") from None
        p = self.perturbations
        p.variants[variant_id] = option_id
        if option_id == variant.default:
            p.variants.pop(variant_id)  # the default is the absence of a choice, as lessons and presets write it
        return self.edit(f"{variant.label}: {option.label}", perturbations=p)

    def variant_option(self, variant_id: str) -> str:
        """The option a variant is switched to now (its default when none is chosen)."""
        return self._values.perturbations.variants.get(variant_id, self.pathway.variant(variant_id).default)

    def apply_named_preset(self, preset_id: str) -> StateEdit | None:
        """A whole-model preset of the pathway (healthy, meal, compensated, …): its inputs, toggles,
        drugs and variants on top of the defaults (everything else back to default)."""
        p = Perturbations.from_preset(self.pathway, preset_id)
        return self.edit(f"Preset: {self.pathway.preset(preset_id).label}", perturbations=p)

    def set_toggle(self, species_id: str, on: bool, intensity: float | None = None) -> StateEdit | None:
        """Switch a serine kinase on (at ``intensity``, default its own) or off."""
        control = self._toggle(species_id)
        p = self.perturbations
        if on:
            level = control.default_intensity if intensity is None else round(float(intensity), 3)
            p.toggles[species_id] = level
            return self.edit(f"{control.label} on ({level:.2f})", f"toggle:{species_id}", perturbations=p)
        p.toggles.pop(species_id, None)
        return self.edit(f"{control.label} off", perturbations=p)

    def toggle_kinase(self, species_id: str) -> StateEdit | None:
        """What the kinase's key (J, I, P) does: flip it (on at its default intensity)."""
        return self.set_toggle(species_id, species_id not in self._values.perturbations.toggles)

    def clamp(self, species_id: str, how: str) -> StateEdit | None:
        """``how``: "knockout", "overexpress" or "restore"."""
        label = self._label(species_id)
        p = self.perturbations
        p.restore(species_id)
        if how == "knockout":
            p.knockouts.add(species_id)
            text = f"Knock out {label}"
        elif how == "overexpress":
            p.overexpress.add(species_id)
            text = f"Overexpress {label}"
        elif how == "restore":
            text = f"Restore {label}"
        else:
            raise ValueError(f"clamp: '{how}' is not knockout, overexpress or restore")
        return self.edit(text, perturbations=p)

    def fix_level(self, species_id: str, level: float) -> StateEdit | None:
        p = self.perturbations
        p.restore(species_id)
        p.fixed[species_id] = round(min(1.0, max(0.0, float(level))), 3)
        return self.edit(f"Fix {self._label(species_id)} at {p.fixed[species_id]:.2f}", perturbations=p)

    def set_drug(self, drug_id: str, on: bool, dose: float = 1.0) -> StateEdit | None:
        drug = self.pathway.drug(drug_id)
        p = self.perturbations
        if on:
            p.drugs[drug_id] = dose
        else:
            p.drugs.pop(drug_id, None)
        return self.edit(f"{'Apply' if on else 'Stop'} {drug.label}", perturbations=p)

    def reset_perturbations(self, text: str = "Reset") -> StateEdit | None:
        return self.edit(text, perturbations=Perturbations.defaults(self.pathway))

    def reset_to_defaults(self, text: str = "Reset") -> StateEdit | None:
        """Default settings and constant inputs (no scenario), as one undo step."""
        return self.edit(text, perturbations=Perturbations.defaults(self.pathway), scenario=None)

    def set_scenario(self, reference: str | None, title: str = "") -> StateEdit | None:
        """Run the scenario ``reference`` names (a built-in id or a file path) from its start; None: constant
        inputs again. ``title`` names it in the undo history."""
        text = f"Scenario: {title or reference}" if reference is not None else "Constant inputs (no scenario)"
        return self.edit(text, scenario=reference)

    def set_pins(self, pins, text: str = "Change pinned plots") -> StateEdit | None:
        return self.edit(text, pins=tuple(pins))

    def pin(self, species_id: str) -> StateEdit | None:
        return self.set_pins(self._values.pins + (species_id,), f"Pin {self._label(species_id)}")

    def unpin(self, species_id: str) -> StateEdit | None:
        return self.set_pins(tuple(s for s in self._values.pins if s != species_id), f"Unpin {self._label(species_id)}")

    def select(self, species_id: str | None) -> frozenset:
        return self.apply(selection=species_id)

    def set_focus(self, focus: str) -> frozenset:
        return self.apply(focus=focus)

    def set_replay_time(self, minutes: float | None) -> frozenset:
        return self.apply(replay_time=minutes)

    # -- helpers -----------------------------------------------------------------------------------
    def _label(self, species_id: str) -> str:
        if species_id not in self.pathway.species:
            raise ValueError(f"'{species_id}' is not a species of this pathway")
        return self.pathway.species[species_id].label

    def _input(self, species_id: str):
        for control in self.pathway.inputs:
            if control.species == species_id:
                return control
        raise PerturbationError(f"'{species_id}' is not an input of this pathway")

    def _toggle(self, species_id: str):
        for control in self.pathway.toggles:
            if control.species == species_id:
                return control
        raise PerturbationError(f"'{species_id}' is not a serine-kinase toggle of this pathway")
