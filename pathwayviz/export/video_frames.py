"""Video frames: the slide's static layer once per step, then pulses, molecules and the readout panel.

Drawing only what moves keeps a 1080p frame to a few milliseconds; the static layer is painted
into one image reused for every step, so memory stays flat over a whole lesson.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..model.scenario import format_clock
from ..sim.live import LiveSimulation
from ..theme.fonts import font_family
from .frame import SlideFrame
from .slide import SlideExporter
from .slide_options import SlideOptions
from .video_options import VideoOptions


class VideoFrameRenderer:
    """Draws video frames: a static layer per step, then pulses, molecules and the readout panel.

    The static layer (background, compartments, edges, title, caption, legend, footer) comes from
    the slide exporter with the molecules hidden, framed as the scene's :class:`SlideFrame` says
    (a lesson step's zoom included); only what moves is drawn per frame, through the same framing,
    and a zoomed frame's cut edges are faded again over it.
    """

    def __init__(self, live: LiveSimulation, options: VideoOptions, scene: PathwayScene | None = None,
                 target: QImage | None = None):
        """``target`` is the image frames are painted into (the encoder's shared page); default a new one."""
        self.live = live
        self.options = options
        self.scene = scene or PathwayScene(live.pathway, THEMES[options.theme])
        self.image = target if target is not None else QImage(options.width, options.height, QImage.Format_RGB32)
        self.base: QImage | None = None
        self.slide: SlideExporter | None = None
        self.time_zero = 0.0
        self.scenario = None  # the scenario the scene plays (set per scene): the overlay reads its clock
        self._option = QStyleOptionGraphicsItem()

    def begin_scene(self, frame: SlideFrame, keep_clock: bool = False) -> None:
        """Start a scene: the slide's static layer of ``frame`` (its texts, highlight, zoom, settings);
        ``keep_clock`` for a scene continuing the one before (the next region of a step), whose
        "minutes after the change" run on."""
        o = self.options
        slide_options = SlideOptions(o.width, o.height, o.theme, include_plots=False)
        self.slide = SlideExporter(frame, slide_options, scene=self.scene)
        if self.base is None:
            self.base = QImage(o.width, o.height, QImage.Format_RGB32)
        # Painted into the same buffer every step: a new 8 MB image per step fragments the heap.
        self.base.fill(QColor(self.scene.theme.background))
        nodes = self.scene.node_layer
        nodes.setVisible(False)
        painter = QPainter(self.base)
        try:
            self.slide.paint(painter, crop_fade=False)  # faded over each frame instead
        finally:
            painter.end()
            nodes.setVisible(True)
        if not keep_clock:
            self.time_zero = self.live.time

    def frame(self, pulse_minutes: float) -> QImage:
        """The current state as a frame; pulses travel ``pulse_minutes`` worth of flux since the last."""
        live, scene, lay = self.live, self.scene, self.slide.layout
        scene.apply_snapshot(live.snapshot(), pulse_minutes, live.ymax)
        painter = QPainter(self.image)
        try:
            painter.drawImage(0, 0, self.base)
            painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing)
            painter.scale(lay.scale, lay.scale)
            painter.save()
            src, dst = lay.diagram_source, lay.diagram_target
            painter.setClipRect(dst)
            painter.translate(dst.left(), dst.top())
            painter.scale(dst.width() / src.width(), dst.height() / src.height())
            painter.translate(-src.left(), -src.top())
            for item in (scene.pulses, scene.node_layer):
                self._option.exposedRect = item.boundingRect()
                item.paint(painter, self._option, None)
            painter.restore()
            self.slide.paint_crop_fade(painter)
            self._paint_readouts(painter)
        finally:
            painter.end()
        return self.image

    def clock_text(self) -> str:
        """"t = 4.5 min after the change", or in a scenario its clock: "08:30 · 30 min in" (· asleep)."""
        live, s = self.live, self.scenario
        if s is None:
            return f"t = {live.time - self.time_zero:.1f} min after the change"
        text = f"{format_clock(s.clock(live.time))} · {live.time:.0f} min in"
        return text + " · asleep" if s.asleep(live.time) else text

    def _paint_readouts(self, painter: QPainter) -> None:
        """Simulated time and each readout as a bar with its healthy reference marked."""
        lay, live = self.slide.layout, self.live
        theme = self.scene.theme
        top, bottom = lay.legend.bottom() + 28, lay.footer.top() - 16
        left, width = lay.side.left(), lay.side.width()
        family = font_family()
        font = _font(family, 22, bold=True)
        small = _font(family, 20)
        fm, fs = QFontMetricsF(font), QFontMetricsF(small)
        if bottom - top < fm.lineSpacing():
            return
        text = QColor(theme.text)
        painter.setFont(font)
        painter.setPen(text)
        painter.drawText(QPointF(left, top + fm.ascent()), self.clock_text())
        y = top + fm.lineSpacing() + 10
        row = fs.lineSpacing() + 22
        bar_h = 14.0
        for readout in live.pathway.readouts:
            if y + row > bottom:
                break
            value = live.value(readout.species)
            healthy = live.value(readout.species, live.healthy)
            painter.setFont(small)
            painter.setPen(text)
            painter.drawText(QPointF(left, y + fs.ascent()), fs.elidedText(readout.label, Qt.ElideRight, width - 70))
            number = f"{value:.2f}"
            painter.drawText(QPointF(left + width - fs.horizontalAdvance(number), y + fs.ascent()), number)
            bar = QRectF(left, y + fs.lineSpacing() + 3, width, bar_h)
            painter.setPen(QPen(QColor("#8c8c8c"), 1.0))
            painter.setBrush(QColor(theme.background))
            painter.drawRect(bar)
            painter.setPen(Qt.NoPen)
            painter.setBrush(text)
            painter.drawRect(QRectF(bar.left(), bar.top(), bar.width() * min(max(value, 0.0), 1.0), bar_h))
            # The healthy reference as a tall tick, so a gap between the two reads without colour.
            x = bar.left() + bar.width() * min(max(healthy, 0.0), 1.0)
            painter.setPen(QPen(QColor(theme.highlight), 4.0, Qt.SolidLine, Qt.FlatCap))
            painter.drawLine(QPointF(x, bar.top() - 5), QPointF(x, bar.bottom() + 5))
            y += row
        if y + fs.lineSpacing() <= bottom:
            painter.setFont(small)
            painter.setPen(text)
            painter.drawText(QPointF(left, y + fs.ascent()), "bar: now · tick: healthy reference")


def _font(family: str, px: float, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPixelSize(round(px))
    font.setBold(bold)
    font.setHintingPreference(QFont.PreferNoHinting)
    return font
