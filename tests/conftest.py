"""Shared fixtures. Qt runs offscreen; core tests never import Qt."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from pathwayviz.model.loader import load_pathway
from pathwayviz.resource_files import builtin_pathway_path


@pytest.fixture(scope="session")
def pathway():
    return load_pathway(builtin_pathway_path())


@pytest.fixture
def isolated_settings(tmp_path, monkeypatch):
    """QSettings and user data go to a temporary folder, never the real user profile."""
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    QStandardPaths.setTestModeEnabled(True)
    QCoreApplication.setOrganizationName("PathwayVizTests")
    QCoreApplication.setApplicationName("PathwayVizTests")
    QSettings.setDefaultFormat(QSettings.IniFormat)
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("PATHWAYVIZ_DATA_DIR", str(tmp_path / "data"))
    yield tmp_path


@pytest.fixture
def main_window(qtbot, pathway, isolated_settings):
    """A main window with the clock stopped; tests step it with window.clock.tick()."""
    from pathwayviz.ui.app import install_app_font
    from pathwayviz.ui.main_window import MainWindow

    from PySide6.QtWidgets import QApplication

    install_app_font(QApplication.instance())
    window = MainWindow(pathway, start_running=False)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.clock.stop()
    assert not window.clock.is_running()
