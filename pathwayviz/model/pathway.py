"""The typed pathway model: species, interactions, controls and readouts around a networkx graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

ACTIVATES = "activates"
INHIBITS = "inhibits"


@dataclass(frozen=True)
class Card:
    """The node card's three paragraphs: what the molecule is, what it does here, what is debated."""

    what: str = ""
    does: str = ""
    debate: str = ""


@dataclass(frozen=True)
class Badge:
    """A state badge drawn on a molecule's border, shown while ``species`` is active."""

    label: str
    species: str
    kind: str = "ptyr"  # ptyr | pser


@dataclass(frozen=True)
class Species:
    """One molecule or process: its drawing (position, compartment, clones), its dynamics (y0, ymax,
    τ, basal drive) and its card, references, badges, claims and identifiers."""

    id: str
    label: str
    kind: str
    compartment: str
    pos: tuple[float, float]
    y0: float = 0.0
    ymax: float = 1.0
    tau: float = 1.0
    synonyms: tuple[str, ...] = ()
    card: Card = Card()
    references: tuple[str, ...] = ()
    badges: tuple[Badge, ...] = ()
    hidden: bool = False  # drawn as a badge of another node rather than as a node of its own
    clones: tuple[tuple[float, float], ...] = ()  # extra drawn copies (SBGN clone markers) near distant targets
    basal: float = 0.0  # constitutive drive, a Netflux input reaction (=> A, weight basal), always on
    claims: tuple["Claim", ...] = ()  # what the card says about the model's behaviour, checked by a test
    # MIRIAM cross-references as (BioModels qualifier, compact identifier), e.g. ("is", "uniprot:P06213")
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Interaction:
    """One edge: ``source`` activates or inhibits ``target`` with weight w, Hill exponent n and EC50."""

    index: int
    source: str
    target: str
    effect: str  # activates | inhibits
    w: float = 1.0
    n: float = 1.4
    ec50: float = 0.5
    gate: str = "or"  # or | and ('and' inputs of one target with the same ``reaction`` form one AND term)
    note: str = ""
    reaction: str = ""  # the reaction this edge came from in an imported model (e.g. a Netflux reaction id)
    id: str = ""  # optional name, so variants can override this interaction's weight

    @property
    def inhibits(self) -> bool:
        return self.effect == INHIBITS


@dataclass(frozen=True)
class Compartment:
    """A drawn region of the diagram (cell, membrane, nucleus …) with its rectangle in scene units."""

    id: str
    label: str
    kind: str
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class InputControl:
    """An input the student sets (0–1), with its default, named presets and other names for it."""

    species: str
    label: str
    default: float = 0.0
    presets: tuple[tuple[str, float], ...] = ()
    aliases: tuple[str, ...] = ()  # other names that address this input, e.g. Netflux input-reaction ids


@dataclass(frozen=True)
class ToggleControl:
    """A serine-kinase switch: when on, drives ``species`` with the given intensity."""

    species: str
    label: str
    key: str = ""
    default_intensity: float = 0.8


@dataclass(frozen=True)
class Drug:
    """A drug that removes ``potency`` of its target's drive at dose 1."""

    id: str
    label: str
    target: str
    potency: float = 0.9  # fraction of the target's drive removed at dose 1
    note: str = ""


@dataclass(frozen=True)
class VariantOption:
    """One mechanism a variant can switch to: new weights for named interactions."""

    id: str
    label: str
    weights: tuple[tuple[str, float], ...] = ()  # interaction id -> w
    card: str = ""  # who argues for this mechanism, and on what evidence
    hill: tuple[tuple[str, float, float], ...] = ()  # (interaction id, EC50, Hill n): a steeper or more sensitive step


@dataclass(frozen=True)
class Variant:
    """A debated part of the model with switchable mechanisms (e.g. what drives liver lipogenesis)."""

    id: str
    label: str
    default: str
    options: tuple[VariantOption, ...] = ()

    def option(self, option_id: str) -> VariantOption:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(option_id)


@dataclass(frozen=True)
class Preset:
    """A named whole-model state (e.g. healthy, compensated, t2d): inputs, toggles, drugs and variants."""

    id: str
    label: str
    description: str = ""
    inputs: tuple[tuple[str, float], ...] = ()
    toggles: tuple[tuple[str, float], ...] = ()
    drugs: tuple[tuple[str, float], ...] = ()
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Claim:
    """One statement a card makes about the model, checked against the simulation.

    Starting from ``preset`` (default: the pathway's defaults) with ``variant`` ("NAME=OPTION", if
    given), doing ``action`` to ``subject`` (knockout | overexpress: hold a species at 0 | max; raise:
    an input or toggle to 1; drug: full dose) changes ``species`` at steady state as ``direction``
    says: raises | lowers (by more than ``by``, as a fraction of its maximum), keeps (it stays above
    ``by`` times its level before: a partial effect, not abolition) or unchanged (moves by less than
    ``by``).
    """

    action: str
    subject: str
    direction: str
    species: str
    preset: str = ""
    by: float = 0.02
    variant: str = ""

    def sentence(self) -> str:
        where = ", ".join(filter(None, (self.preset, self.variant)))
        return f"{self.action} {self.subject} {self.direction} {self.species}" + (f" ({where})" if where else "")


CLAIM_ACTIONS = ("knockout", "overexpress", "raise", "drug")
CLAIM_DIRECTIONS = ("raises", "lowers", "keeps", "unchanged")


