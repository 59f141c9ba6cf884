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
