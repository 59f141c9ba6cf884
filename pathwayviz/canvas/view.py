"""The view onto the diagram: zoom (wheel, pinch, keys), pan by drag, fit to window, smooth zooms.

From the keyboard: arrow keys move the selection along the diagram's edges, the Menu key and
Shift+F10 open the selected node's menu, and a focus frame shows when the diagram has the focus.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QKeyEvent, QPainter, QPen, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from .accessible import announce_focus, install_accessibility
from .edges import rects_array
from .pulses import NODES_IN_BACKGROUND
from .scene import PathwayScene
from .static_picture import StaticPicture
from .style import FOCUS_FRAME

ARROWS = {Qt.Key_Left: (-1.0, 0.0), Qt.Key_Right: (1.0, 0.0), Qt.Key_Up: (0.0, -1.0), Qt.Key_Down: (0.0, 1.0)}


class PathwayView(QGraphicsView):
    MIN_SCALE = 0.1
    MAX_SCALE = 8.0
    ZOOM_SECONDS = 0.7

    def __init__(self, scene: PathwayScene, parent=None):
        super().__init__(scene, parent)
        self._scene = scene  # QGraphicsView does not own its scene: keep the Python object alive
        # A viewport made here, the same plain QWidget Qt would make: reading back one that Qt made
        # has PySide6 load every QWidget subclass it knows to find its type (about 13 ms at start-up).
        self.setViewport(QWidget())
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        # Compartments, edges and nodes are this view's cached background (see drawBackground):
        # a frame blits it and draws the pulses over it. With that, repainting the whole viewport
        # is cheaper than computing minimal regions for hundreds of moving pulses (DESIGN.md §8).
        self.setViewportUpdateMode(QGraphicsView.FullViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheBackground)
        self.viewport().setProperty(NODES_IN_BACKGROUND, True)
        self._static = StaticPicture()
        scene.theme_changed.connect(self._static.clear)
        scene.theme_changed.connect(self.resetCachedContent)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.viewport().grabGesture(Qt.PinchGesture)
        self.auto_fit = True
        # Smooth zooms are stepped by the window's one clock (advance_zoom), never by a timer of
        # their own: paused, nothing moves (a zoom asked for then is applied at once).
        self.zoom_clock_running = False
        self._zoom_from: QRectF | None = None
        self._zoom_target: QRectF | None = None
        self._zoom_done = 0.0
        self._zoom_easing = QEasingCurve(QEasingCurve.InOutCubic)
        self.setFocusPolicy(Qt.StrongFocus)
        self.focus_frame_shown = True  # off while presenting: the projector shows no keyboard focus
        self._menu_opened_by_key = False
        install_accessibility(PathwayView)

    def pathway_scene(self) -> PathwayScene:
        return self.scene()

    def fit(self) -> None:
        self.auto_fit = True
        self._fit_rect(self.pathway_scene().diagram_rect())

    def _fit_rect(self, rect: QRectF) -> None:
        self.setSceneRect(self.pathway_scene().diagram_rect().united(rect))
        self.fitInView(rect, Qt.KeepAspectRatio)

    def _apply_rect(self, rect) -> None:
        self.fitInView(rect, Qt.KeepAspectRatio)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def zoom_to(self, rect: QRectF, animate: bool = True) -> None:
        """Smoothly pan/zoom so ``rect`` fills the view."""
        self.auto_fit = False
        self.setSceneRect(self.pathway_scene().diagram_rect().united(rect))
        if not animate:
            self._apply_rect(rect)
            return
        if not self.zoom_clock_running:
            self._zoom_target = None
            self._apply_rect(rect)
            return
        self._zoom_from, self._zoom_target, self._zoom_done = self.visible_scene_rect(), QRectF(rect), 0.0

    def is_zooming(self) -> bool:
        return self._zoom_target is not None

    def advance_zoom(self, seconds: float) -> None:
        """Move a smooth zoom on by ``seconds`` of real time (it takes ZOOM_SECONDS in all)."""
        if self._zoom_target is None:
            return
        self._zoom_done = min(1.0, self._zoom_done + max(0.0, seconds) / self.ZOOM_SECONDS)
        f = self._zoom_easing.valueForProgress(self._zoom_done)
        a, b = self._zoom_from, self._zoom_target
        self._apply_rect(QRectF(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f,
                                a.width() + (b.width() - a.width()) * f, a.height() + (b.height() - a.height()) * f))
        if self._zoom_done >= 1.0:
            self._zoom_target = None

    def finish_zoom(self) -> None:
        """Jump to the end of a smooth zoom (the clock stopped)."""
        if self._zoom_target is not None:
            self.advance_zoom(self.ZOOM_SECONDS)

    def zoom_by(self, factor: float) -> None:
        current = self.transform().m11()
        target = min(self.MAX_SCALE, max(self.MIN_SCALE, current * factor))
        if current > 0:
            self.auto_fit = False
            self.scale(target / current, target / current)

    def current_scale(self) -> float:
        return self.transform().m11()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(1.15 ** steps)
        event.accept()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Gesture:
            pinch = event.gesture(Qt.PinchGesture)
            if pinch is not None:
                self.zoom_by(pinch.scaleFactor())
                return True
        return super().viewportEvent(event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    # -- keyboard --------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        self._menu_opened_by_key = False
        if key in ARROWS and not mods & (Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier):
            self.move_selection(*ARROWS[key])
            event.accept()
            return
        if key == Qt.Key_Menu or (key == Qt.Key_F10 and mods & Qt.ShiftModifier):
            self._menu_opened_by_key = self.open_menu_of_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def move_selection(self, dx: float, dy: float) -> str | None:
        """Select the neighbour in direction (dx, dy), bring it into view; returns its id."""
        scene = self.pathway_scene()
        target = scene.neighbour_towards(scene.selected_species(), dx, dy)
        if target is None:
            return None
        scene.species_clicked.emit(target)  # the window selects it and shows its card, as a click does
        if scene.selected_species() != target:  # a scene without a window listening
            scene.select_species(target)
        self.ensureVisible(scene.molecules[target].node_rect(), 40, 40)
        announce_focus(self, target)
        return target

    def open_menu_of_selection(self) -> bool:
        scene = self.pathway_scene()
        sid = scene.selected_species()
        if sid is None:
            return False
        rect = self.mapFromScene(scene.molecules[sid].node_rect()).boundingRect()
        scene.species_context_requested.emit(sid, self.viewport().mapToGlobal(QPoint(rect.center().x(),
                                                                                     rect.bottom())))
        return True

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Keyboard:
            # The key press already opened it when the platform sends both for the Menu key.
            if not self._menu_opened_by_key:
                self.open_menu_of_selection()
            self._menu_opened_by_key = False
            event.accept()
            return
        super().contextMenuEvent(event)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    MAX_REGION_RECTS = 64  # past this many pieces, culling against their bounding rect is cheaper

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        """Compartments, edges and nodes, into the background cache.

        Compartments and edges come from a picture of their own (``StaticPicture``), so when a
        node's look changes Qt redraws just that node's region: a copy from the picture, then the
        few nodes that cross it (the painter's clip tells which parts are being redrawn).
        """
        regions = None
        if painter.hasClipping():
            clip = painter.clipRegion()  # in scene coordinates (the painter has the view's transform)
            if 0 < clip.rectCount() <= self.MAX_REGION_RECTS:
                pad = 2.0 / max(self.current_scale(), 1e-3)
                regions = [QRectF(r).adjusted(-pad, -pad, pad, pad) for r in clip]
        scene = self.pathway_scene()
        if not self._static.draw(painter, rect, self):
            scene.paint_background(painter, rect, regions, with_nodes=False)
        scene.node_layer.paint_nodes(painter, rects_array(regions) if regions else rects_array([rect]))

    def show_focus_frame(self, shown: bool) -> None:
        """Whether the focus frame may show (presentation mode hides it from the room)."""
        self.focus_frame_shown = shown
        self.viewport().update()

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        """A focus frame round the viewport while the diagram has the keyboard focus (and may show it)."""
        if not (self.focus_frame_shown and self.hasFocus()):
            return
        painter.save()
        painter.resetTransform()
        width = 4
        painter.setPen(QPen(QColor(FOCUS_FRAME), width))
        painter.setBrush(Qt.NoBrush)
        painter.drawRect(self.viewport().rect().adjusted(width // 2, width // 2, -width // 2, -width // 2))
        painter.restore()
