"""Walking a lesson (no Qt): which step comes next, what it shows, and the state it starts from.

The window, presentation mode and lesson export all move through a lesson with one
:class:`LessonRunner`. A position is ``(index, revealed)``: ``index`` None before the first step,
``revealed`` False while a "predict first" question waits for its answer; a step with ``regions``
also has a region, the part of the diagram framed now (the state's zoom target says which). "Next"
reveals the answer first, then pans region by region, then moves to the next step; "back" pans back
and enters the step before at its last region.

Every step starts from a defined simulation state, whatever the user did before: the settled
state of the step before it (for the first step, the settled healthy state of the pathway's
defaults), with the step's own settings then applied, so the change unfolds the same way each time
-- entering a lesson from free exploration shows step 1 as the lesson means it. A step that runs a
scenario starts from the scenario's own start (the steady state of its first moment under the step's
settings), run on to the step's ``at`` when it names one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..model.pathway import Pathway
from ..sim.engine import Engine
from ..sim.live import healthy_reference
from ..sim.perturbations import Perturbations
from .model import Lesson, LessonStep

if TYPE_CHECKING:   # scenarios are loaded when a step runs one, not before the window's first paint
    from ..model.scenario import Scenario


@dataclass(frozen=True)
class StepEntry:
    """What entering a step shows: the position, the settings, the highlight and the framing."""

    index: int
    revealed: bool
    perturbations: Perturbations
    highlight: tuple[str, ...]
    zoom: tuple[str, ...]
    scenario: str | None = None   # the scenario the step runs (a built-in id or a file path)
    at: float = 0.0               # the moment of it the step starts at (minutes from its start)


@dataclass(frozen=True)
class RegionMove:
    """Panning to another region of the same step: only the framing changes, not the simulation."""

    index: int
    region: int
    zoom: tuple[str, ...]


@dataclass(frozen=True)
class StepStart:
    """The simulation state a step starts from (current run and healthy reference)."""

    state: np.ndarray
    healthy: np.ndarray
    time: float = 0.0  # scenario minutes (0 for a step without a scenario)


class LessonRunner:
    """The step machine of one lesson over one pathway."""

    def __init__(self, lesson: Lesson, pathway: Pathway, engine: Engine | None = None):
        self.lesson = lesson
        self.pathway = pathway
        self._engine = engine
        self._starts: dict[int, StepStart] = {}
        self._scenarios: dict[str, Scenario] = {}

    def __len__(self) -> int:
        return len(self.lesson.steps)

    def step(self, index: int | None) -> LessonStep | None:
        """Step ``index``, or None for no step (or an index another lesson left behind, e.g. on undo)."""
        return self.lesson.steps[index] if index is not None and 0 <= index < len(self.lesson.steps) else None

    # -- moving ------------------------------------------------------------------------------------
    def awaiting_answer(self, index: int | None, revealed: bool) -> bool:
        step = self.step(index)
        return step is not None and step.predict is not None and not revealed

    def entry(self, k: int, reveal: bool = False, region: int = 0) -> StepEntry:
        """Entering step ``k`` (clamped to the lesson); its question shows first unless ``reveal``.

        ``region`` picks the step's first frame (0) or another (-1: the last, when coming back).

        Raises PerturbationError if the step names something the pathway lacks, IndexError for an empty lesson.
        """
        if not self.lesson.steps:
            raise IndexError(f"the lesson '{self.lesson.title}' has no steps")
        k = max(0, min(int(k), len(self.lesson.steps) - 1))
        step = self.lesson.steps[k]
        frames = step.frames
        return StepEntry(k, reveal or step.predict is None, step.perturbations(self.pathway), tuple(step.highlight),
                         tuple(frames[region % len(frames)]), step.scenario, step.at or 0.0)

    def next(self, index: int | None, revealed: bool, zoom=None) -> StepEntry | RegionMove | str | None:
        """What "next" does from here: ``"reveal"``, the next region of this step, the entry of the
        next step, or None at the end. ``zoom`` is the framing now (None: as if at the step's last region)."""
        if self.awaiting_answer(index, revealed):
            return "reveal"
        if not self.lesson.steps:
            return None
        if index is None:
            return self.entry(0)
        step = self.step(index)
        region = step.region_of(zoom) if step is not None and zoom is not None else None
        if region is not None and region + 1 < len(step.frames):
            return RegionMove(index, region + 1, step.frames[region + 1])
        if index < len(self.lesson.steps) - 1:
            return self.entry(index + 1)
        return None

    def previous(self, index: int | None, zoom=None) -> StepEntry | RegionMove | None:
        """Back one region, or one step (entered at its last region; its question was asked
        already, so it shows answered). ``zoom`` is the framing now (None: the step's first region)."""
        if not self.lesson.steps:
            return None
        if index is None:
            return self.entry(0)
        step = self.step(index)
        region = step.region_of(zoom) if step is not None and zoom is not None else None
        if region:
            return RegionMove(index, region - 1, step.frames[region - 1])
        if index > 0:
            return self.entry(index - 1, reveal=True, region=-1)
        return None

    def is_modified(self, index: int | None, p: Perturbations) -> bool:
        """True when ``p`` differs from what step ``index`` sets."""
        step = self.step(index)
        return step is not None and p != step.perturbations(self.pathway)

    # -- where a step starts -----------------------------------------------------------------------
    def scenario(self, k: int) -> Scenario | None:
        """The scenario step ``k`` runs, or None. Raises FileProblems/OSError if its file broke since loading."""
        reference = self.lesson.steps[k].scenario
        if reference is None:
            return None
        if reference not in self._scenarios:
            from ..model.scenario_refs import resolve_scenario

            self._scenarios[reference] = resolve_scenario(reference, self.pathway)
        return self._scenarios[reference]

    def start(self, k: int) -> StepStart:
        """The settled state before step ``k``: that of step ``k-1`` (the pathway's defaults for step 1);
        for a scenario step, the scenario's start under the step's settings, run on to its ``at``."""
        if k not in self._starts and self.lesson.steps[k].scenario is not None:
            self._starts[k] = self._scenario_start(k)
        if k not in self._starts:
            before = (Perturbations.defaults(self.pathway) if k == 0
                      else self.lesson.steps[k - 1].perturbations(self.pathway))
            engine = self._engine_for()
            self._starts[k] = StepStart(engine.relax(before), engine.relax(healthy_reference(self.pathway, before)))
        return self._starts[k]

    def _scenario_start(self, k: int) -> StepStart:
        from ..sim.scenario_run import SCENARIO_ATOL, SCENARIO_RTOL, starting_state
        from ..sim.schedule import compile_schedule

        step, scenario, engine = self.lesson.steps[k], self.scenario(k), self._engine_for()
        at = min(step.at or 0.0, scenario.duration)
        states = []
        for p in (step.perturbations(self.pathway), healthy_reference(self.pathway, step.perturbations(self.pathway))):
            schedule = compile_schedule(scenario, self.pathway, p)
            y = starting_state(engine, p, schedule)
            if at > 0:
                y = engine.trajectory(engine.conditions(p, schedule), y, 0.0, at, 2, SCENARIO_RTOL, SCENARIO_ATOL)[-1]
            states.append(y)
        return StepStart(states[0], states[1], at)

    def _engine_for(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.pathway)
        return self._engine
