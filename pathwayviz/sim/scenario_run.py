"""Running a scenario: from the steady state of its first moment, through its schedule."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.scenario import Scenario
from .engine import Engine
from .perturbations import Perturbations
from .schedule import Schedule, compile_schedule

# A day is mildly stiff (τ from 1 to 60 min over 1,440 min): LSODA moves between its explicit and
# stiff modes with steps of about a minute, so the cost is the number of right-hand sides (its
# Jacobians come from Engine.jacobian, one batched evaluation each). These tolerances keep a
# 24-hour scenario within 1e-4 of SciPy Radau at rtol 1e-10 (tests/sim/test_scenario_accuracy.py)
# at about half the evaluations of rtol 1e-6.
SCENARIO_RTOL = 1e-5
SCENARIO_ATOL = 1e-6


@dataclass
class ScenarioRun:
    """A scenario's trajectory: times (minutes from its start), states (one row per time), its schedule."""

    scenario: Scenario
    schedule: Schedule
    ids: list[str]
    minutes: np.ndarray
    states: np.ndarray
    ymax: np.ndarray

    def series(self, species_id: str) -> np.ndarray:
        """A species' activity (0–1) at every sample."""
        i = self.ids.index(species_id)
        return self.states[:, i] / self.ymax[i]

    def at(self, species_id: str, minute: float) -> float:
        """A species' activity at a time (linear between samples)."""
        return float(np.interp(minute, self.minutes, self.series(species_id)))

    def readings(self, species_id: str) -> list[float]:
        """A species' activity at each of the scenario's reading times."""
        return [self.at(species_id, t) for t in self.scenario.readings]


def starting_state(engine: Engine, perturbations: Perturbations, schedule: Schedule) -> np.ndarray:
    """The steady state with every scheduled input held at its level at t = 0 (a fasting start)."""
    start = perturbations.copy()
    start.inputs.update(schedule.inputs_at(0.0))
    return engine.relax(start)


def run_scenario(engine: Engine, perturbations: Perturbations, scenario: Scenario, step: float = 1.0,
                 rtol: float = SCENARIO_RTOL, atol: float = SCENARIO_ATOL) -> ScenarioRun:
    """Simulate ``scenario`` on top of ``perturbations``, sampled every ``step`` minutes."""
    schedule = compile_schedule(scenario, engine.pathway, perturbations)
    y0 = starting_state(engine, perturbations, schedule)
    samples = int(round(scenario.duration / step)) + 1
    t, ys = engine.timecourse(perturbations, scenario.duration, samples=samples, y0=y0, rtol=rtol, atol=atol,
                              schedule=schedule)
    return ScenarioRun(scenario, schedule, engine.ids, t, ys, engine.compiled.ymax)
