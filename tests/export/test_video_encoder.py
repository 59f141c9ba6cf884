"""The encoder process: its protocol, the app never loading PyAV, failures reported, the in-process fallback."""

from __future__ import annotations

import io
import json
import mmap
import os
import subprocess
import sys

import av
import numpy as np
import pytest

from pathwayviz.export import video_encoder
from pathwayviz.export.video import export_video, state_scenes
from pathwayviz.export.video_codec import serve
from pathwayviz.export.video_encoder import EncoderStopped, FrameEncoder
from pathwayviz.export.video_options import VideoOptions
from pathwayviz.export.writer import ExportError
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

SMALL = dict(width=320, height=180)


def _frames(path):
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24").astype(int) for f in container.decode(video=0)]


def _page(width, height, colour):
    fd = os.memfd_create("test-frame", 0)
    os.ftruncate(fd, width * height * 4)
    page = mmap.mmap(fd, width * height * 4)
    np.ndarray((height, width, 4), np.uint8, page)[:] = colour
    return fd, page


def test_serve_encodes_frames_from_the_shared_page_and_answers_each_step(tmp_path):
    fd, page = _page(320, 180, (40, 120, 200, 255))   # BGRA: an orange-ish blue-green
    out = tmp_path / "page.mp4"
    header = dict(path=str(out), kind="mp4", width=320, height=180, fps=30, stride=320 * 4, fd=fd)
    answers = io.BytesIO()
    assert serve(io.BytesIO(json.dumps(header).encode() + b"\n" + b"F\n" * 3 + b"E\n"), answers) == 0
    lines = answers.getvalue().decode().split()
    assert lines[:4] == ["R", "K", "K", "K"] and lines[4] == "D" and int(lines[5]) > 0
    frames = _frames(out)
    assert len(frames) == 3
    # Limited-range BT.709 round trip of the page's colour (R 200, G 120, B 40).
    assert np.abs(frames[0][90, 160] - (200, 120, 40)).max() <= 6


def test_serve_reports_an_unwritable_file_with_its_errno(tmp_path):
    fd, page = _page(320, 180, 0)
    header = dict(path=str(tmp_path / "missing" / "x.mp4"), kind="mp4", width=320, height=180, fps=30,
                  stride=320 * 4, fd=fd)
    answers = io.BytesIO()
    assert serve(io.BytesIO(json.dumps(header).encode() + b"\nF\nE\n"), answers) == 1
    last = answers.getvalue().decode().strip().split("\n")[-1]   # PyAV opens the file at the first packet
    code, _, message = last[2:].partition(" ")
    assert last.startswith("X ") and int(code) == 2 and "No such file" in message


def test_the_app_process_never_loads_pyav(tmp_path):
    """x264's buffers and PyAV's libraries live in the encoder process, not the app's."""
    out = tmp_path / "state.mp4"
    script = ("import os, sys\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
              "from pathwayviz.__main__ import main\n"
              f"code = main(['export', '--video', {str(out)!r}, '--toggle', 'jnk', '--seconds', '0.2', "
              "'--size', '320x180'])\n"
              "print('av loaded' if 'av' in sys.modules else 'av not loaded')\nsys.exit(code)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[-2] == "av not loaded"
    assert len(_frames(out)) == 6


def test_the_mp4_encoder_process_does_without_numpy(tmp_path):
    """numpy is about 16 MB of the encoder's resident size; only the GIF palette lookup needs it."""
    out = tmp_path / "bare.mp4"
    script = ("import io, json, mmap, os, sys\nfrom pathwayviz.export.video_codec import serve\n"
              "fd = os.memfd_create('t', 0)\nos.ftruncate(fd, 64 * 48 * 4)\npage = mmap.mmap(fd, 64 * 48 * 4)\n"
              "page[:] = bytes([30, 90, 220, 255]) * (64 * 48)\n"
              f"header = dict(path={str(out)!r}, kind='mp4', width=64, height=48, fps=30, stride=256, fd=fd)\n"
              "answers = io.BytesIO()\n"
              "code = serve(io.BytesIO(json.dumps(header).encode() + b'\\nF\\nF\\nE\\n'), answers)\n"
              "print(code, 'numpy' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert run.stdout.split() == ["0", "False"], run.stderr
    frames = _frames(out)
    assert len(frames) == 2 and np.abs(frames[1][24, 32] - (220, 90, 30)).max() <= 6


def test_in_process_fallback_makes_the_same_video(app, pathway, tmp_path, monkeypatch):
    pert = Perturbations.defaults(pathway)
    pert.toggles["jnk"] = 0.8
    options = VideoOptions(seconds=0.3, **SMALL)
    live = LiveSimulation(pathway)
    child = export_video(state_scenes(live, pert, options), live, tmp_path / "child.mp4", options)
    assert child.encoder_peak_mb > 5
    monkeypatch.setattr(video_encoder, "IN_CHILD", False)
    live = LiveSimulation(pathway)
    here = export_video(state_scenes(live, pert, options), live, tmp_path / "here.mp4", options)
    assert here.encoder_peak_mb == 0.0
    a, b = _frames(tmp_path / "child.mp4"), _frames(tmp_path / "here.mp4")
    assert len(a) == len(b) == 9
    assert max(np.abs(x - y).max() for x, y in zip(a, b)) <= 3


def test_an_encoder_that_dies_is_reported_and_leaves_no_file(app, pathway, tmp_path, monkeypatch):
    real_add = FrameEncoder.add

    def add(self, image):
        if self.count == 3:
            self.process.kill()
            self.process.wait()
        real_add(self, image)

    monkeypatch.setattr(FrameEncoder, "add", add)
    live = LiveSimulation(pathway)
    options = VideoOptions(seconds=0.5, **SMALL)
    with pytest.raises(EncoderStopped) as err:
        export_video(state_scenes(live, Perturbations.defaults(pathway), options), live, tmp_path / "x.mp4", options)
    assert isinstance(err.value, ExportError) and "stopped unexpectedly" in str(err.value)
    assert list(tmp_path.iterdir()) == []
