"""Presentation mode (F5): the lesson full screen for a projector and a clicker remote.

Entering hides the chrome (menu bar, docks, toolbars, status bar), switches the diagram to the
projector theme, shows the caption band at the bottom and goes full screen on the window's current
screen; leaving restores all of it exactly as it was (docks, toolbars, theme, geometry, full-screen
state, clock, view).

Keys while presenting (whatever widget has focus; one application event filter claims them before
any shortcut, so they never clash with the normal window's single-key shortcuts):

- next (reveal the waiting answer, else the step's next region, else the next step): Page Down, →, ↓,
  Space, Enter
- back: Page Up, ←, ↑, Backspace
- first / last step: Home / End
- blank the screen to black and back: B or . (clickers' "blank" button sends one of them)
- leave: Esc or F5 (Shift+F5, the start key many clickers send, starts it like F5; pressed mid-show,
  F5 with any modifier is ignored, so a clicker's "start" never ends the show)

"Next" on the last step, once its answer shows, brings up an end screen ("End of lesson") so the room
knows it is over; Page Up (or any "back" key) returns to the last step, Home to the first.

Space means "next" here (play/pause stays on K and Ctrl+Space) (the clock runs so steps animate;
a question holds it until revealed). The kinase keys (J, I, P), zoom keys and Ctrl+Z still work.

With a second screen, a presenter window opens there (step, timer, question and answer, notes, next
step); the room sees only the full-screen window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QObject, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QScreen, QTransform
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QToolBar, QWidget

from ..canvas.style import PROJECTOR, Theme
from .caption_band import BAND_SHARE, CaptionBand
from .lesson_controller import LessonController
from .presenter_window import PresenterWindow


_MODIFIERS = Qt.ShiftModifier | Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier


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


class EndScreen(QWidget):
    """Shown after the last step: the lesson is over, and how to leave or go back."""

    TITLE = "End of lesson"
    HINT = "Esc to leave, PageUp to go back"

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("end_screen")
        self.setAttribute(Qt.WA_OpaquePaintEvent)
        self.setAccessibleName(f"{self.TITLE} — {self.HINT}")
        self.hide()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.setPen(QColor("#000000"))  # black on white: 21:1
        title, hint = QFont(self.font()), QFont(self.font())
        title.setPixelSize(max(48, self.height() // 10))
        title.setBold(True)
        hint.setPixelSize(max(32, self.height() // 22))
        upper = QRect(0, 0, self.width(), self.height() // 2)
        lower = QRect(0, self.height() // 2, self.width(), self.height() // 2)
        p.setFont(title)
        p.drawText(upper, int(Qt.AlignHCenter | Qt.AlignBottom), self.TITLE)
        p.setFont(hint)
        p.drawText(lower.adjusted(0, hint.pixelSize() // 2, 0, 0), int(Qt.AlignHCenter | Qt.AlignTop), self.HINT)
        p.end()


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

    blanked_changed = Signal(bool)

    def __init__(self, window, controller: LessonController):
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.active = False
        self.blanked = False
        self._saved: _NormalWindow | None = None
        self.band = CaptionBand(controller)
        window.scenarios.clock_changed.connect(self.band.show_clock)  # a scenario's time of day in the band
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
        self.end_screen = EndScreen(window)
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
        view.show_focus_frame(False)  # the keyboard focus is the lecturer's business, not the room's
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
        self.set_at_end(False)
        self.active = False
        if self.presenter is not None:
            self.presenter.stop()
        view.viewport().unsetCursor()
        self.band_bar.hide()
        w.scene.set_theme(saved.theme)
        view.setFrameShape(saved.frame)
        view.show_focus_frame(True)
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

    # -- the end screen ----------------------------------------------------------------------------
    @property
    def at_end(self) -> bool:
        """True while the end screen shows."""
        return not self.end_screen.isHidden()

    def set_at_end(self, on: bool) -> None:
        if on:
            self.end_screen.setGeometry(self.window.rect())
            self.end_screen.raise_()
            self.end_screen.show()
        else:
            self.end_screen.hide()

    # -- moving (the presentation keys of the action table) -----------------------------------------
    def _unblank_or(self, move) -> None:
        """Like a slide show: while blank, the first key brings the picture back instead of moving;
        on the end screen, any move first goes back to the lesson."""
        if self.blanked:
            self.set_blanked(False)
        elif self.at_end:
            self.set_at_end(False)
            if move != self.controller.previous:  # "back" from the end screen is the last step itself
                move()
        else:
            move()

    def next(self) -> None:
        if self.blanked:
            self.set_blanked(False)
        elif self.at_end:
            return  # the end screen stays until a "back" key or Esc
        elif self.controller.index is not None and not self.controller.has_next():
            self.set_at_end(True)  # past the last step (answer shown, last region): tell the room it is over
        else:
            self.controller.next()

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
            if event.key() == Qt.Key_F5 and event.modifiers() & _MODIFIERS:
                event.accept()  # Shift+F5 ("present from here") and the like mid-show: stay presenting
                return True
            action = self.window.actions_registry.presentation_action(event.key(), event.modifiers())
            if action is None:
                return False
            event.accept()
            if kind == QEvent.KeyPress and not event.isAutoRepeat():
                self.window.view.viewport().setCursor(Qt.BlankCursor)  # a clicker is in use: no stray pointer
                action.run(self.window)
            return True  # claimed: no window shortcut (K = play/pause) sees this key
        if obj is self.window:
            if kind == QEvent.Resize:
                if self.blanked:
                    self.overlay.setGeometry(self.window.rect())
                if self.at_end:
                    self.end_screen.setGeometry(self.window.rect())
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
