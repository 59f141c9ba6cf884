"""The state in words: one plain-language sentence comparing the current state with healthy.

Used as alt text on exported slides, read out by screen readers and shown on a key, e.g.
"JNK, IKKβ and PKC on: Akt −66 %, GLUT4 −71 %, ERK −4 %; hepatic glucose output +40 %".
Every number is computed from the two simulation states handed in, never written by hand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.pathway import Pathway
from .perturbations import Perturbations, describe_changes

MINUS = "\u2212"
SIGNIFICANT_PERCENT = 1.0   # changes smaller than this are "unchanged"
OFF_LEVEL = 0.02            # below this fraction of ymax a healthy species counts as off
MAX_SIGNALLING = 4          # how many signalling changes (one per chain of changes) the sentence names


@dataclass(frozen=True)
class Change:
    """One species' activity now and in the healthy reference (fractions of its ymax)."""

    species: str
    label: str
    current: float
    healthy: float

    @property
    def percent(self) -> float | None:
        """Relative change in %, or None when the healthy level is (near) zero."""
        if self.healthy < OFF_LEVEL:
            return None
        return (self.current - self.healthy) / self.healthy * 100.0

    @property
    def significant(self) -> bool:
        pct = self.percent
        if pct is None:
            return abs(self.current - self.healthy) >= OFF_LEVEL
        return abs(pct) >= SIGNIFICANT_PERCENT

    def words(self, label: str | None = None) -> str:
        name = self.label if label is None else label
        pct = self.percent
        if pct is None:
            return f"{name} {self.healthy:.2f} → {self.current:.2f}"
        rounded = round(pct)
        sign = "+" if rounded > 0 else (MINUS if rounded < 0 else "±")
        return f"{name} {sign}{abs(rounded)} %"


@dataclass(frozen=True)
class StateDescription:
    """What is done to the pathway, the largest signalling changes and the readout changes."""

    causes: tuple[str, ...]
    signalling: tuple[Change, ...]
    readouts: tuple[tuple[str, Change], ...]  # (readout label, change)

    @property
    def text(self) -> str:
        cause = _join(self.causes) if self.causes else "Healthy reference conditions"
        shown = [c.words() for c in self.signalling]
        outputs = [change.words(_lower_first(label)) for label, change in self.readouts]
        if not shown and not outputs:
            return f"{cause}: no change from healthy."
        body = ", ".join(shown)
        if outputs:
            body = f"{body}; {', '.join(outputs)}" if body else ", ".join(outputs)
        return f"{cause}: {body}"


def describe_state(pathway: Pathway, perturbations: Perturbations, state: np.ndarray,
                   healthy: np.ndarray) -> StateDescription:
    """Describe ``state`` against ``healthy`` (both in the pathway's species order, absolute units)."""
    ids = pathway.species_ids
    ymax = np.array([pathway.species[s].ymax for s in ids], dtype=float)
    now = np.asarray(state, dtype=float) / ymax
    ref = np.asarray(healthy, dtype=float) / ymax
    index = {sid: i for i, sid in enumerate(ids)}

    def change(sid: str) -> Change:
        i = index[sid]
        return Change(sid, pathway.species[sid].label, float(now[i]), float(ref[i]))

    readout_ids = {r.species for r in pathway.readouts}
    acted_on = _acted_on(pathway, perturbations)
    badge_only = {b.species for sp in pathway.species.values() for b in sp.badges if b.species != sp.id}
    skip = readout_ids | acted_on | badge_only | set(pathway.input_ids())
    changed = {sid: c for sid in ids if sid not in skip and not pathway.species[sid].hidden
               and (c := change(sid)).significant}
    signalling = _one_per_chain(pathway, changed)[:MAX_SIGNALLING]
    readouts = tuple((r.label, change(r.species)) for r in pathway.readouts
                     if r.species not in acted_on and change(r.species).significant)
    return StateDescription(_causes(pathway, perturbations), tuple(signalling), readouts)


def _one_per_chain(pathway: Pathway, changed: dict[str, Change]) -> list[Change]:
    """The largest change of each chain, biggest first.

    A chain is a run of changed species joined by interactions whose sign the changes agree with
    (an activation with both going the same way, an inhibition with them going opposite ways):
    naming Akt says what PDK1, AS160 and FOXO1 did too, so the sentence stays short and true.
    """
    parent = {sid: sid for sid in changed}

    def root(sid: str) -> str:
        while parent[sid] != sid:
            parent[sid] = parent[parent[sid]]
            sid = parent[sid]
        return sid

    for it in pathway.interactions:
        a, b = changed.get(it.source), changed.get(it.target)
        if a is None or b is None:
            continue
        same_way = (a.current > a.healthy) == (b.current > b.healthy)
        if same_way != it.inhibits:
            parent[root(it.source)] = root(it.target)
    best: dict[str, Change] = {}
    for sid, c in changed.items():
        r = root(sid)
        if r not in best or _magnitude(c) > _magnitude(best[r]):
            best[r] = c
    return sorted(best.values(), key=_magnitude, reverse=True)


def _magnitude(c: Change) -> float:
    return abs(c.current - c.healthy)


def _acted_on(pathway: Pathway, p: Perturbations) -> set[str]:
    # Drug targets are left out: a drug lowers its target's activity, which the sentence reports.
    return {c.species for c in describe_changes(pathway, p) if c.kind in ("toggle", "knockout", "overexpress", "fixed")}


def _causes(pathway: Pathway, p: Perturbations) -> tuple[str, ...]:
    changes = describe_changes(pathway, p)
    toggles = [c.name for c in changes if c.kind == "toggle"]
    causes = [f"{_join(toggles)} on"] if toggles else []
    return tuple(causes + [c.short for c in changes if c.kind != "toggle"])


def _join(parts: list[str] | tuple[str, ...]) -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _lower_first(text: str) -> str:
    # "Hepatic glucose output" reads as a clause after the semicolon; keep acronyms ("LH") intact.
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text
