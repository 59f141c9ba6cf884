"""Fuzzing every loader with mutations of the built-in files (small budget; the long run is
``scripts/fuzz_campaign.py``). Property: a valid result or the loader's own error, nothing else,
no hang, no NaN out of a loaded model.
"""

from __future__ import annotations

import signal

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from mutators import builtin_texts, load_and_use, mutate
from pathwayviz.model.loader import load_pathway
from pathwayviz.resource_files import builtin_pathway_path

EXAMPLES = 150
# A guard against hangs, far above the ~0.1 s a file takes: a hang fails the example instead of
# stalling the suite. It is not a speed assertion (speed is measured by the campaign script).
GUARD_SECONDS = 20

SEEDS = builtin_texts()
BUILTIN = load_pathway(builtin_pathway_path())


class Hung(Exception):
    pass


def _alarm(_signum, _frame):
    raise Hung(f"a single file took more than {GUARD_SECONDS} s")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@pytest.mark.parametrize("kind", ["pathway", "lesson", "session"])
# No shrinking: a random-driven case shrinks slowly; the failing seed is printed and replays exactly.
@settings(max_examples=EXAMPLES, deadline=None, database=None, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rng=st.randoms(use_true_random=False))
def test_mutated_files_are_refused_clearly_or_load_cleanly(kind, rng, folder):
    path = folder / ("mutant.pathwayviz" if kind == "session" else "mutant.yaml")
    path.write_text(mutate(kind, SEEDS[kind], rng), encoding="utf-8", errors="surrogatepass")
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(GUARD_SECONDS)
    try:
        assert load_and_use(kind, path, BUILTIN) in ("valid", "refused")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("kind", ["pathway", "lesson", "session"])
def test_the_unmutated_seeds_are_valid(kind, folder):
    path = folder / f"seed-{kind}.txt"
    path.write_text(SEEDS[kind], encoding="utf-8")
    assert load_and_use(kind, path, BUILTIN) == "valid"
