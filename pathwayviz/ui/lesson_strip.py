"""The lesson strip: a bottom toolbar of the normal window with back, counter, step title and caption, next."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolBar, QToolButton, QWidget

from .lesson_controller import LessonController, step_counter


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
