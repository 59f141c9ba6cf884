"""The lesson in the window: a controller that walks the steps, the Lesson dock and the lesson strip.

:class:`LessonController` (``window.lesson_controller``) owns the current lesson and step. Entering a
step applies its settings on a clean state through ``window.set_perturbations`` (one undo step), so
the simulation carries the picture smoothly to the new state; it then highlights the step's species
and pans/zooms the view to them. A step with a "predict first" question is entered *unrevealed*: the
question shows and, if the clock was running, the simulation holds still so the diagram does not give
the answer away; the next "next" reveals the answer and lets the change unfold.

The Lesson dock (step list, back/next, caption, question/answer, lecturer notes, "Open lesson…") and
the lesson strip (a bottom toolbar: counter, title and caption with back/next) only observe the
controller. Sessions use ``lesson_file``, ``current_step`` and ``restore_lesson``.
"""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtWidgets import (QFileDialog, QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QScrollArea, QSizePolicy, QSplitter, QToolBar, QToolButton,
                               QVBoxLayout, QWidget)

from ..lesson import Lesson, LessonStep, builtin_lesson, load_lesson
from ..model.yamlio import FileProblems
from ..sim.perturbations import PerturbationError, Perturbations
from .actions import ActionSpec
from .app import STARTUP_HOOKS, show_problem
from .commands import push_callback

LESSON_FILTER = "Lesson files (*.yaml *.yml);;All files (*)"
# A step's zoom never frames less than this share of the diagram, so the context stays in view
# and the zoom is at most about twice the whole-diagram scale.
MIN_ZOOM_SHARE = 0.5


