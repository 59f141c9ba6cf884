"""The bottom panel: time courses and readout gauges, following the clock and the state.

pyqtgraph is slow to import, so the panel is built just after the window's first paint (or at
once when something asks for it through :meth:`TimeCourses.ensure`). The pins, the focus and the
replayed time live in the state; the panel shows them and changes them through it.
"""

from __future__ import annotations

from PySide6 import QtWidgets  # the dialogs are read when used: the first paint does without them
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget


class TimeCourses(QObject):
    """Builds the plots and gauges after the first paint and keeps them in step with the state."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.plots = None
        self.gauges = None
        self.scenario = None  # the running scenario the plots span (shown once they are built)
        self._was_running_before_replay = False
        self.placeholder = QLabel("Time courses load…")
        self.placeholder.setAlignment(Qt.AlignCenter)
        window.view.viewport().installEventFilter(self)
        window.state.observe(self._state_changed)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self.ensure)  # after this first paint
        return False

    def ensure(self):
        """Build the plot panel now if it is not there yet; returns it."""
        if self.plots is not None:
            return self.plots
        from ..plots.gauges import ReadoutGauges
        from ..plots.timecourse import TimeCoursePanel

        w = self.window
        self.plots = TimeCoursePanel(w.live)
        self.gauges = ReadoutGauges(w.live)
        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.plots, 3)
        row.addWidget(self.gauges, 1)
        old = w.plots_dock.widget()
        w.plots_dock.setWidget(body)
        if old is not None:
            old.deleteLater()
        w.frame_drawn.connect(self._frame)
        w.plots_dock.visibilityChanged.connect(self._dock_shown)
        self.plots.pins_changed.connect(self._pinned_in_panel)
        self.plots.scrubbed.connect(self.replay)
        self.plots.scrub_released.connect(lambda: self.replay(None))
        self._state_changed(frozenset({"focus", "pins"}))
        self.plots.set_scenario(self.scenario)
        self.plots.refresh()
        self.gauges.refresh(w.live.snapshot())
        return self.plots

    def _frame(self, minutes: float) -> None:
        """Follow a drawn frame at the rate samples are recorded, not at the frame rate.

        The curves change only when the history gets a sample (every ``live.sample_every``
        simulated minutes, a few frames apart at the usual speeds); the gauges follow them then,
        and at once on a redraw that is not a step (``minutes == 0``: settings, replay, reset).
        """
        if self.window.plots_dock.isVisible():
            if self.plots.refresh() or minutes == 0.0:
                self.gauges.refresh(self.window.shown_snapshot)

    def _dock_shown(self, visible: bool) -> None:
        if visible:  # the gauges were not following while hidden (the curves catch up in their showEvent)
            self.gauges.refresh(self.window.shown_snapshot)

    def _state_changed(self, changed: frozenset) -> None:
        if self.plots is None:
            return
        state = self.window.state
        if "focus" in changed:
            self.plots.set_focus(state.focus)
            self.gauges.set_focus(state.focus)
        if "pins" in changed:
            self._show_pins(state.pins)

    def _show_pins(self, pins: tuple[str, ...]) -> None:
        current = self.plots.pinned()
        self.plots.blockSignals(True)  # showing the state's pins is not the panel pinning something
        try:
            for sid in current:
                if sid not in pins:
                    self.plots.unpin(sid)
            for sid in pins:
                if sid not in current:
                    self.plots.pin(sid)
        finally:
            self.plots.blockSignals(False)

    def show_scenario(self, scenario) -> None:
        """Span the whole of ``scenario`` (None: the last minutes, as without one)."""
        self.scenario = scenario
        if self.plots is not None:
            self.plots.set_scenario(scenario)

    def _pinned_in_panel(self) -> None:
        """The panel's own pin controls: the same undoable state edit as the node menu's."""
        self.window.state.set_pins(self.plots.pinned())

    def replay(self, minutes: float | None) -> None:
        """Replaying pauses the clock and shows the recorded state; going live resumes it."""
        w = self.window
        if minutes is not None and w.state.replay_time is None:
            self._was_running_before_replay = w.clock.is_running()
            w.clock.stop()
        w.state.set_replay_time(minutes)
        if minutes is None and self._was_running_before_replay:
            self._was_running_before_replay = False
            w.clock.start()

    def ask_export_csv(self) -> None:
        w = self.window
        plots = self.ensure()
        path, _ = QtWidgets.QFileDialog.getSaveFileName(w, "Export time courses", "time-courses.csv", "CSV files (*.csv)")
        if not path:
            return
        try:
            rows = plots.export_csv(path)
        except OSError as exc:
            QtWidgets.QMessageBox.warning(w, "Cannot export time courses", str(exc))
            return
        w.statusBar().showMessage(f"Wrote {rows} rows to {path}", 5000)


def ensure_plots(window):
    """The window's time-course panel, built now if needed."""
    return window.time_courses.ensure()
