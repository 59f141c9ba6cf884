"""The one normalisation of raw values (the history's windowed accessor: tests/sim/test_history.py)."""

from __future__ import annotations

import numpy as np

from pathwayviz.sim.live import LiveSimulation


def test_normalised_divides_by_each_species_maximum(pathway):
    live = LiveSimulation(pathway)
    ymax = np.array([pathway.species[s].ymax for s in live.ids])
    np.testing.assert_array_equal(live.ymax, ymax)
    raw = ymax * 0.25
    np.testing.assert_allclose(live.normalised(raw), 0.25)
    cols = [live.index["akt"], live.index["erk"]]
    np.testing.assert_allclose(live.normalised(np.array([[ymax[cols[0]], 0.0]]), cols), [[1.0, 0.0]])
    assert live.value("akt", raw) == 0.25
