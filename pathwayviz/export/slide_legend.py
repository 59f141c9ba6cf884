"""The slide's legend: edge signs, phospho badges, the tags in use, highlight and the activity scale."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QLinearGradient, QPainter, QPen, QPolygonF

from ..canvas.edges import edge_pen
from ..canvas.items import draw_badge
from ..canvas.style import Theme, activity_color
from ..model.pathway import Pathway
from ..sim.perturbations import TAG_MEANING
from .slide_text import slide_font
from .slide_typography import Typography


class SlideLegend:
    """The legend of one slide: what its glyphs mean, for this pathway and these perturbations."""

    def __init__(self, pathway: Pathway, theme: Theme, typography: Typography, tags: list[str], highlighted: bool):
        self.pathway = pathway
        self.theme = theme
        self.type = typography
        self.tags = list(tags)
        self.highlight = highlighted
        self.text_colour = QColor(theme.text)

    def rows(self) -> list[tuple[str, str]]:
        """(key, text) per legend row; keys name the glyph: ``badge:kind:label``, ``tag:KO``, …."""
        rows = [("activates", "activates"), ("inhibits", "inhibits")]
        seen = set()
        for sp in self.pathway.species.values():
            for badge in sp.badges:
                if badge.kind not in seen:
                    seen.add(badge.kind)
                    rows.append((f"badge:{badge.kind}:{badge.label}",
                                 "tyrosine phosphate: signals" if badge.kind == "ptyr"
                                 else "serine phosphate: blocks"))
        for tag in self.tags:
            rows.append((f"tag:{tag}", TAG_MEANING[tag]))
        if self.highlight:
            rows.append(("highlight", "in focus on this slide"))
        rows.append(("scale", "activity (normalised 0–1)"))
        return rows

    def height(self) -> float:
        """The legend's height in layout units."""
        row = self.type.legend * 1.75
        rows = self.rows()
        # activates and inhibits share a row; the scale takes two (bar and its labels)
        return row * (len(rows) - 1 + 1.6) + 8

    def text_left(self, rect: QRectF) -> float:
        """Where the rows' texts start in ``rect``: right of the widest glyph or badge."""
        glyph_w = self.type.legend * 3.0
        badge_w = max((self._badge_size(k.split(":", 2)[2]).width() for k, _ in self.rows() if k.startswith("badge:")),
                      default=0.0)
        return rect.left() + max(glyph_w, badge_w + 4) + 14

    def cut_texts(self, rect: QRectF) -> list[str]:
        """The row texts that would be elided in ``rect`` (none on a well-laid-out slide)."""
        fm = QFontMetricsF(slide_font(self.type.legend))
        room = rect.right() - self.text_left(rect)
        return [text for key, text in self.rows()[2:] if key != "scale" and fm.horizontalAdvance(text) > room]

    def paint(self, painter: QPainter, rect: QRectF) -> None:
        """Draw the legend into ``rect`` (layout units)."""
        ty, theme = self.type, self.theme
        font = slide_font(ty.legend)
        fm = QFontMetricsF(font)
        row = ty.legend * 1.75
        rows = self.rows()
        glyph_w = ty.legend * 3.0
        text_x = self.text_left(rect)
        painter.setFont(font)
        y = rect.top()
        # Activation and inhibition share the first row.
        mid = y + row / 2
        half = rect.width() / 2
        for k, kind in enumerate(("activates", "inhibits")):
            x0 = rect.left() + k * half
            self._edge_glyph(painter, QPointF(x0, mid), glyph_w, inhibits=(kind == "inhibits"))
            painter.setPen(self.text_colour)
            painter.drawText(QPointF(x0 + glyph_w + 14, mid + fm.ascent() / 2 - fm.descent() / 2), kind)
        y += row
        for key, text in rows[2:]:
            mid = y + row / 2
            baseline = mid + fm.ascent() / 2 - fm.descent() / 2
            if key.startswith("badge:"):
                _, kind, label = key.split(":", 2)
                self._badge_glyph(painter, QPointF(rect.left(), mid), kind, label)
            elif key.startswith("tag:"):
                self._tag_glyph(painter, QPointF(rect.left(), mid), key[4:])
            elif key == "highlight":
                box = QRectF(rect.left() + 4, mid - ty.legend * 0.6, glyph_w - 8, ty.legend * 1.2)
                painter.setPen(QPen(QColor(theme.highlight), theme.node_border_width + 4))
                painter.setBrush(QColor("#ffffff"))
                painter.drawRoundedRect(box, 6, 6)
            elif key == "scale":
                self._activity_scale(painter, QRectF(rect.left(), y + row * 0.3, rect.width(), row * 1.3), text)
                y += row * 1.3
                continue
            painter.setPen(self.text_colour)
            painter.drawText(QPointF(text_x, baseline), fm.elidedText(text, Qt.ElideRight, rect.right() - text_x))
            y += row

    def _edge_glyph(self, painter: QPainter, left_mid: QPointF, width: float, inhibits: bool) -> None:
        t = self.theme
        pen = edge_pen(t, inhibits)  # the diagram's own stroke: inhibition dashed
        colour = pen.color()
        width_px = max(t.edge_width, self.type.line * 0.9)
        pen.setWidthF(width_px)
        x0, x1, y = left_mid.x() + 2, left_mid.x() + width - 4, left_mid.y()
        painter.setPen(pen)
        painter.drawLine(QPointF(x0, y), QPointF(x1 - (0 if inhibits else 2), y))
        size = 5 + 2.5 * width_px
        if inhibits:
            painter.setPen(QPen(colour, width_px * 1.6, Qt.SolidLine, Qt.FlatCap))
            painter.drawLine(QPointF(x1, y - size * 0.9), QPointF(x1, y + size * 0.9))
        else:
            painter.setPen(QPen(colour, width_px, Qt.SolidLine, Qt.RoundCap, Qt.MiterJoin))
            painter.setBrush(QColor("#ffffff"))
            painter.drawPolygon(QPolygonF([QPointF(x1, y), QPointF(x1 - size * 1.4, y - size * 0.7),
                                           QPointF(x1 - size * 1.4, y + size * 0.7)]))

    def _badge_size(self, label: str) -> QSizeF:
        fm = QFontMetricsF(slide_font(self.type.legend * 0.8, True))
        return QSizeF(fm.horizontalAdvance(label) + 14, fm.height() + 6)

    def _badge_glyph(self, painter: QPainter, left_mid: QPointF, kind: str, label: str) -> None:
        font = slide_font(self.type.legend * 0.8, True)
        size = self._badge_size(label)
        w, h = size.width(), size.height()
        box = QRectF(left_mid.x() + 2, left_mid.y() - h / 2, w, h)
        painter.setFont(font)
        draw_badge(painter, box, kind, label, on=True)  # as on the diagram: pY a pill, pSer a box
        painter.setFont(slide_font(self.type.legend))

    def _tag_glyph(self, painter: QPainter, left_mid: QPointF, tag: str) -> None:
        """The clamp tag as drawn on a molecule: black letters in a white box."""
        font = slide_font(self.type.legend * 0.75, True)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(tag) + 12, fm.height() + 4
        box = QRectF(left_mid.x() + 2, left_mid.y() - h / 2, w, h)
        painter.setPen(QPen(QColor("#000000"), 1.4))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(box)
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        painter.drawText(box, Qt.AlignCenter, tag)
        painter.setFont(slide_font(self.type.legend))

    def _activity_scale(self, painter: QPainter, rect: QRectF, label: str) -> None:
        font = slide_font(self.type.legend)
        small = slide_font(self.type.legend * 0.85)
        fm, fs = QFontMetricsF(font), QFontMetricsF(small)
        painter.setFont(font)
        painter.setPen(self.text_colour)
        painter.drawText(QPointF(rect.left(), rect.top() + fm.ascent()), label)
        bar = QRectF(rect.left() + 2, rect.top() + fm.lineSpacing() + 4, rect.width() - 4, self.type.legend * 0.9)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for k in range(33):
            gradient.setColorAt(k / 32, activity_color(k / 32))
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawRect(bar)
        painter.setBrush(Qt.NoBrush)
        painter.setPen(QPen(QColor("#333333"), 1.2))
        painter.drawRect(bar)
        painter.setFont(small)
        painter.setPen(self.text_colour)
        below = bar.bottom() + 4 + fs.ascent()
        ticks = ((0.0, "0 inactive", "left"), (0.5, "0.5", "center"), (1.0, "1 fully active", "right"))
        for value, text, align in ticks:
            x = bar.left() + bar.width() * value
            painter.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 3))
            w = fs.horizontalAdvance(text)
            tx = x if align == "left" else x - w if align == "right" else x - w / 2
            painter.drawText(QPointF(tx, below), text)
