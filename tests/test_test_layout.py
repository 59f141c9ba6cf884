"""The test tree itself: it mirrors the package, its core tier needs no Qt, its leak check bites."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import CORE_TIER, WITHOUT_QT_ENV, running_timers_and_animations

TESTS = Path(__file__).parent
PACKAGE = TESTS.parent / "pathwayviz"


def test_test_folders_mirror_the_package():
    folders = {p.parent.relative_to(TESTS).parts[0] for p in TESTS.rglob("test_*.py") if p.parent != TESTS}
    # tests/fuzz drives every file loader at once (hardening's harness), so it has no one package.
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} | {"fuzz"}
    assert folders and folders <= packages, sorted(folders - packages)


def test_core_tier_passes_with_qt_unimportable():
    folders = [str(TESTS / name) for name in CORE_TIER if (TESTS / name).is_dir()]
    env = dict(os.environ, **{WITHOUT_QT_ENV: "1"})
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                           "-p", "no:pytest-qt", *folders],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "skipped" not in proc.stdout


def test_leak_check_finds_a_running_timer_and_animation(qapp):
    import PySide6.QtCore as qt_core
    from PySide6.QtCore import QObject, QTimer, QVariantAnimation

    owner = QObject()
    timer = QTimer(owner)
    timer.setObjectName("forgotten")
    animation = QVariantAnimation(owner)
    animation.setDuration(10_000)
    animation.setStartValue(0.0)
    animation.setEndValue(1.0)
    timer.start(1000)
    animation.start()
    try:
        running = running_timers_and_animations(qt_core)
        assert timer in running and animation in running
    finally:
        timer.stop()
        animation.stop()
    assert timer not in running_timers_and_animations(qt_core)
    assert animation not in running_timers_and_animations(qt_core)
