"""The slide's time courses: one small chart per species, current against the healthy reference."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPainterPath, QPen

from ..canvas.style import Theme
from ..model.pathway import Pathway
from ..theme.palette import HEALTHY_DASH, PIN_COLOURS, healthy_colour, readout_colours
from .frame import SlideTraces
from .slide_text import slide_font
from .slide_typography import Typography


class SlidePlots:
    """The chart strip of one slide, drawn from a frame's traces in the window's colours."""

    def __init__(self, pathway: Pathway, traces: SlideTraces, time_label: str, theme: Theme, typography: Typography,
                 transparent: bool):
        self.pathway = pathway
        self.traces = traces
        self.time_label = time_label
        self.type = typography
        self.transparent = transparent
        self.text_colour = QColor(theme.text)

    def colours(self) -> dict[str, QColor]:
        """The window's colours: readouts keep theirs, other species take the pin colours in turn."""
        readout = readout_colours(r.species for r in self.pathway.readouts)
        others = [sid for sid in self.traces.curves if sid not in readout]
        pins = {sid: PIN_COLOURS[k % len(PIN_COLOURS)] for k, sid in enumerate(others)}
        return {sid: QColor(readout.get(sid) or pins[sid]) for sid in self.traces.curves}

    def paint(self, painter: QPainter, area: QRectF) -> None:
        """Draw one small chart per traced species and a shared key into ``area`` (layout units)."""
        ty = self.type
        times, traces = self.traces.times, self.traces.curves
        if not traces:
            return
        labels = {r.species: r.label for r in self.pathway.readouts}
        font = slide_font(ty.plot)
        small = slide_font(ty.plot * 0.85)
        fm, fs = QFontMetricsF(font), QFontMetricsF(small)
        key_h = fs.lineSpacing() * 2 + 6
        grid = QRectF(area.left(), area.top(), area.width(), area.height() - key_h)
        cols = 2 if len(traces) > 1 else 1
        rows = math.ceil(len(traces) / cols)
        gap_x, gap_y = 26.0, 12.0
        cell_w = (grid.width() - gap_x * (cols - 1)) / cols
        cell_h = (grid.height() - gap_y * (rows - 1)) / rows
        t0, t1 = float(times[0]), float(times[-1])
        span = t1 - t0
        colours = self.colours()
        for k, (sid, (cur, healthy)) in enumerate(traces.items()):
            r, c = divmod(k, cols)
            cell = QRectF(grid.left() + c * (cell_w + gap_x), grid.top() + r * (cell_h + gap_y), cell_w, cell_h)
            colour = colours[sid]
            label = labels.get(sid) or self.pathway.species[sid].label
            title_font, title = chart_title(label, ty.plot, cell.width())
            painter.setFont(title_font)
            painter.setPen(self.text_colour)
            painter.drawText(QPointF(cell.left(), cell.top() + fm.ascent()), title)
            frame = QRectF(cell.left(), cell.top() + fm.lineSpacing() + 2, cell.width(),
                           cell.height() - fm.lineSpacing() - 2)
            self._mini_chart(painter, frame, times, cur, healthy, colour, span)
            # The final value, in the half of the chart the trace leaves free.
            value = f"{cur[-1]:.2f}"
            bold = slide_font(ty.plot, True)
            fb = QFontMetricsF(bold)
            painter.setFont(bold)
            painter.setPen(colour.darker(120))
            vw = fb.horizontalAdvance(value)
            vy = frame.bottom() - 6 - fb.descent() if cur[-1] > 0.5 else frame.top() + 6 + fb.ascent()
            painter.drawText(QPointF(frame.right() - 8 - vw, vy), value)
        # Shared key: line styles and the time span.
        y = grid.bottom() + 6
        painter.setFont(small)
        x = area.left()
        mid = y + fs.lineSpacing() / 2
        pen = QPen(QColor("#333333"), ty.line, Qt.SolidLine, Qt.FlatCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, mid), QPointF(x + 40, mid))
        painter.setPen(self.text_colour)
        painter.drawText(QPointF(x + 48, mid + fs.ascent() / 2 - fs.descent() / 2), "current")
        x += 48 + fs.horizontalAdvance("current") + 28
        dashed = QPen(QColor("#8a8a8a"), ty.line * 0.8, Qt.CustomDashLine, Qt.FlatCap)
        dashed.setDashPattern(list(HEALTHY_DASH))
        painter.setPen(dashed)
        painter.drawLine(QPointF(x, mid), QPointF(x + 40, mid))
        painter.setPen(self.text_colour)
        painter.drawText(QPointF(x + 48, mid + fs.ascent() / 2 - fs.descent() / 2), "healthy reference")
        if span > 0:
            note = f"{_minutes(span)} {self.time_label}"
        else:
            note = "steady state"
        painter.drawText(QPointF(area.left(), y + fs.lineSpacing() + fs.ascent()),
                         fs.elidedText(note, Qt.ElideRight, area.width()))

    def _mini_chart(self, painter: QPainter, frame: QRectF, times, cur, healthy, colour: QColor, span: float) -> None:
        painter.setBrush(QColor("#ffffff") if not self.transparent else Qt.NoBrush)
        painter.setPen(QPen(QColor("#b0b0b0"), 1.0))
        painter.drawRect(frame)
        painter.setPen(QPen(QColor("#e2e2e2"), 1.0, Qt.DashLine))
        painter.drawLine(QPointF(frame.left(), frame.center().y()), QPointF(frame.right(), frame.center().y()))
        inner = frame.adjusted(3, 5, -3, -5)

        def path_of(values) -> QPainterPath:
            path = QPainterPath()
            n = len(values)
            for k in range(max(n, 2)):
                v = float(values[min(k, n - 1)])
                t = (times[min(k, n - 1)] - times[0]) / span if span > 0 else k / max(1, max(n, 2) - 1)
                p = QPointF(inner.left() + inner.width() * t, inner.bottom() - inner.height() * min(max(v, 0.0), 1.0))
                if k == 0:
                    path.moveTo(p)
                else:
                    path.lineTo(p)
            return path

        painter.setBrush(Qt.NoBrush)
        dashed = QPen(QColor(healthy_colour(colour.name())), self.type.line * 0.85, Qt.CustomDashLine,
                      Qt.FlatCap, Qt.RoundJoin)
        dashed.setDashPattern(list(HEALTHY_DASH))
        painter.setPen(dashed)
        painter.drawPath(path_of(healthy))
        painter.setPen(QPen(colour, self.type.line, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        painter.drawPath(path_of(cur))


def chart_title(label: str, size: float, width: float):
    """(font, text) of a mini chart's title: the plot size, shrunk (down to 80 %) before a long
    label such as "Hepatic glucose output" is elided."""
    for scale in (1.0, 0.95, 0.9, 0.85, 0.8):
        font = slide_font(size * scale)
        fm = QFontMetricsF(font)
        if fm.horizontalAdvance(label) <= width:
            return font, label
    return font, fm.elidedText(label, Qt.ElideRight, width)


def _minutes(span: float) -> str:
    return f"{span:.0f} min" if span >= 10 else f"{span:.1f} min"
