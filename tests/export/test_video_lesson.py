"""Lesson steps on video as the window shows them: the runner's start states, the step's zoom and texts."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from PySide6.QtGui import QImage

from pathwayviz.canvas.framing import framed_source, step_framing
from pathwayviz.export.frame import SlideFrame
from pathwayviz.export.slide import FADE, SlideExporter
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.export.video import export_video, step_scenes
from pathwayviz.export.video_frames import VideoFrameRenderer
from pathwayviz.export.video_options import VideoOptions
from pathwayviz.lesson.loader import builtin_lesson
from pathwayviz.lesson.runner import LessonRunner
from pathwayviz.sim.live import LiveSimulation

OPTIONS = VideoOptions(640, 360, 30, 1.0)


@pytest.fixture
def lesson(pathway):
    return builtin_lesson(pathway)


def _pixels(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format_RGB32)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, :img.width(), :3].astype(int)


def _zoomed_step(lesson) -> int:
    return next(k for k, s in enumerate(lesson.steps) if "jnk" in s.zoom)


def test_each_step_starts_from_the_runners_settled_state_not_where_the_last_clip_stopped(app, pathway, lesson,
                                                                                           monkeypatch, tmp_path):
    """A short clip does not settle; the next step must still start where the lesson runner says."""
    starts = []
    real_begin = VideoFrameRenderer.begin_scene

    def begin(self, frame, keep_clock=False):
        if not keep_clock:  # a step's first region starts it; its other regions continue it
            starts.append(self.live.state.copy())
        real_begin(self, frame, keep_clock)

    monkeypatch.setattr(VideoFrameRenderer, "begin_scene", begin)
    live = LiveSimulation(pathway)
    options = VideoOptions(320, 180, 24, 0.125, hold=0.0)
    export_video(step_scenes(lesson, live, options), live, tmp_path / "lesson.mp4", options)
    runner = LessonRunner(lesson, pathway)
    assert len(starts) == len(lesson.steps)
    moved = 0
    for k, state in enumerate(starts):
        expected = LiveSimulation(pathway)
        expected.set_perturbations(runner.entry(k).perturbations)
        start = runner.start(k)
        expected.restore(0.0, start.state, start.healthy)
        np.testing.assert_allclose(state, expected.state, atol=1e-9, err_msg=lesson.steps[k].id)
    # The state left by step k-1's short clip is not where step k starts: the runner's state is used.
    for k in range(1, len(starts)):
        moved += not np.allclose(starts[k], _end_of_clip(pathway, lesson, runner, k - 1, options), atol=1e-3)
    assert moved >= len(starts) // 2


def _end_of_clip(pathway, lesson, runner, k, options):
    live = LiveSimulation(pathway)
    live.set_perturbations(runner.entry(k).perturbations)
    start = runner.start(k)
    live.restore(0.0, start.state, start.healthy)
    for _ in range(options.frames(options.seconds)):
        live.advance(options.minutes_per_frame)
    return live.state


def test_a_zoomed_step_is_framed_as_the_presentation_frames_it(app, pathway, lesson):
    k = _zoomed_step(lesson)
    step = lesson.steps[k]
    live = LiveSimulation(pathway)
    scene = step_scenes(lesson, live, OPTIONS, k)[0]
    assert scene.zoom == tuple(step.zoom) and scene.title == step.title and scene.caption == step.caption
    renderer = VideoFrameRenderer(live, OPTIONS)
    frame = scene.begin(live)
    assert (frame.title, frame.caption, frame.zoom) == (step.title, step.caption, tuple(step.zoom))
    renderer.begin_scene(frame)
    zoomed = _pixels(renderer.frame(0.0))
    lay = renderer.slide.layout
    area = lay.diagram_target
    # The one framing rule: the step's frame (as the window's lesson controller frames it), widened
    # to the diagram area's shape with room for the faded edges.
    assert lay.diagram_source == framed_source(renderer.scene, step.zoom, area.width() / area.height(),
                                               FADE / area.width())
    framing = step_framing(renderer.scene, step.zoom)
    assert lay.diagram_source.contains(framing)
    assert lay.diagram_source.width() < 0.8 * renderer.scene.diagram_rect().width()

    # The same step without its zoom: the same texts and readouts, a different diagram.
    renderer.begin_scene(dataclasses.replace(frame, zoom=()))
    whole = _pixels(renderer.frame(0.0))
    whole_lay = renderer.slide.layout
    title_band = slice(0, int(lay.title_top * lay.scale + 40 * lay.scale))
    assert np.array_equal(zoomed[title_band], whole[title_band])
    target = lay.diagram_target_pixels()
    rows = slice(int(target.top()), int(target.bottom()))
    cols = slice(int(target.left()), int(target.right()))
    differs = (np.abs(zoomed[rows, cols] - whole[rows, cols]).sum(axis=2) > 60).mean()
    assert differs > 0.2

    # Where the zoomed frame draws JNK: its node, larger than in the whole view, drawn where the
    # still slide of the same frame draws it (video and slide share the framing).
    node = renderer.scene.molecules["jnk"].node_rect()
    in_zoom, in_whole = lay.scene_to_image(node), whole_lay.scene_to_image(node)
    assert in_zoom.width() > 1.3 * in_whole.width()
    still = SlideExporter(frame, SlideOptions(OPTIONS.width, OPTIONS.height, OPTIONS.theme, include_plots=False))
    still_pixels = _pixels(still.render())
    inner = in_zoom.adjusted(in_zoom.width() * 0.2, in_zoom.height() * 0.2, -in_zoom.width() * 0.2,
                             -in_zoom.height() * 0.2)
    r = slice(int(inner.top()), int(inner.bottom()))
    c = slice(int(inner.left()), int(inner.right()))
    assert np.abs(zoomed[r, c] - still_pixels[r, c]).max() <= 24
    assert np.abs(zoomed[r, c] - whole[r, c]).sum(axis=2).mean() > 30


def test_a_zoomed_frames_cut_edges_fade_over_the_moving_layer(app, pathway, lesson):
    """The pulses and nodes drawn per frame fade out at the crop like the still slide's diagram."""
    k = _zoomed_step(lesson)
    live = LiveSimulation(pathway)
    scene = step_scenes(lesson, live, OPTIONS, k)[0]
    renderer = VideoFrameRenderer(live, OPTIONS)
    renderer.begin_scene(scene.begin(live))
    pixels = _pixels(renderer.frame(0.0))
    lay = renderer.slide.layout
    full, src = renderer.scene.diagram_rect(), lay.diagram_source
    assert src.right() < full.right() - 0.5  # this step's frame cuts the diagram on the right
    target = lay.diagram_target_pixels()
    edge_col = int(target.right()) - 1
    column = pixels[int(target.top()):int(target.bottom()), edge_col]
    background = np.array([int(renderer.scene.theme.background[k:k + 2], 16) for k in (1, 3, 5)])
    # Faded into the background at the cut (the last pixel column keeps under a tenth of the content,
    # so a dark fill or an antialiased line leaves a few levels; an unfaded column differs by 60 and more).
    assert np.abs(column - background).max() <= 24


def test_frame_carries_the_texts_the_slide_draws(app, pathway, lesson):
    live = LiveSimulation(pathway)
    step = lesson.steps[_zoomed_step(lesson)]
    frame = SlideFrame.of_step(live, step)
    slide = SlideExporter(frame, SlideOptions(640, 360))
    assert " ".join(slide.layout.title_lines) == step.title
    assert slide.layout.caption_lines and slide.zoom == tuple(step.zoom)
    assert slide.alt_text().startswith(step.title)
    untitled = SlideExporter(dataclasses.replace(frame, title="", caption=""), SlideOptions(640, 360))
    assert untitled.layout.title_lines == [] and untitled.layout.caption_lines == []
