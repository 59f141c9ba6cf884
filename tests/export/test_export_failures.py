"""Issue #17 defect 13 for exports: a full disk names its cause, a partial lesson export says which
slides were written, and a device file is never replaced by a slide."""

from __future__ import annotations

import errno
import os

import pytest
from PySide6.QtGui import QImage

from pathwayviz.export.headless import headless_application
from pathwayviz.export.lesson_export import export_lesson, step_file_name
from pathwayviz.export.slide_options import SlideOptions
from pathwayviz.export.writer import write_png
from pathwayviz.model.files import WriteError
from pathwayviz.lesson import builtin_lesson
from pathwayviz.sim.live import LiveSimulation


@pytest.fixture
def app(qapp):
    font = qapp.font()
    yield headless_application()
    qapp.setFont(font)


def _full_disk_after(monkeypatch, allowed: int):
    """os.fsync as on a disk that fills up after ``allowed`` files."""
    real, calls = os.fsync, []

    def fsync(fd):
        calls.append(fd)
        if len(calls) > allowed:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


def test_a_full_disk_names_its_cause_and_leaves_the_old_file(app, tmp_path, monkeypatch):
    target = tmp_path / "slide.png"
    target.write_bytes(b"earlier slide")
    image = QImage(400, 300, QImage.Format_RGB32)
    image.fill(0x336699)
    _full_disk_after(monkeypatch, 0)
    with pytest.raises(WriteError) as err:
        write_png(image, target)
    message = str(err.value)
    assert message.startswith(f"Could not write {target}: the disk is full") and "Unknown error" not in message
    assert target.read_bytes() == b"earlier slide" and sorted(tmp_path.iterdir()) == [target]


def test_a_device_file_is_refused_not_replaced(app):
    image = QImage(10, 10, QImage.Format_RGB32)
    with pytest.raises(WriteError, match="/dev/null: it is a device or other special file"):
        write_png(image, "/dev/null")


def test_a_lesson_export_that_fails_part_way_names_the_slides_written(app, pathway, tmp_path, monkeypatch):
    lesson = builtin_lesson(pathway)
    # Two slides (file + folder fsync each) go through; the third finds the disk full.
    _full_disk_after(monkeypatch, 4)
    with pytest.raises(WriteError) as err:
        export_lesson(lesson, LiveSimulation(pathway), tmp_path / "out", SlideOptions(320, 180))
    message = str(err.value)
    first, second = step_file_name(0, lesson, 0), step_file_name(0, lesson, 1)  # step 1 has two regions
    slides = sum(len(s.frames) for s in lesson.steps)
    assert f"2 of {slides} slides were written before this ({first}, {second})." in message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [first, second]


def test_a_model_file_is_written_by_the_one_atomic_writer(tmp_path):
    # write_model_file is model.files' writer under the name its callers catch: the file honours the
    # umask like every other saved file (the old writer forced 0644), and a refusal is a WriteError
    # naming the file, with the earlier file intact and nothing left beside it.
    from pathwayviz.export.model_archive import ModelFileError, write_model_file

    target = tmp_path / "model.xml"
    old_mask = os.umask(0o027)
    try:
        assert write_model_file(target, b"<sbml/>") == target
    finally:
        os.umask(old_mask)
    assert target.read_bytes() == b"<sbml/>" and oct(target.stat().st_mode & 0o777) == oct(0o640)
    with pytest.raises(ModelFileError, match=f"Cannot write {tmp_path}: it is a folder") as refused:
        write_model_file(tmp_path, b"x")
    assert isinstance(refused.value, WriteError) and refused.value.path == tmp_path
    with pytest.raises(ModelFileError, match="model.xml is a file, not a folder"):
        write_model_file(target / "inner.xml", b"x")
    assert os.listdir(tmp_path) == ["model.xml"] and target.read_bytes() == b"<sbml/>"
