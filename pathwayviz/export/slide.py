"""Slides: the diagram with title, caption, legend, time courses and references, as one 16:9 picture.

The layout is designed on a 1920×1080 canvas and drawn through an explicit scale into an image
sized in physical pixels, so a 3840×2160 slide is the same slide, twice as sharp, whatever the
screen's pixel ratio. A slide renders an immutable :class:`SlideFrame` (the state, highlight, zoom,
title and caption) and nothing time-dependent (no clock, no pulse phase): the same frame and size
give the same bytes. A zoomed frame is framed by the lesson's one rule (``canvas.framing``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QGuiApplication, QImage, QLinearGradient, QPainter, QPen

from ..canvas.framing import framed_source
from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..sim.describe import describe_state as describe_state_in_words
from ..sim.live import LiveSimulation
from ..sim.perturbations import acted_on, tags_in_use
from .frame import SlideFrame, SlideTraces
from .slide_legend import SlideLegend
from .slide_options import SlideOptions
from .slide_plots import SlidePlots
from .slide_text import elide_list, reference_keys, short_citation, slide_font, wrap_lines
from .slide_typography import TYPOGRAPHY

BASE_WIDTH, BASE_HEIGHT = 1920, 1080
CAPTION_INSET = 22.0  # the caption sits right of an accent bar
FADE = 40.0           # soft edge of a zoomed (cropped) diagram, in layout units


@dataclass
class SlideLayout:
    """Where everything goes, in logical units (1920 wide for 16:9) and the scale to pixels."""

    scale: float
    canvas: QRectF
    title_lines: list[str] = field(default_factory=list)
    caption_lines: list[str] = field(default_factory=list)
    title_top: float = 0.0
    caption_top: float = 0.0
    caption_px: int = 0
    side: QRectF = field(default_factory=QRectF)
    diagram_target: QRectF = field(default_factory=QRectF)
    diagram_source: QRectF = field(default_factory=QRectF)
    legend: QRectF = field(default_factory=QRectF)
    plots: QRectF = field(default_factory=QRectF)
    footer: QRectF = field(default_factory=QRectF)

    def diagram_target_pixels(self) -> QRectF:
        """Where the diagram lands on the image, in physical pixels."""
        d, s = self.diagram_target, self.scale
        return QRectF(d.x() * s, d.y() * s, d.width() * s, d.height() * s)

    def scene_to_image(self, rect: QRectF) -> QRectF:
        """A scene rectangle in physical image pixels (e.g. a species' node on the slide)."""
        src, dst = self.diagram_source, self.diagram_target
        sx, sy = dst.width() / src.width(), dst.height() / src.height()
        x = dst.left() + (rect.left() - src.left()) * sx
        y = dst.top() + (rect.top() - src.top()) * sy
        return QRectF(x * self.scale, y * self.scale, rect.width() * sx * self.scale, rect.height() * sy * self.scale)


# -- the exporter -----------------------------------------------------------------------------------
class SlideExporter:
    """Composes one slide from an immutable :class:`SlideFrame`, drawn through a scene of its own.

    ``scene`` defaults to a fresh PathwayScene of the pathway in the options' theme; a caller
    exporting many slides may hand in one it keeps for exports (never the window's scene: the
    exporter sets its state, theme and highlight). The frame's ``zoom`` names species to frame
    instead of the whole diagram; its ``highlight`` outlines species and picks the footer's references;
    its ``title`` and ``caption`` are the texts drawn (``options`` says how the slide looks).
    """

    def __init__(self, frame: SlideFrame, options: SlideOptions | None = None, scene: PathwayScene | None = None):
        self.frame = frame
        self.pathway = frame.pathway
        self.options = options or SlideOptions()
        theme = THEMES[self.options.theme]
        if scene is None:
            scene = PathwayScene(self.pathway, theme)
        elif scene.theme.name != theme.name:
            scene.set_theme(theme)
        self.scene = scene
        self.highlight = frame.highlight
        self.zoom = frame.zoom
        self.type = TYPOGRAPHY[self.options.theme]
        self.legend = SlideLegend(self.pathway, theme, self.type, tags_in_use(self.pathway, frame.perturbations),
                                  bool(frame.highlight))
        self.plots = SlidePlots(self.pathway, frame.traces or SlideTraces(np.array([frame.snapshot.time]), {}),
                                frame.time_label, theme, self.type, self.options.transparent)
        self.layout = self.compute_layout()

    @classmethod
    def of_live(cls, live: LiveSimulation, options: SlideOptions | None = None, scene: PathwayScene | None = None,
                highlight=(), zoom=(), plot_species=None, time_label: str = "of simulation",
                at_time: float | None = None, title: str | None = None,
                caption: str | None = None) -> "SlideExporter":
        """The slide of ``live`` as it is now (or at ``at_time``): captures a frame, then forgets ``live``.

        The texts default to what the user typed into the slide options (``options.title``/``caption``).
        """
        options = options or SlideOptions()
        frame = SlideFrame.capture(live, highlight, zoom, plot_species, time_label, at_time,
                                   options.title if title is None else title,
                                   options.caption if caption is None else caption,
                                   traces=options.include_plots)
        return cls(frame, options, scene)

    # -- public API -------------------------------------------------------------------------------
    def render(self) -> QImage:
        """The slide as a QImage of exactly width × height physical pixels."""
        o = self.options
        if o.transparent:
            image = QImage(o.width, o.height, QImage.Format_ARGB32_Premultiplied)
            image.fill(Qt.transparent)
        else:
            # Opaque slides skip the alpha channel: smaller files and a faster PNG encode.
            image = QImage(o.width, o.height, QImage.Format_RGB32)
            image.fill(QColor(self.scene.theme.background))
        painter = QPainter(image)
        try:
            self.paint(painter)
        finally:
            painter.end()
        return image

    def save_png(self, path) -> Path:
        """Render and write atomically; raises WriteError with a message naming the path."""
        from .writer import PNG_QUALITY, write_png

        return write_png(self.render(), path, PNG_QUALITY, self.alt_text())

    def export_svg(self, path) -> Path:
        """Write the slide as SVG (text stays text, shapes stay shapes) for editing elsewhere."""
        from .writer import write_svg

        return write_svg(self, path)

    def alt_text(self) -> str:
        """What the slide shows, in words (for the PNG Description chunk, SVG <desc>, deck alt text)."""
        f = self.frame
        state = describe_state_in_words(self.pathway, f.perturbations, f.snapshot.state, f.snapshot.healthy).text
        title = f.title or self.pathway.title
        return f"{title}. Diagram of {self.pathway.title}. {state}"

    def to_clipboard(self) -> QImage:
        image = self.render()
        QGuiApplication.clipboard().setImage(image)
        return image

    def paint(self, painter: QPainter, crop_fade: bool = True) -> None:
        """Draw the slide on any paint device sized width × height (image, SVG generator).

        ``crop_fade`` False leaves a zoomed diagram's edges unfaded, for a caller that draws more
        over the diagram and fades the edges after (:meth:`paint_crop_fade`, as the video does).
        """
        lay = self.layout
        painter.save()
        try:
            painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
            painter.scale(lay.scale, lay.scale)
            self._paint_header(painter)
            self._paint_diagram(painter)
            if crop_fade:
                self.paint_crop_fade(painter)
            self.legend.paint(painter, lay.legend)
            if self.options.include_plots and not lay.plots.isEmpty():
                self.plots.paint(painter, lay.plots)
            self._paint_footer(painter)
        finally:
            painter.restore()

    # -- layout -----------------------------------------------------------------------------------
    def compute_layout(self) -> SlideLayout:
        """Title across the top; diagram left at full height; caption, legend and plots on the right."""
        o, ty = self.options, self.type
        scale = min(o.width / BASE_WIDTH, o.height / BASE_HEIGHT)
        cw, ch = o.width / scale, o.height / scale
        lay = SlideLayout(scale, QRectF(0, 0, cw, ch))
        margin, gap = 40.0, 24.0
        inner_w = cw - 2 * margin
        top = margin
        title, caption = self.frame.title, self.frame.caption
        if title:
            font = slide_font(ty.title, True)
            lay.title_lines = wrap_lines(title, font, inner_w, 2)
            lay.title_top = margin - 8
            top = lay.title_top + QFontMetricsF(font).lineSpacing() * len(lay.title_lines) + gap * 0.6
        footer_h = QFontMetricsF(slide_font(ty.footer)).lineSpacing() + 10
        lay.footer = QRectF(margin, ch - margin * 0.6 - footer_h, inner_w, footer_h)
        bottom = lay.footer.top() - gap * 0.6
        side_w = 460.0 if o.include_plots else 440.0
        side_left = cw - margin - side_w
        y = top
        if caption:
            size = ty.caption
            lines = wrap_lines(caption, slide_font(size), side_w - CAPTION_INSET, 8)
            while lines and lines[-1].endswith("…") and size > ty.caption * 0.75:  # shrink before eliding
                size -= 1
                lines = wrap_lines(caption, slide_font(size), side_w - CAPTION_INSET, 8)
            lay.caption_px = size
            lay.caption_lines = lines
            lay.caption_top = y
            y += QFontMetricsF(slide_font(size)).lineSpacing() * len(lines) + gap
        legend_h = self.legend.height()
        lay.legend = QRectF(side_left, y, side_w, legend_h)
        y += legend_h + gap
        if o.include_plots and bottom - y >= 150:
            lay.plots = QRectF(side_left, y, side_w, bottom - y)
        area = QRectF(margin, top, max(1.0, side_left - gap * 1.5 - margin), max(1.0, bottom - top))
        lay.side = QRectF(side_left, top, side_w, bottom - top)
        lay.diagram_source, lay.diagram_target = self._fit_diagram(area)
        return lay

    def _fit_diagram(self, area: QRectF) -> tuple[QRectF, QRectF]:
        full = self.scene.diagram_rect()
        if self.zoom:
            # The step's frame as the presentation shows it, widened to the area's shape, with room
            # for the faded edges so the zoomed species themselves stay crisp.
            source = framed_source(self.scene, self.zoom, area.width() / area.height(), FADE / area.width())
            return source, area
        aspect = full.width() / full.height()
        if area.width() / area.height() > aspect:
            w = area.height() * aspect
            target = QRectF(area.left() + (area.width() - w) / 2, area.top(), w, area.height())
        else:
            h = area.width() / aspect
            target = QRectF(area.left(), area.top() + (area.height() - h) / 2, area.width(), h)
        return full, target

    # -- header and footer ------------------------------------------------------------------------
    def _text_colour(self) -> QColor:
        return QColor(self.scene.theme.text)

    def _paint_header(self, painter: QPainter) -> None:
        lay, ty = self.layout, self.type
        if lay.title_lines:
            font = slide_font(ty.title, True)
            fm = QFontMetricsF(font)
            painter.setFont(font)
            painter.setPen(self._text_colour())
            y = lay.title_top
            for line in lay.title_lines:
                painter.drawText(QPointF(lay.footer.left(), y + fm.ascent()), line)
                y += fm.lineSpacing()
        if lay.caption_lines:
            font = slide_font(lay.caption_px)
            fm = QFontMetricsF(font)
            x = lay.side.left()
            height = fm.lineSpacing() * len(lay.caption_lines)
            painter.setPen(Qt.NoPen)
            painter.setBrush(QColor(self.scene.theme.highlight))
            painter.drawRoundedRect(QRectF(x, lay.caption_top + 4, 7, height - 8), 3, 3)
            painter.setFont(font)
            painter.setPen(self._text_colour())
            y = lay.caption_top
            for line in lay.caption_lines:
                painter.drawText(QPointF(x + CAPTION_INSET, y + fm.ascent()), line)
                y += fm.lineSpacing()

    def footer_text(self) -> tuple[str, str]:
        """(left, right) footer texts: references and the model's provenance."""
        if self.options.footer:
            return self.options.footer, ""
        keys = reference_keys(self.pathway, self.highlight or self._perturbed_species())
        refs = " · ".join(short_citation(self.pathway.references[k]) for k in keys)
        left = f"References: {refs}" if refs else ""
        return left, "PathwayViz · normalized-Hill model (Kraeutler et al. 2010)"

    def _perturbed_species(self) -> list[str]:
        return acted_on(self.pathway, self.frame.perturbations)

    def _paint_footer(self, painter: QPainter) -> None:
        lay, ty = self.layout, self.type
        rect = lay.footer
        painter.setPen(QPen(QColor("#999999"), 1.0))
        painter.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
        font = slide_font(ty.footer)
        fm = QFontMetricsF(font)
        painter.setFont(font)
        painter.setPen(QColor("#444444") if self.options.theme == "light" else QColor("#1a1a1a"))
        left, right = self.footer_text()
        base = rect.top() + 8 + fm.ascent()
        right_w = fm.horizontalAdvance(right) if right else 0.0
        if right:
            painter.drawText(QPointF(rect.right() - right_w, base), right)
        if left:
            room = rect.width() - right_w - (30 if right else 0)
            painter.drawText(QPointF(rect.left(), base), elide_list(left, fm, room))

    # -- diagram ----------------------------------------------------------------------------------
    def _paint_diagram(self, painter: QPainter) -> None:
        lay = self.layout
        scene = self.scene
        scene.apply_snapshot(self.frame.snapshot, 0.0, self.frame.ymax)
        scene.show_perturbations(self.frame.perturbations)
        scene.set_highlight(self.highlight)
        pulses_visible = scene.pulses.isVisible()
        background = scene.backgroundBrush()
        scene.pulses.setVisible(False)  # moving dots have no fixed phase; a slide must not depend on time
        if self.options.transparent:
            scene.setBackgroundBrush(Qt.NoBrush)
        painter.save()
        try:
            painter.setClipRect(lay.diagram_target)
            scene.render(painter, lay.diagram_target, lay.diagram_source, Qt.IgnoreAspectRatio)
        finally:
            painter.restore()
            scene.setBackgroundBrush(background)
            scene.pulses.setVisible(pulses_visible)

    def paint_crop_fade(self, painter: QPainter) -> None:
        """On a zoomed (cropped) diagram, fade the cut edges so cut-off items read as a crop, not as
        clipping; nothing on a whole diagram. In layout units (after the layout's scale); a video
        paints it again over each frame's moving layer."""
        if not self.zoom:
            return
        lay = self.layout
        full, src = self.scene.diagram_rect(), lay.diagram_source
        cut = (src.left() > full.left() + 0.5, src.right() < full.right() - 0.5,
               src.top() > full.top() + 0.5, src.bottom() < full.bottom() - 0.5)
        self._fade_edges(painter, lay.diagram_target, cut)

    def _fade_edges(self, painter: QPainter, rect: QRectF, cut: tuple[bool, bool, bool, bool],
                    width: float = FADE) -> None:
        """Fade the (left, right, top, bottom) edges flagged in ``cut`` into the background."""
        to_clear = self.options.transparent and isinstance(painter.device(), QImage)
        edge = QColor(0, 0, 0, 255) if to_clear else QColor(self.scene.theme.background)
        clear = QColor(edge)
        clear.setAlpha(0)
        painter.save()
        painter.setPen(Qt.NoPen)
        if to_clear:
            painter.setCompositionMode(QPainter.CompositionMode_DestinationOut)
        elif self.options.transparent:  # an SVG cannot erase: frame the crop instead
            painter.setPen(QPen(QColor("#8c8c8c"), 2.0))
            painter.setBrush(Qt.NoBrush)
            painter.drawRect(rect)
            painter.restore()
            return
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        # (band, where the gradient starts opaque, where it has faded out)
        sides = ((QRectF(left, top, width, rect.height()), QPointF(left, 0), QPointF(left + width, 0)),
                 (QRectF(right - width, top, width, rect.height()), QPointF(right, 0), QPointF(right - width, 0)),
                 (QRectF(left, top, rect.width(), width), QPointF(0, top), QPointF(0, top + width)),
                 (QRectF(left, bottom - width, rect.width(), width), QPointF(0, bottom), QPointF(0, bottom - width)))
        for is_cut, (band, start, stop) in zip(cut, sides):
            if not is_cut:
                continue
            gradient = QLinearGradient(start, stop)
            gradient.setColorAt(0.0, edge)
            gradient.setColorAt(1.0, clear)
            painter.setBrush(QBrush(gradient))
            painter.drawRect(band)
        painter.restore()
