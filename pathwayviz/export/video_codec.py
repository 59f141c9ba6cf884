"""Frames into files with PyAV, and the encoder process that does it beside the app (no Qt here).

:class:`Codec` takes BGRA frames (views of the shared page) and writes H.264 (yuv420p, BT.709, limited range) in
MP4, or GIF through the activity-ramp palette. ``python -m pathwayviz.export.video_codec`` runs one
as a child process: the app paints each frame into a shared memory page both processes map and
the child converts and encodes it, so x264's buffers (about 50 MB at 1080p) and PyAV's libraries
never enter the app's own memory, and encoding overlaps drawing on a second core.

The protocol, one line each way per message (``video_encoder.FrameEncoder`` is the other side):
the app sends a JSON header (then the GIF palette and lookup as raw bytes); the child answers
``R`` when the file is open. For each frame the app sends ``F``; the child answers ``K`` as soon as
it has copied the frame out of the shared page (the app may paint the next one), then encodes.
``E`` ends the file; the child answers ``D <peak resident KiB>``. Any failure is answered with
``X <errno> <message>`` and the child exits.
"""

from __future__ import annotations

import json
import mmap
import os
import sys

MPEG_RANGE = 1            # limited ("TV") range, what players expect of yuv420p
# Memory first: zerolatency (no lookahead, no B-frames) halves x264's buffers (about 70 MB less at
# 1080p); the ultrafast preset's cheap motion search saves about 15 MB more, and CABAC and the
# deblocking filter, which it would switch off, are switched back on so crf 20 keeps text crisp in
# fewer bytes. One thread: the app draws on the other core. (Measured in benchmarks/video.py.)
X264_OPTIONS = {"preset": "ultrafast", "crf": "20", "tune": "zerolatency", "threads": "1",
                "x264-params": "cabac=1:deblock=0,0"}


class Codec:
    """An open PyAV container taking BGRA frames: H.264 yuv420p (``"mp4"``) or palette GIF (``"gif"``)."""

    def __init__(self, av, path, kind: str, width: int, height: int, fps: int, palette=None, lut=None):
        self.av, self.kind = av, kind
        self.width, self.height = width, height
        self.container = av.open(str(path), "w", format=kind,
                                 options={"movflags": "+faststart"} if kind == "mp4" else {})
        if kind == "mp4":
            stream = self.container.add_stream("libx264", rate=fps)
            stream.pix_fmt = "yuv420p"
            stream.options = dict(X264_OPTIONS)
            stream.codec_context.colorspace = 1         # BT.709, the HD matrix the frames are converted with
            stream.codec_context.color_range = MPEG_RANGE
            self._bgra = av.VideoFrame(width, height, "bgra")
        else:
            stream = self.container.add_stream("gif", rate=fps)
            stream.pix_fmt = "pal8"
            self.palette, self.lut = palette, lut
        stream.width, stream.height = width, height
        self.stream = stream
        self.count = 0

    def convert(self, pixels):
        """A frame of PyAV's that owns a converted copy of ``pixels`` (a :func:`frame_view`)."""
        if self.kind == "mp4":
            frame = self._bgra
            if frame.planes[0].line_size == self.width * 4:
                frame.planes[0].update(pixels)       # one copy into a frame kept for the whole file
            else:                                    # PyAV pads rows of odd widths
                frame = self.av.VideoFrame.from_bytes(bytes(pixels), self.width, self.height, format="bgra")
            return frame.reformat(format="yuv420p", dst_colorspace="itu709", dst_color_range=MPEG_RANGE)
        import numpy as np   # GIF only: the MP4 path keeps numpy (about 16 MB) out of the encoder process

        bgra = np.frombuffer(pixels, np.uint8).reshape(self.height, self.width, 4)
        b, g, r = (bgra[..., k].astype(np.uint16) >> 3 for k in range(3))
        return self.av.VideoFrame.from_ndarray((self.lut[(r << 10) | (g << 5) | b], self.palette), format="pal8")

    def encode(self, frame) -> None:
        frame.pts = self.count
        self.count += 1
        for packet in self.stream.encode(frame):
            self.container.mux(packet)

    def finish(self) -> None:
        for packet in self.stream.encode():
            self.container.mux(packet)
        self.container.close()

    def close(self) -> None:
        try:
            self.container.close()
        except Exception:  # noqa: BLE001 - the partial file is deleted anyway
            pass


def frame_view(buffer, width: int, height: int, stride: int) -> memoryview:
    """The BGRA pixels of a frame buffer (rows of exactly ``width`` × 4 bytes), without a copy."""
    if stride != width * 4:
        raise ValueError(f"frame rows of {stride} bytes; expected {width * 4} (no padding)")
    return memoryview(buffer)[:stride * height]


def peak_resident_kib() -> int:
    """This process's high-water resident size (VmHWM), 0 where /proc is missing."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reply(out, text: str) -> None:
    out.write(text.encode("utf-8") + b"\n")
    out.flush()


def serve(inp, out) -> int:
    """The child's loop over the protocol in the module docstring; the exit status."""
    codec = None
    try:
        header = json.loads(inp.readline())
        width, height, stride = header["width"], header["height"], header["stride"]
        palette = lut = None
        if header["kind"] == "gif":
            import numpy as np

            palette = np.frombuffer(inp.read(256 * 4), np.uint8).reshape(256, 4).copy()
            lut = np.frombuffer(inp.read(32768), np.uint8).copy()
        pixels = mmap.mmap(header["fd"], stride * height, access=mmap.ACCESS_READ)
        os.close(header["fd"])
        bgra = frame_view(pixels, width, height, stride)
        import av

        av.logging.set_level(None)
        codec = Codec(av, header["path"], header["kind"], width, height, header["fps"], palette, lut)
        _reply(out, "R")
        for line in iter(inp.readline, b""):
            command = line.strip()
            if command == b"F":
                frame = codec.convert(bgra)
                _reply(out, "K")        # the shared page is free for the next frame
                codec.encode(frame)
            elif command == b"E":
                codec.finish()
                codec = None
                _reply(out, f"D {peak_resident_kib()}")
                return 0
        return 1                        # the app went away: abandon the file (the app deletes it)
    except Exception as exc:  # noqa: BLE001 - every failure goes back to the app as a message
        code = getattr(exc, "errno", None) or 0
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        try:
            _reply(out, f"X {code} {' '.join(str(reason).split())}")
        except OSError:
            pass
        return 1
    finally:
        if codec is not None:
            codec.close()


if __name__ == "__main__":
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
