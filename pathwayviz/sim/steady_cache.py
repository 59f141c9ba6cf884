"""The steady state a simulation starts from, remembered between starts.

:meth:`LiveSimulation.reset` starts every run at the steady state of the baseline inputs. Relaxing
the built-in pathway to it from the file's initial values takes about 430 right-hand sides, some
15 ms of CPU before the window's first paint. The result is remembered on disk (:mod:`pathwayviz.
model.disk_cache`, kind ``steady``) under a digest of everything that decides it: every array of
the compiled pathway and of the conditions, and the program's version.

A remembered state is only used when :meth:`Engine.verified_steady` accepts it (a stable fixed point
under these conditions, within the relaxation's tolerance); anything else — a corrupt, foreign or
edited entry, a saddle — is ignored and the state is relaxed from the initial values as on a first
start, so which steady state a multistable pathway starts in never depends on the cache.
"""

from __future__ import annotations

import numpy as np

from .. import __version__
from ..model.disk_cache import MISSING, DiskCache
from .compiled import CompiledPathway, Conditions
from .engine import Engine
from .perturbations import Perturbations

FORMAT = "pathwayviz-steady/1"
CACHE = DiskCache("steady", FORMAT)
SCRATCH = {"_terms"}    # work buffers the right-hand side overwrites: not inputs


def fingerprint(compiled: CompiledPathway, cond: Conditions) -> str:
    """A text naming every input of the relaxation: the arrays of ``compiled`` and ``cond`` (by attribute name)."""
    parts = [__version__, compiled.pathway.hill_input, " ".join(compiled.ids)]
    for owner in (compiled, cond):
        for name, value in sorted(vars(owner).items()):
            if name in SCRATCH:
                continue
            arrays = value if isinstance(value, tuple) else (value,)
            if all(isinstance(a, np.ndarray) for a in arrays):
                parts.extend(f"{name}{a.dtype.str}{a.shape}{a.tobytes().hex()}" for a in arrays)
    return "\n".join(parts)


def relax_remembered(engine: Engine, perturbations: Perturbations) -> np.ndarray:
    """``engine.relax(perturbations)`` from the initial values, or the same state remembered from before."""
    cond = engine.conditions(perturbations)
    key = fingerprint(engine.compiled, cond)
    stored = CACHE.read(key)
    if stored is not MISSING:
        remembered = engine.verified_steady(stored, cond)
        if remembered is not None:
            return remembered
    y = engine.relax(perturbations)
    if engine.verified_steady(y, cond) is not None:
        CACHE.write(key, [float(v) for v in y])
    return y
