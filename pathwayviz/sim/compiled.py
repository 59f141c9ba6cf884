"""A pathway and its perturbations laid out as arrays for the right-hand side (see ``engine``).

:class:`CompiledPathway` holds the index arrays and parameters of one pathway file and evaluates
the normalized-Hill drive R of every species in one vectorised call (a 2-D state gives one row
per state); :class:`Conditions` turns one set of perturbations (inputs, toggles, drugs, clamps,
variants, an optional schedule) into the arrays that drive uses. The formalism is in the
docstring of :mod:`pathwayviz.sim.engine`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..model.pathway import Pathway
from .perturbations import Perturbations

if TYPE_CHECKING:   # schedules are built only when a scenario runs
    from .schedule import Schedule


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
        self.basal = np.array([s.basal for s in sp], dtype=float)
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
        self._unit_ymax = bool(np.all(self.ymax == 1.0)) and pathway.hill_input == "fraction"
        self.inv_tau = 1.0 / self.tau
        self.tau_min = float(self.tau.min()) if self.size else 1.0
        self.tau_max = float(self.tau.max()) if self.size else 1.0

    def weighted(self, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The (offset, signed weight) pair edge_values uses, for interaction weights w."""
        return np.where(self.inhibits, w, 0.0), np.where(self.inhibits, -w, w)

    def hill(self, overrides: dict[int, tuple[float, float]]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(n, B, Kⁿ) with some interactions' EC50 and n replaced (a variant's Hill steps); None when none are."""
        if not overrides:
            return None
        n, ec50 = self.n.copy(), np.array([i.ec50 for i in self.pathway.interactions], dtype=float)
        for index, (e, hill_n) in overrides.items():
            ec50[index], n[index] = e, hill_n
        ec_n = ec50 ** n
        return n, (1.0 - ec_n) / (1.0 - 2.0 * ec_n), ec_n / (1.0 - 2.0 * ec_n)

    def edge_values(self, y: np.ndarray, weights: tuple[np.ndarray, np.ndarray] | None = None,
                    hill: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """f of every interaction at state y, or at each row of a 2-D y (activation or inhibition, weighted)."""
        x = y[self.src] if y.ndim == 1 else y[:, self.src]  # (fancy indexing: a copy)
        if not self._unit_ymax:
            x *= self._inv_ymax_src
        np.maximum(x, 0.0, out=x)
        n, B, Kn = hill if hill is not None else (self.n, self.B, self.Kn)
        xn = x ** n
        act = B * xn / (Kn + xn)
        np.minimum(act, 1.0, out=act)
        # activation: w·act; inhibition: w − w·act
        offset, signed_w = weights if weights is not None else (self._offset, self._signed_w)
        return offset + signed_w * act

    def drive(self, y: np.ndarray, external: np.ndarray,
              weights: tuple[np.ndarray, np.ndarray] | None = None,
              hill: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """R for every species: OR of edge terms, AND terms and the external (input/toggle/basal) term.

        A 2-D y (one state per row) gives one row of R per state, in one vectorised evaluation.
        """
        f = self.edge_values(y, weights, hill)
        if y.ndim == 2:
            return self._drive_rows(f, external)
        terms = self._terms
        terms[: self._n_or] = f[self.or_edges]
        if self._n_and:
            terms[self._n_or:] = np.multiply.reduceat(f[self.and_edges], self.and_starts)
        not_r = np.ones(self.size)
        if len(terms):
            not_r[self.term_targets] = np.multiply.reduceat(1.0 - terms[self.term_order], self.term_starts)
        return 1.0 - not_r * (1.0 - external)

    def _drive_rows(self, f: np.ndarray, external: np.ndarray) -> np.ndarray:
        """drive for a batch of states, f holding one row of edge values per state (kept apart from the
        single-state path, which Ellipsis indexing would slow by a third)."""
        terms = np.empty((len(f), len(self._terms)))
        terms[:, : self._n_or] = f[:, self.or_edges]
        if self._n_and:
            terms[:, self._n_or:] = np.multiply.reduceat(f[:, self.and_edges], self.and_starts, axis=1)
        not_r = np.ones((len(f), self.size))
        if terms.shape[1]:
            not_r[:, self.term_targets] = np.multiply.reduceat(1.0 - terms[:, self.term_order], self.term_starts,
                                                               axis=1)
        return 1.0 - not_r * (1.0 - external)


class Conditions:
    """Perturbations turned into arrays the right-hand side uses directly."""

    def __init__(self, compiled: CompiledPathway, perturbations: Perturbations, schedule: Schedule | None = None):
        c = compiled
        p = perturbations
        self.external = c.basal.copy()
        for sid, level in p.inputs.items():
            i = c.index[sid]
            self.external[i] = 1.0 - (1.0 - self.external[i]) * (1.0 - level)
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
        self.scaled_ymax = self.scale * c.ymax  # R·scale·ymax is what each species relaxes to
        self.free = np.ones(c.size, dtype=bool)
        self.free[self.clamp_idx] = False
        self.w = c.w.copy()
        for index, w in c.pathway.variant_weights(p.variants).items():
            self.w[index] = w
        self.weights = c.weighted(self.w)
        self.hill = c.hill(c.pathway.variant_hill(p.variants))
        # Time-varying inputs: their external term is basal OR toggle OR level(t), evaluated per call.
        self.schedule = schedule
        if schedule is not None:
            idx = schedule.indices
            floor = c.basal[idx].copy()
            for k, i in enumerate(idx):
                sid = c.ids[i]
                if sid in p.toggles:
                    floor[k] = 1.0 - (1.0 - floor[k]) * (1.0 - p.toggles[sid])
            self._scheduled, self._not_floor = idx, 1.0 - floor

    def external_at(self, t: float) -> np.ndarray:
        """The external (input, toggle, basal) term of every species at time t."""
        if self.schedule is None:
            return self.external
        external = self.external.copy()
        external[self._scheduled] = 1.0 - self._not_floor * (1.0 - self.schedule.levels(t))
        return external

    def apply_clamps(self, y: np.ndarray) -> np.ndarray:
        y = y.copy()
        y[self.clamp_idx] = self.clamp_val
        return y
