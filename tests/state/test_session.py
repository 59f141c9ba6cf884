"""Session files, atomic saves, autosave/crash recovery and recent files (core, no Qt)."""

from __future__ import annotations

import errno
import json
import os

import pytest

from pathwayviz.model.files import WriteError
from pathwayviz.state import autosave
from pathwayviz.state.autosave import (DATA_DIR_ENV, RecentFiles, autosave_dir, crashed_session,
                                       discard_autosave, mark_clean_exit, mark_running, write_autosave)
from pathwayviz.state.session import (BUILTIN_LESSON_REF, BUILTIN_PATHWAY_REF, LESSONS, MAX_SESSION_BYTES,
                                      Session, SessionError, View, load_session, reference_for,
                                      resolve_reference, save_session)
from pathwayviz.resource_files import builtin_lesson_path, builtin_pathway_path
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    """Every test gets its own data folder; the real user data folder is never touched."""
    folder = tmp_path / "userdata"
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def session(pathway):
    live = LiveSimulation(pathway)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6
    pert.toggles["jnk"] = 0.8
    pert.knockouts.add("foxo1")
    pert.drugs["rapamycin"] = 0.5
    live.set_perturbations(pert)
    for _ in range(30):
        live.advance(0.1)
    return Session(pathway=BUILTIN_PATHWAY_REF, perturbations=pert, pinned=["akt", "foxo1"],
                   view=View((120.5, -33.25), 1.75), lesson=BUILTIN_LESSON_REF, lesson_step=4, focus="female",
                   time=live.time, state=dict(zip(live.ids, map(float, live.state))),
                   healthy_state=dict(zip(live.ids, map(float, live.healthy))))


def _valid_dict() -> dict:
    return json.loads(Session().to_json())


def _write(path, data) -> None:
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")


# -- round trip ------------------------------------------------------------------------------------
def test_save_then_load_gives_an_equal_session(tmp_path, session, pathway):
    path = tmp_path / "mine.pathwayviz"
    save_session(session, path)
    loaded = load_session(path)
    assert loaded == session
    loaded.validate_against(pathway)
    assert loaded.state["akt"] == session.state["akt"]  # bit-for-bit: the same simulation state
    assert os.listdir(tmp_path) == ["mine.pathwayviz"]


def test_to_json_is_stable_and_sorted(session):
    text = session.to_json()
    assert text == session.to_json() == Session.from_json(text).to_json()
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert data["format"] == "pathwayviz-session" and data["version"] == 1


def test_saving_again_replaces_the_file(tmp_path, session):
    path = tmp_path / "mine.pathwayviz"
    save_session(Session(), path)
    save_session(session, path)
    assert load_session(path) == session


# -- atomic save -----------------------------------------------------------------------------------
@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_failed_save_leaves_previous_file_intact_and_no_temp_files(tmp_path, session, monkeypatch, step):
    path = tmp_path / "mine.pathwayviz"
    save_session(Session(), path)
    before = path.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, step, disk_full)
    with pytest.raises(WriteError, match="disk is full") as info:
        save_session(session, path)
    monkeypatch.undo()
    assert "mine.pathwayviz" in str(info.value)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["mine.pathwayviz"]


