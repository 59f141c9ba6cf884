"""The left panel: insulin with presets, stimuli, serine-kinase toggles, and the transport."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton,
                               QSlider, QVBoxLayout, QWidget)

from ..model.pathway import InputControl, Pathway, ToggleControl
from ..sim.perturbations import Perturbations

SPEEDS = [(0.25, "0.25 min/s"), (0.5, "0.5 min/s"), (1.0, "1 min/s"), (2.0, "2 min/s"), (5.0, "5 min/s"),
          (10.0, "10 min/s")]


class LevelSlider(QWidget):
    """A 0–1 slider with its value shown as a number beside it."""

    level_changed = Signal(float)

    def __init__(self, label: str, value: float, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setValue(round(value * 100))
        self.slider.setAccessibleName(label)
        self.readout = QLabel()
        self.readout.setMinimumWidth(38)
        self.readout.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.readout)
        self._show(value)
        self.slider.valueChanged.connect(self._moved)

    def _show(self, value: float) -> None:
        self.readout.setText(f"{value:.2f}")

    def _moved(self, raw: int) -> None:
        self._show(raw / 100)
        self.level_changed.emit(raw / 100)

    def value(self) -> float:
        return self.slider.value() / 100

    def set_value(self, value: float) -> None:
        self.slider.blockSignals(True)
        self.slider.setValue(round(value * 100))
        self.slider.blockSignals(False)
        self._show(value)


class SerineKinaseToggle(QWidget):
    """Switch + intensity for one IRS-1 serine kinase (JNK, IKKβ, PKC)."""

    toggled = Signal(str, bool, float)

    def __init__(self, control: ToggleControl, parent=None):
        super().__init__(parent)
        self.control = control
        key = f" ({control.key})" if control.key else ""
        self.switch = QCheckBox(f"{control.label}{key}")
        self.switch.setToolTip(f"Switch {control.label} on: it phosphorylates IRS-1 on serine{key}")
        self.intensity = LevelSlider(f"{control.label} intensity", control.default_intensity)
        self.intensity.setToolTip(f"How strongly {control.label} is driven when switched on")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.switch)
        row.addWidget(self.intensity, 1)
        self.switch.toggled.connect(lambda on: self.toggled.emit(control.species, on, self.intensity.value()))
        self.intensity.level_changed.connect(
            lambda v: self.switch.isChecked() and self.toggled.emit(control.species, True, v))

    def sync(self, intensity: float | None) -> None:
        self.switch.blockSignals(True)
        self.switch.setChecked(intensity is not None and intensity > 0)
        self.switch.blockSignals(False)
        if intensity:
            self.intensity.set_value(intensity)


class ControlsPanel(QWidget):
    """Edits perturbations; emits the edited copy and a one-line description for undo."""

    perturbations_edited = Signal(object, str, str)  # Perturbations, description, merge key
    play_toggled = Signal()
    reset_requested = Signal()
    speed_changed = Signal(float)
    focus_changed = Signal(str)

    def __init__(self, pathway: Pathway, parent=None):
        super().__init__(parent)
        self.pathway = pathway
        self._current = Perturbations.defaults(pathway)
        self.sliders: dict[str, LevelSlider] = {}
        self.toggles: dict[str, SerineKinaseToggle] = {}
        layout = QVBoxLayout(self)

        inputs_box = QGroupBox("Inputs")
        grid = QGridLayout(inputs_box)
        row = 0
        for control in pathway.inputs:
            grid.addWidget(QLabel(control.label), row, 0, 1, 2)
            row += 1
            slider = LevelSlider(control.label, control.default)
            slider.setToolTip(self._input_tip(control))
            slider.level_changed.connect(lambda v, c=control: self._input_moved(c, v))
            self.sliders[control.species] = slider
            grid.addWidget(slider, row, 0, 1, 2)
            row += 1
            if control.presets:
                presets = QHBoxLayout()
                for name, value in control.presets:
                    button = QPushButton(name.capitalize())
                    button.setToolTip(f"Set {control.label} to the {name} level ({value:g})")
                    button.setObjectName(f"preset_{control.species}_{name}")
                    button.clicked.connect(lambda _=False, c=control, v=value, n=name: self._preset(c, n, v))
                    presets.addWidget(button)
                grid.addLayout(presets, row, 0, 1, 2)
                row += 1
        layout.addWidget(inputs_box)

        kin_box = QGroupBox("Serine kinases on IRS-1")
        kin_layout = QVBoxLayout(kin_box)
        for control in pathway.toggles:
            toggle = SerineKinaseToggle(control)
            toggle.toggled.connect(self._toggle_changed)
            self.toggles[control.species] = toggle
            kin_layout.addWidget(toggle)
        layout.addWidget(kin_box)

        focus_box = QGroupBox("Focus")
        focus_layout = QHBoxLayout(focus_box)
        self.focus = QComboBox()
        for key, text in (("both", "Both sexes"), ("female", "Female (ovary)"), ("male", "Male (testis)")):
            self.focus.addItem(text, key)
        self.focus.setToolTip("Which steroid-making tissue the plots and gauges follow")
        self.focus.currentIndexChanged.connect(lambda _i: self.focus_changed.emit(self.focus.currentData()))
        focus_layout.addWidget(self.focus)
        layout.addWidget(focus_box)

        transport = QGroupBox("Simulation")
        t_layout = QGridLayout(transport)
        self.play_button = QPushButton("Pause")
        self.play_button.setToolTip("Play or pause the simulation (Space)")
        self.play_button.clicked.connect(self.play_toggled)
        reset = QPushButton("Reset")
        reset.setToolTip("Back to the healthy starting state with default settings (R)")
        reset.clicked.connect(self.reset_requested)
        self.speed = QComboBox()
        for value, text in SPEEDS:
            self.speed.addItem(text, value)
        self.speed.setCurrentIndex(3)
        self.speed.setToolTip("Simulated minutes per real second")
        self.speed.currentIndexChanged.connect(lambda _i: self.speed_changed.emit(self.speed.currentData()))
        self.time_label = QLabel("t = 0.0 min")
        t_layout.addWidget(self.play_button, 0, 0)
        t_layout.addWidget(reset, 0, 1)
        t_layout.addWidget(QLabel("Speed"), 1, 0)
        t_layout.addWidget(self.speed, 1, 1)
        t_layout.addWidget(self.time_label, 2, 0, 1, 2)
        layout.addWidget(transport)
        layout.addStretch(1)

    @staticmethod
    def _input_tip(control: InputControl) -> str:
        presets = ", ".join(f"{n} {v:g}" for n, v in control.presets)
        return f"{control.label}: level 0–1" + (f" (presets: {presets})" if presets else "")

    # -- editing ---------------------------------------------------------------------------------
    def _edited(self, description: str, merge_key: str = "") -> None:
        self.perturbations_edited.emit(self._current.copy(), description, merge_key)

    def _input_moved(self, control: InputControl, value: float) -> None:
        self._current.inputs[control.species] = value
        self._edited(f"Set {control.label} to {value:.2f}", f"input:{control.species}")

    def _preset(self, control: InputControl, name: str, value: float) -> None:
        self._current.inputs[control.species] = value
        self.sliders[control.species].set_value(value)
        self._edited(f"{control.label}: {name}")

    def _toggle_changed(self, species: str, on: bool, intensity: float) -> None:
        label = self.toggles[species].control.label
        if on:
            self._current.toggles[species] = intensity
            self._edited(f"{label} on ({intensity:.2f})", f"toggle:{species}")
        else:
            self._current.toggles.pop(species, None)
            self._edited(f"{label} off")

    def toggle_kinase(self, species: str) -> None:
        """Flip a kinase switch as the keyboard shortcut does."""
        self.toggles[species].switch.toggle()

    # -- reflecting the model ---------------------------------------------------------------------
    def sync(self, p: Perturbations) -> None:
        """Show ``p`` without emitting edits (after undo, a lesson step or a session load)."""
        self._current = p.copy()
        for sid, slider in self.sliders.items():
            slider.set_value(p.inputs.get(sid, 0.0))
        for sid, toggle in self.toggles.items():
            toggle.sync(p.toggles.get(sid))

    def set_running(self, running: bool) -> None:
        self.play_button.setText("Pause" if running else "Play")

    def set_time(self, minutes: float) -> None:
        self.time_label.setText(f"t = {minutes:.1f} simulated min")

    def focus_key(self) -> str:
        return self.focus.currentData()
