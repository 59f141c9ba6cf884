"""PowerPoint deck: read back with python-pptx (titles, captions, notes, alt text, pictures, charts, clips)."""

from __future__ import annotations

import errno
import io
import math
import re

import av
import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pathwayviz.__main__ import main
from pathwayviz.export.deck import (PICTURE_BOX, REFERENCES_PER_SLIDE, DeckOptions, deck_reference_keys, export_deck,
                                    require_pptx, speaker_notes)
from pathwayviz.export.headless import headless_application
from pathwayviz.export.lesson_export import simulate_step
from pathwayviz.sim.perturbations import state_caption
from pathwayviz.export.video import step_scenes
from pathwayviz.export.video_options import VideoOptions
from pathwayviz.export.writer import ExportError
from pathwayviz.model.files import WriteError
from pathwayviz.lesson.loader import builtin_lesson
from pathwayviz.lesson.model import Lesson
from pathwayviz.sim.live import LiveSimulation

WIDTH = 480  # small diagrams keep the test fast; the deck's default is 3840


@pytest.fixture(scope="module")
def lesson(pathway):
    return builtin_lesson(pathway)


@pytest.fixture(scope="module")
def deck(app, pathway, lesson, tmp_path_factory):
    out = tmp_path_factory.mktemp("deck") / "lesson.pptx"
    result = export_deck(lesson, LiveSimulation(pathway), out, DeckOptions(diagram_width=WIDTH))
    return result, Presentation(str(out))


def _named(slide, name):
    return [shape for shape in slide.shapes if shape.name == name]


def _descr(shape) -> str:
    return shape.element.xpath("./*[1]/p:cNvPr")[0].get("descr") or ""


def test_one_slide_per_step_then_references(deck, lesson, pathway):
    result, prs = deck
    keys = deck_reference_keys(lesson, pathway)
    pages = math.ceil(len(keys) / REFERENCES_PER_SLIDE)
    assert len(prs.slides) == result.slides == len(lesson.steps) + pages
    for slide, step in zip(prs.slides, lesson.steps):
        assert _named(slide, "Title")[0].text_frame.text == step.title
        assert _named(slide, "Caption")[0].text_frame.text == step.caption
        notes = slide.notes_slide.notes_text_frame.text
        assert notes == speaker_notes(step) and step.notes.strip() in notes
        if step.predict is not None:
            assert step.predict.question in notes and step.predict.answer in notes
    reference_text = "\n".join(shape.text_frame.text for slide in list(prs.slides)[len(lesson.steps):]
                               for shape in slide.shapes if shape.name.startswith("Reference list"))
    for key in keys:
        assert pathway.references[key] in reference_text
    assert _named(prs.slides[-1], "Title")[0].text_frame.text == f"References ({pages}/{pages})"


def test_every_picture_is_present_with_alt_text(deck, lesson):
    _, prs = deck
    for slide in list(prs.slides)[:len(lesson.steps)]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        step = lesson.steps[list(prs.slides).index(slide)]
        assert len(pictures) == len(step.frames)  # a step shown region by region: a picture per region
        for k, picture in enumerate(pictures):
            assert picture.image.content_type == "image/png"
            assert picture.image.size[0] == WIDTH and picture.image.blob[:8] == b"\x89PNG\r\n\x1a\n"
            part = f"Part {k + 1} of {len(pictures)} of the diagram. " if len(pictures) > 1 else ""
            assert _descr(picture).startswith(part + "Diagram of the")
        charts = [s for s in slide.shapes if s.has_chart]
        assert len(charts) == 6 and all(_descr(c).startswith("Time course of") for c in charts)


def test_alt_text_and_charts_tell_the_simulated_values(app, deck, lesson, pathway):
    """The numbers in the alt text and the chart's last point are the step's settled simulation."""
    _, prs = deck
    k = 2  # inflammation
    live = LiveSimulation(pathway)
    simulate_step(live, lesson, k)
    slide = prs.slides[k]
    alt = _descr(_named(slide, "Diagram")[0])
    for sid in ("akt", "erk", "irs1_ptyr"):
        label = pathway.species[sid].label
        match = re.search(re.escape(label) + r" (\d\.\d\d)", alt)
        assert match and float(match.group(1)) == pytest.approx(live.value(sid), abs=0.005)
    assert state_caption(pathway, live.perturbations) in alt and "TNF-α 0.50" in alt
    hgp = _named(slide, "Chart: " + next(r.label for r in pathway.readouts if r.species == "hgp"))[0]
    current = list(hgp.chart.plots[0].series[0].values)
    assert current[-1] == pytest.approx(live.value("hgp"), abs=2e-3)
    assert hgp.chart.value_axis.maximum_scale == 1.0


