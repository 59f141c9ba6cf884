"""The recorded past of a live run: a fixed-capacity ring buffer of (time, state) samples.

Plots, scrubbing, CSV and video export read it. Its memory is bounded two ways: at most
``capacity`` samples, and at most ``max_bytes`` of states, so a pathway of thousands of species
keeps fewer samples (still far more than the plots' visible window) instead of hundreds of MB
(7200 samples × 2000 species × 8 bytes was 115 MB per history, and a window keeps two).
States stay float64, exactly as simulated: CSV export promises the recorded values.
"""

from __future__ import annotations

import numpy as np

DEFAULT_CAPACITY = 7200  # samples: 12 simulated hours at the live run's 0.1-minute sampling
MAX_BYTES = 32 * 1024 * 1024  # of states per history (two histories per window)
MIN_CAPACITY = 600  # samples: 60 simulated minutes, twice the plots' default 30-minute window
STATE_DTYPE = np.float64


def capacity_for(size: int, capacity: int = DEFAULT_CAPACITY, max_bytes: int = MAX_BYTES) -> int:
    """How many samples a history of ``size`` species keeps: ``capacity``, fewer when that exceeds
    ``max_bytes`` of states, but never fewer than MIN_CAPACITY (or ``capacity`` if that is smaller)."""
    per_sample = max(1, size) * np.dtype(STATE_DTYPE).itemsize
    return max(1, min(capacity, max(MIN_CAPACITY, max_bytes // per_sample)))


class History:
    """Fixed-capacity ring buffer of (time, state) samples."""

    def __init__(self, size: int, capacity: int = DEFAULT_CAPACITY, max_bytes: int = MAX_BYTES):
        self.capacity = capacity_for(size, capacity, max_bytes)
        # np.full touches every page now, so memory use is flat while the buffer fills.
        self._t = np.full(self.capacity, 0.0)
        self._y = np.full((self.capacity, size), 0.0, dtype=STATE_DTYPE)
        self._start = 0
        self._count = 0

    def __len__(self) -> int:
        return self._count

    @property
    def nbytes(self) -> int:
        """Memory held by the samples (times and states)."""
        return self._t.nbytes + self._y.nbytes

    def clear(self) -> None:
        self._start = 0
        self._count = 0

    def append(self, t: float, y: np.ndarray) -> None:
        i = (self._start + self._count) % self.capacity
        self._t[i] = t
        self._y[i] = y
        if self._count < self.capacity:
            self._count += 1
        else:
            self._start = (self._start + 1) % self.capacity

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Times and states in chronological order (copies)."""
        idx = self._rows()
        return self._t[idx], self._y[idx]

    def times(self) -> np.ndarray:
        """Recorded times in chronological order (a copy; the states are not copied)."""
        return self._t[self._rows()]

    def window(self, start: int, stop: int, columns=None) -> np.ndarray:
        """States of the ``start``-th to ``stop``-th recorded samples (chronological, stop excluded).

        Only ``columns`` (species indices) when given: a plot reads a few species of a visible
        window every frame, far cheaper than copying the whole history.
        """
        rows = self._rows()[start:stop]
        if columns is None:
            return self._y[rows]
        return self._y[rows[:, None], np.asarray(columns, dtype=int)]

    def _rows(self) -> np.ndarray:
        return (self._start + np.arange(self._count)) % self.capacity

    def state_at(self, t: float) -> np.ndarray | None:
        """The recorded state nearest to time t (a copy), or None when empty."""
        if not self._count:
            return None
        rows = self._rows()
        times = self._t[rows]
        k = int(np.clip(np.searchsorted(times, t), 0, self._count - 1))
        if k > 0 and abs(times[k - 1] - t) <= abs(times[k] - t):
            k -= 1
        return self._y[rows[k]].copy()
