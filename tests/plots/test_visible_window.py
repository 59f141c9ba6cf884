"""Which samples the time courses show (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.plots.visible_window import RIGHT_MARGIN, live_range, nearest_sample, replay_range, span


def test_live_range_starts_at_the_first_sample_until_the_window_is_full():
    times = np.arange(0.0, 10.01, 0.1) + 5.0  # 10 minutes recorded, from minute 5
    assert live_range(times, 30.0) == pytest.approx((5.0, 35.0 + RIGHT_MARGIN * 30))
    times = np.arange(0.0, 60.01, 0.1)
    assert live_range(times, 30.0) == pytest.approx((30.0, 60.0 + RIGHT_MARGIN * 30))
    assert live_range(np.zeros(0), 12.0) == (0.0, 12.0)


def test_replay_range_keeps_its_right_end():
    x0, x1 = replay_range(50.0, 10.0)
    assert x1 == 50.0 and x1 - x0 == pytest.approx(10.0 * (1 + RIGHT_MARGIN))


def test_span_is_inclusive_at_both_ends():
    times = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
    assert span(times, (1.0, 3.0)) == (1, 4)
    assert span(times, (1.5, 2.5)) == (2, 3)
    assert span(times, (5.0, 6.0)) == (5, 5)


def test_nearest_sample_prefers_the_earlier_on_a_tie_and_clamps_at_the_ends():
    times = np.array([0.0, 1.0, 2.0])
    assert nearest_sample(times, 1.4) == 1
    assert nearest_sample(times, 1.6) == 2
    assert nearest_sample(times, 0.5) == 0
    assert nearest_sample(times, -3.0) == 0
    assert nearest_sample(times, 9.0) == 2
