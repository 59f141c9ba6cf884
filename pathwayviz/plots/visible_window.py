"""Which recorded samples the time courses show: the live window and its span of samples (no Qt).

The live window ends a little right of the newest sample, so its marker and the time cursor stay
in view; before the history fills the window it starts at the first sample.
"""

from __future__ import annotations

import numpy as np

RIGHT_MARGIN = 0.025  # of the window


def live_range(times: np.ndarray, window: float) -> tuple[float, float]:
    """The time bounds shown while following the simulation, for a window of ``window`` minutes."""
    if not len(times):
        return (0.0, window)
    end = max(float(times[-1]), float(times[0]) + window)
    return (end - window, end + RIGHT_MARGIN * window)


def replay_range(right_end: float, window: float) -> tuple[float, float]:
    """The bounds of a ``window``-minute range that keeps its right end (resizing while replaying)."""
    return (right_end - (1 + RIGHT_MARGIN) * window, right_end)


def span(times: np.ndarray, bounds: tuple[float, float]) -> tuple[int, int]:
    """Indices ``a, b`` such that ``times[a:b]`` are the samples within ``bounds`` (inclusive)."""
    return int(np.searchsorted(times, bounds[0], "left")), int(np.searchsorted(times, bounds[1], "right"))


def nearest_sample(times: np.ndarray, minutes: float) -> int:
    """Index of the sample nearest ``minutes`` (the earlier one on a tie); ``times`` must not be empty."""
    k = int(np.clip(np.searchsorted(times, minutes), 0, len(times) - 1))
    if k > 0 and abs(times[k - 1] - minutes) <= abs(times[k] - minutes):
        k -= 1
    return k
