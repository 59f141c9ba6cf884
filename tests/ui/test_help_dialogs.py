"""The F1 list: every keyed action of the table, grouped by where it works."""

from __future__ import annotations

from pathwayviz.ui.help_dialogs import shortcuts_html, show_shortcuts


def test_a_heading_starts_each_group_and_text_is_escaped():
    text = shortcuts_html([("Window", "Zoom <in>", "+"), ("Window", "Undo", "Ctrl+Z"), ("Presentation", "Next", "Space")])
    assert text.count("colspan") == 2
    assert text.index("<b>Window</b>") < text.index("Undo") < text.index("<b>Presentation</b>") < text.index("Next")
    assert "Zoom &lt;in&gt;" in text


def test_f1_lists_the_window_and_presentation_keys(main_window):
    box = show_shortcuts(main_window)
    assert "Presentation mode" in box.text() and "F5, Shift+F5" in box.text() and "<b>Presentation</b>" in box.text()
    box.close()
