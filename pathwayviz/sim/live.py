"""The live simulation the animation and plots observe: one state advanced by one clock.

Beside the current run it advances a *healthy reference*: the same inputs, clamps and drugs but
no serine-kinase toggles, so plots can show how far the current state is from healthy. Both runs
keep a bounded history (``history.History``, a ring buffer) for plots, scrubbing and CSV export.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..model.pathway import Pathway
from .compiled import Conditions
from .engine import Engine
from .history import DEFAULT_CAPACITY, History
from .perturbations import Perturbations
from .steady_cache import relax_remembered

if TYPE_CHECKING:
    from ..model.scenario import Scenario
    from .schedule import Schedule

FRAME_MINUTES = 1.0 / 60.0


@dataclass
class Snapshot:
    """What the canvas draws: a state, the flux through every edge, and the time."""

    time: float
    state: np.ndarray
    flux: np.ndarray
    healthy: np.ndarray


def healthy_reference(pathway: Pathway, p: Perturbations) -> Perturbations:
    """The healthy twin of ``p``: the same inputs and model variants, nothing else, and the serine
    kinases held at 0.

    Knockouts, drugs and fixed levels are deviations from health too, so they are left out; the
    variants are not: they choose the model's mechanism, and health is judged under the same one.
    Holding the kinases at 0, rather than only clearing toggles, keeps the reference healthy when
    inflammation or lipids (TNF-α, FFA, ER stress) are what switch the kinases on.
    """
    return Perturbations(inputs=dict(p.inputs), knockouts=set(pathway.toggle_ids()), variants=dict(p.variants))


class LiveSimulation:
    """Current and healthy-reference runs under the user's perturbations."""

    def __init__(self, pathway: Pathway, history_capacity: int = DEFAULT_CAPACITY, sample_every: float = 0.1):
        self.pathway = pathway
        self.engine = Engine(pathway)
        self.ids = self.engine.ids
        self.index = self.engine.compiled.index
        self.sample_every = sample_every
        self._base_sample_every = sample_every
        self.history = History(len(self.ids), history_capacity)
        self.healthy_history = History(len(self.ids), history_capacity)
        self._perturbations = Perturbations.defaults(pathway)
        self._scenario: Scenario | None = None
        self._schedule: Schedule | None = None
        self._cond: Conditions = self.engine.conditions(self._perturbations)
        self._healthy_cond: Conditions = self.engine.conditions(self._healthy_of(self._perturbations))
        self.time = 0.0
        self._last_sample = -np.inf
        self.state = self.engine.initial_state(self._cond)
        self.healthy = self.state.copy()

    # -- perturbations -------------------------------------------------------------------------
    @property
    def perturbations(self) -> Perturbations:
        return self._perturbations.copy()

    def set_perturbations(self, perturbations: Perturbations) -> None:
        """Apply new perturbations from the current state on (the change then unfolds smoothly)."""
        schedule = None
        if self._scenario is not None:
            from .schedule import compile_schedule   # only while a scenario runs

            schedule = compile_schedule(self._scenario, self.pathway, perturbations)
        cond = self.engine.conditions(perturbations, schedule)  # validates first
        self._perturbations = perturbations.copy()
        self._schedule = schedule
        self._cond = cond
        self._healthy_cond = self.engine.conditions(self._healthy_of(perturbations), schedule)
        self.state = cond.apply_clamps(self.state)
        self.healthy = self._healthy_cond.apply_clamps(self.healthy)

    def _healthy_of(self, p: Perturbations) -> Perturbations:
        return healthy_reference(self.pathway, p)

    # -- scenarios ------------------------------------------------------------------------------
    @property
    def scenario(self) -> Scenario | None:
        """The scenario whose schedule drives the inputs now, or None (constant inputs)."""
        return self._scenario

    @property
    def schedule(self) -> Schedule | None:
        return self._schedule

    def start_scenario(self, scenario: Scenario | None) -> None:
        """Run ``scenario`` from its start (time 0, the steady state of its first moment); None stops it.

        Its schedule sits on top of the current perturbations, which keep applying; the history is
        sampled coarsely enough to hold the whole scenario.
        """
        self._scenario = scenario
        self.set_perturbations(self._perturbations)
        if scenario is None:
            self.sample_every = self._base_sample_every
            return
        self.sample_every = max(self._base_sample_every, scenario.duration / (0.95 * self.history.capacity))
        from .scenario_run import starting_state  # scenarios load when one starts, not with the window

        start = starting_state(self.engine, self._perturbations, self._schedule)
        healthy = starting_state(self.engine, self._healthy_of(self._perturbations), self._schedule)
        self.restore(0.0, start, healthy)

    def run_scenario_to(self, minutes: float) -> None:
        """Jump ahead to scenario time ``minutes`` by accurate integration, recording the history on the way."""
        if self._schedule is None or minutes <= self.time:
            return
        from .scenario_run import SCENARIO_ATOL, SCENARIO_RTOL

        samples = max(2, int(round((minutes - self.time) / self.sample_every)) + 1)
        runs = []
        for cond, y in ((self._cond, self.state), (self._healthy_cond, self.healthy)):
            runs.append(self.engine.trajectory(cond, y, self.time, minutes, samples, SCENARIO_RTOL, SCENARIO_ATOL))
        times = np.linspace(self.time, minutes, samples)
        for k in range(1, samples):
            self.history.append(float(times[k]), runs[0][k])
            self.healthy_history.append(float(times[k]), runs[1][k])
        self.time = float(minutes)
        self.state, self.healthy = runs[0][-1].copy(), runs[1][-1].copy()
        self._last_sample = self.time

    # -- time -----------------------------------------------------------------------------------
    def reset(self, settle: bool = True) -> None:
        """Start again at time 0; by default from the steady state of the baseline inputs."""
        self.time = 0.0
        self._last_sample = -np.inf
        self.history.clear()
        self.healthy_history.clear()
        baseline = Perturbations.defaults(self.pathway) if settle else None
        if baseline is not None:
            baseline.inputs.update(self._perturbations.inputs)
            start = relax_remembered(self.engine, self._healthy_of(baseline))
        else:
            start = self.engine.initial_state()
        self.state = self._cond.apply_clamps(start)
        self.healthy = self._healthy_cond.apply_clamps(start)
        self._record()

    def restore(self, time: float, state: np.ndarray, healthy: np.ndarray | None = None,
                keep_history: bool = False) -> None:
        """Continue from a saved state (e.g. a reopened session) at simulated ``time``.

        ``keep_history`` keeps the recorded past (a lesson step starting from its defined state
        shows as a step in the time courses rather than blanking them).
        """
        state = np.asarray(state, dtype=float)
        if state.shape != self.state.shape:
            raise ValueError(f"a saved state has {state.size} values; this pathway has {self.state.size} species")
        state = np.clip(state, 0.0, self.ymax)
        self.time = float(time)
        if not keep_history:
            self.history.clear()
            self.healthy_history.clear()
        self.state = self._cond.apply_clamps(state)
        self.healthy = self._healthy_cond.apply_clamps(state if healthy is None else np.clip(
            np.asarray(healthy, dtype=float), 0.0, self.ymax))
        self._record(force=True)

    def settle(self) -> None:
        """Jump straight to the steady state of the current perturbations (no animation)."""
        self.state = self.engine.relax(self._perturbations, y0=self.state)
        self.healthy = self.engine.relax(self._healthy_of(self._perturbations), y0=self.healthy)
        self._record(force=True)

    def advance(self, minutes: float) -> None:
        """Advance both runs by ``minutes`` of simulated time."""
        if minutes <= 0:
            return
        self.state = self.engine.step(self.state, minutes, self._cond, self.time)
        self.healthy = self.engine.step(self.healthy, minutes, self._healthy_cond, self.time)
        self.time += minutes
        self._record()

    def _record(self, force: bool = False) -> None:
        if force or self.time - self._last_sample >= self.sample_every - 1e-12:
            self.history.append(self.time, self.state)
            self.healthy_history.append(self.time, self.healthy)
            self._last_sample = self.time

    # -- reading --------------------------------------------------------------------------------
    @property
    def ymax(self) -> np.ndarray:
        """Each species' maximum, in species order (what raw values are normalised by)."""
        return self.engine.compiled.ymax

    def normalised(self, values: np.ndarray, columns=None) -> np.ndarray:
        """Raw values (one species per column, or one state) as activities 0–1."""
        ymax = self.ymax if columns is None else self.ymax[np.asarray(columns, dtype=int)]
        return np.asarray(values, dtype=float) / ymax

    def value(self, species_id: str, state: np.ndarray | None = None) -> float:
        """The normalised (0–1) activity of a species now, or in ``state``."""
        y = self.state if state is None else state
        return float(self.normalised(y)[self.index[species_id]])

    def healthy_flux(self, y: np.ndarray) -> np.ndarray:
        """Flux through each interaction of the healthy run in state ``y`` (its variants' weights)."""
        return self.engine.edge_flux(y, self._healthy_cond)

    def snapshot(self, at_time: float | None = None) -> Snapshot:
        """The current state, or the recorded state nearest ``at_time`` when scrubbing."""
        if at_time is None:
            y, h, t = self.state, self.healthy, self.time
        else:
            y = self.history.state_at(at_time)
            h = self.healthy_history.state_at(at_time)
            if y is None:
                y, h = self.state, self.healthy
            t = at_time
        return Snapshot(t, y, self.engine.edge_flux(y, self._cond), h)
