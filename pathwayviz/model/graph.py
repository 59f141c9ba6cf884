"""Questions asked of the pathway's graph: who acts on a molecule, how the signal reaches it, which
feedback loops it sits in. Qt-free; computed on ``Pathway.graph`` (a networkx MultiDiGraph).
"""

from __future__ import annotations

from dataclasses import dataclass

from .pathway import Interaction, Pathway

#: Loops longer than this are not what a lecturer means by a feedback loop (and would be costly to
#: enumerate in large imported models).
MAX_LOOP_LENGTH = 8
MAX_LOOPS = 12


@dataclass(frozen=True)
class Link:
    """One neighbour of a species: who it is and whether it activates or inhibits."""

    species: str
    inhibits: bool


@dataclass(frozen=True)
class SignalTrace:
    """Every species and interaction on a shortest route from ``source`` to ``target``."""

    source: str
    target: str
    species: tuple[str, ...]        # in the pathway's order
    interactions: tuple[int, ...]   # interaction indices

    def __bool__(self) -> bool:
        return bool(self.species)


@dataclass(frozen=True)
class FeedbackLoop:
    """A cycle of interactions, starting and ending at the species it was asked about."""

    species: tuple[str, ...]   # the loop in signal order, from the species round to the one before it
    inhibitions: int           # how many of its interactions inhibit

    @property
    def negative(self) -> bool:
        """An odd number of inhibitions: the loop damps its own start (negative feedback)."""
        return self.inhibitions % 2 == 1


def regulators(pathway: Pathway, species_id: str) -> list[Link]:
    """Species acting on ``species_id``, once per species and sign, in interaction order."""
    edges = sorted(pathway.graph.in_edges(species_id, data="interaction"), key=lambda e: e[2].index)
    return _unique(Link(source, it.inhibits) for source, _, it in edges)


def targets(pathway: Pathway, species_id: str) -> list[Link]:
    """Species that ``species_id`` acts on, once per species and sign, in interaction order."""
    edges = sorted(pathway.graph.out_edges(species_id, data="interaction"), key=lambda e: e[2].index)
    return _unique(Link(target, it.inhibits) for _, target, it in edges)


def signal_source(pathway: Pathway) -> str | None:
    """Where the signal starts: insulin if the pathway has it, else its first input control."""
    if "insulin" in pathway.species:
        return "insulin"
    return pathway.inputs[0].species if pathway.inputs else None


def trace_signal(pathway: Pathway, target: str, source: str | None = None) -> SignalTrace:
    """The species and interactions on every shortest route from ``source`` (insulin) to ``target``.

    Empty when the target cannot be reached. The source itself traces to just itself.
    """
    import networkx as nx

    source = source or signal_source(pathway)
    if source is None or source not in pathway.species or target not in pathway.species:
        return SignalTrace(source or "", target, (), ())
    graph = pathway.graph
    if not nx.has_path(graph, source, target):
        return SignalTrace(source, target, (), ())
    on_route: set[str] = set()
    steps: set[tuple[str, str]] = set()
    for path in nx.all_shortest_paths(graph, source, target):
        on_route.update(path)
        steps.update(zip(path, path[1:]))
    interactions = sorted(it.index for a, b in steps for it in _between(pathway, a, b))
    return SignalTrace(source, target, tuple(s for s in pathway.species_ids if s in on_route), tuple(interactions))


def feedback_loops(pathway: Pathway, species_id: str) -> list[FeedbackLoop]:
    """The feedback loops through ``species_id`` (cycles up to MAX_LOOP_LENGTH), shortest first."""
    import networkx as nx

    graph = pathway.graph
    if species_id not in graph:
        return []
    # Only the strongly connected part around the species can hold a loop through it.
    component = next(c for c in nx.strongly_connected_components(graph) if species_id in c)
    if len(component) < 2 and not graph.has_edge(species_id, species_id):
        return []
    simple = nx.DiGraph(graph.subgraph(component))
    loops = []
    for cycle in nx.simple_cycles(simple, length_bound=MAX_LOOP_LENGTH):
        if species_id not in cycle:
            continue
        k = cycle.index(species_id)
        cycle = cycle[k:] + cycle[:k]
        steps = zip(cycle, cycle[1:] + cycle[:1])
        inhibitions = sum(1 for a, b in steps if _between(pathway, a, b)[0].inhibits)
        loops.append(FeedbackLoop(tuple(cycle), inhibitions))
    loops.sort(key=lambda loop: (len(loop.species), loop.species))
    return loops[:MAX_LOOPS]


def _between(pathway: Pathway, source: str, target: str) -> list[Interaction]:
    """The interactions from ``source`` to ``target``, in interaction order."""
    edges = pathway.graph.get_edge_data(source, target) or {}
    return sorted((data["interaction"] for data in edges.values()), key=lambda it: it.index)


def _unique(links) -> list[Link]:
    seen: dict[Link, None] = {}
    for link in links:
        seen.setdefault(link)
    return list(seen)
