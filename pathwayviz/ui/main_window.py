"""The main window: diagram in the centre, controls left, node card right, plots below."""

from __future__ import annotations

import html

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QScrollArea,
                               QWidget)

from ..model.loader import load_pathway
from ..model.pathway import Pathway
from ..model.yamlio import FileProblems
from ..sim.live import LiveSimulation
from ..sim.perturbations import Perturbations
from ..canvas.scene import PathwayScene
from ..canvas.view import PathwayView
from .actions import ActionRegistry, ActionSpec
from .clock import SimulationClock
from .controls import ControlsPanel
from .node_card import NodeCard

SETTINGS_GROUP = "MainWindow"
_OPEN_WINDOWS: list = []
CARD_REFRESH_FRAMES = 10


class PerturbationCommand(QUndoCommand):
    """One user change of inputs, toggles, clamps or drugs; slider drags merge into one step."""

    _ids: dict[str, int] = {}

    def __init__(self, window: "MainWindow", before: Perturbations, after: Perturbations, text: str,
                 merge_key: str = ""):
        super().__init__(text)
        self.window = window
        self.before = before.copy()
        self.after = after.copy()
        self.merge_key = merge_key

    def id(self) -> int:
        if not self.merge_key:
            return -1
        return PerturbationCommand._ids.setdefault(self.merge_key, 1000 + len(PerturbationCommand._ids))

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, PerturbationCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after.copy()
        self.setText(other.text())
        return True

    def redo(self) -> None:
        self.window.set_perturbations(self.after)

    def undo(self) -> None:
        self.window.set_perturbations(self.before)