def test_interrupted_write_cleans_up_and_reraises(tmp_path, session, monkeypatch):
    path = tmp_path / "mine.pathwayviz"
    save_session(Session(), path)
    before = path.read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_session(session, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["mine.pathwayviz"]


def test_permission_denied_gives_a_clear_message(tmp_path, session, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(WriteError, match="no permission to write in the folder") as info:
        save_session(session, tmp_path / "mine.pathwayviz")
    assert str(tmp_path) in str(info.value)


def test_read_only_folder_is_refused():
    from helpers import refused_write_in_locked_folder

    message = refused_write_in_locked_folder(
        "from pathwayviz.model.files import WriteError\nfrom pathwayviz.state.session import Session, save_session",
        "save_session(Session(), {target})", "WriteError", "mine.pathwayviz")
    assert "no permission" in message


def test_missing_folder_is_refused(tmp_path, session):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    for path in (tmp_path / "gone" / "mine.pathwayviz", not_a_folder / "mine.pathwayviz"):
        with pytest.raises(WriteError, match="does not exist|is a file, not a folder"):
            save_session(session, path)


def test_unsaveable_session_is_refused_before_touching_the_file(tmp_path, session):
    path = tmp_path / "mine.pathwayviz"
    save_session(Session(), path)
    before = path.read_bytes()
    session.time = float("nan")
    with pytest.raises(SessionError, match="mine.pathwayviz.*finite"):
        save_session(session, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["mine.pathwayviz"]


# -- refusing bad files ----------------------------------------------------------------------------
def test_corrupt_json_names_file_line_and_column(tmp_path):
    path = tmp_path / "broken.pathwayviz"
    path.write_text('{\n  "format": "pathwayviz-session",\n  "version": 1,,\n}', encoding="utf-8")
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert str(info.value).startswith("broken.pathwayviz:3: is not valid JSON (line 3, column")


def test_truncated_file_is_refused(tmp_path, session):
    path = tmp_path / "cut.pathwayviz"
    save_session(session, path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(SessionError, match=r"cut\.pathwayviz.*damaged or incomplete"):
        load_session(path)


def test_newer_version_asks_for_an_update(tmp_path):
    path = tmp_path / "future.pathwayviz"
    _write(path, {**_valid_dict(), "version": 3, "hologram": True})
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert str(info.value) == ("future.pathwayviz: was saved by a newer PathwayViz (format 3); this version "
                               "reads format 1 — update PathwayViz")


@pytest.mark.parametrize("change, expected", [
    ({"format": "pathwayviz-pathway/1"}, "not a PathwayViz session"),
    ({"version": "1"}, "no valid format version"),
    ({"version": 0}, "no valid format version"),
    ({"pathway": 7}, "'pathway' must be text"),
    ({"pathway": "pathways/mine.yaml"}, "absolute path"),
    ({"pathway": "builtin:../../etc"}, "not a built-in name"),
    ({"time": "ten"}, "'time' must be a number"),
    ({"time": -1}, "'time' is -1"),
    ({"time": True}, "'time' must be a number"),
    ({"pinned": "akt"}, "'pinned' must be a list"),
    ({"pinned": [1, 2]}, "'pinned' must be a list"),
    ({"view": {"center": [1], "scale": 1}}, "'view.center' must be a list of two numbers"),
    ({"view": {"center": [0, 0], "scale": 0}}, "'view.scale' is 0"),
    ({"view": [0, 0, 1]}, "'view' must be null or an object"),
    ({"focus": "everyone"}, "'focus' is 'everyone'"),
    ({"lesson_step": 2}, "'lesson_step' but no 'lesson'"),
    ({"lesson": BUILTIN_LESSON_REF, "lesson_step": 1.5}, "'lesson_step' must be a whole number"),
    ({"state": [0.1, 0.2]}, "'state' must be null or an object"),
    ({"state": {"akt": "high"}}, "'state.akt' must be a number"),
    ({"perturbations": {"knockout": ["foxo1"]}}, "unknown field.*'knockout'"),
    ({"perturbations": {"inputs": {"insulin": 7}}}, "outside 0..1"),
    ({"perturbations": {"knockouts": {"foxo1": 1}}}, "'perturbations.knockouts' must be a list"),
    ({"perturbations": []}, "'perturbations' must be an object"),
    ({"undo_stack": []}, "unknown field.*'undo_stack'"),
])
def test_wrong_types_and_values_are_refused_with_the_file_name(tmp_path, change, expected):
    path = tmp_path / "odd.pathwayviz"
    _write(path, {**_valid_dict(), **change})
    with pytest.raises(SessionError, match=expected) as info:
        load_session(path)
    assert str(info.value).startswith("odd.pathwayviz: ")


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999", "9" * 5000])
def test_non_finite_numbers_are_refused(tmp_path, number):
    path = tmp_path / "nan.pathwayviz"
    text = Session().to_json().replace('"time": 0.0', f'"time": {number}')
    assert number in text
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SessionError, match=r"nan\.pathwayviz: contains"):
        load_session(path)


@pytest.mark.parametrize("content, expected", [
    ("", "not valid JSON"),
    ("[" * 100_000, "nested too deeply|not valid JSON"),
    ('"just text"', "not a PathwayViz session"),
])
def test_odd_contents_are_refused(tmp_path, content, expected):
    path = tmp_path / "odd.pathwayviz"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SessionError, match=expected):
        load_session(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "picture.pathwayviz"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    with pytest.raises(SessionError, match=r"picture\.pathwayviz: .*not UTF-8"):
        load_session(path)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.pathwayviz"
    with open(path, "wb") as fh:
        fh.truncate(MAX_SESSION_BYTES + 1)  # sparse: no time spent writing
    with pytest.raises(SessionError, match=r"huge\.pathwayviz: .*limit 10 MiB"):
        load_session(path)


def test_missing_file_and_folder_are_refused(tmp_path):
    with pytest.raises(SessionError, match="not found"):
        load_session(tmp_path / "nowhere.pathwayviz")
    with pytest.raises(SessionError, match="is a folder"):
        load_session(tmp_path)


# -- checking against the pathway --------------------------------------------------------------------
def test_unknown_ids_are_listed(pathway):
    s = Session(pinned=["akt", "unobtainium", "mithril"])
    with pytest.raises(SessionError, match="unobtainium, mithril"):
        s.validate_against(pathway, "mine.pathwayviz")
    with pytest.raises(SessionError, match="'nonesuch' is not a species"):
        Session(perturbations=Perturbations(knockouts={"nonesuch"})).validate_against(pathway)
    with pytest.raises(SessionError, match="'aspirin' is not a drug"):
        Session(perturbations=Perturbations(drugs={"aspirin": 1.0})).validate_against(pathway)


def test_saved_state_must_fit_the_pathway(pathway, session):
    session.validate_against(pathway)
    partial = dict(session.state)
    partial.pop("akt")
    with pytest.raises(SessionError, match="saved state lacks akt"):
        Session(state=partial).validate_against(pathway)
    too_big = dict(session.state, akt=pathway.species["akt"].ymax * 1000)
    with pytest.raises(SessionError, match="'akt' is .*outside 0..1"):
        Session(state=too_big).validate_against(pathway)


def test_references_to_builtin_files_round_trip(tmp_path):
    assert reference_for(builtin_pathway_path()) == BUILTIN_PATHWAY_REF
    assert reference_for(builtin_lesson_path()) == BUILTIN_LESSON_REF
    assert resolve_reference(BUILTIN_PATHWAY_REF) == builtin_pathway_path()
    assert resolve_reference(BUILTIN_LESSON_REF, LESSONS) == builtin_lesson_path()
    own = tmp_path / "insulin_signaling.yaml"  # same name as the built-in, but the student's own
    own.write_text(builtin_pathway_path().read_text(encoding="utf-8"), encoding="utf-8")
    assert reference_for(own) == str(own)
    assert resolve_reference(str(own)) == own
    with pytest.raises(SessionError, match="built-in pathway 'glycolysis'"):
        resolve_reference("builtin:glycolysis")


# -- autosave and crash recovery ------------------------------------------------------------------------
def test_autosave_goes_to_the_overridden_folder(data_dir, session):
    assert autosave_dir() == data_dir
    path = write_autosave(session)
    assert path.parent == data_dir and load_session(path) == session


def test_crash_is_detected_and_the_autosave_offered(session):
    assert crashed_session() is None  # first start ever
    mark_running()
    write_autosave(session)
    # the app dies here: no mark_clean_exit()
    assert crashed_session() == session


def test_clean_exit_offers_nothing(session):
    mark_running()
    write_autosave(session)
    mark_clean_exit()
    assert crashed_session() is None
    mark_clean_exit()  # twice is harmless


def test_discarded_or_damaged_autosave_offers_nothing(data_dir, session):
    mark_running()
    write_autosave(session)
    discard_autosave()
    assert crashed_session() is None
    write_autosave(session)
    (data_dir / autosave.AUTOSAVE_NAME).write_text("{ damaged", encoding="utf-8")
    assert crashed_session() is None


def test_failed_autosave_keeps_the_previous_autosave(data_dir, session, monkeypatch):
    write_autosave(Session())
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "full")))
    with pytest.raises(WriteError, match="disk is full"):
        write_autosave(session)
    monkeypatch.undo()
    assert load_session(data_dir / autosave.AUTOSAVE_NAME) == Session()
    assert sorted(os.listdir(data_dir)) == [autosave.AUTOSAVE_NAME]


