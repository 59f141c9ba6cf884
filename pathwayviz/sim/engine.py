"""Logic-based normalized-Hill ODEs (Kraeutler, Soltis & Saucerman 2010, the Netflux formalism).

One variable per species, y in [0, ymax]. Per interaction, with x the source's activity:
  activation f(x) = w·B·xⁿ/(Kⁿ + xⁿ), B = (EC50ⁿ − 1)/(2·EC50ⁿ − 1), K = (B − 1)^(1/n), capped at w;
  inhibition w − f(x). Inputs of one target combine by OR, 1 − Π(1 − fᵢ), except those marked
  ``gate: and``, which form one AND term Π fᵢ per reaction (edges of one imported reaction share it). Input levels and serine-kinase toggles are further OR
  terms. dy/dt = (R·ymax − y)/τ. Drugs scale a target's R by (1 − dose·potency); knockouts,
  overexpression and fixed levels hold a species still.

Stepping (:meth:`Engine.step`, used by the animation): classical RK4 while the fastest τ allows
it in a few sub-steps; when a file has a much faster species (stiff τ), an exponential
Runge–Kutta step (ETD2RK, Cox & Matthews 2002, J Comput Phys 176:430) that solves the linear
relaxation −y/τ exactly. Each ETD2RK state is a convex combination of the old state and two
targets R·ymax, so it stays inside [0, ymax] for any step size and the work per frame is bounded.
"""

from __future__ import annotations

import math

import numpy as np

from ..model.pathway import Pathway
from .perturbations import Perturbations

# RK4 sub-steps are kept at ≤ τmin/4; when a step would need more than this many, the pathway is
# stiff for RK4 and the step switches to ETD2RK with this many sub-steps (bounded work per frame).
MAX_SUBSTEPS = 16
# Relaxation to steady state uses RK4 with h = τmin unless τmax/τmin exceeds this ratio; then
# ETD2RK with h = τmax/STIFF_RATIO, so the slowest species still moves in a bounded number of steps.
STIFF_RATIO = 100.0
MAX_RELAX_BLOCKS = 400


DENSE_JACOBIAN_LIMIT = 500  # species; see Engine.solver


class CompiledPathway:
    """Index arrays and parameters of a pathway laid out for vectorised evaluation."""

    def __init__(self, pathway: Pathway):
        self.pathway = pathway
        ids = pathway.species_ids
        self.ids = ids
        self.size = len(ids)
        index = {sid: i for i, sid in enumerate(ids)}
        self.index = index
        sp = [pathway.species[s] for s in ids]
        self.ymax = np.array([s.ymax for s in sp], dtype=float)
        self.tau = np.array([s.tau for s in sp], dtype=float)
        self.y0 = np.array([s.y0 for s in sp], dtype=float)

        inter = pathway.interactions
        self.n_edges = len(inter)
        self.src = np.array([index[i.source] for i in inter], dtype=np.intp)
        self.tgt = np.array([index[i.target] for i in inter], dtype=np.intp)
        self.w = np.array([i.w for i in inter], dtype=float)
        self.n = np.array([i.n for i in inter], dtype=float)
        ec50 = np.array([i.ec50 for i in inter], dtype=float)
        ec_n = ec50 ** self.n
        self.B = (1.0 - ec_n) / (1.0 - 2.0 * ec_n)
        # K**n = B − 1, written so it does not cancel to 0 when EC50^n is tiny (0.1^20): x^n/(K^n + x^n)
        # would then be 0/0 at x = 0.
        self.Kn = ec_n / (1.0 - 2.0 * ec_n)
        self.inhibits = np.array([i.inhibits for i in inter], dtype=bool)
        is_and = np.array([i.gate == "and" for i in inter], dtype=bool)

        # OR terms: every plain edge, plus one AND term per (target, reaction) that has 'and' edges.
        self.or_edges = np.flatnonzero(~is_and)
        and_edges = np.flatnonzero(is_and)
        reaction_codes: dict[str, int] = {}
        group = np.array([reaction_codes.setdefault(i.reaction, len(reaction_codes)) for i in inter], dtype=np.intp)
        and_order = and_edges[np.lexsort((group[and_edges], self.tgt[and_edges]))]
        self.and_edges = and_order
        if len(and_order):
            tg = self.tgt[and_order]
            gr = group[and_order]
            starts = np.flatnonzero(np.r_[True, (tg[1:] != tg[:-1]) | (gr[1:] != gr[:-1])])
            self.and_starts = starts
            self.and_targets = tg[starts]
        else:
            self.and_starts = np.zeros(0, dtype=np.intp)
            self.and_targets = np.zeros(0, dtype=np.intp)
        term_targets = np.r_[self.tgt[self.or_edges], self.and_targets].astype(np.intp)
        self.term_order = np.argsort(term_targets, kind="stable")
        sorted_targets = term_targets[self.term_order]
        if len(sorted_targets):
            self.term_starts = np.flatnonzero(np.r_[True, sorted_targets[1:] != sorted_targets[:-1]])
            self.term_targets = sorted_targets[self.term_starts]
        else:
            self.term_starts = np.zeros(0, dtype=np.intp)
            self.term_targets = np.zeros(0, dtype=np.intp)
        self._inv_ymax_src = (1.0 / self.ymax[self.src] if pathway.hill_input == "fraction"
                              else np.ones(len(self.src)))
        self._offset = np.where(self.inhibits, self.w, 0.0)
        self._signed_w = np.where(self.inhibits, -self.w, self.w)
        self._n_or = len(self.or_edges)
        self._n_and = len(self.and_targets)
        self._terms = np.zeros(self._n_or + self._n_and)
        self.tau_min = float(self.tau.min()) if self.size else 1.0
        self.tau_max = float(self.tau.max()) if self.size else 1.0

    def edge_values(self, y: np.ndarray) -> np.ndarray:
        """f of every interaction at state y (activation or inhibition, weighted)."""
        x = y[self.src] * self._inv_ymax_src
        np.maximum(x, 0.0, out=x)
        xn = x ** self.n
        act = self.B * xn / (self.Kn + xn)
        np.minimum(act, 1.0, out=act)
        # activation: w·act; inhibition: w − w·act
        return self._offset + self._signed_w * act

    def drive(self, y: np.ndarray, external: np.ndarray) -> np.ndarray:
        """R for every species: OR of edge terms, AND terms and the external (input/toggle) term."""
        f = self.edge_values(y)
        terms = self._terms
        terms[: self._n_or] = f[self.or_edges]
        if self._n_and:
            terms[self._n_or:] = np.multiply.reduceat(f[self.and_edges], self.and_starts)
        not_r = np.ones(self.size)
        if len(terms):
            not_r[self.term_targets] = np.multiply.reduceat(1.0 - terms[self.term_order], self.term_starts)
        return 1.0 - not_r * (1.0 - external)


