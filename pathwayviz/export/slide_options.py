"""What a slide looks like: pixel size (checked against memory), theme, background and texts."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace

from PySide6.QtCore import QSize

from ..canvas.style import THEMES

MAX_SIDE = 16384
MAX_IMAGE_BYTES = 1_000_000_000  # one RGBA buffer; PNG encoding needs about as much again
SIZE_PRESETS = ((1920, 1080), (3840, 2160))


class SlideError(ValueError):
    """Slide options that cannot work (bad size or theme); the message says what to use instead."""


def parse_size(text: str) -> tuple[int, int]:
    """``"3840x2160"`` → ``(3840, 2160)``; SlideError with an example for anything else."""
    m = re.fullmatch(r"\s*([+-]?\d+)\s*[x×X*]\s*([+-]?\d+)\s*", str(text))
    if not m:
        raise SlideError(f"size {text!r} is not WIDTHxHEIGHT in pixels; use e.g. 1920x1080 or 3840x2160")
    width, height = int(m.group(1)), int(m.group(2))
    check_size(width, height)
    return width, height


def check_size(width: int, height: int) -> None:
    """Refuse sizes that are not positive, exceed MAX_SIDE, or would not fit in memory."""
    if width <= 0 or height <= 0:
        raise SlideError(f"size {width}x{height}: width and height must be positive; use e.g. 1920x1080")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise SlideError(f"size {width}x{height}: at most {MAX_SIDE} pixels per side; "
                         "3840x2160 is already sharp on a 4K projector")
    need = width * height * 4
    if need > MAX_IMAGE_BYTES:
        raise SlideError(f"size {width}x{height} would need {need / 1e9:.1f} GB of memory for the image "
                         f"(limit {MAX_IMAGE_BYTES / 1e9:.1f} GB); choose a smaller size such as 7680x4320")
    free = _available_memory()
    if free is not None and 2 * need > free:
        raise SlideError(f"size {width}x{height} needs about {2 * need / 1e9:.1f} GB of memory but only "
                         f"{free / 1e9:.1f} GB is free; choose a smaller size or close other programs")


def _available_memory() -> int | None:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


@dataclass(frozen=True)
class SlideOptions:
    """What a slide looks like: pixel size, theme, background, plot strip and its texts.

    An empty ``title`` or ``caption`` leaves the header line out; an empty ``footer`` means the
    short citations of the highlighted (or the pathway's most-cited) species' references.
    """

    width: int = 1920
    height: int = 1080
    theme: str = "light"
    transparent: bool = False
    include_plots: bool = True
    title: str = ""
    caption: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        for name in ("width", "height"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise SlideError(f"{name} must be a whole number of pixels, not {value!r}")
        check_size(self.width, self.height)
        if self.theme not in THEMES:
            raise SlideError(f"theme {self.theme!r} is unknown; use one of {', '.join(THEMES)}")

    @property
    def size(self) -> QSize:
        return QSize(self.width, self.height)

    def with_texts(self, title: str | None = None, caption: str | None = None) -> "SlideOptions":
        return replace(self, title=self.title if title is None else title,
                       caption=self.caption if caption is None else caption)
