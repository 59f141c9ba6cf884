"""A number field that keeps its stepping keys while it has the focus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDoubleSpinBox


class NumberField(QDoubleSpinBox):
    """A QDoubleSpinBox whose stepping keys are its own while it has the focus: without this,
    Page Up/Down (and the arrows, Home, End) would reach the window's shortcuts and move the lesson.

    Assistive technology reads such a field's real value through AT-SPI's Value interface, which a
    QSlider cannot give (it reports integer ticks), so the app pairs its sliders with one.
    """

    STEP_KEYS = (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown, Qt.Key_Home, Qt.Key_End)

    def event(self, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.ShortcutOverride and event.key() in self.STEP_KEYS and not event.modifiers():
            event.accept()
            return True
        return super().event(event)
