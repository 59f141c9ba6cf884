"""ui: the Qt widgets, composed in :mod:`.main_window` and started by :mod:`.app`.

Importing this package first imports numpy and the Qt-free layers the window needs, before any
module here imports PySide6. PySide6 hooks ``import``: each module imported after it is read as
source text once, to see whether it uses PySide6's ``__feature__`` switches. Imported the other way
round, numpy's hundred-odd modules and ours were read like that on every start, about 30 ms of CPU
before the first paint (``benchmarks/startup.py``).

The cyclic garbage collector is paused while they load, and what they loaded (modules, classes,
functions: all of it lives as long as the program) is then frozen out of later collections
(``gc.freeze``), which would otherwise walk it again on the way to the first paint.
"""

from __future__ import annotations

import gc


def _import_core_before_qt() -> None:
    resume = gc.isenabled()
    gc.disable()
    try:
        import numpy  # noqa: F401

        from ..formats import pathway_file  # noqa: F401
        from ..lesson import runner  # noqa: F401
        from ..model import graph  # noqa: F401
        from ..sim import live  # noqa: F401
        from ..state import app_state  # noqa: F401
    finally:
        gc.freeze()
        if resume:
            gc.enable()


_import_core_before_qt()
