"""Start the application: fonts, settings, the main window, and friendly errors for bad files."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ..formats.pathway_file import open_pathway
from ..model.yamlio import FileProblems
from ..resource_files import builtin_pathway_path
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


def run_app(args) -> int:
    app = make_application()
    from PySide6.QtCore import QSettings

    from .main_window import MainWindow

    pathway = None
    problem = ""
    if args.pathway:
        try:
            pathway = open_pathway(args.pathway)
        except FileProblems as exc:
            print(f"pathwayviz: {exc}", file=sys.stderr)
            problem = f"The pathway file has problems; the built-in insulin model opened instead.\n\n{exc}"
    if pathway is None:
        pathway = open_pathway(builtin_pathway_path())
    window = MainWindow(pathway)
    window.restore_window_state(QSettings())
    start_up(window, args)
    window.show()
    if problem:
        show_problem(window, "Cannot open pathway", problem)
    if args.presentation:
        QTimer.singleShot(0, window.presentation, window.presentation.enter)  # once the window is on screen
    if args.quit_after is not None:
        def quit_now():
            window.close()
            app.quit()

        QTimer.singleShot(int(args.quit_after * 1000), quit_now)
    return app.exec()


def start_up(window, args) -> None:
    """What the command line asks for, in order: crash restore or a session file, then a lesson."""
    window.sessions.start_up(args.session)
    if args.lesson and not window.lesson_controller.open_lesson(args.lesson):
        print(f"pathwayviz: {window.lesson_controller.last_problem_text}", file=sys.stderr)
