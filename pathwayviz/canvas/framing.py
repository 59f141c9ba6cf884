"""How a lesson step frames the diagram: the one rule the window, presentation mode, slides, videos
and deck pictures share.

A step's ``zoom`` names species; the frame is the bounding box of everything they draw (node,
badges, tag, rings) with a :data:`FRAME_MARGIN` of context around it, never less than
:data:`MIN_ZOOM_SHARE` of the diagram's width and height nor less than :data:`MIN_FRAME` scene
units (whichever floor is smaller: a zoom is at most about twice the whole-diagram scale, and a
growing pathway's zooms still reach 32 px labels on a projector), kept inside the diagram. No zoom
frames the whole diagram. The view fits that rectangle into its viewport keeping the aspect ratio;
exporters that draw into a box of another shape widen the frame the same way with
:func:`framed_source`, keeping the framed species clear of their faded edges.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF

# A step's zoom never frames less than this share of the diagram (nor less than MIN_FRAME scene
# units, whichever is smaller), so the context stays in view and the zoom is at most about twice the
# whole-diagram scale; the absolute floor keeps a growing pathway's zooms legible on a projector.
MIN_ZOOM_SHARE = 0.5
MIN_FRAME = (900.0, 500.0)
FRAME_MARGIN = 24.0  # context round everything the framed species draw (their badges and rings included)


def step_framing(scene, zoom) -> QRectF:
    """The scene rectangle a step with ``zoom`` (species ids; empty: none) frames in ``scene``."""
    whole = scene.diagram_rect()
    if not zoom:
        return whole
    rect = scene.species_bounds(zoom, margin=FRAME_MARGIN)
    w = max(rect.width(), min(whole.width() * MIN_ZOOM_SHARE, MIN_FRAME[0]))
    h = max(rect.height(), min(whole.height() * MIN_ZOOM_SHARE, MIN_FRAME[1]))
    rect = QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h)
    dx = max(0.0, whole.left() - rect.left()) - max(0.0, rect.right() - whole.right())
    dy = max(0.0, whole.top() - rect.top()) - max(0.0, rect.bottom() - whole.bottom())
    return rect.translated(dx, dy).intersected(whole)


def framed_source(scene, zoom, aspect: float, border: float = 0.0) -> QRectF:
    """The step's frame widened to ``aspect`` (width / height) as a view fitting it shows it, then
    shifted to show as much of the diagram as it can.

    ``border`` (a share of the width) is a band on every side left for faded edges: the framed
    species themselves, badges and tags included, stay inside the unfaded part (the frame's margin
    of context may fade)."""
    frame = step_framing(scene, zoom)
    inner = scene.species_bounds(zoom).intersected(scene.diagram_rect()) if zoom else frame
    # The smallest source of this aspect holding the frame, whose part inside the border holds the species.
    width = max(frame.width(), frame.height() * aspect,
                inner.width() / (1 - 2 * border), inner.height() / (1 / aspect - 2 * border))
    rect = QRectF(0, 0, width, width / aspect)
    # Centred on the species (the frame may have been shifted to stay inside the diagram); shifting
    # back inside only uncovers a diagram edge, which is not faded.
    rect.moveCenter(inner.center())
    return keep_inside(rect, scene.diagram_rect())


def expand_to_aspect(rect: QRectF, aspect: float) -> QRectF:
    """``rect`` grown (never shrunk) about its centre to width / height = ``aspect``."""
    r = QRectF(rect)
    if r.width() / max(r.height(), 1e-9) < aspect:
        w = r.height() * aspect
        r.adjust(-(w - r.width()) / 2, 0, (w - r.width()) / 2, 0)
    else:
        h = r.width() / aspect
        r.adjust(0, -(h - r.height()) / 2, 0, (h - r.height()) / 2)
    return r


def keep_inside(rect: QRectF, bounds: QRectF) -> QRectF:
    """Shift (never shrink) ``rect`` so it shows as much of ``bounds`` as it can."""
    r = QRectF(rect)
    if r.width() <= bounds.width():
        if r.left() < bounds.left():
            r.moveLeft(bounds.left())
        elif r.right() > bounds.right():
            r.moveRight(bounds.right())
    else:
        r.moveCenter(QPointF(bounds.center().x(), r.center().y()))
    if r.height() <= bounds.height():
        if r.top() < bounds.top():
            r.moveTop(bounds.top())
        elif r.bottom() > bounds.bottom():
            r.moveBottom(bounds.bottom())
    else:
        r.moveCenter(QPointF(r.center().x(), bounds.center().y()))
    return r
