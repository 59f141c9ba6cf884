"""A window-modal progress dialog for work done one lesson step at a time, with Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog


def step_progress(window, total: int, text: str, title: str, object_name: str) -> QProgressDialog:
    """A dialog counting ``total`` steps; :func:`progress_report` turns it into a progress callback."""
    progress = QProgressDialog(text, "Cancel", 0, total, window)
    progress.setObjectName(object_name)
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(0)
    return progress


def progress_report(progress: QProgressDialog, item: str = "Step"):
    """``report(done, count, what) -> bool`` for lesson exports: False once Cancel was pressed."""

    def report(done: int, count: int, what: str) -> bool:
        progress.setValue(done)
        if done < count:
            progress.setLabelText(f"{item} {done + 1} of {count}: {what}")
        QApplication.processEvents()  # the dialog repaints and Cancel is heard between steps
        return not progress.wasCanceled()

    return report
