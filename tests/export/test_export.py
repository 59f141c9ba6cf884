"""Slide export: sizes, transparency, determinism, state differences, lesson files, safe writes."""

from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import QRectF, QSettings
from PySide6.QtGui import QImage, QImageWriter

from pathwayviz.__main__ import main
from pathwayviz.export.lesson_export import run_into, slide_file_names, step_file_name
from pathwayviz.export.slide import SlideExporter
from pathwayviz.export.slide_options import SlideError, SlideOptions, parse_size
from pathwayviz.export.slide_text import short_citation
from pathwayviz.export.writer import write_png
from pathwayviz.model.files import WriteError
from pathwayviz.lesson import builtin_lesson
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

SMALL = SlideOptions(960, 540)


def _state(pathway, toggles=()):
    pert = Perturbations.defaults(pathway)
    # A hyperinsulinemic clamp (high infused insulin, β-cell loop off): compensation cannot move
    # insulin, so the slide shows the cell-level selectivity.
    pert.inputs.update({"insulin": 1.0, "beta_cell": 0.0})
    pert.toggles.update({k: 0.8 for k in toggles})
    return pert


@pytest.fixture(scope="module")
def healthy_live(app, pathway):
    live = LiveSimulation(pathway)
    run_into(live, Perturbations.defaults(pathway), _state(pathway), minutes=30)
    return live


@pytest.fixture(scope="module")
def resistant_live(app, pathway):
    live = LiveSimulation(pathway)
    run_into(live, Perturbations.defaults(pathway), _state(pathway, ("jnk", "ikk", "pkc")), minutes=30)
    return live


def _pixels(image: QImage) -> np.ndarray:
    """H × W × 4 uint8 (B, G, R, A) copy of an image."""
    img = image.convertToFormat(QImage.Format_ARGB32)
    buf = np.frombuffer(img.constBits(), dtype=np.uint8, count=img.sizeInBytes())
    rows = buf.reshape(img.height(), img.bytesPerLine())[:, : img.width() * 4]
    return rows.reshape(img.height(), img.width(), 4).copy()


def _region(image_rect: QRectF, inset: float = 0.2) -> tuple[slice, slice]:
    r = image_rect.adjusted(image_rect.width() * inset, image_rect.height() * inset,
                            -image_rect.width() * inset, -image_rect.height() * inset)
    return slice(int(r.top()), int(r.bottom())), slice(int(r.left()), int(r.right()))


# -- sizes -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("size", [(1920, 1080), (3840, 2160), (1000, 700)])
def test_png_has_the_requested_size(healthy_live, tmp_path, size):
    slide = SlideExporter.of_live(healthy_live, SlideOptions(*size, title="Size check", caption="A caption."))
    path = slide.save_png(tmp_path / "slide.png")
    image = QImage(str(path))
    assert (image.width(), image.height()) == size
    assert image.devicePixelRatio() == 1.0


def test_4k_is_the_same_slide_sharper(healthy_live):
    """The layout scales exactly; the 4K diagram has real detail, not an upscaled 1080p picture."""
    hd = SlideExporter.of_live(healthy_live, SlideOptions(1920, 1080))
    uhd = SlideExporter.of_live(healthy_live, SlideOptions(3840, 2160))
    akt = hd.scene.molecules["akt"].node_rect()
    a, b = hd.layout.scene_to_image(akt), uhd.layout.scene_to_image(akt)
    assert b.x() == pytest.approx(2 * a.x(), abs=0.01) and b.width() == pytest.approx(2 * a.width(), abs=0.01)
    ys, xs = _region(hd.layout.diagram_target_pixels(), 0.1)
    small = _pixels(hd.render())[ys, xs, :3].astype(float).mean(axis=2)
    big = _pixels(uhd.render())[2 * ys.start:2 * ys.stop, 2 * xs.start:2 * xs.stop, :3].astype(float).mean(axis=2)

    def steepest(px):  # edge contrast per pixel step: halves when a picture is smoothly upscaled
        d = np.abs(np.diff(px, axis=1))
        return np.percentile(d[d > 0], 99)

    assert steepest(big) > 0.8 * steepest(small)
    # Rows inside each 2×2 block differ as much as rows across blocks: no pixel doubling either.
    within = np.abs(big[0::2] - big[1::2]).mean()
    across = np.abs(big[1:-1:2] - big[2::2]).mean()
    assert within > 0.6 * across


