"""File ▸ Export time courses as CSV, from the action table to the file."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from pathwayviz.ui import plots_dock


def test_the_menu_entry_writes_the_visible_time_courses(main_window, monkeypatch, tmp_path):
    w = main_window
    for _ in range(30):
        w.clock.tick(0.1)
    path = tmp_path / "courses.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), "CSV files (*.csv)"))
    assert plots_dock.QtWidgets.QFileDialog is QFileDialog
    w.actions_registry["export_csv"].trigger()
    lines = path.read_text().splitlines()
    assert lines[0].startswith("minutes,") and "_healthy" in lines[0]
    assert len(lines) - 1 == len(w.live.history.times())  # 3 simulated minutes fit the 30-minute window
    assert f"Wrote {len(lines) - 1} rows" in w.statusBar().currentMessage()