def test_deck_with_embedded_clips(app, pathway, lesson, tmp_path):
    short = Lesson(lesson.title, lesson.description, lesson.steps[1:3])
    clip = VideoOptions(320, 180, 30, 0.2)
    out = tmp_path / "clips.pptx"
    result = export_deck(short, LiveSimulation(pathway), out, DeckOptions(diagram_width=WIDTH, video=clip))
    prs = Presentation(str(out))
    assert result.slides == len(prs.slides) == 2 + math.ceil(len(deck_reference_keys(short, pathway))
                                                             / REFERENCES_PER_SLIDE)
    for slide, step in zip(prs.slides, short.steps):
        movie = _named(slide, "Transition video")[0]
        assert movie.shape_type == MSO_SHAPE_TYPE.MEDIA
        assert abs(movie.width / movie.height - 320 / 180) < 0.01   # the clip's shape, not stretched
        posters = [rel.target_part for rel in slide.part.rels.values() if rel.target_part.content_type == "image/png"]
        assert len(posters) == 1
        from PySide6.QtGui import QImage
        poster = QImage.fromData(posters[0].blob, "PNG")
        assert (poster.width(), poster.height()) == (320, 180)   # the clip's last frame
        assert "Diagram of the" in _descr(movie) and step.title in _descr(movie)
        # PowerPoint links a clip twice (as video and as media); both point at one part.
        media = list({rel.target_part for rel in slide.part.rels.values()
                      if rel.target_part.content_type == "video/mp4"})
        assert len(media) == 1
        with av.open(io.BytesIO(media[0].blob)) as container:
            stream = container.streams.video[0]
            assert (stream.width, stream.height, stream.frames) == (320, 180, 6)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clips.pptx"]


def test_deck_clips_leave_the_title_and_caption_to_the_slide(app, pathway, lesson, tmp_path, monkeypatch):
    """The slide carries the step's title and caption as editable text; its clip does not repeat them."""
    from pathwayviz.export import deck as deck_module

    frames = []
    real = deck_module.export_video

    def recording(scenes, live, *args, **kwargs):
        frames.extend(scene.begin(LiveSimulation(pathway)) for scene in scenes)
        return real(scenes, live, *args, **kwargs)

    monkeypatch.setattr(deck_module, "export_video", recording)
    short = Lesson(lesson.title, lesson.description, lesson.steps[1:3])
    export_deck(short, LiveSimulation(pathway), tmp_path / "clips.pptx",
                DeckOptions(diagram_width=WIDTH, video=VideoOptions(320, 180, 30, 0.1)))
    assert len(frames) == sum(len(s.frames) for s in short.steps)  # a scene per region
    assert all(f.title == "" and f.caption == "" for f in frames)
    alone = step_scenes(short, LiveSimulation(pathway), VideoOptions(320, 180, 30, 0.1), 0)[0].begin(
        LiveSimulation(pathway))
    assert (alone.title, alone.caption) == (short.steps[0].title, short.steps[0].caption)


def test_cancel_and_failed_save_leave_nothing_partial(app, pathway, lesson, tmp_path, monkeypatch):
    short = Lesson(lesson.title, lesson.description, lesson.steps[:2])
    out = tmp_path / "deck.pptx"
    result = export_deck(short, LiveSimulation(pathway), out, DeckOptions(diagram_width=WIDTH),
                         progress=lambda done, total, what: done < 1)
    assert result.cancelled and result.path is None
    assert list(tmp_path.iterdir()) == []
    out.write_bytes(b"earlier deck")

    def full_disk(self, file):
        with open(file, "wb") as fh:
            fh.write(b"PK half a zip")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("pptx.presentation.Presentation.save", full_disk)
    with pytest.raises(WriteError) as err:
        export_deck(short, LiveSimulation(pathway), out, DeckOptions(diagram_width=WIDTH))
    assert str(out) in str(err.value) and "No space left" in str(err.value) and "unchanged" in str(err.value)
    assert out.read_bytes() == b"earlier deck"
    assert [p.name for p in tmp_path.iterdir()] == ["deck.pptx"]


def test_read_only_folder_is_refused_before_any_work():
    from helpers import refused_write_in_locked_folder

    message = refused_write_in_locked_folder(
        "import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\nimport av, pptx\n"
        "from pathwayviz.export.headless import headless_application\napp = headless_application()\n"
        "from pathwayviz.export.deck import export_deck\nfrom pathwayviz.model.files import WriteError\n"
        "from pathwayviz.lesson.loader import builtin_lesson\n"
        "from pathwayviz.model.loader import load_pathway\nfrom pathwayviz.resource_files import builtin_pathway_path\n"
        "from pathwayviz.sim.live import LiveSimulation\n"
        "pathway = load_pathway(builtin_pathway_path())\nlive = LiveSimulation(pathway)\n"
        "lesson = builtin_lesson(pathway)",
        "export_deck(lesson, live, {target})", "WriteError", "deck.pptx")
    assert "no permission to write in the folder" in message


