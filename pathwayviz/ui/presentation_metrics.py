"""How legible presentation mode is: sizes on screen, step by step and region by region.

One measure for ``scripts/presentation_legibility.py`` (which prints it under a real X server) and
for the tests (offscreen, in a 1920×1080 window): for every step of the lesson, the node labels and
the badges and tags of each framed region in screen pixels (font pixel size × the view's scale ×
the device pixel ratio), the caption band's text size on the question screen and on the answer
screen, and which of the nodes the caption names lie outside every frame of the step.

Targets (issue #13), for a 1080-line projector: node labels ≥ 32 px, badges and tags ≥ 24 px,
captions ≥ 32 px, every node the caption names inside the frame of one of the step's regions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF

LABEL_TARGET_PX, BADGE_TARGET_PX, CAPTION_TARGET_PX = 32.0, 24.0, 32.0
TEXT_ROLES = ("caption", "question", "answer")


def named_species(pathway, text: str) -> list[str]:
    """Species whose label or a synonym appears as a word in ``text`` (ids in pathway order).

    Names shorter than three letters are left out (they match too much by accident).
    """
    found, lowered = [], text.lower()
    for sp in pathway.species.values():
        for name in sorted({sp.label, *sp.synonyms}, key=len, reverse=True):
            if len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", lowered):
                found.append(sp.id)
                break
    return found


@dataclass(frozen=True)
class FrameFigures:
    """One framed region of a step, as the room sees it."""

    region: int
    label_px: float
    badge_px: float
    visible: QRectF


@dataclass
class StepFigures:
    """Everything measured on one step (the smallest of its regions and screens)."""

    index: int
    title: str
    frames: list[FrameFigures] = field(default_factory=list)
    caption_px: dict[str, float] = field(default_factory=dict)  # screen ("question"/"answer") -> px
    named: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    unfit: list[str] = field(default_factory=list)  # screens whose texts do not fit the band at that size

    @property
    def label_px(self) -> float:
        return min(f.label_px for f in self.frames)

    @property
    def badge_px(self) -> float:
        return min(f.badge_px for f in self.frames)

    @property
    def smallest_caption_px(self) -> float:
        return min(self.caption_px.values())

    def problems(self) -> list[str]:
        """What misses a target on this step, in words (empty: the step is legible)."""
        out = []
        if self.label_px < LABEL_TARGET_PX:
            out.append(f"labels {self.label_px:.1f} px < {LABEL_TARGET_PX:g}")
        if self.badge_px < BADGE_TARGET_PX:
            out.append(f"badges {self.badge_px:.1f} px < {BADGE_TARGET_PX:g}")
        if self.smallest_caption_px < CAPTION_TARGET_PX:
            out.append(f"caption {self.smallest_caption_px:.1f} px < {CAPTION_TARGET_PX:g}")
        if self.outside:
            out.append(f"outside the frame: {', '.join(self.outside)}")
        if self.unfit:
            out.append(f"text does not fit the band on the {', '.join(self.unfit)} screen")
        return out

    def line(self) -> str:
        """One printed line: flag, step, smallest sizes, regions and what is outside the frame."""
        problems = self.problems()
        return (f"{'LOW' if problems else 'ok '} step {self.index + 1:2} {self.title[:40]:<40} "
                f"labels {self.label_px:5.1f} px  badges {self.badge_px:5.1f} px  "
                f"caption {self.smallest_caption_px:5.1f} px  regions {len(self.frames)}  "
                f"named {len(self.named):2}  outside: {', '.join(self.outside) or '-'}")


def frame_figures(window, region: int = 0) -> FrameFigures:
    """The current framing of ``window``'s diagram, in screen pixels."""
    view, theme = window.view, window.scene.theme
    scale = view.current_scale() * view.devicePixelRatioF()
    return FrameFigures(region, theme.font_px * scale, theme.small_font_px * scale, view.visible_scene_rect())


def band_text_px(window) -> tuple[float, bool]:
    """The smallest body text size the caption band draws now, and whether every text fits."""
    blocks = [b for b in window.presentation.band.layout() if b.role in TEXT_ROLES]
    return min(b.px for b in blocks), all(b.fits for b in blocks)


def measure_step(window, k: int, settle=None, shot=None) -> StepFigures:
    """Enter step ``k`` as the presentation does and measure its screens and regions.

    ``settle(window)`` is called after each move (e.g. to run the clock and let zooms finish); the
    framing is then applied without animation. ``shot(window, name)`` is called once each screen
    and region is showing (e.g. to save a screenshot), with names like ``step_01_question``.
    """
    controller = window.lesson_controller
    step = controller.lesson.steps[k]

    def after_move(what: str) -> None:
        if settle is not None:
            settle(window)
        controller.frame_step(animate=False)
        if shot is not None:
            shot(window, f"step_{k + 1:02d}_{what}")

    figures = StepFigures(k, step.title)
    screens = ["question", "answer"] if step.predict is not None else ["caption"]
    controller.go_to(k)  # a predict-first step opens on its question
    after_move(screens[0])
    for screen in screens:
        if screen == "answer":
            controller.reveal()
            after_move(screen)
        px, fits = band_text_px(window)
        figures.caption_px[screen] = px
        if not fits:
            figures.unfit.append(screen)
    for region in range(len(step.frames)):
        if region:
            controller.next()  # pans to the next region of this step
            after_move(f"region_{region + 1}")
        figures.frames.append(frame_figures(window, region))
    figures.named = named_species(window.pathway, step.caption)
    figures.outside = [sid for sid in figures.named if not any(
        f.visible.contains(item.node_rect()) for f in figures.frames for item in window.scene.instances.get(sid, []))]
    return figures


def measure_lesson(window, settle=None, shot=None) -> list[StepFigures]:
    """:func:`measure_step` for every step of the window's lesson (presentation mode must be on)."""
    return [measure_step(window, k, settle, shot) for k in range(len(window.lesson_controller))]
