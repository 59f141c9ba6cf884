"""Small helpers shared by core tests."""

from __future__ import annotations

import math

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

MEAL = 0.6

# A two-hour afternoon scenario with one snack, for lessons that name a scenario file beside them.
SNACK_SCENARIO = ("format: pathwayviz-scenario/1\nid: snack\ntitle: A snack\nduration: 2 h\nclock_start: 15 h\n"
                  "schedule:\n  - {meal: 30 min, size: 0.4}\n")


def lesson_beside_snack(folder, lesson_text: str):
    """Write ``lesson_text`` as curves.yaml with snack.yaml (:data:`SNACK_SCENARIO`) beside it; its path."""
    (folder / "snack.yaml").write_text(SNACK_SCENARIO, encoding="utf-8")
    path = folder / "curves.yaml"
    path.write_text(lesson_text, encoding="utf-8")
    return path


def steady(pathway, inputs=None, toggles=None, drugs=None, knockouts=(), overexpress=()):
    """Steady state of the built-in model as {species id: value} under the given perturbations."""
    pert = Perturbations.on_defaults(pathway, inputs, toggles, knockouts, overexpress, drugs=drugs)
    engine = Engine(pathway)
    return dict(zip(engine.ids, engine.steady_state(pert)))


# Run by the child before the action: as root, give up the capabilities that ignore file
# permissions for writing (CAP_DAC_OVERRIDE, CAP_FOWNER) but keep CAP_DAC_READ_SEARCH, so the
# child may still read the checkout and the venv wherever CI cloned them (even a root-only
# folder) while a read-only folder really refuses its writes.
_DROP_WRITE_OVERRIDE = """
import ctypes, os
if os.geteuid() == 0:
    class _Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]
    class _Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]
    _keep = 1 << 2  # CAP_DAC_READ_SEARCH
    _header = _Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    _data = (_Data * 2)(_Data(_keep, _keep, 0), _Data(0, 0, 0))
    if ctypes.CDLL(None, use_errno=True).capset(ctypes.byref(_header), _data) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")
"""


def run_without_root(setup: str, action: str, timeout: float = 60):
    """Run ``action`` in a child Python after ``setup``, without root's power to write anywhere.

    Root ignores folder permissions, so permission tests drop the capabilities that override
    them (keeping the one that lets the child read the checkout wherever it was cloned).
    """
    import subprocess
    import sys

    code = f"{setup}\n{_DROP_WRITE_OVERRIDE}\n{action}\n"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout)


def locked_folder():
    """A folder nobody may write into but everybody may enter (outside root-only pytest dirs)."""
    import os
    import tempfile

    base = tempfile.mkdtemp(prefix="pathwayviz-locked-", dir="/tmp")
    os.chmod(base, 0o755)
    locked = os.path.join(base, "locked")
    os.mkdir(locked)
    os.chmod(locked, 0o555)
    return base, locked


def refused_write_in_locked_folder(setup: str, call: str, error: str, file_name: str) -> str:
    """Run ``call`` (with ``{target}`` for the path) as an unprivileged user against a read-only folder.

    Asserts that ``error`` was raised and that nothing was left in the folder; returns the message.
    """
    import os
    import shutil

    base, folder = locked_folder()
    try:
        target = os.path.join(folder, file_name)
        action = f"try:\n    {call.format(target=repr(target))}\nexcept {error} as exc:\n    print('REFUSED', exc)"
        proc = run_without_root(setup, action)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.startswith("REFUSED"), proc.stdout
        assert os.listdir(folder) == []
        return proc.stdout
    finally:
        shutil.rmtree(base, ignore_errors=True)


def gh_pulses(minutes, gh, prominence=0.01, window=40):
    """(minute, level) of every GH pulse in a time course sampled once a minute: a local maximum that
    rises more than ``prominence`` above the lowest GH within ``window`` samples either side."""
    found = []
    for i in range(1, len(gh) - 1):
        if gh[i] > gh[i - 1] and gh[i] >= gh[i + 1] and gh[i] - gh[max(0, i - window):i + window + 1].min() > prominence:
            found.append((float(minutes[i]), float(gh[i])))
    return found


def same(a, b) -> bool:
    """Equal values of equal types, and the same lines on every mapping, key and list item."""
    from pathwayviz.model.line_data import LineDict, LineList

    if type(a) is not type(b):
        return False
    if isinstance(a, LineDict):
        return (a.line == b.line and a.key_lines == b.key_lines and list(a) == list(b)
                and all(same(a[k], b[k]) for k in a))
    if isinstance(a, LineList):
        return a.line == b.line and a.item_lines == b.item_lines and len(a) == len(b) and all(map(same, a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b