# -- recent files -----------------------------------------------------------------------------------
def _files(tmp_path, n):
    paths = []
    for k in range(n):
        p = tmp_path / f"s{k}.pathwayviz"
        p.write_text("{}")
        paths.append(p)
    return paths


def test_recent_files_most_recent_first_without_duplicates(tmp_path, data_dir):
    a, b, c = _files(tmp_path, 3)
    recent = RecentFiles()
    for p in (a, b, c, a):
        recent.add(p)
    assert RecentFiles().paths() == [a, c, b]
    assert (data_dir / autosave.RECENT_NAME).is_file()


def test_recent_files_keeps_ten_and_drops_missing(tmp_path):
    paths = _files(tmp_path, 12)
    recent = RecentFiles()
    for p in paths:
        recent.add(p)
    assert recent.paths() == paths[::-1][:10]
    paths[11].unlink()
    assert recent.paths() == paths[::-1][1:10]
    recent.remove(paths[10])
    assert recent.paths() == paths[::-1][2:10]
    recent.clear()
    assert recent.paths() == []


def test_damaged_recent_list_reads_as_empty(tmp_path, data_dir):
    data_dir.mkdir()
    (data_dir / autosave.RECENT_NAME).write_text('{"not": "a list"', encoding="utf-8")
    assert RecentFiles().paths() == []
    (data_dir / autosave.RECENT_NAME).write_text(json.dumps([3, None, str(tmp_path / "gone")]), encoding="utf-8")
    assert RecentFiles().paths() == []
    (a,) = _files(tmp_path, 1)
    RecentFiles().add(a)
    assert RecentFiles().paths() == [a]
