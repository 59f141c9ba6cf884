"""The time-course legend: each trace's name beside its line and marker, and the healthy style."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QWidget

import pyqtgraph as pg
from pyqtgraph.graphicsItems.ScatterPlotItem import drawSymbol

from ..theme.palette import HEALTHY_DASH
from .curves import MARKER_OUTLINE
from .style import TEXT, TraceStyle, lighter


class TraceLegend(QWidget):
    """Names each trace beside its line and marker, and says which line style is the healthy reference."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._entries: list[tuple[str, TraceStyle]] = []
        self._font = QFont()
        self._line_width = 2.75
        self._marker_px = 11

    def set_entries(self, entries: list[tuple[str, TraceStyle]]) -> None:
        self._entries = list(entries)
        self.updateGeometry()
        self.update()

    def set_look(self, font: QFont, line_width: float, marker_px: int) -> None:
        self._font, self._line_width, self._marker_px = QFont(font), line_width, marker_px
        self.updateGeometry()
        self.update()

    def _metrics(self):
        fm = QFontMetrics(self._font)
        return fm, round(fm.height() * 1.35), round(fm.height() * 2.4)

    def _texts(self) -> list[str]:
        return ["now", "healthy reference", *(label for label, _ in self._entries)]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        fm, row, sample = self._metrics()
        width = sample + 18 + max(fm.horizontalAdvance(t) for t in self._texts())
        return QSize(width, row * (len(self._entries) + 2) + row // 2 + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self.sizeHint()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        fm, row, sample = self._metrics()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        p.setFont(self._font)
        y = 4 + row / 2

        def line(y, colour, dashed=False):
            pen = QPen(colour, self._line_width)
            if dashed:
                pen.setDashPattern(list(HEALTHY_DASH))
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # as the plot draws its dashes
            p.setPen(pen)
            p.drawLine(QPointF(6, y), QPointF(6 + sample, y))

        def text(y, s, colour=TEXT):
            p.setPen(colour)
            p.drawText(QPointF(12 + sample, y + (fm.ascent() - fm.descent()) / 2), s)

        line(y, TEXT)
        text(y, "now")
        y += row
        line(y, lighter(TEXT, 0.45), dashed=True)
        text(y, "healthy reference")
        y += row * 1.5
        for label, style in self._entries:
            line(y, style.colour)
            p.save()
            p.translate(6 + sample / 2, y)
            drawSymbol(p, style.symbol, style.marker_size(self._marker_px), MARKER_OUTLINE, pg.mkBrush(style.colour))
            p.restore()
            text(y, label)
            y += row
        p.end()
