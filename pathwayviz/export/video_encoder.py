"""The app's side of video encoding: frames painted into a page shared with an encoder process.

:class:`FrameEncoder` owns one frame image, a QImage whose pixels live in a shared memory page
(``memfd``/a temporary file mapped by both processes), and the child process
(``python -m pathwayviz.export.video_codec``) that converts and encodes each frame with PyAV. The
renderer paints straight into that image, so a frame is never copied in the app, x264's buffers
and PyAV's libraries stay out of the app's memory (the window's resident size stays flat during a
whole-lesson export), and the encoding of one frame overlaps the drawing of the next. Where child
processes cannot inherit the page (Windows), the same :class:`~.video_codec.Codec` runs in-process.

The file is written under a temporary name beside the target (``model.files.replaced_on_success``)
and renamed over it only when complete.
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage, QPainter

from ..canvas.style import THEMES
from .video_options import VideoOptions
from .video_palette import ramp_palette
from .writer import ExportError

INSTALL_HINT = "pip install 'pathwayviz[video]'"
IN_CHILD = sys.platform != "win32"   # POSIX children inherit the shared page's descriptor


def require_pyav() -> None:
    """ExportError saying how to install PyAV unless it is importable (it is not imported here:
    the encoder process imports it, so the app's memory never holds its libraries)."""
    missing = "av" in sys.modules and sys.modules["av"] is None
    if missing or importlib.util.find_spec("av") is None:
        raise ExportError(f"Video export needs PyAV, which is not installed. Install it with: {INSTALL_HINT}")


class EncoderStopped(ExportError):
    """The encoder process ended without saying why (killed, out of memory)."""


class FrameEncoder:
    """Streams frames to an encoder process as H.264 yuv420p (MP4) or palette frames (GIF).

    Paint each frame into :attr:`image` (or hand any QImage of the right size to :meth:`add`, which
    copies it there); :meth:`add` returns once the frame has left the shared page.
    """

    def __init__(self, path: Path, kind: str, options: VideoOptions):
        self.kind, self.options = kind, options
        self.count = 0
        self.child_peak_kib = 0       # the encoder process's peak resident size, after finish()
        w, h = options.width, options.height
        self.stride = w * 4
        self._fd, self._pixels = _shared_page(self.stride * h)
        self.image = QImage(self._pixels, w, h, self.stride, QImage.Format_RGB32)
        self._codec = None
        self._view = None
        self.process = None
        if IN_CHILD:
            self._start_child(path)
        else:
            self._start_in_process(path)

    # -- the child ---------------------------------------------------------------------------------
    def _start_child(self, path: Path) -> None:
        o = self.options
        self._log = tempfile.TemporaryFile()
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH"))
                                                          if p))
        self.process = subprocess.Popen([sys.executable, "-m", "pathwayviz.export.video_codec"],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._log,
                                        pass_fds=(self._fd,), env=env)
        os.close(self._fd)
        header = dict(path=str(path), kind=self.kind, width=o.width, height=o.height, fps=o.fps, stride=self.stride,
                      fd=self._fd)
        payload = json.dumps(header).encode() + b"\n"
        if self.kind == "gif":
            palette, lut = ramp_palette(THEMES[o.theme])
            payload += palette.tobytes() + lut.tobytes()
        self._send(payload)
        self._expect("R")

    def _send(self, data: bytes) -> None:
        try:
            self.process.stdin.write(data)
            self.process.stdin.flush()
        except (BrokenPipeError, ValueError):
            self._expect("")          # the child's last words say why it went away

    def _expect(self, what: str) -> str:
        """Read the child's answer; OSError (with errno) or ExportError for a failure it reported."""
        line = self.process.stdout.readline().decode("utf-8", "replace").strip()
        if line.startswith("X "):
            code, _, message = line[2:].partition(" ")
            self._stop()
            if code.isdigit() and int(code):
                raise OSError(int(code), message)
            raise ExportError(f"The video encoder failed: {message}")
        if not line or line.split()[0] != what:
            self._stop()
            last = self._last_log_line()
            raise EncoderStopped(f"The video encoder stopped unexpectedly (exit status {self.process.returncode})"
                                 + (f": {last}" if last else "") + ". Try again, or a smaller size.")
        return line

    def _last_log_line(self) -> str:
        try:
            self._log.seek(0)
            return (self._log.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
        except (OSError, ValueError):
            return ""

    def _stop(self) -> None:
        """End the child (killing it unless it has exited) and close its pipes and log."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    # -- in-process --------------------------------------------------------------------------------
    def _start_in_process(self, path: Path) -> None:
        import av

        from .video_codec import Codec, frame_view

        o = self.options
        palette, lut = ramp_palette(THEMES[o.theme]) if self.kind == "gif" else (None, None)
        self._codec = Codec(av, path, self.kind, o.width, o.height, o.fps, palette, lut)
        self._view = frame_view(self._pixels, o.width, o.height, self.stride)
        os.close(self._fd)

    # -- frames ------------------------------------------------------------------------------------
    def add(self, image: QImage) -> None:
        """Encode ``image`` (this encoder's :attr:`image`, or a copy of another into it)."""
        if image is not self.image:
            painter = QPainter(self.image)
            painter.drawImage(0, 0, image)
            painter.end()
        if self._codec is not None:
            self._codec.encode(self._codec.convert(self._view))
        else:
            self._send(b"F\n")
            self._expect("K")
        self.count += 1

    def finish(self) -> None:
        if self._codec is not None:
            self._codec.finish()
            self._codec = None
        else:
            self._send(b"E\n")
            self.child_peak_kib = int(self._expect("D").split()[1])
            self._stop()
        self._release()

    def abandon(self) -> None:
        if self._codec is not None:
            self._codec.close()
            self._codec = None
        self._stop()
        self._release()

    def _release(self) -> None:
        # The page is unmapped when the last image painting into it is gone (never under a painter).
        self.image = None
        self._view = None
        self._pixels = None
        if self.process is not None:
            self._log.close()


def _shared_page(size: int) -> tuple[int, mmap.mmap]:
    """A descriptor and a mapping of ``size`` bytes of memory a child process can map too."""
    if hasattr(os, "memfd_create"):
        fd = os.memfd_create("pathwayviz-video-frame", 0)
    else:
        handle = tempfile.TemporaryFile()
        fd = os.dup(handle.fileno())
        handle.close()
    os.ftruncate(fd, size)
    return fd, mmap.mmap(fd, size)
