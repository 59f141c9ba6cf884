"""The diagram for screen readers: the view is a list, each molecule an item of it.

A molecule's accessible name is its label; its description says what it is and its state
(activity against healthy, phospho-state badges, clamp tag); its state says whether it is
selected (the keyboard's current node). Moving the selection fires a focus event on the molecule
so screen readers speak it, and ``announce`` speaks any other sentence (the state in words).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent, QAccessibleInterface, \
    QAccessibleObject

from .style import BADGE_ON_LEVEL

TAG_WORDS = {"KO": "knocked out", "OE": "overexpressed", "FIX": "held at a fixed level", "DRUG": "drug applied",
             "ON": "switched on"}
_interfaces: dict[int, "DiagramAccessible"] = {}  # keeps the Python side of each interface alive
_view_classes: list[type] = []  # handed in by the view, so this module never imports it (no cycle)


def install_accessibility(view_class: type) -> None:
    """Register the factory once; Qt asks it for an interface whenever a ``view_class`` needs one."""
    if not _view_classes:
        QAccessible.installFactory(_factory)
    if view_class not in _view_classes:
        _view_classes.append(view_class)


def _factory(class_name: str, obj) -> QAccessibleInterface | None:
    if isinstance(obj, tuple(_view_classes)):
        key = id(obj)
        if key not in _interfaces:
            _interfaces[key] = DiagramAccessible(obj)
            obj.destroyed.connect(lambda *_: _interfaces.pop(key, None))
        return _interfaces[key]
    return None


def molecule_description(item) -> str:
    """What a screen reader says after the name: kind, place, activity, phospho-state, tag."""
    sp = item.species
    parts = [f"{sp.kind} in {sp.compartment.replace('_', ' ')}", f"activity {item.activity:.2f}"]
    for badge in sp.badges:
        level = item.badge_values.get(badge.species, 0.0)
        present = "present" if level >= BADGE_ON_LEVEL else "absent"
        parts.append(f"{badge.label} {present} ({level:.2f})")
    if item.clamp_tag:
        parts.append(TAG_WORDS.get(item.clamp_tag, item.clamp_tag))
    if item.highlighted:
        parts.append("in focus in this lesson step")
    return ", ".join(parts)


class DiagramAccessible(QAccessibleObject):
    """The view: a list named "Pathway diagram" with one item per molecule (main drawings)."""

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self._children: dict[str, MoleculeAccessible] = {}

    def species_ids(self) -> list[str]:
        return list(self.view.pathway_scene().molecules)

    def molecule(self, species_id: str) -> "MoleculeAccessible":
        if species_id not in self._children:
            self._children[species_id] = MoleculeAccessible(self, species_id)
        return self._children[species_id]

    def isValid(self) -> bool:
        return self.view is not None

    def window(self):
        return self.view.window().windowHandle()

    def parent(self):
        parent = self.view.parentWidget()
        return QAccessible.queryAccessibleInterface(parent) if parent is not None else None

    def childCount(self) -> int:
        return len(self.species_ids())

    def child(self, index: int):
        ids = self.species_ids()
        return self.molecule(ids[index]) if 0 <= index < len(ids) else None

    def indexOfChild(self, child) -> int:
        if isinstance(child, MoleculeAccessible) and child.species_id in self.species_ids():
            return self.species_ids().index(child.species_id)
        return -1

    def childAt(self, x: int, y: int):
        for sid in self.species_ids():
            if self.molecule(sid).rect().contains(x, y):
                return self.molecule(sid)
        return None

    def focusChild(self):
        sid = self.view.pathway_scene().selected_species()
        return self.molecule(sid) if sid is not None and self.view.hasFocus() else None

    def role(self):
        return QAccessible.List

    def text(self, kind):
        if kind == QAccessible.Name:
            return "Pathway diagram"
        if kind == QAccessible.Description:
            scene = self.view.pathway_scene()
            return (f"{scene.pathway.title}: {len(scene.molecules)} molecules. Arrow keys move along the arrows, "
                    "the Menu key opens the selected molecule's menu.")
        return ""

    def setText(self, kind, text) -> None:
        pass

    def rect(self) -> QRect:
        v = self.view
        return QRect(v.mapToGlobal(QPoint(0, 0)), v.size())

    def state(self):
        st = QAccessible.State()
        st.focusable = True
        st.focused = self.view.hasFocus()
        st.selectable = False
        return st


class MoleculeAccessible(QAccessibleInterface):
    """One molecule as a list item: name, description (its state) and selection."""

    def __init__(self, diagram: DiagramAccessible, species_id: str):
        super().__init__()
        self.diagram = diagram
        self.species_id = species_id

    def item(self):
        return self.diagram.view.pathway_scene().molecules.get(self.species_id)

    def isValid(self) -> bool:
        return self.diagram.isValid() and self.item() is not None

    def object(self):
        return None

    def window(self):
        return self.diagram.window()

    def parent(self):
        return self.diagram

    def child(self, index: int):
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child) -> int:
        return -1

    def childAt(self, x: int, y: int):
        return None

    def focusChild(self):
        return None

    def role(self):
        return QAccessible.ListItem

    def text(self, kind):
        item = self.item()
        if item is None:
            return ""
        if kind == QAccessible.Name:
            return item.species.label.replace("\n", " ")
        if kind == QAccessible.Description:
            return molecule_description(item)
        if kind == QAccessible.Value:
            return f"{item.activity:.2f}"
        return ""

    def setText(self, kind, text) -> None:
        pass

    def rect(self) -> QRect:
        item = self.item()
        view = self.diagram.view
        if item is None:
            return QRect()
        local = view.mapFromScene(item.node_rect()).boundingRect()
        return QRect(view.viewport().mapToGlobal(local.topLeft()), local.size())

    def state(self):
        item = self.item()
        st = QAccessible.State()
        st.selectable = True
        st.focusable = True
        st.selected = bool(item is not None and item.isSelected())
        st.focused = bool(st.selected and self.diagram.view.hasFocus())
        return st


def announce_focus(view, species_id: str) -> None:
    """Tell assistive technology that the current molecule changed (it then reads it out)."""
    if not QAccessible.isActive():
        return
    iface = QAccessible.queryAccessibleInterface(view)
    if isinstance(iface, DiagramAccessible):
        child = iface.molecule(species_id)
        for kind in (QAccessible.Focus, QAccessible.Selection):
            event = QAccessibleEvent(child, kind)
            QAccessible.updateAccessibility(event)


def announce(widget, message: str) -> None:
    """Have screen readers speak ``message`` (a state change the user did not move focus to)."""
    if QAccessible.isActive() and message:
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, message))
