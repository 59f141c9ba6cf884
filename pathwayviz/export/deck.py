"""The lesson as a PowerPoint deck (python-pptx): one editable slide per step, then the references.

Each step's slide has its title and caption as text boxes the lecturer can edit, the diagram of
the step's settled state as a 4K picture (framed as the step's zoom frames it in the window and in
presentation mode; a step shown region by region gets one picture per region, stacked or side by
side in the diagram's column, so the slide shows every part the presentation pans to), native
(editable) charts of the readouts from the previous step's state into this one, speaker notes
(lecturer notes, the predict question and its answer), alt text on every picture and chart, and optionally the step's transition as an
embedded MP4 (the clip's own 16:9 shape; its last frame as the poster frame). Written atomically.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from ..canvas.framing import framed_source
from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..lesson.model import Lesson, LessonStep
from ..lesson.runner import LessonRunner
from ..model.files import WriteError, check_target, replaced_on_success
from ..sim.live import LiveSimulation
from ..sim.perturbations import state_caption
from ..theme.fonts import font_family
from ..theme.palette import readout_colours
from .lesson_export import simulate_step
from .slide_text import reference_keys, short_citation
from .video import export_video, step_scenes
from .video_options import VideoOptions
from .writer import ExportError, write_png

DIAGRAM_WIDTH = 3840          # "the diagram at 4K": sharp on a 4K projector, croppable in PowerPoint
INSTALL_HINT = "pip install 'pathwayviz[deck]'"
KEY_SPECIES = ("irs1_ptyr", "pi3k", "akt", "erk", "foxo1", "srebp1c")  # named in every alt text
PICTURE_BOX = (8.45, 5.75)  # inches: the diagram's column on a 13.33 × 7.5 in slide
REGION_GAP = 0.15           # inches between the pictures of a step shown region by region
REFERENCES_PER_SLIDE = 18   # two columns of nine at 11 pt: long references still fit the page

# progress(done, total, what) before each step and, with clips, after each clip frame (then done and
# total count frames and pictures); returning False cancels, within a clip too.
Progress = Callable[[int, int, str], "bool | None"]


@dataclass(frozen=True)
class DeckOptions:
    """Theme of the pictures and, when ``video`` is given, the clip embedded on each step's slide."""

    theme: str = "light"
    diagram_width: int = DIAGRAM_WIDTH
    video: VideoOptions | None = None


@dataclass
class DeckResult:
    path: Path | None
    slides: int = 0
    cancelled: bool = False
    references: list[str] = field(default_factory=list)


def require_pptx():
    try:
        import pptx
    except ImportError:
        raise ExportError(f"PowerPoint export needs python-pptx, which is not installed. Install it with: "
                          f"{INSTALL_HINT}") from None
    return pptx


# -- texts -------------------------------------------------------------------------------------------
def speaker_notes(step: LessonStep) -> str:
    """Lecturer notes, then the predict-first question and its answer."""
    parts = [step.notes.strip()] if step.notes.strip() else []
    if step.predict is not None:
        parts += [f"Predict first: {step.predict.question}", f"Answer: {step.predict.answer}"]
    return "\n\n".join(parts)


def diagram_alt_text(live: LiveSimulation, step: LessonStep) -> str:
    """What the picture shows, in words: the step, its settings and the key activities (0 to 1)."""
    pathway = live.pathway
    ids = [sid for sid in (*step.highlight, *KEY_SPECIES) if sid in live.index]
    values = ", ".join(f"{pathway.species[sid].label} {live.value(sid):.2f}" for sid in dict.fromkeys(ids))
    return (f"Diagram of the {pathway.title} model at the end of the step \"{step.title}\" "
            f"({state_caption(pathway, live.perturbations)}). Node colour shows activity from 0 (inactive, "
            f"light grey) to 1 (fully active, dark red): {values}.")


def chart_alt_text(label: str, times, current, healthy) -> str:
    span = float(times[-1] - times[0]) if len(times) else 0.0
    return (f"Time course of {label} over {span:.0f} minutes after the step's settings took effect: "
            f"from {current[0]:.2f} to {current[-1]:.2f}; healthy reference {healthy[-1]:.2f} "
            "(0 inactive, 1 fully active).")


def deck_reference_keys(lesson: Lesson, pathway) -> list[str]:
    """References cited for the species the steps highlight, in order of first use."""
    keys: list[str] = []
    for step in lesson.steps:
        for key in reference_keys(pathway, step.highlight):
            if key not in keys:
                keys.append(key)
    return keys


