"""pyqtgraph time courses and readout gauges for the bottom of the main window.

The package's names are looked up on first use (PEP 562), so a module that only needs a small
part of it (``plots.number_field``) does not import pyqtgraph, which costs about 100 ms and is not
needed before the window's first paint (the time courses are built after it).
"""

from __future__ import annotations

import importlib

_LAZY = {"ReadoutGauges": ".gauges", "TimeCoursePanel": ".timecourse"}

__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
