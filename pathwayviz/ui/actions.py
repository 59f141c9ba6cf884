"""Actions declared as data (id, title, shortcut, menu, tooltip) in one registry per window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


@dataclass(frozen=True)
class ActionSpec:
    id: str
    title: str
    menu: str
    triggered: Callable
    shortcut: str | QKeySequence.StandardKey | tuple = ""
    tooltip: str = ""
    checkable: bool = False


class ActionRegistry:
    """Creates QActions from specs, places them in menus, and finds them by id."""

    MENU_ORDER = ("&File", "&Edit", "&View", "&Simulation", "&Lesson", "&Help")

    def __init__(self, window: QMainWindow):
        self.window = window
        self._actions: dict[str, QAction] = {}
        self._menus: dict[str, QMenu] = {}
        bar = window.menuBar()
        for title in self.MENU_ORDER:
            self._menus[title] = bar.addMenu(title)

    def menu(self, title: str) -> QMenu:
        if title not in self._menus:
            self._menus[title] = self.window.menuBar().addMenu(title)
        return self._menus[title]

    def add(self, spec: ActionSpec) -> QAction:
        action = QAction(spec.title, self.window)
        action.setObjectName(spec.id)
        shortcuts = spec.shortcut if isinstance(spec.shortcut, tuple) else (spec.shortcut,)
        keys = []
        for sc in shortcuts:
            if isinstance(sc, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(sc))
            elif sc:
                keys.append(QKeySequence(sc))
        if keys:
            action.setShortcuts(keys)
        tip = spec.tooltip or spec.title.replace("&", "")
        if keys:
            tip += f" ({keys[0].toString(QKeySequence.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.setCheckable(spec.checkable)
        if spec.checkable:
            action.toggled.connect(spec.triggered)
        else:
            action.triggered.connect(lambda _checked=False: spec.triggered())
        self.menu(spec.menu).addAction(action)
        # Added to the window too, so shortcuts work in full-screen mode with the menu bar hidden.
        self.window.addAction(action)
        self._actions[spec.id] = action
        return action

    def separator(self, menu: str) -> None:
        self.menu(menu).addSeparator()

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def all(self) -> dict[str, QAction]:
        return dict(self._actions)
