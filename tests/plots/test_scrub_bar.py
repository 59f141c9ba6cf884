"""The replay row: it shows the replayed time and reports where the user moved it."""

from __future__ import annotations

import pytest

from pathwayviz.plots.scrub_bar import STEPS, ScrubBar


@pytest.fixture
def bar(qtbot):
    bar = ScrubBar()
    qtbot.addWidget(bar)
    return bar


def test_moving_the_slider_reports_a_fraction_and_its_right_end_means_live(bar, qtbot):
    with qtbot.waitSignal(bar.moved) as blocker:
        bar.slider.setValue(STEPS // 4)
    assert blocker.args == [pytest.approx(0.25)]
    with qtbot.waitSignal(bar.live_requested):
        bar.slider.setValue(STEPS)
    assert not bar.live_button.isEnabled()  # live already: nothing to go back to
    bar.show_time(12.0, (10.0, 30.0))
    with qtbot.waitSignal(bar.live_requested):
        bar.live_button.click()


def test_showing_a_time_moves_the_slider_without_reporting_it(bar, qtbot):
    with qtbot.assertNotEmitted(bar.moved), qtbot.assertNotEmitted(bar.live_requested):
        bar.show_time(15.0, (10.0, 30.0))
    assert bar.slider.value() == STEPS // 4
    assert bar.status.text() == "replaying 15.0 min" and bar.live_button.isEnabled()
    with qtbot.assertNotEmitted(bar.live_requested):
        bar.show_time(None, (10.0, 30.0))
    assert bar.slider.value() == STEPS and bar.status.text() == "live" and not bar.live_button.isEnabled()


def test_arrow_keys_step_one_sample_and_page_keys_one_minute(bar):
    bar.set_steps(window_minutes=20.0, sample_every=0.1)
    assert bar.slider.singleStep() == 5 and bar.slider.pageStep() == 50


def test_the_minute_field_reports_and_takes_minutes_not_slider_ticks(bar, qtbot):
    """Screen readers and the keyboard get the replayed minute within the visible window; the slider
    (0–1000 ticks) is for the mouse and never takes the keyboard focus."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible

    bar.show_time(15.0, (10.0, 30.0))
    field = QAccessible.queryAccessibleInterface(bar.minute)
    value = field.valueInterface()
    assert field.text(QAccessible.Name) == "Replay time"
    assert (value.currentValue(), value.minimumValue(), value.maximumValue()) == (15.0, 10.0, 30.0)
    assert bar.slider.focusPolicy() == Qt.ClickFocus and bar.slider.accessibleName() == "Replay time (slider)"
    with qtbot.waitSignal(bar.moved) as blocker:  # typing minute 20 replays halfway across the window
        bar.minute.setValue(20.0)
    assert blocker.args == [pytest.approx(0.5)]
    with qtbot.waitSignal(bar.live_requested):    # the window's right end is live
        bar.minute.setValue(30.0)
    bar.show_time(None, (12.0, 32.0))             # live: the field follows the newest minute
    assert (bar.minute.value(), bar.minute.maximum()) == (32.0, 32.0)
