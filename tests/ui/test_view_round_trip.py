"""Issue #17 defect 12: a saved view must come back where it was, however often it is saved and opened."""

from __future__ import annotations

import pytest

from pathwayviz.state.session import View
from pathwayviz.ui.session_state import restore_view


@pytest.mark.parametrize("scale", [1.0, 1.37, 2.5])
def test_saving_and_opening_a_view_ten_times_does_not_drift(main_window, qtbot, scale):
    w = main_window
    w.resize(1000, 700)
    w.show()
    qtbot.waitExposed(w)
    restore_view(w, View((400.25, 300.75), scale))
    first = w.sessions.capture().view
    for _ in range(10):
        restore_view(w, w.sessions.capture().view)
    last = w.sessions.capture().view
    drift_px = max(abs(a - b) for a, b in zip(first.center, last.center)) * scale
    assert last.scale == pytest.approx(scale)
    assert drift_px < 0.75  # one save/open used to move the view a whole device pixel
    assert abs(first.center[0] - 400.25) * scale <= 1.0 and abs(first.center[1] - 300.75) * scale <= 1.0
