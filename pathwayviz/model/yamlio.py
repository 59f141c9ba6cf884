"""Safe YAML reading that remembers line numbers, for messages like ``file.yaml:88: ...``.

Aliases are refused outright: pathway and lesson files never need them, and refusing them
defuses "billion laughs" alias bombs before anything is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: where it is and what would fix it."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class FileProblems(Exception):
    """Raised when a file cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LineDict(dict):
    """A mapping that knows the line where it and each of its keys start (1-based)."""

    line: int = 0
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


# libyaml's parser when present (about 10× faster to start up); the constructor stays safe.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    def construct_object(self, node, deep=False):
        # A node met a second time is an alias (*name): refuse it before anything is expanded.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise yaml.MarkedYAMLError(
                None, None, "this value (&anchor) is reused through an alias (*name); anchors and aliases "
                            "are not allowed in PathwayViz files, write the value out where it is used",
                node.start_mark)
        return super().construct_object(node, deep)

    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                mapping.key_lines[key_node.value] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node, deep=False):
        seq = LineList(super().construct_sequence(node, deep=True))
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in node.value]
        return seq


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(path: str | Path, text: str | None = None):
    """Parse a YAML file safely; raise FileProblems naming the file and line on any error."""
    path = Path(path)
    name = path.name
    if text is None:
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise FileProblems([Problem(name, None, f"file is {size // 1024} KiB; the limit is "
                                            f"{MAX_FILE_BYTES // 1024} KiB. Is this the right file?")])
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise FileProblems([Problem(str(path), None, "file not found; check the path")]) from None
        except IsADirectoryError:
            raise FileProblems([Problem(str(path), None, "is a folder, not a file")]) from None
        except UnicodeDecodeError as exc:
            raise FileProblems([Problem(name, None, f"is not UTF-8 text ({exc.reason}); save it as UTF-8")]) from None
        except OSError as exc:
            raise FileProblems([Problem(str(path), None, f"cannot be read: {exc.strerror}")]) from None
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader derives from SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "malformed YAML"
        raise FileProblems([Problem(name, line, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as exc:
        raise FileProblems([Problem(name, None, f"YAML error: {exc}")]) from None
    except RecursionError:
        raise FileProblems([Problem(name, None, "nesting is too deep to be a PathwayViz file")]) from None
    return data
