"""The one atomic file writer: every file PathwayViz saves goes through here.

Data goes to a temporary file in the target's folder, is flushed to disk, then renamed over the
target. A rename within one folder is atomic, so a reader sees the old file or the new one, and a
failed write (full disk, no permission, a vanished folder) leaves any earlier file intact and no
partial file behind. Failures raise :class:`WriteError`, whose message names the path and the fix.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import contextmanager
from pathlib import Path


class WriteError(OSError):
    """A file could not be written; ``str()`` names the file and what to do about it.

    An OSError, so code that guards file access with ``except OSError`` reports it as it is.
    """

    def __init__(self, path: str | os.PathLike, message: str):
        super().__init__(message)
        self.path = Path(path)


def check_target(path: str | os.PathLike) -> Path:
    """``path`` as a Path, or WriteError unless it can be a file in an existing folder."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise WriteError(path, f"Cannot write {path}: it is a folder. Give a file name inside it instead.")
    if not folder.exists():
        raise WriteError(path, f"Cannot write {path}: the folder {folder} does not exist. "
                               "Create it first or choose another folder.")
    if not folder.is_dir():
        raise WriteError(path, f"Cannot write {path}: {folder} is a file, not a folder. Choose a folder to save in.")
    if path.exists() and not path.is_file():
        raise WriteError(path, f"Cannot write {path}: it is a device or other special file, not an ordinary file. "
                               "Give an ordinary file name.")
    return path


def write_bytes_atomic(path: str | os.PathLike, data: bytes, durable: bool = True) -> Path:
    """Replace ``path`` with ``data`` all at once, or raise WriteError and change nothing.

    ``durable``: flushed to the disk before the rename (the user's work survives a power cut). A
    cache entry that can simply be computed again passes False and skips that wait.
    """
    path = check_target(path)
    with replaced_on_success(path, durable) as partial:
        with open(partial, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
    return path


def write_text_atomic(path: str | os.PathLike, text: str, durable: bool = True) -> Path:
    """Replace ``path`` with ``text`` (UTF-8) all at once, or raise WriteError and change nothing."""
    return write_bytes_atomic(path, text.encode("utf-8"), durable)


@contextmanager
def replaced_on_success(path: str | os.PathLike, durable: bool = True):
    """A temporary file beside ``path`` to write into; renamed over ``path`` only if the block completes.

    For writers that need a file name of their own (an encoder, a zip library). Any exception,
    even KeyboardInterrupt, deletes the temporary file; OSError becomes WriteError naming ``path``.
    ``durable``: the folder is synced after the rename, so the rename survives a power cut.
    """
    path = check_target(path)
    partial = path.parent / f".{path.name}.{secrets.token_hex(4)}.part"
    try:
        # Create it ourselves (O_EXCL, honouring the umask) so the final file gets normal permissions.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666))
    except OSError as exc:
        raise WriteError(path, failure_message(path, exc)) from None
    try:
        yield partial
        os.replace(partial, path)
    except BaseException as exc:
        partial.unlink(missing_ok=True)
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise WriteError(path, failure_message(path, exc)) from None
        raise
    if durable:
        _sync_folder(path.parent)


def failure_message(path: Path, exc: OSError) -> str:
    """What went wrong writing ``path``, in words, with what to do about it."""
    folder = path.parent
    code = exc.errno
    if code in (errno.EACCES, errno.EPERM):
        reason = f"no permission to write in the folder {folder}; choose a folder you can write to"
    elif code == errno.EROFS:
        reason = f"the folder {folder} is on a read-only disk; choose another folder"
    elif code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        reason = "the disk is full; free some space or save somewhere else"
    elif code in (errno.ENOENT, errno.ENOTDIR):
        reason = f"the folder {folder} does not exist; create it first or choose another folder"
    elif code == errno.EISDIR:
        reason = "a folder with that name is in the way; choose another name"
    else:
        reason = (f"{exc.strerror or exc}; the disk may be full or the folder not writable, "
                  "so free some space or choose another folder")
    return f"Could not write {path}: {reason}. Any earlier file there is unchanged."


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX); best effort elsewhere."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some filesystems refuse fsync on folders; the data itself is already synced
    finally:
        os.close(fd)
