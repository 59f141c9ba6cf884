"""The Lesson dock: lesson title, numbered step list, back/next, caption, question, notes.

It only observes the :class:`~pathwayviz.ui.lesson_controller.LessonController` and calls it.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QScrollArea,
                               QSplitter, QToolButton, QVBoxLayout, QWidget)

from .lesson_controller import LessonController, step_counter


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
