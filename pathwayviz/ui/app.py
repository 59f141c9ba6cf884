"""Start the application: fonts, settings, the main window, and friendly errors for bad files."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ..formats.pathway_file import open_pathway
from ..model.yamlio import FileProblems
from ..resource_files import builtin_pathway_path, lesson_file
from ..theme.fonts import font_family
from .messages import show_problem


def install_app_font(app: QApplication) -> str:
    """Make the bundled font the application font; returns its family."""
    family = font_family()
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    return family


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    QCoreApplication.setOrganizationName("PathwayViz")
    QCoreApplication.setApplicationName("PathwayViz")
    install_app_font(app)
    return app


def first_window(args=None):
    """The main window as ``pathwayviz`` starts it, not yet shown.

    The pathway asked for (or the built-in one when there is none or it has problems, which are
    printed and, once the window is up, shown), the saved window layout; then, just after the
    first paint (:meth:`MainWindow.when_started`), the session or crash restore, ``--lesson`` and
    ``--presentation``. ``args`` is the app's parsed options; None means none given.

    Python's cyclic garbage collector is paused from here to just after the first paint: the
    start-up allocates objects that all live on (Qt wrappers, the pathway, the scene), and
    collecting them on the way cost about 20 ms of CPU, 6 % of the start. It resumes when the
    window's start-up is done (or at once if building the window fails).
    """
    resume_collection = gc.isenabled()
    gc.disable()
    try:
        window = _build_first_window(args)
    except BaseException:
        if resume_collection:
            gc.enable()
        raise
    if resume_collection:
        window.when_started(gc.enable)
    return window


def _build_first_window(args):
    from PySide6.QtCore import QSettings

    from .main_window import MainWindow

    pathway = None
    problem = ""
    if args is not None and args.pathway:
        try:
            pathway = open_pathway(args.pathway)
        except FileProblems as exc:
            print(f"pathwayviz: {exc}", file=sys.stderr)
            problem = f"The pathway file has problems; the built-in insulin model opened instead.\n\n{exc}"
    if pathway is None:
        pathway = open_pathway(builtin_pathway_path())
    window = MainWindow(pathway)
    window.restore_window_state(QSettings())

    def after_first_paint():
        if args is not None:
            start_up(window, args)
        if problem:
            show_problem(window, "Cannot open pathway", problem)
        if args is not None and args.presentation:
            window.presentation.enter()

    window.when_started(after_first_paint)
    return window


def run_app(args) -> int:
    app = make_application()
    window = first_window(args)
    window.show()
    if args.quit_after is not None:
        def quit_now():
            window.close()
            app.quit()

        QTimer.singleShot(int(args.quit_after * 1000), quit_now)
    return app.exec()


def start_up(window, args) -> None:
    """What the command line asks for, in order: crash restore or a session file, then a lesson."""
    window.sessions.start_up(args.session)
    if args.lesson and not window.lesson_controller.open_lesson(lesson_file(args.lesson)):
        print(f"pathwayviz: {window.lesson_controller.last_problem_text}", file=sys.stderr)
