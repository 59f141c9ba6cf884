"""Safe YAML reading that remembers line numbers, for messages like ``file.yaml:88: ...``.

Strict on purpose: pathway and lesson files are plain mappings, lists, text and numbers, so
anything else is refused with the line it is on rather than guessed at —
- aliases (``*name``) and merge keys (``<<:``), which defuse "billion laughs" and nested-merge
  bombs before anything is expanded;
- a key written twice in one mapping (YAML would silently keep the last);
- explicit tags for other types (``!!timestamp``, ``!!binary``, ``!!set`` …) and values their
  tag cannot hold (``!!int abc``); an unquoted date such as ``title: 2024-02-30`` is read as the
  text it looks like, not as a date;
- files over :data:`MAX_FILE_BYTES`, counted while reading (``stat`` says 0 for ``/dev/zero``).
"""

from __future__ import annotations

from pathlib import Path

from .line_data import FileProblems, LineDict, LineList, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024


__all__ = ["FileProblems", "LineDict", "LineList", "MAX_FILE_BYTES", "Problem", "load_yaml", "read_capped_text"]


def load_yaml(path: str | Path, text: str | None = None):
    """Parse a YAML file safely; raise FileProblems naming the file and line on any error.

    A text parsed before is read back from the parse cache (the same data, lines included) without
    importing PyYAML; any other is parsed and then remembered there.
    """
    from . import parse_cache

    path = Path(path)
    if text is None:
        text = read_capped_text(path, MAX_FILE_BYTES)
    data = parse_cache.recall(text)
    if data is parse_cache.MISSING:
        from .yaml_parse import parse_yaml

        data = parse_yaml(text, path.name)
        parse_cache.remember(text, data)
    return data


def read_capped_text(path: Path, limit: int) -> str:
    """The UTF-8 text of ``path``, refusing it once more than ``limit`` bytes have been read.

    The cap is enforced by reading, not by ``stat``: special files (``/dev/zero``, pipes) report
    a size of 0 and would otherwise be read until memory runs out. Raises FileProblems.
    """
    name = path.name
    try:
        with open(path, "rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise FileProblems([Problem(str(path), None, "file not found; check the path")]) from None
    except IsADirectoryError:
        raise FileProblems([Problem(str(path), None, "is a folder, not a file")]) from None
    except OSError as exc:
        raise FileProblems([Problem(str(path), None, f"cannot be read: {exc.strerror or exc}")]) from None
    if len(raw) > limit:
        raise FileProblems([Problem(name, None, f"is larger than {limit // 1024} KiB, the limit for a PathwayViz "
                                                f"file. Is this the right file?")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FileProblems([Problem(name, None, f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]) from None
    return text.removeprefix("\ufeff")  # a byte-order mark some editors write
