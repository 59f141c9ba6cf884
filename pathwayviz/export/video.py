"""Video clips of the live simulation: MP4 (H.264, yuv420p) and animated GIF, encoded with PyAV.

A clip is the slide layout (title, caption, legend, references) around the animated diagram, with
the flux pulses moving and a readout panel (simulated time, the readouts against their healthy
reference) where the still slide has its time courses. Frames are produced at a fixed simulation
step of ``speed / fps`` minutes, never from the wall clock, so the same options give the same
frames. Each frame is streamed to the encoder as soon as it is drawn; only the static layer of the
current step (one image) is kept. The file appears under its final name only when complete.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..lesson.model import Lesson
from ..sim.live import LiveSimulation
from ..sim.perturbations import Perturbations
from ..theme.fonts import font_family
from .slide import SlideExporter, SlideOptions, describe_state
from .video_palette import ramp_palette
from ..model.files import WriteError, check_target, failure_message, replaced_on_success
from .writer import ExportError

VIDEO_EXTENSIONS = (".mp4", ".gif")
MIN_SIZE, MAX_SIZE = (320, 180), (3840, 2160)  # H.264 level 5.1 plays 2160p everywhere; beyond, not
MP4_FPS = (24, 25, 30, 50, 60)
MPEG_RANGE = 1            # limited ("TV") range, what players expect of yuv420p
GIF_MAX_FPS = 50          # GIF delays are whole 1/100 s and browsers slow anything faster to 10 fps
MAX_SECONDS = 600.0
DEFAULT_SPEED = 3.0       # simulated minutes per second of video: fast nodes settle within a clip
STEP_HOLD_SECONDS = 2.0   # a whole-lesson video holds each step's end state this long
INSTALL_HINT = "pip install 'pathwayviz[video]'"

# progress(done_frames, total_frames, what) after each frame; returning False cancels.
Progress = Callable[[int, int, str], "bool | None"]


class VideoError(ValueError):
    """Video options that cannot work; the message names the option and a value that does."""


@dataclass(frozen=True)
class VideoOptions:
    """How a clip is made: pixel size, frame rate, length, look and pace.

    ``seconds`` is the length of one step's transition; a whole-lesson video adds ``hold``
    seconds on each step's end state. ``speed`` is simulated minutes per second of video.
    """

    width: int = 1920
    height: int = 1080
    fps: int = 30
    seconds: float = 10.0
    theme: str = "light"
    speed: float = DEFAULT_SPEED
    hold: float = STEP_HOLD_SECONDS
    gif: bool = False

    def __post_init__(self) -> None:
        check_video_size(self.width, self.height)
        check_fps(self.fps, self.gif)
        check_seconds(self.seconds)
        if not (isinstance(self.speed, (int, float)) and math.isfinite(self.speed) and 0 < self.speed <= 120):
            raise VideoError(f"speed {self.speed!r}: give simulated minutes per second of video between 0 and "
                             f"120, e.g. {DEFAULT_SPEED:g}")
        if not (math.isfinite(self.hold) and 0 <= self.hold <= 60):
            raise VideoError(f"hold {self.hold!r}: give seconds between 0 and 60, e.g. {STEP_HOLD_SECONDS:g}")
        if self.theme not in THEMES:
            raise VideoError(f"theme {self.theme!r} is unknown; use one of {', '.join(THEMES)}")

    @property
    def minutes_per_frame(self) -> float:
        return self.speed / self.fps

    def frames(self, seconds: float) -> int:
        return max(1, round(seconds * self.fps))


def check_video_size(width: int, height: int) -> None:
    """H.264 in yuv420p needs even sides; players cope up to 3840×2160."""
    if isinstance(width, bool) or not isinstance(width, int) or isinstance(height, bool) or not isinstance(height, int):
        raise VideoError(f"size {width!r}x{height!r}: give whole pixels, e.g. 1920x1080")
    if width < MIN_SIZE[0] or height < MIN_SIZE[1] or width > MAX_SIZE[0] or height > MAX_SIZE[1]:
        raise VideoError(f"size {width}x{height}: a video is between {MIN_SIZE[0]}x{MIN_SIZE[1]} and "
                         f"{MAX_SIZE[0]}x{MAX_SIZE[1]} pixels; use 1920x1080 or 3840x2160")
    if width % 2 or height % 2:
        raise VideoError(f"size {width}x{height}: H.264 needs even width and height; "
                         f"use {width + width % 2}x{height + height % 2}")


def check_fps(fps: int, gif: bool) -> None:
    if isinstance(fps, bool) or not isinstance(fps, int):
        raise VideoError(f"fps {fps!r}: give a whole number of frames per second, e.g. 30")
    if gif and not 1 <= fps <= GIF_MAX_FPS:
        raise VideoError(f"fps {fps}: a GIF plays at most {GIF_MAX_FPS} frames per second (its delays are "
                         "hundredths of a second); use 25, or write an MP4 for 60 fps")
    if not gif and fps not in MP4_FPS:
        raise VideoError(f"fps {fps}: use one of {', '.join(map(str, MP4_FPS))} frames per second "
                         "(30 for slides, 60 for smooth motion)")


def check_seconds(seconds: float) -> None:
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not math.isfinite(seconds) \
            or not 0 < seconds <= MAX_SECONDS:
        raise VideoError(f"seconds {seconds!r}: give a length between 0 and {MAX_SECONDS:g} seconds, e.g. 10")


def video_kind(path) -> str:
    """``"mp4"`` or ``"gif"`` from the file name; VideoError naming the choices otherwise."""
    suffix = Path(path).suffix.lower()
    if suffix not in VIDEO_EXTENSIONS:
        raise VideoError(f"{path}: a video file name ends in .mp4 (H.264, plays in PowerPoint, Keynote, "
                         "Impress and browsers) or .gif")
    return suffix[1:]


def require_pyav():
    """The ``av`` module, or ExportError saying how to install it."""
    try:
        import av
    except ImportError:
        raise ExportError(f"Video export needs PyAV, which is not installed. Install it with: {INSTALL_HINT}") \
            from None
    return av


@dataclass
class VideoResult:
    path: Path | None
    frames: int
    cancelled: bool = False


class Cancelled(Exception):
    """Raised inside an export when its progress callback asks to stop."""


# -- frames ------------------------------------------------------------------------------------------
class VideoFrameRenderer:
    """Draws video frames: a static layer per step, then pulses, molecules and the readout panel.

    The static layer (background, compartments, edges, title, caption, legend, footer) comes from
    the slide exporter with the molecules hidden; only what moves is drawn per frame.
    """

    def __init__(self, live: LiveSimulation, options: VideoOptions, scene: PathwayScene | None = None):
        self.live = live
        self.options = options
        self.scene = scene or PathwayScene(live.pathway, THEMES[options.theme])
        self.image = QImage(options.width, options.height, QImage.Format_RGB32)
        self.base: QImage | None = None
        self.slide: SlideExporter | None = None
        self.time_zero = 0.0
        self._option = QStyleOptionGraphicsItem()

    def begin_scene(self, title: str, caption: str, highlight=()) -> None:
        """Start a step: the slide's static layer for the live state's perturbations and texts."""
        o = self.options
        slide_options = SlideOptions(o.width, o.height, o.theme, include_plots=False, title=title, caption=caption)
        self.slide = SlideExporter(self.live, slide_options, scene=self.scene, highlight=highlight)
        nodes = self.scene.node_layer
        nodes.setVisible(False)
        try:
            self.base = self.slide.render()
        finally:
            nodes.setVisible(True)
        self.time_zero = self.live.time

    def frame(self, pulse_minutes: float) -> QImage:
        """The current state as a frame; pulses travel ``pulse_minutes`` worth of flux since the last."""
        live, scene, lay = self.live, self.scene, self.slide.layout
        scene.apply_snapshot(live.snapshot(), pulse_minutes, live.engine.compiled.ymax)
        painter = QPainter(self.image)
        try:
            painter.drawImage(0, 0, self.base)
            painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
            painter.scale(lay.scale, lay.scale)
            painter.save()
            src, dst = lay.diagram_source, lay.diagram_target
            painter.setClipRect(dst)
            painter.translate(dst.left(), dst.top())
            painter.scale(dst.width() / src.width(), dst.height() / src.height())
            painter.translate(-src.left(), -src.top())
            for item in (scene.pulses, scene.node_layer):
                self._option.exposedRect = item.boundingRect()
                item.paint(painter, self._option, None)
            painter.restore()
            self._paint_readouts(painter)
        finally:
            painter.end()
        return self.image

    def _paint_readouts(self, painter: QPainter) -> None:
        """Simulated time and each readout as a bar with its healthy reference marked."""
        lay, live = self.slide.layout, self.live
        theme = self.scene.theme
        top, bottom = lay.legend.bottom() + 28, lay.footer.top() - 16
        left, width = lay.side.left(), lay.side.width()
        family = font_family()
        font = _font(family, 22, bold=True)
        small = _font(family, 20)
        fm, fs = QFontMetricsF(font), QFontMetricsF(small)
        if bottom - top < fm.lineSpacing():
            return
        text = QColor(theme.text)
        painter.setFont(font)
        painter.setPen(text)
        elapsed = live.time - self.time_zero
        painter.drawText(QPointF(left, top + fm.ascent()), f"t = {elapsed:.1f} min after the change")
        y = top + fm.lineSpacing() + 10
        row = fs.lineSpacing() + 22
        bar_h = 14.0
        for readout in live.pathway.readouts:
            if y + row > bottom:
                break
            value = live.value(readout.species)
            healthy = live.value(readout.species, live.healthy)
            painter.setFont(small)
            painter.setPen(text)
            painter.drawText(QPointF(left, y + fs.ascent()), fs.elidedText(readout.label, Qt.ElideRight, width - 70))
            number = f"{value:.2f}"
            painter.drawText(QPointF(left + width - fs.horizontalAdvance(number), y + fs.ascent()), number)
            bar = QRectF(left, y + fs.lineSpacing() + 3, width, bar_h)
            painter.setPen(QPen(QColor("#8c8c8c"), 1.0))
            painter.setBrush(QColor(theme.background))
            painter.drawRect(bar)
            painter.setPen(Qt.NoPen)
            painter.setBrush(text)
            painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * min(max(value, 0.0), 1.0), bar_h))
            # The healthy reference as a tall tick, so a gap between the two reads without colour.
            x = bar.left() + bar.width() * min(max(healthy, 0.0), 1.0)
            painter.setPen(QPen(QColor(theme.highlight), 4.0, Qt.SolidLine, Qt.FlatCap))
            painter.drawLine(QPointF(x, bar.top() - 5), QPointF(x, bar.bottom() + 5))
            y += row
        if y + fs.lineSpacing() <= bottom:
            painter.setFont(small)
            painter.setPen(text)
            painter.drawText(QPointF(left, y + fs.ascent()), "bar: now · tick: healthy reference")


def _font(family: str, px: float, bold: bool = False):
    from PySide6.QtGui import QFont

    font = QFont(family)
    font.setPixelSize(round(px))
    font.setBold(bold)
    font.setHintingPreference(QFont.PreferNoHinting)
    return font


# -- encoding ----------------------------------------------------------------------------------------
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
            # veryfast keeps 1080p30 well ahead of real time on two cores; crf 20 keeps text crisp.
            stream.options = {"preset": "superfast", "crf": "20"}
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


# -- clips -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClipScene:
    """One stretch of video: texts and highlight, the state it starts from and the one it moves to."""

    title: str
    caption: str
    start: Perturbations | None   # None: continue from wherever the previous scene left the simulation
    target: Perturbations
    seconds: float
    hold: float = 0.0
    highlight: tuple[str, ...] = ()


def state_scenes(live: LiveSimulation, perturbations: Perturbations, options: VideoOptions,
                 title: str = "", caption: str = "") -> list[ClipScene]:
    """A clip of any state (the command line's --set/--toggle/…), arriving from the default state."""
    pathway = live.pathway
    return [ClipScene(title or pathway.title, caption or describe_state(pathway, perturbations),
                      Perturbations.defaults(pathway), perturbations, options.seconds)]


def step_scenes(lesson: Lesson, live: LiveSimulation, options: VideoOptions, index: int | None = None) -> list[ClipScene]:
    """One step's transition from the previous step's steady state, or (``index`` None) every step in turn.

    A whole-lesson video runs on without resetting: each step starts from where the last one
    left the simulation, as in the live lesson, and holds its end state for ``options.hold``.
    """
    pathway = live.pathway
    indices = range(len(lesson.steps)) if index is None else [index]
    scenes = []
    for k in indices:
        step = lesson.steps[k]
        start = None
        if not scenes:
            start = lesson.steps[k - 1].perturbations(pathway) if k > 0 else Perturbations.defaults(pathway)
        scenes.append(ClipScene(step.title, step.caption, start, step.perturbations(pathway), options.seconds,
                                options.hold if index is None else 0.0, tuple(step.highlight)))
    return scenes


def total_frames(scenes: list[ClipScene], options: VideoOptions) -> int:
    return sum(options.frames(s.seconds) + (options.frames(s.hold) if s.hold > 0 else 0) for s in scenes)


def export_video(scenes: list[ClipScene], live: LiveSimulation, path, options: VideoOptions,
                 progress: Progress | None = None, scene: PathwayScene | None = None) -> VideoResult:
    """Render ``scenes`` into ``path`` (.mp4 or .gif); nothing appears there unless it completes.

    Raises VideoError for options that do not fit the file type and WriteError (naming the
    path) for write failures; a cancelled export returns ``cancelled=True`` and leaves no file.
    """
    path = check_target(path)
    kind = video_kind(path)
    if (kind == "gif") != options.gif:
        raise VideoError(f"{path}: the options were made for {'a GIF' if options.gif else 'an MP4'}; "
                         f"give a .{'gif' if options.gif else 'mp4'} file")
    av = require_pyav()
    total = total_frames(scenes, options)
    renderer = VideoFrameRenderer(live, options, scene)
    done = 0

    def report(what: str) -> None:
        if progress is not None and progress(done, total, what) is False:
            raise Cancelled

    try:
        with replaced_on_success(path) as partial:
            encoder = _open_encoder(av, partial, kind, options)
            try:
                for clip in scenes:
                    if clip.start is not None:
                        settle_at(live, clip.start)
                    live.set_perturbations(clip.target)
                    renderer.begin_scene(clip.title, clip.caption, clip.highlight)
                    step = options.minutes_per_frame
                    for k in range(options.frames(clip.seconds)):
                        encoder.add(renderer.frame(step if k else 0.0))
                        live.advance(step)
                        done += 1
                        report(clip.title)
                    # The hold: the clock stops, the pulses keep flowing at the reached state.
                    for _ in range(options.frames(clip.hold) if clip.hold > 0 else 0):
                        encoder.add(renderer.frame(step))
                        done += 1
                        report(clip.title)
                encoder.finish()
            except BaseException:
                encoder.abandon()
                raise
    except Cancelled:
        return VideoResult(None, done, cancelled=True)
    except WriteError:
        raise
    except (OSError, av.FFmpegError) as exc:  # a full disk or a vanished folder: a message naming the file
        raise WriteError(path, f"Could not write {path}: {_reason(exc)}. The disk may be full or the folder not "
                               "writable; free some space or choose another folder. Any earlier file there is "
                               "unchanged.") from None
    return VideoResult(path, done)


def _open_encoder(av, partial: Path, kind: str, options: VideoOptions) -> FrameEncoder:
    try:
        return FrameEncoder(av, partial, kind, options)
    except (PermissionError, av.error.PermissionError) as exc:
        raise WriteError(partial, failure_message(partial, exc)) from None


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def settle_at(live: LiveSimulation, perturbations: Perturbations) -> None:
    """Put ``live`` at the steady state of ``perturbations`` at time 0 (a clip's starting point)."""
    live.set_perturbations(perturbations)
    live.reset()
    live.settle()
