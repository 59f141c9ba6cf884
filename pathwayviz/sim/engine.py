"""Logic-based normalized-Hill ODEs (Kraeutler, Soltis & Saucerman 2010, the Netflux formalism).

One variable per species, y in [0, ymax]. Per interaction, with x the source's activity:
  activation f(x) = w·B·xⁿ/(Kⁿ + xⁿ), B = (EC50ⁿ − 1)/(2·EC50ⁿ − 1), K = (B − 1)^(1/n), capped at w;
  inhibition w − f(x). Inputs of one target combine by OR, 1 − Π(1 − fᵢ), except those marked
  ``gate: and``, which form one AND term Π fᵢ per reaction (edges of one imported reaction share it).
  Input levels and serine-kinase toggles are further OR terms, and so is a species' constitutive
  ``basal`` drive (a Netflux input reaction). dy/dt = (R·ymax − y)/τ. Drugs scale a target's R by
  (1 − dose·potency); knockouts, overexpression and fixed levels hold a species still; a variant
  option replaces the weights (and, for a steeper or more sensitive step, the EC50 and n) of named
  interactions.

Stepping (:meth:`Engine.step`, used by the animation): classical RK4 while the fastest τ allows
it in a few sub-steps; when a file has a much faster species (stiff τ), an exponential
Runge–Kutta step (ETD2RK, Cox & Matthews 2002, J Comput Phys 176:430) that solves the linear
relaxation −y/τ exactly. Each ETD2RK state is a convex combination of the old state and two
targets R·ymax, so it stays inside [0, ymax] for any step size and the work per frame is bounded.
"""

from __future__ import annotations

import math

from typing import TYPE_CHECKING

import numpy as np

from ..model.pathway import Pathway
from .compiled import CompiledPathway, Conditions
from .perturbations import Perturbations

if TYPE_CHECKING:   # schedules are built only when a scenario runs
    from .schedule import Schedule

# RK4 sub-steps are kept at ≤ τmin/4; when a step would need more than this many, the pathway is
# stiff for RK4 and the step switches to ETD2RK with this many sub-steps (bounded work per frame).
MAX_SUBSTEPS = 16
# Relaxation to steady state uses RK4 with h = τmin unless τmax/τmin exceeds this ratio; then
# ETD2RK with h = τmax/STIFF_RATIO, so the slowest species still moves in a bounded number of steps.
STIFF_RATIO = 100.0
MAX_RELAX_BLOCKS = 400
# Residual max|dy/dt| below which relaxation tries Newton (accepting only a stable fixed point).
NEWTON_START = 0.05
NEWTON_TRIES = 8


DENSE_JACOBIAN_LIMIT = 500  # species; see Engine.solver


