"""The lesson in the window: the Qt side of the :class:`~pathwayviz.lesson.runner.LessonRunner`.

The position (step, revealed) lives in the application state; the runner says what a step sets
and where it starts. Entering a step is one state edit (settings, position, highlight, framing;
one undo step), after which the simulation is put at the step's defined start state, so the change
unfolds the same way whatever the user did before. A step with a "predict first" question is
entered *unrevealed*: while its answer is hidden the clock holds still (if it was running), so the
diagram does not give the answer away; "next" reveals it and lets the change unfold.

The Lesson dock, the lesson strip, the caption band and the presenter window only observe this
controller (:attr:`LessonController.state_changed`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6 import QtWidgets  # QFileDialog is read when the dialog opens: the first paint does without it

from ..canvas.framing import step_framing
from ..lesson import Lesson, LessonStep, load_lesson
from ..lesson.loader import build_lesson
from ..lesson.runner import LessonRunner, RegionMove, StepEntry
from ..model.yamlio import FileProblems, load_yaml
from ..resource_files import builtin_lesson_path
from ..sim.perturbations import PerturbationError
from .messages import show_problem

LESSON_FILTER = "Lesson files (*.yaml *.yml);;All files (*)"
LESSON_FIELDS = frozenset({"lesson_step", "revealed"})


class LessonController(QObject):
    """The current lesson of one window; every change of step goes through here."""

    lesson_opened = Signal(object)      # the Lesson now current
    step_entered = Signal(int)          # 0-based index of the step now showing
    state_changed = Signal()            # anything the panels show changed (step, reveal, lesson, edits)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.runner = LessonRunner(_builtin_or_empty(window.pathway), window.pathway, window.live.engine)
        self.modified = False           # the user changed the settings since entering the step
        self.hold_for_prediction = True  # hold the clock while a question waits (module docstring)
        self.last_problem = None        # the message box of the last refusal (tests read it)
        self.last_problem_text = ""
        self._holding_clock = False
        self._restoring = False         # a session puts the view back itself: do not frame
        self.state.observe(self._state_changed)

    # -- reading -----------------------------------------------------------------------------------
    @property
    def lesson(self) -> Lesson:
        return self.runner.lesson

    @property
    def index(self) -> int | None:
        return self.state.lesson_step

    @property
    def revealed(self) -> bool:
        return self.state.revealed

    @property
    def step(self) -> LessonStep | None:
        return self.runner.step(self.index)

    def __len__(self) -> int:
        return len(self.runner)

    def lesson_file(self) -> str | None:
        """The file the current lesson came from (the shipped file for the built-in lesson)."""
        return self.lesson.source_file or None

    def current_step(self) -> int | None:
        return self.index

    def awaiting_answer(self) -> bool:
        """True while the current step's question shows and its answer is still hidden."""
        return self.runner.awaiting_answer(self.index, self.revealed)

    # -- moving ------------------------------------------------------------------------------------
    def go_to(self, k: int, reveal: bool = False) -> bool:
        """Enter step ``k`` (clamped to the lesson) as one undo step; False if there are no steps.

        The question of a predict-first step shows first unless ``reveal`` is true (e.g. going back).
        """
        if not len(self.runner):
            return False
        try:
            entry = self.runner.entry(k, reveal)
        except PerturbationError as exc:  # the loader checked this; a changed pathway could still differ
            step = self.lesson.steps[max(0, min(int(k), len(self.runner) - 1))]
            self._problem("Cannot apply lesson step", f"Step {k + 1} ({step.title}) cannot be applied:\n{exc}")
            return False
        self._enter(entry)
        return True

    def _enter(self, entry: StepEntry) -> None:
        step = self.lesson.steps[entry.index]
        changed = self.state.edit(f"Lesson step {entry.index + 1}: {step.title}", perturbations=entry.perturbations,
                                  lesson_step=entry.index, revealed=entry.revealed, highlight=entry.highlight,
                                  zoom_target=entry.zoom, scenario=entry.scenario)
        scenarios = self.window.scenarios
        if entry.scenario is not None and scenarios.scenario is not None:
            scenarios.start(scenarios.scenario, at_minute=entry.at)  # its defined start, its history for the plots
        else:
            start = self.runner.start(entry.index)
            live = self.window.live
            live.restore(live.time, start.state, start.healthy, keep_history=True)  # the step's defined start
        self.window.redraw(0.0)
        if changed is None or "zoom_target" not in changed.after or changed.before["zoom_target"] == entry.zoom:
            self.frame_step()
        self.step_entered.emit(entry.index)

    def next(self) -> None:
        """Reveal the waiting answer, else pan to the step's next region, else the next step."""
        move = self.runner.next(self.index, self.revealed, self.state.zoom_target)
        if move == "reveal":
            self.reveal()
        elif isinstance(move, RegionMove):
            self._pan(move)
        elif move is not None:
            self._enter(move)

    def previous(self) -> None:
        """Back one region, or one step (its question was asked already, so it shows answered)."""
        move = self.runner.previous(self.index, self.state.zoom_target)
        if isinstance(move, RegionMove):
            self._pan(move)
        elif move is not None:
            self._enter(move)

    def has_next(self) -> bool:
        """False at the very end: the last step answered and framed at its last region."""
        return self.runner.next(self.index, self.revealed, self.state.zoom_target) is not None

    def region(self) -> tuple[int, int] | None:
        """(region, number of regions) of the current step when it has more than one, else None."""
        step = self.step
        if step is None or len(step.frames) < 2:
            return None
        k = step.region_of(self.state.zoom_target)
        return (k, len(step.frames)) if k is not None else None

    def _pan(self, move: RegionMove) -> None:
        """Frame another region of the step (one undo step); the simulation carries on as it is."""
        step = self.lesson.steps[move.index]
        self.state.edit(f"Lesson step {move.index + 1}: part {move.region + 1} of {len(step.frames)}",
                        zoom_target=move.zoom)
        self.state_changed.emit()

    def first(self) -> None:
        self.go_to(0)

    def last(self) -> None:
        self.go_to(len(self.runner) - 1)

    def reveal(self) -> None:
        if self.awaiting_answer():
            self.state.apply(revealed=True)

    def reapply(self) -> None:
        """Go back to the current step's own settings after the user changed them."""
        if self.index is not None:
            self.go_to(self.index, reveal=True)

    # -- following the state -----------------------------------------------------------------------
    def _state_changed(self, changed: frozenset) -> None:
        if not changed & (LESSON_FIELDS | {"perturbations", "zoom_target"}):
            return
        if changed & LESSON_FIELDS:
            self._hold_or_release_clock()
        if changed & {"lesson_step", "zoom_target"} and not self._restoring:
            self.frame_step()
        modified = self._is_modified()
        if changed & LESSON_FIELDS or modified != self.modified:
            self.modified = modified
            self.state_changed.emit()

    def _is_modified(self) -> bool:
        try:
            return self.runner.is_modified(self.index, self.state.perturbations)
        except PerturbationError:
            return True

    def _hold_or_release_clock(self) -> None:
        clock = self.window.clock
        if self.awaiting_answer():
            if self.hold_for_prediction and clock.is_running():
                clock.stop()
                self._holding_clock = True
        elif self._holding_clock:
            self._holding_clock = False
            clock.start()

    def run_clock(self) -> None:
        """Start the clock, unless a question is waiting: then it starts when the answer is revealed."""
        if self.awaiting_answer() and self.hold_for_prediction and not self.window.clock.is_running():
            self._holding_clock = True
            return
        self.window.clock.start()

    def stop_clock(self) -> None:
        """Stop the clock and forget any hold for a question."""
        self._holding_clock = False
        self.window.clock.stop()

    # -- framing -----------------------------------------------------------------------------------
    def frame_step(self, animate: bool = True) -> None:
        """Pan/zoom to the state's zoom target, or show the whole diagram."""
        view = self.window.view
        view.zoom_to(self.framing_rect(), animate=animate)
        if not self.state.zoom_target:
            view.auto_fit = True  # the whole diagram stays fitted when the window is resized

    def framing_rect(self) -> QRectF:
        """The scene rect to frame: the zoom species with context, kept inside the diagram
        (:func:`~pathwayviz.canvas.framing.step_framing`, the rule slides, videos and decks use too)."""
        return step_framing(self.window.scene, self.state.zoom_target)

    # -- files -------------------------------------------------------------------------------------
    def open_lesson(self, path: str | Path) -> bool:
        """Open a lesson file and enter its first step; a broken file leaves the current lesson as is."""
        try:
            lesson = load_lesson(path, self.window.pathway)
        except FileProblems as exc:
            self._problem("Cannot open lesson",
                          f"The lesson file has problems and was not opened; the current lesson stays.\n\n{exc}")
            return False
        except OSError as exc:
            self._problem("Cannot open lesson", f"{path}: cannot be read ({exc.strerror or exc}).")
            return False
        self.set_lesson(lesson)
        self.go_to(0)
        return True

    def open_builtin(self, lesson_id: str | None = None) -> None:
        """Open a shipped lesson (None: the default one) at its first step; nothing when it does not fit."""
        lesson = _builtin_or_empty(self.window.pathway, lesson_id)
        if lesson.steps:
            self.set_lesson(lesson)
            self.go_to(0)

    def set_lesson(self, lesson: Lesson) -> None:
        """Make ``lesson`` current without entering a step (not an undo step)."""
        self.runner = LessonRunner(lesson, self.window.pathway, self.window.live.engine)
        self.state.apply(lesson_step=None, revealed=True, highlight=(), zoom_target=())
        self.modified = False
        self.lesson_opened.emit(lesson)
        self.state_changed.emit()

    def restore_lesson(self, path: str | None, step: int | None) -> None:
        """For sessions: show ``path`` (None: the built-in lesson) at ``step`` without applying its
        settings and without an undo step. Raises FileProblems/OSError/IndexError before changing anything."""
        lesson = load_lesson(path, self.window.pathway) if path else _builtin_or_empty(self.window.pathway)
        if step is not None and not 0 <= step < len(lesson.steps):
            raise IndexError(f"the lesson has {len(lesson.steps)} steps; there is no step {step + 1}")
        self._restoring = True
        try:
            self.set_lesson(lesson)
            if step is not None:
                s = lesson.steps[step]
                self.state.apply(lesson_step=step, revealed=True, highlight=tuple(s.highlight),
                                 zoom_target=s.frames[0])
                self.step_entered.emit(step)
        finally:
            self._restoring = False

    def ask_open_lesson(self) -> None:
        start = str(Path(self.lesson.source_file).parent) if self.lesson.source_file else ""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self.window, "Open lesson", start, LESSON_FILTER)
        if path:
            self.open_lesson(path)

    def _problem(self, title: str, text: str) -> None:
        self.last_problem_text = text
        self.last_problem = show_problem(self.window, title, text)


def _builtin_or_empty(pathway, lesson_id: str | None = None) -> Lesson:
    """A shipped lesson (None: the default one), or an empty one when it does not fit the open pathway."""
    empty = Lesson("No lesson", "The built-in lesson is written for the built-in pathway.", ())
    try:
        # Written for one pathway: checking its steps against another (an imported model of 2,000
        # species) only collects "did you mean" problems, and that took 7 s of the window's build.
        path = builtin_lesson_path(lesson_id)
        data = load_yaml(path)  # parsed once: the check below and the lesson read the same data
        written_for = data.get("pathway")
        if written_for and written_for != pathway.id:
            return empty
        return build_lesson(data, path.name, pathway, str(path))
    except (FileProblems, OSError):
        return empty


def step_counter(controller: LessonController) -> str:
    n = len(controller)
    return f"{controller.index + 1} / {n}" if controller.index is not None else f"– / {n}"
