"""The history's public windowed accessor and the one normalisation of raw values."""

from __future__ import annotations

import numpy as np

from pathwayviz.sim.live import History, LiveSimulation


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


def test_normalised_divides_by_each_species_maximum(pathway):
    live = LiveSimulation(pathway)
    ymax = np.array([pathway.species[s].ymax for s in live.ids])
    np.testing.assert_array_equal(live.ymax, ymax)
    raw = ymax * 0.25
    np.testing.assert_allclose(live.normalised(raw), 0.25)
    cols = [live.index["akt"], live.index["erk"]]
    np.testing.assert_allclose(live.normalised(np.array([[ymax[cols[0]], 0.0]]), cols), [[1.0, 0.0]])
    assert live.value("akt", raw) == 0.25
