"""Feature modules that plug into the main window (menus, panels, shortcuts).

Each entry is a callable ``install(window)`` run at the end of ``MainWindow.__init__``; keeping the
list here lets features land independently without editing the window class.
"""

from __future__ import annotations


def installers() -> list:
    from . import compare, find, glossary_view, plots_dock, sessions, whatif

    installs = [plots_dock.install, glossary_view.install, find.install, whatif.install, compare.install,
                sessions.install]
    installs.append(__import__("pathwayviz.ui.export_actions", fromlist=["install"]).install)  # slides
    from . import lesson_panel, presentation

    installs += [lesson_panel.install, presentation.install]  # Lesson dock, strip and menu; then F5
    return installs
