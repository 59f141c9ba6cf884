"""Presentation mode (F5): the lesson full screen for a projector and a clicker remote.

Entering hides the chrome (menu bar, docks, toolbars, status bar), switches the diagram to the
projector theme, shows the caption band at the bottom and goes full screen on the window's current
screen; leaving restores all of it exactly as it was (docks, toolbars, theme, geometry, full-screen
state, clock, view).

Keys while presenting (whatever widget has focus; one application event filter claims them before
any shortcut, so they never clash with the normal window's single-key shortcuts):

- next (reveal the waiting answer, else the next step): Page Down, →, ↓, Space, Enter
- back: Page Up, ←, ↑, Backspace
- first / last step: Home / End
- blank the screen to black and back: B or . (clickers' "blank" button sends one of them)
- leave: Esc or F5

Space means "next" here, so play/pause has no key while presenting (the clock runs so steps animate;
a question holds it until revealed). The kinase keys (J, I, P), zoom keys and Ctrl+Z still work.

With a second screen, a presenter window opens there (step, timer, question and answer, notes, next
step); the room sees only the full-screen window.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QByteArray, QElapsedTimer, QEvent, QObject, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QScreen, QTextDocument,
                           QTransform)
from PySide6.QtWidgets import (QApplication, QDockWidget, QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy,
                               QTextBrowser, QToolBar, QVBoxLayout, QWidget)

from ..canvas.style import PROJECTOR, Theme
from ..theme.palette import OKABE_ITO
from .lesson_controller import LessonController, step_counter

BAND_SHARE = 0.22          # of the screen height: the built-in lesson's texts fit at ≥ 30 px on 1080p
REFERENCE_HEIGHT = 1080.0  # all band measures below are pixels on a 1080-line screen
TITLE_PX, COUNTER_PX = 44, 34
BODY_PX, SOLO_BODY_PX, MIN_BODY_PX = 36, 42, 26  # side by side / one text alone / never below
MARGIN_PX = 40
INK = "#000000"
PREDICT_TAG = OKABE_ITO["blue"]   # white on it: contrast 5.1:1; the tag's word carries the meaning
ANSWER_TAG = "#1a1a1a"


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def text_document(html: str, px: float, width: float) -> QTextDocument:
    """Word-wrapped rich text at ``px`` pixels, ``width`` wide, without margins."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(_font(px))
    doc.setDefaultStyleSheet(f"body {{ color: {INK}; }}")
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def tagged_html(tag: str, colour: str, text: str, px: float) -> str:
    """Text led by a coloured word-tag ("PREDICT", "ANSWER"); the word, not the colour, says what it is."""
    tag_px = round(px * 0.78)
    return (f'<span style="background-color:{colour}; color:#ffffff; font-weight:bold; font-size:{tag_px}px;">'
            f'&nbsp;{tag}&nbsp;</span>&nbsp; {escape(text)}')


@dataclass(frozen=True)
class BandBlock:
    """One laid-out text block of the band: its box, its text size and whether all of it fits."""

    role: str
    rect: QRectF
    px: int
    html: str
    fits: bool


