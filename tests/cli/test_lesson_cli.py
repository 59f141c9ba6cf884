"""Built-in lessons on the command line: ``pathwayviz info`` lists them, ``--lesson ID`` picks one for
export, and the growth-hormone lesson exports one slide per step and region and a deck."""

from __future__ import annotations

import json

from pathwayviz.__main__ import main
from pathwayviz.export.lesson_export import slide_file_names
from pathwayviz.lesson import builtin_lesson

GH_TITLE = "Growth hormone and insulin: a two-way conversation"


def test_info_lists_the_builtin_lessons_with_their_titles(capsys):
    assert main(["info", "--format", "json"]) == 0
    lessons = json.loads(capsys.readouterr().out)["lessons"]
    assert lessons == [{"id": "selective_insulin_resistance", "title": "Selective insulin resistance"},
                       {"id": "growth_hormone", "title": GH_TITLE}]
    assert main(["info"]) == 0
    text = capsys.readouterr().out
    assert "Lessons (2): --lesson ID" in text and f"growth_hormone                 {GH_TITLE}" in text


def test_export_all_steps_of_the_gh_lesson_by_id(tmp_path, capsys, pathway):
    out = tmp_path / "gh"
    assert main(["export", "--lesson", "growth_hormone", "--all-steps", "--size", "640x360", "-o", str(out)]) == 0
    lesson = builtin_lesson(pathway, "growth_hormone")
    expected = [name for k in range(len(lesson.steps)) for name in slide_file_names(k, lesson)]
    assert sorted(p.name for p in out.iterdir()) == sorted(expected)
    assert len(expected) == 16 and "07-insulin-blunts-gh.png" in expected


def test_an_unknown_lesson_id_is_reported_as_a_missing_file(tmp_path, capsys):
    code = main(["export", "--lesson", "no_such_lesson", "--step", "1", "-o", str(tmp_path / "x.png")])
    err = capsys.readouterr().err
    assert code == 2 and "no_such_lesson" in err


def test_the_gh_lesson_exports_as_a_deck_with_notes(tmp_path, capsys, pathway):
    from pptx import Presentation

    deck = tmp_path / "gh.pptx"
    assert main(["export", "--lesson", "growth_hormone", "--pptx", str(deck)]) == 0
    lesson = builtin_lesson(pathway, "growth_hormone")
    slides = list(Presentation(str(deck)).slides)
    step_slides = slides[:len(lesson.steps)]
    for step, slide in zip(lesson.steps, step_slides):
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert step.title in texts, step.id
        assert slide.notes_slide.notes_text_frame.text.startswith(step.notes[:60]), step.id
    rest = slides[len(lesson.steps):]
    assert rest and all(any(sh.has_text_frame and sh.text_frame.text.startswith("References") for sh in s.shapes)
                        for s in rest)
    assert any("Falutz J" in sh.text_frame.text for s in rest for sh in s.shapes if sh.has_text_frame)
