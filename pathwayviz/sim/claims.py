"""Checking what a card says about the model against the simulation (each species' ``claims:``).

A claim starts from a preset (or the defaults) with an optional variant, does one thing (knock out,
overexpress, raise an input or toggle to 1, give a drug at full dose) and says what happens at steady
state: ``raises`` / ``lowers`` (by more than ``by``), ``keeps`` (it stays above ``by`` times its level
before: a partial effect, not abolition) or ``unchanged`` (moves by less than ``by``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.pathway import Claim, Pathway
from .engine import Engine
from .perturbations import Perturbations


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    species: str  # the card that makes it
    before: float
    after: float
    holds: bool

    def describe(self) -> str:
        return (f"{self.species} card: '{self.claim.sentence()}' — {self.claim.species} {self.before:.3f} → "
                f"{self.after:.3f} ({'holds' if self.holds else 'does NOT hold'})")


def starting_point(pathway: Pathway, claim: Claim) -> Perturbations:
    pert = (Perturbations.from_preset(pathway, claim.preset) if claim.preset else Perturbations.defaults(pathway))
    if claim.variant:
        name, _, option = claim.variant.partition("=")
        pert.variants[name] = option
    return pert


def acted(pathway: Pathway, pert: Perturbations, claim: Claim) -> Perturbations:
    after = pert.copy()
    if claim.action == "knockout":
        after.restore(claim.subject)
        after.knockouts.add(claim.subject)
    elif claim.action == "overexpress":
        after.restore(claim.subject)
        after.overexpress.add(claim.subject)
    elif claim.action == "drug":
        after.drugs[claim.subject] = 1.0
    elif claim.subject in pathway.toggle_ids():
        after.toggles[claim.subject] = 1.0
    else:
        after.inputs[claim.subject] = 1.0
    return after


def check_claim(engine: Engine, species: str, claim: Claim) -> ClaimResult:
    pathway = engine.pathway
    pert = starting_point(pathway, claim)
    i = engine.compiled.index[claim.species]
    ymax = engine.compiled.ymax[i]
    before = float(engine.steady_state(pert)[i]) / ymax
    after = float(engine.steady_state(acted(pathway, pert, claim))[i]) / ymax
    holds = {"raises": after - before > claim.by, "lowers": before - after > claim.by,
             "keeps": before > 0.01 and after >= claim.by * before,
             "unchanged": abs(after - before) < claim.by}[claim.direction]
    return ClaimResult(claim, species, before, after, holds)


def all_claims(pathway: Pathway) -> list[tuple[str, Claim]]:
    """(species whose card says it, claim) for every claim in the pathway, in species order."""
    return [(sid, c) for sid in pathway.species_ids for c in pathway.species[sid].claims]