def layout_band(blocks: dict[str, str], width: float, height: float, s: float = 1.0) -> list[BandBlock]:
    """Where and how large the band draws each text, for a band ``width`` × ``height`` pixels on a
    screen ``s`` times as tall as 1080 lines.

    Body texts get the largest common size between MIN_BODY_PX and BODY_PX (SOLO_BODY_PX for a text
    alone; times ``s``) at which all of them fit; side-by-side texts share one size so neither looks
    shouted.
    """
    margin = MARGIN_PX * s
    rule = max(2.0, 4 * s)
    top = rule + 12 * s
    inner_w = width - 2 * margin
    counter_px = round(COUNTER_PX * s)
    counter_w = QFontMetricsF(_font(counter_px, True)).horizontalAdvance(blocks["counter"]) + 4 * s
    title_px = round(TITLE_PX * s)
    title_h = QFontMetricsF(_font(title_px, True)).height()
    out = [BandBlock("title", QRectF(margin, top, inner_w - counter_w - 24 * s, title_h), title_px,
                     escape(blocks["title"]), True),
           BandBlock("counter", QRectF(width - margin - counter_w, top, counter_w, title_h), counter_px,
                     escape(blocks["counter"]), True)]
    body = QRectF(margin, top + title_h + 8 * s, inner_w, height - top - title_h - 8 * s - 14 * s)
    if "question" in blocks:
        parts = [("question", body, lambda px: tagged_html("PREDICT", PREDICT_TAG, blocks["question"], px))]
    elif "answer" in blocks:
        gap = 40 * s
        left = QRectF(body.left(), body.top(), (body.width() - gap) / 2, body.height())
        right = QRectF(left.right() + gap, body.top(), body.right() - left.right() - gap, body.height())
        parts = [("caption", left, lambda px: escape(blocks["caption"])),
                 ("answer", right, lambda px: tagged_html("ANSWER", ANSWER_TAG, blocks["answer"], px))]
    else:
        parts = [("caption", body, lambda px: escape(blocks["caption"]))]
    px = round((BODY_PX if len(parts) > 1 else SOLO_BODY_PX) * s)
    least = round(MIN_BODY_PX * s)
    while px > least and any(text_document(html(px), px, r.width()).size().height() > r.height()
                             for _role, r, html in parts):
        px -= 1
    for role, rect, html in parts:
        fits = text_document(html(px), px, rect.width()).size().height() <= rect.height()
        out.append(BandBlock(role, rect, px, html(px), fits))
    return out


