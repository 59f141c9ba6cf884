"""Return and Enter press the focused button or check box, as Space does (Qt does it only in dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

PRESS_KEYS = (Qt.Key_Return, Qt.Key_Enter)


class ReturnPresses(QObject):
    """A plain Return/Enter on a focused button of the window clicks it.

    The filter sits on the focused button only, moved along as the focus moves (buttons made later,
    e.g. in the perturbation list, are covered too). An application-wide filter would put every
    event of the program — each paint, each timer tick — through Python: about 0.3–1 ms a frame.
    """

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.window = window
        self._watched: QAbstractButton | None = None
        app = QApplication.instance()
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old, new) -> None:
        if self._watched is not None:
            try:
                self._watched.removeEventFilter(self)
            except RuntimeError:  # the button is already gone
                pass
            self._watched = None
        if isinstance(new, QAbstractButton) and new.window() is self.window:
            new.installEventFilter(self)
            self._watched = new

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.KeyPress and event.key() in PRESS_KEYS
                and not event.modifiers() & ~Qt.KeypadModifier and isinstance(obj, QAbstractButton)
                and obj.window() is self.window and obj.isEnabled() and not event.isAutoRepeat()):
            obj.animateClick()
            return True
        return False
