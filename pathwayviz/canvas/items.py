"""Compartments and molecules (edges: edges.py, node painting: nodes.py, pulses: pulses.py).

Items never hold simulation state: the scene pushes each frame's activities into them.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsObject, QStyleOptionGraphicsItem

from ..model.pathway import Badge, Compartment, Species
from .style import (BADGE_COLORS, BADGE_ON_LEVEL, COMPARTMENT_FILLS, RING_DARK, SELECTION_CORE, TEXT_DARK, TEXT_LIGHT, Theme, activity_color, label_ink)

ROUNDNESS = 10.0


def make_font(px: int, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(px)
    font.setBold(bold)
    return font


class CompartmentItem(QGraphicsItem):
    """A soft rounded region with its label; the membrane is drawn as a lipid double band."""

    def __init__(self, compartment: Compartment, theme: Theme):
        super().__init__()
        self.compartment = compartment
        self.theme = theme
        x, y, w, h = compartment.rect
        self._rect = QRectF(x, y, w, h)
        self.title_rect: QRectF | None = None  # where the label goes (canvas.titles); None: top left
        self.title_text = compartment.label     # the label, maybe broken onto two lines
        self.setZValue(-10)
        self.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

    def set_title(self, rect: QRectF, text: str) -> None:
        self.title_rect, self.title_text = QRectF(rect), text
        self.update()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-4, -4, 4, 4)

    def label_colour(self) -> QColor:
        """Dark enough for 7:1 on the compartment's own fill."""
        return QColor("#4a3a14") if self.compartment.kind == "membrane" else QColor("#2b2b2b")

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        c = self.compartment
        painter.setRenderHint(QPainter.Antialiasing)
        if c.kind == "membrane":
            band = QColor(COMPARTMENT_FILLS["membrane"])
            painter.setPen(Qt.NoPen)
            painter.setBrush(band)
            painter.drawRect(self._rect)
            painter.setPen(QPen(QColor("#9c7b2c"), 3))
            painter.drawLine(self._rect.topLeft(), self._rect.topRight())
            painter.drawLine(self._rect.bottomLeft(), self._rect.bottomRight())
            painter.setPen(self.label_colour())
            painter.setFont(make_font(self.theme.small_font_px, bold=True))
            self._paint_title(painter, self._rect.adjusted(12, 0, 0, 0), Qt.AlignVCenter | Qt.AlignLeft)
            return
        fill = QColor(COMPARTMENT_FILLS.get(c.kind, "#fafafa"))
        painter.setBrush(fill)
        border = QColor(fill).darker(135)
        painter.setPen(QPen(border, 1.5, Qt.DashLine if c.kind in ("organelle",) else Qt.SolidLine))
        painter.drawRoundedRect(self._rect, 18, 18)
        painter.setPen(self.label_colour())
        painter.setFont(make_font(self.theme.small_font_px, bold=True))
        self._paint_title(painter, self._rect.adjusted(14, 6, -14, 0), Qt.AlignTop | Qt.AlignLeft)

    def _paint_title(self, painter: QPainter, usual: QRectF, align) -> None:
        if self.title_rect is None:
            painter.drawText(usual, align, self.compartment.label)
        else:
            painter.drawText(self.title_rect, Qt.AlignVCenter | Qt.AlignLeft, self.title_text)


