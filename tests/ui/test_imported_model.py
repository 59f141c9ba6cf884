"""A published Netflux model in the real window: find, cards, knock-outs, plots, save as, slide export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from pathwayviz.formats.pathway_file import open_pathway
from pathwayviz.ui.pathway_files import save_pathway_as

HYPERTROPHY = Path(__file__).resolve().parent.parent / "data" / "netflux" / "ryall_cardiomyocyte_hypertrophy_jbc2012.xlsx"


@pytest.fixture(scope="module")
def pathway():
    """Overrides the built-in pathway, so conftest's ``main_window`` shows the imported model."""
    return open_pathway(HYPERTROPHY)


@pytest.fixture
def window(main_window):
    main_window.resize(1920, 1080)
    return main_window


def test_every_species_is_drawn_apart_and_the_diagram_fits_and_zooms(window):
    scene = window.scene
    rects = [item.node_rect() for item in scene.molecules.values()]
    assert len(rects) == 106
    assert not [(a, b) for i, a in enumerate(rects) for b in rects[i + 1:] if a.intersects(b)]
    window.view.fit()
    fitted = window.view.current_scale()
    window.view.zoom_by(2.0)
    assert window.view.current_scale() == pytest.approx(2 * fitted, rel=0.05)


def test_find_by_netflux_id_opens_the_card_with_the_spreadsheet_notes(window, qtbot):
    bar = window.find_bar
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "aAR")
    bar.completer.popup().hide()
    qtbot.keyClick(bar.edit, Qt.Key_Return)
    sid = window.pathway.species_id("aAR")
    assert window.card.species_id == sid and window.scene.molecules[sid].isSelected()
    text = window.card.toPlainText()
    assert "alpha adrenergicReceptor" in text and "Netflux ID aAR" in text and "NE binds to aAR" in text


def test_input_slider_knockout_and_pinned_plot(window, qtbot):
    from pathwayviz.ui.plots_dock import ensure_plots

    angii = window.pathway.input_species("r1")
    slider = window.controls.sliders[angii]
    slider.slider.setValue(70)
    assert window.live.perturbations.inputs[angii] == pytest.approx(0.7)
    target = window.pathway.species_id("AT1R")
    menu = window.species_menu(target)
    [ko] = [a for a in menu.actions() if a.text().startswith("Knock out")]
    ko.trigger()
    assert target in window.live.perturbations.knockouts
    plots = ensure_plots(window)
    plots.pin(target)
    assert target in plots.pinned()
    for _ in range(20):
        window.clock.tick(0.5)
    assert window.live.state[window.live.index[target]] == 0.0


def test_save_as_yaml_and_open_it_again(window, tmp_path):
    path = tmp_path / "hypertrophy.yaml"
    assert save_pathway_as(window, str(path))
    again = open_pathway(path)
    assert again.species == window.pathway.species and again.interactions == window.pathway.interactions


def test_slide_export_of_the_imported_model(tmp_path, capsys):
    from pathwayviz.__main__ import main

    out = tmp_path / "slide.png"
    code = main(["export", "--pathway", str(HYPERTROPHY), "--set", "r1=0.8", "--size", "1920x1080", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    image = QImage(str(out))
    assert image.width() == 1920 and image.height() == 1080
    colours = {image.pixel(x, y) for x in range(0, 1920, 37) for y in range(0, 1080, 29)}
    assert len(colours) > 20  # a drawn diagram, not a blank page


def test_the_built_in_lesson_is_not_checked_step_by_step_against_another_pathway(window, monkeypatch):
    """It names pathway 'insulin_signaling'; checking its steps against 2,000 other species took 7 s."""
    import pathwayviz.ui.lesson_controller as controller

    def must_not_run(*args, **kwargs):
        raise AssertionError("the built-in lesson was checked against an imported model")

    monkeypatch.setattr(controller, "build_lesson", must_not_run)
    assert window.lesson_controller.runner.lesson.title == "No lesson"
    window.lesson_controller.open_builtin()  # nothing to open for this model, and no error
    window.lesson_controller.open_builtin("growth_hormone")
    window.lesson_controller.restore_lesson(None, None)
    assert window.lesson_controller.runner.lesson.title == "No lesson"
