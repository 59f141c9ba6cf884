"""24 simulated hours of the built-in model under the `day` scenario (three meals, a night's sleep).

Budget (issue #12): ≤ 100 ms for 24 simulated hours on this 2-core machine, agreeing with SciPy
Radau (rtol 1e-10, restarted at the same breakpoints) to 1e-4. Prints the median of several
repeats, wall and CPU time, for healthy and compensated insulin resistance, plus the OGTT (3 h);
and the load average, because the machine is shared. Asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import time

import numpy as np
from scipy.integrate import solve_ivp

from pathwayviz.model.loader import load_pathway
from pathwayviz.model.scenario import load_scenario
from pathwayviz.resource_files import builtin_pathway_path, builtin_scenario_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations
from pathwayviz.sim.scenario_run import SCENARIO_ATOL, SCENARIO_RTOL, starting_state
from pathwayviz.sim.schedule import compile_schedule

REPEATS = 7


def timed(fn, repeats=REPEATS):
    wall, cpu, result = [], [], None
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return statistics.median(wall), statistics.median(cpu), result


def radau(engine, cond, schedule, y0, t_eval):
    out = np.empty((len(t_eval), len(y0)))
    out[0], y = y0, y0
    for a, b in schedule.segments(float(t_eval[0]), float(t_eval[-1])):
        inside = np.flatnonzero((t_eval > a) & (t_eval <= b))
        sol = solve_ivp(lambda t, v: engine.rhs(v, cond, t), (a, b), y, method="Radau",
                        t_eval=np.unique(np.r_[a, t_eval[inside], b]), rtol=1e-10, atol=1e-12)
        out[inside] = sol.y.T[1:1 + len(inside)]
        y = sol.y[:, -1]
    return out


def main() -> None:
    pathway = load_pathway(builtin_pathway_path())
    engine = Engine(pathway)
    print(f"load average (1, 5, 15 min): {' '.join(f'{v:.2f}' for v in os.getloadavg())} on {os.cpu_count()} cores")
    print(f"species: {engine.compiled.size}, interactions: {engine.compiled.n_edges}; "
          f"LSODA rtol {SCENARIO_RTOL:g}, atol {SCENARIO_ATOL:g}")
    for sid in ("day", "ogtt"):
        scenario = load_scenario(builtin_scenario_path(sid), pathway)
        for preset in ("healthy", "compensated"):
            pert = Perturbations.from_preset(pathway, preset)
            schedule = compile_schedule(scenario, pathway, pert)
            y0 = starting_state(engine, pert, schedule)
            samples = int(scenario.duration) + 1

            def ours():
                return engine.timecourse(pert, scenario.duration, samples=samples, y0=y0, rtol=SCENARIO_RTOL,
                                         atol=SCENARIO_ATOL, schedule=schedule)[1]

            wall, cpu, ys = timed(ours)
            ref = radau(engine, engine.conditions(pert, schedule), schedule, y0, np.linspace(0, scenario.duration,
                                                                                              samples))
            hours = scenario.duration / 60
            budget = " (budget 100 ms)" if sid == "day" else ""
            print(f"{sid:>4} {preset:<11} {hours:4.0f} simulated h, {len(schedule.segments(0, scenario.duration))} "
                  f"segments: wall {wall * 1e3:6.1f} ms, CPU {cpu * 1e3:6.1f} ms{budget}; "
                  f"max |ours - Radau| {np.max(np.abs(ys - ref)):.1e} (budget 1e-4)")


if __name__ == "__main__":
    main()
