"""The main window: diagram in the centre, controls left, node card right, plots below.

Built in plain code from its parts, in the order they need each other, and handed one
:class:`~pathwayviz.state.AppState`. Keys, menus and widgets change the state; :meth:`_render`
observes it and shows it (the simulation, the diagram, the controls, the card, the plots).

Start-up is two steps (:mod:`.after_paint`): ``__init__`` builds what the first paint shows;
:meth:`MainWindow.finish_start_up` builds the rest just after that paint — or at once, when code
reads one of those parts before then. Their modules are imported there too.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QScrollArea, QWidget

from ..canvas.scene import PathwayScene
from ..canvas.style import SCREEN
from ..canvas.view import PathwayView
from ..model.graph import trace_signal
from ..model.pathway import Pathway
from ..sim.live import LiveSimulation
from ..state import AppState
from .after_paint import BuiltAfterFirstPaint, after_first_paint
from .clock import SimulationClock
from .commands import record_on
from .controls import ControlsPanel
from .lesson_controller import LessonController
from .lesson_strip import LessonStrip
from .menu_bar import top_menus
from .node_card import NodeCard
from .plots_dock import TimeCourses
from .scenario_player import ScenarioPlayer
from .whatif import WhatIfTools

SETTINGS_GROUP = "MainWindow"
# On a first start narrower than this the right-hand panels (molecule card, perturbations, lesson)
# start folded away so the diagram is the largest element; selecting a molecule brings the card back.
COMPACT_WIDTH = 1600
CARD_REFRESH_FRAMES = 10


class MainWindow(QMainWindow):
    """Binds one pathway's state and live simulation to the diagram, controls, card and plots."""

    frame_drawn = Signal(float)

    # Built by finish_start_up(), just after the first paint (or when first read, if that is earlier).
    glossary = BuiltAfterFirstPaint()
    glossary_panel = BuiltAfterFirstPaint()
    find_bar = BuiltAfterFirstPaint()
    compare = BuiltAfterFirstPaint()
    lesson_panel = BuiltAfterFirstPaint()
    presentation = BuiltAfterFirstPaint()
    sessions = BuiltAfterFirstPaint()
    slide_export = BuiltAfterFirstPaint()
    media_export = BuiltAfterFirstPaint()
    model_export = BuiltAfterFirstPaint()
    state_words = BuiltAfterFirstPaint()
    return_presses = BuiltAfterFirstPaint()
    actions_registry = BuiltAfterFirstPaint()

    def __init__(self, pathway: Pathway, parent=None, start_running: bool = True):
        super().__init__(parent)
        self.setObjectName("PathwayVizMainWindow")
        self.pathway = pathway
        self.state = AppState(pathway)
        self.live = LiveSimulation(pathway)
        self.ymax = self.live.ymax
        self.undo_stack = QUndoStack(self)
        record_on(self.undo_stack, self.state)
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self._frames = 0
        self._started = False
        self._when_started: list = []

        # The diagram and the panels around it.
        self.scene = PathwayScene(pathway, SCREEN)
        self.view = PathwayView(self.scene)
        self.view.setObjectName("diagram")
        self.setCentralWidget(self.view)
        self.controls = ControlsPanel(pathway, self.state)
        self.card = NodeCard(pathway)
        self.controls_dock = self._dock("Controls", "controls_dock", self.controls, Qt.LeftDockWidgetArea,
                                        scrollable=True)
        self.controls_dock.widget().setMinimumWidth(self.controls.sizeHint().width() + 16)
        self.card_dock = self._dock("Molecule", "card_dock", self.card, Qt.RightDockWidgetArea)
        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label)
        self.clock = SimulationClock(self.live, self)

        # The parts on screen at the first paint (each gets the window to read from; none adds itself
        # to it). Every dock exists from the start, so a saved layout restores before the first paint;
        # the glossary and lesson docks (hidden, or behind the card) get their content after it.
        self.time_courses = TimeCourses(self)
        self.plots_dock = self._dock("Time courses", "plots_dock", self.time_courses.placeholder,
                                     Qt.BottomDockWidgetArea)
        self.plots_dock.setMinimumHeight(170)
        self.plots_dock.hide()  # first start shows the diagram; View ▸ Time courses (Ctrl+T) opens it
        self.glossary_dock = self._dock("Glossary", "glossary_dock", QWidget(), Qt.RightDockWidgetArea)
        self.glossary_dock.hide()
        self.card.term_linker = lambda text: self.glossary.link_terms(text)
        self.scenarios = ScenarioPlayer(self)  # Simulation ▸ Scenario: the clock in the status bar, whole-run plots
        self.whatif = WhatIfTools(self)
        self.whatif.dock = self._dock("Perturbations", "perturbations_dock", self.whatif.panel,
                                      Qt.RightDockWidgetArea, scrollable=True)
        self.resizeDocks([self.card_dock, self.whatif.dock], [3, 2], Qt.Vertical)  # the card stays the larger
        self.lesson_controller = LessonController(self)
        self.lesson_dock = self._dock("Lesson", "lesson_dock", QWidget(), Qt.RightDockWidgetArea)
        self.tabifyDockWidget(self.card_dock, self.lesson_dock)
        self.card_dock.raise_()
        self.lesson_strip = LessonStrip(self.lesson_controller, self)
        self.addToolBar(Qt.BottomToolBarArea, self.lesson_strip)
        self._menus = top_menus(self)  # the titles now; their entries and shortcuts after the first paint
        after_first_paint(self.view.viewport(), self.finish_start_up)

        # Wiring: widgets -> state (or clock); state -> everything shown.
        self.clock.ticked.connect(self._tick)
        self.clock.running_changed.connect(self.controls.set_running)
        self.clock.running_changed.connect(self._clock_running)
        self.controls.play_toggled.connect(self.clock.toggle)
        self.controls.reset_requested.connect(self.reset)
        self.controls.speed_changed.connect(self.clock.set_speed)
        self.scene.species_clicked.connect(self.select_species)
        self.scene.background_clicked.connect(self.card.show_intro)
        self.scene.species_context_requested.connect(self.show_species_menu)
        self.card.species_link_clicked.connect(self.select_species)
        self.card.glossary_link_clicked.connect(self.show_glossary_term)
        self.card.trace_requested.connect(self.trace_signal_to)
        self.state.observe(self._render)

        self.setWindowTitle(f"PathwayViz — {pathway.title}")
        self.resize(1600, 1000)
        self.live.reset()
        self._render(frozenset({"perturbations", "focus"}))
        if start_running:
            self.clock.start()

    # -- the second start-up step ----------------------------------------------------------------
    def finish_start_up(self) -> None:
        """Build the parts the first paint does not show (once; runs just after the first paint).

        Reading any :class:`BuiltAfterFirstPaint` attribute runs this first, so nothing depends on
        the timing; :meth:`when_started` runs a callback once it is done.
        """
        if self._started:
            return
        self._started = True
        from .accessible_names import name_clear_button, name_overflow_button
        from .action_table import window_actions
        from .actions import ActionRegistry
        from .compare import HealthyComparison
        from .export_actions import SlideExportController
        from .find import FindBar
        from .glossary_view import GlossaryPanel, builtin_glossary
        from .lesson_panel import LessonPanel
        from .media_export import MediaExportController
        from .model_export import ModelExportController
        from .presentation import PresentationMode
        from .return_presses import ReturnPresses
        from .sessions import SessionController
        from .state_words import StateInWords

        self.glossary = builtin_glossary()
        self.glossary_panel = GlossaryPanel(self.glossary)
        self._replace_dock_widget(self.glossary_dock, self.glossary_panel)
        self.find_bar = FindBar(self)
        self.compare = HealthyComparison(self)
        self.lesson_panel = LessonPanel(self.lesson_controller)
        self._replace_dock_widget(self.lesson_dock, self._scrollable(self.lesson_panel))
        self.presentation = PresentationMode(self, self.lesson_controller)
        self.sessions = SessionController(self)
        self.slide_export = SlideExportController(self)
        self.media_export = MediaExportController(self)
        self.model_export = ModelExportController(self)
        self.state_words = StateInWords(self)
        self.return_presses = ReturnPresses(self)
        name_clear_button(self.find_bar.edit, "the search")
        name_clear_button(self.glossary_panel.search, "the glossary search")
        for bar in (self.lesson_strip, self.presentation.band_bar):
            name_overflow_button(bar)
        # Every menu entry, shortcut and node-menu entry, from the one table.
        self.actions_registry = ActionRegistry(self, window_actions(self.pathway), self._menus)
        self.actions_registry.show_checked()
        callbacks, self._when_started = self._when_started, []
        for callback in callbacks:
            callback()

    def is_started(self) -> bool:
        """Whether :meth:`finish_start_up` has run (menus, shortcuts, sessions … are there)."""
        return self._started

    def when_started(self, callback) -> None:
        """Run ``callback()`` once :meth:`finish_start_up` is done (now, if it is)."""
        if self._started:
            callback()
        else:
            self._when_started.append(callback)

    # -- layout helpers --------------------------------------------------------------------------
    @staticmethod
    def _scrollable(widget: QWidget) -> QScrollArea:
        """A scroll area that lets ``widget`` grow with its content without forcing the window taller."""
        scroll = QScrollArea()
        scroll.setWidget(widget)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        return scroll

    @staticmethod
    def _replace_dock_widget(dock: QDockWidget, widget: QWidget) -> None:
        old = dock.widget()
        dock.setWidget(widget)
        if old is not None:
            old.deleteLater()

    def _dock(self, title: str, name: str, widget: QWidget, area, scrollable: bool = False) -> QDockWidget:
        """A dock (``scrollable`` ones grow with their content without forcing the window taller)."""
        if scrollable:
            widget = self._scrollable(widget)
        dock = QDockWidget(title, self)
        dock.setObjectName(name)  # for saveState/restoreState only
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetMovable | QDockWidget.DockWidgetFloatable
                         | QDockWidget.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    @property
    def plots(self):
        """The time-course panel, or None until it is built (just after the first paint)."""
        return self.time_courses.plots

    # -- rendering the state ---------------------------------------------------------------------
    def _render(self, changed: frozenset) -> None:
        state = self.state
        if "perturbations" in changed:
            p = state.perturbations
            self.live.set_perturbations(p)
            self.scene.show_perturbations(p)
            self.controls.show_perturbations(p)
            if self._started:  # else the registry is not built yet, and syncs when it is
                self.actions_registry.show_checked()
        if "selection" in changed:
            self.scene.select_species(state.selection)
            if state.selection is None:
                self.card.show_intro()
            else:
                self._refresh_card(state.selection)
        if "highlight" in changed:
            self.scene.set_highlight(state.highlight)
        if "focus" in changed:
            self.controls.show_focus(state.focus)
        if changed & {"perturbations", "replay_time"}:
            self.redraw(0.0)

    def reset(self) -> None:
        """Default settings and constant inputs (one undo step), back to the healthy start at time 0."""
        self.state.reset_to_defaults()
        self.live.reset()
        self.redraw(0.0)

    # -- frames ----------------------------------------------------------------------------------
    def _tick(self, minutes: float) -> None:
        self.view.advance_zoom(minutes / self.clock.speed)  # real seconds this frame
        self.redraw(minutes)

    def _clock_running(self, running: bool) -> None:
        self.view.zoom_clock_running = running
        if not running:
            self.view.finish_zoom()  # paused: nothing moves, so a zoom under way ends now

    def redraw(self, minutes: float) -> None:
        """Draw the current (or replayed) simulation state in the scene and panels."""
        replay = self.state.replay_time
        snap = self.shown_snapshot = self.live.snapshot(replay)  # the panels draw this one too
        self.scene.apply_snapshot(snap, minutes if replay is None else 0.0, self.ymax)
        self._frames += 1
        if self.card.species_id and (minutes == 0.0 or self._frames % CARD_REFRESH_FRAMES == 0):
            self._refresh_card()
        self.controls.set_time(snap.time)
        self.frame_drawn.emit(minutes)

    # -- selection and card ----------------------------------------------------------------------
    def select_species(self, species_id: str) -> None:
        if species_id in self.pathway.species:
            self.state.select(species_id)
            self._refresh_card(species_id)
            if self._first_start_layout and self.card_dock.isHidden() and not self._presenting():
                self._first_start_layout = False  # the compact first start folded the card away: bring it
                self.card_dock.show()
                self.card_dock.raise_()

    def _refresh_card(self, species_id: str | None = None) -> None:
        sid = species_id or self.card.species_id
        snap = self.live.snapshot(self.state.replay_time)
        i = self.live.index[sid]
        activity, healthy = self.live.normalised(snap.state), self.live.normalised(snap.healthy)
        badges = {b.species: float(activity[self.live.index[b.species]]) for b in self.pathway.species[sid].badges}
        scroll = self.card.verticalScrollBar().value() if sid == self.card.species_id else 0
        self.card.show_species(sid, float(activity[i]), float(healthy[i]),
                               self.state.perturbations, badges)
        self.card.verticalScrollBar().setValue(scroll)

    def trace_signal_to(self, species_id: str) -> None:
        """Highlight the signal's route from insulin to ``species_id`` (one undo step)."""
        trace = trace_signal(self.pathway, species_id)
        if trace:
            self.state.edit(f"Trace the signal to {self.pathway.species[species_id].label}", highlight=trace.species)

    def species_menu(self, species_id: str) -> QMenu:
        """A molecule's menu (the action table's node entries)."""
        return self.actions_registry.node_menu(species_id)

    def show_species_menu(self, species_id: str, global_pos) -> None:
        self.select_species(species_id)
        menu = self.species_menu(species_id)
        menu.exec(global_pos)
        menu.deleteLater()

    def show_glossary_term(self, key: str) -> None:
        """Open the Glossary dock at ``key`` (a link on the card or in a caption)."""
        if self.glossary_panel.show_term(key) is None:
            return
        dock = self.glossary_dock
        if dock.isHidden() and not dock.isFloating():
            neighbour = self.whatif.dock  # open as a tab beside it rather than squeezing the card further
            if (neighbour.isVisible() and not neighbour.isFloating()
                    and self.dockWidgetArea(neighbour) == self.dockWidgetArea(dock)):
                self.tabifyDockWidget(neighbour, dock)
        dock.show()
        dock.raise_()

    # -- help ------------------------------------------------------------------------------------
    def shortcut_table(self) -> list[tuple[str, str]]:
        """(action, keys) for every window action that has a shortcut, in table order."""
        return [(text, keys) for where, text, keys in self.actions_registry.shortcut_rows() if where == "Window"]

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
        else:  # first start: fit the panels to the window's width until the user arranges them
            self._first_start_layout = True
            for dock in self._right_docks():
                dock.toggleViewAction().triggered.connect(self._user_arranged)
            self._fit_first_start()

    _first_start_layout = False

    def _presenting(self) -> bool:
        """Presentation mode is on (without building it: it is made just after the first paint)."""
        mode = self.__dict__.get("presentation")
        return mode is not None and mode.active

    def _right_docks(self) -> list[QDockWidget]:
        return [self.card_dock, self.whatif.dock, self.lesson_dock]

    def _user_arranged(self, *_args) -> None:
        self._first_start_layout = False

    def _fit_first_start(self) -> None:
        """Under COMPACT_WIDTH the right-hand panels start hidden; wider, they show."""
        if not self._first_start_layout or self._presenting():
            return
        compact = self.width() < COMPACT_WIDTH
        for dock in self._right_docks():
            if dock is not self.lesson_dock or compact:
                dock.setVisible(not compact)
        if not compact:
            self.card_dock.raise_()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_first_start()

    def save_window_state(self, settings: QSettings) -> None:
        settings.beginGroup(SETTINGS_GROUP)
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("state", self.saveState())
        settings.endGroup()

    def closeEvent(self, event) -> None:
        if self._started:  # else there is no presentation to leave, and no session to autosave yet
            self.presentation.leave()  # so the window saves its normal geometry and docks, not full-screen ones
        self.clock.stop()
        if self._started:
            self.sessions.window_closing()
        self.save_window_state(QSettings())
        super().closeEvent(event)
