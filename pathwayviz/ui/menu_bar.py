"""The menu bar's top-level titles, made before the first paint (their entries come after it)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QMenu

MENU_ORDER = ("&File", "&Edit", "&View", "&Simulation", "&Lesson", "&Help")


def top_menus(window: QMainWindow) -> dict[str, QMenu]:
    """The menu bar's titles, in :data:`MENU_ORDER` (empty until an ActionRegistry fills them)."""
    bar = window.menuBar()
    return {title: bar.addMenu(title) for title in MENU_ORDER}
