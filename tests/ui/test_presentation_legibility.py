"""Presentation at 1920×1080: label sizes per step, and every node a caption names in the frame."""

from __future__ import annotations

import re

import pytest

LABEL_PX, BADGE_PX = 32, 24


def named_species(pathway, text):
    found, lowered = [], text.lower()
    for sp in pathway.species.values():
        for name in sorted({sp.label, *sp.synonyms}, key=len, reverse=True):
            if len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", lowered):
                found.append(sp.id)
                break
    return found


@pytest.fixture
def presenting_1080p(main_window, qtbot):
    w = main_window
    w.presentation.enter()
    # The offscreen screen is smaller than a projector: present in a 1920×1080 window instead.
    w.showNormal()
    w.setGeometry(0, 0, 1920, 1080)
    qtbot.waitUntil(lambda: w.view.width() == 1920 and w.presentation.band.height() == round(0.22 * 1080))
    yield w
    w.presentation.leave()


def frame_of_step(w, qtbot, k):
    w.lesson_controller.go_to(k, reveal=True)
    w.lesson_controller.frame_step(animate=False)
    scale = w.view.current_scale()
    return w.view.visible_scene_rect(), scale


def test_each_step_keeps_the_nodes_its_caption_names_in_frame(presenting_1080p, qtbot, pathway):
    w = presenting_1080p
    for k, step in enumerate(w.lesson_controller.lesson.steps):
        visible, _ = frame_of_step(w, qtbot, k)
        named = named_species(pathway, step.caption)
        assert named, step.id
        outside = [s for s in named if not any(visible.contains(i.node_rect()) for i in w.scene.instances[s])]
        assert not outside, (step.id, outside)


def test_labels_reach_32_px_wherever_the_named_nodes_allow_it(presenting_1080p, qtbot, pathway):
    """Where the caption's nodes fit on screen at the 32 px scale, the step is framed at least that large.

    (Where they do not, e.g. the overview steps, keeping them in frame wins; the figures for every
    step are printed by scripts/presentation_legibility.py.)
    """
    w = presenting_1080p
    theme = w.scene.theme
    needed = max(LABEL_PX / theme.font_px, BADGE_PX / theme.small_font_px)
    checked = 0
    for k, step in enumerate(w.lesson_controller.lesson.steps):
        _, scale = frame_of_step(w, qtbot, k)
        named = w.scene.species_rect(named_species(pathway, step.caption))  # with the framing's margin
        fits = named.width() * needed <= w.view.viewport().width() and \
            named.height() * needed <= w.view.viewport().height()
        if fits:
            checked += 1
            assert theme.font_px * scale >= LABEL_PX, (step.id, theme.font_px * scale)
            assert theme.small_font_px * scale >= BADGE_PX, (step.id, theme.small_font_px * scale)
    assert checked >= 5  # the built-in lesson: inflammation, lipids, hyperinsulinemia, testis, recap
