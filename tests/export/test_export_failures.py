"""Issue #17 defect 13 for exports: a full disk names its cause, a partial lesson export says which
slides were written, and a device file is never replaced by a slide."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSaveFile
from PySide6.QtGui import QImage

from pathwayviz.export.headless import headless_application
from pathwayviz.export.lesson_export import export_lesson, step_file_name
from pathwayviz.export.slide import SlideOptions
from pathwayviz.export.writer import ExportError, write_png
from pathwayviz.lesson import builtin_lesson
from pathwayviz.sim.live import LiveSimulation


@pytest.fixture
def app(qapp):
    font = qapp.font()
    yield headless_application()
    qapp.setFont(font)


def _short_writes(monkeypatch, allowed: int):
    """QSaveFile.write as on a full disk: a short count and no error code."""
    real = QSaveFile.write

    def write(self, data):
        return real(self, data[:allowed]) if allowed else 0

    monkeypatch.setattr(QSaveFile, "write", write)


def test_a_short_write_says_how_much_was_written_and_leaves_the_old_file(app, tmp_path, monkeypatch):
    target = tmp_path / "slide.png"
    target.write_bytes(b"earlier slide")
    image = QImage(400, 300, QImage.Format_RGB32)
    image.fill(0x336699)
    _short_writes(monkeypatch, 100)
    with pytest.raises(ExportError) as err:
        write_png(image, target)
    message = str(err.value)
    assert message.startswith(f"Could not write {target}: only 0.0 of ") and "The disk may be full" in message
    assert "Unknown error" not in message
    assert target.read_bytes() == b"earlier slide" and sorted(tmp_path.iterdir()) == [target]


def test_a_device_file_is_refused_not_replaced(app):
    image = QImage(10, 10, QImage.Format_RGB32)
    with pytest.raises(ExportError, match="/dev/null: it is a device or other special file"):
        write_png(image, "/dev/null")


def test_a_lesson_export_that_fails_part_way_names_the_slides_written(app, pathway, tmp_path, monkeypatch):
    lesson = builtin_lesson(pathway)
    calls = []
    real = QSaveFile.write

    def fail_from_the_third(self, data):
        calls.append(1)
        return real(self, data) if len(calls) <= 2 else 0

    monkeypatch.setattr(QSaveFile, "write", fail_from_the_third)
    with pytest.raises(ExportError) as err:
        export_lesson(lesson, LiveSimulation(pathway), tmp_path / "out", SlideOptions(320, 180))
    message = str(err.value)
    first, second = step_file_name(0, lesson), step_file_name(1, lesson)
    assert f"2 of {len(lesson.steps)} slides were written before this ({first}, {second})." in message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [first, second]
