"""Start-up in two steps: what the first paint shows, then everything else just after it.

The window builds what is on screen at its first paint (diagram, controls, card, what-if panel,
lesson strip, menu titles) and leaves the rest — menus' entries and shortcuts, sessions and the
crash-restore check, presentation mode, exports, glossary, find bar — to
:meth:`MainWindow.finish_start_up <pathwayviz.ui.main_window.MainWindow.finish_start_up>`, which
runs from a zero-timer once the first paint is done, or at once when code asks for one of those
parts earlier (each is a :class:`BuiltAfterFirstPaint` attribute).
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class BuiltAfterFirstPaint:
    """A window attribute set by ``finish_start_up()``; reading it earlier runs that step first.

    A non-data descriptor: once ``finish_start_up`` has assigned the attribute, the instance's own
    value is found first and this is never consulted again (no cost per access).
    """

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, window, owner=None):
        if window is None:
            return self
        window.finish_start_up()
        try:
            return window.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{type(window).__name__}.{self.name} is read while finish_start_up() builds "
                                 f"the parts before it; build {self.name} earlier in that method") from None


class _FirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]):
        super().__init__(widget)
        self._callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # after this paint has reached the screen
        return False

    def _run(self) -> None:
        self._callback()
        self.deleteLater()


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` once, from the event loop, just after ``widget`` is first painted.

    Nothing filters the application's events meanwhile: a Python filter on every event costs
    about 40 ms of the first show here. A person cannot press a key in the window between its
    first paint and this zero-timer; a test that sends keys must let the event loop turn first.
    """
    _FirstPaint(widget, callback)
