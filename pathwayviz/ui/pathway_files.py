"""File ▸ Open pathway and Save pathway as YAML: another pathway opens in a new window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..formats.pathway_file import OPEN_FILTER, open_pathway, save_pathway
from ..model.yamlio import FileProblems

_OPEN_WINDOWS: list = []  # windows opened here: their Python wrappers must outlive the call


def ask_open_pathway(window) -> None:
    path, _ = QFileDialog.getOpenFileName(window, "Open pathway", "", OPEN_FILTER)
    if path:
        open_in_new_window(window, path)


def open_in_new_window(window, path: str) -> bool:
    """Open the pathway at ``path`` in a window of its own and close ``window``; False (and a message) if
    the file has problems, leaving ``window`` as it was."""
    try:
        pathway = open_pathway(path)
    except FileProblems as exc:
        QMessageBox.warning(window, "Cannot open pathway",
                            "The pathway file has problems and was not opened:\n\n" + str(exc))
        return False
    replacement = type(window)(pathway)
    _OPEN_WINDOWS.append(replacement)
    replacement.destroyed.connect(lambda *_: _OPEN_WINDOWS.remove(replacement)
                                  if replacement in _OPEN_WINDOWS else None)
    replacement.setAttribute(Qt.WA_DeleteOnClose)
    replacement.show()
    window.close()
    return True


def ask_save_pathway(window) -> None:
    pathway = window.pathway
    name = Path(pathway.source_file).stem if pathway.source_file else pathway.id
    path, _ = QFileDialog.getSaveFileName(window, "Save pathway as", f"{name}.yaml", "Pathway files (*.yaml)")
    if path:
        save_pathway_as(window, path)


def save_pathway_as(window, path: str) -> bool:
    """Write the window's pathway (an imported model with its automatic layout) as a PathwayViz YAML file."""
    try:
        save_pathway(window.pathway, path)
    except OSError as exc:  # a WriteError from model.files: its message names the file and the fix
        QMessageBox.warning(window, "Cannot save pathway", str(exc))
        return False
    window.statusBar().showMessage(f"Pathway saved as {path}", 5000)
    return True
