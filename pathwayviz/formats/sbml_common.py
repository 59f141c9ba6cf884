"""What the SBML, SBML-qual, SBGN and OMEX exporters share: the error, the optional-library
import, XHTML notes, SBO terms and MIRIAM annotations of species, and the held species of an export.
"""

from __future__ import annotations

import html
import importlib
from dataclasses import dataclass

from ..model.pathway import Pathway, Species
from ..sim.perturbations import Perturbations

IDENTIFIERS_ORG = "https://identifiers.org/"
DEFAULT_COMPARTMENT = "default_compartment"

# SBO terms (Systems Biology Ontology)
SBO_CONTINUOUS_FRAMEWORK = 62
SBO_PHYSICAL_COMPARTMENT = 290
SBO_MATERIAL_ENTITY = 240
SBO_SIMPLE_CHEMICAL = 247
SBO_POLYPEPTIDE_CHAIN = 252
SBO_PROTEIN_COMPLEX = 297
SBO_PERTURBING_AGENT = 405
SBO_PARAMETER = 2           # quantitative systems description parameter
SBO_HILL_COEFFICIENT = 190
SBO_MATHEMATICAL_EXPRESSION = 64
SBO_RATE_LAW = 1

QUALIFIERS = {"is": "BQB_IS", "isVersionOf": "BQB_IS_VERSION_OF", "hasVersion": "BQB_HAS_VERSION",
              "hasPart": "BQB_HAS_PART"}

class ModelExportError(Exception):
    """The model cannot be written: a missing library or something the format cannot express."""


def require(module: str, extra: str):
    """Import an optional library, or raise ModelExportError saying which extra to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ModelExportError(f"this export needs the Python package '{module}', which is not installed; "
                               f"install it with: pip install 'pathwayviz[{extra}]'") from None


def xhtml_notes(paragraphs: list[tuple[str, str]]) -> str:
    """An XHTML notes body from (heading, text) pairs; empty texts are left out."""
    parts = [f"<p><b>{html.escape(head)}</b> {html.escape(text)}</p>" if head else f"<p>{html.escape(text)}</p>"
             for head, text in paragraphs if text]
    return f'<body xmlns="http://www.w3.org/1999/xhtml">{"".join(parts)}</body>'


def species_sbo(species: Species) -> int:
    """An SBO material-entity term from the species' identifiers (or its kind when it has none).

    Processes and readouts (GO terms) get the generic material entity: SBML species must be one.
    """
    schemes = {ident.split(":", 1)[0] for _, ident in species.identifiers}
    proteins = [ident for q, ident in species.identifiers if ident.startswith("uniprot:")]
    if "uniprot" in schemes:
        parts = [q for q, ident in species.identifiers if q == "hasPart" and ident.startswith("uniprot:")]
        return SBO_PROTEIN_COMPLEX if len(parts) >= 2 and len(parts) == len(proteins) else SBO_POLYPEPTIDE_CHAIN
    if "CHEBI" in schemes:
        return SBO_SIMPLE_CHEMICAL
    if species.kind in ("input", "stimulus"):
        return SBO_PERTURBING_AGENT
    return SBO_MATERIAL_ENTITY


def identifier_uri(compact: str) -> str:
    """``uniprot:P06213`` → ``https://identifiers.org/uniprot:P06213``."""
    return IDENTIFIERS_ORG + compact


@dataclass(frozen=True)
class Held:
    """A species held still by a knockout, overexpression or fixed level."""

    species: str
    level: float   # fraction of ymax
    active: bool   # held in the exported perturbations (False: a switch a protocol may turn on)


def held_species(pathway: Pathway, perturbations: Perturbations, also_switchable: set[str] = frozenset()
                 ) -> list[Held]:
    """The held species of ``perturbations``, plus inactive switches for ``also_switchable``."""
    held = []
    for sid in pathway.species_ids:
        level = perturbations.clamp_of(sid)
        if level is not None:
            held.append(Held(sid, float(level), True))
        elif sid in also_switchable:
            held.append(Held(sid, 0.0, False))
    return held


def annotate(lib, element, identifiers: tuple[tuple[str, str], ...]) -> None:
    """MIRIAM annotations (one CVTerm per qualifier) on an SBML element; gives it a metaid."""
    if not identifiers:
        return
    element.setMetaId(f"meta_{element.getId()}")
    by_qualifier: dict[str, list[str]] = {}
    for qualifier, ident in identifiers:
        by_qualifier.setdefault(qualifier, []).append(ident)
    for qualifier, idents in by_qualifier.items():
        term = lib.CVTerm(lib.BIOLOGICAL_QUALIFIER)
        term.setBiologicalQualifierType(getattr(lib, QUALIFIERS[qualifier]))
        for ident in idents:
            term.addResource(identifier_uri(ident))
        if element.addCVTerm(term) != lib.LIBSBML_OPERATION_SUCCESS:
            raise ModelExportError(f"could not annotate '{element.getId()}' with {', '.join(idents)}")


def describe_perturbations(perturbations: Perturbations, held: list[Held] = ()) -> str:
    """One line naming the inputs, toggles, drugs and held species of an export."""
    p = perturbations
    parts = [f"inputs {', '.join(f'{k}={v:g}' for k, v in sorted(p.inputs.items()))}" if p.inputs else "no inputs"]
    if p.toggles:
        parts.append(f"toggles {', '.join(f'{k}={v:g}' for k, v in sorted(p.toggles.items()))}")
    if p.drugs:
        parts.append(f"drugs {', '.join(f'{k}={v:g}' for k, v in sorted(p.drugs.items()))}")
    active = [h for h in held if h.active]
    if active:
        parts.append(f"held {', '.join(f'{h.species}={h.level:g}' for h in active)}")
    return "; ".join(parts) + "."