class LessonController(QObject):
    """The current lesson and step of one window; every change of step goes through here."""

    lesson_opened = Signal(object)      # the Lesson now current
    step_entered = Signal(int)          # 0-based index of the step now showing
    prediction_revealed = Signal(int)   # the step whose answer was just revealed
    state_changed = Signal()            # anything the panels show changed (step, reveal, lesson, edits)

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.lesson: Lesson = _builtin_or_empty(window.pathway)
        self.index: int | None = None   # None until a step has been entered
        self.revealed = True            # False while a step's "predict first" question waits
        self.modified = False           # the user changed the settings since entering the step
        self.hold_for_prediction = True  # hold the clock while a question waits (module docstring)
        self.last_problem = None        # the message box of the last refusal (tests read it)
        self.last_problem_text = ""
        self._holding_clock = False
        window.perturbations_changed.connect(self._perturbations_changed)

    # -- reading -----------------------------------------------------------------------------------
    @property
    def step(self) -> LessonStep | None:
        return None if self.index is None else self.lesson.steps[self.index]

    def __len__(self) -> int:
        return len(self.lesson.steps)

    def lesson_file(self) -> str | None:
        """The file the current lesson came from (the shipped file for the built-in lesson)."""
        return self.lesson.source_file or None

    def current_step(self) -> int | None:
        return self.index

    def awaiting_answer(self) -> bool:
        """True while the current step's question shows and its answer is still hidden."""
        step = self.step
        return step is not None and step.predict is not None and not self.revealed

    # -- moving ------------------------------------------------------------------------------------
    def go_to(self, k: int, reveal: bool = False) -> bool:
        """Enter step ``k`` (clamped to the lesson) as one undo step; False if there are no steps.

        The question of a predict-first step shows first unless ``reveal`` is true (e.g. going back).
        """
        if not self.lesson.steps:
            return False
        k = max(0, min(int(k), len(self.lesson.steps) - 1))
        step = self.lesson.steps[k]
        try:
            after = step.perturbations(self.window.pathway)
        except PerturbationError as exc:  # the loader checked this; a changed pathway could still differ
            self._problem("Cannot apply lesson step", f"Step {k + 1} ({step.title}) cannot be applied:\n{exc}")
            return False
        before = self.window.live.perturbations
        prev_index, prev_revealed, prev_modified = self.index, self.revealed, self.modified
        push_callback(self.window.undo_stack, f"Lesson step {k + 1}: {step.title}",
                      lambda: self._enter(k, after, reveal),
                      lambda: self._return_to(prev_index, before, prev_revealed, prev_modified))
        return True

    def next(self) -> None:
        """Reveal the waiting answer, or else move on to the next step."""
        if self.awaiting_answer():
            self.reveal()
        elif self.index is None:
            self.go_to(0)
        elif self.index < len(self.lesson.steps) - 1:
            self.go_to(self.index + 1)

    def previous(self) -> None:
        """Back one step; its question was asked already, so it shows answered."""
        if self.index is None:
            self.go_to(0)
        elif self.index > 0:
            self.go_to(self.index - 1, reveal=True)

    def first(self) -> None:
        self.go_to(0)

    def last(self) -> None:
        self.go_to(len(self.lesson.steps) - 1)

    def reveal(self) -> None:
        if not self.awaiting_answer():
            return
        self.revealed = True
        self._release_clock()
        self.prediction_revealed.emit(self.index)
        self.state_changed.emit()

    def reapply(self) -> None:
        """Go back to the current step's own settings after the user changed them."""
        if self.index is not None:
            self.go_to(self.index, reveal=True)

    # -- applying ----------------------------------------------------------------------------------
    def _enter(self, k: int, perturbations: Perturbations, reveal: bool) -> None:
        self._release_clock()
        step = self.lesson.steps[k]
        self.index = k
        self.revealed = reveal or step.predict is None
        self.modified = False
        self.window.set_perturbations(perturbations)
        if not self.revealed and self.hold_for_prediction and self.window.clock.is_running():
            self.window.clock.stop()
            self._holding_clock = True
        self.window.scene.set_highlight(step.highlight)
        self.frame_step()
        self.step_entered.emit(k)
        self.state_changed.emit()

    def _return_to(self, index: int | None, perturbations: Perturbations, revealed: bool, modified: bool) -> None:
        """Undo of a step change: the previous step (or no step) and the settings of that moment."""
        self._release_clock()
        self.index = index
        self.revealed = True if index is None else revealed
        self.window.set_perturbations(perturbations)
        self.modified = modified
        self.window.scene.set_highlight(self.step.highlight if self.step else ())
        self.frame_step()
        if index is not None:
            self.step_entered.emit(index)
        self.state_changed.emit()

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

    def _release_clock(self) -> None:
        if self._holding_clock:
            self._holding_clock = False
            self.window.clock.start()

    def frame_step(self, animate: bool = True) -> None:
        """Pan/zoom to the current step's zoom species, or show the whole diagram."""
        view = self.window.view
        rect = self.framing_rect()
        view.zoom_to(rect, animate=animate)
        if not (self.step and self.step.zoom):
            view.auto_fit = True  # the whole diagram stays fitted when the window is resized

    def framing_rect(self) -> QRectF:
        """The scene rect the current step frames: its zoom species with context, kept inside the diagram."""
        scene = self.window.scene
        whole = scene.diagram_rect()
        step = self.step
        if step is None or not step.zoom:
            return whole
        rect = scene.species_rect(step.zoom)
        w = max(rect.width(), whole.width() * MIN_ZOOM_SHARE)
        h = max(rect.height(), whole.height() * MIN_ZOOM_SHARE)
        rect = QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h)
        dx = max(0.0, whole.left() - rect.left()) - max(0.0, rect.right() - whole.right())
        dy = max(0.0, whole.top() - rect.top()) - max(0.0, rect.bottom() - whole.bottom())
        return rect.translated(dx, dy).intersected(whole)

    def _perturbations_changed(self, p: Perturbations) -> None:
        step = self.step
        if step is None:
            return
        try:
            modified = p != step.perturbations(self.window.pathway)
        except PerturbationError:
            modified = True
        if modified != self.modified:
            self.modified = modified
            self.state_changed.emit()

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

    def open_builtin(self) -> None:
        lesson = _builtin_or_empty(self.window.pathway)
        if lesson.steps:
            self.set_lesson(lesson)
            self.go_to(0)

    def set_lesson(self, lesson: Lesson) -> None:
        """Make ``lesson`` current without entering a step."""
        self._release_clock()
        self.lesson = lesson
        self.index = None
        self.revealed = True
        self.modified = False
        self.window.scene.set_highlight(())
        self.lesson_opened.emit(lesson)
        self.state_changed.emit()

    def restore_lesson(self, path: str | None, step: int | None) -> None:
        """For sessions: show ``path`` (None: the built-in lesson) at ``step`` without applying its
        settings and without an undo step. Raises FileProblems/OSError/IndexError before changing anything."""
        lesson = load_lesson(path, self.window.pathway) if path else _builtin_or_empty(self.window.pathway)
        if step is not None and not 0 <= step < len(lesson.steps):
            raise IndexError(f"the lesson has {len(lesson.steps)} steps; there is no step {step + 1}")
        self.set_lesson(lesson)
        if step is not None:
            self.index = step
            self.window.scene.set_highlight(lesson.steps[step].highlight)
            self._perturbations_changed(self.window.live.perturbations)
            self.step_entered.emit(step)
            self.state_changed.emit()

    def ask_open_lesson(self) -> None:
        start = str(Path(self.lesson.source_file).parent) if self.lesson.source_file else ""
        path, _ = QFileDialog.getOpenFileName(self.window, "Open lesson", start, LESSON_FILTER)
        if path:
            self.open_lesson(path)

    def _problem(self, title: str, text: str) -> None:
        self.last_problem_text = text
        self.last_problem = show_problem(self.window, title, text)