class MoleculeItem(QGraphicsObject):
    """A species drawn as a rounded rectangle (SBGN macromolecule) or kind-specific shape.

    Fill shows activity on the OrRd scale; state badges sit on the border; a knocked-out or
    clamped species is marked with a text tag so colour is never the only cue.
    """

    def __init__(self, species: Species, theme: Theme, clone_of: int = 0):
        super().__init__()
        self.species = species
        self.clone_index = clone_of  # 0 = the main drawing; k > 0 = k-th clone
        self.theme = theme
        self.activity = 0.0
        self.badge_values: dict[str, float] = {}
        self.clamp_tag = ""  # "KO", "OE", "FIX", "DRUG"
        self.highlighted = False
        self.selected_node = False
        self.setAcceptHoverEvents(True)
        self.setFlag(QGraphicsItem.ItemIsSelectable, True)
        self.setCursor(Qt.PointingHandCursor)
        self.setPos(*(species.pos if clone_of == 0 else species.clones[clone_of - 1]))
        self.setZValue(10)
        # Drawn by the scene's NodeLayer in one pass (one paint call for all nodes is several
        # times cheaper than one per item); this item stays for hit-testing, hover and selection.
        self.setFlag(QGraphicsItem.ItemHasNoContents, True)
        self._layout()

    # -- geometry --------------------------------------------------------------------------------
    def _layout(self) -> None:
        self.font = make_font(self.theme.font_px, bold=True)
        fm = QFontMetricsF(self.font)
        words = self.species.label.split()
        one_line = fm.horizontalAdvance(self.species.label)
        max_line = self.theme.font_px * 8.5
        if one_line > max_line and len(words) > 1:
            best = None
            for k in range(1, len(words)):
                a, b = " ".join(words[:k]), " ".join(words[k:])
                width = max(fm.horizontalAdvance(a), fm.horizontalAdvance(b))
                if best is None or width < best[0]:
                    best = (width, f"{a}\n{b}")
            text_w, self.text = best
            lines = 2
        else:
            text_w, self.text, lines = one_line, self.species.label, 1
        pad = self.theme.font_px * 0.7
        w = max(text_w + 2 * pad, self.theme.font_px * 4.2)
        h = fm.height() * lines + pad * 1.1
        self.prepareGeometryChange()
        self._rect = QRectF(-w / 2, -h / 2, w, h)
        extra = 0.0
        if self.species.badges:
            small = QFontMetricsF(make_font(self.theme.small_font_px, bold=True))
            extra = sum(small.horizontalAdvance(b.label) + 18 for b in self.species.badges)
            extra = max(0.0, self._rect.center().x() + self.theme.font_px * 0.8 + extra - self._rect.right())
        self._bounds = self._rect.adjusted(-14, -18, 14 + extra, 14)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._layout()
        self.update()

    def node_rect(self) -> QRectF:
        """The node's outline in scene coordinates."""
        return self._rect.translated(self.pos())

    def boundingRect(self) -> QRectF:
        return QRectF(self._bounds)

    def covers(self) -> list[QRectF]:
        """What of the node is opaque, in scene coordinates: its body (with the ring when one shows),
        its badges and its tag. Pulses under the node are hidden there."""
        ring = self.theme.node_border_width + 18 if self.isSelected() else \
            self.theme.node_border_width + 14 if self.highlighted else 0.0
        rects = [self._rect.adjusted(-ring / 2, -ring / 2, ring / 2, ring / 2)]
        rects += [box for _, box in self.badge_boxes()]
        if self.clamp_tag:
            rects.append(self.tag_box(self.clamp_tag))
        return [r.translated(self.pos()) for r in rects]

    def scene_bounds(self) -> QRectF:
        """Everything the node draws (glow, rings, badges, tag), in scene coordinates."""
        return self._bounds.translated(self.pos())

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(self._rect, ROUNDNESS, ROUNDNESS)
        return path

    # -- state -----------------------------------------------------------------------------------
    def set_state(self, activity: float, badges: dict[str, float] | None = None) -> bool:
        """Store the new activity; returns True when the item needs repainting."""
        changed = abs(activity - self.activity) > 1e-3
        self.activity = activity
        if badges:
            for k, v in badges.items():
                if abs(self.badge_values.get(k, -1) - v) > 1e-3:
                    changed = True
                self.badge_values[k] = v
        return changed

    def hoverEnterEvent(self, event) -> None:
        self.setToolTip(f"{self.species.label}: activity {self.activity:.2f}"
                        + (f" ({self.clamp_tag})" if self.clamp_tag else ""))
        super().hoverEnterEvent(event)

    # -- painting --------------------------------------------------------------------------------
    def _outline(self) -> QPainterPath:
        r = self._rect
        path = QPainterPath()
        kind = self.species.kind
        if kind in ("metabolite",):
            path.addRoundedRect(r, r.height() / 2, r.height() / 2)
        elif kind in ("readout", "process"):
            d = r.height() * 0.35  # SBGN phenotype-like hexagon
            path.addPolygon(QPolygonF([QPointF(r.left() + d, r.top()), QPointF(r.right() - d, r.top()),
                                       QPointF(r.right(), r.center().y()), QPointF(r.right() - d, r.bottom()),
                                       QPointF(r.left() + d, r.bottom()), QPointF(r.left(), r.center().y())]))
            path.closeSubpath()
        else:
            path.addRoundedRect(r, ROUNDNESS, ROUNDNESS)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget=None) -> None:
        pass  # see NodeLayer

    LEVELS = 64  # activity is drawn in 1/64 steps so a node's picture can be reused between frames
    FAR_LEVELS = 16  # steps when the node is too small on screen to read (its fill is all that shows)
    BADGE_LEVELS = 32
    LEGIBLE_PX = 3.5  # below this label size on screen (letters a smear) a node is its filled outline only

    def legible(self, scale: float) -> bool:
        """Whether the label is big enough to read at ``scale`` device pixels per scene unit."""
        return self.theme.font_px * scale >= self.LEGIBLE_PX

    def levels(self, scale: float) -> int:
        return self.LEVELS if self.legible(scale) else self.FAR_LEVELS

    def _cache_key(self, scale: float) -> tuple:
        levels = self.levels(scale)
        return (round(self.activity * levels), levels,
                tuple(round(self.badge_values.get(b.species, 0.0) * self.BADGE_LEVELS) for b in self.species.badges),
                self.clamp_tag, self.highlighted, self.isSelected(), round(scale, 4), self.theme.name)

    def picture(self, scale: float, dpr: float):
        """The node rendered at ``scale`` device pixels per scene unit, reused while unchanged.

        Re-rendering happens only when the quantised state or the zoom changes; drawing 40
        antialiased glyphs with glows every frame would cost most of the frame budget.
        """
        key = self._cache_key(scale)
        if key != getattr(self, "_pix_key", None):
            from PySide6.QtGui import QPixmap

            bounds = self.boundingRect()
            size = bounds.size() * scale
            pix = QPixmap(max(1, math.ceil(size.width())), max(1, math.ceil(size.height())))
            pix.fill(Qt.transparent)
            p = QPainter(pix)
            try:
                p.setRenderHint(QPainter.Antialiasing)
                p.setRenderHint(QPainter.TextAntialiasing)
                p.scale(scale, scale)
                p.translate(-bounds.topLeft())
                saved = self.activity
                self.activity = key[0] / key[1]
                self.draw_direct(p, legible=self.legible(scale))
                self.activity = saved
            finally:
                p.end()
            pix.setDevicePixelRatio(dpr)
            self._pix, self._pix_key = pix, key
        return self._pix

    def draw_direct(self, painter: QPainter, legible: bool = True) -> None:
        """Paint the node with vector drawing (used for the cached picture and for SVG export).

        Not ``legible`` (too small on screen to read): the outline, its fill and any ring only.
        """
        a = self.activity
        outline = self._outline()
        if self.isSelected():
            self._paint_ring(painter, outline, SELECTION_CORE, extra=4.0)
        elif self.highlighted:
            self._paint_ring(painter, outline, self.theme.highlight)
        if not legible:
            painter.setPen(QPen(QColor(self.theme.node_border), self.theme.node_border_width))
            painter.setBrush(QBrush(activity_color(a)))
            painter.drawPath(outline)
            return
        # Glow follows activity: a soft halo that grows with it.
        if a > 0.05:
            glow = QColor(activity_color(a))
            glow.setAlpha(int(90 * a))
            painter.setPen(QPen(glow, 2 + 8 * a))
            painter.setBrush(Qt.NoBrush)
            painter.drawPath(outline)
        dashed = self.species.kind in ("input", "stimulus", "cytokine")
        painter.setPen(QPen(QColor(self.theme.node_border), self.theme.node_border_width,
                            Qt.DashLine if dashed else Qt.SolidLine))
        painter.setBrush(QBrush(activity_color(a)))
        painter.drawPath(outline)
        if self.clone_index:
            self._paint_clone_marker(painter, outline)
        self._paint_label(painter)
        self._paint_badges(painter)
        if self.clamp_tag:
            self._paint_tag(painter, self.clamp_tag)

    def _paint_ring(self, painter: QPainter, outline: QPainterPath, core: str, extra: float = 0.0) -> None:
        """A black band outside a bright core: against any background or fill one of them reads."""
        w = self.theme.node_border_width
        painter.setBrush(Qt.NoBrush)
        painter.setPen(QPen(QColor(RING_DARK), w + 14 + extra))
        painter.drawPath(outline)
        painter.setPen(QPen(QColor(core), w + 7 + extra))
        painter.drawPath(outline)

    def label_lines(self) -> list[tuple[QPointF, str]]:
        """Baseline start and text of each label line, centred in the node (node coordinates)."""
        fm = QFontMetricsF(self.font)
        lines = self.text.split("\n")
        top = self._rect.center().y() - fm.height() * len(lines) / 2
        return [(QPointF(self._rect.center().x() - fm.horizontalAdvance(line) / 2, top + k * fm.height() + fm.ascent()),
                 line) for k, line in enumerate(lines)]

    def _paint_label(self, painter: QPainter) -> None:
        ink = label_ink(self.activity)
        if ink.halo is None:
            painter.setPen(ink.text)
            painter.setFont(self.font)
            for origin, line in self.label_lines():
                painter.drawText(origin, line)
            return
        # Where neither black nor white reaches 7:1 on the fill, the letters sit on their own halo.
        path = QPainterPath()
        for origin, line in self.label_lines():
            path.addText(origin, self.font, line)
        halo = QPen(ink.halo, max(3.0, self.font.pixelSize() * 0.28), Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin)
        painter.strokePath(path, halo)
        painter.fillPath(path, ink.text)

    def _paint_clone_marker(self, painter: QPainter, outline: QPainterPath) -> None:
        """SBGN clone marker: the lower band of the glyph is shaded (the same species drawn again)."""
        band = QPainterPath()
        r = self._rect
        band.addRect(QRectF(r.left() - 2, r.bottom() - r.height() * 0.22, r.width() + 4, r.height() * 0.3))
        painter.setPen(Qt.NoPen)
        painter.setBrush(QColor(0, 0, 0, 70))
        painter.drawPath(outline.intersected(band))

    def badge_boxes(self) -> list[tuple[Badge, QRectF]]:
        """Each state badge with its box on the node's top border (node coordinates)."""
        fm = QFontMetricsF(make_font(self.theme.small_font_px, bold=True))
        # Badges sit on the top border right of centre, clear of the arrow arriving from above.
        x = self._rect.center().x() + self.theme.font_px * 0.8
        boxes = []
        for badge in self.species.badges:
            w = fm.horizontalAdvance(badge.label) + 12
            h = fm.height() + 4
            boxes.append((badge, QRectF(x, self._rect.top() - h * 0.65, w, h)))
            x += w + 6
        return boxes

    def _paint_badges(self, painter: QPainter) -> None:
        painter.setFont(make_font(self.theme.small_font_px, bold=True))
        for badge, box in self.badge_boxes():
            draw_badge(painter, box, badge.kind, badge.label, self.badge_values.get(badge.species, 0.0) >= BADGE_ON_LEVEL)

    def tag_box(self, tag: str) -> QRectF:
        """Where a clamp tag hangs off the bottom-right corner (node coordinates)."""
        fm = QFontMetricsF(make_font(self.theme.small_font_px, bold=True))
        w = fm.horizontalAdvance(tag) + 10
        h = fm.height() + 2
        return QRectF(self._rect.right() - w * 0.8, self._rect.bottom() - h * 0.4, w, h)

    def _paint_tag(self, painter: QPainter, tag: str) -> None:
        painter.setFont(make_font(self.theme.small_font_px, bold=True))
        box = self.tag_box(tag)
        painter.setPen(QPen(QColor(TEXT_DARK), 1.5))
        painter.setBrush(QColor(TEXT_LIGHT))
        painter.drawRect(box)
        painter.setPen(QColor(TEXT_DARK))
        painter.drawText(box, Qt.AlignCenter, tag)


def draw_badge(painter: QPainter, box: QRectF, kind: str, label: str, on: bool) -> None:
    """A phospho-state badge: pY a round-ended pill, pSer a square-cornered box.

    Present (``on``): solid dark fill, white letters (≥ 8:1). Absent: white fill, dashed border,
    dark letters, so the letters stay readable at any level and the state never relies on hue.
    The font must already be set on the painter.
    """
    colour = QColor(BADGE_COLORS.get(kind, "#333333"))
    radius = box.height() / 2 if kind != "pser" else 1.5
    if on:
        painter.setPen(QPen(QColor(RING_DARK), 1.4))
        painter.setBrush(colour)
    else:
        painter.setPen(QPen(colour, 2.0, Qt.DashLine))
        painter.setBrush(QColor(TEXT_LIGHT))
    painter.drawRoundedRect(box, radius, radius)
    painter.setPen(QColor(TEXT_LIGHT) if on else QColor(TEXT_DARK))
    painter.drawText(box, Qt.AlignCenter, label)