class Engine:
    """Evaluates and integrates the pathway's ODEs under given perturbations."""

    def __init__(self, pathway: Pathway):
        self.pathway = pathway
        self.compiled = CompiledPathway(pathway)

    @property
    def ids(self) -> list[str]:
        return self.compiled.ids

    @property
    def solver(self) -> str:
        """The SciPy method for trajectories: LSODA, or RK45 for pathways of thousands of species.

        LSODA's stiff mode builds a dense finite-difference Jacobian (one right-hand side per species)
        and factorises it: seconds at 2,000 species, where explicit RK45 takes a tenth of a second.
        """
        return "LSODA" if self.compiled.size <= DENSE_JACOBIAN_LIMIT else "RK45"

    def conditions(self, perturbations: Perturbations, schedule: Schedule | None = None) -> Conditions:
        """Arrays for the right-hand side; with a ``schedule`` its inputs follow it in time."""
        perturbations.validate(self.pathway)
        return Conditions(self.compiled, perturbations, schedule)

    def initial_state(self, cond: Conditions | None = None) -> np.ndarray:
        y = self.compiled.y0.copy()
        return cond.apply_clamps(y) if cond is not None else y

    def rhs(self, y: np.ndarray, cond: Conditions, t: float = 0.0) -> np.ndarray:
        """dy/dt at state y and time t (t matters only when the conditions carry a schedule)."""
        c = self.compiled
        external = cond.external if cond.schedule is None else cond.external_at(t)
        dy = (c.drive(y, external, cond.weights, cond.hill) * cond.scaled_ymax - y) * c.inv_tau
        if len(cond.clamp_idx):
            dy[..., cond.clamp_idx] = 0.0  # (rare: only with knockouts, overexpression or fixed levels)
        return dy

    def jacobian(self, y: np.ndarray, cond: Conditions, t: float = 0.0, eps: float = 1e-7) -> np.ndarray:
        """d(dy/dt)_i/dy_j at state y (forward differences, all columns in one batched evaluation).

        Given to LSODA so that its stiff mode does not spend one right-hand side per species on
        each Jacobian it forms (on a day's scenario that was over half of all evaluations).
        """
        f0 = self.rhs(y, cond, t)
        shifted = y + eps * np.eye(len(y))  # row j: y with species j moved by eps
        return ((self.rhs(shifted, cond, t) - f0) / eps).T

    def step(self, y: np.ndarray, dt: float, cond: Conditions, t: float = 0.0) -> np.ndarray:
        """Advance by dt minutes from time t: RK4 sub-steps of ≤ τmin/4, or ETD2RK when that would take too many.

        At most MAX_SUBSTEPS sub-steps whatever the file's τ, and the result is always in [0, ymax].
        """
        if not dt > 0:
            return y
        needed = math.ceil(dt / (0.25 * self.compiled.tau_min))
        if needed <= MAX_SUBSTEPS:
            h = dt / needed
            for k in range(needed):
                y = self._rk4(y, h, cond, t + k * h)
            return y
        h = dt / MAX_SUBSTEPS
        for k in range(MAX_SUBSTEPS):
            y = self._etd2(y, h, cond, t + k * h)
        return y

    def _rk4(self, y: np.ndarray, h: float, cond: Conditions, t: float = 0.0) -> np.ndarray:
        k1 = self.rhs(y, cond, t)
        k2 = self.rhs(y + 0.5 * h * k1, cond, t + 0.5 * h)
        k3 = self.rhs(y + 0.5 * h * k2, cond, t + 0.5 * h)
        k4 = self.rhs(y + h * k3, cond, t + h)
        return np.clip(y + (h / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4), 0.0, self.compiled.ymax)

    def _target(self, y: np.ndarray, cond: Conditions, t: float = 0.0) -> np.ndarray:
        """R·ymax: the level each species relaxes towards at state y and time t (clamped species stay put)."""
        c = self.compiled
        external = cond.external if cond.schedule is None else cond.external_at(t)
        target = c.drive(y, external, cond.weights, cond.hill) * cond.scale * c.ymax
        target[~cond.free] = y[~cond.free]
        return target

    def _etd2(self, y: np.ndarray, h: float, cond: Conditions, t: float = 0.0) -> np.ndarray:
        """One ETD2RK step of dy/dt = (T(y) − y)/τ, exact for the linear part.

        With z = h/τ, E = e^(−z) and φ = 1 − (1 − E)/z: a = T(y) + (y − T(y))·E, then
        y' = a + (T(a) − T(y))·φ. The weights of T(y), y and T(a) are 1 − E − φ, E and φ, all ≥ 0,
        so y' is a convex combination of values in [0, ymax].
        """
        z = h / self.compiled.tau
        one_minus_e = -np.expm1(-z)
        e = 1.0 - one_minus_e
        phi = 1.0 - one_minus_e / z
        t0 = self._target(y, cond, t)
        a = t0 + (y - t0) * e
        y_next = a + (self._target(a, cond, t + h) - t0) * phi
        return np.clip(y_next, 0.0, self.compiled.ymax)  # guards rounding only

    def timecourse(self, perturbations: Perturbations, minutes: float, samples: int | None = None,
                   y0: np.ndarray | None = None, rtol: float = 1e-6, atol: float = 1e-8,
                   schedule: Schedule | None = None):
        """Trajectory sampled at ``samples`` evenly spaced times (default one per minute).

        Uses SciPy (imported here, not at start-up): LSODA, which switches to BDF for stiff τ, or the
        method ``solver`` names for pathways of thousands of species. With a ``schedule`` its inputs
        vary in time and the integration restarts at each of its breakpoints (never stepping across
        a jump in an input).
        """
        from scipy.integrate import odeint

        cond = self.conditions(perturbations, schedule)
        y_start = cond.apply_clamps(self.initial_state() if y0 is None else np.asarray(y0, dtype=float))
        if samples is None:
            samples = int(round(minutes)) + 1
        t_eval = np.linspace(0.0, minutes, max(samples, 2))
        if minutes <= 0:
            return t_eval[:1], y_start[None, :]
        if schedule is not None:
            return t_eval, self.trajectory(cond, y_start, 0.0, minutes, len(t_eval), rtol, atol)
        if self.solver == "LSODA":
            # odeint drives LSODA from compiled code: about half the cost of solve_ivp's Python loop.
            ys = odeint(lambda y, _t: self.rhs(y, cond), y_start, t_eval, rtol=rtol, atol=atol, mxstep=50000)
            return t_eval, np.clip(ys, 0.0, self.compiled.ymax)
        from scipy.integrate import solve_ivp

        sol = solve_ivp(lambda _t, y: self.rhs(y, cond), (0.0, minutes), y_start, method=self.solver,
                        t_eval=t_eval, rtol=rtol, atol=atol)
        return sol.t, np.clip(sol.y.T, 0.0, self.compiled.ymax)

    def trajectory(self, cond: Conditions, y: np.ndarray, start: float, stop: float, samples: int,
                   rtol: float = 1e-6, atol: float = 1e-8) -> np.ndarray:
        """States at ``samples`` evenly spaced times from ``start`` to ``stop`` under ``cond``.

        With a schedule, the integration goes segment by segment between its breakpoints.
        """
        from scipy.integrate import odeint, solve_ivp

        t_eval = np.linspace(start, stop, max(samples, 2))
        segments = cond.schedule.segments(start, stop) if cond.schedule is not None else [(start, stop)]
        out = np.empty((len(t_eval), self.compiled.size))
        out[0] = y
        ymax = self.compiled.ymax
        for a, b in segments:
            inside = np.flatnonzero((t_eval > a) & (t_eval <= b))
            times = np.r_[a, t_eval[inside]]
            if times[-1] < b:
                times = np.r_[times, b]
            if self.solver == "LSODA":
                # tcrit: LSODA must not step past the segment's end (it would see the next input level).
                ys = odeint(lambda v, t: self.rhs(v, cond, t), y, times, rtol=rtol, atol=atol, mxstep=50000,
                            tcrit=[b], Dfun=lambda v, t: self.jacobian(v, cond, t))
            else:
                ys = solve_ivp(lambda t, v: self.rhs(v, cond, t), (a, b), y, method=self.solver, t_eval=times,
                               rtol=rtol, atol=atol).y.T
            ys = np.clip(ys, 0.0, ymax)
            out[inside] = ys[1:1 + len(inside)]
            y = ys[-1]
        return out

    def steady_state(self, perturbations: Perturbations, y0: np.ndarray | None = None,
                     tol: float = 1e-8, max_minutes: float = 2e4) -> np.ndarray:
        """The state the system settles to from y0 (integrates until every |dy/dt| < tol)."""
        from scipy.integrate import solve_ivp

        cond = self.conditions(perturbations)
        y = cond.apply_clamps(self.initial_state() if y0 is None else np.asarray(y0, dtype=float))
        span = 40.0 * float(self.compiled.tau.max())
        elapsed = 0.0
        while elapsed < max_minutes:
            sol = solve_ivp(lambda _t, v: self.rhs(v, cond), (0.0, span), y, method=self.solver,
                            rtol=1e-9, atol=1e-11)
            y = np.clip(sol.y[:, -1], 0.0, self.compiled.ymax)
            elapsed += span
            if np.max(np.abs(self.rhs(y, cond)), initial=0.0) < tol:
                break
            span *= 2
        return y

    def relax(self, perturbations: Perturbations, y0: np.ndarray | None = None, tol: float = 1e-8,
              max_minutes: float = 5000.0) -> np.ndarray:
        """Steady state by fixed-step RK4 plus a Newton polish (no SciPy import: cheap at start-up).

        The RK4 step is τmin, inside its stability region; accuracy along the way does not matter
        because the RK4 map has the same fixed points as the ODE. When τ spans more than STIFF_RATIO,
        ETD2RK steps of τmax/STIFF_RATIO (same fixed points, stable for stiff τ) are used instead.
        Once the residual max|dy/dt| is below NEWTON_START, Newton steps on dy/dt = 0 (finite-difference
        Jacobian) finish the slow modes (only up to DENSE_JACOBIAN_LIMIT species; larger pathways keep
        stepping). A Newton result is accepted only if it stays in bounds, meets ``tol`` and is a
        stable fixed point (every eigenvalue of the Jacobian of the free species has a negative real
        part): the flow could not settle on a saddle, so such a result is refused and stepping goes
        on. At most MAX_RELAX_BLOCKS blocks of 25 steps: bounded time for any file.
        """
        cond = self.conditions(perturbations)
        y = cond.apply_clamps(self.initial_state() if y0 is None else np.asarray(y0, dtype=float))
        c = self.compiled
        if c.tau_max > STIFF_RATIO * c.tau_min:
            h, advance = c.tau_max / STIFF_RATIO, self._etd2
        else:
            h, advance = c.tau_min, self._rk4
        elapsed = 0.0
        tries = 0
        for _ in range(MAX_RELAX_BLOCKS):
            if elapsed >= max_minutes:
                break
            for _ in range(25):
                y = advance(y, h, cond)
            elapsed += 25 * h
            residual = np.max(np.abs(self.rhs(y, cond)), initial=0.0)
            if residual < tol:
                break
            # A dense Jacobian above DENSE_JACOBIAN_LIMIT costs seconds and hundreds of MB; failed
            # tries are bounded too (NEWTON_TRIES), since each one costs up to six Jacobians.
            if residual < NEWTON_START and tries < NEWTON_TRIES and c.size <= DENSE_JACOBIAN_LIMIT:
                polished = self._newton(y, cond, tol)
                if polished is not None:
                    return polished
                tries += 1
        return y

    def verified_steady(self, y, cond: Conditions, tol: float = 1e-8) -> np.ndarray | None:
        """``y`` (clamped) if it is a stable steady state under ``cond`` — residual max|dy/dt| below
        ``tol`` and every eigenvalue of the free species' Jacobian negative — else None.

        For a state that comes from outside the flow (one remembered from an earlier start): values
        out of [0, ymax], of the wrong length or not numbers are refused, and so is a saddle.
        """
        try:
            y = np.asarray(y, dtype=float)
        except (TypeError, ValueError):
            return None
        ymax = self.compiled.ymax
        if y.shape != ymax.shape or not np.all(np.isfinite(y)) or np.any(y < 0.0) or np.any(y > ymax):
            return None
        y = cond.apply_clamps(y)
        if not np.max(np.abs(self.rhs(y, cond)), initial=0.0) < tol:
            return None
        free = np.flatnonzero(cond.free)
        return y if not len(free) or self._stable(y, cond, free) else None

    def _newton(self, y: np.ndarray, cond: Conditions, tol: float, iterations: int = 6) -> np.ndarray | None:
        free = np.flatnonzero(cond.free)
        if not len(free):
            return y
        ymax = self.compiled.ymax
        for _ in range(iterations):
            f = self.rhs(y, cond)[free]
            jac = self.jacobian(y, cond)[np.ix_(free, free)]
            try:
                step = np.linalg.solve(jac, -f)
            except np.linalg.LinAlgError:
                return None
            y = y.copy()
            y[free] += step
            if np.any(y < -1e-9) or np.any(y > ymax + 1e-9):
                return None
            y = np.clip(y, 0.0, ymax)
            if np.max(np.abs(self.rhs(y, cond))) < tol:
                return y if self._stable(y, cond, free) else None
        return None

    def _stable(self, y: np.ndarray, cond: Conditions, free: np.ndarray) -> bool:
        """True when every eigenvalue of the Jacobian (free species) at y has a negative real part."""
        jac = self.jacobian(y, cond)[np.ix_(free, free)]
        return bool(np.all(np.linalg.eigvals(jac).real < 0.0))

    def edge_flux(self, y: np.ndarray, cond: Conditions | None = None) -> np.ndarray:
        """Flux through each interaction: source activity (fraction of ymax) × edge weight.

        With ``cond`` the weights are those of its chosen variants (a re-weighted edge pulses at its
        new weight); without, the file's own weights.
        """
        c = self.compiled
        return (y[c.src] / c.ymax[c.src]) * (c.w if cond is None else cond.w)
