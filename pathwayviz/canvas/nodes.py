"""Painting the molecules: one pass of cached pictures, and knowing which nodes visibly changed.

A diagram view paints the nodes into its cached background with the edges (``paint_nodes``), so
a frame blits that one opaque picture and draws only the pulses over it; a node whose quantised
look changed has just its own region of the background redrawn (``changes``). Exports render the
scene without a view: there the layer paints as an ordinary item, above the pulses.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem

from .edges import hits_any, rects_array
from .items import MoleculeItem
from .pulses import NODES_IN_BACKGROUND
#: At most this many nodes are redrawn per frame; the others follow in the next frames (a
#: transient in a 2,000-species model changes them all at once). Nodes drawn in full (label,
#: glow, badges: a fraction of a millisecond each) are held to fewer, so a 100-species model
#: settling from its initial state keeps its frames short and catches up within a few frames.
MAX_REDRAWS_PER_FRAME = 150
MAX_LEGIBLE_REDRAWS_PER_FRAME = 10


class NodeLayer(QGraphicsItem):
    """Paints every molecule in one pass, above edges and pulses."""

    def __init__(self):
        super().__init__()
        self.molecules: list[MoleculeItem] = []
        self._bounds = QRectF()
        self._mol_bounds = np.zeros((0, 4))
        self.scale = 1.0  # device pixels per scene unit of the last paint (the level of detail)
        self._columns = np.zeros(0, dtype=np.intp)       # species index of each molecule
        self._badge_owner = np.zeros(0, dtype=np.intp)   # molecule of each (molecule, badge) pair
        self._badge_columns = np.zeros(0, dtype=np.intp)
        self._badge_species: list[str] = []
        self._shown = np.zeros(0, dtype=np.intp)         # quantised activity last drawn
        self._shown_badges = np.zeros(0, dtype=np.intp)
        self._shown_levels = 0
        self._stored = np.zeros(0)  # activities last stored in the molecules
        self._stored_badges = np.zeros(0)
        self.setZValue(8)

    def set_molecules(self, molecules: list[MoleculeItem], index: dict[str, int] | None = None) -> None:
        """The molecules to paint; ``index`` (species id → state column) lets ``changes`` read states."""
        self.prepareGeometryChange()
        self.molecules = molecules
        rect = QRectF()
        for m in molecules:
            rect = rect.united(m.scene_bounds())
        self._bounds = rect
        self._mol_bounds = rects_array(m.scene_bounds() for m in molecules)
        if index is not None:
            self._columns = np.array([index[m.species.id] for m in molecules], dtype=np.intp)
            pairs = [(k, b.species) for k, m in enumerate(molecules) for b in m.species.badges]
            self._badge_owner = np.array([k for k, _ in pairs], dtype=np.intp)
            self._badge_species = [sid for _, sid in pairs]
            self._badge_columns = np.array([index[sid] for sid in self._badge_species], dtype=np.intp)
        self._shown_levels = 0  # nothing drawn yet at any level of detail
        self._stored = np.zeros(0)

    def boundingRect(self) -> QRectF:
        return self._bounds

    # -- what changed ----------------------------------------------------------------------------
    def changes(self, y: np.ndarray) -> list[MoleculeItem]:
        """Store the activities ``y`` (0–1, state order) in the molecules; return those whose drawn
        picture is now visibly out of date (a different quantised fill or badge), the largest
        changes first and at most ``max_redraws()`` of them."""
        mols = self.molecules
        if not mols or not len(self._columns):
            return []
        acts = y[self._columns]
        badge_values = y[self._badge_columns]
        # Tooltips and screen readers read the exact values: store those that moved at all.
        if len(self._stored) != len(acts):
            self._stored, self._stored_badges = np.full(len(acts), np.nan), np.full(len(badge_values), np.nan)
        for k in np.flatnonzero(acts != self._stored).tolist():
            mols[k].activity = float(acts[k])
        for j in np.flatnonzero(badge_values != self._stored_badges).tolist():
            mols[self._badge_owner[j]].badge_values[self._badge_species[j]] = float(badge_values[j])
        self._stored, self._stored_badges = acts, badge_values
        levels = mols[0].levels(self.scale)
        level = np.rint(np.clip(acts, 0.0, 1.0) * levels).astype(np.intp)
        badge_level = np.rint(np.clip(badge_values, 0.0, 1.0) * MoleculeItem.BADGE_LEVELS).astype(np.intp)
        if self._shown_levels != levels or len(self._shown) != len(level):
            # First frame, or the level of detail changed with the zoom (which redraws everything).
            self._shown, self._shown_badges, self._shown_levels = level, badge_level, levels
            return []
        distance = np.abs(level - self._shown).astype(float)
        moved = badge_level != self._shown_badges
        if moved.any():
            np.maximum.at(distance, self._badge_owner[moved], float(levels))  # a badge flip counts as big
        changed = np.flatnonzero(distance > 0)
        cap = self.max_redraws()
        if len(changed) > cap:
            changed = changed[np.argsort(-distance[changed], kind="stable")[:cap]]
        self._shown[changed] = level[changed]
        redrawn = np.isin(self._badge_owner, changed)
        self._shown_badges[redrawn] = badge_level[redrawn]
        return [mols[k] for k in changed.tolist()]

    def max_redraws(self) -> int:
        """How many nodes one frame redraws at most, at the current level of detail."""
        legible = bool(self.molecules) and self.molecules[0].legible(self.scale)
        return MAX_LEGIBLE_REDRAWS_PER_FRAME if legible else MAX_REDRAWS_PER_FRAME

    def redraw_rect(self, molecule: MoleculeItem) -> QRectF:
        """The scene rect to repaint for ``molecule`` (its bounds plus two device pixels)."""
        pad = 2.0 / max(self.scale, 1e-3)
        return molecule.scene_bounds().adjusted(-pad, -pad, pad, pad)

    # -- painting --------------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        if widget is not None and widget.property(NODES_IN_BACKGROUND):
            return  # that view has the nodes in its cached background already
        r = option.exposedRect
        self.paint_nodes(painter, None if r.isNull() else rects_array([r]))

    def paint_nodes(self, painter: QPainter, regions: np.ndarray | None = None) -> None:
        """Blit each node's cached picture; only nodes crossing ``regions`` (m×4) when given."""
        mols = self.molecules if regions is None else [self.molecules[k] for k in
                                                       np.flatnonzero(hits_any(self._mol_bounds, regions))]
        t = painter.worldTransform()
        if t.m12() or t.m21():  # rotated views never happen here, but stay correct
            for m in mols:
                if m.isVisible():
                    painter.save()
                    painter.translate(m.pos())
                    m.draw_direct(painter)
                    painter.restore()
            return
        dpr = painter.device().devicePixelRatioF()
        scale = t.m11() * dpr
        self.scale = scale
        painter.resetTransform()
        try:
            for m in mols:
                if not m.isVisible():
                    continue
                # Blit at a whole device pixel with no transform: a plain copy, no filtering.
                origin = t.map(m.scene_bounds().topLeft())
                painter.drawPixmap(QPointF(round(origin.x() * dpr) / dpr, round(origin.y() * dpr) / dpr),
                                   m.picture(scale, dpr))
        finally:
            painter.setWorldTransform(t)
