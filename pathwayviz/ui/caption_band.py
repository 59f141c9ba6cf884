"""The caption band of presentation mode: step title and counter, then the caption, question or answer.

Sized for a projector: every measure is pixels on a 1080-line screen, scaled to the real one.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..theme.palette import OKABE_ITO
from .lesson_controller import LessonController, step_counter

BAND_SHARE = 0.23          # of the screen height: the built-in lesson's texts fit at ≥ 32 px on 1080p
REFERENCE_HEIGHT = 1080.0  # all band measures below are pixels on a 1080-line screen
TITLE_PX, COUNTER_PX = 44, 34
BODY_PX, SOLO_BODY_PX, MIN_BODY_PX = 36, 42, 32  # side by side / one text alone / never below
MARGIN_PX = 40
INK = "#000000"
PREDICT_TAG = OKABE_ITO["blue"]   # white on it: contrast 5.1:1; the tag's word carries the meaning
ANSWER_TAG = "#1a1a1a"


def _font(px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    return font


def text_document(html: str, px: float, width: float) -> QTextDocument:
    """Word-wrapped rich text at ``px`` pixels, ``width`` wide, without margins."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(_font(px))
    doc.setDefaultStyleSheet(f"body {{ color: {INK}; }}")
    doc.setHtml(html)
    doc.setTextWidth(width)
    return doc


def tagged_html(tag: str, colour: str, text: str, px: float) -> str:
    """Text led by a coloured word-tag ("PREDICT", "ANSWER"); the word, not the colour, says what it is."""
    tag_px = round(px * 0.78)
    return (f'<span style="background-color:{colour}; color:#ffffff; font-weight:bold; font-size:{tag_px}px;">'
            f'&nbsp;{tag}&nbsp;</span>&nbsp; {escape(text)}')


@dataclass(frozen=True)
class BandBlock:
    """One laid-out text block of the band: its box, its text size and whether all of it fits."""

    role: str
    rect: QRectF
    px: int
    html: str
    fits: bool


def layout_band(blocks: dict[str, str], width: float, height: float, s: float = 1.0) -> list[BandBlock]:
    """Where and how large the band draws each text, for a band ``width`` × ``height`` pixels on a
    screen ``s`` times as tall as 1080 lines.

    Body texts get the largest common size between MIN_BODY_PX and BODY_PX (SOLO_BODY_PX for a text
    alone; times ``s``) at which all of them fit; side-by-side texts share one size so neither looks
    shouted.
    """
    margin = MARGIN_PX * s
    rule = max(2.0, 4 * s)
    top = rule + 12 * s
    inner_w = width - 2 * margin
    counter_px = round(COUNTER_PX * s)
    counter_w = QFontMetricsF(_font(counter_px, True)).horizontalAdvance(blocks["counter"]) + 4 * s
    title_px = round(TITLE_PX * s)
    title_h = QFontMetricsF(_font(title_px, True)).height()
    out = [BandBlock("title", QRectF(margin, top, inner_w - counter_w - 24 * s, title_h), title_px,
                     escape(blocks["title"]), True),
           BandBlock("counter", QRectF(width - margin - counter_w, top, counter_w, title_h), counter_px,
                     escape(blocks["counter"]), True)]
    body = QRectF(margin, top + title_h + 8 * s, inner_w, height - top - title_h - 8 * s - 14 * s)
    if "question" in blocks:
        parts = [("question", body, lambda px: tagged_html("PREDICT", PREDICT_TAG, blocks["question"], px))]
    elif "answer" in blocks:
        gap = 40 * s
        # The longer text gets the wider column, so both reach the same size sooner.
        share = len(blocks["caption"]) / max(1, len(blocks["caption"]) + len(blocks["answer"]) + 10)
        share = min(0.62, max(0.38, share))
        left = QRectF(body.left(), body.top(), (body.width() - gap) * share, body.height())
        right = QRectF(left.right() + gap, body.top(), body.right() - left.right() - gap, body.height())
        parts = [("caption", left, lambda px: escape(blocks["caption"])),
                 ("answer", right, lambda px: tagged_html("ANSWER", ANSWER_TAG, blocks["answer"], px))]
    else:
        parts = [("caption", body, lambda px: escape(blocks["caption"]))]
    px = round((BODY_PX if len(parts) > 1 else SOLO_BODY_PX) * s)
    least = round(MIN_BODY_PX * s)
    while px > least and any(text_document(html(px), px, r.width()).size().height() > r.height()
                             for _role, r, html in parts):
        px -= 1
    for role, rect, html in parts:
        fits = text_document(html(px), px, rect.width()).size().height() <= rect.height()
        out.append(BandBlock(role, rect, px, html(px), fits))
    return out


