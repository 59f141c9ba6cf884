"""A student's session as a ``.pathwayviz`` file: what was loaded, changed, pinned and shown.

The file is JSON with a format marker and a version number. Reading never evaluates anything:
every field is type-checked and every number must be finite, so a damaged, hand-edited or
hostile file gives one clear :class:`SessionError` instead of a traceback. Writing goes through
the one atomic writer (``model.files``): a failed save raises WriteError and leaves the previous
file as it was.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import NoReturn

from ..resource_files import BUILTIN_LESSON, BUILTIN_PATHWAY, resource_path
from ..sim.perturbations import PerturbationError, Perturbations
from ..model.files import write_text_atomic
from ..model.pathway import Pathway
from ..model.yamlio import FileProblems, Problem
from .strict_json import StrictJsonError, loads_strict

SESSION_FORMAT = "pathwayviz-session"
VERSION = 1
SESSION_SUFFIX = ".pathwayviz"
MAX_SESSION_BYTES = 10 * 1024 * 1024

BUILTIN_PREFIX = "builtin:"
BUILTIN_PATHWAY_REF = BUILTIN_PREFIX + Path(BUILTIN_PATHWAY).stem
BUILTIN_LESSON_REF = BUILTIN_PREFIX + Path(BUILTIN_LESSON).stem
PATHWAYS = "pathways"
LESSONS = "lessons"

FOCI = ("female", "male", "both")

# Generous bounds that no real session reaches, so absurd values are refused before they reach
# the canvas or the integrator.
MAX_TIME_MINUTES = 1e9
MAX_COORDINATE = 1e9
SCALE_RANGE = (1e-6, 1e6)
MAX_REFERENCE_CHARS = 4096

_BUILTIN_NAME = re.compile(r"[a-z][a-z0-9_]*")  # fullmatch: no trailing newline
MAX_NAMES_SHOWN = 10
_PERTURBATION_FIELDS = frozenset(Perturbations().to_dict())
_FIELDS = frozenset({"format", "version", "pathway", "perturbations", "pinned", "view", "lesson", "lesson_step",
                     "focus", "time", "state", "healthy_state", "scenario"})


class SessionError(FileProblems):
    """A session file cannot be read or written; ``str()`` names the file and what to do."""

    def __init__(self, file: str, message: str, line: int | None = None):
        super().__init__([Problem(file, line, message)])


@dataclass(frozen=True)
class View:
    """What part of the diagram is shown: the scene point at the centre and the zoom factor."""

    center: tuple[float, float]
    scale: float


@dataclass
class Session:
    """Everything needed to put the app back the way the student left it.

    ``pathway`` and ``lesson`` are references: ``builtin:<name>`` for shipped files, otherwise an
    absolute path. ``state`` and ``healthy_state`` map species ids to the raw simulation values
    of the current run and the healthy reference at ``time`` minutes (None: start afresh). ``scenario``
    is the running scenario (``builtin:<id>`` or an absolute path; None: constant inputs), reached
    ``time`` minutes into it; older sessions have none.
    """

    pathway: str = BUILTIN_PATHWAY_REF
    perturbations: Perturbations = field(default_factory=Perturbations)
    pinned: list[str] = field(default_factory=list)
    view: View | None = None
    lesson: str | None = None
    lesson_step: int | None = None
    focus: str = "both"
    time: float = 0.0
    state: dict[str, float] | None = None
    healthy_state: dict[str, float] | None = None
    scenario: str | None = None

    # -- writing ---------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return {
            "format": SESSION_FORMAT,
            "version": VERSION,
            "pathway": self.pathway,
            "perturbations": self.perturbations.to_dict(),
            "pinned": list(self.pinned),
            "view": None if self.view is None else {"center": [float(self.view.center[0]),
                                                               float(self.view.center[1])],
                                                    "scale": float(self.view.scale)},
            "lesson": self.lesson,
            "lesson_step": self.lesson_step,
            "focus": self.focus,
            "time": float(self.time),
            "state": _floats(self.state),
            "healthy_state": _floats(self.healthy_state),
            # Only when one runs, so a session without a scenario stays readable by older versions.
            **({} if self.scenario is None else {"scenario": self.scenario}),
        }

    def to_json(self) -> str:
        """Stable text (sorted keys, indented) so the same session always gives the same file.

        Raises SessionError if a field holds something a later :meth:`from_json` would refuse.
        """
        data = self.to_dict()
        try:
            _Reader("session").session(data)
        except SessionError as exc:
            raise SessionError("session", f"cannot be saved: {exc.problems[0].message}") from None
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"

    # -- reading ---------------------------------------------------------------------------------
    @classmethod
    def from_json(cls, text: str, file_name: str = "session") -> "Session":
        """Parse and check session text; raise SessionError naming ``file_name`` and the problem."""
        try:
            data = loads_strict(text, "a PathwayViz session")
        except StrictJsonError as exc:
            raise SessionError(file_name, exc.message, exc.line) from None
        return _Reader(file_name).session(data)

    # -- checking against the loaded pathway -----------------------------------------------------
    def validate_against(self, pathway: Pathway, file_name: str = "session") -> None:
        """Raise SessionError when the session names species, inputs, toggles or drugs the pathway lacks,
        or holds a saved state that does not fit it. ``file_name`` is the session file, for the message."""
        where = Path(pathway.source_file).name or pathway.id
        try:
            self.perturbations.validate(pathway)
        except PerturbationError as exc:
            raise SessionError(file_name, f"does not fit pathway {where}: {exc}") from None
        known = pathway.species
        # dict.fromkeys keeps first-seen order and makes each membership test O(1): a session
        # with 100,000 bogus names is checked in milliseconds.
        unknown = list(dict.fromkeys(s for names in (self.pinned, self.state or {}, self.healthy_state or {})
                                     for s in names if s not in known))
        if unknown:
            raise SessionError(file_name, f"names species that pathway {where} does not have: "
                                          f"{_some(unknown)}")
        for what, state in (("state", self.state), ("healthy_state", self.healthy_state)):
            if state is None:
                continue
            missing = [s for s in pathway.species_ids if s not in state]
            if missing:
                raise SessionError(file_name, f"saved {what} lacks {_some(missing)}; pathway {where} has "
                                              "changed since the session was saved")
            for sid, value in state.items():
                ymax = pathway.species[sid].ymax
                if not -1e-9 <= value <= ymax * (1 + 1e-9):
                    raise SessionError(file_name, f"saved {what} of '{sid}' is {value:g}, outside 0..{ymax:g}")


def load_session(path: str | Path) -> Session:
    """Read a session file; raise SessionError naming the file and what is wrong with it."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size > MAX_SESSION_BYTES:
                raise SessionError(path.name, f"is {size // 1024} KiB; a session is far smaller (limit "
                                              f"{MAX_SESSION_BYTES // (1024 * 1024)} MiB). Is this the right file?")
            raw = fh.read(MAX_SESSION_BYTES + 1)  # the size may lie (pipes, special files)
    except FileNotFoundError:
        raise SessionError(str(path), "file not found; it may have been moved or deleted") from None
    except IsADirectoryError:
        raise SessionError(str(path), "is a folder, not a session file") from None
    except PermissionError:
        raise SessionError(str(path), "cannot be read: permission denied") from None
    except OSError as exc:
        raise SessionError(str(path), f"cannot be read: {exc.strerror or exc}") from None
    if len(raw) > MAX_SESSION_BYTES:
        raise SessionError(path.name, f"is larger than {MAX_SESSION_BYTES // (1024 * 1024)} MiB; "
                                      "is this the right file?")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SessionError(path.name, "is not a PathwayViz session (not UTF-8 JSON text)") from None
    return Session.from_json(text, path.name)


