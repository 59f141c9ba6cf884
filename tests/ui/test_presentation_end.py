"""Presentation: Shift+F5 starts it like F5; after the last step an end screen says the lesson is over;
the diagram's keyboard focus frame stays off the projector."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from pathwayviz.canvas.style import FOCUS_FRAME

from pathwayviz.ui.presentation import EndScreen


@pytest.fixture
def presenting(main_window):
    main_window.presentation.enter()
    yield main_window
    main_window.presentation.leave()


def test_shift_f5_starts_the_presentation_as_f5_does(main_window, qtbot):
    w = main_window
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key_F5, Qt.ShiftModifier)
    assert w.presentation.active and w.lesson_controller.index == 0
    qtbot.keyClick(w.view, Qt.Key_Escape)
    assert not w.presentation.active
    assert ("Presentation mode", "F5, Shift+F5") in w.shortcut_table()


def test_next_after_the_last_answer_shows_the_end_screen_and_back_keys_return(presenting, qtbot):
    w = presenting
    c = w.lesson_controller
    end = w.presentation.end_screen
    c.go_to(len(c) - 1, reveal=True)
    assert not w.presentation.at_end
    qtbot.keyClick(w.view, Qt.Key_PageDown)
    assert w.presentation.at_end and end.isVisible() and end.geometry() == w.rect()
    for key in (Qt.Key_PageDown, Qt.Key_Space, Qt.Key_Right):   # the clicker's "next" keeps the end screen
        qtbot.keyClick(w.view, key)
        assert w.presentation.at_end and c.index == len(c) - 1
    qtbot.keyClick(w.view, Qt.Key_PageUp)                         # back: the last step itself, answered
    assert not w.presentation.at_end and c.index == len(c) - 1 and c.revealed
    qtbot.keyClick(w.view, Qt.Key_Right)
    assert w.presentation.at_end
    qtbot.keyClick(w.view, Qt.Key_Home)                           # first step from the end screen
    assert not w.presentation.at_end and c.index == 0
    c.go_to(len(c) - 1, reveal=True)
    qtbot.keyClick(w.view, Qt.Key_PageDown)
    qtbot.keyClick(w.view, Qt.Key_Escape)
    assert not w.presentation.active and end.isHidden()


def test_an_unanswered_last_step_reveals_before_ending(presenting, qtbot):
    w = presenting
    c = w.lesson_controller
    last = len(c) - 1
    c.go_to(last)
    assert c.awaiting_answer()  # the built-in lesson's last step asks its question first
    qtbot.keyClick(w.view, Qt.Key_PageDown)
    assert c.revealed and not w.presentation.at_end
    qtbot.keyClick(w.view, Qt.Key_PageDown)
    assert w.presentation.at_end


def test_the_end_screen_says_how_to_leave_and_go_back(presenting):
    w = presenting
    w.presentation.set_at_end(True)
    assert EndScreen.TITLE == "End of lesson" and EndScreen.HINT == "Esc to leave, PageUp to go back"
    assert w.presentation.end_screen.accessibleName() == "End of lesson — Esc to leave, PageUp to go back"
    image = w.grab().toImage()
    corner = image.pixelColor(5, 5)
    assert corner.name() == "#ffffff"                 # the diagram is gone: a plain sheet
    dark = sum(image.pixelColor(x, y).lightness() < 60
               for x in range(0, image.width(), 4) for y in range(0, image.height(), 4))
    assert dark > 200, dark                           # the words are drawn, large


@pytest.mark.parametrize("modifier", [Qt.ShiftModifier, Qt.ControlModifier, Qt.AltModifier])
def test_f5_with_a_modifier_mid_show_keeps_presenting(presenting, qtbot, modifier):
    w = presenting
    c = w.lesson_controller
    c.go_to(3, reveal=True)
    for target in (w.view, w.presentation.band, w):
        qtbot.keyClick(target, Qt.Key_F5, modifier)
        assert w.presentation.active and c.index == 3, (target, modifier)
    qtbot.keyClick(w.view, Qt.Key_F5)  # plain F5 still leaves
    assert not w.presentation.active


def focus_frame_share(view) -> float:
    """Share of the viewport's outermost pixel ring (just inside the edge) in the focus frame's colour."""
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format_RGB32)
    buf = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    pixels = buf.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, :image.width(), 2::-1].astype(int)  # RGB
    ring = np.concatenate([pixels[1, :], pixels[-2, :], pixels[:, 1], pixels[:, -2]])
    target = np.array(QColor(FOCUS_FRAME).getRgb()[:3])
    return float(np.mean(np.all(np.abs(ring - target) <= 8, axis=-1)))


def test_the_focus_frame_shows_in_the_window_but_not_on_the_projector(main_window, qtbot):
    w = main_window
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    assert focus_frame_share(w.view) > 0.95          # in the window: a visible focus frame
    w.presentation.enter()
    try:
        w.view.setFocus()
        qtbot.waitUntil(w.view.hasFocus)
        assert focus_frame_share(w.view) < 0.05      # presenting: the diagram has focus, the room sees no frame
    finally:
        w.presentation.leave()
    w.view.setFocus()
    qtbot.waitUntil(w.view.hasFocus)
    assert focus_frame_share(w.view) > 0.95          # back in the window: the frame again
