"""Feature modules that plug into the main window (menus, panels, shortcuts).

Each entry is a callable ``install(window)`` run at the end of ``MainWindow.__init__``; keeping the
list here lets features land independently without editing the window class. Order matters: the
plots dock comes first (others look for ``window.plots``), presentation mode last (it wraps the rest).
"""

from __future__ import annotations


def installers() -> list:
    from . import (compare, export_actions, find, glossary_view, lesson_panel, plots_dock, presentation,
                   sessions, state_words, whatif)

    return [plots_dock.install, glossary_view.install, find.install, whatif.install, compare.install,
            sessions.install, export_actions.install, state_words.install, lesson_panel.install,
            presentation.install]
