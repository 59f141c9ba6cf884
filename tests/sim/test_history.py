"""The ring-buffer history: chronological reads across the seam, and memory bounded for big pathways."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.sim.history import DEFAULT_CAPACITY, MAX_BYTES, MIN_CAPACITY, History, capacity_for
from pathwayviz.sim.live import LiveSimulation


def test_history_is_bounded_and_chronological():
    h = History(2, capacity=5)
    for k in range(12):
        h.append(float(k), np.array([k, -k]))
    t, y = h.arrays()
    assert len(h) == 5
    assert list(t) == [7.0, 8.0, 9.0, 10.0, 11.0]
    assert list(y[:, 0]) == [7, 8, 9, 10, 11]
    assert h.state_at(8.4)[0] == 8 and h.state_at(100)[0] == 11


def test_window_reads_a_span_of_samples_and_columns_across_the_ring_seam():
    h = History(3, capacity=5)
    for k in range(8):  # wraps: the ring holds samples 3..7, stored from position 3 on
        h.append(float(k), np.array([k, 10 * k, 100 * k]))
    assert list(h.times()) == [3.0, 4.0, 5.0, 6.0, 7.0]
    assert h.window(1, 4, [2, 0]).tolist() == [[400, 4], [500, 5], [600, 6]]
    assert h.window(0, 5).shape == (5, 3) and h.window(0, 5)[-1].tolist() == [7, 70, 700]
    assert h.window(4, 4, [1]).shape == (0, 1)
    times, states = h.arrays()
    np.testing.assert_array_equal(h.window(0, len(h)), states)
    np.testing.assert_array_equal(h.times(), times)


def test_states_are_kept_exactly_as_simulated():
    h = History(2, capacity=4)
    h.append(0.1, np.array([1 / 3, 0.123456789]))
    _, y = h.arrays()
    assert y[0].tolist() == [1 / 3, 0.123456789] and h.state_at(0.0).tolist() == [1 / 3, 0.123456789]
    h.state_at(0.0)[0] = 5.0  # a copy: the record stays
    assert h.window(0, 1)[0, 0] == 1 / 3


def test_a_small_pathway_keeps_the_full_capacity():
    assert capacity_for(60) == DEFAULT_CAPACITY
    assert History(60).capacity == DEFAULT_CAPACITY


def test_a_pathway_of_thousands_of_species_keeps_fewer_samples_within_the_memory_bound():
    h = History(2000)
    assert h.capacity == MAX_BYTES // (2000 * 8) < DEFAULT_CAPACITY
    assert h._y.nbytes <= MAX_BYTES and h.nbytes < 1.01 * MAX_BYTES
    # Still well over the plots' default 30-minute window at 0.1-minute sampling.
    assert h.capacity * 0.1 >= 2 * 30


def test_an_enormous_pathway_still_keeps_a_plot_window_of_samples():
    assert capacity_for(10 ** 6) == MIN_CAPACITY
    assert capacity_for(10 ** 6, capacity=50) == 50  # an explicitly small buffer stays small


def test_the_live_run_records_every_species_exactly(pathway):
    live = LiveSimulation(pathway)
    assert live.history.capacity == live.healthy_history.capacity == DEFAULT_CAPACITY
    live.reset()
    live.advance(0.5)
    times, states = live.history.arrays()
    assert times[-1] == pytest.approx(live.time)
    np.testing.assert_array_equal(states[-1], live.state)
