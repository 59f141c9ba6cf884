"""Video export: the files read back with PyAV, fixed-step frames, the GIF palette, safe writing, the CLI."""

from __future__ import annotations

import errno
import math

import av
import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from pathwayviz.__main__ import main
from pathwayviz.canvas.style import LIGHT, activity_color
from pathwayviz.export.frame import SlideFrame
from pathwayviz.export.headless import headless_application
from pathwayviz.export.video import export_video, state_scenes, step_scenes, total_frames
from pathwayviz.export.video_encoder import FrameEncoder, require_pyav
from pathwayviz.export.video_frames import VideoFrameRenderer
from pathwayviz.export.video_options import VideoError, VideoOptions
from pathwayviz.export.video_palette import palette_colours, ramp_palette
from pathwayviz.export.writer import ExportError
from pathwayviz.model.files import WriteError
from pathwayviz.lesson.loader import builtin_lesson
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

SMALL = dict(width=320, height=180)


@pytest.fixture
def lesson(pathway):
    return builtin_lesson(pathway)


def _frames(path):
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def _stream_facts(path):
    with av.open(str(path)) as container:
        s = container.streams.video[0]
        return dict(codec=s.codec_context.name, pix_fmt=s.codec_context.pix_fmt, width=s.width, height=s.height,
                    rate=s.average_rate, frames=s.frames, seconds=float(s.duration * s.time_base))


def _pixels(image: QImage) -> np.ndarray:
    img = image.convertToFormat(QImage.Format_RGB32)
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(img.height(), img.bytesPerLine() // 4, 4)[:, :img.width(), :3].copy()


# -- MP4 ---------------------------------------------------------------------------------------------
def test_mp4_reports_requested_size_rate_and_duration_and_moves(app, pathway, lesson, tmp_path):
    live = LiveSimulation(pathway)
    options = VideoOptions(fps=30, seconds=1.0, **SMALL)
    out = tmp_path / "jnk.mp4"
    result = export_video(step_scenes(lesson, live, options, 2), live, out, options)
    assert result.path == out and result.frames == 30 and not result.cancelled
    facts = _stream_facts(out)
    assert facts == dict(codec="h264", pix_fmt="yuv420p", width=320, height=180, rate=30, frames=30, seconds=1.0)
    frames = _frames(out)
    assert len(frames) == 30
    change = np.abs(frames[-1].astype(int) - frames[0].astype(int)).mean(axis=2)
    assert (change > 40).sum() > 100  # nodes recolour and pulses move, not just codec noise
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jnk.mp4"]


def test_whole_lesson_has_every_step_and_its_hold(app, pathway, lesson, tmp_path):
    live = LiveSimulation(pathway)
    options = VideoOptions(fps=24, seconds=0.125, hold=0.125, **SMALL)
    scenes = step_scenes(lesson, live, options)
    # A step shown region by region: one scene per region, cutting as the presentation pans.
    assert [s.title for s in scenes] == [s.title for s in lesson.steps for _ in s.frames]
    assert [s.zoom for s in scenes] == [zoom for s in lesson.steps for zoom in s.frames]
    assert [s.start is None for s in scenes] == [r > 0 for s in lesson.steps for r in range(len(s.frames))]
    assert [s.hold > 0 for s in scenes] == [r == len(s.frames) - 1 for s in lesson.steps for r in range(len(s.frames))]
    out = tmp_path / "lesson.mp4"
    result = export_video(scenes, live, out, options)
    assert result.frames == total_frames(scenes, options) == len(lesson.steps) * 6
    facts = _stream_facts(out)
    assert facts["frames"] == result.frames
    assert math.isclose(facts["seconds"], result.frames / 24, abs_tol=1e-6)


def test_frames_follow_the_simulation_step_not_the_clock(app, pathway):
    """Same options → same pixels; during a hold the state stays put while the pulses flow on."""
    options = VideoOptions(seconds=1.0, **SMALL)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6

    def run_two_frames():
        live = LiveSimulation(pathway)
        live.set_perturbations(pert)
        live.reset()
        live.settle()
        renderer = VideoFrameRenderer(live, options)
        renderer.begin_scene(SlideFrame.capture(live, title="Meal", caption="Insulin rises"))
        first = _pixels(renderer.frame(0.0))
        time = live.time
        second = _pixels(renderer.frame(options.minutes_per_frame * 5))
        assert live.time == time
        return first, second

    a1, a2 = run_two_frames()
    b1, b2 = run_two_frames()
    assert np.array_equal(a1, b1) and np.array_equal(a2, b2)
    assert (np.abs(a2.astype(int) - a1.astype(int)).sum(axis=2) > 60).sum() > 20  # the pulses moved


# -- GIF ---------------------------------------------------------------------------------------------
def test_gif_has_the_right_frame_count(app, pathway, tmp_path):
    live = LiveSimulation(pathway)
    options = VideoOptions(fps=20, seconds=0.5, gif=True, **SMALL)
    pert = Perturbations.defaults(pathway)
    pert.toggles["jnk"] = 0.8
    out = tmp_path / "jnk.gif"
    export_video(state_scenes(live, pert, options), live, out, options)
    assert len(_frames(out)) == 10
    assert _stream_facts(out)["codec"] == "gif"


def test_gif_palette_keeps_the_activity_ramp():
    colours = palette_colours(LIGHT)
    assert len(colours) == 256
    argb, lut = ramp_palette(LIGHT)
    assert argb.shape == (256, 4) and (argb[:, 0] == 255).all()
    worst = 0.0
    for k in range(101):
        c = activity_color(k / 100)
        r, g, b = c.red(), c.green(), c.blue()
        index = lut[((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3)]
        worst = max(worst, float(np.abs(argb[index, 1:].astype(int) - (r, g, b)).max()))
    assert worst <= 8  # every activity level lands on a palette colour within one 5-bit bin
    white = lut[(31 << 10) | (31 << 5) | 31]
    assert tuple(argb[white, 1:]) == (255, 255, 255)
    assert tuple(argb[lut[0], 1:]) == (0, 0, 0)
    blue = QColor(LIGHT.pulse_color)
    pulse = lut[((blue.red() >> 3) << 10) | ((blue.green() >> 3) << 5) | (blue.blue() >> 3)]
    assert tuple(argb[pulse, 1:]) == (blue.red(), blue.green(), blue.blue())


# -- options -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("kwargs, message", [
    (dict(width=321, height=180), "even"), (dict(width=100, height=100), "between"),
    (dict(width=7680, height=4320), "between"), (dict(fps=61), "one of"), (dict(fps=60, gif=True), "at most 50"),
    (dict(seconds=0), "between 0 and"), (dict(seconds=float("nan")), "between 0 and"),
    (dict(seconds=601), "between 0 and"), (dict(speed=0), "minutes per second"), (dict(theme="dark"), "theme"),
])
def test_unusable_options_are_refused(kwargs, message):
    with pytest.raises(VideoError, match=message):
        VideoOptions(**kwargs)


