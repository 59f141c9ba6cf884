"""The CSV text of the time courses."""

from __future__ import annotations

import numpy as np
import pytest

from pathwayviz.plots.timecourse_csv import csv_text


def test_columns_pair_each_species_with_its_healthy_reference_and_keep_every_digit():
    t = np.array([0.0, 0.1])
    current = np.array([[0.1, 1 / 3], [0.2, 0.4]])
    healthy = np.array([[0.5, 0.6], [0.7, 2 / 3]])
    lines = csv_text(t, current, healthy, ["hgp", "akt"]).splitlines()
    assert lines[0] == "minutes,hgp,hgp_healthy,akt,akt_healthy"
    assert lines[1] == f"0.0,0.1,0.5,{1 / 3!r},0.6"
    assert [float(v) for v in lines[2].split(",")] == [0.1, 0.2, 0.7, 0.4, 2 / 3]


def test_mismatched_shapes_are_refused_with_the_shapes_named():
    with pytest.raises(ValueError, match=r"2 samples × 1 species"):
        csv_text(np.zeros(2), np.zeros((2, 2)), np.zeros((2, 2)), ["hgp"])
