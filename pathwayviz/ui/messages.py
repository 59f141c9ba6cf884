"""Non-blocking messages: the app keeps running (and stays scriptable) while one shows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6 import QtWidgets  # QMessageBox is read when a message shows: the first paint does without it


def show_problem(parent, title: str, text: str) -> QtWidgets.QMessageBox:
    """A warning that does not block; it deletes itself when closed."""
    box_class = QtWidgets.QMessageBox
    box = box_class(box_class.Warning, title, text, box_class.Ok, parent)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box
