"""Return and Enter press the focused button or check box, as Space does (Qt does it only in dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

PRESS_KEYS = (Qt.Key_Return, Qt.Key_Enter)


class ReturnPresses(QObject):
    """One application event filter per window: a plain Return/Enter on a focused button of that
    window clicks it (buttons made later, e.g. in the perturbation list, are covered too)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.KeyPress and event.key() in PRESS_KEYS
                and not event.modifiers() & ~Qt.KeypadModifier and isinstance(obj, QAbstractButton)
                and obj.window() is self.window and obj.isEnabled() and not event.isAutoRepeat()):
            obj.animateClick()
            return True
        return False
