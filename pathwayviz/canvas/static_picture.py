"""A picture of what never moves (fill, compartments, edges) at the view's zoom, for quick repairs.

When one node's look changes, its region of the view's cached background is redrawn. Painting
the compartments and edges there again would rasterise whole compartment outlines and every
edge crossing it; copying that region from this picture costs a few microseconds instead.

The picture is drawn in the view's device coordinates with the view's own transform, so copying
it back is pixel-for-pixel what direct drawing gives. It covers the visible area plus a margin,
so scrolling (whole-pixel shifts) reuses it; a new zoom, a scroll past the margin or a theme
change draws it again. Zoomed far in, where it would be huge, it is not used (direct drawing).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtGui import QPainter, QPixmap, QTransform

MARGIN = 0.25        # of the viewport's size, on each side
MAX_PIXELS = 4 * 1920 * 1080 * 2  # beyond this the picture is not worth its memory (~66 MB)


class StaticPicture:
    """The static layers of one view, drawn once per zoom."""

    def __init__(self):
        self._pixmap: QPixmap | None = None
        self._transform: QTransform | None = None  # the view transform it was drawn with
        self._device = QRect()  # what it covers, in that transform's device pixels

    def clear(self) -> None:
        self._pixmap, self._transform, self._device = None, None, QRect()

    def draw(self, painter: QPainter, rect: QRectF, view) -> bool:
        """Copy the picture under ``rect`` (scene) into ``painter``; False when it cannot be used."""
        t = painter.worldTransform()
        if t.m12() or t.m21() or painter.device().devicePixelRatioF() != 1.0:
            return False
        wanted = t.mapRect(rect).toAlignedRect()
        shift = self._shift(t)
        if shift is None or not self._device.translated(shift).contains(wanted):
            if not self._redraw(t, wanted, view):
                return False
            shift = QPoint(0, 0)
        painter.save()
        try:
            painter.resetTransform()
            painter.drawPixmap(self._device.topLeft() + shift, self._pixmap)
        finally:
            painter.restore()
        return True

    def _shift(self, t: QTransform) -> QPoint | None:
        """The whole-pixel offset between ``t`` and the picture's transform, or None if they differ
        in scale or by a fraction of a pixel."""
        old = self._transform
        if old is None or self._pixmap is None or (old.m11(), old.m22()) != (t.m11(), t.m22()):
            return None
        dx, dy = t.dx() - old.dx(), t.dy() - old.dy()
        if abs(dx - round(dx)) > 1e-6 or abs(dy - round(dy)) > 1e-6:
            return None
        return QPoint(round(dx), round(dy))

    def _redraw(self, t: QTransform, wanted: QRect, view) -> bool:
        scene = view.pathway_scene()
        port = view.viewport().rect()
        mx, my = math.ceil(port.width() * MARGIN), math.ceil(port.height() * MARGIN)
        area = port.adjusted(-mx, -my, mx, my).united(wanted)
        content = t.mapRect(scene.diagram_rect()).toAlignedRect().adjusted(-2, -2, 2, 2)
        device = area.intersected(content.united(wanted))
        if device.isEmpty() or device.width() * device.height() > MAX_PIXELS:
            self.clear()
            return False
        pixmap = QPixmap(device.size())
        p = QPainter(pixmap)
        try:
            p.setRenderHints(view.renderHints())
            p.setTransform(t * QTransform.fromTranslate(-device.left(), -device.top()))
            scene.paint_background(p, t.inverted()[0].mapRect(QRectF(device)), with_nodes=False)
        finally:
            p.end()
        self._pixmap, self._transform, self._device = pixmap, QTransform(t), device
        return True