class CaptionBand(QWidget):
    """The bottom band: step title and counter, then the caption, the question or the answer.

    Before a question is revealed the band shows it instead of the caption (the caption would often
    give the answer away); once revealed it shows the caption and the answer side by side.
    """

    def __init__(self, controller: LessonController, parent=None):
        super().__init__(parent)
        self.setObjectName("caption_band")
        self.controller = controller
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.blocks: dict[str, str] = {}   # what the band shows now: role -> text (tests read this)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(1920, round(BAND_SHARE * REFERENCE_HEIGHT))

    def refresh(self) -> None:
        c = self.controller
        step = c.step
        blocks = {"counter": step_counter(c)}
        if step is None:
            blocks["title"] = c.lesson.title
            blocks["caption"] = "Press → or Page Down to begin." if len(c) else "No lesson for this pathway."
        else:
            blocks["title"] = step.title
            if c.awaiting_answer():
                blocks["question"] = step.predict.question
            else:
                blocks["caption"] = step.caption
                if step.predict is not None:
                    blocks["answer"] = step.predict.answer
        self.blocks = blocks
        self.update()

    def layout(self) -> list[BandBlock]:  # noqa: A003 - what is drawn where, for painting and tests
        return layout_band(self.blocks, self.width(), self.height(), self.screen_scale())

    def screen_scale(self) -> float:
        return self.window().height() / REFERENCE_HEIGHT

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        s = self.screen_scale()
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.setRenderHint(QPainter.TextAntialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.fillRect(QRectF(0, 0, self.width(), max(2.0, 4 * s)), QColor(INK))
        blocks = self.layout()
        for block in blocks:
            if block.role == "title":
                font = _font(block.px, bold=True)
                p.setFont(font)
                p.setPen(QColor(INK))
                text = QFontMetricsF(font).elidedText(self.blocks["title"], Qt.ElideRight, block.rect.width())
                p.drawText(block.rect, Qt.AlignLeft | Qt.AlignVCenter, text)
            elif block.role == "counter":
                p.setFont(_font(block.px, bold=True))
                p.setPen(QColor("#333333"))
                p.drawText(block.rect, Qt.AlignRight | Qt.AlignVCenter, self.blocks["counter"])
            else:
                doc = text_document(block.html, block.px, block.rect.width())
                p.save()
                p.translate(block.rect.topLeft())
                doc.drawContents(p, QRectF(0, 0, block.rect.width(), block.rect.height()))
                p.restore()
        if "answer" in self.blocks and len(blocks) > 3:
            left, right = blocks[2].rect, blocks[3].rect
            x = (left.right() + right.left()) / 2
            p.fillRect(QRectF(x - s, left.top() + 4 * s, max(1.0, 2 * s), left.height() - 8 * s), QColor("#9a9a9a"))
        p.end()


class BlankOverlay(QWidget):
    """A black sheet over the whole window (B): the room looks at the lecturer, not the screen."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("blank_overlay")
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setCursor(Qt.BlankCursor)
        self.hide()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#000000"))
        p.end()


class PresenterWindow(QWidget):
    """The lecturer's own screen while presenting: step, timer, question with its answer, notes, what comes next.

    Shown on a second screen when there is one; the room never sees it. The presentation keys work
    here too.
    """

    def __init__(self, presentation: "PresentationMode"):
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


@dataclass
class _NormalWindow:
    """Everything presentation mode changes, as it was before."""

    geometry: QRect
    dock_state: QByteArray
    window_state: Qt.WindowState
    menu_bar: bool
    status_bar: bool
    theme: Theme
    frame: QFrame.Shape
    scroll_bars: tuple
    clock_running: bool
    step: int | None
    transform: QTransform
    centre: QPointF
    auto_fit: bool


class PresentationMode(QObject):
    """Full-screen lesson for a projector; ``window.presentation``."""

    started = Signal()
    ended = Signal()
    blanked_changed = Signal(bool)

    def __init__(self, window, controller: LessonController):
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.active = False
        self.blanked = False
        self._saved: _NormalWindow | None = None
        self.band = CaptionBand(controller)
        self.band_bar = QToolBar("Caption band", window)
        self.band_bar.setObjectName("presentation_band")
        self.band_bar.setMovable(False)
        self.band_bar.setFloatable(False)
        self.band_bar.setContextMenuPolicy(Qt.PreventContextMenu)
        self.band_bar.setStyleSheet("QToolBar { border: 0px; padding: 0px; margin: 0px; spacing: 0px;"
                                    " background: #ffffff; }")
        self.band_bar.toggleViewAction().setVisible(False)
        self.band_bar.addWidget(self.band)
        window.addToolBar(Qt.BottomToolBarArea, self.band_bar)
        self.band_bar.hide()
        self.overlay = BlankOverlay(window)
        self.presenter: PresenterWindow | None = None
        self.presenter_enabled = True   # a presenter window on a second screen, when there is one
        window.installEventFilter(self)

    # -- entering and leaving ----------------------------------------------------------------------
    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def enter(self) -> None:
        if self.active:
            return
        w = self.window
        view = w.view
        self._saved = _NormalWindow(
            geometry=w.geometry(), dock_state=w.saveState(), window_state=w.windowState(),
            menu_bar=not w.menuBar().isHidden(), status_bar=not w.statusBar().isHidden(), theme=w.scene.theme,
            frame=view.frameShape(),
            scroll_bars=(view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()),
            clock_running=w.clock.is_running(), step=self.controller.index,
            transform=view.transform(), centre=view.mapToScene(view.viewport().rect().center()),
            auto_fit=view.auto_fit)
        self.active = True
        w.menuBar().hide()
        w.statusBar().hide()
        for dock in w.findChildren(QDockWidget):
            if dock.parent() is w:
                dock.hide()
        for bar in w.findChildren(QToolBar):
            if bar.parent() is w and bar is not self.band_bar:
                bar.hide()
        self._size_band()
        self.band_bar.show()
        w.scene.set_theme(PROJECTOR)
        view.setFrameShape(QFrame.NoFrame)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        w.showFullScreen()  # on the screen the window is on now
        QApplication.instance().installEventFilter(self)
        view.viewport().installEventFilter(self)
        if self.controller.index is None and len(self.controller):
            self.controller.go_to(0)
        else:
            self.controller.frame_step(animate=False)
        self.controller.run_clock()
        other = [screen for screen in QGuiApplication.screens() if screen is not w.screen()]
        if self.presenter_enabled and other:
            self.show_presenter(other[0])
        self.started.emit()

    def show_presenter(self, screen: QScreen | None = None) -> PresenterWindow:
        """Open the presenter window (on ``screen``, maximised, if given)."""
        if self.presenter is None:
            self.presenter = PresenterWindow(self)
        if screen is not None:
            self.presenter.setGeometry(screen.availableGeometry())
            self.presenter.show()
            self.presenter.showMaximized()
        else:
            self.presenter.show()
        self.presenter.start()
        return self.presenter

    def leave(self) -> None:
        if not self.active or self._saved is None:
            return
        saved, self._saved = self._saved, None
        w = self.window
        view = w.view
        QApplication.instance().removeEventFilter(self)
        view.viewport().removeEventFilter(self)
        self.set_blanked(False)
        self.active = False
        if self.presenter is not None:
            self.presenter.stop()
        view.viewport().unsetCursor()
        self.band_bar.hide()
        w.scene.set_theme(saved.theme)
        view.setFrameShape(saved.frame)
        view.setHorizontalScrollBarPolicy(saved.scroll_bars[0])
        view.setVerticalScrollBarPolicy(saved.scroll_bars[1])
        w.restoreState(saved.dock_state)
        w.menuBar().setVisible(saved.menu_bar)
        w.statusBar().setVisible(saved.status_bar)
        if saved.window_state & Qt.WindowFullScreen:
            w.showFullScreen()
        elif saved.window_state & Qt.WindowMaximized:
            w.showMaximized()
        else:
            w.showNormal()
            w.setGeometry(saved.geometry)  # not restoreGeometry(), which would shrink it to fit the screen
        if not saved.clock_running:
            self.controller.stop_clock()
        if self.controller.index == saved.step:
            view.auto_fit = saved.auto_fit
            if saved.auto_fit:
                view.fit()
            else:
                view.setTransform(saved.transform)
                view.centerOn(saved.centre)
        else:
            self.controller.frame_step(animate=False)
        self.ended.emit()

    # -- blanking ----------------------------------------------------------------------------------
    def toggle_blank(self) -> None:
        self.set_blanked(not self.blanked)

    def set_blanked(self, on: bool) -> None:
        if on == self.blanked:
            return
        self.blanked = on
        if on:
            self.overlay.setGeometry(self.window.rect())
            self.overlay.raise_()
            self.overlay.show()
        else:
            self.overlay.hide()
        self.blanked_changed.emit(on)

    # -- moving (the presentation keys of the action table) -----------------------------------------
    def _unblank_or(self, move) -> None:
        """Like a slide show: while blank, the first key brings the picture back instead of moving."""
        if self.blanked:
            self.set_blanked(False)
        else:
            move()

    def next(self) -> None:
        self._unblank_or(self.controller.next)

    def previous(self) -> None:
        self._unblank_or(self.controller.previous)

    def first(self) -> None:
        self._unblank_or(self.controller.first)

    def last(self) -> None:
        self._unblank_or(self.controller.last)

    # -- keys and geometry -------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt override)
        kind = event.type()
        if kind in (QEvent.ShortcutOverride, QEvent.KeyPress):
            if not self.active or not isinstance(obj, QWidget) or obj.window() not in (self.window, self.presenter):
                return False
            action = self.window.actions_registry.presentation_action(event.key(), event.modifiers())
            if action is None:
                return False
            event.accept()
            if kind == QEvent.KeyPress and not event.isAutoRepeat():
                self.window.view.viewport().setCursor(Qt.BlankCursor)  # a clicker is in use: no stray pointer
                action.run(self.window)
            return True  # claimed: no window shortcut (Space = play/pause) sees this key
        if obj is self.window:
            if kind == QEvent.Resize:
                if self.blanked:
                    self.overlay.setGeometry(self.window.rect())
                if self.active:
                    self._size_band()
        elif self.active and obj is self.window.view.viewport():
            if kind == QEvent.Resize:
                QTimer.singleShot(0, self._reframe)
            elif kind == QEvent.MouseMove:
                obj.unsetCursor()
        return False

    def _reframe(self) -> None:
        if self.active:
            self.controller.frame_step(animate=False)

    def _size_band(self) -> None:
        self.band.setFixedHeight(max(120, round(BAND_SHARE * self.window.height())))
        self.band.update()
