"""Shared fixtures for both tiers.

Tests mirror the package (``tests/<package>/test_*.py``). The core tier (model, sim, lesson,
state, formats) needs no Qt: ``tests/test_core_tier.py`` runs it with Qt made unimportable.
Qt tests run offscreen; every test gets its own settings and user-data folder, a test that
leaves a timer or animation running fails, and Qt warnings fail tests (``qt_log_level_fail``).
"""

from __future__ import annotations

import gc
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from pathwayviz.model.loader import load_pathway
from pathwayviz.resource_files import builtin_pathway_path

#: Set by the core-tier check: importing any of these must then fail.
WITHOUT_QT_ENV = "PATHWAYVIZ_TESTS_WITHOUT_QT"
QT_PACKAGES = ("PySide6", "shiboken6", "pyqtgraph", "pytestqt")
#: Test folders whose tests must pass without Qt installed. (formats is Qt-free, but its OMEX tests
#: bundle rendered slides, so its tests run in the Qt tier.)
CORE_TIER = ("model", "sim", "lesson", "state")


class _QtBlocker:
    """Meta-path finder that refuses Qt, proving the core tier does not need it."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in QT_PACKAGES:
            raise ImportError(f"{name} is not available in the core test tier")
        return None


if os.environ.get(WITHOUT_QT_ENV) == "1":
    sys.meta_path.insert(0, _QtBlocker())


def pytest_addoption(parser, pluginmanager):
    # Without pytest-qt (core tier) its ini options must still parse: warnings are errors here.
    if not pluginmanager.has_plugin("pytest-qt"):
        for name in ("qt_api", "qt_log_level_fail", "qt_log_ignore"):
            parser.addini(name, "pytest-qt option (pytest-qt is not loaded in this run)", type="linelist")


def _qt_core():
    """QtCore if this run uses Qt (pytest-qt imports it at start-up), else None."""
    return sys.modules.get("PySide6.QtCore")


@pytest.fixture(scope="session")
def pathway():
    return load_pathway(builtin_pathway_path())


@pytest.fixture(scope="module")
def app(qapp):
    """The headless exporters' application set-up (bundled fonts); the test application's font restored after."""
    from pathwayviz.export.headless import headless_application

    font = qapp.font()
    yield headless_application()
    qapp.setFont(font)


@pytest.fixture
def no_shipped_cache(monkeypatch, tmp_path):
    """The shipped cache entries (resources/cache) out of the way: starts and reads as if they did not exist."""
    from pathwayviz.model import disk_cache

    monkeypatch.setattr(disk_cache, "shipped_root", lambda: tmp_path / "nothing-shipped")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings, user data and the disk caches go to a temporary folder, never the real user profile."""
    monkeypatch.setenv("PATHWAYVIZ_DATA_DIR", str(tmp_path / "data"))
    # beside the test's folder, not in it: many tests check that a failed write left their folder empty
    monkeypatch.setenv("PATHWAYVIZ_CACHE_DIR", str(tmp_path.parent / f"{tmp_path.name}-cache"))
    qt_core = _qt_core()
    if qt_core is not None:
        qt_core.QStandardPaths.setTestModeEnabled(True)
        qt_core.QCoreApplication.setOrganizationName("PathwayVizTests")
        qt_core.QCoreApplication.setApplicationName("PathwayVizTests")
        qt_core.QSettings.setDefaultFormat(qt_core.QSettings.IniFormat)
        qt_core.QSettings.setPath(qt_core.QSettings.IniFormat, qt_core.QSettings.UserScope,
                                  str(tmp_path / "settings"))
    yield tmp_path


def running_timers_and_animations(qt_core):
    """Every live QTimer, QTimeLine and QAbstractAnimation that is still running."""
    running = []
    for obj in gc.get_objects():
        try:
            if isinstance(obj, qt_core.QTimer):
                if obj.isActive():
                    running.append(obj)
            elif isinstance(obj, qt_core.QAbstractAnimation):
                if obj.state() == qt_core.QAbstractAnimation.State.Running:
                    running.append(obj)
            elif isinstance(obj, qt_core.QTimeLine):
                if obj.state() == qt_core.QTimeLine.State.Running:
                    running.append(obj)
        except RuntimeError:  # the C++ object is already gone: it runs nothing
            continue
    return running


@pytest.fixture(autouse=True)
def no_timer_left_running(request):
    """Fail a test that leaves a timer or animation running once its widgets are closed.

    Set up before ``qtbot`` so it is torn down after pytest-qt has closed the test's widgets.
    """
    yield
    qt_core = _qt_core()
    if qt_core is None or qt_core.QCoreApplication.instance() is None:
        return
    qt_core.QCoreApplication.sendPostedEvents(None, qt_core.QEvent.Type.DeferredDelete)
    running = running_timers_and_animations(qt_core)
    for obj in running:
        obj.stop()  # one leak must not fail every later test
    if running:
        names = ", ".join(f"{type(o).__name__}({o.objectName() or 'unnamed'})" for o in running)
        pytest.fail(f"{request.node.nodeid} left running: {names}")


@pytest.fixture
def new_window(qtbot, pathway, isolated_settings):
    """Makes main windows with the clock stopped, shown and started (the parts built just after the
    first paint, as a user finds them); all are stopped after the test."""
    from pathwayviz.ui.app import install_app_font
    from pathwayviz.ui.main_window import MainWindow

    from PySide6.QtWidgets import QApplication

    install_app_font(QApplication.instance())
    made = []

    def make():
        window = MainWindow(pathway, start_running=False)
        qtbot.addWidget(window)
        window.resize(1600, 1000)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(window.is_started)
        made.append(window)
        return window

    yield make
    for window in made:
        window.clock.stop()


@pytest.fixture
def main_window(new_window):
    """A main window with the clock stopped; tests step it with window.clock.tick()."""
    window = new_window()
    yield window
    window.clock.stop()
    assert not window.clock.is_running()
