"""The one clock: a single timer advances the simulation and asks every view to repaint."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

from ..sim.live import LiveSimulation

FRAME_MS = 16


class SimulationClock(QObject):
    """Advances ``live`` by real elapsed time × speed (simulated minutes per real second).

    Paused means the timer is stopped: no CPU is used. Tests call :meth:`tick` to step
    deterministically instead of waiting for the timer.
    """

    ticked = Signal(float)          # simulated minutes advanced this frame
    running_changed = Signal(bool)

    def __init__(self, live: LiveSimulation, parent=None):
        super().__init__(parent)
        self.live = live
        self.speed = 2.0  # simulated minutes per real second: a toggle visibly acts within seconds
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.PreciseTimer)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self._on_timeout)
        self._elapsed = QElapsedTimer()

    def is_running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if not self._timer.isActive():
            self._elapsed.start()
            self._timer.start()
            self.running_changed.emit(True)

    def stop(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.running_changed.emit(False)

    def toggle(self) -> None:
        self.stop() if self.is_running() else self.start()

    def set_speed(self, minutes_per_second: float) -> None:
        self.speed = max(0.05, min(60.0, float(minutes_per_second)))

    def _on_timeout(self) -> None:
        seconds = min(self._elapsed.restart() / 1000.0, 0.1)  # a stalled frame must not jump the model
        self.tick(seconds * self.speed)

    def tick(self, minutes: float) -> None:
        """Advance the simulation by ``minutes`` and notify views (also used by tests)."""
        self.live.advance(minutes)
        self.ticked.emit(minutes)
