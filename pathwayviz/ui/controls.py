"""The left panel: insulin with presets, stimuli, serine-kinase toggles, focus, and the transport.

Moving a control changes the application state; the panel then shows the state it is handed
(:meth:`ControlsPanel.show_perturbations`), whoever changed it (a key, undo, a lesson, a session).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QSlider, QVBoxLayout, QWidget)

from ..model.pathway import InputControl, Pathway, ToggleControl
from ..plots.number_field import NumberField
from ..sim.perturbations import Perturbations
from ..state import AppState

SPEEDS = [(0.25, "0.25 min/s"), (0.5, "0.5 min/s"), (1.0, "1 min/s"), (2.0, "2 min/s"), (5.0, "5 min/s"),
          (10.0, "10 min/s")]


class LevelField(NumberField):
    """The number field of a LevelSlider (a 0–1 level)."""


class LevelSlider(QWidget):
    """A 0–1 slider with its value beside it in a number field.

    Assistive technology reads the number field: QSlider can only report its integer ticks (it
    would announce "10" where the screen shows 0.10), while a QDoubleSpinBox reports the real level
    through AT-SPI's Value interface. So the field carries the accessible name and the keyboard
    (Tab lands on it; arrows step 0.01, Page Up/Down 0.10, or type a number), and the slider is for
    the mouse (click focus only, so a screen reader never meets a second control of the same name).
    """

    level_changed = Signal(float)

    def __init__(self, label: str, value: float, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 100)
        self.slider.setPageStep(10)
        self.slider.setValue(round(value * 100))
        self.slider.setFocusPolicy(Qt.ClickFocus)
        self.slider.setAccessibleName(f"{label} (slider)")
        self.readout = LevelField()
        self.readout.setRange(0.0, 1.0)
        self.readout.setDecimals(2)
        self.readout.setSingleStep(0.01)
        self.readout.setKeyboardTracking(False)  # typing "0.6" applies once, on Return or leaving
        self.readout.setButtonSymbols(QDoubleSpinBox.NoButtons)
        self.readout.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.readout.setMinimumWidth(52)
        self.readout.setAccessibleName(label)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.slider, 1)
        row.addWidget(self.readout)
        self._show(value)
        self.slider.valueChanged.connect(self._moved)
        self.readout.valueChanged.connect(self._typed)

    def _show(self, value: float) -> None:
        self.readout.blockSignals(True)
        self.readout.setValue(value)
        self.readout.blockSignals(False)
        self.slider.setAccessibleDescription(f"level {value:.2f} of 0 to 1")
        self.readout.setAccessibleDescription("level from 0 to 1")

    def _moved(self, raw: int) -> None:
        self._show(raw / 100)
        self.level_changed.emit(raw / 100)

    def _typed(self, value: float) -> None:
        self.slider.setValue(round(value * 100))  # moves the slider, which reports the change once

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
        self.switch.clicked.connect(lambda on: self.toggled.emit(control.species, on, self.intensity.value()))
        self.intensity.level_changed.connect(
            lambda v: self.switch.isChecked() and self.toggled.emit(control.species, True, v))

    def show_intensity(self, intensity: float | None) -> None:
        self.switch.setChecked(intensity is not None and intensity > 0)  # clicked, not toggled, edits
        if intensity:
            self.intensity.set_value(intensity)


class ControlsPanel(QWidget):
    """Changes the state's inputs, kinase toggles and focus; shows them; play/reset/speed go to the clock."""

    play_toggled = Signal()
    reset_requested = Signal()
    speed_changed = Signal(float)

    def __init__(self, pathway: Pathway, state: AppState, parent=None):
        super().__init__(parent)
        self.pathway = pathway
        self.state = state
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
            slider.level_changed.connect(lambda v, sid=control.species: state.set_input(sid, v))
            self.sliders[control.species] = slider
            grid.addWidget(slider, row, 0, 1, 2)
            row += 1
            if control.presets:
                presets = QGridLayout()  # two buttons a row, so four presets keep the dock narrow
                for index, (name, value) in enumerate(control.presets):
                    button = QPushButton(name.capitalize())
                    button.setToolTip(f"Set {control.label} to the {name} level ({value:g})")
                    button.setObjectName(f"preset_{control.species}_{name}")
                    button.clicked.connect(lambda _=False, sid=control.species, n=name: state.set_preset(sid, n))
                    presets.addWidget(button, index // 2, index % 2)
                grid.addLayout(presets, row, 0, 1, 2)
                row += 1
        layout.addWidget(inputs_box)

        kin_box = QGroupBox("Serine kinases on IRS-1")
        kin_layout = QVBoxLayout(kin_box)
        for control in pathway.toggles:
            toggle = SerineKinaseToggle(control)
            toggle.toggled.connect(state.set_toggle)
            self.toggles[control.species] = toggle
            kin_layout.addWidget(toggle)
        layout.addWidget(kin_box)

        focus_box = QGroupBox("Focus")
        focus_layout = QHBoxLayout(focus_box)
        self.focus = QComboBox()
        for key, text in (("both", "Both sexes"), ("female", "Female (ovary)"), ("male", "Male (testis)")):
            self.focus.addItem(text, key)
        self.focus.setToolTip("Which steroid-making tissue the plots and gauges follow")
        self.focus.setAccessibleName("Focus tissue")  # named by purpose, not by the current choice
        self.focus.activated.connect(lambda _i: state.set_focus(self.focus.currentData()))
        # On Linux, AT-SPI names a combo box by its current text and its purpose by "labelled by".
        focus_label = QLabel("&Tissue")
        focus_label.setBuddy(self.focus)
        focus_layout.addWidget(focus_label)
        focus_layout.addWidget(self.focus, 1)
        layout.addWidget(focus_box)

        transport = QGroupBox("Simulation")
        t_layout = QGridLayout(transport)
        self.play_button = QPushButton("Pause")
        self.play_button.setToolTip("Play or pause the simulation (K or Ctrl+Space)")
        self.play_button.clicked.connect(self.play_toggled)
        reset = QPushButton("Reset")
        reset.setToolTip("Back to the healthy starting state with default settings (R)")
        reset.clicked.connect(self.reset_requested)
        self.speed = QComboBox()
        for value, text in SPEEDS:
            self.speed.addItem(text, value)
        self.speed.setCurrentIndex(3)
        self.speed.setToolTip("Simulated minutes per real second")
        self.speed.setAccessibleName("Simulation speed")
        self.speed.currentIndexChanged.connect(lambda _i: self.speed_changed.emit(self.speed.currentData()))
        self.time_label = QLabel("t = 0.0 min")
        t_layout.addWidget(self.play_button, 0, 0)
        t_layout.addWidget(reset, 0, 1)
        speed_label = QLabel("S&peed")
        speed_label.setBuddy(self.speed)
        t_layout.addWidget(speed_label, 1, 0)
        t_layout.addWidget(self.speed, 1, 1)
        t_layout.addWidget(self.time_label, 2, 0, 1, 2)
        layout.addWidget(transport)
        layout.addStretch(1)

    @staticmethod
    def _input_tip(control: InputControl) -> str:
        presets = ", ".join(f"{n} {v:g}" for n, v in control.presets)
        return f"{control.label}: level 0–1" + (f" (presets: {presets})" if presets else "")

    # -- showing the state -------------------------------------------------------------------------
    def show_perturbations(self, p: Perturbations) -> None:
        """Show ``p`` (signals blocked: showing is not editing)."""
        for sid, slider in self.sliders.items():
            slider.set_value(p.inputs.get(sid, 0.0))
        for sid, toggle in self.toggles.items():
            toggle.show_intensity(p.toggles.get(sid))

    def show_focus(self, focus: str) -> None:
        self.focus.setCurrentIndex(self.focus.findData(focus))

    def set_running(self, running: bool) -> None:
        self.play_button.setText("Pause" if running else "Play")

    def set_time(self, minutes: float) -> None:
        self.time_label.setText(f"t = {minutes:.1f} simulated min")
