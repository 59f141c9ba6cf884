"""The typed pathway model: species, interactions, controls and readouts around a networkx graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

ACTIVATES = "activates"
INHIBITS = "inhibits"


@dataclass(frozen=True)
class Card:
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
    # MIRIAM cross-references as (BioModels qualifier, compact identifier), e.g. ("is", "uniprot:P06213")
    identifiers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Interaction:
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

    @property
    def inhibits(self) -> bool:
        return self.effect == INHIBITS


@dataclass(frozen=True)
class Compartment:
    id: str
    label: str
    kind: str
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class InputControl:
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
    id: str
    label: str
    target: str
    potency: float = 0.9  # fraction of the target's drive removed at dose 1
    note: str = ""


@dataclass(frozen=True)
class Readout:
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
