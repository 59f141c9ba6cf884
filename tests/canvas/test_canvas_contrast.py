"""Contrast on the diagram: text ≥ 7:1 against what is behind it, graphics ≥ 3:1 (WCAG 2.x).

Measured on the palette and on rendered pixels of real nodes at every activity.
"""

from __future__ import annotations

import numpy as np
import pytest
from canvas_pixels import image_array, text_contrast
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from pathwayviz.canvas.items import MoleculeItem
from pathwayviz.canvas.style import (BADGE_COLORS, COMPARTMENT_FILLS, MIN_GRAPHIC_CONTRAST, MIN_TEXT_CONTRAST,
                                     RING_DARK, SELECTION_CORE, TEXT_DARK, TEXT_LIGHT, THEMES, activity_color,
                                     contrast_ratio, label_ink)

LEVELS = [k / 64 for k in range(65)]
SCALE = 2.0  # render at twice the scene size so letters are many pixels thick


def rgb(colour: QColor) -> tuple[int, int, int]:
    return tuple(colour.getRgb()[:3])


def test_wcag_formula_matches_known_pairs():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("level", LEVELS)
def test_label_ink_reaches_7_to_1_at_every_activity(level):
    ink = label_ink(level)
    behind = ink.halo if ink.halo is not None else activity_color(level)
    assert contrast_ratio(ink.text, behind) >= MIN_TEXT_CONTRAST


def assert_readable(ratios, what=""):
    """What the letters sit on (the typical pixel just outside them) reaches 7:1, and hardly any
    pixel there is weak: the few below are antialiased fringe where a border or letter is near."""
    figures = np.percentile(ratios, [5, 50])
    assert figures[1] >= MIN_TEXT_CONTRAST, (what, figures)
    assert np.mean(ratios < 4.5) <= 0.05, (what, figures)


def render_node(species, theme, activity, badges=None, tag=""):
    from PySide6.QtWidgets import QApplication

    assert QApplication.instance() is not None
    item = MoleculeItem(species, theme)
    item.set_state(activity, badges or {})
    item.clamp_tag = tag
    pixmap = item.picture(SCALE, 1.0)
    return item, image_array(pixmap)


def to_pixels(item, rect: QRectF) -> tuple[int, int, int, int]:
    origin = item.boundingRect().topLeft()
    r = QRectF(rect.topLeft() - origin, rect.size())
    return (int(r.top() * SCALE), int(r.bottom() * SCALE), int(r.left() * SCALE), int(r.right() * SCALE))


@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("activity", [0.0, 0.3, 0.55, 0.62, 0.68, 0.72, 0.8, 0.9, 1.0])
def test_rendered_labels_reach_7_to_1(qapp, pathway, theme, activity):
    """FOXO1 and GSK3 sat at 0.68 in the healthy state and measured 3.95:1 with white letters."""
    item, pixels = render_node(pathway.species["foxo1"], THEMES[theme], activity)
    inner = item.node_rect().translated(-item.pos()).adjusted(6, 6, -6, -6)
    ratios = text_contrast(pixels, rgb(label_ink(activity).text), to_pixels(item, inner))
    assert_readable(ratios)


@pytest.mark.parametrize("theme", ["light", "projector"])
@pytest.mark.parametrize("level", [0.0, 0.1, 0.24, 0.26, 0.5, 1.0])
def test_badges_readable_at_every_phospho_level(qapp, pathway, theme, level):
    """Badges used to fade with the phospho level down to 1.0–2.3:1; now they switch style instead."""
    irs1 = pathway.species["irs1_ptyr"]
    assert {b.kind for b in irs1.badges} == {"ptyr", "pser"}
    values = {b.species: level for b in irs1.badges}
    item, pixels = render_node(irs1, THEMES[theme], 0.5, values)
    for badge, box in item.badge_boxes():
        on = level >= 0.25
        letters = QColor(TEXT_LIGHT) if on else QColor(TEXT_DARK)
        # Inside the badge, clear of the round ends of a pill (the page shows there).
        region = to_pixels(item, box.adjusted(box.height() / 2, 2, -box.height() / 2, -2))
        ratios = text_contrast(pixels, rgb(letters), region)
        assert_readable(ratios, (badge.label, level))


def test_badge_and_tag_palette():
    for kind, colour in BADGE_COLORS.items():
        assert contrast_ratio(colour, TEXT_LIGHT) >= MIN_TEXT_CONTRAST, kind
        # The dashed border of an absent badge is a graphic against the white badge and the page.
        assert contrast_ratio(colour, "#ffffff") >= MIN_GRAPHIC_CONTRAST, kind
    assert contrast_ratio(TEXT_DARK, TEXT_LIGHT) >= MIN_TEXT_CONTRAST


@pytest.mark.parametrize("tag", ["KO", "ON"])
def test_clamp_tags_rendered_at_7_to_1(qapp, pathway, tag):
    item, pixels = render_node(pathway.species["akt"], THEMES["light"], 0.7, tag=tag)
    box = item.tag_box(tag).adjusted(2, 2, -2, -2)
    ratios = text_contrast(pixels, rgb(QColor(TEXT_DARK)), to_pixels(item, box))
    assert_readable(ratios)


@pytest.mark.parametrize("theme", ["light", "projector"])
def test_graphics_reach_3_to_1_against_every_background(theme):
    t = THEMES[theme]
    backgrounds = [t.background, *COMPARTMENT_FILLS.values()]
    for name, colour in (("activation edge", t.edge), ("inhibition edge", t.inhibit_edge),
                         ("node border", t.node_border), ("signal pulses", t.pulse_color),
                         ("ring outer band", RING_DARK)):
        worst = min(contrast_ratio(colour, b) for b in backgrounds)
        assert worst >= MIN_GRAPHIC_CONTRAST, (name, worst)
    # The ring's bright core is read against its own black band and against the darkest fills.
    for core in (SELECTION_CORE, t.highlight):
        assert contrast_ratio(core, RING_DARK) >= MIN_GRAPHIC_CONTRAST
        assert contrast_ratio(core, activity_color(1.0)) >= MIN_GRAPHIC_CONTRAST


def test_compartment_labels_reach_7_to_1(qapp, pathway):
    from pathwayviz.canvas.items import CompartmentItem
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    for compartment in pathway.compartments:
        item = CompartmentItem(compartment, THEMES["light"])
        bounds = item.boundingRect()
        image = QImage(int(bounds.width() * SCALE), int(bounds.height() * SCALE), QImage.Format_RGB32)
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.scale(SCALE, SCALE)
        p.translate(-bounds.topLeft())
        item.paint(p, QStyleOptionGraphicsItem(), None)
        p.end()
        pixels = image_array(image)
        ink = rgb(item.label_colour())
        region = (0, int(min(pixels.shape[0], 80 * SCALE)), 0, int(min(pixels.shape[1], 700 * SCALE)))
        ratios = text_contrast(pixels, ink, region)
        assert_readable(ratios, compartment.id)
