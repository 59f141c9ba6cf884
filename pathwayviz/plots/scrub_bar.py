"""The replay row under the time courses: "live"/"replaying" status, the scrub slider, the replayed
minute in a number field, a Live button.

The slider spans the visible window; its right end means "live". The bar only shows what the panel
tells it and reports where the user moved it; the panel decides what that means. Assistive
technology and the keyboard use the number field: a QSlider can only report its integer ticks (it
would announce "250" of 0–1000), while the field reports the replayed time in minutes, within the
visible window, and takes a typed minute; the slider is for the mouse (click focus only).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from ..model.scenario import format_clock
from .number_field import NumberField

STEPS = 1000  # slider positions across the visible window


class MinuteField(NumberField):
    """The replayed minute, in the visible window's range."""


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
        self.slider.setAccessibleName("Replay time (slider)")
        self.slider.setFocusPolicy(Qt.ClickFocus)  # the keyboard and screen readers use the minute field
        self.slider.valueChanged.connect(self._value_changed)
        self.slider.sliderReleased.connect(self._released)
        self.minute = MinuteField()
        self.minute.setDecimals(1)
        self.minute.setSuffix(" min")
        self.minute.setKeyboardTracking(False)  # a typed minute applies once, on Return or leaving
        self.minute.setButtonSymbols(QDoubleSpinBox.NoButtons)
        self.minute.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.minute.setAccessibleName("Replay time")
        self.minute.setAccessibleDescription("minute of the simulation shown; the highest minute follows it live")
        self.minute.setToolTip("The minute replayed; type one, or step with the arrow keys")
        self.minute.valueChanged.connect(self._minute_changed)
        self._bounds = (0.0, 1.0)
        self._now: float | None = None  # the newest recorded minute, when the window reaches past it (a scenario)
        self.live_button = QPushButton("Live")
        self.live_button.setToolTip("Stop replaying and follow the simulation")
        self.live_button.clicked.connect(self.live_requested)
        self.status = QLabel("live")
        self._clock = None  # minutes -> minutes after midnight, while a scenario runs
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status)
        row.addWidget(self.slider, 1)
        row.addWidget(self.minute)
        row.addWidget(self.live_button)
        self.show_time(None, (0.0, 1.0))

    def set_look(self, font: QFont) -> None:
        for widget in (self.status, self.minute, self.live_button):
            widget.setFont(font)
        self.minute.setMinimumWidth(QFontMetrics(font).horizontalAdvance(" 00000.0 min "))
        self.status.setMinimumWidth(QFontMetrics(font).horizontalAdvance("replaying 0000.0 min "))

    def set_time_format(self, clock) -> None:
        """Show replayed times as clock times ("replaying 08:30") through ``clock(minutes)``; None: minutes."""
        self._clock = clock

    def set_steps(self, window_minutes: float, sample_every: float) -> None:
        """Arrow keys move one recorded sample, Page Up/Down one minute."""
        per_minute = STEPS / window_minutes
        self.slider.setSingleStep(max(1, round(per_minute * sample_every)))
        self.slider.setPageStep(max(1, round(per_minute)))
        self.minute.setSingleStep(max(sample_every, 0.1))

    def show_time(self, replay_time: float | None, bounds: tuple[float, float], now: float | None = None) -> None:
        """Show the replayed time (None = live) within the visible ``bounds``; emits nothing. ``now`` is the
        newest minute when the bounds reach beyond it (a whole scenario); live, the field shows it."""
        # While live only the minute field moves (at most ten times a simulated minute); the slider stays.
        replaying = replay_time is not None
        self._bounds, self._now = bounds, now
        live_minute = bounds[1] if now is None else min(now, bounds[1])
        shown = (round(bounds[0], 1), round(bounds[1], 1), round(replay_time if replaying else live_minute, 1))
        if shown != (self.minute.minimum(), self.minute.maximum(), self.minute.value()):  # at most 10 a minute
            self.minute.blockSignals(True)
            self.minute.setRange(shown[0], shown[1])
            self.minute.setValue(shown[2])
            self.minute.blockSignals(False)
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

    def _minute_changed(self, minute: float) -> None:
        x0, x1 = self._bounds
        if minute >= (x1 if self._now is None else min(self._now, x1)) - 0.05:
            self.live_requested.emit()
        else:
            self.moved.emit((minute - x0) / (x1 - x0))

    def _released(self) -> None:
        if self.slider.value() >= STEPS:
            self.live_requested.emit()
