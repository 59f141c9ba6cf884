"""Names for the small buttons Qt makes inside widgets, which it leaves unnamed for assistive tech."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QToolBar, QToolButton


def name_clear_button(edit: QLineEdit, what: str) -> None:
    """Name the line edit's built-in clear button (shown with ``setClearButtonEnabled``)."""
    for button in edit.findChildren(QToolButton):
        button.setAccessibleName(f"Clear {what}")


def name_overflow_button(bar: QToolBar) -> None:
    """Name the toolbar's "more" button (the » that shows what does not fit)."""
    for button in bar.findChildren(QToolButton, "qt_toolbar_ext_button"):
        button.setAccessibleName(f"More of the {bar.windowTitle().lower()}")
