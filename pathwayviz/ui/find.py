"""Ctrl+F: find a molecule by name, synonym or id, centre the diagram on it and select it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QRectF, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QFrame, QHBoxLayout, QLabel, QLineEdit, QToolButton

from ..model.pathway import Pathway

NAME_ROLE = Qt.UserRole + 1     # the text a completion inserts (a label, synonym or id)
SPECIES_ROLE = Qt.UserRole + 2  # the species id it stands for
FOUND_SCALE = 1.1               # zoom at least this far in when jumping to a molecule from afar
MARGIN = 10


def completion_model(pathway: Pathway, parent: QObject | None = None) -> QStandardItemModel:
    """One row per way of naming a species (label, synonyms, id), shown as "PKB — Akt"."""
    model = QStandardItemModel(parent)
    for sp in pathway.species.values():
        seen: set[str] = set()
        for name in (sp.label, *sp.synonyms, sp.id):
            key = name.casefold()
            if key in seen:
                continue
            seen.add(key)
            item = QStandardItem(name if key == sp.label.casefold() else f"{name} — {sp.label}")
            item.setData(name, NAME_ROLE)
            item.setData(sp.id, SPECIES_ROLE)
            item.setEditable(False)
            model.appendRow(item)
    return model


class FindBar(QFrame):
    """A find box floating at the top right of the diagram; Enter jumps to the next match, Esc closes."""

    def __init__(self, window):
        super().__init__(window.view)
        self.window = window
        self.setObjectName("find_bar")
        self.setFrameShape(QFrame.StyledPanel)
        self.setAutoFillBackground(True)
        self.edit = QLineEdit()
        self.edit.setObjectName("find_edit")
        self.edit.setPlaceholderText("Find a molecule: name, synonym or gene (e.g. PKB, IRS1)")
        self.edit.setAccessibleName("Find a molecule")
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(300)
        self.feedback = QLabel()
        self.feedback.setObjectName("find_feedback")
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close the find box (Esc)")
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 4, 4, 4)
        row.addWidget(self.edit, 1)
        row.addWidget(self.feedback)
        row.addWidget(close)

        # Parented, because QCompleter does not keep the Python model alive.
        self.completer = QCompleter(completion_model(window.pathway, self), self)
        self.completer.setCompletionRole(NAME_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchContains)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[QModelIndex].connect(self._completion_chosen)
        self.edit.setCompleter(self.completer)

        self._matches: list[str] = []
        self._current = -1
        self.edit.returnPressed.connect(self.find_next)
        self.edit.textEdited.connect(self._text_edited)
        self.edit.installEventFilter(self)
        window.view.installEventFilter(self)
        self.hide()

    # -- opening and closing ---------------------------------------------------------------------
    def open_bar(self) -> None:
        self._place()
        self.show()
        self.raise_()
        self.edit.setFocus(Qt.ShortcutFocusReason)
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.completer.popup().hide()
        self.hide()
        self.window.view.setFocus(Qt.OtherFocusReason)

    def _place(self) -> None:
        self.adjustSize()
        area = self.window.view.viewport().geometry()  # left of a vertical scroll bar, if any
        self.move(max(area.left(), area.right() - self.width() - MARGIN), area.top() + MARGIN)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if obj is self.edit and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Escape:
            self.close_bar()
            return True
        if obj is self.window.view and event.type() == QEvent.Resize and self.isVisible():
            self._place()
        return False

    # -- finding ---------------------------------------------------------------------------------
    def _text_edited(self, _text: str) -> None:
        self._matches = []
        self._current = -1
        self._set_feedback("", ok=True)

    def _completion_chosen(self, index: QModelIndex) -> None:
        species_id = index.data(SPECIES_ROLE)
        if species_id:
            self._matches = [species_id]
            self._current = 0
            self.go_to(species_id)

    def find(self, text: str) -> list[str]:
        """Species matching ``text``, best first, that can be shown on the diagram."""
        found = []
        for sid in self.window.pathway.find(text):
            if self.drawn_node(sid) is not None and sid not in found:
                found.append(sid)
        return found

    def find_next(self) -> str | None:
        """Jump to the first match of the typed text, or the next one on each further Enter."""
        text = self.edit.text().strip()
        if not text:
            return None
        if not self._matches:
            self._matches = self.find(text)
            self._current = -1
        if not self._matches:
            self._set_feedback(f"No molecule called “{text}”", ok=False)
            return None
        self._current = (self._current + 1) % len(self._matches)
        return self.go_to(self._matches[self._current])

    def drawn_node(self, species_id: str) -> str | None:
        """The node that shows ``species_id``: itself, or the node carrying it as a state badge."""
        scene = self.window.scene
        if species_id in scene.molecules:
            return species_id
        for sid, item in scene.molecules.items():
            if any(b.species == species_id for b in item.species.badges):
                return sid
        return None

    def go_to(self, species_id: str, animate: bool = True) -> str | None:
        """Centre the view on the molecule and select it; returns the node id shown."""
        node = self.drawn_node(species_id)
        if node is None:
            return None
        w = self.window
        view = w.view
        scale = max(view.current_scale(), FOUND_SCALE)
        centre = w.scene.molecules[node].sceneBoundingRect().center()
        size = view.viewport().size()
        rect = QRectF(0, 0, size.width() / scale, size.height() / scale)
        rect.moveCenter(centre)
        view.zoom_to(rect, animate=animate)
        w.select_species(node)
        label = w.pathway.species[node].label
        count = f" ({self._current + 1} of {len(self._matches)}; Enter for next)" if len(self._matches) > 1 else ""
        self._set_feedback(f"→ {label}{count}", ok=True)
        return node

    def _set_feedback(self, text: str, ok: bool) -> None:
        self.feedback.setText(text)
        # Text says what happened; the red frame is only an extra cue.
        self.edit.setStyleSheet("" if ok else "QLineEdit { border: 2px solid #b2182b; }")
        self.feedback.setStyleSheet("" if ok else "color: #b2182b; font-weight: bold;")
        if self.isVisible():
            self._place()  # the feedback changes the bar's width
