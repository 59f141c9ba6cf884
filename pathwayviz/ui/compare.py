"""View → Compare healthy vs current: the healthy reference diagram beside the current one.

The second diagram draws ``snapshot.healthy`` from the same LiveSimulation on every
``window.frame_drawn``, so one clock animates both; it follows the main view's zoom and scroll.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QSplitter, QVBoxLayout, QWidget

from ..canvas.scene import PathwayScene
from ..canvas.view import PathwayView
from ..sim.live import Snapshot, healthy_reference
from ..sim.perturbations import Perturbations

HEALTHY_TITLE = "Healthy reference"
CURRENT_TITLE = "Current"


def _titled(title: str, tip: str, widget: QWidget) -> QWidget:
    box = QWidget()
    label = QLabel(title)
    label.setObjectName("compare_title")
    label.setToolTip(tip)
    label.setAlignment(Qt.AlignCenter)
    label.setStyleSheet("font-weight: bold; font-size: 13pt; padding: 3px;")
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box


class HealthyComparison(QObject):
    """Owns the split layout while comparing; ``window.view`` stays the same widget throughout."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._pending_widths: dict = {}
        self.scene: PathwayScene | None = None
        self.view: PathwayView | None = None
        self.container: QWidget | None = None
        self._syncing = False
        self._stop_observing = None

    def is_on(self) -> bool:
        return self.container is not None

    def set_on(self, on: bool) -> None:
        if on == self.is_on():
            return
        self._show() if on else self._hide()

    # -- building and tearing down -----------------------------------------------------------------
    def _show(self) -> None:
        w = self.window
        self.scene = PathwayScene(w.pathway, theme=w.scene.theme)
        self.view = PathwayView(self.scene)
        self.view.setObjectName("healthy_diagram")
        self.view.setDragMode(PathwayView.NoDrag)  # it follows the main view instead
        self.scene.species_clicked.connect(w.select_species)
        self.scene.species_context_requested.connect(w.show_species_menu)
        widths = self._dock_widths()
        main = w.takeCentralWidget()  # keep the main view alive; setCentralWidget would delete it
        split = QSplitter(Qt.Horizontal)
        split.setObjectName("compare_splitter")
        split.setChildrenCollapsible(False)
        split.addWidget(_titled(HEALTHY_TITLE, "The same inputs, knockouts and drugs, but no serine kinases "
                                "switched on", self.view))
        split.addWidget(_titled(CURRENT_TITLE, "The pathway with all your changes", main))
        main.show()
        self.container = split
        w.setCentralWidget(split)
        self._restore_dock_widths(widths)
        w.frame_drawn.connect(self._frame)
        self._stop_observing = w.state.observe(self._state_changed)
        for bar in (w.view.horizontalScrollBar(), w.view.verticalScrollBar()):
            bar.valueChanged.connect(self._follow)
        self._state_changed(frozenset({"perturbations", "selection"}))
        self._frame(0.0)
        self._follow()

    def _hide(self) -> None:
        w = self.window
        w.frame_drawn.disconnect(self._frame)
        self._stop_observing()
        for bar in (w.view.horizontalScrollBar(), w.view.verticalScrollBar()):
            bar.valueChanged.disconnect(self._follow)
        widths = self._dock_widths()
        container = w.takeCentralWidget()
        w.view.setParent(None)
        w.setCentralWidget(w.view)
        self._restore_dock_widths(widths)
        w.view.show()
        container.deleteLater()
        self.scene = self.view = self.container = None

    def _dock_widths(self) -> dict:
        w = self.window
        return {dock: dock.width() for dock in w.findChildren(QDockWidget)
                if dock.isVisible() and not dock.isFloating()
                and w.dockWidgetArea(dock) in (Qt.LeftDockWidgetArea, Qt.RightDockWidgetArea)}

    def _restore_dock_widths(self, widths: dict) -> None:
        """Swapping the central widget makes QMainWindow re-share the width among the side docks; put
        them back as they were once the layout has settled (it ignores a resize before that)."""
        if not widths:
            return
        self._pending_widths = widths
        self.window.setUpdatesEnabled(False)  # no frame with the squeezed diagram
        QTimer.singleShot(0, self._settle_docks)

    def _settle_docks(self) -> None:
        widths, self._pending_widths = self._pending_widths, {}
        w = self.window
        try:
            alive = [d for d in widths if d.parent() is w]
            if alive:
                w.resizeDocks(alive, [widths[d] for d in alive], Qt.Horizontal)
        finally:
            w.setUpdatesEnabled(True)

    # -- following the main diagram ----------------------------------------------------------------
    def _frame(self, minutes: float) -> None:
        w = self.window
        snap = w.live.snapshot(w.state.replay_time)
        healthy = Snapshot(snap.time, snap.healthy, w.live.healthy_flux(snap.healthy), snap.healthy)
        self.scene.apply_snapshot(healthy, minutes if w.state.replay_time is None else 0.0, w.ymax)
        self._follow()

    def _state_changed(self, changed: frozenset) -> None:
        state = self.window.state
        if "selection" in changed:
            self.scene.select_species(state.selection)
        if "perturbations" in changed:
            self._show_perturbations(state.perturbations)

    def _show_perturbations(self, p: Perturbations) -> None:
        # Tags as the healthy run sees it: same inputs, no clamps or drugs (its silenced kinases
        # are the definition of "healthy", not a knockout to flag).
        self.scene.show_perturbations(Perturbations(inputs=dict(healthy_reference(self.window.pathway, p).inputs)))

    def _follow(self, *_args) -> None:
        """Show the same part of the diagram at the same zoom as the main view."""
        if self._syncing or self.view is None:
            return
        main = self.window.view
        if self.view.transform() == main.transform() and self.view.sceneRect() == main.sceneRect():
            centre = main.mapToScene(main.viewport().rect().center())
            if (self.view.mapToScene(self.view.viewport().rect().center()) - centre).manhattanLength() < 0.5:
                return
        self._syncing = True
        try:
            self.view.auto_fit = False
            self.view.setSceneRect(main.sceneRect())
            self.view.setTransform(main.transform())
            self.view.centerOn(main.mapToScene(main.viewport().rect().center()))
        finally:
            self._syncing = False
