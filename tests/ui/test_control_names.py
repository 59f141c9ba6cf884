"""Controls as assistive tech sees them: real slider levels, combo boxes named by purpose."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def test_sliders_describe_the_real_level_they_show(main_window):
    w = main_window
    insulin = w.controls.sliders["insulin"]
    assert insulin.readout.text() == "0.00" and insulin.readout.value() == 0.0
    assert insulin.slider.accessibleDescription() == "level 0.00 of 0 to 1"
    insulin.slider.setValue(65)  # as a key press or drag would
    assert insulin.slider.accessibleDescription() == "level 0.65 of 0 to 1"
    assert w.state.perturbations.inputs["insulin"] == 0.65
    w.state.reset_perturbations()  # shown from the state, the description follows too
    assert insulin.slider.accessibleDescription() == "level 0.00 of 0 to 1"


def test_combo_boxes_are_named_by_purpose_not_value(main_window):
    controls = main_window.controls
    for combo, name, label_text in ((controls.focus, "Focus tissue", "Tissue"),
                                    (controls.speed, "Simulation speed", "Speed")):
        assert combo.accessibleName() == name
        labels = [lab for lab in controls.findChildren(QLabel) if lab.buddy() is combo]
        assert [lab.text().replace("&", "") for lab in labels] == [label_text]  # AT-SPI "labelled by"


def test_the_buttons_qt_makes_inside_widgets_are_named(main_window):
    from PySide6.QtWidgets import QToolButton

    w = main_window
    inner = [*w.find_bar.edit.findChildren(QToolButton), *w.glossary_panel.search.findChildren(QToolButton),
             *w.lesson_strip.findChildren(QToolButton, "qt_toolbar_ext_button"),
             *w.presentation.band_bar.findChildren(QToolButton, "qt_toolbar_ext_button")]
    assert len(inner) == 4
    assert all(button.accessibleName().strip() for button in inner), [b.accessibleName() for b in inner]
    assert {b.accessibleName() for b in inner} >= {"More of the lesson strip", "More of the caption band",
                                                   "Clear the search", "Clear the glossary search"}


def test_the_number_field_carries_the_real_value_and_the_keyboard(main_window, qtbot):
    """AT-SPI reads a QDoubleSpinBox's value as the double it shows (a QSlider only has ticks)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAccessible

    w = main_window
    insulin = w.controls.sliders["insulin"]
    field, slider = insulin.readout, insulin.slider
    assert field.accessibleName() == "Insulin infusion" and slider.focusPolicy() == Qt.ClickFocus
    value = QAccessible.queryAccessibleInterface(field).valueInterface()
    assert (value.minimumValue(), value.maximumValue()) == (0.0, 1.0)
    w.activateWindow()
    field.setFocus(Qt.TabFocusReason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key_PageUp)  # one page: 0.10
    assert w.state.perturbations.inputs["insulin"] == 0.1 and slider.value() == 10
    assert abs(value.currentValue() - 0.1) < 1e-9
    slider.setValue(65)  # the mouse moves the slider: the field follows
    assert field.value() == 0.65 and abs(value.currentValue() - 0.65) < 1e-9
