"""First start (no saved settings): the diagram gets the window, the plots are one key away."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from pathwayviz.canvas.items import MoleculeItem


def _first_start(qtbot, pathway, width, height):
    from pathwayviz.ui.main_window import MainWindow

    window = MainWindow(pathway, start_running=False)
    qtbot.addWidget(window)
    window.restore_window_state(QSettings())  # the fresh settings folder holds nothing
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()  # the docks' layout settles
    return window


def _smallest_label_px(window) -> float:
    sizes = [item.font.pixelSize() for item in window.scene.items() if isinstance(item, MoleculeItem)]
    assert sizes
    return min(sizes) * window.view.current_scale()


def _docked_areas(window) -> dict[str, int]:
    return {dock.windowTitle(): dock.width() * dock.height()
            for dock in (window.controls_dock, window.card_dock, window.plots_dock, window.whatif.dock,
                         window.lesson_dock, window.glossary_dock) if dock.isVisible()}


def test_at_1920x1080_the_diagram_gets_60_percent_and_labels_reach_16_px(qtbot, pathway, isolated_settings):
    w = _first_start(qtbot, pathway, 1920, 1080)
    fraction = w.view.width() * w.view.height() / (w.width() * w.height())
    assert fraction >= 0.60, fraction
    assert _smallest_label_px(w) >= 16.0, _smallest_label_px(w)


def test_at_1280x800_the_diagram_is_the_largest_element(qtbot, pathway, isolated_settings):
    w = _first_start(qtbot, pathway, 1280, 800)
    diagram = w.view.width() * w.view.height()
    assert all(diagram > area for area in _docked_areas(w).values()), (diagram, _docked_areas(w))


def test_the_time_courses_are_one_listed_key_away(main_window, qtbot):
    w = main_window  # fresh settings folder: the plots start hidden
    assert not w.plots_dock.isVisible()
    assert ("Time courses", "Ctrl+T") in w.shortcut_table()  # listed in F1
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key_T, Qt.ControlModifier)
    assert w.plots_dock.isVisible()
    qtbot.waitUntil(lambda: w.plots is not None)  # built after the first paint
    assert w.plots_dock.widget().isAncestorOf(w.plots)
    qtbot.keyClick(w, Qt.Key_T, Qt.ControlModifier)
    assert not w.plots_dock.isVisible()


def test_at_1280x800_the_side_panels_fold_away_and_a_selection_brings_the_card_back(qtbot, pathway,
                                                                                 isolated_settings):
    w = _first_start(qtbot, pathway, 1280, 800)
    assert not w.card_dock.isVisible() and not w.whatif.dock.isVisible() and not w.lesson_dock.isVisible()
    assert w.controls_dock.isVisible()  # the inputs stay at hand
    fraction = w.view.width() * w.view.height() / (w.width() * w.height())
    assert fraction >= 0.60, fraction
    assert _smallest_label_px(w) >= 12.0, _smallest_label_px(w)  # was 9.3 px with the side panels open
    w.select_species("akt")
    qtbot.waitUntil(w.card_dock.isVisible)
    assert w.card.species_id == "akt"


def test_at_1920x1080_the_card_and_perturbations_show_from_the_start(qtbot, pathway, isolated_settings):
    w = _first_start(qtbot, pathway, 1920, 1080)
    assert w.card_dock.isVisible() and w.whatif.dock.isVisible()
