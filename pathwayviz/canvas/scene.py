"""The diagram: a QGraphicsScene bound to a pathway, redrawn from simulation snapshots."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPixmapCache
from PySide6.QtWidgets import (QGraphicsScene, QGraphicsSceneContextMenuEvent, QGraphicsSceneMouseEvent,
                               QStyleOptionGraphicsItem)

from ..model.pathway import Pathway
from ..sim.live import Snapshot
from ..sim.perturbations import Perturbations, species_tags
from .edges import EdgeGeometry, StaticLayer, hits_any, line_angle, rects_array, route_edges, route_feedback
from .items import CompartmentItem, MoleculeItem
from .nodes import NodeLayer
from .pulses import PulseLayer
from .style import LIGHT, Theme
from .titles import place_titles, title_places


MAX_ROUTED_NODES = 400


class PathwayScene(QGraphicsScene):
    """One item per compartment and species, one layer each for edges, nodes and pulses.

    A view shows compartments, edges and nodes as its cached background (``paint_background``) and
    the pulses over it; a node whose look changed asks for its region of that background again.
    """

    species_clicked = Signal(str)
    species_context_requested = Signal(str, object)  # species id, global QPoint
    background_clicked = Signal()
    theme_changed = Signal()

    def __init__(self, pathway: Pathway, theme: Theme = LIGHT, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.pathway = pathway
        self.compartments: list[CompartmentItem] = []
        self.molecules: dict[str, MoleculeItem] = {}          # the main drawing of each species
        self.instances: dict[str, list[MoleculeItem]] = {}    # main drawing plus clones
        self.static_layer = StaticLayer(theme)
        self.pulses = PulseLayer(theme)
        self.node_layer = NodeLayer()
        self._edge_order = np.zeros(0, dtype=np.intp)
        self._edge_starts = np.zeros(0, dtype=np.intp)
        self._build()

    # -- construction ------------------------------------------------------------------------------
    def _build(self) -> None:
        # Item caches live in QPixmapCache, whose 10 MB default cannot hold one 1080p layer:
        # without this the "cached" edge layer is redrawn every frame.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), 64 * 1024))
        p = self.pathway
        self.setBackgroundBrush(QColor(self.theme.background))
        # Compartments and edges never move: they are painted as the scene's background, which
        # the view caches as one opaque picture (see PathwayView); only nodes and pulses are items.
        for c in p.compartments:
            self.compartments.append(CompartmentItem(c, self.theme))
        for sp in p.species.values():
            if sp.hidden:
                continue
            items = [MoleculeItem(sp, self.theme, k) for k in range(len(sp.clones) + 1)]
            for item in items:
                self.addItem(item)
            self.molecules[sp.id] = items[0]
            self.instances[sp.id] = items
        self.addItem(self.pulses)
        self.addItem(self.node_layer)
        self._place_nodes()
        self._route_edges()
        self._selected: set[MoleculeItem] = set()
        self.selectionChanged.connect(self._selection_changed)

    def _route_edges(self) -> None:
        groups: OrderedDict[tuple[str, str, bool], list[int]] = OrderedDict()
        for it in self.pathway.interactions:
            if it.source not in self.molecules or it.target not in self.molecules or it.source == it.target:
                continue
            groups.setdefault((it.source, it.target, it.inhibits), []).append(it.index)
        all_items = [item for items in self.instances.values() for item in items]
        # Bending around other nodes costs edges × nodes; very large imported models get straight edges.
        routed = all_items if len(all_items) <= MAX_ROUTED_NODES else []
        padded = rects_array(i.node_rect().adjusted(-14, -14, 14, 14) for i in routed)
        row = {id(i): k for k, i in enumerate(routed)}
        # Curves also keep off the compartments' titles at their usual places (titles then move off any left).
        titles = rects_array(title_places(c, self.theme.small_font_px)[0][0].adjusted(-6, -6, 6, 6)
                             for c in self.compartments) if routed else None
        # In an automatic layout the signal flows down: an edge whose target is not below its
        # source is a feedback edge and goes round the side (a drawn layout keeps its own routes).
        auto = self.pathway.layout == "auto"
        centre_x = self.node_layer.boundingRect().center().x() if auto else 0.0
        ends, feedback, paths = [], [], {}
        for (s, t, inhibits), members in groups.items():
            # Draw from whichever copies of the two species are closest (clones exist for that).
            pairs = [(a, b) for a in self.instances[s] for b in self.instances[t]]
            a, b = min(pairs, key=lambda ab: QLineF(ab[0].pos(), ab[1].pos()).length())
            ends.append((a, b))
            feedback.append(auto and b.pos().y() <= a.pos().y())
        own = np.array([[row.get(id(i), -1) for i in pair] for pair in ends], dtype=np.intp).reshape(-1, 2)
        for k in np.flatnonzero(feedback):
            a, b = ends[k]
            keep = np.ones(len(padded), dtype=bool)
            keep[own[k][own[k] >= 0]] = False
            paths[k] = route_feedback(a.node_rect(), b.node_rect(), padded[keep], centre_x)
        straight = [k for k in range(len(ends)) if not feedback[k]]  # every other edge, routed in one batch
        routes = route_edges([(ends[k][0].node_rect(), ends[k][1].node_rect()) for k in straight], padded,
                             own[straight], titles)
        paths.update(zip(straight, routes))
        edges = []
        for k, ((s, t, inhibits), members) in enumerate(groups.items()):
            path = paths[k]
            end = path.pointAtPercent(1.0)
            before = path.pointAtPercent(max(0.0, 1.0 - 8.0 / max(path.length(), 1.0)))
            edges.append(EdgeGeometry(s, t, inhibits, members, path, path.length(), end, line_angle(before, end),
                                      feedback[k]))
        self.edges = edges
        # Flux of each drawn edge = sum over its merged interactions: one reduceat per frame.
        order = [k for e in edges for k in e.interactions]
        self._edge_order = np.array(order, dtype=np.intp)
        self._edge_starts = np.cumsum([0] + [len(e.interactions) for e in edges[:-1]]).astype(np.intp) \
            if edges else np.zeros(0, dtype=np.intp)
        self.static_layer.set_edges(edges)
        self.pulses.set_edges(edges)
        if routed:  # a drawn or small pathway: titles clear of the edges (huge imports keep theirs)
            place_titles(self.compartments, [e.path for e in edges],
                         [i.node_rect().adjusted(-14, -14, 14, 14) for i in routed], self.theme.edge_width,
                         self.theme.small_font_px)

    def set_theme(self, theme: Theme) -> None:
        """Switch between the light and projector looks (node sizes follow the font)."""
        self.theme = theme
        self.setBackgroundBrush(QColor(theme.background))
        for item in self.compartments:
            item.set_theme(theme)
        for item in self.all_molecules():
            item.set_theme(theme)
        self.static_layer.set_theme(theme)
        self.pulses.set_theme(theme)
        self._place_nodes()
        self._route_edges()
        self.update()
        self.theme_changed.emit()

    def _place_nodes(self) -> None:
        molecules = self.all_molecules()
        index = {sid: i for i, sid in enumerate(self.pathway.species_ids)}
        self.node_layer.set_molecules(molecules, index)
        self._covers_changed()

    def _covers_changed(self) -> None:
        # Pulses run under the nodes: a view that draws them over its background leaves these out.
        self.pulses.set_covers([r for m in self.all_molecules() for r in m.covers()])

    def drawBackground(self, painter, rect: QRectF) -> None:
        """Compartments and edges (exports: the nodes are painted as an item over the pulses)."""
        self.paint_background(painter, rect, with_nodes=False)

    def paint_background(self, painter, rect: QRectF, regions: list[QRectF] | None = None,
                         with_nodes: bool = True) -> None:
        """Fill, compartments, edges and (``with_nodes``) the nodes inside ``rect``.

        ``regions`` (scene rects covering what the painter's clip lets through) limit the work to
        the compartments, edges and nodes that cross them: redrawing one node's region repaints
        only the few edges near it.
        """
        painter.fillRect(rect, self.backgroundBrush())
        boxes = rects_array(regions if regions else [rect])
        option = QStyleOptionGraphicsItem()
        option.exposedRect = rect
        compartments = sorted(self.compartments, key=lambda c: c.zValue())
        near = hits_any(rects_array(c.boundingRect() for c in compartments), boxes)
        for item, hit in zip(compartments, near):
            if hit:
                item.paint(painter, option, None)
        self.static_layer.paint_edges(painter, boxes)
        if with_nodes:
            self.node_layer.paint_nodes(painter, boxes)

    def static_bounds(self) -> QRectF:
        rect = self.static_layer.boundingRect()
        for item in self.compartments:
            rect = rect.united(item.boundingRect())
        return rect

    # -- state -------------------------------------------------------------------------------------
    def apply_snapshot(self, snap: Snapshot, minutes: float = 0.0, ymax: np.ndarray | None = None) -> None:
        """Show a simulation state: node fills, badges and pulse motion for ``minutes`` of travel."""
        flux = snap.flux
        # Pulses first: their update is queued, the nodes' background repairs ask the view at once;
        # the other way round the view would paint twice in one frame.
        self.pulses.advance_pulses(np.minimum(1.0, np.add.reduceat(flux[self._edge_order], self._edge_starts))
                                   if len(self._edge_starts) else np.zeros(0), minutes)
        y = np.asarray(snap.state if ymax is None else snap.state / ymax, dtype=float)
        for item in self.node_layer.changes(y):
            self._redraw(item)

    def show_perturbations(self, p: Perturbations) -> None:
        """Tag clamped and drugged species so their state is readable without colour."""
        tags = species_tags(self.pathway, p)
        for sid in self.molecules:
            tag = tags.get(sid, "")
            for instance in self.instances[sid]:
                if tag != instance.clamp_tag:
                    instance.clamp_tag = tag
                    self._look_changed(instance)

    def set_highlight(self, species_ids) -> None:
        wanted = set(species_ids or ())
        for sid, items in self.instances.items():
            flag = sid in wanted
            for item in items:
                if flag != item.highlighted:
                    item.highlighted = flag
                    self._look_changed(item)

    def select_species(self, species_id: str | None) -> None:
        self.clearSelection()
        if species_id in self.molecules:
            self.molecules[species_id].setSelected(True)

    def _selection_changed(self) -> None:
        now = {item for item in self.selectedItems() if isinstance(item, MoleculeItem)}
        for item in now ^ self._selected:
            self._look_changed(item)
        self._selected = now

    def _redraw(self, item: MoleculeItem) -> None:
        """Repaint one node: its region of every view's cached background, and the export layer."""
        rect = self.node_layer.redraw_rect(item)
        self.invalidate(rect, QGraphicsScene.BackgroundLayer)

    def _look_changed(self, item: MoleculeItem) -> None:
        """A ring or tag came or went: the node redraws and covers a different area."""
        self._redraw(item)
        self._covers_changed()

    def selected_species(self) -> str | None:
        """The species whose main drawing is selected (the keyboard's current node), if any."""
        for sid, item in self.molecules.items():
            if item.isSelected():
                return sid
        return None

    def neighbour_towards(self, species_id: str | None, dx: float, dy: float) -> str | None:
        """The species an arrow key in direction (dx, dy) moves to from ``species_id``.

        First along the drawn edges (either direction of the arrow), picking the edge that leaves
        most nearly in the pressed direction; where no edge goes that way, the nearest node that
        way, so every node stays reachable. With nothing selected, the first node of the pathway.
        """
        if species_id not in self.molecules:
            return next(iter(self.molecules), None)
        # Only edges drawn from this drawing of the species (not from its clones elsewhere).
        mine = self.molecules[species_id].node_rect().adjusted(-10, -10, 10, 10)
        options: list[tuple[float, str]] = []
        for e in self.edges:
            start, end = e.path.pointAtPercent(0.0), e.path.pointAtPercent(1.0)
            if e.source == species_id and e.target != species_id and mine.contains(start):
                options.append((_score(end - start, dx, dy), e.target))
            elif e.target == species_id and e.source != species_id and mine.contains(end):
                options.append((_score(start - end, dx, dy), e.source))
        options = [o for o in options if o[0] is not None]
        if not options:
            centre = self.molecules[species_id].pos()
            # Main drawings only: landing on a clone would select a drawing somewhere else entirely.
            options = [(score, sid) for sid, item in self.molecules.items() if sid != species_id
                       and (score := _score(item.pos() - centre, dx, dy, spread=0.5)) is not None]
        return min(options)[1] if options else None

    def all_molecules(self) -> list[MoleculeItem]:
        """Every drawn molecule: main drawings and clones."""
        return [item for items in self.instances.values() for item in items]

    # -- geometry ----------------------------------------------------------------------------------
    def diagram_rect(self, margin: float = 24.0) -> QRectF:
        """The drawn content plus a margin (sceneRect only ever grows, so never use it for fitting)."""
        return self.itemsBoundingRect().united(self.static_bounds()).adjusted(-margin, -margin, margin, margin)

    def species_rect(self, species_ids, margin: float = 60.0) -> QRectF:
        rect = QRectF()
        for sid in species_ids:
            if sid in self.molecules:
                rect = rect.united(self.molecules[sid].node_rect())
        return rect.adjusted(-margin, -margin, margin, margin) if not rect.isNull() else self.diagram_rect()

    def species_bounds(self, species_ids, margin: float = 0.0) -> QRectF:
        """Everything the species draw (node, badges, tag, rings), united, plus ``margin``; the whole
        diagram when none of them is drawn."""
        rect = QRectF()
        for sid in species_ids:
            if sid in self.molecules:
                rect = rect.united(self.molecules[sid].scene_bounds())
        return rect.adjusted(-margin, -margin, margin, margin) if not rect.isNull() else self.diagram_rect()

    def species_at(self, pos: QPointF) -> str | None:
        for item in self.items(pos):
            if isinstance(item, MoleculeItem):
                return item.species.id
        return None

    # -- input -------------------------------------------------------------------------------------
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        sid = self.species_at(event.scenePos())
        if sid is not None:
            self.species_clicked.emit(sid)
        else:
            self.background_clicked.emit()

    def contextMenuEvent(self, event: QGraphicsSceneContextMenuEvent) -> None:
        sid = self.species_at(event.scenePos())
        if sid is not None:
            self.species_context_requested.emit(sid, event.screenPos())
            event.accept()
        else:
            super().contextMenuEvent(event)


def _score(v: QPointF, dx: float, dy: float, spread: float = 0.35) -> float | None:
    """Distance weighted by how far off the pressed direction ``v`` points; None when not that way."""
    length = (v.x() ** 2 + v.y() ** 2) ** 0.5
    if length < 1e-6:
        return None
    cos = (v.x() * dx + v.y() * dy) / length
    return length / cos ** 2 if cos > spread else None
