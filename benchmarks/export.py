"""Slide export: one 3840×2160 PNG slide vs Qt encoding a blank 3840×2160 PNG, and a whole lesson.

Budget (DESIGN.md §6): one 3840×2160 slide (compose + encode + atomic write of a settled state)
≤ 1.5× the time Qt's PNG writer takes, with default settings, for a blank image of that size,
measured in the same run. Also prints the whole built-in lesson at 1920×1080 (simulation
included). Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QImage, QImageWriter  # noqa: E402

from pathwayviz.export.headless import headless_application  # noqa: E402
from pathwayviz.export.lesson_export import export_lesson, state_slide  # noqa: E402
from pathwayviz.export.slide_options import SlideOptions  # noqa: E402
from pathwayviz.lesson import builtin_lesson  # noqa: E402
from pathwayviz.model.loader import load_pathway  # noqa: E402
from pathwayviz.resource_files import builtin_pathway_path  # noqa: E402
from pathwayviz.sim.live import LiveSimulation  # noqa: E402
from pathwayviz.sim.perturbations import Perturbations  # noqa: E402

REPEATS = 7


def median_times(*fns, repeats: int = REPEATS) -> list[float]:
    """Median time of each function, run interleaved so machine load affects all alike."""
    for fn in fns:
        fn()  # warm-up: plugin loading, font caches, first allocations
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeats):
        for k, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            times[k].append(time.perf_counter() - t)
    return [statistics.median(ts) for ts in times]


BLANK = QImage(3840, 2160, QImage.Format_ARGB32)
BLANK.fill(Qt.white)


def encode_blank() -> None:
    buffer = QBuffer()
    buffer.open(QIODevice.WriteOnly)
    QImageWriter(buffer, b"png").write(BLANK)


def main() -> None:
    headless_application()
    pathway = load_pathway(builtin_pathway_path())
    live = LiveSimulation(pathway)
    pert = Perturbations.defaults(pathway)
    pert.inputs["insulin"] = 0.6
    pert.toggles.update({"jnk": 0.8, "ikk": 0.8, "pkc": 0.8})
    slide = state_slide(live, pert, SlideOptions(3840, 2160))  # the simulation is not part of the slide time

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "slide.png"
        blank_s, render_s, slide_s = median_times(encode_blank, slide.render, lambda: slide.save_png(out))
        size_mb = out.stat().st_size / 1e6

        lesson = builtin_lesson(pathway)
        t = time.perf_counter()
        result = export_lesson(lesson, LiveSimulation(pathway), Path(tmp) / "lesson", SlideOptions())
        lesson_s = time.perf_counter() - t

    ratio = slide_s / blank_s
    print(f"blank 3840x2160 PNG, Qt default encode : {blank_s * 1000:7.1f} ms (median of {REPEATS})")
    print(f"3840x2160 slide, compose only         : {render_s * 1000:7.1f} ms")
    print(f"3840x2160 slide, compose+encode+write  : {slide_s * 1000:7.1f} ms  ({size_mb:.1f} MB)"
          f"  = {ratio:.2f}x blank  (budget <= 1.5x: {'OK' if ratio <= 1.5 else 'OVER'})")
    print(f"whole lesson, {len(result.files)} slides at 1920x1080 (incl. simulation): {lesson_s:.2f} s"
          f"  ({lesson_s / max(1, len(result.files)) * 1000:.0f} ms per step)")


if __name__ == "__main__":
    sys.exit(main())