def _builtin_or_empty(pathway) -> Lesson:
    """The shipped lesson, or an empty one when it does not fit the open pathway."""
    try:
        return builtin_lesson(pathway)
    except (FileProblems, OSError):
        return Lesson("No lesson", "The built-in lesson is written for the built-in pathway.", ())


# -- widgets ------------------------------------------------------------------------------------------
def step_counter(controller: LessonController) -> str:
    n = len(controller)
    return f"{controller.index + 1} / {n}" if controller.index is not None else f"– / {n}"


class LessonPanel(QWidget):
    """The Lesson dock: lesson title, numbered step list, back/next, caption, question, notes."""

    def __init__(self, controller: LessonController, parent=None):
        super().__init__(parent)
        self.controller = controller
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setObjectName("lesson_title")
        self.open_button = QToolButton()
        self.open_button.setText("Open lesson…")
        self.open_button.setToolTip("Open a lesson file (YAML)")
        self.open_button.clicked.connect(controller.ask_open_lesson)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.open_button, 0, Qt.AlignTop)

        self.steps = QListWidget()
        self.steps.setObjectName("lesson_steps")
        self.steps.setWordWrap(True)
        self.steps.itemClicked.connect(self._item_chosen)
        self.steps.itemActivated.connect(self._item_chosen)

        self.back_button = QPushButton("◀ Back")
        self.next_button = QPushButton("Next ▶")
        self.back_button.setToolTip("Previous step (Page Up)")
        self.next_button.setToolTip("Reveal the answer or go to the next step (Page Down)")
        self.back_button.clicked.connect(controller.previous)
        self.next_button.clicked.connect(controller.next)
        self.counter = QLabel()
        self.counter.setAlignment(Qt.AlignCenter)
        nav = QHBoxLayout()
        nav.addWidget(self.back_button)
        nav.addWidget(self.counter, 1)
        nav.addWidget(self.next_button)

        self.step_title = QLabel()
        self.step_title.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.modified_note = QLabel("You changed the settings since this step began.")
        self.modified_note.setWordWrap(True)
        self.reapply_button = QPushButton("Back to the step's settings")
        self.reapply_button.clicked.connect(controller.reapply)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setObjectName("lesson_question")
        self.reveal_button = QPushButton("Reveal answer")
        self.reveal_button.clicked.connect(controller.reveal)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setObjectName("lesson_answer")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("lesson_notes")
        self.notes.setTextInteractionFlags(Qt.TextSelectableByMouse)
        for label in (self.caption, self.question, self.answer):
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)

        details = QWidget()
        dl = QVBoxLayout(details)
        for w in (self.step_title, self.caption, self.modified_note, self.reapply_button, self.question,
                  self.reveal_button, self.answer, _rule(), self.notes):
            dl.addWidget(w)
        dl.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setWidget(details)

        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(nav)
        ll.addWidget(scroll, 1)
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.steps)
        split.addWidget(lower)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)

        controller.lesson_opened.connect(self._fill_steps)
        controller.state_changed.connect(self.refresh)
        self._fill_steps()
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(330, 600)

    def _fill_steps(self, *_args) -> None:
        lesson = self.controller.lesson
        self.title.setText(f"<b>{escape(lesson.title)}</b>")
        self.title.setToolTip(lesson.description)
        self.steps.clear()
        for i, step in enumerate(lesson.steps):
            item = QListWidgetItem(f"{i + 1}. {step.title}")
            item.setToolTip(step.caption)
            self.steps.addItem(item)

    def _item_chosen(self, item: QListWidgetItem) -> None:
        row = self.steps.row(item)
        if row != self.controller.index:
            self.controller.go_to(row)

    def refresh(self) -> None:
        c = self.controller
        step = c.step
        n = len(c)
        self.counter.setText(f"Step {step_counter(c)}")
        self.back_button.setEnabled(n > 0 and (c.index is None or c.index > 0))
        self.next_button.setEnabled(n > 0 and (c.index is None or c.awaiting_answer() or c.index < n - 1))
        self.next_button.setText("Reveal ▶" if c.awaiting_answer() else ("Start ▶" if c.index is None else "Next ▶"))
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(-1 if c.index is None else c.index)
        self.steps.blockSignals(False)
        if step is None:
            self.step_title.setText("<i>Press Next (Page Down) to begin the lesson.</i>" if n else
                                    "<i>This pathway has no lesson; open one for it.</i>")
            for w in (self.caption, self.question, self.answer, self.notes, self.reveal_button,
                      self.modified_note, self.reapply_button):
                w.setVisible(False)
            return
        self.step_title.setText(f"<b>{escape(step.title)}</b>")
        self.caption.setText(escape(step.caption))
        self.caption.setVisible(True)
        self.modified_note.setVisible(c.modified)
        self.reapply_button.setVisible(c.modified)
        has_q = step.predict is not None
        self.question.setVisible(has_q)
        self.reveal_button.setVisible(has_q and not c.revealed)
        self.answer.setVisible(has_q and c.revealed)
        if has_q:
            self.question.setText(f"<b>Predict first:</b> {escape(step.predict.question)}")
            self.answer.setText(f"<b>Answer:</b> {escape(step.predict.answer)}")
        self.notes.setVisible(bool(step.notes))
        self.notes.setText(f"<b>Lecturer notes</b><br>{escape(step.notes)}")


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.HLine)
    line.setFrameShadow(QFrame.Sunken)
    return line


