"""The bottom panel: time courses and readout gauges, bound to the main window's clock.

pyqtgraph is slow to import, so the panel is built just after the window's first paint (or at
once when something asks for it through :func:`ensure_plots`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QWidget

from .actions import ActionSpec

DOCK_NAME = "plots_dock"


class _FirstPaintWatcher(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, lambda: ensure_plots(self.window))
        return False


def install(window) -> None:
    window.plots = None
    window.gauges = None
    placeholder = QLabel("Time courses load…")
    placeholder.setAlignment(Qt.AlignCenter)
    window.plots_dock = window.add_dock("Time courses", DOCK_NAME, placeholder, Qt.BottomDockWidgetArea)
    window.plots_dock.setMinimumHeight(170)
    watcher = _FirstPaintWatcher(window)
    window.view.viewport().installEventFilter(watcher)
    window._plots_watcher = watcher
    window.actions_registry.add(ActionSpec(
        "export_csv", "Export time courses as &CSV…", "&File", lambda: _export_csv(window), "",
        "Write the visible time courses (current and healthy) to a CSV file"))
    window.species_menu_hooks.append(lambda menu, sid: _pin_entries(window, menu, sid))


def ensure_plots(window):
    """Build the plot panel now if it is not there yet; returns it."""
    if window.plots is not None:
        return window.plots
    from ..plots.gauges import ReadoutGauges
    from ..plots.timecourse import TimeCoursePanel

    plots = TimeCoursePanel(window.live)
    gauges = ReadoutGauges(window.live)
    focus = window.controls.focus_key()
    plots.set_focus(focus)
    gauges.set_focus(focus)
    body = QWidget()
    row = QHBoxLayout(body)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(plots, 3)
    row.addWidget(gauges, 1)
    old = window.plots_dock.widget()
    window.plots_dock.setWidget(body)
    if old is not None:
        old.deleteLater()
    window.plots, window.gauges = plots, gauges

    def on_frame(_minutes: float) -> None:
        if window.plots_dock.isVisible():
            plots.refresh()
            gauges.refresh(window.live.snapshot(window.scrub_time))

    window.frame_drawn.connect(on_frame)
    window.controls.focus_changed.connect(plots.set_focus)
    window.controls.focus_changed.connect(gauges.set_focus)
    plots.scrubbed.connect(lambda t: _scrub(window, t))
    plots.scrub_released.connect(lambda: _scrub(window, None))
    plots.refresh()
    gauges.refresh(window.live.snapshot())
    window.plots_ready.emit(plots)
    return plots


def _scrub(window, minutes) -> None:
    """Replaying pauses the clock and shows the recorded state; going live resumes it."""
    if minutes is not None:
        if window.scrub_time is None:
            window._was_running_before_scrub = window.clock.is_running()
        window.clock.stop()
        window.scrub_time = minutes
    else:
        window.scrub_time = None
        if getattr(window, "_was_running_before_scrub", False):
            window.clock.start()
    window.redraw(0.0)


def _pin_entries(window, menu, species_id: str) -> None:
    plots = ensure_plots(window)
    menu.addSeparator()
    label = window.pathway.species[species_id].label
    if species_id in plots.pinned():
        action = menu.addAction(f"Unpin {label} time course")
        action.triggered.connect(lambda: plots.unpin(species_id))
    else:
        action = menu.addAction(f"Pin {label} time course")
        action.triggered.connect(lambda: plots.pin(species_id))


def _export_csv(window) -> None:
    plots = ensure_plots(window)
    path, _ = QFileDialog.getSaveFileName(window, "Export time courses", "time-courses.csv", "CSV files (*.csv)")
    if not path:
        return
    try:
        rows = plots.export_csv(path)
    except OSError as exc:
        QMessageBox.warning(window, "Cannot export time courses", str(exc))
        return
    window.statusBar().showMessage(f"Wrote {rows} rows to {path}", 5000)
