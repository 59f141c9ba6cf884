"""Sessions in the window: save/open ``.pathwayviz`` files, recent files, autosave and crash restore.

The file format and the atomic writes live in :mod:`pathwayviz.state.session` and
:mod:`pathwayviz.state.autosave`; this module captures the window's state into a :class:`Session`
and puts a session back into the state (through ``ui/session_state.py``). A file that cannot be used (damaged, from a newer version,
for a missing pathway) is refused with a non-blocking message naming it, before anything is changed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from ..formats.pathway_file import open_pathway
from ..model.files import WriteError
from ..model.pathway import Pathway
from ..model.yamlio import FileProblems
from ..state.autosave import (AUTOSAVE_NAME, RECENT_NAME, RecentFiles, autosave_dir, crashed_session,
                              mark_clean_exit, mark_running)
from ..state.session import (LESSONS, SESSION_SUFFIX, Session, SessionError, load_session, resolve_reference,
                             save_session)
from .messages import show_problem
from .session_state import apply_session, capture_session, pathway_reference

AUTOSAVE_MS = 60_000
FILE_FILTER = f"PathwayViz sessions (*{SESSION_SUFFIX})"
DIRTY_MARK = "•"

_replacements: list = []  # windows opened for a session of another pathway (kept alive here)
_quit_hooked = False


class SessionController(QObject):
    """Save, open, autosave and restore the session of one main window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        # Fixed now, so a window closed late (e.g. at test teardown) autosaves where it started.
        self.data_dir = autosave_dir()
        self.recent = RecentFiles(self.data_dir / RECENT_NAME)
        self.restore_prompt: QMessageBox | None = None
        self.last_problem: QMessageBox | None = None
        self._closed = False

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        window.undo_stack.cleanChanged.connect(self._update_title)
        self._update_title()  # edits made before this part was built (see MainWindow.finish_start_up)
        self.recent_menu = QMenu("Open &recent", window)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.recent.paths()
        for path in paths:
            act = menu.addAction(path.name)
            act.setToolTip(str(path))
            act.setStatusTip(str(path))
            act.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not paths:
            menu.addAction("No recent sessions").setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction("Clear recent sessions")
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        try:
            self.recent.clear()
        except (SessionError, WriteError) as exc:
            self._problem("Cannot clear recent sessions", str(exc))

    # -- between the window and a session --------------------------------------------------------
    def capture(self) -> Session:
        """The window as a session (see :func:`capture_session`)."""
        return capture_session(self.window)

    def apply(self, session: Session) -> None:
        """Put a session (already checked against this window's pathway) into the window; not undoable."""
        problems = apply_session(self.window, session)
        if problems:
            self._problem("Session opened with a problem", "\n\n".join(problems))

    # -- saving ------------------------------------------------------------------------------------
    def save(self) -> bool:
        """Save to the current file, or ask for one."""
        if self.path is None:
            return self.ask_save_as()
        return self.save_to(self.path)

    def ask_save_as(self) -> bool:
        start = str(self.path) if self.path else str(Path(_documents_dir()) / f"my-session{SESSION_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self.window, "Save session", start, FILE_FILTER)
        if not path:
            return False
        if not path.endswith(SESSION_SUFFIX):
            path += SESSION_SUFFIX
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        """Write the session atomically; on failure say why and leave the old file as it was."""
        path = Path(path)
        try:
            save_session(self.capture(), path)
        except (SessionError, WriteError) as exc:
            self._problem("Session not saved", f"The session could not be saved; any earlier file is unchanged."
                                               f"\n\n{exc}")
            return False
        self.path = path.absolute()
        self._remember(self.path)
        self.window.undo_stack.setClean()
        self._update_title()
        self.window.statusBar().showMessage(f"Saved {path.name}", 5000)
        return True

    def autosave(self) -> Path | None:
        """Write the autosave (atomically); failures go to the status bar, never a dialog."""
        path = self.data_dir / AUTOSAVE_NAME
        try:
            self.data_dir.mkdir(parents=True, exist_ok=True)
            save_session(self.capture(), path)
        except (SessionError, OSError) as exc:
            self.window.statusBar().showMessage(f"Autosave failed: {exc}", 10000)
            return None
        return path

    # -- opening -----------------------------------------------------------------------------------
    def ask_open(self) -> bool:
        start = str(self.path.parent) if self.path else _documents_dir()
        path, _ = QFileDialog.getOpenFileName(self.window, "Open session", start, FILE_FILTER + ";;All files (*)")
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        """Open a session file. A bad file gives a message naming it; the current work stays as it was."""
        path = Path(path)
        try:
            session = load_session(path)
            pathway = self._pathway_for(session, path.name)
            session.validate_against(pathway, path.name)
            if session.lesson:
                resolve_reference(session.lesson, LESSONS, path.name)
        except SessionError as exc:
            self._problem("Cannot open session", f"The session was not opened; your current work is unchanged."
                                                 f"\n\n{exc}")
            return False
        if pathway is not self.window.pathway:
            return self._open_in_new_window(pathway, session, path)
        self.apply(session)
        self._opened(path)
        return True

    def _opened(self, path: Path | None) -> None:
        self.path = path.absolute() if path else None
        if path:
            self._remember(self.path)
            self.window.undo_stack.setClean()
        else:
            self.window.undo_stack.resetClean()  # restored work that is in no file yet
        self._update_title()

    def _pathway_for(self, session: Session, file_name: str) -> Pathway:
        if session.pathway == pathway_reference(self.window.pathway):
            return self.window.pathway
        try:
            source = resolve_reference(session.pathway)
        except SessionError as exc:
            raise SessionError(file_name, exc.problems[0].message) from None
        try:
            return open_pathway(source)
        except FileProblems as exc:
            raise SessionError(file_name, f"uses the pathway {source}, which cannot be opened: {exc}") from None
        except OSError as exc:
            raise SessionError(file_name, f"uses the pathway {source}, which cannot be read: "
                                          f"{exc.strerror or exc}") from None

    def _open_in_new_window(self, pathway: Pathway, session: Session, path: Path) -> bool:
        old = self.window
        replacement = type(old)(pathway)
        _replacements.append(replacement)
        replacement.destroyed.connect(lambda *_: _replacements.remove(replacement)
                                      if replacement in _replacements else None)
        replacement.resize(old.size())
        replacement.sessions.apply(session)
        replacement.sessions._opened(path)
        replacement.show()
        old.close()
        return True

    # -- crash restore -----------------------------------------------------------------------------
    def offer_restore(self, session: Session, kept_as: Path | None = None) -> QMessageBox:
        """Ask (without blocking) whether to restore the autosave of a run that did not quit normally.

        Answer in code with :meth:`answer_restore` or by clicking ``restore_prompt.button(Yes)``.
        """
        kept = f"\n\nA copy is kept as {kept_as.name} under File → Open recent." if kept_as else ""
        box = QMessageBox(QMessageBox.Question, "Restore your last session?",
                          "PathwayViz did not close normally last time. Restore the work it saved "
                          f"automatically (simulated time {session.time:.1f} min)?{kept}",
                          QMessageBox.Yes | QMessageBox.No, self.window)
        box.setObjectName("restore_prompt")
        box.setDefaultButton(QMessageBox.Yes)
        box.button(QMessageBox.Yes).setText("Restore")
        box.button(QMessageBox.No).setText("Start afresh")
        box.buttonClicked.connect(lambda button: self._restore_answered(session, box.standardButton(button)))
        self.restore_prompt = box
        box.open()
        return box

    def _restore_answered(self, session: Session, button) -> None:
        self.restore_prompt = None
        if button != QMessageBox.Yes:
            return
        try:
            session.validate_against(self.window.pathway, AUTOSAVE_NAME)
        except SessionError as exc:
            self._problem("Cannot restore", f"The autosaved session does not fit this pathway.\n\n{exc}")
            return
        self.apply(session)
        self._opened(None)

    def answer_restore(self, restore: bool) -> None:
        """Answer the open restore question as the student would."""
        box = self.restore_prompt
        if box is not None:
            box.button(QMessageBox.Yes if restore else QMessageBox.No).click()

    # -- start-up (pathwayviz [FILE.pathwayviz]) -----------------------------------------------------
    def start_up(self, session_file: str | None) -> None:
        """Once per app start: detect a crash (before marking this run), open FILE or offer a restore."""
        crashed = crashed_session()  # must come before mark_running()
        kept_as = _keep_recovered(self) if crashed is not None else None
        try:
            mark_running()
        except (SessionError, WriteError) as exc:
            self.window.statusBar().showMessage(f"Crash protection off: {exc}", 10000)
        _hook_quit()
        if session_file:
            self.open_path(session_file)
        elif crashed is not None:
            self.offer_restore(crashed, kept_as)

    # -- window title, recent files, problems --------------------------------------------------------
    def is_dirty(self) -> bool:
        return not self.window.undo_stack.isClean()

    def _update_title(self, clean: bool | None = None) -> None:
        if self._closed or not shiboken6.isValid(self.window) or not shiboken6.isValid(self.window.undo_stack):
            return  # the window (and its undo stack) may be half destroyed, e.g. at interpreter exit
        base = f"PathwayViz — {self.window.pathway.title}"
        dirty = self.is_dirty() if clean is None else not clean
        if self.path is not None:
            title = f"{DIRTY_MARK + ' ' if dirty else ''}{self.path.name} — {base}"
        elif dirty:
            title = f"{DIRTY_MARK} Unsaved session — {base}"
        else:
            title = base
        self.window.setWindowTitle(title)

    def _remember(self, path: Path) -> None:
        try:
            self.recent.add(path)
        except (SessionError, WriteError) as exc:
            self.window.statusBar().showMessage(f"Recent files not updated: {exc}", 8000)

    def _problem(self, title: str, text: str) -> QMessageBox:
        self.last_problem = show_problem(self.window, title, text)
        return self.last_problem

    # -- closing -----------------------------------------------------------------------------------
    def window_closing(self) -> None:
        """Stop the timer and autosave once; quitting then marks a clean exit (see start_up)."""
        if self._closed:
            return
        self._closed = True
        self.autosave_timer.stop()
        if self.autosave() is None:
            print(f"pathwayviz: autosave on close failed ({self.data_dir / AUTOSAVE_NAME})", file=sys.stderr)


def _documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation) or str(Path.home())


def _keep_recovered(sessions: "SessionController") -> Path | None:
    """Copy the crashed run's autosave beside it, so declining the restore never loses it."""
    source = sessions.data_dir / AUTOSAVE_NAME
    target = sessions.data_dir / f"recovered-{time.strftime('%Y-%m-%d-%H%M%S')}{SESSION_SUFFIX}"
    try:
        save_session(load_session(source), target)
        sessions.recent.add(target)
    except (SessionError, WriteError):
        return None
    return target


def _hook_quit() -> None:
    global _quit_hooked
    app = QApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(_clean_exit)
        _quit_hooked = True


def _clean_exit() -> None:
    # Windows have autosaved as they closed (before this), so the marker can go.
    try:
        mark_clean_exit()
    except (SessionError, WriteError) as exc:
        print(f"pathwayviz: {exc}", file=sys.stderr)