class LessonStrip(QToolBar):
    """The bottom strip of the normal window: back, counter, step title and caption, next."""

    def __init__(self, controller: LessonController, parent=None):
        super().__init__("Lesson strip", parent)
        self.setObjectName("lesson_strip")
        self.setMovable(False)
        self.setFloatable(False)
        self.controller = controller
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(6, 2, 6, 2)
        self.back_button = QToolButton()
        self.back_button.setText("◀")
        self.back_button.setToolTip("Previous lesson step (Page Up)")
        self.back_button.clicked.connect(controller.previous)
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip("Reveal the answer or go to the next lesson step (Page Down)")
        self.next_button.clicked.connect(controller.next)
        self.counter = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setObjectName("lesson_strip_text")
        self.text.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        # Two lines, always: a word-wrapped label would otherwise ask for the height of a narrow
        # column and grow the whole window with each longer caption.
        self.text.setFixedHeight(self.text.fontMetrics().lineSpacing() * 2 + 4)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.back_button)
        layout.addWidget(self.counter)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.next_button)
        body.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.addWidget(body)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        c = self.controller
        step = c.step
        n = len(c)
        self.counter.setText(step_counter(c))
        self.back_button.setEnabled(n > 0 and (c.index is None or c.index > 0))
        self.next_button.setEnabled(n > 0 and (c.index is None or c.awaiting_answer() or c.index < n - 1))
        self.text.setToolTip(step.caption if step is not None else c.lesson.description)
        if step is None:
            self.text.setText(f"<b>{escape(c.lesson.title)}</b> — press ▶ or Page Down to begin." if n else
                              "<i>No lesson for this pathway.</i>")
        elif c.awaiting_answer():
            self.text.setText(f"<b>{escape(step.title)}</b> — <b>Predict:</b> {escape(step.predict.question)}")
        else:
            changed = " <i>(settings changed)</i>" if c.modified else ""
            self.text.setText(f"<b>{escape(step.title)}</b>{changed} — {escape(step.caption)}")


