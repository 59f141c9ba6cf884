"""Scenarios in the window: Simulation ▸ Scenario, the time-of-day clock, and the whole-run plots.

Which scenario runs is a field of the application state (a built-in id or a file path; undoable
like any other change). This part observes it: choosing one starts it from its defined start
(the steady state of its first moment under the current settings) and sets a speed that plays it
in a couple of minutes; the plots span the whole run with its nights shaded; the status bar shows
the time of day and the scenario's title. At its end the clock stops; Play then starts it again.
Choosing "None" (or Reset) returns to constant inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6 import QtWidgets  # QFileDialog is read when the dialog opens: the first paint does without it
from PySide6.QtWidgets import QLabel

from ..model.yamlio import FileProblems
from ..canvas.accessible import announce
from .controls import SPEEDS
from .messages import show_problem

if TYPE_CHECKING:  # model.scenario is imported when a scenario is first used: the first paint does without it
    from ..model.scenario import Scenario

SCENARIO_FILTER = "Scenario files (*.yaml *.yml);;All files (*)"
PLAY_SECONDS = 150.0  # about how long a scenario plays at the speed chosen for it


def scenario_speed(scenario: Scenario) -> float:
    """The slowest offered speed (simulated minutes per second) that plays ``scenario`` within PLAY_SECONDS."""
    wanted = scenario.duration / PLAY_SECONDS
    return next((value for value, _text in SPEEDS if value >= wanted), SPEEDS[-1][0])


class ScenarioPlayer(QObject):
    """Runs the state's scenario in the live simulation and shows its clock."""

    clock_changed = Signal(str)  # the time of day shown ("08:30"), "" when no scenario runs

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.scenario: Scenario | None = None
        self._loaded: dict[str, Scenario] = {}
        self._shown_clock: str | None = None
        self._speed_before: int | None = None  # the speed choice to go back to when the scenario ends
        self.clock_label = QLabel()
        self.clock_label.setObjectName("scenario_clock")
        self.clock_label.setAccessibleName("Scenario clock")
        self.clock_label.hide()
        window.statusBar().addPermanentWidget(self.clock_label)  # status messages do not hide it
        window.state.observe(self._state_changed)
        window.frame_drawn.connect(self._frame)
        window.clock.running_changed.connect(self._running_changed)

    # -- choosing ----------------------------------------------------------------------------------
    def builtins(self) -> list[Scenario]:
        from ..model.scenario_refs import builtin_scenarios

        found = builtin_scenarios(self.window.pathway)
        self._loaded.update({s.id: s for s in found})
        return found

    def choose(self, reference: str | None) -> bool:
        """Run the scenario ``reference`` names (None: constant inputs); False, with a message, if it cannot be read."""
        if reference is None:
            self.window.state.set_scenario(None)
            return True
        scenario = self._load(reference)
        if scenario is None:
            return False
        self.window.state.set_scenario(reference, scenario.title)
        return True

    def ask_open_file(self) -> None:
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "Open scenario", "", SCENARIO_FILTER)
        if path:
            self.choose(path)
        self.window.actions_registry.show_checked()  # a cancelled dialog leaves the menu as it was

    def is_running(self, reference: str | None) -> bool:
        """Whether the state's scenario is ``reference`` (for the menu's radio marks); "file": any file."""
        current = self.window.state.scenario
        if reference == "file":
            from ..model.scenario_refs import is_builtin_scenario

            return current is not None and not is_builtin_scenario(current)
        return current == reference

    def _load(self, reference: str) -> Scenario | None:
        if reference in self._loaded:
            return self._loaded[reference]
        from ..model.scenario_refs import resolve_scenario

        try:
            scenario = resolve_scenario(reference, self.window.pathway)
        except FileProblems as exc:
            show_problem(self.window, "Cannot open scenario",
                         f"The scenario has problems and was not started; the simulation goes on as it was.\n\n{exc}")
            return None
        except OSError as exc:
            show_problem(self.window, "Cannot open scenario", f"{reference}: cannot be read ({exc.strerror or exc}).")
            return None
        self._loaded[reference] = scenario
        return scenario

    # -- running -----------------------------------------------------------------------------------
    def _state_changed(self, changed: frozenset) -> None:
        if "scenario" in changed:
            reference = self.window.state.scenario
            if "perturbations" in changed:  # one edit set both (a lesson step): start under the new settings
                self.window.live.set_perturbations(self.window.state.perturbations)
            scenario = None if reference is None else self._load(reference)
            if reference is not None and scenario is None:
                self.window.state.apply(scenario=None)  # a file that broke since: back to constant inputs
                return
            self.start(scenario)

    def start(self, scenario: Scenario | None, at_minute: float = 0.0) -> None:
        """Run ``scenario`` in the live simulation from its start (then on to ``at_minute``); None stops it."""
        w = self.window
        self.scenario = scenario
        w.live.start_scenario(scenario)
        if scenario is None:
            w.live.reset()
        elif at_minute > 0:
            w.live.run_scenario_to(min(at_minute, scenario.duration))
        self._choose_speed(scenario)
        w.time_courses.show_scenario(scenario)
        if w.is_started():
            w.actions_registry.show_checked()
        self.clock_label.setVisible(scenario is not None)
        self._shown_clock = None
        if scenario is not None:  # said once, for listeners; the label then follows silently
            from ..model.scenario import format_clock

            announce(w, f"{scenario.title}: runs from {format_clock(scenario.clock(w.live.time))} for "
                        f"{scenario.duration / 60:g} h")
        w.redraw(0.0)
        if scenario is None:
            self.clock_changed.emit("")

    def _choose_speed(self, scenario: Scenario | None) -> None:
        combo = self.window.controls.speed
        if scenario is None:
            if self._speed_before is not None:
                combo.setCurrentIndex(self._speed_before)
                self._speed_before = None
            return
        if self._speed_before is None:
            self._speed_before = combo.currentIndex()
        combo.setCurrentIndex(combo.findData(scenario_speed(scenario)))

    def clock_text(self, minutes: float) -> str:
        """"08:30 · Oral glucose tolerance test (75 g)" (· asleep, · end) at scenario time ``minutes``."""
        from ..model.scenario import format_clock

        s = self.scenario
        parts = [format_clock(s.clock(minutes)), s.title]
        if s.asleep(minutes):
            parts.append("asleep")
        if minutes >= s.duration - 1e-6:
            parts.append("end of scenario")
        return " · ".join(parts)

    def _frame(self, _minutes: float) -> None:
        s = self.scenario
        if s is None:
            return
        w = self.window
        shown = w.shown_snapshot.time
        text = self.clock_text(min(shown, s.duration))
        if text != self.clock_label.text():
            self.clock_label.setText(text)
            clock = text.split(" · ", 1)[0]
            if clock != self._shown_clock:
                self._shown_clock = clock
                self.clock_changed.emit(clock)
        if w.live.time >= s.duration and w.clock.is_running():
            w.clock.stop()  # the schedule is over; Play starts the scenario again

    def _running_changed(self, running: bool) -> None:
        s = self.scenario
        if running and s is not None and self.window.live.time >= s.duration:
            self.start(s)
