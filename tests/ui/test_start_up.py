"""Start-up in two steps: the first paint shows the window; the rest is built just after it.

Nothing may be lost by building late: menus and shortcuts, the session file named on the command
line, the crash-restore offer, ``--lesson`` and ``--presentation`` all happen once the event loop
has turned (or at once, when code reads a part first).
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pathwayviz.cli import build_app_parser
from pathwayviz.ui import sessions as sessions_module
from pathwayviz.ui.app import first_window
from pathwayviz.ui.glossary_view import GlossaryPanel
from pathwayviz.ui.lesson_panel import LessonPanel
from pathwayviz.ui.main_window import MainWindow
from pathwayviz.ui.menu_bar import MENU_ORDER

LATER_PARTS = ("glossary", "glossary_panel", "find_bar", "compare", "lesson_panel", "presentation", "sessions",
               "slide_export", "media_export", "model_export", "state_words", "return_presses", "actions_registry")


@pytest.fixture
def no_quit_hook(monkeypatch):
    """start_up would connect QApplication.aboutToQuit; the test application never quits."""
    monkeypatch.setattr(sessions_module, "_hook_quit", lambda: None)


@pytest.fixture
def windows(qtbot):
    made = []

    def keep(window):
        qtbot.addWidget(window)
        made.append(window)
        return window

    yield keep
    for window in made:
        window.clock.stop()


def menu_entries(window) -> dict[str, int]:
    return {a.text(): len(a.menu().actions()) for a in window.menuBar().actions()}


def shown_and_started(qtbot, window):
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.is_started)
    return window


def test_before_the_first_paint_only_what_it_shows_is_built(pathway, windows):
    w = windows(MainWindow(pathway, start_running=False))
    assert not w.is_started()
    assert not any(name in vars(w) for name in LATER_PARTS)
    # The menu bar has its titles from the start (no jump when the entries arrive), not yet its entries.
    assert menu_entries(w) == {title: 0 for title in MENU_ORDER}
    # On screen at the first paint: diagram, controls, card, what-if panel, lesson strip.
    assert len(w.scene.molecules) == len(pathway.species)
    assert w.lesson_strip.actions() and w.whatif.panel is not None


def test_after_the_first_paint_every_part_is_there_and_keys_work(pathway, windows, qtbot):
    w = shown_and_started(qtbot, windows(MainWindow(pathway, start_running=False)))
    assert all(name in vars(w) for name in LATER_PARTS)
    entries = menu_entries(w)
    assert set(entries) == set(MENU_ORDER) and all(n > 0 for n in entries.values()), entries
    assert isinstance(w.glossary_dock.widget(), GlossaryPanel)
    assert isinstance(w.lesson_dock.widget().widget(), LessonPanel)  # inside its scroll area
    assert w.sessions.autosave_timer.isActive()
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key_J)  # a shortcut made from the action table after the first paint
    assert "jnk" in w.state.perturbations.toggles and w.controls.toggles["jnk"].switch.isChecked()
    w.undo_action.trigger()
    assert "jnk" not in w.state.perturbations.toggles


def test_reading_a_later_part_builds_it_at_once(pathway, windows):
    w = windows(MainWindow(pathway, start_running=False))
    calls = []
    w.when_started(lambda: calls.append("started"))
    assert calls == []
    assert w.actions_registry["toggle_jnk"].text()  # read before any paint: built now
    assert w.is_started() and calls == ["started"]
    w.when_started(lambda: calls.append("again"))  # already started: runs now
    assert calls == ["started", "again"]


def test_a_part_read_while_the_parts_are_built_names_the_fix(pathway, windows):
    w = windows(MainWindow(pathway, start_running=False))
    w.when_started(lambda: None)
    w._started = True  # as if finish_start_up() were half way through
    with pytest.raises(AttributeError, match="sessions is read while finish_start_up"):
        w.sessions  # noqa: B018
    w._started = False
    w.finish_start_up()
    assert w.sessions.window is w


def test_the_session_named_on_the_command_line_opens_after_the_first_paint(
        pathway, windows, qtbot, tmp_path, no_quit_hook):
    source = shown_and_started(qtbot, windows(MainWindow(pathway, start_running=False)))
    p = source.state.perturbations
    p.knockouts.add("foxo1")
    source.state.set_perturbations(p, "prep")
    for _ in range(40):
        source.clock.tick(0.05)
    path = tmp_path / "from-argv.pathwayviz"
    assert source.sessions.save_to(path)

    w = windows(first_window(build_app_parser().parse_args([str(path)])))
    w.clock.stop()
    assert not w.is_started() and "foxo1" not in w.state.perturbations.knockouts
    shown_and_started(qtbot, w)
    assert w.state.perturbations.knockouts == {"foxo1"}
    np.testing.assert_allclose(w.live.state, source.live.state, atol=1e-12)
    assert w.windowTitle().startswith("from-argv.pathwayviz")


def test_the_crash_restore_offer_comes_after_the_first_paint(pathway, windows, qtbot, no_quit_hook):
    crashed = shown_and_started(qtbot, windows(MainWindow(pathway, start_running=False)))
    crashed.sessions.start_up(None)
    p = crashed.state.perturbations
    p.toggles["ikk"] = 0.7
    crashed.state.set_perturbations(p, "prep")
    assert crashed.sessions.autosave() is not None  # ... and the process dies: no clean exit

    w = windows(first_window(build_app_parser().parse_args([])))
    w.clock.stop()
    assert not w.is_started()
    shown_and_started(qtbot, w)
    prompt = w.sessions.restore_prompt
    assert prompt is not None and prompt.isVisible() and "did not close normally" in prompt.text()
    w.sessions.answer_restore(True)
    assert w.state.perturbations.toggles == {"ikk": 0.7}


def test_presentation_from_the_command_line_starts_after_the_first_paint(windows, qtbot, no_quit_hook):
    w = windows(first_window(build_app_parser().parse_args(["--presentation"])))
    w.clock.stop()
    assert not w.is_started()
    shown_and_started(qtbot, w)
    assert w.presentation.active and w.isFullScreen()
    w.presentation.leave()
    QApplication.processEvents()



def test_garbage_collection_waits_until_just_after_the_first_paint(windows, qtbot, no_quit_hook, monkeypatch):
    import gc

    from pathwayviz.ui import main_window as main_window_module

    assert gc.isenabled()
    w = windows(first_window(build_app_parser().parse_args([])))
    w.clock.stop()
    assert not gc.isenabled()  # paused while the window is built and first painted
    shown_and_started(qtbot, w)
    assert gc.isenabled()

    def broken(*_args, **_kwargs):
        raise RuntimeError("no window")

    monkeypatch.setattr(main_window_module, "MainWindow", broken)
    with pytest.raises(RuntimeError, match="no window"):
        first_window(build_app_parser().parse_args([]))
    assert gc.isenabled()  # a failed start does not leave collection off


def test_the_first_paint_does_without_pyqtgraph_networkx_and_pyyaml(tmp_path):
    """pyqtgraph (~100 ms of imports) and networkx belong to parts built after the first paint; the
    built-in pathway and lesson come from the parse cache (shipped in resources/cache for the very
    first start), so PyYAML is not loaded either."""
    import os
    import subprocess
    import sys

    script = ("import sys\nfrom pathwayviz.ui.app import first_window, make_application\n"
              "app = make_application()\nwindow = first_window(None)\n"
              "print(sorted(m for m in ('pyqtgraph', 'networkx', 'yaml') if m in sys.modules))")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PATHWAYVIZ_DATA_DIR=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PATHWAYVIZ_CACHE_DIR=str(tmp_path / "cache"))
    loaded = []
    for _ in range(2):
        run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
        assert run.returncode == 0, run.stderr
        loaded.append(run.stdout.strip().splitlines()[-1])
    assert loaded == ["[]", "[]"]


def test_the_window_is_built_without_loading_classes_it_does_not_show_and_after_numpy(tmp_path):
    """PySide6 builds a class, with its enums, on first access, and reads the source of every module
    imported after it. So: numpy and the Qt-free layers are imported before PySide6, the dialogs are
    not touched before they open, and no widget is read back from Qt in a way that makes PySide6
    load every QWidget subclass to find its type (the view's viewport is made in Python)."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "class Spy:\n"
        "    before = None\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'PySide6' and Spy.before is None:\n"
        "            Spy.before = sorted(m for m in ('numpy', 'pathwayviz.sim.live', 'pathwayviz.formats.pathway_file')"
        " if m in sys.modules)\n"
        "sys.meta_path.insert(0, Spy())\n"
        "from pathwayviz.ui.app import first_window, make_application\n"
        "app = make_application()\nwindow = first_window(None)\n"
        "from PySide6 import QtWidgets\n"
        "print(Spy.before, sorted(n for n in ('QCalendarWidget', 'QFileDialog', 'QInputDialog', 'QMessageBox',"
        " 'QWizard') if n in vars(QtWidgets)))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PATHWAYVIZ_DATA_DIR=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               PATHWAYVIZ_CACHE_DIR=str(tmp_path / "cache"))
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "['numpy', 'pathwayviz.formats.pathway_file', 'pathwayviz.sim.live'] []"


def test_a_first_start_computes_nothing_the_shipped_entries_hold(new_window):
    # An empty user cache (the tests' own folder): the window's start writes nothing to it, because
    # the pathway, the lesson and the start state all came from resources/cache.
    from pathwayviz.model import disk_cache

    window = new_window()
    window.clock.stop()
    assert disk_cache.cache_root().exists() is False or not list(disk_cache.cache_root().rglob("*.json")), \
        "resources/cache is out of date: run  python scripts/ship_caches.py  and commit what it writes"


def test_without_the_shipped_entries_the_start_computes_and_remembers_them(new_window, no_shipped_cache):
    from pathwayviz.model import disk_cache

    window = new_window()
    window.clock.stop()
    written = {p.parent.name for p in disk_cache.cache_root().rglob("*.json")}
    assert written == {"parsed", "steady"}
