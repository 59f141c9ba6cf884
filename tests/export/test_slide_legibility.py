"""Exported lesson slides at 1920×1080 follow the presentation's rules in both themes: node labels
≥ 32 px, badges and tags ≥ 24 px, the caption ≥ 32 px (never shrunk), one slide per region of a step
shown region by region, every framed species whole (badges and tags too) and every species the
caption names on one of the step's slides."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QRectF

from pathwayviz.export.frame import SlideFrame
from pathwayviz.export.slide import FADE, SlideExporter
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.lesson import builtin_lesson
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.ui.presentation_metrics import named_species


def label_sizes(exporter: SlideExporter) -> tuple[float, float]:
    """Node-label and badge size on the image, in pixels (font size × the diagram's scale)."""
    lay, theme = exporter.layout, exporter.scene.theme
    scale = lay.diagram_target.width() / lay.diagram_source.width() * lay.scale
    return theme.font_px * scale, theme.small_font_px * scale


def step_slides(pathway, theme):
    """(step, region, exporter) for every slide of the built-in lesson: one per region of a step."""
    lesson = builtin_lesson(pathway)
    live = LiveSimulation(pathway)
    for step in lesson.steps:
        for region in range(len(step.frames)):
            frame = SlideFrame.of_step(live, step, traces=False, region=region)
            yield step, region, SlideExporter(frame, SlideOptions(theme=theme, title=step.title, caption=step.caption))


def unfaded_pixels(exporter: SlideExporter) -> QRectF:
    """The part of the slide's diagram, in image pixels, that no faded (cropped) edge covers."""
    lay = exporter.layout
    target, fade = lay.diagram_target_pixels(), FADE * lay.scale
    full, src = exporter.scene.diagram_rect(), lay.diagram_source
    target = target.adjusted(-0.5, -0.5, 0.5, 0.5)  # rounding: a node may touch the fade exactly
    return target.adjusted(fade if src.left() > full.left() + 0.5 else 0, fade if src.top() > full.top() + 0.5 else 0,
                           -fade if src.right() < full.right() - 0.5 else 0,
                           -fade if src.bottom() < full.bottom() - 0.5 else 0)


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_every_lesson_slide_is_legible_from_the_back_row(qapp, pathway, theme):
    low = []
    for step, region, exporter in step_slides(pathway, theme):
        label, badge = label_sizes(exporter)
        caption = exporter.layout.caption_px
        if label < 32 or badge < 24 or caption < 32 or exporter.layout.caption_lines[-1].endswith("…"):
            low.append((step.id, region, round(label, 1), round(badge, 1), caption))
        assert exporter.zoom == step.frames[region], step.id  # each region its own slide, as the screen pans
        assert not exporter.legend.cut_texts(exporter.layout.legend), step.id  # the legend is never elided
    assert not low, low


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_framed_and_named_species_are_whole_on_the_steps_slides(qapp, pathway, theme):
    """Every species a slide frames is inside its unfaded part with its badges, tag and ring, and every
    species the caption names is whole on one of the step's slides (one per region)."""
    cut, missing, shown = [], [], {}
    for step, region, exporter in step_slides(pathway, theme):
        exporter.scene.show_perturbations(exporter.frame.perturbations)  # the tags the slide draws
        clear = unfaded_pixels(exporter)
        for sid, items in exporter.scene.instances.items():  # a species may be drawn in several panels
            whole = [clear.contains(exporter.layout.scene_to_image(item.scene_bounds())) for item in items]
            if sid in exporter.zoom and not whole[0]:
                cut.append((step.id, region, sid))
            if any(whole):
                shown.setdefault(step.id, set()).add(sid)
    for step in builtin_lesson(pathway).steps:
        missing += [(step.id, sid) for sid in named_species(pathway, step.caption)
                    if sid not in shown.get(step.id, set())]
    assert not cut, cut
    assert not missing, missing


def test_the_whole_check_bites_on_a_badge_at_the_crop(qapp, pathway):
    """IRS-1's badges reach right of its node: a frame that fits only the node would cut them."""
    step = next(s for s in builtin_lesson(pathway).steps if s.id == "inflammation")
    exporter = next(e for s, _, e in step_slides(pathway, "light") if s.id == step.id)
    item = exporter.scene.molecules["irs1_ptyr"]
    assert item.scene_bounds().right() > item.node_rect().right() + 60  # the pY and pS307 badges
    lay = exporter.layout
    tight = QRectF(lay.diagram_target_pixels())
    tight.setRight(lay.scene_to_image(item.node_rect()).right() + 4)
    assert not tight.contains(lay.scene_to_image(item.scene_bounds()))
    assert unfaded_pixels(exporter).contains(lay.scene_to_image(item.scene_bounds()))


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_a_whole_diagram_slide_is_as_large_as_the_slide_allows_and_a_zoomed_state_slide_is_legible(
        qapp, pathway, theme, tmp_path):
    """The whole diagram (an overview of every molecule) is height-bound: it fills the slide's height
    between title and footer, and even so its labels stay under 32 px (the check bites). A state
    slide framing a few species (``--zoom``) follows the lesson's rule and reaches the targets."""
    from pathwayviz.__main__ import main
    from pathwayviz.export.lesson_export import state_slide
    from pathwayviz.sim.perturbations import Perturbations

    live = LiveSimulation(pathway)
    pert = Perturbations.defaults(pathway)
    pert.toggles["jnk"] = 1.0
    whole = state_slide(live, pert, SlideOptions(theme=theme))
    lay = whole.layout
    assert lay.diagram_source == whole.scene.diagram_rect()
    top = lay.caption_top  # the diagram's area starts where the caption does, under the title
    assert lay.diagram_target.top() == pytest.approx(top) and lay.diagram_target.bottom() > lay.footer.top() - 20
    label, badge = label_sizes(whole)
    assert label < 32 and badge < 24  # 40-odd molecules cannot carry 32 px labels on one 1080-line slide
    zoomed = state_slide(live, pert, SlideOptions(theme=theme), zoom=("jnk", "ikk", "irs1_ptyr", "pi3k"))
    label, badge = label_sizes(zoomed)
    assert label >= 32 and badge >= 24 and zoomed.zoom == ("jnk", "ikk", "irs1_ptyr", "pi3k")
    out = tmp_path / "zoomed.png"
    assert main(["export", "--toggle", "jnk", "--theme", theme, "--zoom", "jnk,ikk", "--zoom", "irs1_ptyr,pi3k",
                 "-o", str(out)]) == 0 and out.stat().st_size > 0


def test_zoom_names_an_unknown_species_or_a_lesson_step(qapp, capsys, tmp_path):
    from pathwayviz.__main__ import main

    assert main(["export", "--zoom", "jnk,akt2", "-o", str(tmp_path / "x.png")]) == 2
    assert "--zoom akt2: no such species in insulin_signaling" in capsys.readouterr().err
    assert main(["export", "--step", "3", "--zoom", "jnk", "-o", str(tmp_path / "x.png")]) == 2
    assert "--zoom frames a state slide" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_chart_titles_on_a_slide_with_plots_are_whole(qapp, pathway, theme, monkeypatch):
    """"Hepatic glucose output" and the other readout names fit their mini charts (shrunk a little
    if need be, never below 80 % of the plot size), rather than ending in an ellipsis."""
    from pathwayviz.export import slide_plots

    drawn = []
    real = slide_plots.chart_title

    def recording(label, size, width):
        font, text = real(label, size, width)
        drawn.append((label, text, font.pixelSize(), size))
        return font, text

    monkeypatch.setattr(slide_plots, "chart_title", recording)
    live = LiveSimulation(pathway)
    live.advance(30.0)
    SlideExporter.of_live(live, SlideOptions(theme=theme)).render()
    assert sorted(label for label, *_ in drawn) == sorted(r.label for r in pathway.readouts)
    for label, text, px, size in drawn:
        assert text == label and px >= 0.8 * size - 0.5, (label, text, px)


def test_a_chart_title_too_long_for_any_size_is_elided(qapp):
    from pathwayviz.export.slide_plots import chart_title

    font, text = chart_title("Hepatic glucose output " * 4, 20, 200)
    assert text.endswith("…") and font.pixelSize() == 16