def save_session(session: Session, path: str | Path) -> None:
    """Write ``session`` to ``path`` atomically; on failure (WriteError) the previous file is left as it was.

    A session that cannot be saved (SessionError) is refused before the file is touched.
    """
    path = Path(path)
    try:
        text = session.to_json()
    except SessionError as exc:
        raise SessionError(path.name, exc.problems[0].message) from None
    write_text_atomic(path, text)  # WriteError names the file and the fix


def reference_for(path: str | Path) -> str:
    """The reference a session stores for a pathway or lesson file: ``builtin:<name>`` for a shipped
    file, otherwise the absolute path."""
    path = Path(path).absolute()
    for folder in (PATHWAYS, LESSONS):
        shipped = resource_path(folder, path.name)
        if path.suffix == ".yaml" and shipped.exists() and _same_file(path, shipped):
            return BUILTIN_PREFIX + path.stem
    return str(path)


def resolve_reference(reference: str, folder: str = PATHWAYS, file_name: str = "session") -> Path:
    """The file a pathway (``folder="pathways"``) or lesson (``folder="lessons"``) reference points to.

    Raises SessionError naming ``file_name`` (the session file) for a built-in name this version
    does not ship; a path is returned as is, so a missing file is reported by whoever opens it.
    """
    if reference.startswith(BUILTIN_PREFIX):
        name = reference[len(BUILTIN_PREFIX):]
        shipped = resource_path(folder, f"{name}.yaml") if _BUILTIN_NAME.fullmatch(name) else None
        if shipped is None or not shipped.is_file():
            kind = "lesson" if folder == LESSONS else "pathway"
            raise SessionError(file_name, f"uses the built-in {kind} '{name}', which this version of "
                                          "PathwayViz does not include")
        return shipped
    return Path(reference)


