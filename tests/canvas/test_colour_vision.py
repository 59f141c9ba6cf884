"""Colour vision: activation vs inhibition and pY vs pSer stay apart without colour.

The rendered diagram is passed through colorspacious' simulation of deuteranopia, protanopia and
tritanopia (severity 100); on the simulated pixels inhibition edges still show their dash gaps,
activation edges stay unbroken, and pSer badges keep square corners where pY badges are round.
"""

from __future__ import annotations

import numpy as np
import pytest
from canvas_pixels import image_array, luminance
from colorspacious import cspace_convert
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from pathwayviz.canvas.items import MoleculeItem
from pathwayviz.canvas.scene import PathwayScene
from pathwayviz.canvas.style import THEMES, contrast_ratio

DEFICIENCIES = ["deuteranomaly", "protanomaly", "tritanomaly"]
SCALE = 2.0


def simulate(rgb: np.ndarray, deficiency: str) -> np.ndarray:
    space = {"name": "sRGB1+CVD", "cvd_type": deficiency, "severity": 100}
    out = cspace_convert(rgb.astype(float) / 255.0, space, "sRGB1")
    return np.clip(out * 255.0, 0, 255)


@pytest.fixture(scope="module")
def rendered_edges(qapp, pathway):
    """The scene's edges alone (no nodes, no pulses) rendered at 2×, with their geometry."""
    scene = PathwayScene(pathway, THEMES["light"])
    rect = scene.diagram_rect()
    image = QImage(int(rect.width() * SCALE), int(rect.height() * SCALE), QImage.Format_RGB32)
    image.fill(QColor("#ffffff"))
    p = QPainter(image)
    p.scale(SCALE, SCALE)
    p.translate(-rect.topLeft())
    from PySide6.QtWidgets import QStyleOptionGraphicsItem

    scene.static_layer.paint(p, QStyleOptionGraphicsItem(), None)
    p.end()
    return scene, rect, image_array(image)


def ink_along(scene, rect, pixels, edge, deficiency):
    """Fraction of points along the middle of an edge that are drawn (dark), seen with ``deficiency``."""
    nodes = [m.node_rect().adjusted(-6, -6, 6, 6) for m in scene.all_molecules()]
    points = []
    for k in range(int(edge.length)):
        pt = edge.path.pointAtPercent(edge.path.percentAtLength(k))
        if k < 20 or k > edge.length - 30 or any(n.contains(pt) for n in nodes):
            continue  # skip the arrowhead / T-bar and anything under a node
        points.append(((pt.y() - rect.top()) * SCALE, (pt.x() - rect.left()) * SCALE))
    if len(points) < 30:
        return None
    ys, xs = np.array(points).T
    seen = simulate(pixels[ys.astype(int), xs.astype(int)], deficiency)
    return float(np.mean(luminance(seen) < 0.3))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_inhibition_edges_are_dashed_and_activation_edges_solid_under_colour_blindness(rendered_edges, deficiency):
    scene, rect, pixels = rendered_edges
    solid, dashed = [], []
    for edge in scene.edges:
        ink = ink_along(scene, rect, pixels, edge, deficiency)
        if ink is not None:
            (dashed if edge.inhibits else solid).append(ink)
    assert len(solid) >= 10 and len(dashed) >= 4
    # Crossing edges may fill a gap here and there, but a dashed line stays visibly broken.
    assert min(solid) >= 0.95, sorted(solid)[:5]
    assert max(dashed) <= 0.80, sorted(dashed)[-5:]
    assert min(dashed) >= 0.35, sorted(dashed)[:5]


def test_edge_hues_alone_would_not_tell_them_apart():
    """Why the dashes are needed: the two edge colours differ little in brightness."""
    t = THEMES["light"]
    assert contrast_ratio(t.edge, t.inhibit_edge) < 3.0


def badge_pixels(pathway, level):
    irs1 = pathway.species["irs1_ptyr"]
    item = MoleculeItem(irs1, THEMES["projector"])
    item.set_state(0.5, {b.species: level for b in irs1.badges})
    return item, image_array(item.picture(SCALE, 1.0))


def corner_ink(item, pixels, box: QRectF, deficiency) -> float:
    """Darkness in the box's top-left corner, just inside its bounding rectangle."""
    origin = item.boundingRect().topLeft()
    corner = QPointF(box.left() + 1.6, box.top() + 1.6) - origin
    y, x = int(corner.y() * SCALE), int(corner.x() * SCALE)
    patch = pixels[y - 1:y + 2, x - 1:x + 2].reshape(-1, 3)
    return float(np.mean(luminance(simulate(patch, deficiency)) < 0.3))


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_py_and_pser_badges_differ_in_shape_under_colour_blindness(qapp, pathway, deficiency):
    item, pixels = badge_pixels(pathway, 1.0)
    corners = {badge.kind: corner_ink(item, pixels, box, deficiency) for badge, box in item.badge_boxes()}
    assert corners["pser"] >= 0.9   # square corner: filled right up to the corner
    assert corners["ptyr"] <= 0.2   # round end: the corner is background


@pytest.mark.parametrize("deficiency", DEFICIENCIES)
def test_present_and_absent_badges_differ_in_lightness(qapp, pathway, deficiency):
    """A present badge is solid dark, an absent one white inside: lightness, not hue, says which."""
    for level, dark in ((1.0, True), (0.0, False)):
        item, pixels = badge_pixels(pathway, level)
        for badge, box in item.badge_boxes():
            origin = item.boundingRect().topLeft()
            r = QRectF(box.topLeft() - origin, box.size())
            # A strip above the letters inside the badge: badge fill only.
            y = int((r.top() + 3) * SCALE)
            strip = pixels[y, int((r.left() + r.height() / 2) * SCALE):int((r.right() - r.height() / 2) * SCALE)]
            mean = float(np.mean(luminance(simulate(strip, deficiency))))
            assert (mean < 0.15) if dark else (mean > 0.8), (badge.label, level, mean)
