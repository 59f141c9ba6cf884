"""Presentation at 1920×1080: label, badge and caption sizes on every step and region, and every node
a caption names inside the frame (the same measure as scripts/presentation_legibility.py)."""

from __future__ import annotations

import pytest

from pathwayviz.resource_files import builtin_lesson_ids, builtin_lesson_path
from pathwayviz.ui import caption_band
from pathwayviz.ui.presentation_metrics import (BADGE_TARGET_PX, CAPTION_TARGET_PX, LABEL_TARGET_PX, measure_lesson,
                                                measure_step, named_species)


@pytest.fixture
def presenting_1080p(main_window, qtbot):
    w = main_window
    w.presentation.enter()
    # The offscreen screen is smaller than a projector: present in a 1920×1080 window instead.
    w.showNormal()
    w.setGeometry(0, 0, 1920, 1080)
    qtbot.waitUntil(lambda: w.view.width() == 1920
                    and w.presentation.band.height() == round(caption_band.BAND_SHARE * 1080))
    yield w
    w.presentation.leave()


@pytest.mark.parametrize("lesson_id", builtin_lesson_ids())
def test_every_step_and_region_is_legible_from_the_back_row(presenting_1080p, lesson_id):
    presenting_1080p.lesson_controller.open_builtin(lesson_id)
    assert presenting_1080p.lesson_controller.lesson_file() == str(builtin_lesson_path(lesson_id))
    figures = measure_lesson(presenting_1080p)
    assert len(figures) == len(presenting_1080p.lesson_controller)
    problems = {f.index + 1: f.problems() for f in figures if f.problems()}
    assert not problems, problems
    assert min(f.label_px for f in figures) >= LABEL_TARGET_PX
    assert min(f.badge_px for f in figures) >= BADGE_TARGET_PX
    assert min(f.smallest_caption_px for f in figures) >= CAPTION_TARGET_PX
    # Both screens of every predict step were measured, and the overview steps really are split.
    assert all(set(f.caption_px) == {"question", "answer"} for f, s in
               zip(figures, presenting_1080p.lesson_controller.lesson.steps) if s.predict is not None)
    assert sum(len(f.frames) > 1 for f in figures) >= 2


def test_the_measure_catches_a_whole_diagram_step(presenting_1080p):
    """The check can fail: the same step framed on the whole diagram is far below 32 px."""
    w = presenting_1080p
    c = w.lesson_controller
    c.go_to(0, reveal=True)
    c.state.apply(zoom_target=())
    c.frame_step(animate=False)
    from pathwayviz.ui.presentation_metrics import frame_figures

    whole = frame_figures(w)
    assert whole.label_px < LABEL_TARGET_PX and whole.badge_px < BADGE_TARGET_PX
    step = measure_step(w, 0)
    assert step.label_px >= LABEL_TARGET_PX and len(step.frames) == 2


def test_named_species_reads_labels_and_synonyms(pathway):
    assert named_species(pathway, "Akt sends GLUT4 to the surface; PKB is Akt") == ["akt", "glut4"]
    assert named_species(pathway, "nothing here") == []