@dataclass(frozen=True)
class Readout:
    """A species shown as a gauge and a time course, with the tissue it is measured in."""

    species: str
    label: str
    tissue: str = ""


@dataclass
class Pathway:
    """A loaded, validated pathway. ``graph`` has one node per species and one edge per interaction."""

    id: str
    title: str
    description: str
    species: dict[str, Species]
    interactions: list[Interaction]
    compartments: list[Compartment] = field(default_factory=list)
    inputs: list[InputControl] = field(default_factory=list)
    toggles: list[ToggleControl] = field(default_factory=list)
    drugs: list[Drug] = field(default_factory=list)
    readouts: list[Readout] = field(default_factory=list)
    references: dict[str, str] = field(default_factory=dict)
    source_file: str = ""
    time_unit: str = "min"  # imported models keep their own time units
    # What a reaction's Hill function reads from its source: "fraction" (y/ymax, PathwayViz) or
    # "level" (y itself, as Netflux does; the two differ only where ymax ≠ 1).
    hill_input: str = "fraction"
    variants: list[Variant] = field(default_factory=list)
    presets: list[Preset] = field(default_factory=list)
    # "auto" when the positions were computed (model/layout.py): the canvas then draws the edges
    # that run against the top-to-bottom flow as feedback, round the side. "" for a drawn layout.
    layout: str = ""

    def __post_init__(self) -> None:
        self._order = list(self.species)
        self._in: dict[str, list[Interaction]] = {sid: [] for sid in self.species}
        self._out: dict[str, list[Interaction]] = {sid: [] for sid in self.species}
        for it in self.interactions:
            self._out[it.source].append(it)
            self._in[it.target].append(it)

    @cached_property
    def graph(self):
        """The pathway as a networkx.MultiDiGraph (built on first use; networkx is slow to import)."""
        import networkx as nx

        graph = nx.MultiDiGraph()
        for sp in self.species.values():
            graph.add_node(sp.id, species=sp)
        for it in self.interactions:
            graph.add_edge(it.source, it.target, key=it.index, interaction=it)
        return graph

    @property
    def species_ids(self) -> list[str]:
        return self._order

    def index_of(self, species_id: str) -> int:
        return self._order.index(species_id)

    def upstream(self, species_id: str) -> list[Interaction]:
        return list(self._in[species_id])

    def downstream(self, species_id: str) -> list[Interaction]:
        return list(self._out[species_id])

    def input_ids(self) -> list[str]:
        return [c.species for c in self.inputs]

    def input_species(self, name: str) -> str | None:
        """The species an input is addressed by: its species id or one of its aliases."""
        for c in self.inputs:
            if name == c.species or name in c.aliases:
                return c.species
        return None

    def species_id(self, name: str) -> str | None:
        """A species id from its id or, when exactly one species has it, an exact synonym (e.g. a Netflux ID)."""
        if name in self.species:
            return name
        owners = [sp.id for sp in self.species.values() if name in sp.synonyms]
        return owners[0] if len(owners) == 1 else None

    def toggle_ids(self) -> list[str]:
        return [t.species for t in self.toggles]

    def drug(self, drug_id: str) -> Drug:
        for d in self.drugs:
            if d.id == drug_id:
                return d
        raise KeyError(drug_id)

    def variant(self, variant_id: str) -> Variant:
        for v in self.variants:
            if v.id == variant_id:
                return v
        raise KeyError(variant_id)

    def variants_acting_on(self, species_id: str) -> list[Variant]:
        """The variants whose options re-weight or re-shape an interaction into ``species_id``."""
        into = {it.id for it in self._in.get(species_id, ()) if it.id}
        return [v for v in self.variants
                if any(into & ({iid for iid, _ in o.weights} | {h[0] for h in o.hill}) for o in v.options)]

    def variant_weights(self, chosen: dict[str, str]) -> dict[int, float]:
        """Interaction index -> weight for the chosen variant options (the default where none is chosen)."""
        by_id = {it.id: it.index for it in self.interactions if it.id}
        weights: dict[int, float] = {}
        for variant in self.variants:
            for iid, w in variant.option(chosen.get(variant.id, variant.default)).weights:
                weights[by_id[iid]] = w
        return weights

    def variant_hill(self, chosen: dict[str, str]) -> dict[int, tuple[float, float]]:
        """Interaction index -> (EC50, n) that the chosen variant options set (none: the file's own)."""
        by_id = {it.id: it.index for it in self.interactions if it.id}
        hill: dict[int, tuple[float, float]] = {}
        for variant in self.variants:
            for iid, ec50, n in variant.option(chosen.get(variant.id, variant.default)).hill:
                hill[by_id[iid]] = (ec50, n)
        return hill

    def preset(self, preset_id: str) -> Preset:
        for p in self.presets:
            if p.id == preset_id:
                return p
        raise KeyError(preset_id)

    def find(self, text: str) -> list[str]:
        """Species ids whose id, label or synonym matches ``text`` (exact matches first)."""
        needle = _norm(text)
        if not needle:
            return []
        exact, partial = [], []
        for sp in self.species.values():
            names = [sp.id, sp.label, *sp.synonyms]
            normed = [_norm(n) for n in names]
            if needle in normed:
                exact.append(sp.id)
            elif any(needle in n for n in normed):
                partial.append(sp.id)
        return exact + partial


def _norm(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())
