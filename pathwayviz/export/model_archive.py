"""Model files that need the canvas: drawn node sizes for SBGN-ML, rendered step slides for OMEX.

The writers in :mod:`pathwayviz.formats` stay free of Qt; the window and the command line come
here for the pieces only Qt can give (node boxes as the canvas lays them out, PNG slides), and
for writing the result atomically. Qt is imported inside the functions that draw, so writing an
SBML file from the command line never loads it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..formats.omex import Slide, write_omex
from ..formats.sbgn import write_sbgn
from ..lesson.model import Lesson
from ..model.files import WriteError, check_target, write_bytes_atomic
from ..model.pathway import Pathway


class ModelFileError(WriteError):
    """A model file could not be written; the message names the file and the fix.

    The :class:`~pathwayviz.model.files.WriteError` of the one atomic writer, under the name the
    model exporters' callers catch (a slide's WriteError from :func:`lesson_archive` is not one).
    """


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
    try:
        return check_target(path)
    except WriteError as exc:
        raise ModelFileError(exc.path, str(exc)) from None


def write_model_file(path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically (:func:`~pathwayviz.model.files.write_bytes_atomic`).

    ModelFileError naming the file and the fix on failure; an earlier file is then left intact and
    no partial file stays behind.
    """
    try:
        return write_bytes_atomic(path, data)
    except WriteError as exc:
        raise ModelFileError(exc.path, str(exc)) from None
