"""Automatic layout for pathways without positions: signal flows top to bottom.

A layered (Sugiyama-style) drawing on the pathway's graph, without Qt:
1. layers: the condensation of the graph (each feedback loop one node) gives the order between
   loops; inside a loop, a greedy minimum-feedback order (Eades, Lin & Smyth 1993; by distance
   from where the signal enters in very large loops); longest-path layering over the edges that point forward in that order; sinks (outputs) go to
   the bottom layer. Edges that point up or sideways are the feedback edges.
2. crossings: barycentre sweeps down and up reorder each layer; ties keep file order (deterministic).
3. coordinates: very wide layers wrap into several rows, and rows are spaced, so the drawing comes
   closest to 16:9 (``_shape``); node boxes are estimated from the label's
   character count at the projector font, so neither theme overlaps; compartments (when species
   name them) become side-by-side columns, each drawn as a rectangle around its species.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .pathway import Compartment, Pathway

# Node box estimate at the projector theme's 24 px bold font (the canvas measures the real one).
FONT_PX = 24.0
CHAR_PX = 0.62 * FONT_PX
MAX_LINE_PX = 8.5 * FONT_PX
PAD_PX = 0.7 * FONT_PX
LINE_PX = 1.25 * FONT_PX
H_GAP = 36.0
V_GAP = 96.0
MIN_V_GAP = 56.0
ASPECT = 16 / 9
COLUMN_GAP = 70.0
COMPARTMENT_MARGIN = 28.0
COMPARTMENT_TITLE = 40.0
SWEEPS = 4
LARGE_LOOP = 300  # members; larger loops are ordered by distance (see _acyclic_order)


@dataclass(frozen=True)
class Layout:
    """Where every visible species goes, the compartment rectangles and which edges feed back."""

    positions: dict[str, tuple[float, float]]
    sizes: dict[str, tuple[float, float]]
    layers: dict[str, int]
    compartments: list[Compartment]
    feedback: frozenset[int]  # interaction indices whose target is not below their source


def node_size(label: str) -> tuple[float, float]:
    """Estimated width and height of a molecule drawn with ``label`` (wraps like the canvas, at spaces)."""
    one_line = len(label) * CHAR_PX
    lines, text_w = 1, one_line
    words = label.split()
    if one_line > MAX_LINE_PX and len(words) > 1:
        best = min((max(len(" ".join(words[:k])), len(" ".join(words[k:]))), k) for k in range(1, len(words)))
        lines, text_w = 2, best[0] * CHAR_PX
    return max(text_w + 2 * PAD_PX, 4.2 * FONT_PX), LINE_PX * lines + PAD_PX * 1.1


def needs_layout(pathway: Pathway) -> bool:
    """True when no drawn species has a position (an imported model, or a YAML file without ``pos``)."""
    return all(sp.pos == (0.0, 0.0) for sp in pathway.species.values() if not sp.hidden)


def with_layout(pathway: Pathway) -> Pathway:
    """The same pathway with every species placed and compartments drawn around their species."""
    lay = compute_layout(pathway)
    species = {sid: replace(sp, pos=lay.positions.get(sid, sp.pos)) for sid, sp in pathway.species.items()}
    return replace(pathway, species=species, compartments=lay.compartments or pathway.compartments, layout="auto")


def compute_layout(pathway: Pathway) -> Layout:
    import networkx as nx

    ids = [sid for sid, sp in pathway.species.items() if not sp.hidden]
    order = {sid: i for i, sid in enumerate(ids)}
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    for it in pathway.interactions:
        if it.source in order and it.target in order and it.source != it.target:
            graph.add_edge(it.source, it.target)
    layer = _layers(graph, order, set(pathway.input_ids()))
    rows = _order_layers(graph, layer, order, pathway)
    sizes = {sid: node_size(pathway.species[sid].label) for sid in ids}
    per_row, v_gap = _shape(rows, sizes)
    positions, compartments = _coordinates(rows, sizes, pathway, per_row, v_gap)
    feedback = frozenset(it.index for it in pathway.interactions
                         if it.source in layer and it.target in layer and layer[it.target] <= layer[it.source])
    return Layout(positions, sizes, layer, compartments, feedback)


def _layers(graph, order: dict[str, int], inputs: set[str]) -> dict[str, int]:
    import networkx as nx

    cond = nx.condensation(graph)
    members = cond.graph["mapping"]  # species -> component
    comp_nodes: dict[int, list[str]] = {}
    for sid in sorted(members, key=order.__getitem__):
        comp_nodes.setdefault(members[sid], []).append(sid)
    # Inside each loop, an order that keeps as many of its edges pointing forward as it can.
    rank: dict[str, int] = {}
    for nodes in comp_nodes.values():
        for i, sid in enumerate(_acyclic_order(graph, nodes, order) if len(nodes) > 1 else nodes):
            rank[sid] = i
    # Longest path over the edges that point forward: between components, or forward inside one.
    layer: dict[str, int] = {}
    for comp in nx.topological_sort(cond):
        for sid in sorted(comp_nodes[comp], key=rank.__getitem__):
            layer[sid] = max((layer[p] + 1 for p in graph.predecessors(sid)
                              if members[p] != comp or rank[p] < rank[sid]), default=0)
    bottom = max(layer.values(), default=0)
    for sid in layer:
        if graph.out_degree(sid) == 0 and graph.in_degree(sid) > 0 and sid not in inputs:
            layer[sid] = bottom  # outputs sit together at the bottom
    return layer


def _acyclic_order(graph, nodes: list[str], order: dict[str, int]) -> list[str]:
    """An order of a loop's members in which few of its edges point backwards.

    Loops of teaching size get Eades, Lin & Smyth's greedy minimum-feedback order; in very large
    loops that greedy order stacks members several times deeper than the signal's real depth, so
    there members go by their distance from where the signal enters.
    """
    return _greedy_order(graph, nodes, order) if len(nodes) <= LARGE_LOOP else _distance_order(graph, nodes, order)


def _greedy_order(graph, nodes: list[str], order: dict[str, int]) -> list[str]:
    """Eades, Lin & Smyth (1993): peel sinks to the end and sources to the front; otherwise move to the
    front the member with most outgoing minus incoming edges (ties by file order: deterministic)."""
    import heapq

    inside = set(nodes)
    succ = {s: [t for t in graph.successors(s) if t in inside and t != s] for s in nodes}
    pred = {s: [t for t in graph.predecessors(s) if t in inside and t != s] for s in nodes}
    outd = {s: len(succ[s]) for s in nodes}
    ind = {s: len(pred[s]) for s in nodes}
    alive = set(nodes)
    front: list[str] = []
    back: list[str] = []
    heap = [(-(outd[s] - ind[s]), order[s], s) for s in nodes]
    heapq.heapify(heap)
    sinks: list = []
    sources: list = []

    def remove(s: str) -> None:
        alive.discard(s)
        for t in succ[s]:
            if t in alive:
                ind[t] -= 1
                heapq.heappush(heap, (-(outd[t] - ind[t]), order[t], t))
                if ind[t] == 0:
                    heapq.heappush(sources, (order[t], t))
        for t in pred[s]:
            if t in alive:
                outd[t] -= 1
                heapq.heappush(heap, (-(outd[t] - ind[t]), order[t], t))
                if outd[t] == 0:
                    heapq.heappush(sinks, (order[t], t))

    while alive:
        if sinks:
            s = heapq.heappop(sinks)[1]
            if s in alive:
                back.append(s)
                remove(s)
        elif sources:
            s = heapq.heappop(sources)[1]
            if s in alive:
                front.append(s)
                remove(s)
        else:
            key, _, s = heapq.heappop(heap)
            if s in alive and -key == outd[s] - ind[s]:
                front.append(s)
                remove(s)
    return front + back[::-1]


def _distance_order(graph, nodes: list[str], order: dict[str, int]) -> list[str]:
    """Members by the number of steps from the members the signal enters by (ties by file order)."""
    inside = set(nodes)
    entries = [s for s in nodes if any(p not in inside for p in graph.predecessors(s))] or nodes[:1]
    steps = {s: 0 for s in entries}
    frontier = list(entries)
    while frontier:
        reached = []
        for s in frontier:
            for t in sorted(graph.successors(s), key=order.__getitem__):
                if t in inside and t not in steps:
                    steps[t] = steps[s] + 1
                    reached.append(t)
        frontier = reached
    return sorted(nodes, key=lambda s: (steps.get(s, len(nodes)), order[s]))


def _order_layers(graph, layer: dict[str, int], order: dict[str, int], pathway: Pathway) -> list[list[str]]:
    """Species of each layer, left to right: grouped by compartment, then barycentre sweeps."""
    comp_rank = _compartment_rank(pathway, layer)
    count = max(layer.values(), default=-1) + 1
    rows: list[list[str]] = [[] for _ in range(count)]
    for sid in sorted(layer, key=order.__getitem__):
        rows[layer[sid]].append(sid)
    for row in rows:
        row.sort(key=lambda s: (comp_rank[s], order[s]))
    pos = {s: i / max(1, len(row) - 1) for row in rows for i, s in enumerate(row)}
    for sweep in range(SWEEPS):
        down = sweep % 2 == 0
        sequence = range(1, count) if down else range(count - 2, -1, -1)
        for k in sequence:
            row = rows[k]
            keys = {}
            for s in row:
                neigh = graph.predecessors(s) if down else graph.successors(s)
                vals = [pos[n] for n in neigh if (layer[n] < k if down else layer[n] > k)]
                keys[s] = sum(vals) / len(vals) if vals else pos[s]
            row.sort(key=lambda s: (comp_rank[s], keys[s], order[s]))
            for i, s in enumerate(row):
                pos[s] = i / max(1, len(row) - 1)
    return rows


def _compartment_rank(pathway: Pathway, layer: dict[str, int]) -> dict[str, int]:
    first_seen: dict[str, int] = {}
    for sid in layer:
        first_seen.setdefault(pathway.species[sid].compartment, len(first_seen))
    known = [c.id for c in pathway.compartments]
    names = sorted(first_seen, key=lambda c: (known.index(c) if c in known else len(known), first_seen[c]))
    rank = {c: i for i, c in enumerate(names)}
    return {sid: rank[pathway.species[sid].compartment] for sid in layer}


def _shape(rows: list[list[str]], sizes: dict[str, tuple[float, float]]) -> tuple[int, float]:
    """How many nodes a row may hold before a layer wraps, and the gap between rows, chosen so the
    drawing comes closest to the 16:9 of a projector or screen (it is fitted into one).

    Estimated from the node boxes alone (compartment margins left out): wrapping wide layers less
    makes a drawing wider and shallower; a deep network (many layers, few nodes each) gets its rows
    closer together, down to MIN_V_GAP, which still leaves room for an arrowhead between rows.
    """
    n_nodes = sum(len(r) for r in rows)
    default = max(8, math.ceil(1.6 * math.sqrt(max(n_nodes, 1))))
    widest = max((len(r) for r in rows), default=1)
    options = sorted({max(4, round(default * f)) for f in (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)} | {max(default, widest)})
    best = None
    for per_row in options:
        lines = [row[k:k + per_row] for row in rows for k in range(0, len(row), per_row)]
        if not lines:
            return default, V_GAP
        width = max(sum(sizes[s][0] for s in line) + H_GAP * (len(line) - 1) for line in lines)
        heights = sum(max(sizes[s][1] for s in line) for line in lines)
        for v_gap in (V_GAP, 0.75 * V_GAP, MIN_V_GAP):
            height = heights + v_gap * (len(lines) - 1)
            miss = abs(math.log(max(width, 1.0) / max(height, 1.0) / ASPECT))
            # Prefer the default wrapping and the roomier gap unless the shape is clearly better.
            key = (round(miss, 1), per_row != default, -v_gap)
            if best is None or key < best[0]:
                best = (key, per_row, v_gap)
    return best[1], best[2]


def _coordinates(rows: list[list[str]], sizes: dict[str, tuple[float, float]], pathway: Pathway,
                 per_row: int, v_gap: float = V_GAP):
    """Positions (node centres) and compartment rectangles from the ordered layers."""
    # Wrap wide layers into several rows, keeping their order.
    lines: list[list[str]] = []
    for row in rows:
        for k in range(0, len(row), per_row):
            lines.append(row[k:k + per_row])
    comp_of = {sid: pathway.species[sid].compartment for row in rows for sid in row}
    columns: list[str] = []
    for line in lines:
        for sid in line:
            if comp_of[sid] not in columns:
                columns.append(comp_of[sid])
    rank = {c: i for i, c in enumerate(sorted(columns, key=lambda c: min(
        (i for i, line in enumerate(lines) for s in line if comp_of[s] == c), default=0)))}
    columns.sort(key=rank.__getitem__)
    # Width of each compartment column: its widest line.
    width = {c: 0.0 for c in columns}
    for line in lines:
        for c in columns:
            members = [s for s in line if comp_of[s] == c]
            if members:
                w = sum(sizes[s][0] for s in members) + H_GAP * (len(members) - 1)
                width[c] = max(width[c], w)
    drawn = {c for c in columns if c}
    left: dict[str, float] = {}
    x = 0.0
    for c in columns:
        left[c] = x + (COMPARTMENT_MARGIN if c in drawn else 0.0)
        x = left[c] + width[c] + (COMPARTMENT_MARGIN if c in drawn else 0.0) + COLUMN_GAP
    positions: dict[str, tuple[float, float]] = {}
    top = COMPARTMENT_TITLE + COMPARTMENT_MARGIN if drawn else 0.0
    y = top
    for line in lines:
        height = max(sizes[s][1] for s in line)
        for c in columns:
            members = [s for s in line if comp_of[s] == c]
            if not members:
                continue
            w = sum(sizes[s][0] for s in members) + H_GAP * (len(members) - 1)
            cx = left[c] + (width[c] - w) / 2
            for s in members:
                positions[s] = (round(cx + sizes[s][0] / 2, 1), round(y + height / 2, 1))
                cx += sizes[s][0] + H_GAP
        y += height + v_gap
    compartments = []
    known = {c.id: c for c in pathway.compartments}
    for c in columns:
        if c not in drawn:
            continue
        members = [s for s in positions if comp_of[s] == c]
        y_top = min(positions[s][1] - sizes[s][1] / 2 for s in members) - COMPARTMENT_MARGIN - COMPARTMENT_TITLE
        y_bot = max(positions[s][1] + sizes[s][1] / 2 for s in members) + COMPARTMENT_MARGIN
        rect = (round(left[c] - COMPARTMENT_MARGIN, 1), round(y_top, 1),
                round(width[c] + 2 * COMPARTMENT_MARGIN, 1), round(y_bot - y_top, 1))
        base = known.get(c)
        compartments.append(replace(base, rect=rect) if base else Compartment(c, c.replace("_", " "), "cytoplasm", rect))
    return positions, compartments
