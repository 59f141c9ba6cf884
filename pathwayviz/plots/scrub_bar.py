"""The replay row under the time courses: "live"/"replaying" status, the scrub slider, a Live button.

The slider spans the visible window; its right end means "live". The bar only shows what the panel
tells it and reports where the user moved it; the panel decides what that means.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from ..model.scenario import format_clock

STEPS = 1000  # slider positions across the visible window


class ScrubBar(QWidget):
    """Status label, slider and Live button. Signals: ``moved(fraction)``, ``live_requested()``."""

    moved = Signal(float)        # 0 = left end of the window, 1 = right end, while not "live"
    live_requested = Signal()    # the Live button, or the slider let go (or set) at its right end

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, STEPS)
        self.slider.setValue(STEPS)
        self.slider.setToolTip("Replay the last minutes; drag to the right end (or press Live) to follow the "
                               "simulation again")
        self.slider.setAccessibleName("Replay time")
        self.slider.valueChanged.connect(self._value_changed)
        self.slider.sliderReleased.connect(self._released)
        self.live_button = QPushButton("Live")
        self.live_button.setToolTip("Stop replaying and follow the simulation")
        self.live_button.clicked.connect(self.live_requested)
        self.status = QLabel("live")
        self._clock = None  # minutes -> minutes after midnight, while a scenario runs
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status)
        row.addWidget(self.slider, 1)
        row.addWidget(self.live_button)
        self.show_time(None, (0.0, 1.0))

    def set_look(self, font: QFont) -> None:
        for widget in (self.status, self.live_button):
            widget.setFont(font)
        self.status.setMinimumWidth(QFontMetrics(font).horizontalAdvance("replaying 0000.0 min "))

    def set_time_format(self, clock) -> None:
        """Show replayed times as clock times ("replaying 08:30") through ``clock(minutes)``; None: minutes."""
        self._clock = clock

    def set_steps(self, window_minutes: float, sample_every: float) -> None:
        """Arrow keys move one recorded sample, Page Up/Down one minute."""
        per_minute = STEPS / window_minutes
        self.slider.setSingleStep(max(1, round(per_minute * sample_every)))
        self.slider.setPageStep(max(1, round(per_minute)))

    def show_time(self, replay_time: float | None, bounds: tuple[float, float]) -> None:
        """Show the replayed time (None = live) within the visible ``bounds``; emits nothing."""
        # Nothing here changes while live, so following the simulation repaints neither widget.
        replaying = replay_time is not None
        if not self.slider.isSliderDown():
            x0, x1 = bounds
            value = round((replay_time - x0) / (x1 - x0) * STEPS) if replaying else STEPS
            if value != self.slider.value():
                self.slider.blockSignals(True)
                self.slider.setValue(value)
                self.slider.blockSignals(False)
        if not replaying:
            text = "live"
        elif self._clock is not None:
            text = f"replaying {format_clock(self._clock(replay_time))}"
        else:
            text = f"replaying {replay_time:.1f} min"
        if text != self.status.text():
            self.status.setText(text)
        self.live_button.setEnabled(replaying)

    def _value_changed(self, value: int) -> None:
        if value >= STEPS and not self.slider.isSliderDown():
            self.live_requested.emit()
        else:
            self.moved.emit(value / STEPS)

    def _released(self) -> None:
        if self.slider.value() >= STEPS:
            self.live_requested.emit()