# -- safe writing ------------------------------------------------------------------------------------
def test_cancel_leaves_no_file(app, pathway, lesson, tmp_path):
    live = LiveSimulation(pathway)
    options = VideoOptions(seconds=1.0, **SMALL)
    seen = []

    def progress(done, total, what):
        seen.append((done, total))
        return done < 5

    out = tmp_path / "clip.mp4"
    result = export_video(step_scenes(lesson, live, options, 1), live, out, options, progress)
    assert result.cancelled and result.path is None
    assert seen[-1] == (5, 30)
    assert list(tmp_path.iterdir()) == []


def test_full_disk_keeps_the_earlier_file_and_leaves_no_partial(app, pathway, lesson, tmp_path, monkeypatch):
    out = tmp_path / "clip.mp4"
    out.write_bytes(b"earlier clip")
    real_add = FrameEncoder.add

    def add(self, image):
        if self.count == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_add(self, image)

    monkeypatch.setattr(FrameEncoder, "add", add)
    live = LiveSimulation(pathway)
    options = VideoOptions(seconds=0.5, **SMALL)
    with pytest.raises(WriteError) as err:
        export_video(step_scenes(lesson, live, options, 1), live, out, options)
    message = str(err.value)
    assert str(out) in message and "the disk is full" in message and "unchanged" in message
    assert out.read_bytes() == b"earlier clip"
    assert [p.name for p in tmp_path.iterdir()] == ["clip.mp4"]


def test_read_only_folder_fails_cleanly():
    from helpers import refused_write_in_locked_folder

    message = refused_write_in_locked_folder(
        "import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import av\nfrom pathwayviz.export.headless import headless_application\napp = headless_application()\n"
        "from pathwayviz.export.video import export_video, state_scenes\nfrom pathwayviz.export.video_options import VideoOptions\n"
        "from pathwayviz.model.files import WriteError\n"
        "from pathwayviz.model.loader import load_pathway\nfrom pathwayviz.resource_files import builtin_pathway_path\n"
        "from pathwayviz.sim.live import LiveSimulation\nfrom pathwayviz.sim.perturbations import Perturbations\n"
        "pathway = load_pathway(builtin_pathway_path())\nlive = LiveSimulation(pathway)\n"
        "options = VideoOptions(width=320, height=180, seconds=0.1)",
        "export_video(state_scenes(live, Perturbations.defaults(pathway), options), live, {target}, options)",
        "WriteError", "clip.mp4")
    assert "no permission to write in the folder" in message


def test_missing_pyav_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "av", None)
    with pytest.raises(ExportError, match=r"pip install 'pathwayviz\[video\]'"):
        require_pyav()


# -- command line ------------------------------------------------------------------------------------
def test_command_line_writes_a_gif_of_a_state(app, tmp_path, capsys):
    out = tmp_path / "jnk.gif"
    assert main(["export", "--video", str(out), "--toggle", "jnk", "--seconds", "0.3", "--fps", "10",
                 "--size", "320x180"]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert len(_frames(out)) == 3


@pytest.mark.parametrize("argv, message", [
    (["--size", "321x180"], "even width and height"),
    (["--size", "abc"], "WIDTHxHEIGHT"),
    (["--fps", "61"], "frames per second"),
    (["--seconds", "0"], "between 0 and 600"),
    (["--seconds", "nan"], "between 0 and 600"),
    (["--speed", "-1"], "minutes per second"),
    (["--transparent"], "--transparent applies to PNG"),
    (["--step", "2", "--toggle", "jnk"], "cannot be combined"),
    (["--step", "99"], "has steps 1 to"),
])
def test_video_mistakes_exit_2_with_the_fix(app, tmp_path, capsys, argv, message):
    out = tmp_path / "x.mp4"
    assert main(["export", "--video", str(out), *argv]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_wrong_extension_gif_rate_and_still_options(app, tmp_path, capsys):
    assert main(["export", "--video", str(tmp_path / "x.avi")]) == 2
    assert ".mp4" in capsys.readouterr().err
    assert main(["export", "--video", str(tmp_path / "x.gif"), "--fps", "60"]) == 2
    assert "at most 50" in capsys.readouterr().err
    assert main(["export", "--fps", "30", "-o", str(tmp_path / "x.png")]) == 2
    assert "only applies to --video" in capsys.readouterr().err
    assert main(["export", "--video", str(tmp_path / "nope" / "x.mp4"), "--size", "320x180"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
