"""What a video clip can be: size, frame rate, length, pace and file type, checked with the fix named.

H.264 in yuv420p needs even sides and plays everywhere up to 3840×2160; GIF frame delays are whole
hundredths of a second. Every refusal says which value would work instead.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..canvas.style import THEMES

VIDEO_EXTENSIONS = (".mp4", ".gif")
MIN_SIZE, MAX_SIZE = (320, 180), (3840, 2160)  # H.264 level 5.1 plays 2160p everywhere; beyond, not
MP4_FPS = (24, 25, 30, 50, 60)
GIF_MAX_FPS = 50          # GIF delays are whole 1/100 s and browsers slow anything faster to 10 fps
MAX_SECONDS = 600.0
DEFAULT_SPEED = 3.0       # simulated minutes per second of video: fast nodes settle within a clip
STEP_HOLD_SECONDS = 2.0   # a whole-lesson video holds each step's end state this long


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
