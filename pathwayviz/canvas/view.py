"""The view onto the diagram: zoom (wheel, pinch, keys), pan by drag, fit to window, smooth zooms."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QEvent, QRectF, Qt, QVariantAnimation
from PySide6.QtGui import QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from .scene import PathwayScene


class PathwayView(QGraphicsView):
    MIN_SCALE = 0.1
    MAX_SCALE = 8.0

    def __init__(self, scene: PathwayScene, parent=None):
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        # With the static layer cached, repainting the whole viewport is cheaper than
        # computing minimal regions for hundreds of moving pulses (DESIGN.md §8).
        self.setViewportUpdateMode(QGraphicsView.FullViewportUpdate)
        self.setCacheMode(QGraphicsView.CacheBackground)
        scene.theme_changed.connect(self.resetCachedContent)
        self.setDragMode(QGraphicsView.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.AnchorViewCenter)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAsNeeded)
        self.viewport().grabGesture(Qt.PinchGesture)
        self.auto_fit = True
        self._zoom_anim = QVariantAnimation(self)
        self._zoom_anim.setDuration(700)
        self._zoom_anim.setEasingCurve(QEasingCurve.InOutCubic)
        self._zoom_anim.valueChanged.connect(self._apply_rect)

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
        self._zoom_anim.stop()
        self._zoom_anim.setStartValue(self.visible_scene_rect())
        self._zoom_anim.setEndValue(rect)
        self._zoom_anim.start()

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