# -- transparency and determinism ----------------------------------------------------------------
def test_transparent_background_and_opaque_diagram(healthy_live, tmp_path):
    slide = SlideExporter.of_live(healthy_live, SlideOptions(960, 540, transparent=True))
    path = slide.save_png(tmp_path / "clear.png")
    pixels = _pixels(QImage(str(path)))
    assert pixels[3, 3, 3] == 0                     # slide margin
    assert pixels[-3, pixels.shape[1] // 2, 3] == 0  # below the footer
    centre = slide.layout.scene_to_image(slide.scene.molecules["akt"].node_rect()).center()
    assert pixels[int(centre.y()), int(centre.x()), 3] == 255
    opaque = _pixels(SlideExporter.of_live(healthy_live, SlideOptions(960, 540)).render())
    assert (opaque[..., 3] == 255).all()


def test_same_state_and_size_give_identical_bytes(healthy_live, tmp_path):
    first = SlideExporter.of_live(healthy_live, SMALL).save_png(tmp_path / "a.png")
    second_slide = SlideExporter.of_live(healthy_live, SMALL)
    # Pulses moving along the edges must not leak into the picture.
    scene = second_slide.scene
    scene.pulses.advance_pulses([1.0] * len(scene.pulses.edges), 0.37)
    second = second_slide.save_png(tmp_path / "b.png")
    assert first.read_bytes() == second.read_bytes()
    assert scene.pulses.isVisible()  # the scene is left as it was found


def test_selective_resistance_changes_the_metabolic_branch_not_mapk(healthy_live, resistant_live):
    healthy = SlideExporter.of_live(healthy_live, SMALL)
    resistant = SlideExporter.of_live(resistant_live, SMALL)
    a, b = _pixels(healthy.render()).astype(int), _pixels(resistant.render()).astype(int)

    def change(species: str) -> float:
        ys, xs = _region(healthy.layout.scene_to_image(healthy.scene.molecules[species].node_rect()))
        return float(np.abs(a[ys, xs, :3] - b[ys, xs, :3]).mean())

    metabolic = min(change("akt"), change("pi3k"))
    mapk = max(change("erk"), change("mek"))
    assert metabolic > 25, metabolic
    assert mapk < metabolic / 3, (mapk, metabolic)


# -- lesson and command line ------------------------------------------------------------------------
def test_all_steps_writes_one_file_per_step_in_order(app, pathway, tmp_path, capsys):
    out = tmp_path / "slides"
    assert main(["export", "--all-steps", "--size", "640x360", "-o", str(out)]) == 0
    lesson = builtin_lesson(pathway)
    expected = [name for k in range(len(lesson.steps)) for name in slide_file_names(k, lesson)]
    assert sorted(p.name for p in out.iterdir()) == expected
    # A step shown region by region: one slide per region, lettered; others one slide, numbered.
    assert expected[:2] == ["01a-healthy-fasting.png", "01b-healthy-fasting.png"]
    assert "03-inflammation.png" in expected and len(expected) == sum(len(s.frames) for s in lesson.steps)
    assert capsys.readouterr().out.split() == [str(out / name) for name in expected]
    assert QImage(str(out / expected[-1])).width() == 640


def test_single_step_and_state_from_the_command_line(app, tmp_path):
    assert main(["export", "--step", "3", "--size", "640x360", "-o", str(tmp_path / "step.png")]) == 0
    assert main(["export", "--toggle", "jnk", "--no-plots", "--theme", "projector", "--size", "640x360",
                 "-o", str(tmp_path / "state.svg")]) == 0
    assert QImage(str(tmp_path / "step.png")).width() == 640
    svg = (tmp_path / "state.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "switched on</text>" in svg and "DejaVu Sans" in svg


@pytest.mark.parametrize("argv, message", [
    (["--size", "abc"], "WIDTHxHEIGHT"),
    (["--size", "0x0"], "positive"),
    (["--step", "99"], "has steps 1 to"),
    (["--step", "2", "--toggle", "jnk"], "cannot be combined"),
    (["--toggle", "nonsense"], "not a serine-kinase toggle"),
])
def test_command_line_mistakes_exit_2_with_a_message(app, tmp_path, capsys, argv, message):
    assert main(["export", *argv, "-o", str(tmp_path / "x.png")]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


# -- sizes refused ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, message", [
    ("0x0", "must be positive"), ("-5x10", "must be positive"), ("20000x20000", "at most 16384"),
    ("abc", "WIDTHxHEIGHT"), ("16384x16384", "GB of memory"),
])
def test_invalid_sizes_are_refused(text, message):
    with pytest.raises(SlideError, match=message):
        parse_size(text)


def test_size_parsing_and_option_checks():
    assert parse_size("3840x2160") == (3840, 2160)
    assert parse_size(" 1280 × 720 ") == (1280, 720)
    with pytest.raises(SlideError, match="theme"):
        SlideOptions(theme="dark")
    with pytest.raises(SlideError, match="whole number"):
        SlideOptions(width=19.5)


# -- safe writing -----------------------------------------------------------------------------------
@pytest.fixture
def image(app):
    img = QImage(64, 36, QImage.Format_RGB32)
    img.fill(0x336699)
    return img


def test_missing_folder_or_file_as_folder_fail_cleanly(image, tmp_path):
    with pytest.raises(WriteError, match="does not exist") as err:
        write_png(image, tmp_path / "missing" / "slide.png")
    assert str(tmp_path / "missing") in str(err.value)
    blocker = tmp_path / "notes.txt"
    blocker.write_text("not a folder")
    with pytest.raises(WriteError, match="is a file, not a folder"):
        write_png(image, blocker / "slide.png")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_read_only_folder_fails_cleanly():
    from helpers import refused_write_in_locked_folder

    message = refused_write_in_locked_folder(
        "import os\nos.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtGui import QGuiApplication, QImage\napp = QGuiApplication([])\n"
        "from pathwayviz.export.writer import write_png\nfrom pathwayviz.model.files import WriteError\n"
        "image = QImage(64, 36, QImage.Format_RGB32)\nimage.fill(0xffffff)",
        "write_png(image, {target})", "WriteError", "slide.png")
    assert "no permission to write in the folder" in message


@pytest.mark.parametrize("failure", ["rename", "encode"])
def test_failed_write_keeps_the_earlier_file_and_leaves_no_partial_file(image, tmp_path, monkeypatch, failure):
    target = tmp_path / "slide.png"
    target.write_bytes(b"earlier slide")
    if failure == "rename":
        monkeypatch.setattr(os, "replace", lambda *args: (_ for _ in ()).throw(OSError(28, "No space left on device")))
    else:
        monkeypatch.setattr(QImageWriter, "write", lambda self, img: False)
    with pytest.raises(WriteError) as err:
        write_png(image, target)
    assert str(target) in str(err.value) and "unchanged" in str(err.value)
    assert target.read_bytes() == b"earlier slide"
    assert [p.name for p in tmp_path.iterdir()] == ["slide.png"]


def test_export_into_a_missing_folder_from_the_command_line(app, tmp_path, capsys):
    assert main(["export", "--size", "320x180", "-o", str(tmp_path / "nope" / "slide.png")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "nope").exists()


# -- composition details ----------------------------------------------------------------------------
def test_footer_cites_the_highlighted_species(healthy_live, pathway):
    slide = SlideExporter.of_live(healthy_live, SMALL, highlight=["jnk"])
    left, right = slide.footer_text()
    assert left.startswith("References: ") and "Hirosumi et al. 2002 Nature" in left
    assert short_citation(pathway.references["samuel2012"]) == "Samuel & Shulman 2012 Cell"
    # multi-word surnames keep every word (not "Van et al." / "de")
    assert short_citation("Van Cauter E, Leproult R, Plat L. Title. JAMA. 2000;284(7):861-8.") == \
        "Van Cauter et al. 2000 JAMA"
    assert short_citation(pathway.references["deboer2005"]).startswith("de Boer et al. 2005")
    assert short_citation("Møller N, Jørgensen JO. Title. Endocr Rev. 2009;30(2):152-77.") == \
        "Møller & Jørgensen 2009 Endocr Rev"


def test_lesson_step_zooms_and_keeps_layout_inside_the_slide(app, pathway):
    lesson = builtin_lesson(pathway)
    k = next(i for i, s in enumerate(lesson.steps) if s.zoom)
    live = LiveSimulation(pathway)
    run_into(live, Perturbations.defaults(pathway), lesson.steps[k].perturbations(pathway), minutes=5)
    slide = SlideExporter.of_live(live, SMALL.with_texts(lesson.steps[k].title, lesson.steps[k].caption),
                          highlight=lesson.steps[k].highlight, zoom=lesson.steps[k].zoom)
    lay = slide.layout
    assert lay.diagram_source.width() < slide.scene.diagram_rect().width()
    canvas = lay.canvas
    for rect in (lay.diagram_target, lay.legend, lay.plots, lay.footer, lay.side):
        assert canvas.contains(rect), rect
    assert not lay.diagram_target.intersects(lay.side)


def test_clipboard_gets_the_slide(healthy_live, qapp):
    SlideExporter.of_live(healthy_live, SlideOptions(640, 360)).to_clipboard()
    assert qapp.clipboard().image().size().width() == 640


# -- the window's actions ---------------------------------------------------------------------------
def test_window_actions_export_and_report_problems(main_window, tmp_path):
    window = main_window
    actions = window.actions_registry
    assert actions["export_slide"].shortcut().toString() == "Ctrl+E"
    assert actions["copy_slide"].shortcut().toString() == "Ctrl+Shift+C"
    assert "export_lesson" in actions and "export_svg" in actions
    controller = window.slide_export
    written = controller.export_slide_to(tmp_path / "now.png", SlideOptions(640, 360))
    assert QImage(str(written)).width() == 640
    assert controller.export_slide_to(tmp_path / "missing" / "x.png", SlideOptions(640, 360)) is None
    assert "does not exist" in controller.last_problem.text()
    controller.last_problem.close()


def test_export_choices_are_remembered(tmp_path):
    from pathwayviz.ui.export_actions import SlideOptionsDialog, load_choices, save_choices

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    assert load_choices(settings) == SlideOptions()
    chosen = SlideOptions(2560, 1440, "projector", True, False)
    save_choices(chosen, settings)
    settings.sync()
    again = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    assert load_choices(again) == chosen
    dialog = SlideOptionsDialog(chosen, with_texts=False)
    assert dialog.options() == chosen and dialog.width_box.isEnabled()
    dialog.size_combo.setCurrentIndex(1)
    assert (dialog.options().width, dialog.options().height) == (3840, 2160)
    dialog.deleteLater()


def test_window_slide_follows_the_current_lesson_step(main_window, pathway):
    lesson = builtin_lesson(pathway)
    k = next(i for i, s in enumerate(lesson.steps) if s.zoom)
    assert main_window.lesson_controller.go_to(k, reveal=True)
    controller = main_window.slide_export
    assert controller.default_texts() == (lesson.steps[k].title, lesson.steps[k].caption)
    slide = controller.current_slide(SlideOptions(640, 360))
    assert slide.frame.title == lesson.steps[k].title and slide.zoom == lesson.steps[k].zoom
    assert set(slide.highlight) == set(lesson.steps[k].highlight)
    assert controller._suggested_name(".png").endswith(f"{k + 1:02d}-{lesson.steps[k].id}.png")


def test_lesson_export_reports_progress_and_can_be_cancelled(app, pathway, tmp_path):
    from pathwayviz.export.lesson_export import export_lesson

    lesson = builtin_lesson(pathway)
    seen = []

    def progress(done, total, what):
        seen.append((done, total))
        return done < 2  # cancel before the third step

    result = export_lesson(lesson, LiveSimulation(pathway), tmp_path / "part", SlideOptions(320, 180), progress)
    assert result.cancelled and seen == [(0, len(lesson.steps)), (1, len(lesson.steps)), (2, len(lesson.steps))]
    assert [p.name for p in result.files] == slide_file_names(0, lesson) + slide_file_names(1, lesson)
    assert sorted(p.name for p in (tmp_path / "part").iterdir()) == [p.name for p in result.files]
