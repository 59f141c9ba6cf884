"""Exported lesson slides at 1920×1080 follow the presentation's rules in both themes: node labels
≥ 32 px, badges and tags ≥ 24 px, the caption ≥ 32 px (never shrunk), and the step's frame."""

from __future__ import annotations

import pytest

from pathwayviz.export.frame import SlideFrame
from pathwayviz.export.slide import SlideExporter
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.lesson import builtin_lesson
from pathwayviz.sim.live import LiveSimulation


def label_sizes(exporter: SlideExporter) -> tuple[float, float]:
    """Node-label and badge size on the image, in pixels (font size × the diagram's scale)."""
    lay, theme = exporter.layout, exporter.scene.theme
    scale = lay.diagram_target.width() / lay.diagram_source.width() * lay.scale
    return theme.font_px * scale, theme.small_font_px * scale


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_every_lesson_step_slide_is_legible_from_the_back_row(qapp, pathway, theme):
    lesson = builtin_lesson(pathway)
    live = LiveSimulation(pathway)
    low = []
    for step in lesson.steps:
        frame = SlideFrame.of_step(live, step, traces=False)
        exporter = SlideExporter(frame, SlideOptions(theme=theme, title=step.title, caption=step.caption))
        label, badge = label_sizes(exporter)
        caption = exporter.layout.caption_px
        if label < 32 or badge < 24 or caption < 32 or exporter.layout.caption_lines[-1].endswith("…"):
            low.append((step.id, round(label, 1), round(badge, 1), caption))
        assert frame.zoom == step.frames[0], step.id  # a region step: its first region, as the window enters it
    assert not low, low


def test_the_check_bites_on_a_whole_diagram_slide(qapp, pathway):
    exporter = SlideExporter.of_live(LiveSimulation(pathway), SlideOptions(theme="projector", caption="x"))
    label, badge = label_sizes(exporter)
    assert label < 32 and badge < 24  # the whole diagram cannot be framed that large (see the note)
