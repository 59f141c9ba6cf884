"""Exported slides carry the state in words: PNG Description chunk, SVG <desc>, lesson slides too."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImageReader

from pathwayviz.export.headless import headless_application
from pathwayviz.export.lesson_export import export_lesson, run_into
from pathwayviz.export.slide import SlideExporter
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.export.writer import ALT_TEXT_KEY
from pathwayviz.lesson import builtin_lesson
from pathwayviz.sim.describe import describe_state
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

SMALL = SlideOptions(960, 540)


@pytest.fixture(scope="module")
def resistant(qapp, pathway):
    font = qapp.font()
    headless_application()
    live = LiveSimulation(pathway)
    pert = Perturbations.defaults(pathway)
    pert.toggles.update({"jnk": 0.8, "ikk": 0.8, "pkc": 0.8})
    run_into(live, Perturbations.defaults(pathway), pert)
    yield live
    qapp.setFont(font)


def expected_words(live):
    return describe_state(live.pathway, live.perturbations, live.state, live.healthy).text


def png_description(path) -> str:
    reader = QImageReader(str(path))
    assert reader.canRead()
    return reader.text(ALT_TEXT_KEY)


def test_png_slide_has_the_state_in_words(resistant, tmp_path):
    path = SlideExporter.of_live(resistant, SMALL).save_png(tmp_path / "slide.png")
    text = png_description(path)
    words = expected_words(resistant)
    assert words.startswith("JNK, IKKβ and PKC on: ")
    assert text.endswith(words)  # unicode (β, −) survives the text chunk
    assert resistant.pathway.title in text


def test_svg_slide_desc_is_the_state_in_words(resistant, tmp_path):
    path = SlideExporter.of_live(resistant, SMALL).export_svg(tmp_path / "slide.svg")
    root = ET.parse(path).getroot()
    descs = [el.text for el in root.iter() if el.tag.endswith("desc")]
    assert any(d and d.endswith(expected_words(resistant)) for d in descs), descs


def test_every_lesson_slide_has_its_own_alt_text(resistant, pathway, tmp_path):
    lesson = builtin_lesson(pathway)
    live = LiveSimulation(pathway)
    result = export_lesson(lesson, live, tmp_path, SMALL)
    texts = [png_description(p) for p in result.files]
    slide_steps = [step for step in lesson.steps for _ in step.frames]  # a slide per region
    assert len(texts) == len(slide_steps)
    for step, text in zip(slide_steps, texts):
        assert text.startswith(step.title + ". "), (step.title, text)
    # Different states give different sentences (not one fixed string).
    assert len({t.split(". ", 1)[1] for t in texts}) >= 4