class MainWindow(QMainWindow):
    """Binds one pathway's live simulation to the diagram, controls, card and plots."""

    frame_drawn = Signal(float)
    plots_ready = Signal(object)  # the time-course panel, once built (it is built after first paint)
    perturbations_changed = Signal(object)
    species_selected = Signal(str)

    def __init__(self, pathway: Pathway, parent=None, start_running: bool = True):
        super().__init__(parent)
        self.setObjectName("PathwayVizMainWindow")
        self.pathway = pathway
        self.live = LiveSimulation(pathway)
        self.ymax = self.live.engine.compiled.ymax
        self.scrub_time: float | None = None
        self.undo_stack = QUndoStack(self)
        self._frames = 0
        self.species_menu_hooks: list = []  # callables(menu, species_id) that add context-menu entries

        self.scene = PathwayScene(pathway)
        self.view = PathwayView(self.scene)
        self.view.setObjectName("diagram")
        self.setCentralWidget(self.view)

        self.controls = ControlsPanel(pathway)
        self.card = NodeCard(pathway)
        # Scrollable, so the window still fits a 1280×800 laptop screen.
        controls_scroll = QScrollArea()
        controls_scroll.setWidget(self.controls)
        controls_scroll.setWidgetResizable(True)
        controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        controls_scroll.setFrameShape(QScrollArea.NoFrame)
        controls_scroll.setMinimumWidth(self.controls.sizeHint().width() + 16)
        self.controls_dock = self._dock("Controls", "controls_dock", controls_scroll, Qt.LeftDockWidgetArea)
        self.card_dock = self._dock("Molecule", "card_dock", self.card, Qt.RightDockWidgetArea)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)

        self.clock = SimulationClock(self.live, self)
        self.clock.ticked.connect(self._on_tick)
        self.clock.running_changed.connect(self.controls.set_running)
        self.controls.perturbations_edited.connect(self.edit_perturbations)
        self.controls.play_toggled.connect(self.clock.toggle)
        self.controls.reset_requested.connect(self.reset)
        self.controls.speed_changed.connect(self.clock.set_speed)
        self.scene.species_clicked.connect(self.select_species)
        self.scene.background_clicked.connect(self._background_clicked)
        self.scene.species_context_requested.connect(self.show_species_menu)
        self.card.species_link_clicked.connect(self.select_species)

        self.actions_registry = ActionRegistry(self)
        self._declare_actions()
        self.setWindowTitle(f"PathwayViz — {pathway.title}")
        self.resize(1600, 1000)

        from .features import installers

        for install in installers():
            install(self)

        self.live.reset()
        self.controls.sync(self.live.perturbations)
        self.scene.show_perturbations(self.live.perturbations)
        self.redraw(0.0)
        if start_running:
            self.clock.start()

    # -- layout helpers --------------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                         | QDockWidget.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def add_dock(self, title: str, name: str, widget: QWidget, area=Qt.BottomDockWidgetArea,
                  scrollable: bool = False) -> QDockWidget:
        """For feature modules (plots, lessons) to add their panel; it joins the View menu.

        ``scrollable`` panels may grow with their content without forcing the window taller.
        """
        if scrollable:
            scroll = QScrollArea()
            scroll.setWidget(widget)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.NoFrame)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            widget = scroll
        dock = self._dock(title, name, widget, area)
        self.actions_registry.menu("&View").addAction(dock.toggleViewAction())
        return dock

    def _declare_actions(self) -> None:
        a = self.actions_registry
        a.add(ActionSpec("open_pathway", "Open &pathway…", "&File", self.open_pathway_dialog,
                         "Ctrl+Alt+O", "Open another pathway file"))
        a.separator("&File")
        a.add(ActionSpec("quit", "&Quit", "&File", self.close, QKeySequence.Quit))
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (undo, redo):
            a.menu("&Edit").addAction(act)
            self.addAction(act)
        self.undo_action, self.redo_action = undo, redo
        a.add(ActionSpec("zoom_in", "Zoom &in", "&View", lambda: self.view.zoom_by(1.25),
                         ("+", "=", QKeySequence.ZoomIn)))
        a.add(ActionSpec("zoom_out", "Zoom &out", "&View", lambda: self.view.zoom_by(0.8),
                         ("-", QKeySequence.ZoomOut)))
        a.add(ActionSpec("zoom_fit", "&Fit diagram to window", "&View", self.view.fit, "0"))
        a.separator("&View")
        for dock in (self.controls_dock, self.card_dock):
            a.menu("&View").addAction(dock.toggleViewAction())
        a.add(ActionSpec("play_pause", "&Play / pause", "&Simulation", self.clock.toggle, "Space",
                         "Start or stop the simulation clock"))
        a.add(ActionSpec("reset", "&Reset", "&Simulation", self.reset, "R",
                         "Back to the healthy starting state with default settings"))
        a.separator("&Simulation")
        for control in self.pathway.toggles:
            a.add(ActionSpec(f"toggle_{control.species}", f"Toggle {control.label}", "&Simulation",
                             lambda sid=control.species: self.controls.toggle_kinase(sid), control.key,
                             f"Switch {control.label} serine phosphorylation of IRS-1 on or off"))
        a.add(ActionSpec("shortcuts", "&Keyboard shortcuts", "&Help", self.show_shortcuts, "F1",
                         "List every keyboard shortcut"))
        a.add(ActionSpec("about", "&About PathwayViz", "&Help", self._about))

    # -- perturbations ---------------------------------------------------------------------------
    def edit_perturbations(self, after: Perturbations, description: str, merge_key: str = "") -> None:
        """A user edit: goes through the undo stack."""
        before = self.live.perturbations
        if before == after:
            return
        self.undo_stack.push(PerturbationCommand(self, before, after, description, merge_key))

    def set_perturbations(self, p: Perturbations) -> None:
        """Apply perturbations directly (undo/redo, lessons, sessions); the change then unfolds."""
        self.live.set_perturbations(p)
        self.controls.sync(p)
        self.scene.show_perturbations(p)
        self.perturbations_changed.emit(p.copy())
        self.redraw(0.0)

    def reset(self) -> None:
        self.undo_stack.push(PerturbationCommand(self, self.live.perturbations,
                                                 Perturbations.defaults(self.pathway), "Reset"))
        self.live.reset()
        self.redraw(0.0)

    def clamp_species(self, species_id: str, how: str) -> None:
        p = self.live.perturbations
        p.restore(species_id)
        label = self.pathway.species[species_id].label
        if how == "knockout":
            p.knockouts.add(species_id)
            text = f"Knock out {label}"
        elif how == "overexpress":
            p.overexpress.add(species_id)
            text = f"Overexpress {label}"
        else:
            text = f"Restore {label}"
        self.edit_perturbations(p, text)

    # -- frames ----------------------------------------------------------------------------------
    def _on_tick(self, minutes: float) -> None:
        self.redraw(minutes)

    def redraw(self, minutes: float) -> None:
        """Push the current (or scrubbed) state into the scene and panels."""
        snap = self.live.snapshot(self.scrub_time)
        self.scene.apply_snapshot(snap, minutes if self.scrub_time is None else 0.0, self.ymax)
        self._frames += 1
        if self.card.species_id and (minutes == 0.0 or self._frames % CARD_REFRESH_FRAMES == 0):
            self._refresh_card()
        self.controls.set_time(snap.time)
        self.frame_drawn.emit(minutes)

    # -- selection and card ----------------------------------------------------------------------
    def select_species(self, species_id: str) -> None:
        if species_id not in self.pathway.species:
            return
        self.scene.select_species(species_id)
        self._refresh_card(species_id)
        self.species_selected.emit(species_id)

    def _background_clicked(self) -> None:
        self.card.show_intro()

    def _refresh_card(self, species_id: str | None = None) -> None:
        sid = species_id or self.card.species_id
        snap = self.live.snapshot(self.scrub_time)
        i = self.live.index[sid]
        badges = {b.species: float(snap.state[self.live.index[b.species]] / self.ymax[self.live.index[b.species]])
                  for b in self.pathway.species[sid].badges}
        scroll = self.card.verticalScrollBar().value() if sid == self.card.species_id else 0
        self.card.show_species(sid, float(snap.state[i] / self.ymax[i]), float(snap.healthy[i] / self.ymax[i]),
                               self.live.perturbations, badges)
        self.card.verticalScrollBar().setValue(scroll)

    def species_menu(self, species_id: str) -> QMenu:
        """Right-click menu of a molecule (feature modules may add entries via species_menu_hooks)."""
        menu = QMenu(self)
        label = self.pathway.species[species_id].label
        p = self.live.perturbations
        ko = menu.addAction(f"Knock out {label}")
        ko.triggered.connect(lambda: self.clamp_species(species_id, "knockout"))
        oe = menu.addAction(f"Overexpress {label}")
        oe.triggered.connect(lambda: self.clamp_species(species_id, "overexpress"))
        restore = menu.addAction(f"Restore {label}")
        restore.setEnabled(p.clamp_of(species_id) is not None)
        restore.triggered.connect(lambda: self.clamp_species(species_id, "restore"))
        for hook in self.species_menu_hooks:
            hook(menu, species_id)
        return menu

    def show_species_menu(self, species_id: str, global_pos) -> None:
        self.select_species(species_id)
        menu = self.species_menu(species_id)
        menu.exec(global_pos)
        menu.deleteLater()

    # -- files -----------------------------------------------------------------------------------
    def open_pathway_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open pathway", "", "Pathway files (*.yaml *.yml)")
        if path:
            self.open_pathway(path)

    def open_pathway(self, path: str) -> bool:
        try:
            pathway = load_pathway(path)
        except FileProblems as exc:
            QMessageBox.warning(self, "Cannot open pathway",
                                "The pathway file has problems and was not opened:\n\n" + str(exc))
            return False
        replacement = type(self)(pathway)
        _OPEN_WINDOWS.append(replacement)  # the Python wrapper must outlive this method
        replacement.destroyed.connect(lambda *_: _OPEN_WINDOWS.remove(replacement)
                                      if replacement in _OPEN_WINDOWS else None)
        replacement.setAttribute(Qt.WA_DeleteOnClose)
        replacement.show()
        self.close()
        return True

    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) for every window action that has a shortcut, in menu order."""
        rows = []
        for action in self.actions():
            keys = ", ".join(k.toString(QKeySequence.NativeText) for k in action.shortcuts())
            text = action.text().replace("&", "")
            if keys and text and (text, keys) not in rows:
                rows.append((text, keys))
        return rows

    def show_shortcuts(self) -> None:
        rows = "".join(f"<tr><td>{html.escape(t)}</td><td><b>{html.escape(k)}</b></td></tr>"
                       for t, k in self.shortcut_table())
        box = QMessageBox(QMessageBox.Information, "Keyboard shortcuts",
                          f"<table cellspacing='6'>{rows}</table>"
                          "<p>Presentation mode (F5): PageDown / → / Space next, PageUp / ← back, "
                          "Home / End, B blank, Esc leave.</p>", QMessageBox.Close, self)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.open()

    def _about(self) -> None:
        QMessageBox.about(self, "About PathwayViz",
                          "<h3>PathwayViz</h3><p>An animated, simulation-driven diagram of insulin signalling "
                          "for teaching selective insulin resistance.</p><p>Dynamics: logic-based normalized-Hill "
                          "ODEs (Kraeutler, Soltis &amp; Saucerman 2010).</p>")

    # -- window state ----------------------------------------------------------------------------
    def restore_window_state(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        geometry = settings.value("geometry")
        state = settings.value("state")
        settings.endGroup()
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_window_state(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.endGroup()

    def closeEvent(self, event) -> None:
        self.clock.stop()
        self.save_window_state(QSettings())
        super().closeEvent(event)