class Conditions:
    """Perturbations turned into arrays the right-hand side uses directly."""

    def __init__(self, compiled: CompiledPathway, perturbations: Perturbations):
        c = compiled
        p = perturbations
        self.external = np.zeros(c.size)
        for sid, level in p.inputs.items():
            self.external[c.index[sid]] = level
        for sid, intensity in p.toggles.items():
            i = c.index[sid]
            self.external[i] = 1.0 - (1.0 - self.external[i]) * (1.0 - intensity)
        self.scale = np.ones(c.size)
        for did, dose in p.drugs.items():
            drug = c.pathway.drug(did)
            self.scale[c.index[drug.target]] *= 1.0 - dose * drug.potency
        clamped = [(c.index[s], p.clamp_of(s)) for s in c.ids if p.clamp_of(s) is not None]
        self.clamp_idx = np.array([i for i, _ in clamped], dtype=np.intp)
        self.clamp_val = np.array([v for _, v in clamped], dtype=float) * c.ymax[self.clamp_idx]
        self.free = np.ones(c.size, dtype=bool)
        self.free[self.clamp_idx] = False

    def apply_clamps(self, y: np.ndarray) -> np.ndarray:
        y = y.copy()
        y[self.clamp_idx] = self.clamp_val
        return y


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

    def conditions(self, perturbations: Perturbations) -> Conditions:
        perturbations.validate(self.pathway)
        return Conditions(self.compiled, perturbations)

    def initial_state(self, cond: Conditions | None = None) -> np.ndarray:
        y = self.compiled.y0.copy()
        return cond.apply_clamps(y) if cond is not None else y

    def rhs(self, y: np.ndarray, cond: Conditions) -> np.ndarray:
        c = self.compiled
        r = c.drive(y, cond.external) * cond.scale
        dy = (r * c.ymax - y) / c.tau
        dy[~cond.free] = 0.0
        return dy

    def step(self, y: np.ndarray, dt: float, cond: Conditions) -> np.ndarray:
        """Advance by dt minutes: RK4 sub-steps of ≤ τmin/4, or ETD2RK when that would take too many.

        At most MAX_SUBSTEPS sub-steps whatever the file's τ, and the result is always in [0, ymax].
        """
        if not dt > 0:
            return y
        needed = math.ceil(dt / (0.25 * self.compiled.tau_min))
        if needed <= MAX_SUBSTEPS:
            h = dt / needed
            for _ in range(needed):
                y = self._rk4(y, h, cond)
            return y
        h = dt / MAX_SUBSTEPS
        for _ in range(MAX_SUBSTEPS):
            y = self._etd2(y, h, cond)
        return y

    def _rk4(self, y: np.ndarray, h: float, cond: Conditions) -> np.ndarray:
        k1 = self.rhs(y, cond)
        k2 = self.rhs(y + 0.5 * h * k1, cond)
        k3 = self.rhs(y + 0.5 * h * k2, cond)
        k4 = self.rhs(y + h * k3, cond)
        return np.clip(y + (h / 6.0) * (k1 + 2 * k2 + 2 * k3 + k4), 0.0, self.compiled.ymax)

    def _target(self, y: np.ndarray, cond: Conditions) -> np.ndarray:
        """R·ymax: the level each species relaxes towards at state y (clamped species stay put)."""
        c = self.compiled
        target = c.drive(y, cond.external) * cond.scale * c.ymax
        target[~cond.free] = y[~cond.free]
        return target

    def _etd2(self, y: np.ndarray, h: float, cond: Conditions) -> np.ndarray:
        """One ETD2RK step of dy/dt = (T(y) − y)/τ, exact for the linear part.

        With z = h/τ, E = e^(−z) and φ = 1 − (1 − E)/z: a = T(y) + (y − T(y))·E, then
        y' = a + (T(a) − T(y))·φ. The weights of T(y), y and T(a) are 1 − E − φ, E and φ, all ≥ 0,
        so y' is a convex combination of values in [0, ymax].
        """
        z = h / self.compiled.tau
        one_minus_e = -np.expm1(-z)
        e = 1.0 - one_minus_e
        phi = 1.0 - one_minus_e / z
        t0 = self._target(y, cond)
        a = t0 + (y - t0) * e
        y_next = a + (self._target(a, cond) - t0) * phi
        return np.clip(y_next, 0.0, self.compiled.ymax)  # guards rounding only

    def timecourse(self, perturbations: Perturbations, minutes: float, samples: int | None = None,
                   y0: np.ndarray | None = None, rtol: float = 1e-6, atol: float = 1e-8):
        """Trajectory sampled at ``samples`` evenly spaced times (default one per minute).

        Uses SciPy (imported here, not at start-up): LSODA, which switches to BDF for stiff τ, or the
        method ``solver`` names for pathways of thousands of species.
        """
        from scipy.integrate import odeint

        cond = self.conditions(perturbations)
        y_start = cond.apply_clamps(self.initial_state() if y0 is None else np.asarray(y0, dtype=float))
        if samples is None:
            samples = int(round(minutes)) + 1
        t_eval = np.linspace(0.0, minutes, max(samples, 2))
        if minutes <= 0:
            return t_eval[:1], y_start[None, :]
        if self.solver == "LSODA":
            # odeint drives LSODA from compiled code: about half the cost of solve_ivp's Python loop.
            ys = odeint(lambda y, _t: self.rhs(y, cond), y_start, t_eval, rtol=rtol, atol=atol, mxstep=50000)
            return t_eval, np.clip(ys, 0.0, self.compiled.ymax)
        from scipy.integrate import solve_ivp

        sol = solve_ivp(lambda _t, y: self.rhs(y, cond), (0.0, minutes), y_start, method=self.solver,
                        t_eval=t_eval, rtol=rtol, atol=atol)
        return sol.t, np.clip(sol.y.T, 0.0, self.compiled.ymax)

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
        Once the state is close, Newton steps on dy/dt = 0 (finite-difference Jacobian) finish the
        slow modes; a Newton result is only accepted if it stays in bounds and really has a smaller
        residual. At most MAX_RELAX_BLOCKS blocks of 25 steps: bounded time for any file.
        """
        cond = self.conditions(perturbations)
        y = cond.apply_clamps(self.initial_state() if y0 is None else np.asarray(y0, dtype=float))
        c = self.compiled
        if c.tau_max > STIFF_RATIO * c.tau_min:
            h, advance = c.tau_max / STIFF_RATIO, self._etd2
        else:
            h, advance = c.tau_min, self._rk4
        elapsed = 0.0
        for _ in range(MAX_RELAX_BLOCKS):
            if elapsed >= max_minutes:
                break
            for _ in range(25):
                y = advance(y, h, cond)
            elapsed += 25 * h
            residual = np.max(np.abs(self.rhs(y, cond)), initial=0.0)
            if residual < tol:
                break
            if residual < 1e-3:
                polished = self._newton(y, cond, tol)
                if polished is not None:
                    return polished
        return y

    def _newton(self, y: np.ndarray, cond: Conditions, tol: float, iterations: int = 6) -> np.ndarray | None:
        free = np.flatnonzero(cond.free)
        if not len(free):
            return y
        ymax = self.compiled.ymax
        for _ in range(iterations):
            f = self.rhs(y, cond)[free]
            eps = 1e-7
            jac = np.empty((len(free), len(free)))
            for j, k in enumerate(free):
                yp = y.copy()
                yp[k] += eps
                jac[:, j] = (self.rhs(yp, cond)[free] - f) / eps
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
                return y
        return None

    def edge_flux(self, y: np.ndarray) -> np.ndarray:
        """Flux through each interaction: source activity (fraction of ymax) × edge weight."""
        c = self.compiled
        return (y[c.src] / c.ymax[c.src]) * c.w
