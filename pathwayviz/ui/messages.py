"""Non-blocking messages: the app keeps running (and stays scriptable) while one shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def show_problem(parent, title: str, text: str) -> QMessageBox:
    """A warning that does not block; it deletes itself when closed."""
    box = QMessageBox(QMessageBox.Warning, title, text, QMessageBox.Ok, parent)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box
