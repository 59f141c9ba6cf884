"""What-if tools: the fixed-level dialog and the Perturbations panel (everything changed, one-click remove).

Every change is one state edit (one undo step). The panel shows the selected molecule's what-ifs
and every active perturbation; it follows the state, whoever changed it.
"""

from __future__ import annotations

from PySide6 import QtWidgets  # QInputDialog is read when the dialog opens: the first paint does without it
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QToolButton, QVBoxLayout, QWidget)

from ..model.pathway import Pathway
from ..sim.perturbations import PerturbationChange, describe_changes


class WhatIfTools(QObject):
    """The what-ifs of one window: the fixed-level dialog and the Perturbations panel."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.pathway: Pathway = window.pathway
        self.fixed_dialog: QtWidgets.QInputDialog | None = None
        self.panel = PerturbationsPanel(self)
        self.dock = None  # the window docks the panel
        self.state.observe(self._state_changed)
        self._state_changed(frozenset({"perturbations"}))

    def label(self, species_id: str) -> str:
        return self.pathway.species[species_id].label

    def drugs_for(self, species_id: str):
        return [d for d in self.pathway.drugs if d.target == species_id]

    def remove(self, change: PerturbationChange) -> None:
        self.state.set_perturbations(change.removed_from(self.state.perturbations), change.undo_text)

    def remove_all(self) -> None:
        self.state.reset_perturbations("Remove all perturbations")

    def ask_fixed_level(self, species_id: str) -> QtWidgets.QInputDialog:
        """Open a non-blocking dialog asking for the level (0–1) to hold ``species_id`` at."""
        p = self.state.perturbations
        current = p.clamp_of(species_id)
        if current is None:
            current = self.window.live.value(species_id)
        dialog = QtWidgets.QInputDialog(self.window)
        dialog.setObjectName("fixed_level_dialog")
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.setInputMode(QtWidgets.QInputDialog.DoubleInput)
        dialog.setWindowTitle("Set fixed level")
        dialog.setLabelText(f"Hold {self.label(species_id)} at a fixed activity\n(0 = off, 1 = maximum):")
        dialog.setDoubleRange(0.0, 1.0)
        dialog.setDoubleDecimals(2)
        dialog.setDoubleStep(0.05)
        dialog.setDoubleValue(round(current, 2))
        dialog.doubleValueSelected.connect(lambda v: self.state.fix_level(species_id, v))
        self.fixed_dialog = dialog
        dialog.destroyed.connect(self._dialog_gone)
        dialog.open()
        return dialog

    def _dialog_gone(self, *_args) -> None:
        self.fixed_dialog = None

    # -- showing the state -------------------------------------------------------------------------
    def _state_changed(self, changed: frozenset) -> None:
        if "perturbations" in changed:
            self.panel.show_changes(describe_changes(self.pathway, self.state.perturbations))
        if changed & {"perturbations", "selection"}:
            self.panel.show_species(self.state.selection)


class PerturbationsPanel(QWidget):
    """What-ifs for the selected molecule, then every active change with a ✕ to remove it."""

    def __init__(self, tools: WhatIfTools):
        super().__init__()
        self.tools = tools
        self.species_id: str | None = None
        self.changes: list[PerturbationChange] = []

        self.selected_box = QGroupBox("What if… (select a molecule)")
        sel = QVBoxLayout(self.selected_box)
        grid = QGridLayout()  # two columns keep the dock narrow enough for small screens
        self.knockout_button = QPushButton("Knock out")
        self.overexpress_button = QPushButton("Overexpress")
        self.fix_button = QPushButton("Fix level…")
        self.restore_button = QPushButton("Restore")
        for button, how in ((self.knockout_button, "knockout"), (self.overexpress_button, "overexpress"),
                            (self.restore_button, "restore")):
            button.clicked.connect(lambda _=False, h=how: self._clamp(h))
        self.fix_button.clicked.connect(lambda: self.species_id and tools.ask_fixed_level(self.species_id))
        grid.addWidget(self.knockout_button, 0, 0)
        grid.addWidget(self.overexpress_button, 0, 1)
        grid.addWidget(self.fix_button, 1, 0)
        grid.addWidget(self.restore_button, 1, 1)
        sel.addLayout(grid)
        self.drug_row = QVBoxLayout()
        sel.addLayout(self.drug_row)
        self.drug_buttons: list[QPushButton] = []

        self.list = QListWidget()
        self.list.setObjectName("perturbations_list")
        self.list.setAlternatingRowColors(True)
        self.empty_label = QLabel("Nothing changed: the pathway runs with its default settings.")
        self.empty_label.setWordWrap(True)
        self.clear_button = QPushButton("Remove all")
        self.clear_button.setToolTip("Back to the default settings (one undo step)")
        self.clear_button.clicked.connect(tools.remove_all)
        header = QHBoxLayout()
        header.addWidget(QLabel("<b>Active changes</b>"))
        header.addStretch(1)
        header.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.selected_box)
        layout.addLayout(header)
        self.empty_label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
        layout.addWidget(self.empty_label, 1)  # the label or the list takes the space, so nothing jumps
        layout.addWidget(self.list, 1)
        self.show_species(None)

    def _clamp(self, how: str) -> None:
        if self.species_id:
            self.tools.state.clamp(self.species_id, how)

    def show_species(self, species_id: str | None) -> None:
        self.species_id = species_id
        enabled = species_id is not None
        for button in (self.knockout_button, self.overexpress_button, self.fix_button):
            button.setEnabled(enabled)
        for button in self.drug_buttons:
            self.drug_row.removeWidget(button)
            button.deleteLater()
        self.drug_buttons = []
        if not enabled:
            self.selected_box.setTitle("What if… (select a molecule)")
            self.restore_button.setEnabled(False)
            return
        p = self.tools.state.perturbations
        self.selected_box.setTitle(f"What if… {self.tools.label(species_id)}")
        self.restore_button.setEnabled(p.clamp_of(species_id) is not None)
        for drug in self.tools.drugs_for(species_id):
            button = QPushButton(drug.label)
            button.setCheckable(True)
            button.setChecked(p.drugs.get(drug.id, 0) > 0)
            button.setToolTip(drug.note or f"Apply {drug.label}")
            button.clicked.connect(lambda on, d=drug.id: self.tools.state.set_drug(d, on))
            self.drug_row.addWidget(button)
            self.drug_buttons.append(button)

    def show_changes(self, changes: list[PerturbationChange]) -> None:
        self.changes = changes
        self._remove_buttons: dict[str, QToolButton] = {}
        self.list.clear()
        for change in changes:
            item = QListWidgetItem()
            item.setData(Qt.UserRole, change.key)
            row = QWidget()
            layout = QHBoxLayout(row)
            layout.setContentsMargins(4, 1, 1, 1)
            text = QLabel(change.text)
            text.setToolTip(change.text)
            remove = QToolButton()
            remove.setObjectName(f"remove_{change.key}")
            remove.setText("✕")
            remove.setAutoRaise(True)
            remove.setToolTip(f"Remove: {change.undo_text}")
            remove.setAccessibleName(f"Remove {change.text}")
            remove.clicked.connect(lambda _=False, c=change: self.tools.remove(c))
            layout.addWidget(text, 1)
            layout.addWidget(remove)
            self._remove_buttons[change.key] = remove
            item.setSizeHint(row.sizeHint())
            self.list.addItem(item)
            self.list.setItemWidget(item, row)
        self.empty_label.setVisible(not changes)
        self.list.setVisible(bool(changes))
        self.clear_button.setEnabled(bool(changes))

    def remove_button(self, key: str) -> QToolButton | None:
        """The ✕ button of the change with ``key`` (e.g. ``"knockout:foxo1"``), for tests and scripts."""
        return self._remove_buttons.get(key)
