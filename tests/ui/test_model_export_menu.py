"""File → Export model ▸ SBML / SBML-qual / SBGN-ML / COMBINE archive from the window."""

from __future__ import annotations

import libsbml
import pytest
from PySide6.QtWidgets import QFileDialog


def test_the_submenu_lists_the_four_formats(main_window):
    menu = main_window.actions_registry.menu("&File/Export &model")
    titles = [a.text().replace("&", "") for a in menu.actions()]
    assert titles == ["SBML (dynamics)…", "SBML-qual (logical model)…", "SBGN-ML (diagram)…",
                      "COMBINE archive (lesson)…"]


def test_sbml_from_the_menu_carries_the_window_state(main_window, tmp_path, monkeypatch):
    w = main_window
    w.state.set_toggle("jnk", True, 0.6)
    w.state.set_drug("rapamycin", True)
    w.state.clamp("s6k1", "knockout")
    target = tmp_path / "from-window"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "SBML model (*.xml)"))
    w.actions_registry["export_model_sbml"].trigger()
    written = tmp_path / "from-window.xml"  # the format's suffix is added when the name has none
    doc = libsbml.readSBMLFromFile(str(written))  # kept alive: the model dies with its document
    model = doc.getModel()
    assert model.getParameter("toggle_jnk").getValue() == 0.6
    assert model.getParameter("dose_rapamycin").getValue() == 1.0
    assert model.getParameter("held_s6k1").getValue() == 1.0
    assert "from-window.xml" in w.statusBar().currentMessage()


@pytest.mark.parametrize("action, name, check", [
    ("export_model_sbml_qual", "logic.sbml", lambda p: b"qual:listOfTransitions" in p.read_bytes()),
    ("export_model_sbgn", "diagram.sbgn", lambda p: b'language="activity flow"' in p.read_bytes()),
])
def test_qual_and_sbgn_from_the_menu(main_window, tmp_path, monkeypatch, action, name, check):
    target = tmp_path / name
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    main_window.actions_registry[action].trigger()
    assert check(target)


def test_a_failed_write_is_explained_and_leaves_nothing(main_window, tmp_path):
    assert main_window.model_export.export_to("sbml", tmp_path / "missing" / "m.xml") is None
    box = main_window.model_export.last_problem
    assert "does not exist" in box.text() and "missing" in box.text()
    box.close()
    assert list(tmp_path.iterdir()) == []


def test_cancelling_the_archive_writes_nothing(main_window, tmp_path, monkeypatch):
    from pathwayviz.export import model_archive

    def cancelled_at_once(pathway, lesson, options=None, progress=None):
        assert progress is not None and progress(0, len(lesson.steps), lesson.steps[0].title) is True
        main_window.model_export.progress_dialog.cancel()
        assert progress(1, len(lesson.steps), lesson.steps[1].title) is False
        return None

    monkeypatch.setattr("pathwayviz.ui.model_export.lesson_archive", cancelled_at_once)
    assert model_archive.lesson_archive is not cancelled_at_once
    assert main_window.model_export.export_to("omex", tmp_path / "lesson.omex") is None
    assert list(tmp_path.iterdir()) == []
