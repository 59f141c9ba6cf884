"""Visual language: themes, the activity colour scale and the badge colours.

The activity scale is a sequential light-to-dark ramp (ColorBrewer OrRd), which is perceptually
ordered and safe for colour-blind viewers because lightness alone carries the value; inactive
nodes fade to a neutral light grey.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QColor

from ..theme.palette import ACTIVITY_RAMP, OKABE_ITO

_RAMP_RGB = [QColor(c).getRgb()[:3] for c in ACTIVITY_RAMP]
_LUT = []
for _k in range(256):
    _x = _k / 255 * (len(_RAMP_RGB) - 1)
    _i = min(int(_x), len(_RAMP_RGB) - 2)
    _f = _x - _i
    _a, _b = _RAMP_RGB[_i], _RAMP_RGB[_i + 1]
    _LUT.append(QColor(*(round(_a[j] + (_b[j] - _a[j]) * _f) for j in range(3))))



def activity_color(value: float) -> QColor:
    """Fill colour for an activity in [0, 1]."""
    v = 0.0 if value != value else min(max(value, 0.0), 1.0)
    return _LUT[int(round(v * 255))]


TEXT_DARK, TEXT_LIGHT = "#111111", "#ffffff"
MIN_TEXT_CONTRAST = 7.0      # WCAG AAA for text
MIN_GRAPHIC_CONTRAST = 3.0   # WCAG non-text contrast (lines, rings, borders)


def relative_luminance(colour) -> float:
    """WCAG 2.x relative luminance of a colour (QColor, '#rrggbb' or an (r, g, b) tuple of 0..255)."""
    if isinstance(colour, str):
        colour = QColor(colour)
    if isinstance(colour, QColor):
        colour = colour.getRgb()[:3]

    def channel(c: float) -> float:
        c = c / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(float(c)) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a, b) -> float:
    """WCAG contrast ratio between two colours, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)))
    return (lb + 0.05) / (la + 0.05)


@dataclass(frozen=True)
class LabelInk:
    """How a label is drawn on a fill: its colour and, where the fill alone is too weak, a halo."""

    text: QColor
    halo: QColor | None


def label_ink(value: float) -> LabelInk:
    """Dark or light letters, whichever contrasts more with the fill at ``value``.

    The mid-ramp oranges and reds give neither black nor white 7:1, so there the letters get a
    halo of the opposite colour and are read against the halo rather than the fill.
    """
    fill = activity_color(value)
    dark, light = contrast_ratio(fill, TEXT_DARK), contrast_ratio(fill, TEXT_LIGHT)
    if dark >= MIN_TEXT_CONTRAST:
        return LabelInk(QColor(TEXT_DARK), None)
    if light >= MIN_TEXT_CONTRAST:
        return LabelInk(QColor(TEXT_LIGHT), None)
    return LabelInk(QColor(TEXT_DARK), QColor(TEXT_LIGHT))


def text_color_on(value: float) -> QColor:
    """The letter colour for a fill at ``value`` (see label_ink for the halo)."""
    return label_ink(value).text


@dataclass(frozen=True)
class Theme:
    name: str
    background: str
    text: str
    edge: str
    inhibit_edge: str
    node_border: str
    font_px: int
    small_font_px: int
    edge_width: float
    node_border_width: float
    compartment_alpha: int
    pulse_color: str
    highlight: str


# The light theme is what slides, lesson exports, videos and decks draw in by default: its type is
# the projector's size, so a zoomed step slide at 1920×1080 has ≥ 32 px labels like the presentation.
LIGHT = Theme("light", background="#ffffff", text="#1a1a1a", edge="#4d4d4d", inhibit_edge="#7a1f1f",
              node_border="#333333", font_px=24, small_font_px=18, edge_width=2.2, node_border_width=1.6,
              compartment_alpha=255, pulse_color=OKABE_ITO["blue"], highlight=OKABE_ITO["sky"])
# For washed-out projectors: bigger type, thicker strokes, stronger contrast.
PROJECTOR = Theme("projector", background="#ffffff", text="#000000", edge="#222222", inhibit_edge="#6b0000",
                  node_border="#000000", font_px=24, small_font_px=18, edge_width=3.6, node_border_width=2.6,
                  compartment_alpha=255, pulse_color=OKABE_ITO["blue"], highlight=OKABE_ITO["sky"])
# The main window's diagram: the light theme with type large enough to read at a desk (labels at
# least 16 px on screen when the diagram is fitted into the window at 1920×1080).
SCREEN = replace(LIGHT, name="screen", font_px=22, small_font_px=17)
THEMES = {"light": LIGHT, "projector": PROJECTOR}

# Phospho-state badges: dark enough for white letters at 7:1, and told apart without colour too
# (pY is a pill with round ends, pSer a box with square corners; the letters differ as well).
BADGE_COLORS = {"ptyr": "#00593f", "pser": "#8a3300"}
BADGE_ON_LEVEL = 0.25  # at or above this phospho level the badge is drawn solid ("present")
# Rings around a node: a black band outside a bright core, so one of the two meets 3:1 against
# any background or fill. Highlight (lesson) and selection (keyboard focus) differ in core colour.
RING_DARK = "#000000"
SELECTION_CORE = OKABE_ITO["yellow"]
FOCUS_FRAME = OKABE_ITO["blue"]  # round the diagram while it has the keyboard focus (5.2:1 on white)

COMPARTMENT_FILLS = {
    "extracellular": "#f3f8fc", "membrane": "#e9d9a6", "cytoplasm": "#fbfaf5", "organelle": "#eef3e6",
    "tissue": "#f5f0f7", "nucleus": "#eef0fa",
}