# -- pictures ----------------------------------------------------------------------------------------
def picture_boxes(scene: PathwayScene, step: LessonStep) -> list[QRectF]:
    """Where each picture of ``step`` goes in the diagram's column (inches from its top left): the
    whole column for one frame; for a step shown region by region the regions stacked or side by
    side, whichever shows them larger."""
    n = len(step.frames)
    w, h = PICTURE_BOX
    if n == 1:
        return [QRectF(0, 0, w, h)]
    stacked = [QRectF(0, k * ((h + REGION_GAP) / n), w, (h - REGION_GAP * (n - 1)) / n) for k in range(n)]
    beside = [QRectF(k * ((w + REGION_GAP) / n), 0, (w - REGION_GAP * (n - 1)) / n, h) for k in range(n)]

    def smallest_scale(boxes: list[QRectF]) -> float:  # inches per scene unit of the least magnified region
        return min(box.width() / framed_source(scene, zoom, box.width() / box.height()).width()
                   for box, zoom in zip(boxes, step.frames))

    return max((stacked, beside), key=smallest_scale)


def render_diagram(live: LiveSimulation, scene: PathwayScene, step: LessonStep, width: int,
                   region: int = 0, box: QRectF | None = None) -> QImage:
    """The diagram of the live state at ``width`` pixels, highlight and clamp tags on, no pulses.

    A step with a zoom shows the part of the diagram the window and presentation frame for it
    (:func:`~pathwayviz.canvas.framing.framed_source`; ``region`` picks one of a step's regions), in
    the shape of its picture ``box`` (default the whole column); other steps show the whole diagram at its own shape.
    """
    scene.apply_snapshot(live.snapshot(), 0.0, live.ymax)
    scene.show_perturbations(live.perturbations)
    scene.set_highlight(step.highlight)
    zoom = step.frames[region]
    box = box or QRectF(0, 0, *PICTURE_BOX)
    source = framed_source(scene, zoom, box.width() / box.height()) if zoom else scene.diagram_rect()
    height = max(1, round(width * source.height() / source.width()))
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(QColor(scene.theme.background))
    visible = scene.pulses.isVisible()
    scene.pulses.setVisible(False)  # a still must not depend on the pulses' phase
    painter = QPainter(image)
    try:
        painter.setRenderHints(QPainter.Antialiasing | QPainter.TextAntialiasing | QPainter.SmoothPixmapTransform)
        scene.render(painter, QRectF(0, 0, width, height), source, Qt.IgnoreAspectRatio)
    finally:
        painter.end()
        scene.pulses.setVisible(visible)
    return image