# -- internals -----------------------------------------------------------------------------------
def _some(names: list[str]) -> str:
    """The first few names, and how many more, so a message stays readable whatever the file holds."""
    shown = ", ".join(n[:60] for n in names[:MAX_NAMES_SHOWN])
    more = len(names) - MAX_NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _floats(state: dict[str, float] | None) -> dict[str, float] | None:
    return None if state is None else {str(k): float(v) for k, v in sorted(state.items())}


def _typename(value) -> str:
    return {type(None): "null", bool: "true/false", str: "text", list: "a list", dict: "an object",
            int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


class _Reader:
    """Turns parsed JSON into a Session, refusing anything of the wrong shape."""

    def __init__(self, file: str):
        self.file = file

    def fail(self, message: str) -> NoReturn:
        raise SessionError(self.file, message)

    def session(self, data) -> Session:
        if not isinstance(data, dict):
            self.fail(f"is not a PathwayViz session: it holds {_typename(data)}, not an object")
        if data.get("format") != SESSION_FORMAT:
            self.fail(f"is not a PathwayViz session (no \"format\": \"{SESSION_FORMAT}\" marker)")
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            self.fail(f"has no valid format version ('version' is {version!r:.40}); the file is damaged")
        if version > VERSION:
            self.fail(f"was saved by a newer PathwayViz (format {version}); this version reads format "
                      f"{VERSION} — update PathwayViz")
        unknown = sorted(set(data) - _FIELDS)
        if unknown:
            self.fail(f"has unknown field(s) {', '.join(repr(k) for k in unknown)}; the file is damaged "
                      "or from another program")
        lesson = self.reference(data.get("lesson"), "lesson", optional=True)
        step = data.get("lesson_step")
        if step is not None:
            if isinstance(step, bool) or not isinstance(step, int) or step < 0:
                self.fail(f"'lesson_step' must be a whole number ≥ 0 or null, not {_typename(step)} {step!r:.40}")
            if lesson is None:
                self.fail("has a 'lesson_step' but no 'lesson'")
        focus = data.get("focus", "both")
        if focus not in FOCI:
            self.fail(f"'focus' is {focus!r:.40}; it must be one of {', '.join(FOCI)}")
        return Session(
            pathway=self.reference(data.get("pathway"), "pathway", optional=False),
            perturbations=self.perturbations(data.get("perturbations", {})),
            pinned=self.pinned(data.get("pinned", [])),
            view=self.view(data.get("view")),
            lesson=lesson,
            lesson_step=step,
            focus=focus,
            time=self.number(data.get("time", 0.0), "time", 0.0, MAX_TIME_MINUTES),
            state=self.state(data.get("state"), "state"),
            healthy_state=self.state(data.get("healthy_state"), "healthy_state"),
            scenario=self.reference(data.get("scenario"), "scenario", optional=True),
        )

    def number(self, value, what: str, lo: float, hi: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"'{what}' must be a number, not {_typename(value)} {value!r:.40}")
        if not math.isfinite(value):
            self.fail(f"'{what}' is {value}; every number in a session must be finite")
        if not lo <= value <= hi:
            self.fail(f"'{what}' is {value:g}; it must lie between {lo:g} and {hi:g}")
        return float(value)

    def reference(self, value, what: str, optional: bool) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value:
            self.fail(f"'{what}' must be text naming a file or a built-in, not {_typename(value)}")
        if len(value) > MAX_REFERENCE_CHARS:
            self.fail(f"'{what}' is {len(value)} characters long; no file path is that long")
        if value.startswith(BUILTIN_PREFIX):
            if not _BUILTIN_NAME.fullmatch(value[len(BUILTIN_PREFIX):]):
                self.fail(f"'{what}' is {value!r:.60}, which is not a built-in name")
        elif not (PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute()):
            self.fail(f"'{what}' is {value!r:.60}; it must be '{BUILTIN_PREFIX}<name>' or an absolute path")
        return value

    def perturbations(self, value) -> Perturbations:
        if not isinstance(value, dict):
            self.fail(f"'perturbations' must be an object, not {_typename(value)}")
        unknown = sorted(set(value) - _PERTURBATION_FIELDS)
        if unknown:
            self.fail(f"'perturbations' has unknown field(s) {', '.join(repr(k) for k in unknown)}; "
                      f"known: {', '.join(sorted(_PERTURBATION_FIELDS))}")
        for key in _PERTURBATION_FIELDS & set(value):
            wanted = list if key in ("knockouts", "overexpress") else dict
            if not isinstance(value[key], wanted):
                self.fail(f"'perturbations.{key}' must be {_typename(wanted())}, not {_typename(value[key])}")
        try:
            return Perturbations.from_dict(value)
        except PerturbationError as exc:
            self.fail(f"'perturbations': {exc}")

    def pinned(self, value) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"'pinned' must be a list of species ids (text), not {_typename(value)}")
        return list(dict.fromkeys(value))

    def view(self, value) -> View | None:
        if value is None:
            return None
        if not isinstance(value, dict) or set(value) != {"center", "scale"}:
            self.fail("'view' must be null or an object with exactly 'center' and 'scale'")
        center = value["center"]
        if not isinstance(center, list) or len(center) != 2:
            self.fail(f"'view.center' must be a list of two numbers [x, y], not {_typename(center)}")
        x = self.number(center[0], "view.center[0]", -MAX_COORDINATE, MAX_COORDINATE)
        y = self.number(center[1], "view.center[1]", -MAX_COORDINATE, MAX_COORDINATE)
        return View((x, y), self.number(value["scale"], "view.scale", *SCALE_RANGE))

    def state(self, value, what: str) -> dict[str, float] | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            self.fail(f"'{what}' must be null or an object mapping species ids to numbers, not {_typename(value)}")
        return {k: self.number(v, f"{what}.{k}", 0.0, math.inf) for k, v in value.items()}
