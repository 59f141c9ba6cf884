"""Where each compartment's title goes: along its top edge (inside the membrane band), clear of every
edge and node, so no curve runs through a panel's name.

A title is tried at its usual place (top left) first, then further along the top, then along the
bottom, then broken onto two lines in the same order; the first place no edge stroke, no node and
no compartment drawn over this one (an organelle inside a cell) touches wins. A compartment so crowded that no place is clear keeps its usual one.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPainterPath, QPainterPathStroker

from .items import CompartmentItem, make_font

STEP = 12.0        # scene units between the places tried along an edge
INSET = (14.0, 6.0)  # the title's distance from the compartment's left and top edges
MEMBRANE_INSET = 12.0
CLEARANCE = 4.0    # room kept between a title and a line passing it


def title_places(item: CompartmentItem, font_px: int) -> list[tuple[QRectF, str]]:
    """The (rectangle, text) places to try for ``item``'s title, in order of preference (scene
    coordinates): on one line along the top, then along the bottom; then a long title broken onto
    two lines (the membrane's band holds one line only)."""
    c = item.compartment
    fm = QFontMetricsF(make_font(font_px, bold=True))
    texts = [c.label]
    words = c.label.split()
    if c.kind != "membrane" and len(words) > 1:  # the most even two-line break
        texts.append(min((" ".join(words[:k]) + "\n" + " ".join(words[k:]) for k in range(1, len(words))),
                         key=lambda t: max(fm.horizontalAdvance(line) for line in t.split("\n"))))
    x, y, cw, ch = c.rect
    places = []
    for text in texts:
        lines = text.split("\n")
        w, h = max(fm.horizontalAdvance(line) for line in lines) + 2, fm.height() * len(lines)
        if c.kind == "membrane":
            rows, left, right = [y + (ch - h) / 2], x + MEMBRANE_INSET, x + cw - MEMBRANE_INSET - w
        else:
            rows, left, right = [y + INSET[1], y + ch - INSET[1] - h], x + INSET[0], x + cw - INSET[0] - w
        for top in rows:
            n = max(0, int((right - left) // STEP))
            places += [(QRectF(left + k * STEP, top, w, h), text) for k in range(n + 1)]
    return places


def place_titles(compartments: list[CompartmentItem], paths: list[QPainterPath], node_rects: list[QRectF],
                 edge_width: float, font_px: int) -> None:
    """Put every compartment's title at its first place clear of ``paths`` and ``node_rects``."""
    stroker = QPainterPathStroker()
    stroker.setWidth(edge_width + 2 * CLEARANCE)
    pad = edge_width + CLEARANCE
    bounds = _boxes([p.boundingRect().adjusted(-pad, -pad, pad, pad) for p in paths])
    nodes = _boxes(node_rects)
    strokes: dict[int, QPainterPath] = {}  # made only for edges that come near some title

    def clear(place: QRectF) -> bool:
        if _meets(nodes, place).any():
            return False
        for k in np.flatnonzero(_meets(bounds, place)):
            if k not in strokes:
                strokes[k] = stroker.createStroke(paths[k])
            if strokes[k].intersects(place):
                return False
        return True

    for item in compartments:
        places = title_places(item, font_px)
        inner = _nested_rects(item, compartments)
        item.set_title(*next((p for p in places if clear(p[0]) and not any(r.intersects(p[0]) for r in inner)),
                             places[0]))


def _boxes(rects: list[QRectF]) -> np.ndarray:
    """Rects as an n×4 array of left, top, right, bottom, leaving out empty ones (they meet nothing)."""
    boxes = np.array([(r.left(), r.top(), r.right(), r.bottom()) for r in rects], dtype=float).reshape(-1, 4)
    return boxes[(boxes[:, 2] != boxes[:, 0]) & (boxes[:, 3] != boxes[:, 1])]


def _meets(boxes: np.ndarray, place: QRectF) -> np.ndarray:
    """Which rows of ``boxes`` overlap ``place`` as QRectF.intersects decides (touching edges do not)."""
    return ((boxes[:, 0] < place.right()) & (place.left() < boxes[:, 2])
            & (boxes[:, 1] < place.bottom()) & (place.top() < boxes[:, 3]))


def _nested_rects(item: CompartmentItem, compartments: list[CompartmentItem]) -> list[QRectF]:
    """The rectangles of the other compartments drawn over ``item`` (any that do not contain it):
    a title under one of them would be covered (the ER box over the cell's name)."""
    own = QRectF(*item.compartment.rect)
    rects = [QRectF(*other.compartment.rect) for other in compartments if other is not item]
    return [r for r in rects if not r.contains(own)]
