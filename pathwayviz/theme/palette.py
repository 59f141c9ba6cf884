"""The colours and line patterns PathwayViz draws with, as plain hex strings (no Qt here).

Hues come from Okabe & Ito (2008), distinguishable under the common colour-vision deficiencies;
activity is a sequential light-to-dark ramp (ColorBrewer OrRd), so lightness alone carries value.
Readouts keep one colour wherever they are drawn: on screen, on slides and in videos.
"""

from __future__ import annotations

from collections.abc import Iterable

OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}

#: ColorBrewer OrRd (9-class) anchors, from no activity (a neutral light grey) to full activity.
ACTIVITY_RAMP = ("#f2f2f2", "#fee8c8", "#fdd49e", "#fdbb84", "#fc8d59", "#ef6548", "#d7301f", "#b30000", "#7f0000")

#: The built-in readouts' colours (Okabe–Ito names); readouts of other pathways take FALLBACK in order.
READOUT_COLOURS = {"hgp": "vermillion", "dnl": "orange", "theca_androgens": "purple",
                   "leydig_testosterone": "blue", "plasma_insulin": "green", "blood_glucose": "black"}
READOUT_FALLBACK = ("vermillion", "orange", "purple", "blue", "green", "black", "sky")
#: Traces, their healthy references and other lines on a plot's white get at least this contrast
#: (WCAG 2.1 non-text contrast, 1.4.11); lighter hues are darkened towards black until they do.
MIN_LINE_CONTRAST = 3.0
PLOT_BACKGROUND = "#ffffff"

#: The healthy reference trace: dash and gap, in pen widths (plots, slides and videos alike).
HEALTHY_DASH = (4.0, 2.5)
#: Inhibition edges are dashed (in pen widths) so they differ from activation without hue.
INHIBIT_DASHES = (3.0, 1.6)
#: How far a healthy-reference trace is lightened towards white from its readout colour.
HEALTHY_LIGHTEN = 0.45


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb``."""
    def channel(c: int) -> float:
        c = c / 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(hex_colour[i:i + 2], 16)) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, 1 (same) to 21 (black on white)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def darkened_to(hex_colour: str, ratio: float = MIN_LINE_CONTRAST, background: str = PLOT_BACKGROUND) -> str:
    """``hex_colour`` itself when it reaches ``ratio`` against ``background``, else the least mix of it
    towards black that does (the hue stays; only the lightness drops)."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    for k in range(101):
        f = 1 - k / 100
        out = "#" + "".join(f"{round(c * f):02x}" for c in rgb)
        if contrast(out, background) >= ratio:
            return out if k else hex_colour
    return "#000000"


#: Pinned nodes: sky blue (no built-in readout uses it), then Paul Tol's muted hues unlike the readouts',
#: each darkened where needed to 3:1 on white. Yellow is left out: it vanishes on white.
PIN_COLOURS = tuple(darkened_to(c) for c in (OKABE_ITO["sky"], "#882255", "#999933", "#332288", "#44AA99",
                                               "#CC6677"))


def readout_colours(readout_species: Iterable[str]) -> dict[str, str]:
    """The hex colour of each readout species, in the order given (the pathway's readout order),
    darkened where needed to 3:1 on white (Okabe–Ito orange and sky blue are lighter than that)."""
    colours = {}
    for k, sid in enumerate(readout_species):
        colours[sid] = darkened_to(OKABE_ITO[READOUT_COLOURS.get(sid, READOUT_FALLBACK[k % len(READOUT_FALLBACK)])])
    return colours


def healthy_colour(hex_colour: str) -> str:
    """The healthy-reference trace of a readout drawn in ``hex_colour``: lighter, dashed elsewhere,
    and still 3:1 on white."""
    return darkened_to(lighter(hex_colour, HEALTHY_LIGHTEN))


def lighter(hex_colour: str, towards_white: float) -> str:
    """``hex_colour`` mixed towards white by ``towards_white`` (0 = unchanged, 1 = white)."""
    rgb = [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * towards_white):02x}" for c in rgb)
