"""A QApplication for exporting without a window (the CLI, tests and benchmarks)."""

from __future__ import annotations

import os
import sys

from ..theme.fonts import font_family

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
    font = QFont(font_family())
    font.setPointSize(APP_FONT_POINTS)
    app.setFont(font)
    return app