# -- the deck ----------------------------------------------------------------------------------------
class DeckBuilder:
    """Adds step and reference slides to a python-pptx Presentation (16:9, blank layout)."""

    def __init__(self, pptx, pathway):
        from pptx.util import Inches

        self.pptx = pptx
        self.pathway = pathway
        self.prs = pptx.Presentation()
        self.prs.slide_width, self.prs.slide_height = Inches(13.333), Inches(7.5)
        self.blank = self.prs.slide_layouts[6]
        self.font = font_family()

    def _text_box(self, slide, left, top, width, height, text: str, points: float, bold: bool = False,
                  name: str = "", gap: float = 0.0):
        from pptx.util import Pt

        box = slide.shapes.add_textbox(left, top, width, height)
        if name:
            box.name = name
        frame = box.text_frame
        frame.word_wrap = True
        for k, line in enumerate(text.split("\n")):
            paragraph = frame.paragraphs[0] if k == 0 else frame.add_paragraph()
            paragraph.text = line
            paragraph.font.size = Pt(points)
            paragraph.font.bold = bold
            paragraph.font.name = self.font
            if gap:
                paragraph.space_after = Pt(gap)
        return box

    def step_slide(self, step: LessonStep, live: LiveSimulation, pictures: list[tuple[Path, float, QRectF]],
                   clip: Path | None, poster: Path | None = None, clip_aspect: float = 16 / 9) -> None:
        """``pictures``: (PNG, aspect, box in the diagram's column) per region of the step (one for most
        steps); a ``clip`` (which cuts through the regions itself) replaces them."""
        from pptx.util import Inches

        slide = self.prs.slides.add_slide(self.blank)
        self._text_box(slide, Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.85), step.title, 30, bold=True,
                       name="Title")
        alt = diagram_alt_text(live, step)
        left, top = Inches(0.4), Inches(1.15)
        if clip is not None:  # a clip keeps its own shape (the slide layout), not the diagram's
            w, h = _fit(PICTURE_BOX, clip_aspect)
            shape = slide.shapes.add_movie(str(clip), left, top, Inches(w), Inches(h),
                                           poster_frame_image=str(poster or pictures[0][0]), mime_type="video/mp4")
            shape.name = "Transition video"
            set_alt_text(shape, f"Video of the transition into this step; before it plays it shows its last frame. "
                                f"{alt}")
        else:
            for k, (png, aspect, box) in enumerate(pictures):
                w, h = _fit((box.width(), box.height()), aspect)  # the diagram fills its box at its own aspect
                shape = slide.shapes.add_picture(str(png), left + Inches(box.x()), top + Inches(box.y()),
                                                 Inches(w), Inches(h))
                shape.name = "Diagram" if len(pictures) == 1 else f"Diagram, part {k + 1} of {len(pictures)}"
                part = "" if len(pictures) == 1 else f"Part {k + 1} of {len(pictures)} of the diagram. "
                set_alt_text(shape, part + alt)
        self._text_box(slide, Inches(9.1), Inches(1.15), Inches(3.9), Inches(2.2), step.caption, 16,
                       name="Caption")
        self._readout_charts(slide, live, Inches(9.1), Inches(3.45), Inches(3.9), Inches(3.5))
        keys = reference_keys(self.pathway, step.highlight)
        if keys:
            refs = " · ".join(short_citation(self.pathway.references[k]) for k in keys[:4])
            self._text_box(slide, Inches(0.4), Inches(7.0), Inches(12.5), Inches(0.35), f"References: {refs}", 10,
                           name="References")
        slide.notes_slide.notes_text_frame.text = speaker_notes(step)

    def _readout_charts(self, slide, live: LiveSimulation, left, top, width, height) -> None:
        from pptx.chart.data import XyChartData
        from pptx.dml.color import RGBColor
        from pptx.enum.chart import XL_CHART_TYPE
        from pptx.enum.dml import MSO_LINE_DASH_STYLE
        from pptx.util import Pt

        times, states = live.history.arrays()
        _, healthy = live.healthy_history.arrays()
        ymax = live.ymax
        readouts = [r for r in self.pathway.readouts if r.species in live.index][:6]
        colours = readout_colours(r.species for r in self.pathway.readouts)  # as on screen and on slides
        cols, rows = 2, max(1, (len(readouts) + 1) // 2)
        cell_w, cell_h = width // cols, height // rows
        minutes = times - times[0]
        step = max(1, len(times) // 90)  # ~90 points a chart: smooth at this size, a small file
        for k, readout in enumerate(readouts):
            i = live.index[readout.species]
            current, reference = states[::step, i] / ymax[i], healthy[::step, i] / ymax[i]
            data = XyChartData()
            for name, values in (("current", current), ("healthy reference", reference)):
                series = data.add_series(name)
                for t, v in zip(minutes[::step], values):
                    series.add_data_point(round(float(t), 2), round(float(v), 4))
            r, c = divmod(k, cols)
            frame = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES_NO_MARKERS, left + c * cell_w,
                                           top + r * cell_h, cell_w, cell_h, data)
            frame.name = f"Chart: {readout.label}"
            set_alt_text(frame, chart_alt_text(readout.label, minutes[::step], current, reference))
            chart = frame.chart
            chart.has_legend = False
            chart.has_title = True
            chart.chart_title.text_frame.text = readout.label
            chart.chart_title.text_frame.paragraphs[0].font.size = Pt(10)
            colour = RGBColor.from_string(colours[readout.species].lstrip("#"))
            for s, line in zip(chart.plots[0].series, ("solid", "dash")):
                s.smooth = False
                s.format.line.width = Pt(2.0 if line == "solid" else 1.25)
                s.format.line.color.rgb = colour if line == "solid" else RGBColor(0x8A, 0x8A, 0x8A)
                if line == "dash":
                    s.format.line.dash_style = MSO_LINE_DASH_STYLE.DASH
            value_axis, category_axis = chart.value_axis, chart.category_axis
            value_axis.minimum_scale, value_axis.maximum_scale = 0.0, 1.0
            value_axis.major_unit = 0.5
            category_axis.minimum_scale = 0.0
            category_axis.maximum_scale = float(minutes[-1]) if len(minutes) and minutes[-1] > 0 else 1.0
            for axis in (value_axis, category_axis):
                axis.tick_labels.font.size = Pt(8)
                axis.has_major_gridlines = False

    def reference_slides(self, keys: list[str]) -> int:
        from pptx.util import Inches

        pages = [keys[k:k + REFERENCES_PER_SLIDE] for k in range(0, len(keys), REFERENCES_PER_SLIDE)]
        for n, page in enumerate(pages, 1):
            slide = self.prs.slides.add_slide(self.blank)
            title = "References" if len(pages) == 1 else f"References ({n}/{len(pages)})"
            self._text_box(slide, Inches(0.4), Inches(0.2), Inches(12.5), Inches(0.85), title, 30, bold=True,
                           name="Title")
            half = (len(page) + 1) // 2
            for c, column in enumerate((page[:half], page[half:])):
                if column:
                    self._text_box(slide, Inches(0.4 + c * 6.35), Inches(1.1), Inches(6.1), Inches(6.1),
                                   "\n".join(self.pathway.references[k] for k in column), 11,
                                   name=f"Reference list {c + 1}", gap=4)
        return len(pages)


def _fit(box: tuple[float, float], aspect: float) -> tuple[float, float]:
    """The largest (width, height) of ``aspect`` inside ``box`` (inches)."""
    w, h = box
    return (w, w / aspect) if w / aspect <= h else (h * aspect, h)


def set_alt_text(shape, text: str) -> None:
    """Alt text as screen readers and PowerPoint's accessibility checker read it (cNvPr@descr)."""
    shape.element.xpath("./*[1]/p:cNvPr")[0].set("descr", text)


def export_deck(lesson: Lesson, live: LiveSimulation, path, options: DeckOptions | None = None,
                progress: Progress | None = None, scene: PathwayScene | None = None) -> DeckResult:
    """Write the lesson as ``path`` (.pptx); nothing appears there unless the whole deck is written."""
    options = options or DeckOptions()
    try:
        return _export_deck(lesson, live, check_target(path), options, progress, scene)
    except DeckCancelled:
        return DeckResult(None, cancelled=True)


class DeckCancelled(Exception):
    """The progress callback asked to stop; the partial deck is discarded."""


def _export_deck(lesson: Lesson, live: LiveSimulation, path: Path, options: DeckOptions,
                 progress: Progress | None, scene: PathwayScene | None) -> DeckResult:
    if path.suffix.lower() != ".pptx":
        raise ExportError(f"{path}: a PowerPoint deck's file name ends in .pptx")
    pptx = require_pptx()
    pathway = live.pathway
    scene = scene or PathwayScene(pathway, THEMES[options.theme])
    builder = DeckBuilder(pptx, pathway)
    runner = LessonRunner(lesson, pathway, live.engine)
    clip_frames = options.video.frames(options.video.seconds) if options.video is not None else 0
    per_step = 1 + clip_frames          # progress units: a step's clip frames, then its picture
    total = len(lesson.steps) * per_step
    # The temporary file comes first: an unwritable folder is reported before minutes of work.
    with replaced_on_success(path) as partial, tempfile.TemporaryDirectory(prefix="pathwayviz-deck-") as work:
        work = Path(work)
        for k, step in enumerate(lesson.steps):
            if progress is not None and progress(k * per_step, total, step.title) is False:
                raise DeckCancelled
            clip = poster = None
            if options.video is not None:
                clip, poster = work / f"step-{k + 1}.mp4", work / f"step-{k + 1}-poster.png"
                clip_live = LiveSimulation(pathway)
                report = None
                if progress is not None:
                    def report(done, _frames, what, base=k * per_step):
                        return progress(base + done, total, what)
                clip_scene = scene if scene.theme.name == options.video.theme else None
                scenes = step_scenes(lesson, clip_live, options.video, k, runner, overlays=False)
                made = export_video(scenes, clip_live, clip, options.video, report, clip_scene, poster)
                if made.cancelled:  # stopped within the clip: no clip, no deck
                    raise DeckCancelled
            simulate_step(live, lesson, k)
            pictures = []
            for r, box in enumerate(picture_boxes(scene, step)):
                image = render_diagram(live, scene, step, options.diagram_width, r, box)
                pictures.append((write_png(image, work / f"step-{k + 1}-{r + 1}.png"), image.width() / image.height(),
                                 box))
            builder.step_slide(step, live, pictures, clip, poster,
                               options.video.width / options.video.height if options.video else 16 / 9)
            if clip is not None:
                clip.unlink()  # python-pptx has read it into the package
        keys = deck_reference_keys(lesson, pathway)
        builder.reference_slides(keys)
        if progress is not None and progress(total, total, "saving") is False:
            raise DeckCancelled
        try:
            builder.prs.save(str(partial))
        except OSError as exc:
            raise WriteError(path, f"Could not write {path}: {exc.strerror or exc}. The disk may be full or the "
                                   "folder not writable; free some space or choose another folder. Any earlier file "
                                   "there is unchanged.") from None
    return DeckResult(path, len(builder.prs.slides), references=keys)
