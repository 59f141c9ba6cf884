"""The one atomic writer: all or nothing, and a message naming the file and the fix."""

from __future__ import annotations

import errno
import os

import pytest

from pathwayviz.model.files import WriteError, replaced_on_success, write_bytes_atomic, write_text_atomic


def test_writes_and_replaces_whole_files(tmp_path):
    path = tmp_path / "out.csv"
    assert write_text_atomic(path, "a,b\n1,2\n") == path
    assert path.read_text() == "a,b\n1,2\n"
    write_bytes_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert os.listdir(tmp_path) == ["out.csv"]
    assert oct(path.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


@pytest.mark.parametrize("step, code, words", [
    ("fsync", errno.ENOSPC, "the disk is full; free some space"),
    ("replace", errno.ENOSPC, "the disk is full"),
    ("open", errno.EACCES, "no permission to write in the folder"),
    ("open", errno.EROFS, "read-only disk"),
])
def test_a_failed_write_keeps_the_earlier_file_and_leaves_nothing_behind(tmp_path, monkeypatch, step, code, words):
    path = tmp_path / "slide.png"
    path.write_bytes(b"earlier")

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, step, fail)
    with pytest.raises(WriteError, match=words) as info:
        write_bytes_atomic(path, b"later")
    monkeypatch.undo()
    assert str(path) in str(info.value) and info.value.path == path
    assert "earlier file there is unchanged" in str(info.value)
    assert path.read_bytes() == b"earlier"
    assert os.listdir(tmp_path) == ["slide.png"]


def test_an_interrupted_write_cleans_up_and_reraises(tmp_path, monkeypatch):
    path = tmp_path / "mine.pathwayviz"
    path.write_text("earlier")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_text_atomic(path, "later")
    monkeypatch.undo()
    assert path.read_text() == "earlier" and os.listdir(tmp_path) == ["mine.pathwayviz"]


def test_missing_folder_folder_as_target_and_file_as_folder_are_named(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    cases = [(tmp_path / "gone" / "a.png", "the folder .*gone does not exist. Create it first"),
             (tmp_path, "it is a folder. Give a file name"),
             (tmp_path / "notes.txt" / "a.png", "notes.txt is a file, not a folder")]
    for path, words in cases:
        with pytest.raises(WriteError, match=words):
            write_bytes_atomic(path, b"x")
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_read_only_folder_is_refused_for_an_unprivileged_user():
    from helpers import refused_write_in_locked_folder

    message = refused_write_in_locked_folder(
        "from pathwayviz.model.files import WriteError, write_text_atomic",
        "write_text_atomic({target}, 'x')", "WriteError", "courses.csv")
    assert "no permission to write in the folder" in message


def test_a_writer_that_needs_a_file_name_gets_one_beside_the_target(tmp_path):
    path = tmp_path / "clip.mp4"
    with replaced_on_success(path) as partial:
        assert partial.parent == tmp_path and partial.exists() and partial != path
        partial.write_bytes(b"frames")
        assert not path.exists()
    assert path.read_bytes() == b"frames" and os.listdir(tmp_path) == ["clip.mp4"]
    with pytest.raises(ValueError):
        with replaced_on_success(path) as partial:
            partial.write_bytes(b"half")
            raise ValueError("encoder gave up")
    assert path.read_bytes() == b"frames" and os.listdir(tmp_path) == ["clip.mp4"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_user_files_are_flushed_to_disk_and_cache_entries_are_not(tmp_path, monkeypatch):
    from pathwayviz.model.disk_cache import MISSING, DiskCache

    synced = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real(fd))
    write_text_atomic(tmp_path / "work.txt", "kept")
    assert len(synced) == 2 and (tmp_path / "work.txt").read_text() == "kept"   # the file, then its folder
    write_text_atomic(tmp_path / "cached.txt", "again", durable=False)
    assert len(synced) == 2 and (tmp_path / "cached.txt").read_text() == "again"
    monkeypatch.setenv("PATHWAYVIZ_CACHE_DIR", str(tmp_path / "cache"))
    cache = DiskCache("kind", "fmt/1")
    cache.write("key", [1.5, 2])
    assert len(synced) == 2 and cache.read("key") == [1.5, 2] and cache.read("other") is MISSING
