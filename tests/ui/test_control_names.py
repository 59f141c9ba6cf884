"""Controls as assistive tech sees them: real slider levels, combo boxes named by purpose."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def test_sliders_describe_the_real_level_they_show(main_window):
    w = main_window
    insulin = w.controls.sliders["insulin"]
    assert insulin.readout.text() == "0.00"
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
