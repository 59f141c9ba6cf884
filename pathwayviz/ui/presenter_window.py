"""The lecturer's own screen while presenting: step, timer, question with its answer, notes, what comes next."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QElapsedTimer, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from .lesson_controller import step_counter

class PresenterWindow(QWidget):
    """The lecturer's own screen while presenting: step, timer, question with its answer, notes, what comes next.

    Shown on a second screen when there is one; the room never sees it. The presentation keys work
    here too.
    """

    def __init__(self, presentation):
        super().__init__(presentation.window, Qt.Window)  # its own window, closed with the main one
        self.setObjectName("presenter_window")
        self.setWindowTitle("PathwayViz — presenter")
        self.setAttribute(Qt.WA_DeleteOnClose, False)
        self.presentation = presentation
        self.controller = presentation.controller
        self.clock = QElapsedTimer()
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.timer_label = QLabel("0:00")
        self.status = QLabel()
        self.text = QTextBrowser()
        self.text.setObjectName("presenter_text")
        self.text.setOpenLinks(False)
        self.text.setFocusPolicy(Qt.NoFocus)
        font = self.text.font()
        font.setPixelSize(22)
        self.text.setFont(font)
        head_font = QFont(font)
        head_font.setPixelSize(28)
        head_font.setBold(True)
        self.heading.setFont(head_font)
        self.timer_label.setFont(head_font)
        self.status.setFont(font)
        buttons = QHBoxLayout()
        for title, slot in (("◀ Back", self.controller.previous), ("Next ▶", self.controller.next),
                            ("Blank (B)", presentation.toggle_blank), ("End (Esc)", presentation.leave)):
            button = QPushButton(title)
            button.setFocusPolicy(Qt.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.timer_label, 0, Qt.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_time)
        self.controller.state_changed.connect(self.refresh)
        presentation.blanked_changed.connect(lambda _on: self.refresh())

    def start(self) -> None:
        self.clock.start()
        self._tick.start()
        self.refresh()
        self._show_time()

    def stop(self) -> None:
        self._tick.stop()
        self.hide()

    def _show_time(self) -> None:
        seconds = self.clock.elapsed() // 1000 if self.clock.isValid() else 0
        self.timer_label.setText(f"{seconds // 60}:{seconds % 60:02d}")

    def refresh(self) -> None:
        c = self.controller
        step = c.step
        self.heading.setText(escape(f"{step_counter(c)}   {step.title if step else c.lesson.title}"))
        if self.presentation.blanked:
            self.status.setText("The screen is blank (B brings the picture back).")
        elif c.awaiting_answer():
            self.status.setText("The room sees the question; Next reveals the answer and lets the change unfold.")
        else:
            self.status.setText("The room sees the caption" + (" and the answer." if step and step.predict else "."))
        parts = []
        if step is not None:
            parts.append(f"<p>{escape(step.caption)}</p>")
            if step.predict:
                parts.append(f"<p><b>Question:</b> {escape(step.predict.question)}</p>")
                parts.append(f"<p><b>Answer:</b> {escape(step.predict.answer)}</p>")
            if step.notes:
                parts.append(f"<p><b>Notes:</b> {escape(step.notes)}</p>")
        following = c.index + 1 if c.index is not None else 0
        if following < len(c):
            parts.append(f"<p style='color:#555555'><b>Next:</b> {escape(c.lesson.steps[following].title)}</p>")
        else:
            parts.append("<p style='color:#555555'><b>Next:</b> end of the lesson</p>")
        self.text.setHtml("".join(parts))
