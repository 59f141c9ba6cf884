"""Small helpers shared by core tests."""

from __future__ import annotations

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

MEAL = 0.6


def steady(pathway, inputs=None, toggles=None, drugs=None, knockouts=(), overexpress=()):
    """Steady state of the built-in model as {species id: value} under the given perturbations."""
    pert = Perturbations.defaults(pathway)
    pert.inputs.update(inputs or {})
    pert.toggles.update(toggles or {})
    pert.drugs.update(drugs or {})
    pert.knockouts.update(knockouts)
    pert.overexpress.update(overexpress)
    engine = Engine(pathway)
    return dict(zip(engine.ids, engine.steady_state(pert)))


def run_without_root(setup: str, action: str, timeout: float = 60):
    """Run ``action`` in a child Python after ``setup``, as an unprivileged user when we are root.

    Root ignores folder permissions, so permission tests drop to 'nobody' after importing what
    they need (the interpreter itself may live in root's home).
    """
    import os
    import subprocess
    import sys

    drop = "import os\nif os.geteuid() == 0:\n    os.setgid(65534)\n    os.setuid(65534)\n"
    code = f"{setup}\n{drop}{action}\n"
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
