"""Slides: the diagram with title, caption, legend, time courses and references, as one 16:9 picture.

The layout is designed on a 1920×1080 canvas and drawn through an explicit scale into an image
sized in physical pixels, so a 3840×2160 slide is the same slide, twice as sharp, whatever the
screen's pixel ratio. Nothing time-dependent is drawn (no clock, no pulse phase): the same state
and size give the same bytes.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import (QBrush, QColor, QFont, QFontMetricsF, QGuiApplication, QImage,
                           QLinearGradient, QPainter, QPainterPath, QPen, QPolygonF)

from ..canvas.items import draw_badge, edge_pen
from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES, activity_color
from ..model.pathway import Pathway
from ..sim.describe import describe_state as describe_state_in_words
from ..sim.live import LiveSimulation
from ..sim.perturbations import TAG_MEANING, Perturbations, acted_on, state_caption, tags_in_use
from ..theme.fonts import font_family
from ..theme.palette import HEALTHY_DASH, HEALTHY_LIGHTEN, PIN_COLOURS, lighter, readout_colours

BASE_WIDTH, BASE_HEIGHT = 1920, 1080
MAX_SIDE = 16384
MAX_IMAGE_BYTES = 1_000_000_000  # one RGBA buffer; PNG encoding needs about as much again
SIZE_PRESETS = ((1920, 1080), (3840, 2160))

class SlideError(ValueError):
    """Slide options that cannot work (bad size or theme); the message says what to use instead."""


# -- options -----------------------------------------------------------------------------------------
def parse_size(text: str) -> tuple[int, int]:
    """``"3840x2160"`` → ``(3840, 2160)``; SlideError with an example for anything else."""
    m = re.fullmatch(r"\s*([+-]?\d+)\s*[x×X*]\s*([+-]?\d+)\s*", str(text))
    if not m:
        raise SlideError(f"size {text!r} is not WIDTHxHEIGHT in pixels; use e.g. 1920x1080 or 3840x2160")
    width, height = int(m.group(1)), int(m.group(2))
    check_size(width, height)
    return width, height


def check_size(width: int, height: int) -> None:
    """Refuse sizes that are not positive, exceed MAX_SIDE, or would not fit in memory."""
    if width <= 0 or height <= 0:
        raise SlideError(f"size {width}x{height}: width and height must be positive; use e.g. 1920x1080")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise SlideError(f"size {width}x{height}: at most {MAX_SIDE} pixels per side; "
                         "3840x2160 is already sharp on a 4K projector")
    need = width * height * 4
    if need > MAX_IMAGE_BYTES:
        raise SlideError(f"size {width}x{height} would need {need / 1e9:.1f} GB of memory for the image "
                         f"(limit {MAX_IMAGE_BYTES / 1e9:.1f} GB); choose a smaller size such as 7680x4320")
    free = _available_memory()
    if free is not None and 2 * need > free:
        raise SlideError(f"size {width}x{height} needs about {2 * need / 1e9:.1f} GB of memory but only "
                         f"{free / 1e9:.1f} GB is free; choose a smaller size or close other programs")


def _available_memory() -> int | None:
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return None


@dataclass(frozen=True)
class SlideOptions:
    """What a slide looks like: pixel size, theme, background, plot strip and its texts.

    An empty ``title`` or ``caption`` leaves the header line out; an empty ``footer`` means the
    short citations of the highlighted (or the pathway's most-cited) species' references.
    """

    width: int = 1920
    height: int = 1080
    theme: str = "light"
    transparent: bool = False
    include_plots: bool = True
    title: str = ""
    caption: str = ""
    footer: str = ""

    def __post_init__(self) -> None:
        for name in ("width", "height"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise SlideError(f"{name} must be a whole number of pixels, not {value!r}")
        check_size(self.width, self.height)
        if self.theme not in THEMES:
            raise SlideError(f"theme {self.theme!r} is unknown; use one of {', '.join(THEMES)}")

    @property
    def size(self) -> QSize:
        return QSize(self.width, self.height)

    def with_texts(self, title: str | None = None, caption: str | None = None) -> "SlideOptions":
        return replace(self, title=self.title if title is None else title,
                       caption=self.caption if caption is None else caption)


# -- text helpers ----------------------------------------------------------------------------------
def _font(px: float, bold: bool = False) -> QFont:
    font = QFont(font_family())
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    # Unhinted metrics scale linearly, so the layout measured at 1920×1080 holds at any size.
    font.setHintingPreference(QFont.PreferNoHinting)
    return font


def _wrap(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap; the last allowed line is elided with '…' when the text does not fit."""
    fm = QFontMetricsF(font)
    lines: list[str] = []
    words = text.split()
    current = ""
    for k, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if fm.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            rest = " ".join([lines.pop(), *words[k:]])
            lines.append(fm.elidedText(rest, Qt.ElideRight, width))
            return lines
    if current:
        lines.append(current)
    # A single word wider than the line is elided too.
    return [fm.elidedText(line, Qt.ElideRight, width) for line in lines]


def short_citation(full: str) -> str:
    """A Vancouver reference as "First et al. Year Journal".

    ``"Aguirre V, Uchida T, …, White MF. Title. J Biol Chem. 2000;275(12):…"``
    → ``"Aguirre et al. 2000 J Biol Chem"``
    """
    text = " ".join(full.split())
    authors = text.split(". ", 1)[0]
    names = [a.strip() for a in authors.split(",") if a.strip()]
    first = names[0].split(" ")[0] if names else text.split(" ")[0]
    if len(names) == 2 and "et al" not in authors:
        second = names[1].split(" ")[0]
        who = f"{first} & {second}"
    elif len(names) > 2 or "et al" in authors:
        who = f"{first} et al."
    else:
        who = first
    m = re.search(r"\b((?:19|20)\d\d)\s*[;:(]", text) or re.search(r"\b((?:19|20)\d\d)\b", text)
    if not m:
        return who
    before = text[:m.start()].rstrip(" .")
    journal = before.rsplit(". ", 1)[-1].strip() if ". " in before else ""
    if journal == authors or len(journal) > 40:
        journal = ""
    return f"{who} {m.group(1)}" + (f" {journal}" if journal else "")


def reference_keys(pathway: Pathway, species_ids) -> list[str]:
    """References of these species in order, or the pathway's most-cited ones when none are given."""
    keys: list[str] = []
    for sid in species_ids or ():
        sp = pathway.species.get(sid)
        for key in sp.references if sp else ():
            if key in pathway.references and key not in keys:
                keys.append(key)
    if keys:
        return keys
    order = {key: k for k, key in enumerate(pathway.references)}
    counts: dict[str, int] = {}
    for sp in pathway.species.values():
        for key in sp.references:
            if key in order:
                counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda key: (-counts[key], order[key]))


