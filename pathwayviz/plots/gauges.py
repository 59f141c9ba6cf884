"""Readout gauges: one horizontal bar per physiological readout, with its healthy value marked and an
arrow (and words) saying whether it is above, below or at the healthy reference."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..sim.live import LiveSimulation, Snapshot
from .style import TEXT, TraceStyles, check_focus, focused_readouts

# A difference from healthy smaller than this (in normalised activity) counts as "as healthy".
DIRECTION_THRESHOLD = 0.03
_WORDS = {"up": "▲ above healthy", "down": "▼ below healthy", "same": "= as healthy"}
_KEY = "bar: now    ┃ tick: healthy reference"
TRACK_FILL = QColor("#e8e8e8")
TRACK_BORDER = QColor("#767676")  # 4.5:1 on white (graphics need 3:1)
_KEY_TEXT = QColor("#4d4d4d")


class ReadoutGauges(QWidget):
    """Compact bars for the readouts under the biological-sex focus; ``refresh(live.snapshot())`` each frame."""

    def __init__(self, live: LiveSimulation, parent: QWidget | None = None):
        super().__init__(parent)
        self._readouts = list(live.pathway.readouts)
        self._styles = TraceStyles(self._readouts)
        self._focus = "both"
        self._projector = False
        self._bar_w = 200  # pixels, as last painted
        self._font = QFont()
        self._bold = QFont()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        # Every readout is tracked; the focus only chooses which rows are drawn.
        self._ids = [r.species for r in self._readouts]
        self._colours = [self._styles.of(s).colour for s in self._ids]
        self._cols = np.array([live.index[s] for s in self._ids], dtype=np.intp)
        self._live = live
        self._values = np.full(len(self._ids), np.nan)
        self._healthy = np.full(len(self._ids), np.nan)
        self._directions: list[str] = []  # none yet: the first refresh always paints
        self._set_rows()
        self._apply_look()
        self.refresh(live.snapshot())

    # -- configuration -------------------------------------------------------------------------------
    def focus(self) -> str:
        return self._focus

    def set_focus(self, focus: str) -> None:
        """Show theca androgens ("female"), Leydig testosterone ("male") or both."""
        if check_focus(focus) != self._focus:
            self._focus = focus
            self._set_rows()
            self.updateGeometry()
            self.update()

    def set_projector(self, on: bool) -> None:
        """Large type and thick bars for a projector."""
        if bool(on) != self._projector:
            self._projector = bool(on)
            self._apply_look()

    def _set_rows(self) -> None:
        shown = {r.species for r in focused_readouts(self._readouts, self._focus)}
        self._rows = [k for k, sid in enumerate(self._ids) if sid in shown]

    def _apply_look(self) -> None:
        self._font = QFont(self.font())
        self._font.setPixelSize(26 if self._projector else 15)
        self._bold = QFont(self._font)
        self._bold.setBold(True)
        fm = QFontMetrics(self._bold)
        self._row_h = round(fm.height() * 1.55)
        self._label_w = max(fm.horizontalAdvance(r.label) for r in self._readouts)
        self._value_w = fm.horizontalAdvance("0.00")
        self._words_w = max(fm.horizontalAdvance(w) for w in _WORDS.values())
        self._gap = fm.horizontalAdvance("  ")
        self._small = QFont(self._font)
        self._small.setPixelSize(round(self._font.pixelSize() * 0.8))
        self._key_h = round(QFontMetrics(self._small).height() * 1.3)
        self.updateGeometry()
        self.update()

    # -- state ---------------------------------------------------------------------------------------
    def refresh(self, snapshot: Snapshot) -> None:
        """Show the snapshot's readouts (live or scrubbed); repaints only when something visibly changed."""
        values = self._live.normalised(snapshot.state[self._cols], self._cols)
        healthy = self._live.normalised(snapshot.healthy[self._cols], self._cols)
        directions = [_direction(v - h) for v, h in zip(values.tolist(), healthy.tolist())]
        # Repaint only for a change one can see: half a pixel of bar, a digit, or an arrow.
        half_pixel = 0.5 / self._bar_w
        if (directions == self._directions
                and np.abs(values - self._values).max(initial=0) < half_pixel
                and np.abs(healthy - self._healthy).max(initial=0) < half_pixel
                and np.array_equal(np.round(values, 2), np.round(self._values, 2))):
            return
        self._values, self._healthy, self._directions = values, healthy, directions
        self.update()

    def readings(self) -> dict[str, tuple[float, float, str]]:
        """species id -> (value, healthy value, "up" | "down" | "same") for the rows shown."""
        return {self._ids[k]: (float(self._values[k]), float(self._healthy[k]), self._directions[k])
                for k in self._rows}

    def summary(self) -> str:
        """The gauges in words, one readout per line (tooltips, screen readers, tests)."""
        return "\n".join(f"{self._readouts[k].label}: {self._values[k]:.2f}, {_WORDS[self._directions[k]]} "
                         f"({self._healthy[k]:.2f})" for k in self._rows)

    # -- painting ------------------------------------------------------------------------------------
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._size_with_bar(16 * self._gap)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._size_with_bar(8 * self._gap)

    def _size_with_bar(self, bar_w: int) -> QSize:
        width = self._label_w + self._value_w + self._words_w + 5 * self._gap + bar_w
        return QSize(width, self._key_h + self._row_h * len(self._rows) + self._gap)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), Qt.GlobalColor.white)
        fm = QFontMetrics(self._font)
        gap, row_h = self._gap, self._row_h
        bar_x = gap + self._label_w + gap
        bar_w = max(self.width() - bar_x - gap - self._value_w - gap - self._words_w - gap, 2 * gap)
        self._bar_w = bar_w
        value_x = bar_x + bar_w + gap
        words_x = value_x + self._value_w + gap
        bar_h = row_h * 0.5
        marker = QPen(TEXT, max(2.0, bar_h / 7))
        p.setFont(self._small)
        p.setPen(_KEY_TEXT)
        p.drawText(QPointF(bar_x, gap / 2 + QFontMetrics(self._small).ascent()), _KEY)
        y = gap / 2 + self._key_h
        for k in self._rows:
            v, h, d = float(self._values[k]), float(self._healthy[k]), self._directions[k]
            baseline = y + (row_h + fm.ascent() - fm.descent()) / 2
            p.setFont(self._bold if d != "same" else self._font)
            p.setPen(TEXT)
            p.drawText(QPointF(gap, baseline), self._readouts[k].label)
            track = QRectF(bar_x, y + (row_h - bar_h) / 2, bar_w, bar_h)
            p.setPen(QPen(TRACK_BORDER, 1))
            p.setBrush(TRACK_FILL)
            p.drawRoundedRect(track, 3, 3)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._colours[k])
            p.drawRoundedRect(QRectF(track.x(), track.y(), bar_w * min(max(v, 0.0), 1.0), bar_h), 3, 3)
            # The healthy value: a dark tick standing out above and below the bar.
            hx = track.x() + bar_w * min(max(h, 0.0), 1.0)
            p.setPen(marker)
            p.drawLine(QPointF(hx, track.top() - bar_h * 0.3), QPointF(hx, track.bottom() + bar_h * 0.3))
            p.setPen(TEXT)
            p.drawText(QPointF(value_x, baseline), f"{v:.2f}")
            p.drawText(QPointF(words_x, baseline), _WORDS[d])
            y += row_h
        p.end()


def _direction(delta: float) -> str:
    if delta > DIRECTION_THRESHOLD:
        return "up"
    if delta < -DIRECTION_THRESHOLD:
        return "down"
    return "same"
