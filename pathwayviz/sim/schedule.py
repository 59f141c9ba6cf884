"""A scenario's schedule as input levels over time, for the engine's right-hand side.

For each scheduled input, at time t (minutes):
  base(t)  = the constant level the perturbations give it, replaced by each step at its time and
             moved linearly by each ramp over its span (steps and ramps in time order);
  level(t) = clip(base(t) + Σ pulses(t) + Σ meals(t), 0, 1),
where a pulse adds its level while it is on and a meal adds size·(s/peak)·e^(1 − s/peak), s minutes
after it starts (a smooth glucose appearance curve: 0 at the start, ``size`` at ``peak``). Sleep
periods drive the pathway's ``sleep`` input, when it has one: depth·2^(−s/half_life) s minutes
after falling asleep (deep sleep is concentrated early in the night), 0 while awake.

Every time where a level jumps or bends is a *breakpoint*; integrators stop and restart there so
the ODE solver never steps across a discontinuity.
"""

from __future__ import annotations

import math
from bisect import bisect_right

import numpy as np

from ..model.scenario import SLEEP_INPUT, Meal, Pulses, Ramp, Scenario, Step
from .perturbations import Perturbations


class InputTrack:
    """The level of one input over time."""

    def __init__(self, base_level: float, items: list, sleep=()):
        self.base_level = base_level
        self._shifts = sorted((i for i in items if isinstance(i, (Step, Ramp))),
                              key=lambda i: i.at if isinstance(i, Step) else i.start)
        self._pulses = [i for i in items if isinstance(i, Pulses)]
        self._meals = [i for i in items if isinstance(i, Meal)]
        self._sleep = list(sleep)
        self._onsets = [sorted(p.onsets()) for p in self._pulses]

    def base(self, t: float) -> float:
        level = self.base_level
        for item in self._shifts:
            if isinstance(item, Step):
                if t < item.at:
                    break
                level = item.level
            else:
                if t < item.start:
                    break
                start = level if item.start_level is None else item.start_level
                if t >= item.end:
                    level = item.level
                else:
                    return start + (item.level - start) * (t - item.start) / (item.end - item.start)
        return level

    def level(self, t: float) -> float:
        value = self.base(t)
        for pulses, onsets in zip(self._pulses, self._onsets):
            k = bisect_right(onsets, t) - 1
            if k >= 0 and t < onsets[k] + pulses.width:
                value += pulses.level
        for meal in self._meals:
            s = t - meal.at
            if s > 0:
                x = s / meal.peak
                value += meal.size * x * math.exp(1.0 - x)
        for period in self._sleep:
            if period.start <= t < period.end:
                value += period.depth * 2.0 ** (-(t - period.start) / period.half_life)
        return min(max(value, 0.0), 1.0)

    def breakpoints(self) -> list[float]:
        times: list[float] = []
        for item in self._shifts:
            times += [item.at] if isinstance(item, Step) else [item.start, item.end]
        for pulses, onsets in zip(self._pulses, self._onsets):
            for t in onsets:
                times += [t, t + pulses.width]
        times += [m.at for m in self._meals]
        for period in self._sleep:
            times += [period.start, period.end]
        return times


class Schedule:
    """A scenario compiled against a pathway and the perturbations it runs on top of.

    ``indices`` are the species indices of the scheduled inputs; ``levels(t)`` their levels;
    ``breakpoints`` the sorted times inside (0, duration) where a level jumps or bends.
    """

    def __init__(self, scenario: Scenario, index: dict[str, int], perturbations: Perturbations,
                 input_defaults: dict[str, float]):
        self.scenario = scenario
        by_input: dict[str, list] = {}
        for item in scenario.items:
            by_input.setdefault(item.input, []).append(item)
        sleep_driven = SLEEP_INPUT in input_defaults and scenario.sleep
        if sleep_driven:
            by_input.setdefault(SLEEP_INPUT, [])
        self.input_ids = list(by_input)
        self.indices = np.array([index[sid] for sid in self.input_ids], dtype=np.intp)
        self.tracks = [InputTrack(perturbations.inputs.get(sid, input_defaults.get(sid, 0.0)), items,
                                  scenario.sleep if sid == SLEEP_INPUT else ())
                       for sid, items in by_input.items()]
        duration = scenario.duration
        times = {t for track in self.tracks for t in track.breakpoints()}
        self.breakpoints = sorted(t for t in times if 0.0 < t < duration)

    @property
    def duration(self) -> float:
        return self.scenario.duration

    def levels(self, t: float) -> np.ndarray:
        return np.array([track.level(t) for track in self.tracks])

    def level(self, input_id: str, t: float) -> float:
        return self.tracks[self.input_ids.index(input_id)].level(t)

    def inputs_at(self, t: float) -> dict[str, float]:
        """{input id: level} at time t (what a constant-input run at that moment would use)."""
        return {sid: track.level(t) for sid, track in zip(self.input_ids, self.tracks)}

    def segments(self, start: float, stop: float) -> list[tuple[float, float]]:
        """(a, b) pieces of [start, stop] split at the breakpoints."""
        cuts = [start, *(t for t in self.breakpoints if start < t < stop), stop]
        return [(a, b) for a, b in zip(cuts[:-1], cuts[1:]) if b > a]


def compile_schedule(scenario: Scenario, pathway, perturbations: Perturbations) -> Schedule:
    index = {sid: i for i, sid in enumerate(pathway.species_ids)}
    return Schedule(scenario, index, perturbations, {c.species: c.default for c in pathway.inputs})
