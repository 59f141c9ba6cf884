"""Model files that need the canvas: drawn node sizes for SBGN-ML, rendered step slides for OMEX.

The writers in :mod:`pathwayviz.formats` stay free of Qt; the window and the command line come
here for the pieces only Qt can give (node boxes as the canvas lays them out, PNG slides), and
for writing the result atomically. Qt is imported inside the functions that draw, so writing an
SBML file from the command line never loads it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..formats.omex import Slide, write_omex
from ..formats.sbgn import write_sbgn
from ..lesson.model import Lesson
from ..model.pathway import Pathway


class ModelFileError(Exception):
    """A model file could not be written; the message names the file and the fix."""


def drawn_node_sizes(pathway: Pathway, theme: str = "light") -> dict[str, list[tuple[float, float]]]:
    """(width, height) of every drawn copy of every species, as the canvas lays them out."""
    from ..canvas.scene import PathwayScene
    from ..canvas.style import THEMES

    scene = PathwayScene(pathway, THEMES[theme])
    return {sid: [(item.node_rect().width(), item.node_rect().height()) for item in items]
            for sid, items in scene.instances.items()}


def diagram_sbgn(pathway: Pathway) -> bytes:
    """The SBGN-ML diagram with the canvas' node sizes."""
    return write_sbgn(pathway, drawn_node_sizes(pathway)).encode("utf-8")


def lesson_archive(pathway: Pathway, lesson: Lesson, options=None, progress=None) -> bytes | None:
    """The COMBINE archive of ``lesson`` with its step slides; None when ``progress`` cancelled.

    ``options`` are the slides' :class:`~.slide.SlideOptions`, ``progress`` as for
    :func:`~.lesson_export.export_lesson`. Raises WriteError when a slide cannot be written.
    """
    from ..sim.live import LiveSimulation
    from .lesson_export import RUN_MINUTES, export_lesson
    from .slide_options import SlideOptions

    with tempfile.TemporaryDirectory(prefix="pathwayviz-slides-") as folder:
        result = export_lesson(lesson, LiveSimulation(pathway), folder, options or SlideOptions(), progress)
        if result.cancelled:
            return None
        slides = [Slide(path.name, path.read_bytes()) for path in result.files]
    return write_omex(pathway, lesson, slides, RUN_MINUTES, drawn_node_sizes(pathway))


def check_model_target(path) -> Path:
    """``path`` as a Path, or ModelFileError unless it can be a file in an existing folder."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise ModelFileError(f"Cannot write {path}: it is a folder. Give a file name inside it instead.")
    if not folder.is_dir():
        raise ModelFileError(f"Cannot write {path}: the folder {folder} does not exist. "
                             "Create it first or choose another folder.")
    return path


def write_model_file(path, data: bytes) -> Path:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    ModelFileError naming the file and the fix on failure; an earlier file is then left intact and
    no partial file stays behind.
    """
    path = check_model_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ModelFileError(f"Cannot write into {folder}: {exc.strerror or exc}. "
                             "Choose a folder you can write to.") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        os.unlink(temp)
        raise ModelFileError(f"Cannot write {path}: {exc.strerror or exc}. Check the free disk space and "
                             "permissions.") from None
    return path
