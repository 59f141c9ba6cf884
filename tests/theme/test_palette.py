"""One palette: readouts get the same colour on screen, on slides and in decks, for any pathway."""

from __future__ import annotations

import copy

import pytest

from pathwayviz.model.pathway import Readout
from pathwayviz.theme.palette import OKABE_ITO, PIN_COLOURS, READOUT_FALLBACK, darkened_to, lighter, readout_colours


def test_builtin_readouts_keep_their_named_colours_wherever_they_stand():
    colours = readout_colours(["blood_glucose", "hgp", "dnl"])
    assert colours == {"blood_glucose": OKABE_ITO["black"], "hgp": OKABE_ITO["vermillion"],
                       "dnl": darkened_to(OKABE_ITO["orange"])}  # orange darkened to 3:1 on white


def test_other_pathways_take_the_fallback_hues_by_position():
    colours = readout_colours(["x", "y", "hgp"])
    assert colours["x"] == darkened_to(OKABE_ITO[READOUT_FALLBACK[0]])
    assert colours["y"] == darkened_to(OKABE_ITO[READOUT_FALLBACK[1]])
    assert len(set(readout_colours(f"r{k}" for k in range(len(READOUT_FALLBACK))).values())) == len(READOUT_FALLBACK)


def test_lighter_mixes_towards_white():
    assert lighter("#000000", 0.5) == "#808080"
    assert lighter("#D55E00", 0.0).lower() == "#d55e00" and lighter("#D55E00", 1.0) == "#ffffff"


@pytest.fixture
def other_pathway(pathway):
    """The built-in model with its readouts in another order and one readout renamed away."""
    other = copy.copy(pathway)
    readouts = list(reversed(pathway.readouts))
    other.readouts = [Readout("erk", "ERK activity"), *readouts[1:]]
    return other


def test_slide_plot_colours_equal_the_window_trace_colours(qapp, other_pathway):
    from pathwayviz.export.slide import SlideExporter
    from pathwayviz.export.slide_options import SlideOptions
    from pathwayviz.plots.style import TraceStyles
    from pathwayviz.sim.live import LiveSimulation

    plotted = [r.species for r in other_pathway.readouts] + ["akt", "pi3k"]  # two pinned nodes too
    slide = SlideExporter.of_live(LiveSimulation(other_pathway), SlideOptions(width=640, height=360),
                          plot_species=plotted)
    on_screen = TraceStyles(other_pathway.readouts)
    on_slide = slide.plots.colours()
    assert {sid: c.name() for sid, c in on_slide.items()} == {sid: on_screen.of(sid).colour.name() for sid in plotted}
    assert on_slide["akt"].name() == PIN_COLOURS[0].lower() and on_slide["erk"].name() == OKABE_ITO["vermillion"].lower()