# -- installing -----------------------------------------------------------------------------------------
def install(window) -> None:
    """Lesson menu, Lesson dock (tabbed with the node card) and lesson strip; ``--lesson`` start-up hook."""
    controller = LessonController(window)
    window.lesson_controller = controller
    window.lesson_panel = LessonPanel(controller)
    window.lesson_dock = window.add_dock("Lesson", "lesson_dock", window.lesson_panel, Qt.RightDockWidgetArea,
                                         scrollable=True)
    card_dock = getattr(window, "card_dock", None)
    if card_dock is not None:
        window.tabifyDockWidget(card_dock, window.lesson_dock)
        card_dock.raise_()
    window.lesson_strip = LessonStrip(controller, window)
    window.addToolBar(Qt.BottomToolBarArea, window.lesson_strip)
    window.actions_registry.menu("&View").addAction(window.lesson_strip.toggleViewAction())

    a = window.actions_registry
    a.add(ActionSpec("open_lesson", "&Open lesson…", "&Lesson", controller.ask_open_lesson, "Ctrl+L",
                     "Open a lesson file"))
    a.add(ActionSpec("open_builtin_lesson", "Built-in lesson: Selective insulin resistance", "&Lesson",
                     controller.open_builtin, "", "Go back to the lesson that ships with PathwayViz"))
    a.separator("&Lesson")
    a.add(ActionSpec("lesson_next", "&Next step / reveal answer", "&Lesson", controller.next, "PgDown"))
    a.add(ActionSpec("lesson_previous", "&Previous step", "&Lesson", controller.previous, "PgUp"))
    a.add(ActionSpec("lesson_first", "&First step", "&Lesson", controller.first, "Ctrl+Home"))
    a.add(ActionSpec("lesson_last", "&Last step", "&Lesson", controller.last, "Ctrl+End"))
    a.add(ActionSpec("lesson_reapply", "&Re-apply this step's settings", "&Lesson", controller.reapply, "",
                     "Undo your own changes by applying the current step's settings again"))
    if start_up not in STARTUP_HOOKS:
        STARTUP_HOOKS.append(start_up)


def start_up(window, args) -> None:
    """``pathwayviz --lesson FILE``: open the lecturer's lesson (a broken file gets a message)."""
    path = getattr(args, "lesson", None)
    controller = getattr(window, "lesson_controller", None)
    if not path or controller is None:
        return
    if not controller.open_lesson(path):
        print(f"pathwayviz: {controller.last_problem_text}", file=sys.stderr)
