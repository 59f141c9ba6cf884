"""Never losing a session: autosave, crash detection and the recent-files list (no Qt).

Everything lives in one per-user folder (:func:`autosave_dir`). At start-up the app asks
:func:`crashed_session` *before* calling :func:`mark_running`: a marker left behind by the
previous run means it never reached :func:`mark_clean_exit`, so its autosave is offered back.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import platformdirs

from ..model.files import WriteError, write_text_atomic
from .session import SESSION_SUFFIX, Session, SessionError, load_session, save_session

DATA_DIR_ENV = "PATHWAYVIZ_DATA_DIR"  # overrides the folder (tests, portable installs)
AUTOSAVE_NAME = "autosave" + SESSION_SUFFIX
RUNNING_MARKER = "running.marker"
RECENT_NAME = "recent.json"
MAX_RECENT = 10
_MAX_RECENT_BYTES = 1024 * 1024


def autosave_dir() -> Path:
    """The per-user folder for autosave, crash marker and recent files (not created here)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir("PathwayViz", appauthor=False))


def autosave_path() -> Path:
    return autosave_dir() / AUTOSAVE_NAME


def write_autosave(session: Session) -> Path:
    """Save ``session`` atomically as the autosave; returns its path. Raises WriteError on failure."""
    path = autosave_path()
    _ensure_dir(path.parent)
    save_session(session, path)
    return path


def mark_running() -> None:
    """Record that the app is running, so a crash can be recognised at the next start.

    Also removes temporary files a crash in the middle of an autosave left behind.
    """
    folder = autosave_dir()
    _ensure_dir(folder)
    remove_stale_temporaries(folder)
    write_text_atomic(folder / RUNNING_MARKER, f"pid {os.getpid()} started {time.strftime('%Y-%m-%d %H:%M:%S')}\n")


STALE_TEMPORARY_SECONDS = 60.0


def remove_stale_temporaries(folder: Path) -> None:
    """Delete ``.<name>.<random>.tmp`` files of the atomic writer older than a minute (a write
    takes milliseconds, so an older one belongs to a run that died while saving)."""
    cutoff = time.time() - STALE_TEMPORARY_SECONDS
    for name in (AUTOSAVE_NAME, RUNNING_MARKER, RECENT_NAME):
        for tmp in folder.glob(f".{name}.*.tmp"):
            try:
                if tmp.stat().st_mtime < cutoff:
                    tmp.unlink()
            except OSError:
                pass  # gone already, or not ours to remove: harmless either way


def mark_clean_exit() -> None:
    """Record that the app quit normally (removes the running marker)."""
    _remove(autosave_dir() / RUNNING_MARKER)


def crashed_session() -> Session | None:
    """The autosaved session when the previous run did not exit cleanly and its autosave is readable."""
    folder = autosave_dir()
    if not (folder / RUNNING_MARKER).exists():
        return None
    try:
        return load_session(folder / AUTOSAVE_NAME)
    except SessionError:
        return None  # nothing usable to restore; a damaged autosave must not stop the app starting


def discard_autosave() -> None:
    """Forget the autosave (e.g. the student declined to restore it)."""
    _remove(autosave_path())


class RecentFiles:
    """Up to ten recently opened or saved session files, most recent first, kept as JSON."""

    def __init__(self, path: str | Path | None = None, limit: int = MAX_RECENT):
        self.path = Path(path) if path is not None else autosave_dir() / RECENT_NAME
        self.limit = limit

    def paths(self) -> list[Path]:
        """Recent files that still exist, most recent first. A damaged list reads as empty."""
        return [p for p in self._stored() if p.is_file()]

    def add(self, path: str | Path) -> None:
        """Put ``path`` first (once). Raises WriteError if the list cannot be written."""
        new = Path(path).absolute()
        kept = [p for p in self.paths() if _key(p) != _key(new)]
        self._write([new, *kept][: self.limit])

    def remove(self, path: str | Path) -> None:
        gone = _key(Path(path).absolute())
        self._write([p for p in self._stored() if _key(p) != gone])

    def clear(self) -> None:
        self._write([])

    def _stored(self) -> list[Path]:
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read(_MAX_RECENT_BYTES + 1)
            data = json.loads(raw.decode("utf-8")) if len(raw) <= _MAX_RECENT_BYTES else None
        except (OSError, ValueError, RecursionError):
            return []  # a missing or damaged list is not worth bothering the student about
        if not isinstance(data, list):
            return []
        return [Path(p) for p in data if isinstance(p, str) and p and "\0" not in p][: self.limit]

    def _write(self, paths: list[Path]) -> None:
        _ensure_dir(self.path.parent)
        write_text_atomic(self.path, json.dumps([str(p) for p in paths], indent=2, ensure_ascii=False) + "\n")


def _key(path: Path) -> str:
    return os.path.normcase(os.path.normpath(str(path)))


def _ensure_dir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(folder, f"Cannot create the PathwayViz data folder {folder}: {exc.strerror or exc}. "
                                 f"Set {DATA_DIR_ENV} to a folder you can write to.") from None


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(path, f"Cannot remove {path}: {exc.strerror or exc}. "
                               "Check that its folder is writable.") from None
