"""QActions, menus and key lookups made from the one action table (:mod:`pathwayviz.ui.action_table`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from .action_table import NODE, PRESENTATION, WINDOW, Action, node_title
from .menu_bar import top_menus


def key_sequences(keys) -> list[QKeySequence]:
    out: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            out.extend(QKeySequence.keyBindings(key))
        elif key:
            out.append(QKeySequence(key))
    return out


def keys_text(keys) -> str:
    return ", ".join(k.toString(QKeySequence.NativeText) for k in key_sequences(keys))


class ActionRegistry:
    """The window's QActions and menus, built from the table once; looks actions up by id."""

    def __init__(self, window: QMainWindow, table: list[Action], menus: dict[str, QMenu] | None = None):
        """``menus``: the menu bar's top-level menus if already made (:func:`top_menus`)."""
        self.window = window
        self.table = table
        self._actions: dict[str, QAction] = {}
        self._groups: dict[str, QActionGroup] = {}
        self._menus: dict[str, QMenu] = dict(menus) if menus is not None else top_menus(window)
        for spec in table:
            if spec.context == WINDOW:
                self._add(spec)
        # Presentation keys: one key -> action map, for the presentation's key filter.
        self.presentation_keys: dict[int, Action] = {}
        for spec in table:
            if spec.context == PRESENTATION:
                for seq in key_sequences(spec.keys):
                    self.presentation_keys[seq[0].key()] = spec

    def menu(self, path: str) -> QMenu:
        """The menu at ``path`` ("&Simulation/&Drugs"), made on first use."""
        if path not in self._menus:
            parent, _, title = path.rpartition("/")
            menu = self.menu(parent).addMenu(title) if parent else self.window.menuBar().addMenu(title)
            menu.setToolTipsVisible(True)
            self._menus[path] = menu
        return self._menus[path]

    def _add(self, spec: Action) -> None:
        if spec.is_separator:
            self.menu(spec.menu).addSeparator()
            return
        if spec.provided is not None:
            action = spec.provided(self.window)
            if spec.keys:
                action.setShortcuts(key_sequences(spec.keys))
        else:
            action = QAction(spec.title, self.window)
            keys = key_sequences(spec.keys)
            if keys:
                action.setShortcuts(keys)
            tip = spec.tip or spec.title.replace("&", "")
            if keys:
                tip += f" ({keys[0].toString(QKeySequence.NativeText)})"
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setCheckable(spec.checkable)
            if spec.group:
                if spec.group not in self._groups:
                    self._groups[spec.group] = QActionGroup(self.window)
                    self._groups[spec.group].setExclusive(True)
                self._groups[spec.group].addAction(action)
            if spec.checkable:
                action.toggled.connect(lambda on, s=spec: self._toggled(s, on))
            else:
                action.triggered.connect(lambda _checked=False, s=spec: s.run(self.window))
        action.setObjectName(spec.id)
        if spec.menu:
            self.menu(spec.menu).addAction(action)
        # Added to the window too, so shortcuts work in full-screen mode with the menu bar hidden.
        self.window.addAction(action)
        self._actions[spec.id] = action

    def _toggled(self, spec: Action, on: bool) -> None:
        if spec.checked is None or spec.checked(self.window) != on:
            spec.run(self.window, on)

    def show_checked(self) -> None:
        """Make every checkable action show what it reflects (after a state change)."""
        for spec in self.table:
            if spec.context == WINDOW and spec.checkable and spec.checked is not None:
                action = self._actions[spec.id]
                on = bool(spec.checked(self.window))
                if action.isChecked() != on:
                    action.blockSignals(True)
                    action.setChecked(on)
                    action.blockSignals(False)

    def node_menu(self, species_id: str) -> QMenu:
        """A molecule's menu: the table's node entries that apply to it."""
        menu = QMenu(self.window)
        w = self.window
        pending_separator = False
        for spec in self.table:
            if spec.context != NODE:
                continue
            if spec.is_separator:
                pending_separator = bool(menu.actions())
                continue
            if spec.visible is not None and not spec.visible(w, species_id):
                continue
            if pending_separator:
                menu.addSeparator()
                pending_separator = False
            action = menu.addAction(node_title(spec, w, species_id))
            action.setObjectName(spec.id)
            if spec.tip:
                action.setToolTip(spec.tip)
            if spec.enabled is not None:
                action.setEnabled(bool(spec.enabled(w, species_id)))
            if spec.checkable:
                action.setCheckable(True)
                action.setChecked(bool(spec.checked(w, species_id)))
                action.toggled.connect(lambda on, s=spec: s.run(w, species_id, on))
            else:
                action.triggered.connect(lambda _=False, s=spec: s.run(w, species_id))
        return menu

    def presentation_action(self, key: int, modifiers) -> Action | None:
        """The presentation entry for a key press without Ctrl/Alt/Meta, if any."""
        if modifiers & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            return None
        return self.presentation_keys.get(key)

    def shortcut_rows(self) -> list[tuple[str, str, str]]:
        """(where, action, keys) for every entry with keys, in table order (the F1 list)."""
        rows = []
        for spec in self.table:
            text = spec.title.replace("&", "")
            keys = keys_text(spec.keys)
            if keys and text:
                rows.append(("Presentation" if spec.context == PRESENTATION else "Window", text, keys))
        return rows

    def __getitem__(self, action_id: str) -> QAction:
        return self._actions[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self._actions

    def all(self) -> dict[str, QAction]:
        return dict(self._actions)
