"""``pathwayviz export``: slides without a window, for scripts and checks (DESIGN.md §5).

``-o OUT.png`` (or ``.svg``) writes one slide: lesson step N with ``--step N``, otherwise the
state given by --set/--toggle/--knockout/--overexpress/--drug. ``--all-steps -o DIR`` writes one
numbered PNG per lesson step. Problems raise CliError (printed to stderr, exit code 2).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..sim.perturbations import PerturbationError
from .slide import SlideError, SlideOptions, parse_size, slide_font_family

APP_FONT_POINTS = 10  # the window's application font size; scene labels set pixel sizes themselves


def headless_application():
    """The running QApplication, or a new one on the offscreen platform (no display needed).

    A QApplication rather than a QGuiApplication: QGraphicsScene needs one. The bundled font
    becomes the application font, as in the window, so slides look the same everywhere.
    """
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # never open a window, even with a display
        app = QApplication([sys.argv[0] if sys.argv else "pathwayviz"])
    font = QFont(slide_font_family())
    font.setPointSize(APP_FONT_POINTS)
    app.setFont(font)
    return app


def run_export(args) -> int:
    from ..cli import CliError, _pathway_or_error, perturbations_from_args
    from ..model.yamlio import FileProblems

    try:
        width, height = parse_size(args.size)
        options = SlideOptions(width, height, args.theme, args.transparent, not args.no_plots)
    except SlideError as exc:
        raise CliError(f"--{exc}") from None
    state_flags = [flag for flag, given in (("--set", args.set), ("--toggle", args.toggle),
                                            ("--knockout", args.knockout), ("--overexpress", args.overexpress),
                                            ("--drug", args.drug)) if given]
    use_lesson = args.all_steps or args.step is not None
    if args.lesson and not use_lesson:
        raise CliError("--lesson needs --step N (one slide) or --all-steps (one PNG per step)")
    if use_lesson and state_flags:
        raise CliError(f"{state_flags[0]} cannot be combined with --step/--all-steps: each lesson step sets its "
                       "own state; export the state without --step instead")
    output = Path(args.output)
    if args.all_steps and output.suffix.lower() in (".png", ".svg"):
        raise CliError(f"-o {output}: --all-steps writes one PNG per step into a folder; give a folder, "
                       f"e.g. -o {output.with_suffix('')}")
    if not args.all_steps and output.suffix.lower() not in (".png", ".svg"):
        raise CliError(f"-o {output}: give a file name ending in .png (or .svg for an editable figure); "
                       "use --all-steps -o DIR for a whole lesson")

    pathway = _pathway_or_error(args.pathway)
    lesson = None
    if use_lesson:
        from ..lesson.loader import load_lesson
        from ..resource_files import builtin_lesson_path

        try:
            lesson = load_lesson(args.lesson or builtin_lesson_path(), pathway)
        except FileProblems as exc:
            raise CliError(str(exc)) from None
        if args.step is not None and not 1 <= args.step <= len(lesson.steps):
            raise CliError(f"--step {args.step}: the lesson '{lesson.title}' has steps 1 to {len(lesson.steps)}")
    perturbations = None if use_lesson else perturbations_from_args(pathway, args)

    headless_application()
    from ..sim.live import LiveSimulation
    from .lesson_export import export_lesson, state_slide, step_slide
    from .writer import ExportError

    live = LiveSimulation(pathway)
    try:
        if args.all_steps:
            result = export_lesson(lesson, live, output, options)
            for path in result.files:
                print(path)
            return 0
        if lesson is not None:
            slide = step_slide(live, lesson, args.step - 1, options)
        else:
            slide = state_slide(live, perturbations, options)
        path = slide.export_svg(output) if output.suffix.lower() == ".svg" else slide.save_png(output)
        print(path)
        return 0
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except PerturbationError as exc:
        raise CliError(str(exc)) from None
