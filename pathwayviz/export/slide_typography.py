"""Type sizes of slides, per theme, in layout pixels of the 1920×1080 design canvas."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Typography:
    """Type sizes (layout pixels) and stroke width of one slide theme."""

    title: int
    caption: int
    legend: int
    plot: int
    footer: int
    line: float  # stroke width of legend glyphs and plot traces


TYPOGRAPHY = {"light": Typography(title=52, caption=32, legend=22, plot=20, footer=18, line=3.0),
         "projector": Typography(title=56, caption=32, legend=24, plot=21, footer=19, line=3.6)}
