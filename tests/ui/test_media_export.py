"""File → Export video… / Export lesson as PowerPoint…: menu entries, progress, cancel, problems."""

from __future__ import annotations

import av
from pptx import Presentation
from PySide6.QtWidgets import QProgressDialog

from pathwayviz.export.deck import DeckOptions
from pathwayviz.export.video_options import VideoOptions
from pathwayviz.lesson.loader import builtin_lesson
from pathwayviz.lesson.model import Lesson


def _menu_titles(window, menu_title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == menu_title)
    return [a.text() for a in menu.actions()]


def test_file_menu_offers_video_and_deck(main_window):
    titles = _menu_titles(main_window, "&File")
    assert "Export &video…" in titles and "Export lesson as &PowerPoint…" in titles


def test_video_of_the_current_state_leaves_the_window_alone(main_window, tmp_path):
    w = main_window
    w.state.set_toggle("jnk", True)
    time, state = w.live.time, w.live.state.copy()
    out = tmp_path / "state.mp4"
    result = w.media_export.export_video_to(out, VideoOptions(320, 180, 30, 0.2), "state")
    assert result.path == out and result.frames == 6
    with av.open(str(out)) as container:
        assert container.streams.video[0].frames == 6
    assert w.live.time == time and (w.live.state == state).all()  # its own simulation
    assert "Video saved to" in w.statusBar().currentMessage()


def test_cancel_in_the_progress_dialog_leaves_no_file(main_window, tmp_path, monkeypatch):
    calls = []

    def cancelled(self):
        calls.append(1)
        return len(calls) > 3

    monkeypatch.setattr(QProgressDialog, "wasCanceled", cancelled)
    out = tmp_path / "lesson.mp4"
    result = main_window.media_export.export_video_to(out, VideoOptions(320, 180, 30, 0.5), "lesson")
    assert result.cancelled and list(tmp_path.iterdir()) == []
    assert "cancelled" in main_window.statusBar().currentMessage()
    assert main_window.media_export.progress_dialog is None


def test_problems_are_shown_not_raised(main_window, tmp_path):
    assert main_window.media_export.export_video_to(tmp_path / "missing" / "x.mp4",
                                                    VideoOptions(320, 180, 30, 0.2), "state") is None
    box = main_window.media_export.last_problem
    assert "does not exist" in box.text()
    box.close()


def test_deck_from_the_window(main_window, pathway, tmp_path):
    lesson = builtin_lesson(pathway)
    short = Lesson(lesson.title, lesson.description, lesson.steps[:2])
    out = tmp_path / "lesson.pptx"
    result = main_window.media_export.export_deck_to(out, DeckOptions(diagram_width=320), short)
    assert result.path == out
    prs = Presentation(str(out))
    assert [s.shapes[0].text_frame.text for s in list(prs.slides)[:2]] == [s.title for s in short.steps]
    assert "Deck saved to" in main_window.statusBar().currentMessage()