def describe_state(pathway: Pathway, p: Perturbations) -> str:
    """A one-line caption for a state without a lesson step, e.g. "Insulin 0.60 · JNK and IKKβ switched on"."""
    return state_caption(pathway, p)


# -- layout ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Typography:
    title: int
    caption: int
    legend: int
    plot: int
    footer: int
    line: float  # stroke width of legend glyphs and plot traces


_TYPE = {"light": _Typography(title=52, caption=30, legend=22, plot=20, footer=18, line=3.0),
         "projector": _Typography(title=56, caption=32, legend=24, plot=21, footer=19, line=3.6)}
CAPTION_INSET = 22.0  # the caption sits right of an accent bar
FADE = 70.0           # soft edge of a zoomed (cropped) diagram, in layout units


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
    """Composes one slide from a live simulation (state, history) and a scene that draws it.

    ``scene`` defaults to a fresh PathwayScene of the pathway in the options' theme (the window's
    own scene is better left alone: it is animating). ``zoom`` names species to frame instead of
    the whole diagram; ``highlight`` outlines species and picks the references in the footer.
    """

    def __init__(self, live: LiveSimulation, options: SlideOptions | None = None, scene: PathwayScene | None = None,
                 highlight=(), zoom=(), plot_species=None, time_label: str = "of simulation",
                 at_time: float | None = None):
        self.live = live
        self.pathway = live.pathway
        self.options = options or SlideOptions()
        theme = THEMES[self.options.theme]
        if scene is None:
            scene = PathwayScene(self.pathway, theme)
        elif scene.theme.name != theme.name:
            scene.set_theme(theme)
        self.scene = scene
        self.highlight = tuple(highlight or ())
        self.zoom = tuple(zoom or ())
        if plot_species is None:
            plot_species = [r.species for r in self.pathway.readouts]
        self.plot_species = list(plot_species)
        self.time_label = time_label
        self.at_time = at_time
        self.type = _TYPE[self.options.theme]
        self.layout = self.compute_layout()

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
        snap = self.live.snapshot(self.at_time)
        state = describe_state_in_words(self.pathway, self.live.perturbations, snap.state, snap.healthy).text
        title = self.options.title or self.pathway.title
        return f"{title}. Diagram of {self.pathway.title}. {state}"

    def to_clipboard(self) -> QImage:
        image = self.render()
        QGuiApplication.clipboard().setImage(image)
        return image

    def paint(self, painter: QPainter) -> None:
        """Draw the slide on any paint device sized width × height (image, SVG generator)."""
        lay = self.layout
        painter.save()
        try:
            painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
            painter.scale(lay.scale, lay.scale)
            self._paint_header(painter)
            self._paint_diagram(painter)
            self._paint_legend(painter)
            if self.options.include_plots and not lay.plots.isEmpty():
                self._paint_plots(painter)
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
        if o.title:
            font = _font(ty.title, True)
            lay.title_lines = _wrap(o.title, font, inner_w, 2)
            lay.title_top = margin - 8
            top = lay.title_top + QFontMetricsF(font).lineSpacing() * len(lay.title_lines) + gap * 0.6
        footer_h = QFontMetricsF(_font(ty.footer)).lineSpacing() + 10
        lay.footer = QRectF(margin, ch - margin * 0.6 - footer_h, inner_w, footer_h)
        bottom = lay.footer.top() - gap * 0.6
        side_w = 540.0 if o.include_plots else 440.0
        side_left = cw - margin - side_w
        y = top
        if o.caption:
            size = ty.caption
            lines = _wrap(o.caption, _font(size), side_w - CAPTION_INSET, 6)
            while lines and lines[-1].endswith("…") and size > ty.caption * 0.75:  # shrink before eliding
                size -= 1
                lines = _wrap(o.caption, _font(size), side_w - CAPTION_INSET, 7)
            lay.caption_px = size
            lay.caption_lines = lines
            lay.caption_top = y
            y += QFontMetricsF(_font(size)).lineSpacing() * len(lines) + gap
        legend_h = self._legend_height()
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
            source = self.scene.species_rect(self.zoom, margin=100.0)  # room for badges and labels
            # At most 2× the whole-diagram view: a zoom on two nodes still shows their neighbours.
            min_w = full.width() * 0.5
            if source.width() < min_w:
                source.adjust(-(min_w - source.width()) / 2, 0, (min_w - source.width()) / 2, 0)
            source = _expand_to_aspect(source, area.width() / area.height())
            # Room for the faded edges, so the zoomed species themselves stay crisp.
            grow = 1 + 2 * FADE / area.width()
            source = QRectF(source.center().x() - source.width() * grow / 2,
                            source.center().y() - source.height() * grow / 2,
                            source.width() * grow, source.height() * grow)
            source = _keep_inside(source, full)
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
            font = _font(ty.title, True)
            fm = QFontMetricsF(font)
            painter.setFont(font)
            painter.setPen(self._text_colour())
            y = lay.title_top
            for line in lay.title_lines:
                painter.drawText(QPointF(lay.footer.left(), y + fm.ascent()), line)
                y += fm.lineSpacing()
        if lay.caption_lines:
            font = _font(lay.caption_px)
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
        return acted_on(self.pathway, self.live.perturbations)

    def _paint_footer(self, painter: QPainter) -> None:
        lay, ty = self.layout, self.type
        rect = lay.footer
        painter.setPen(QPen(QColor("#999999"), 1.0))
        painter.drawLine(QPointF(rect.left(), rect.top()), QPointF(rect.right(), rect.top()))
        font = _font(ty.footer)
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
            painter.drawText(QPointF(rect.left(), base), _elide_list(left, fm, room))

    # -- diagram ----------------------------------------------------------------------------------
    def _paint_diagram(self, painter: QPainter) -> None:
        lay = self.layout
        scene = self.scene
        ymax = self.live.engine.compiled.ymax
        scene.apply_snapshot(self.live.snapshot(self.at_time), 0.0, ymax)
        scene.show_perturbations(self.live.perturbations)
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
        if self.zoom:  # a detail view: fade the cut edges so cut-off items read as a crop, not as clipping
            full, src = scene.diagram_rect(), lay.diagram_source
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

    # -- legend -----------------------------------------------------------------------------------
    def _legend_rows(self) -> list[tuple[str, str]]:
        rows = [("activates", "activates"), ("inhibits", "inhibits")]
        seen = set()
        for sp in self.pathway.species.values():
            for badge in sp.badges:
                if badge.kind not in seen:
                    seen.add(badge.kind)
                    rows.append((f"badge:{badge.kind}:{badge.label}",
                                 "tyrosine-phosphorylated: signals" if badge.kind == "ptyr"
                                 else "serine-phosphorylated: blocks"))
        for tag in self._tags_in_use():
            rows.append((f"tag:{tag}", TAG_MEANING[tag]))
        if self.highlight:
            rows.append(("highlight", "in focus on this slide"))
        rows.append(("scale", "activity (normalised 0–1)"))
        return rows

    def _tags_in_use(self) -> list[str]:
        return tags_in_use(self.pathway, self.live.perturbations)

    def _legend_height(self) -> float:
        row = self.type.legend * 1.75
        rows = self._legend_rows()
        # activates and inhibits share a row; the scale takes two (bar and its labels)
        return row * (len(rows) - 1 + 1.6) + 8

    def _paint_legend(self, painter: QPainter) -> None:
        lay, ty = self.layout, self.type
        theme = self.scene.theme
        rect = lay.legend
        font = _font(ty.legend)
        fm = QFontMetricsF(font)
        row = ty.legend * 1.75
        rows = self._legend_rows()
        glyph_w = ty.legend * 3.0
        badge_w = max((self._badge_size(k.split(":", 2)[2]).width() for k, _ in rows if k.startswith("badge:")),
                      default=0.0)
        text_x = rect.left() + max(glyph_w, badge_w + 4) + 14
        painter.setFont(font)
        y = rect.top()
        # Activation and inhibition share the first row.
        mid = y + row / 2
        half = rect.width() / 2
        for k, kind in enumerate(("activates", "inhibits")):
            x0 = rect.left() + k * half
            self._edge_glyph(painter, QPointF(x0, mid), glyph_w, inhibits=(kind == "inhibits"))
            painter.setPen(self._text_colour())
            painter.drawText(QPointF(x0 + glyph_w + 14, mid + fm.ascent() / 2 - fm.descent() / 2), kind)
        y += row
        for key, text in rows[2:]:
            mid = y + row / 2
            baseline = mid + fm.ascent() / 2 - fm.descent() / 2
            if key.startswith("badge:"):
                _, kind, label = key.split(":", 2)
                self._badge_glyph(painter, QPointF(rect.left(), mid), kind, label)
            elif key.startswith("tag:"):
                self._tag_glyph(painter, QPointF(rect.left(), mid), key[4:])
            elif key == "highlight":
                box = QRectF(rect.left() + 4, mid - ty.legend * 0.6, glyph_w - 8, ty.legend * 1.2)
                painter.setPen(QPen(QColor(theme.highlight), theme.node_border_width + 4))
                painter.setBrush(QColor("#ffffff"))
                painter.drawRoundedRect(box, 6, 6)
            elif key == "scale":
                self._activity_scale(painter, QRectF(rect.left(), y + row * 0.3, rect.width(), row * 1.3), text)
                y += row * 1.3
                continue
            painter.setPen(self._text_colour())
            painter.drawText(QPointF(text_x, baseline), fm.elidedText(text, Qt.ElideRight, rect.right() - text_x))
            y += row

    def _edge_glyph(self, painter: QPainter, left_mid: QPointF, width: float, inhibits: bool) -> None:
        t = self.scene.theme
        pen = edge_pen(t, inhibits)  # the diagram's own stroke: inhibition dashed
        colour = pen.color()
        width_px = max(t.edge_width, self.type.line * 0.9)
        pen.setWidthF(width_px)
        x0, x1, y = left_mid.x() + 2, left_mid.x() + width - 4, left_mid.y()
        painter.setPen(pen)
        painter.drawLine(QPointF(x0, y), QPointF(x1 - (0 if inhibits else 2), y))
        size = 5 + 2.5 * width_px
        if inhibits:
            painter.setPen(QPen(colour, width_px * 1.6, Qt.SolidLine, Qt.FlatCap))
            painter.drawLine(QPointF(x1, y - size * 0.9), QPointF(x1, y + size * 0.9))
        else:
            painter.setPen(QPen(colour, width_px, Qt.SolidLine, Qt.RoundCap, Qt.MiterJoin))
            painter.setBrush(QColor("#ffffff"))
            painter.drawPolygon(QPolygonF([QPointF(x1, y), QPointF(x1 - size * 1.4, y - size * 0.7),
                                           QPointF(x1 - size * 1.4, y + size * 0.7)]))

    def _badge_size(self, label: str) -> QSizeF:
        fm = QFontMetricsF(_font(self.type.legend * 0.8, True))
        return QSizeF(fm.horizontalAdvance(label) + 14, fm.height() + 6)

    def _badge_glyph(self, painter: QPainter, left_mid: QPointF, kind: str, label: str) -> None:
        font = _font(self.type.legend * 0.8, True)
        size = self._badge_size(label)
        w, h = size.width(), size.height()
        box = QRectF(left_mid.x() + 2, left_mid.y() - h / 2, w, h)
        painter.setFont(font)
        draw_badge(painter, box, kind, label, on=True)  # as on the diagram: pY a pill, pSer a box
        painter.setFont(_font(self.type.legend))

    def _tag_glyph(self, painter: QPainter, left_mid: QPointF, tag: str) -> None:
        """The clamp tag as drawn on a molecule: black letters in a white box."""
        font = _font(self.type.legend * 0.75, True)
        fm = QFontMetricsF(font)
        w, h = fm.horizontalAdvance(tag) + 12, fm.height() + 4
        box = QRectF(left_mid.x() + 2, left_mid.y() - h / 2, w, h)
        painter.setPen(QPen(QColor("#000000"), 1.4))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRect(box)
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        painter.drawText(box, Qt.AlignCenter, tag)
        painter.setFont(_font(self.type.legend))

    def _activity_scale(self, painter: QPainter, rect: QRectF, label: str) -> None:
        font = _font(self.type.legend)
        small = _font(self.type.legend * 0.85)
        fm, fs = QFontMetricsF(font), QFontMetricsF(small)
        painter.setFont(font)
        painter.setPen(self._text_colour())
        painter.drawText(QPointF(rect.left(), rect.top() + fm.ascent()), label)
        bar = QRectF(rect.left() + 2, rect.top() + fm.lineSpacing() + 4, rect.width() - 4, self.type.legend * 0.9)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for k in range(33):
            gradient.setColorAt(k / 32, activity_color(k / 32))
        painter.setPen(Qt.NoPen)
        painter.setBrush(QBrush(gradient))
        painter.drawRect(bar)
        painter.setBrush(Qt.NoBrush)
        painter.setPen(QPen(QColor("#333333"), 1.2))
        painter.drawRect(bar)
        painter.setFont(small)
        painter.setPen(self._text_colour())
        below = bar.bottom() + 4 + fs.ascent()
        ticks = ((0.0, "0 inactive", "left"), (0.5, "0.5", "center"), (1.0, "1 fully active", "right"))
        for value, text, align in ticks:
            x = bar.left() + bar.width() * value
            painter.drawLine(QPointF(x, bar.bottom()), QPointF(x, bar.bottom() + 3))
            w = fs.horizontalAdvance(text)
            tx = x if align == "left" else x - w if align == "right" else x - w / 2
            painter.drawText(QPointF(tx, below), text)

    # -- plots ------------------------------------------------------------------------------------
    def plot_traces(self) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]]]:
        """Times and, per plotted species, (current, healthy) activities normalised to 0–1."""
        times, states = self.live.history.arrays()
        h_times, healthy = self.live.healthy_history.arrays()
        if len(times) == 0:
            times = np.array([self.live.time])
            states = self.live.state[None, :]
            healthy = self.live.healthy[None, :]
        elif len(h_times) != len(times):
            healthy = np.array([self.live.healthy_history.state_at(t) for t in times])
        if len(times) > 600:  # plenty for a 500-pixel-wide chart; keeps SVGs small
            idx = np.unique(np.linspace(0, len(times) - 1, 600).round().astype(int))
            times, states, healthy = times[idx], states[idx], healthy[idx]
        ymax = self.live.engine.compiled.ymax
        index = self.live.index
        traces = {}
        for sid in self.plot_species:
            if sid in index:
                i = index[sid]
                traces[sid] = (states[:, i] / ymax[i], healthy[:, i] / ymax[i])
        return times, traces

    def plot_colours(self) -> dict[str, QColor]:
        """The window's colours: readouts keep theirs, other species take the pin colours in turn."""
        readout = readout_colours(r.species for r in self.pathway.readouts)
        others = [sid for sid in self.plot_species if sid not in readout]
        pins = {sid: PIN_COLOURS[k % len(PIN_COLOURS)] for k, sid in enumerate(others)}
        return {sid: QColor(readout.get(sid) or pins[sid]) for sid in self.plot_species}

    def _paint_plots(self, painter: QPainter) -> None:
        lay, ty = self.layout, self.type
        area = lay.plots
        times, traces = self.plot_traces()
        if not traces:
            return
        labels = {r.species: r.label for r in self.pathway.readouts}
        font = _font(ty.plot)
        small = _font(ty.plot * 0.85)
        fm, fs = QFontMetricsF(font), QFontMetricsF(small)
        key_h = fs.lineSpacing() * 2 + 6
        grid = QRectF(area.left(), area.top(), area.width(), area.height() - key_h)
        cols = 2 if len(traces) > 1 else 1
        rows = math.ceil(len(traces) / cols)
        gap_x, gap_y = 26.0, 12.0
        cell_w = (grid.width() - gap_x * (cols - 1)) / cols
        cell_h = (grid.height() - gap_y * (rows - 1)) / rows
        t0, t1 = float(times[0]), float(times[-1])
        span = t1 - t0
        colours = self.plot_colours()
        for k, (sid, (cur, healthy)) in enumerate(traces.items()):
            r, c = divmod(k, cols)
            cell = QRectF(grid.left() + c * (cell_w + gap_x), grid.top() + r * (cell_h + gap_y), cell_w, cell_h)
            colour = colours[sid]
            label = labels.get(sid) or self.pathway.species[sid].label
            painter.setFont(font)
            painter.setPen(self._text_colour())
            painter.drawText(QPointF(cell.left(), cell.top() + fm.ascent()),
                             fm.elidedText(label, Qt.ElideRight, cell.width()))
            frame = QRectF(cell.left(), cell.top() + fm.lineSpacing() + 2, cell.width(),
                           cell.height() - fm.lineSpacing() - 2)
            self._mini_chart(painter, frame, times, cur, healthy, colour, span)
            # The final value, in the half of the chart the trace leaves free.
            value = f"{cur[-1]:.2f}"
            bold = _font(ty.plot, True)
            fb = QFontMetricsF(bold)
            painter.setFont(bold)
            painter.setPen(colour.darker(120))
            vw = fb.horizontalAdvance(value)
            vy = frame.bottom() - 6 - fb.descent() if cur[-1] > 0.5 else frame.top() + 6 + fb.ascent()
            painter.drawText(QPointF(frame.right() - 8 - vw, vy), value)
        # Shared key: line styles and the time span.
        y = grid.bottom() + 6
        painter.setFont(small)
        x = area.left()
        mid = y + fs.lineSpacing() / 2
        pen = QPen(QColor("#333333"), ty.line, Qt.SolidLine, Qt.FlatCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, mid), QPointF(x + 40, mid))
        painter.setPen(self._text_colour())
        painter.drawText(QPointF(x + 48, mid + fs.ascent() / 2 - fs.descent() / 2), "current")
        x += 48 + fs.horizontalAdvance("current") + 28
        dashed = QPen(QColor("#8a8a8a"), ty.line * 0.8, Qt.CustomDashLine, Qt.FlatCap)
        dashed.setDashPattern(list(HEALTHY_DASH))
        painter.setPen(dashed)
        painter.drawLine(QPointF(x, mid), QPointF(x + 40, mid))
        painter.setPen(self._text_colour())
        painter.drawText(QPointF(x + 48, mid + fs.ascent() / 2 - fs.descent() / 2), "healthy reference")
        if span > 0:
            note = f"{_minutes(span)} {self.time_label}"
        else:
            note = "steady state"
        painter.drawText(QPointF(area.left(), y + fs.lineSpacing() + fs.ascent()),
                         fs.elidedText(note, Qt.ElideRight, area.width()))

    def _mini_chart(self, painter: QPainter, frame: QRectF, times, cur, healthy, colour: QColor, span: float) -> None:
        painter.setBrush(QColor("#ffffff") if not self.options.transparent else Qt.NoBrush)
        painter.setPen(QPen(QColor("#b0b0b0"), 1.0))
        painter.drawRect(frame)
        painter.setPen(QPen(QColor("#e2e2e2"), 1.0, Qt.DashLine))
        painter.drawLine(QPointF(frame.left(), frame.center().y()), QPointF(frame.right(), frame.center().y()))
        inner = frame.adjusted(3, 5, -3, -5)

        def path_of(values) -> QPainterPath:
            path = QPainterPath()
            n = len(values)
            for k in range(max(n, 2)):
                v = float(values[min(k, n - 1)])
                t = (times[min(k, n - 1)] - times[0]) / span if span > 0 else k / max(1, max(n, 2) - 1)
                p = QPointF(inner.left() + inner.width() * t, inner.bottom() - inner.height() * min(max(v, 0.0), 1.0))
                if k == 0:
                    path.moveTo(p)
                else:
                    path.lineTo(p)
            return path

        painter.setBrush(Qt.NoBrush)
        dashed = QPen(QColor(lighter(colour.name(), HEALTHY_LIGHTEN)), self.type.line * 0.85, Qt.CustomDashLine,
                      Qt.FlatCap, Qt.RoundJoin)
        dashed.setDashPattern(list(HEALTHY_DASH))
        painter.setPen(dashed)
        painter.drawPath(path_of(healthy))
        painter.setPen(QPen(colour, self.type.line, Qt.SolidLine, Qt.RoundCap, Qt.RoundJoin))
        painter.drawPath(path_of(cur))


def _minutes(span: float) -> str:
    return f"{span:.0f} min" if span >= 10 else f"{span:.1f} min"


def _elide_list(text: str, fm: QFontMetricsF, width: float) -> str:
    """Cut a ' · '-separated list at an item boundary (ending in '…') rather than mid-word."""
    if fm.horizontalAdvance(text) <= width:
        return text
    items = text.split(" · ")
    while len(items) > 1:
        items.pop()
        trial = " · ".join(items) + " · …"
        if fm.horizontalAdvance(trial) <= width:
            return trial
    return fm.elidedText(text, Qt.ElideRight, width)


def _expand_to_aspect(rect: QRectF, aspect: float) -> QRectF:
    r = QRectF(rect)
    if r.width() / max(r.height(), 1e-9) < aspect:
        w = r.height() * aspect
        r.adjust(-(w - r.width()) / 2, 0, (w - r.width()) / 2, 0)
    else:
        h = r.width() / aspect
        r.adjust(0, -(h - r.height()) / 2, 0, (h - r.height()) / 2)
    return r


def _keep_inside(rect: QRectF, bounds: QRectF) -> QRectF:
    """Shift (never shrink) rect so it shows as much of bounds as it can."""
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
