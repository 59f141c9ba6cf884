"""The 256-colour GIF palette, built from what the diagram draws rather than from a generic cube.

Most of the palette is the activity ramp, so node fills keep their graded steps (a generic
palette bands them and the value becomes unreadable); the rest are the theme's own colours, their
antialiasing blends towards white, and a small RGB cube for anything else. A 15-bit lookup table
maps every colour to its nearest entry, so quantising a frame is one indexing operation.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from ..canvas.style import BADGE_COLORS, COMPARTMENT_FILLS, Theme, activity_color
from ..theme.palette import OKABE_ITO

PALETTE_SIZE = 256
CUBE_LEVELS = 4          # 4³ = 64 entries catch colours the diagram does not use often
BLEND_STEPS = 6          # antialiased edges of strokes, pulses and badges over light backgrounds


def _rgb(colour) -> tuple[int, int, int]:
    c = QColor(colour)
    return c.red(), c.green(), c.blue()


def _blends(colour, steps: int) -> list[tuple[int, int, int]]:
    r, g, b = _rgb(colour)
    return [(round(r + (255 - r) * t), round(g + (255 - g) * t), round(b + (255 - b) * t))
            for t in np.linspace(0.0, 1.0, steps + 2)[1:-1]]


def palette_colours(theme: Theme) -> list[tuple[int, int, int]]:
    """The palette's RGB entries for ``theme``: fixed colours first, then the activity ramp."""
    fixed = [_rgb(c) for c in (theme.background, theme.text, theme.edge, theme.inhibit_edge, theme.node_border,
                               theme.pulse_color, theme.highlight, "#ffffff", "#000000", "#8c8c8c", "#b0b0b0")]
    fixed += [_rgb(c) for c in (*OKABE_ITO.values(), *BADGE_COLORS.values(), *COMPARTMENT_FILLS.values())]
    fixed += [(v, v, v) for v in np.linspace(0, 255, 24).round().astype(int).tolist()]
    for colour in (theme.pulse_color, theme.inhibit_edge, theme.highlight, *BADGE_COLORS.values()):
        fixed += _blends(colour, BLEND_STEPS)
    levels = np.linspace(0, 255, CUBE_LEVELS).round().astype(int).tolist()
    fixed += [(r, g, b) for r in levels for g in levels for b in levels]
    colours = list(dict.fromkeys(fixed))
    ramp_room = PALETTE_SIZE - len(colours)
    ramp: list[tuple[int, int, int]] = []
    n = ramp_room
    while len(ramp) < ramp_room and n < 4 * PALETTE_SIZE:  # neighbouring levels can coincide; sample finer
        ramp = list(dict.fromkeys(_rgb(activity_color(k / (n - 1))) for k in range(n)))
        ramp = [c for c in ramp if c not in set(colours)]
        n += 8
    return (colours + ramp[:ramp_room] + [(0, 0, 0)] * PALETTE_SIZE)[:PALETTE_SIZE]


def ramp_palette(theme: Theme) -> tuple[np.ndarray, np.ndarray]:
    """(palette as 256×4 ARGB bytes for PyAV's pal8 frames, 32768-entry lookup from 5-bit RGB)."""
    colours = np.array(palette_colours(theme), dtype=np.float32)
    argb = np.zeros((PALETTE_SIZE, 4), np.uint8)
    argb[:, 0] = 255
    argb[:, 1:] = colours.astype(np.uint8)
    codes = np.arange(32768)
    centres = np.stack([(codes >> 10) & 31, (codes >> 5) & 31, codes & 31], axis=1).astype(np.float32) * 8 + 4
    lut = np.empty(32768, np.uint8)
    # "Redmean" weighting: a cheap approximation of perceived distance between sRGB colours.
    for start in range(0, 32768, 4096):
        c = centres[start:start + 4096, None, :]
        d = c - colours[None, :, :]
        rmean = (c[..., 0] + colours[None, :, 0]) / 2
        dist = (2 + rmean / 256) * d[..., 0] ** 2 + 4 * d[..., 1] ** 2 + (2 + (255 - rmean) / 256) * d[..., 2] ** 2
        lut[start:start + 4096] = dist.argmin(axis=1)
    return argb, lut