class CaptionBand(QWidget):
    """The bottom band: step title and counter, then the caption, the question or the answer.

    Before a question is revealed the band shows it instead of the caption (the caption would often
    give the answer away); once revealed it shows the caption and the answer side by side.
    """

    def __init__(self, controller: LessonController, parent=None):
        super().__init__(parent)
        self.setObjectName("caption_band")
        self.controller = controller
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.blocks: dict[str, str] = {}   # what the band shows now: role -> text (tests read this)
        self.clock = ""                    # a running scenario's time of day, beside the step counter
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(1920, round(BAND_SHARE * REFERENCE_HEIGHT))

    def refresh(self) -> None:
        c = self.controller
        step = c.step
        blocks = {"counter": step_counter(c) + (f" · {self.clock}" if self.clock else "")}
        region = c.region()
        if region is not None:  # a step shown region by region: which part of it this is
            blocks["counter"] += f" · part {region[0] + 1}/{region[1]}"
        if step is None:
            blocks["title"] = c.lesson.title
            blocks["caption"] = "Press → or Page Down to begin." if len(c) else "No lesson for this pathway."
        else:
            blocks["title"] = step.title
            if c.awaiting_answer():
                blocks["question"] = step.predict.question
            else:
                blocks["caption"] = step.caption
                if step.predict is not None:
                    blocks["answer"] = step.predict.answer
        self.blocks = blocks
        self.update()

    def show_clock(self, clock: str) -> None:
        """Show a running scenario's time of day ("08:30") beside the counter; "" hides it."""
        if clock != self.clock:
            self.clock = clock
            self.refresh()

    def layout(self) -> list[BandBlock]:  # noqa: A003 - what is drawn where, for painting and tests
        return layout_band(self.blocks, self.width(), self.height(), self.screen_scale())

    def screen_scale(self) -> float:
        return self.window().height() / REFERENCE_HEIGHT

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt override)
        s = self.screen_scale()
        p = QPainter(self)
        p.setRenderHint(QPainter.Antialiasing)
        p.setRenderHint(QPainter.TextAntialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        p.fillRect(QRectF(0, 0, self.width(), max(2.0, 4 * s)), QColor(INK))
        blocks = self.layout()
        for block in blocks:
            if block.role == "title":
                font = _font(block.px, bold=True)
                p.setFont(font)
                p.setPen(QColor(INK))
                text = QFontMetricsF(font).elidedText(self.blocks["title"], Qt.ElideRight, block.rect.width())
                p.drawText(block.rect, Qt.AlignLeft | Qt.AlignVCenter, text)
            elif block.role == "counter":
                p.setFont(_font(block.px, bold=True))
                p.setPen(QColor("#333333"))
                p.drawText(block.rect, Qt.AlignRight | Qt.AlignVCenter, self.blocks["counter"])
            else:
                doc = text_document(block.html, block.px, block.rect.width())
                p.save()
                p.translate(block.rect.topLeft())
                doc.drawContents(p, QRectF(0, 0, block.rect.width(), block.rect.height()))
                p.restore()
        if "answer" in self.blocks and len(blocks) > 3:
            left, right = blocks[2].rect, blocks[3].rect
            x = (left.right() + right.left()) / 2
            p.fillRect(QRectF(x - s, left.top() + 4 * s, max(1.0, 2 * s), left.height() - 8 * s), QColor("#9a9a9a"))
        p.end()
