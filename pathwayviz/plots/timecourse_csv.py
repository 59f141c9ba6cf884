"""The time courses as CSV: one row per visible sample, current and healthy activity per species."""

from __future__ import annotations

import os

import numpy as np
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from ..model.files import write_text_atomic


def csv_text(times: np.ndarray, current: np.ndarray, healthy: np.ndarray, species: list[str]) -> str:
    """Columns ``minutes``, then ``<id>`` and ``<id>_healthy`` per species; values exactly as given.

    ``current`` and ``healthy`` are samples × species, in the order of ``species``.
    """
    if current.shape != (len(times), len(species)) or healthy.shape != current.shape:
        raise ValueError(f"expected {len(times)} samples × {len(species)} species, "
                         f"got current {current.shape} and healthy {healthy.shape}")
    table = np.empty((len(times), 1 + 2 * len(species)))
    table[:, 0] = times
    table[:, 1::2] = current
    table[:, 2::2] = healthy
    header = ["minutes"] + [c for sid in species for c in (sid, f"{sid}_healthy")]
    lines = [",".join(header)] + [",".join(map(repr, row)) for row in table.tolist()]
    return "\n".join(lines) + "\n"


def write_csv(path: str | os.PathLike, times: np.ndarray, current: np.ndarray, healthy: np.ndarray,
              species: list[str]) -> int:
    """Write :func:`csv_text` atomically; returns the number of rows. Raises WriteError (an OSError)."""
    write_text_atomic(path, csv_text(times, current, healthy, species))
    return len(times)


def ask_csv_path(parent: QWidget) -> str | None:
    """Ask where to save; None when cancelled. Adds ".csv" when the name has no such ending."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, "Export visible time courses as CSV",
                                          os.path.join(folder, "pathwayviz-time-courses.csv"),
                                          "CSV files (*.csv)")
    if not path:
        return None
    return path if path.lower().endswith(".csv") else path + ".csv"
