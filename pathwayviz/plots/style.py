"""Colours, markers and the biological-sex focus rule shared by the time courses and the gauges.

Colours are Okabe–Ito (distinguishable with the common colour-vision deficiencies); every trace
also has its own marker and a name, so colour is never the only cue.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

from ..model.pathway import Readout
from ..theme.palette import PIN_COLOURS, healthy_colour, readout_colours

_SYMBOLS = ["o", "s", "t1", "d", "t", "star", "t2", "t3", "p", "h", "x", "+"]
# Thin shapes drawn larger, so that every marker looks about as big as the circle.
_SYMBOL_SCALE = {"d": 1.35, "star": 1.5, "x": 1.2, "+": 1.2}

FOCI = ("both", "female", "male")
# Which readout tissues each focus leaves out (ovary: theca androgens; testis: Leydig testosterone).
_HIDDEN_TISSUES = {"both": frozenset(), "female": frozenset({"testis"}), "male": frozenset({"ovary"})}

TEXT = QColor("#1a1a1a")
AXIS = QColor("#333333")
CURSOR = QColor("#444444")


def check_focus(focus: str) -> str:
    if focus not in _HIDDEN_TISSUES:
        raise ValueError(f"focus must be one of {', '.join(FOCI)}, not {focus!r}")
    return focus


def focused_readouts(readouts: list[Readout], focus: str) -> list[Readout]:
    """The readouts shown under a biological-sex focus ("both", "female" or "male")."""
    hidden = _HIDDEN_TISSUES[check_focus(focus)]
    return [r for r in readouts if r.tissue not in hidden]


def lighter(colour: QColor, towards_white: float = 0.5) -> QColor:
    """``colour`` mixed towards white (0 = unchanged, 1 = white)."""
    r, g, b = colour.red(), colour.green(), colour.blue()
    mix = lambda c: round(c + (255 - c) * towards_white)  # noqa: E731
    return QColor(mix(r), mix(g), mix(b))


@dataclass(frozen=True)
class TraceStyle:
    colour: QColor
    healthy_colour: QColor
    symbol: str

    def marker_size(self, px: int) -> int:
        return round(px * _SYMBOL_SCALE.get(self.symbol, 1.0))


class TraceStyles:
    """A stable colour and marker per species: readouts have fixed ones, pins take the next free."""

    def __init__(self, readouts: list[Readout]):
        self._styles: dict[str, TraceStyle] = {}
        for k, (sid, colour) in enumerate(readout_colours(r.species for r in readouts).items()):
            self._styles[sid] = self._make(colour, k)
        self._next = 0

    @staticmethod
    def _make(colour: str, k: int) -> TraceStyle:
        c = QColor(colour)
        return TraceStyle(c, QColor(healthy_colour(c.name())), _SYMBOLS[k % len(_SYMBOLS)])

    def of(self, species_id: str) -> TraceStyle:
        style = self._styles.get(species_id)
        if style is None:
            k = len(self._styles)
            style = self._make(PIN_COLOURS[self._next % len(PIN_COLOURS)], k)
            self._next += 1
            self._styles[species_id] = style
        return style


class Look:
    """Sizes of the time courses for the normal and the projector look."""

    def __init__(self, projector: bool):
        self.font_px = 22 if projector else 14
        self.tick_px = 20 if projector else 13
        self.line_width = 4.0 if projector else 2.75
        self.cursor_width = 3.0 if projector else 2.0
        self.marker_px = 16 if projector else 12