def test_missing_python_pptx_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pptx", None)
    with pytest.raises(ExportError, match=r"pip install 'pathwayviz\[deck\]'"):
        require_pptx()


@pytest.mark.parametrize("argv, message", [
    (["--pptx", "{tmp}/x.ppt"], "ending in .pptx"),
    (["--pptx", "{tmp}/x.pptx", "--step", "2"], "a deck holds every step"),
    (["--pptx", "{tmp}/x.pptx", "--toggle", "jnk"], "cannot be combined with --pptx"),
    (["--pptx", "{tmp}/x.pptx", "--fps", "30"], "only applies to --video"),
    (["--pptx", "{tmp}/x.pptx", "--with-video", "--fps", "61"], "frames per second"),
    (["--pptx", "{tmp}/x.pptx", "--size", "640x360"], "--size applies to the embedded clips"),
    (["--video", "{tmp}/x.mp4", "--with-video"], "--with-video applies to --pptx"),
    (["--pptx", "{tmp}/nope/x.pptx"], "does not exist"),
])
def test_deck_mistakes_exit_2_with_the_fix(app, tmp_path, capsys, argv, message):
    assert main(["export", *[a.format(tmp=tmp_path) for a in argv]]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_a_zoomed_steps_picture_shows_the_steps_frame(app, deck, lesson, pathway):
    """Zoomed steps show the part the presentation frames, in the picture box's shape; a step shown
    region by region one picture per region, side by side or stacked in the column; others the whole diagram."""
    from pptx.util import Inches

    from pathwayviz.canvas.framing import framed_source
    from pathwayviz.canvas.scene import PathwayScene
    from pathwayviz.canvas.style import THEMES
    from pathwayviz.export.deck import picture_boxes

    _, prs = deck
    scene = PathwayScene(pathway, THEMES["light"])
    whole = scene.diagram_rect()
    assert any(len(s.frames) > 1 for s in lesson.steps)
    for k, step in enumerate(lesson.steps):
        pictures = sorted((s for s in prs.slides[k].shapes if s.name.startswith("Diagram")),
                          key=lambda s: (s.top, s.left))
        boxes = picture_boxes(scene, step)
        assert len(pictures) == len(step.frames) == len(boxes)
        for picture, zoom, box in zip(pictures, step.frames, boxes):
            w, h = picture.image.size
            if not zoom:
                assert h == round(WIDTH * whole.height() / whole.width())
                continue
            source = framed_source(scene, zoom, box.width() / box.height())
            assert (w, h) == (WIDTH, round(WIDTH * source.height() / source.width()))
            assert abs(w / h - box.width() / box.height()) < 0.02
            # Larger than the whole diagram in the whole column would be (inches per scene unit).
            assert box.width() / source.width() > min(PICTURE_BOX[0] / whole.width(), PICTURE_BOX[1] / whole.height())
            # Inside the diagram's column (left of the caption at 9.1 in) and the slide.
            assert picture.left + picture.width <= Inches(9.1) and picture.top + picture.height <= Inches(7.0)
        for a, b in zip(pictures, pictures[1:]):  # regions never overlap
            assert a.top + a.height <= b.top or a.left + a.width <= b.left


def test_a_step_without_zoom_pictures_the_whole_diagram(app, pathway, lesson):
    import dataclasses

    from pathwayviz.canvas.scene import PathwayScene
    from pathwayviz.canvas.style import THEMES
    from pathwayviz.export.deck import render_diagram
    from pathwayviz.sim.live import LiveSimulation

    scene = PathwayScene(pathway, THEMES["light"])
    whole = scene.diagram_rect()
    step = dataclasses.replace(lesson.steps[0], zoom=(), regions=())
    image = render_diagram(LiveSimulation(pathway), scene, step, 480)
    assert (image.width(), image.height()) == (480, round(480 * whole.height() / whole.width()))


def test_cancel_within_a_clip_stops_there_and_leaves_nothing(app, pathway, lesson, tmp_path):
    short = Lesson(lesson.title, lesson.description, lesson.steps[1:3])
    clip = VideoOptions(320, 180, 30, 1.0)
    out = tmp_path / "clips.pptx"
    seen = []

    def progress(done, total, what):
        seen.append((done, total))
        return done < 5   # the fifth frame of the first step's 30-frame clip

    result = export_deck(short, LiveSimulation(pathway), out, DeckOptions(diagram_width=WIDTH, video=clip),
                         progress=progress)
    assert result.cancelled and result.path is None
    assert seen[0] == (0, 2 * 31) and seen[-1] == (5, 62)  # stopped within the clip, not after it
    assert list(tmp_path.iterdir()) == []
