"""Slides render an immutable frame: the live simulation and the window's scene stay untouched."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.export.frame import SlideFrame
from pathwayviz.export.headless import headless_application
from pathwayviz.export.slide import SlideExporter
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

SMALL = SlideOptions(480, 270)


@pytest.fixture(scope="module")
def app(qapp):
    font = qapp.font()
    yield headless_application()
    qapp.setFont(font)


def _running(pathway, toggles=()):
    live = LiveSimulation(pathway)
    p = Perturbations.defaults(pathway)
    p.inputs["insulin"] = 0.6
    p.toggles.update({k: 1.0 for k in toggles})
    live.set_perturbations(p)
    live.reset()
    for _ in range(20):
        live.advance(1.0)
    return live


def test_a_frame_is_a_read_only_copy(app, pathway):
    live = _running(pathway, ("jnk",))
    frame = SlideFrame.capture(live, highlight=["akt"], zoom=["irs1_ptyr"])
    assert frame.highlight == ("akt",) and frame.zoom == ("irs1_ptyr",)
    assert frame.value("akt") == pytest.approx(live.value("akt"))
    with pytest.raises(ValueError):
        frame.snapshot.state[0] = 1.0
    times, curves = frame.traces.times, frame.traces.curves
    assert set(curves) == {r.species for r in pathway.readouts} and len(times) == len(live.history)
    live.advance(30.0)  # the window keeps animating; the frame does not follow
    live.set_perturbations(Perturbations.defaults(pathway))
    assert frame.perturbations.toggles == {"jnk": 1.0}
    assert frame.value("akt") != pytest.approx(live.value("akt"), abs=1e-6)


def test_rendering_never_touches_the_live_simulation(app, pathway):
    live = _running(pathway, ("jnk", "ikk"))
    before = (live.time, live.state.copy(), live.healthy.copy(), len(live.history), live.perturbations)
    SlideExporter.of_live(live, SMALL, highlight=["akt"]).render()
    assert (live.time, len(live.history), live.perturbations) == (before[0], before[3], before[4])
    np.testing.assert_array_equal(live.state, before[1])
    np.testing.assert_array_equal(live.healthy, before[2])


def test_the_same_frame_gives_the_same_pixels_however_the_simulation_moves_on(app, pathway):
    live = _running(pathway, ("pkc",))
    frame = SlideFrame.capture(live)
    first = SlideExporter(frame, SMALL).render()
    live.advance(60.0)
    live.set_perturbations(Perturbations.defaults(pathway))
    live.settle()
    assert SlideExporter(frame, SMALL).render() == first
    assert SlideExporter.of_live(live, SMALL).render() != first  # a new frame of the new state differs


def test_the_window_scene_is_not_the_export_scene(main_window):
    slide = main_window.slide_export.current_slide(SMALL)
    assert slide.scene is not main_window.scene
    highlighted = [sid for sid, item in main_window.scene.molecules.items() if item.highlighted]
    slide.render()
    assert [sid for sid, item in main_window.scene.molecules.items() if item.highlighted] == highlighted
