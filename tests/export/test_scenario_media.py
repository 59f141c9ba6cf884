"""``export --scenario ID --video`` and ``--pptx``, and lesson exports of scenario steps, read back."""

from __future__ import annotations

import av
import numpy as np
import pytest
from pptx import Presentation

from pathwayviz.__main__ import main
from pathwayviz.export.headless import headless_application
from pathwayviz.export.lesson_export import simulate_step, step_slide
from pathwayviz.export.scenario_export import scenario_lesson
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.export.video import scenario_scenes, step_scenes
from pathwayviz.export.video_frames import VideoFrameRenderer
from pathwayviz.export.video_options import VideoOptions
from pathwayviz.lesson.loader import build_lesson
from pathwayviz.model.scenario_refs import resolve_scenario
from pathwayviz.model.yamlio import load_yaml
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations
from pathwayviz.sim.scenario_run import run_scenario


@pytest.fixture(scope="module")
def app(qapp):
    font = qapp.font()
    yield headless_application()
    qapp.setFont(font)


def _named(slide, name):
    return [shape for shape in slide.shapes if shape.name == name]


def test_a_scenario_clip_plays_the_whole_run_in_the_seconds_asked(app, tmp_path, capsys):
    out = tmp_path / "ogtt.mp4"
    code = main(["export", "--scenario", "ogtt", "--preset", "t2d", "--video", str(out), "--seconds", "1",
                 "--fps", "24", "--size", "320x180"])
    assert code == 0, capsys.readouterr().err
    with av.open(str(out)) as container:
        s = container.streams.video[0]
        assert (s.width, s.height, s.average_rate, s.frames) == (320, 180, 24, 24)
        assert float(s.duration * s.time_base) == pytest.approx(1.0)
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    change = np.abs(frames[-1].astype(int) - frames[0].astype(int)).mean(axis=2)
    assert (change > 40).sum() > 50  # the glucose drink recolours the diagram


def test_the_clip_overlay_reads_the_scenario_clock_and_ends_at_its_end(app, pathway):
    day = resolve_scenario("day", pathway)
    options = VideoOptions(320, 180, 24, 1.25)
    (clip,) = scenario_scenes(Perturbations.defaults(pathway), day, options)
    assert clip.minutes_per_frame(options) == pytest.approx(1440 / 29)  # 30 frames: the first at 07:00, the last at its end
    live = LiveSimulation(pathway)
    renderer = VideoFrameRenderer(live, options)
    renderer.scenario = clip.scenario
    renderer.begin_scene(clip.begin(live))
    assert renderer.clock_text() == "07:00 · 0 min in"
    for _ in range(options.frames(clip.seconds)):
        clip.advance(live, clip.minutes_per_frame(options))
    assert live.time == pytest.approx(1440.0)
    clip.advance(live, 60.0)
    assert live.time == pytest.approx(1440.0)  # never past its end
    live.start_scenario(day)
    live.run_scenario_to(18 * 60.0)
    assert renderer.clock_text() == "01:00 · 1080 min in · asleep"


def test_a_scenario_deck_has_one_slide_per_reading_with_its_values(app, pathway, tmp_path, capsys):
    out = tmp_path / "ogtt.pptx"
    assert main(["export", "--scenario", "ogtt", "--preset", "t2d", "--pptx", str(out)]) == 0, capsys.readouterr()
    prs = Presentation(str(out))
    titles = [_named(slide, "Title")[0].text_frame.text for slide in prs.slides]
    assert titles[:5] == ["08:00 · 0 min", "08:30 · 30 min", "09:00 · 60 min", "09:30 · 90 min", "10:00 · 120 min"]
    caption = _named(prs.slides[4], "Caption")[0].text_frame.text
    assert caption.startswith("Oral glucose tolerance test (75 g) at 10:00, 120 min after its start")
    # The glucose chart of the 120-minute slide ends at the simulated T2D glucose at 120 minutes.
    t2d = Perturbations.from_preset(pathway, "t2d")
    run = run_scenario(Engine(pathway), t2d, resolve_scenario("ogtt", pathway))
    label = next(r.label for r in pathway.readouts if r.species == "blood_glucose")
    chart = _named(prs.slides[4], "Chart: " + label)[0].chart
    assert list(chart.plots[0].series[0].values)[-1] == pytest.approx(run.at("blood_glucose", 120.0), abs=2e-3)


def test_lesson_exports_show_a_scenario_step_at_its_moment(app, pathway, tmp_path):
    text = ("format: pathwayviz-lesson/1\ntitle: T\nsteps:\n"
            "  - {id: a, title: A, caption: Fasting.}\n"
            "  - {id: b, title: B, caption: OGTT at 90 min., scenario: ogtt, at: \"90 min\"}\n")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    lesson = build_lesson(load_yaml(tmp_path / "t.yaml"), "t.yaml", pathway, str(tmp_path / "t.yaml"))
    live = LiveSimulation(pathway)
    simulate_step(live, lesson, 1)
    assert live.scenario.id == "ogtt" and live.time == pytest.approx(90.0)
    slide = step_slide(live, lesson, 1, SlideOptions(960, 540))
    assert slide.frame.time_label == "of scenario 'ogtt' from 08:00"
    assert slide.frame.traces.times[-1] == pytest.approx(90.0)
    simulate_step(live, lesson, 0)
    assert live.scenario is None
    options = VideoOptions(320, 180, 24, 1.0)
    scenes = step_scenes(lesson, live, options)
    assert scenes[0].scenario is None and scenes[1].scenario.id == "ogtt" and scenes[1].until == 90.0


def test_a_scenario_lesson_steps_through_its_readings(pathway):
    day = resolve_scenario("day", pathway)
    lesson = scenario_lesson(day, "day", Perturbations.defaults(pathway), pathway)
    assert [s.at for s in lesson.steps] == list(day.readings) and all(s.scenario == "day" for s in lesson.steps)


def test_a_scenario_step_shown_region_by_region_plays_on_across_the_cut(app, pathway, tmp_path):
    text = ("format: pathwayviz-lesson/1\ntitle: T\nsteps:\n"
            "  - {id: b, title: B, caption: OGTT., scenario: ogtt, at: 1 h, regions: [[insulin], [blood_glucose]]}\n")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    lesson = build_lesson(load_yaml(tmp_path / "t.yaml"), "t.yaml", pathway, str(tmp_path / "t.yaml"))
    live = LiveSimulation(pathway)
    options = VideoOptions(320, 180, 24, 1.0)
    scenes = step_scenes(lesson, live, options)
    assert [(s.restart, s.continues()) for s in scenes] == [(True, False), (False, True)]
    for scene in scenes:
        scene.begin(live)
        for _ in range(options.frames(scene.seconds)):
            scene.advance(live, scene.minutes_per_frame(options))
        if scene is scenes[0]:
            assert 0.0 < live.time < 60.0
    assert live.scenario.id == "ogtt" and live.time == pytest.approx(60.0)
