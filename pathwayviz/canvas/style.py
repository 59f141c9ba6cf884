"""Visual language: themes, the activity colour scale and the badge colours.

The activity scale is a sequential light-to-dark ramp (ColorBrewer OrRd), which is perceptually
ordered and safe for colour-blind viewers because lightness alone carries the value; inactive
nodes fade to a neutral light grey.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor

# ColorBrewer OrRd (9-class) anchors, from no activity to full activity.
_RAMP = ["#f2f2f2", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000"]
_RAMP_RGB = [QColor(c).getRgb()[:3] for c in _RAMP]
_LUT = []
for _k in range(256):
    _x = _k / 255 * (len(_RAMP_RGB) - 1)
    _i = min(int(_x), len(_RAMP_RGB) - 2)
    _f = _x - _i
    _a, _b = _RAMP_RGB[_i], _RAMP_RGB[_i + 1]
    _LUT.append(QColor(*(round(_a[j] + (_b[j] - _a[j]) * _f) for j in range(3))))

# Okabe–Ito, for things that need distinct hues (badges, plots).
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}


def activity_color(value: float) -> QColor:
    """Fill colour for an activity in [0, 1]."""
    v = 0.0 if value != value else min(max(value, 0.0), 1.0)
    return _LUT[int(round(v * 255))]


def text_color_on(value: float) -> QColor:
    """Black on light fills, white on dark ones."""
    return QColor("#ffffff") if value > 0.62 else QColor("#111111")


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


LIGHT = Theme("light", background="#ffffff", text="#1a1a1a", edge="#4d4d4d", inhibit_edge="#7a1f1f",
              node_border="#333333", font_px=17, small_font_px=13, edge_width=2.2, node_border_width=1.6,
              compartment_alpha=255, pulse_color=OKABE_ITO["blue"], highlight=OKABE_ITO["sky"])
# For washed-out projectors: bigger type, thicker strokes, stronger contrast.
PROJECTOR = Theme("projector", background="#ffffff", text="#000000", edge="#222222", inhibit_edge="#6b0000",
                  node_border="#000000", font_px=24, small_font_px=18, edge_width=3.6, node_border_width=2.6,
                  compartment_alpha=255, pulse_color=OKABE_ITO["blue"], highlight=OKABE_ITO["blue"])
THEMES = {"light": LIGHT, "projector": PROJECTOR}

BADGE_COLORS = {"ptyr": OKABE_ITO["green"], "pser": OKABE_ITO["vermillion"]}

COMPARTMENT_FILLS = {
    "extracellular": "#f3f8fc", "membrane": "#e9d9a6", "cytoplasm": "#fbfaf5", "organelle": "#eef3e6",
    "tissue": "#f5f0f7", "nucleus": "#eef0fa",
}
