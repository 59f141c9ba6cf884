"""What-if tools: fixed levels, drugs, undoable pins, and the list of everything changed.

Every change goes through ``window.edit_perturbations`` (or, for pins, a :class:`CallbackCommand`),
so each one is a single undo step. The "Perturbations" dock shows the selected molecule's what-ifs
and every active perturbation with a one-click remove.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QListWidget, QListWidgetItem, QMenu,
                               QPushButton, QToolButton, QVBoxLayout, QWidget)

from ..model.pathway import Pathway
from ..sim.perturbations import PerturbationChange, Perturbations, describe_changes
from .commands import CallbackCommand

DRUG_DOSE = 1.0


class PinHistory(QObject):
    """Makes pinning and unpinning plots undoable, however the pin was made.

    It watches ``window.plots.pins_changed`` and records each change as one undo step that has
    already happened; while an undo/redo or a session sets pins itself, the signal is not recorded
    again. The plots panel is built lazily (after the first paint), so this looks for it on every
    frame, perturbation change and context menu, and keeps pins set before it exists until it does.
    """

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.plots = None
        self._last: list[str] = []
        self._pending: list[str] | None = None  # pins to set once the plots panel exists
        self._applying = False
        self.attach()
        window.frame_drawn.connect(self.attach)
        window.perturbations_changed.connect(self.attach)

    def attach(self, *_args) -> bool:
        """Connect to ``window.plots`` if it exists (cheap to call every frame); True when attached."""
        plots = getattr(self.window, "plots", None)
        if plots is not None and plots is not self.plots:
            self.plots = plots
            self._last = plots.pinned()
            plots.pins_changed.connect(self._pins_changed)
            if self._pending is not None:
                pending, self._pending = self._pending, None
                self.set_pins(pending)
        return self.plots is not None

    def pinned(self) -> list[str]:
        if self.attach():
            return self.plots.pinned()
        return list(self._pending or [])

    def _pins_changed(self) -> None:
        now = self.plots.pinned()
        before, self._last = self._last, now
        if self._applying or now == before:
            return
        added = [s for s in now if s not in before]
        removed = [s for s in before if s not in now]
        names = self.window.pathway.species
        if len(added) == 1 and not removed:
            text = f"Pin {names[added[0]].label}"
        elif len(removed) == 1 and not added:
            text = f"Unpin {names[removed[0]].label}"
        else:
            text = "Change pinned plots"
        self.window.undo_stack.push(CallbackCommand(text, lambda: self.set_pins(now), lambda: self.set_pins(before),
                                                    done=True))

    def set_pins(self, pins: list[str]) -> None:
        """Make exactly ``pins`` pinned, without recording an undo step (later, if there are no plots yet)."""
        if not self.attach():
            self._pending = list(pins)
            return
        self._applying = True
        try:
            current = self.plots.pinned()
            for sid in current:
                if sid not in pins:
                    self.plots.unpin(sid)
            for sid in pins:
                if sid not in current:
                    self.plots.pin(sid)
        finally:
            self._applying = False
            self._last = self.plots.pinned()


class WhatIfTools(QObject):
    """The what-if actions for one window: context menu entries, the Drugs menu and the dock."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pathway: Pathway = window.pathway
        self.pins = PinHistory(window)
        self.drug_actions: dict[str, QAction] = {}
        self.fixed_dialog: QInputDialog | None = None
        window.species_menu_hooks.append(self.add_menu_entries)
        self._build_drug_menu()
        self.panel = PerturbationsPanel(self)
        self.dock = window.add_dock("Perturbations", "perturbations_dock", self.panel, Qt.RightDockWidgetArea,
                                    scrollable=True)
        window.resizeDocks([window.card_dock, self.dock], [3, 2], Qt.Vertical)  # the card stays the larger
        window.perturbations_changed.connect(self.refresh)
        window.species_selected.connect(self.panel.show_species)
        self.refresh()

    # -- editing -----------------------------------------------------------------------------------
    def label(self, species_id: str) -> str:
        return self.pathway.species[species_id].label

    def drugs_for(self, species_id: str):
        return [d for d in self.pathway.drugs if d.target == species_id]

    def set_fixed_level(self, species_id: str, level: float) -> None:
        p = self.window.live.perturbations
        p.restore(species_id)
        p.fixed[species_id] = round(min(1.0, max(0.0, float(level))), 3)
        self.window.edit_perturbations(p, f"Fix {self.label(species_id)} at {p.fixed[species_id]:.2f}")

    def set_drug(self, drug_id: str, on: bool) -> None:
        p = self.window.live.perturbations
        drug = self.pathway.drug(drug_id)
        if on:
            p.drugs[drug_id] = DRUG_DOSE
        else:
            p.drugs.pop(drug_id, None)
        self.window.edit_perturbations(p, f"{'Apply' if on else 'Stop'} {drug.label}")

    def remove(self, change: PerturbationChange) -> None:
        self.window.edit_perturbations(change.removed_from(self.window.live.perturbations), change.undo_text)

    def remove_all(self) -> None:
        self.window.edit_perturbations(Perturbations.defaults(self.pathway), "Remove all perturbations")

    def ask_fixed_level(self, species_id: str) -> QInputDialog:
        """Open a non-blocking dialog asking for the level (0–1) to hold ``species_id`` at."""
        p = self.window.live.perturbations
        current = p.clamp_of(species_id)
        if current is None:
            current = self.window.live.value(species_id)
        dialog = QInputDialog(self.window)
        dialog.setObjectName("fixed_level_dialog")
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.setInputMode(QInputDialog.DoubleInput)
        dialog.setWindowTitle("Set fixed level")
        dialog.setLabelText(f"Hold {self.label(species_id)} at a fixed activity\n(0 = off, 1 = maximum):")
        dialog.setDoubleRange(0.0, 1.0)
        dialog.setDoubleDecimals(2)
        dialog.setDoubleStep(0.05)
        dialog.setDoubleValue(round(current, 2))
        dialog.doubleValueSelected.connect(lambda v: self.set_fixed_level(species_id, v))
        self.fixed_dialog = dialog
        dialog.destroyed.connect(self._dialog_gone)
        dialog.open()
        return dialog

    def _dialog_gone(self, *_args) -> None:
        self.fixed_dialog = None

    # -- menus -------------------------------------------------------------------------------------
    def add_menu_entries(self, menu: QMenu, species_id: str) -> None:
        """"Set fixed level…" and the drugs acting on this species, right after Knock out / Overexpress /
        Restore (entries other features added earlier, such as pinning, stay below)."""
        label = self.label(species_id)
        actions = menu.actions()
        restore = next((i for i, a in enumerate(actions) if a.text().startswith("Restore")), len(actions) - 1)
        anchor = actions[restore + 1] if restore + 1 < len(actions) else None

        def put(action: QAction) -> QAction:
            menu.insertAction(anchor, action) if anchor is not None else menu.addAction(action)
            return action

        fix = put(QAction(f"Set fixed level of {label}…", menu))
        fix.setObjectName("fix_level")
        fix.triggered.connect(lambda: self.ask_fixed_level(species_id))
        drugs = self.drugs_for(species_id)
        if drugs:
            put(QAction(menu)).setSeparator(True)
            active = self.window.live.perturbations.drugs
            for drug in drugs:
                act = put(QAction(drug.label, menu))
                act.setObjectName(f"menu_drug_{drug.id}")
                act.setCheckable(True)
                act.setChecked(active.get(drug.id, 0) > 0)
                if drug.note:
                    act.setToolTip(drug.note)
                act.toggled.connect(lambda on, d=drug.id: self.set_drug(d, on))
        self.pins.attach()  # the plots' own pin entry (earlier in this menu) may have just built them

    def _build_drug_menu(self) -> None:
        simulation = self.window.actions_registry.menu("&Simulation")
        simulation.addSeparator()
        menu = simulation.addMenu("&Drugs")
        menu.setObjectName("drugs_menu")
        menu.setToolTipsVisible(True)
        for drug in self.pathway.drugs:
            act = QAction(f"{drug.label} (on {self.label(drug.target)})", self.window)
            act.setObjectName(f"drug_{drug.id}")
            act.setCheckable(True)
            tip = f"Apply {drug.label}: blocks {self.label(drug.target)}"
            act.setToolTip(tip + (f" — {drug.note}" if drug.note else ""))
            act.setStatusTip(act.toolTip())
            act.toggled.connect(lambda on, d=drug.id: self._drug_action_toggled(d, on))
            menu.addAction(act)
            self.drug_actions[drug.id] = act
        self.drugs_menu = menu

    def _drug_action_toggled(self, drug_id: str, on: bool) -> None:
        if on != (self.window.live.perturbations.drugs.get(drug_id, 0) > 0):
            self.set_drug(drug_id, on)

    # -- reflecting the state ----------------------------------------------------------------------
    def refresh(self, *_args) -> None:
        p = self.window.live.perturbations
        for drug_id, act in self.drug_actions.items():
            on = p.drugs.get(drug_id, 0) > 0
            if act.isChecked() != on:
                act.blockSignals(True)
                act.setChecked(on)
                act.blockSignals(False)
        self.panel.show_changes(describe_changes(self.pathway, p))
        self.panel.show_species(self.panel.species_id)


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
            self.tools.window.clamp_species(self.species_id, how)

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
        p = self.tools.window.live.perturbations
        self.selected_box.setTitle(f"What if… {self.tools.label(species_id)}")
        self.restore_button.setEnabled(p.clamp_of(species_id) is not None)
        for drug in self.tools.drugs_for(species_id):
            button = QPushButton(drug.label)
            button.setCheckable(True)
            button.setChecked(p.drugs.get(drug.id, 0) > 0)
            button.setToolTip(drug.note or f"Apply {drug.label}")
            button.toggled.connect(lambda on, d=drug.id: self.tools.set_drug(d, on))
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


def install(window) -> None:
    """Fixed levels and drugs in the node menu, Simulation → Drugs, and the Perturbations dock."""
    window.whatif = WhatIfTools(window)
