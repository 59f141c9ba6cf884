"""Frames into files: PyAV's H.264 (yuv420p, BT.709) and GIF (the activity-ramp palette) encoders.

The encoder receives each frame as soon as it is drawn and keeps none; the file is written under a
temporary name beside the target and renamed over it only when complete.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from ..canvas.style import THEMES
from .video_options import VideoOptions
from .video_palette import ramp_palette
from .writer import ExportError

MPEG_RANGE = 1            # limited ("TV") range, what players expect of yuv420p
INSTALL_HINT = "pip install 'pathwayviz[video]'"


def require_pyav():
    """The ``av`` module, or ExportError saying how to install it."""
    try:
        import av
    except ImportError:
        raise ExportError(f"Video export needs PyAV, which is not installed. Install it with: {INSTALL_HINT}") \
            from None
    return av


class FrameEncoder:
    """Streams QImages into an open PyAV container as H.264 yuv420p (MP4) or palette frames (GIF)."""

    def __init__(self, av, path: Path, kind: str, options: VideoOptions):
        self.kind = kind
        self.options = options
        self.container = av.open(str(path), "w", format=kind,
                                 options={"movflags": "+faststart"} if kind == "mp4" else {})
        self._av = av
        if kind == "mp4":
            stream = self.container.add_stream("libx264", rate=options.fps)
            stream.pix_fmt = "yuv420p"
            # superfast keeps 1080p30 ahead of real time on two busy cores and crf 20 keeps text crisp;
            # zerolatency (no lookahead, no B-frames) halves x264's buffers: about 70 MB less at 1080p.
            stream.options = {"preset": "superfast", "crf": "20", "tune": "zerolatency"}
            stream.codec_context.colorspace = 1         # BT.709, the HD matrix the frames are converted with
            stream.codec_context.color_range = MPEG_RANGE
        else:
            stream = self.container.add_stream("gif", rate=options.fps)
            stream.pix_fmt = "pal8"
            self.palette, self.lut = ramp_palette(THEMES[options.theme])
        stream.width, stream.height = options.width, options.height
        self.stream = stream
        self.count = 0

    def add(self, image: QImage) -> None:
        o = self.options
        bgra = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
        bgra = bgra.reshape(o.height, image.bytesPerLine() // 4, 4)[:, :o.width]
        if self.kind == "mp4":
            frame = self._av.VideoFrame.from_numpy_buffer(bgra, format="bgra")  # no copy; reformat makes one
            frame = frame.reformat(format="yuv420p", dst_colorspace="itu709", dst_color_range=MPEG_RANGE,
                                   threads=2)
        else:
            b, g, r = (bgra[..., k].astype(np.uint16) >> 3 for k in range(3))
            indices = self.lut[(r << 10) | (g << 5) | b]
            frame = self._av.VideoFrame.from_ndarray((indices, self.palette), format="pal8")
        frame.pts = self.count
        self.count += 1
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def finish(self) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()

    def abandon(self) -> None:
        try:
            self.container.close()
        except Exception:  # noqa: BLE001 - the partial file is deleted anyway
            pass
