"""Measure how legible every presentation step is at 1920×1080, and save a screenshot of each.

Run under a real X server of that size (the window goes full screen), e.g.

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python scripts/presentation_legibility.py /tmp/steps
    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python scripts/presentation_legibility.py /tmp/gh --lesson growth_hormone

(``--lesson FILE|ID`` measures another lesson than the default built-in one.)

For every step it prints the smallest node-label and badge/tag size in screen pixels (font pixel
size × the view's scale) over the step's regions, the smallest caption-band text on its question
and answer screens, how many nodes the caption names and which of those lie outside every frame (a
bare Xvfb has no window manager, so the script sizes the full-screen window itself), and saves one
PNG per step and region; then the first start (the normal window) at 1920×1080 and 1280×800: the
diagram's share of the window and its label size. The measuring is
``pathwayviz.ui.presentation_metrics`` (the tests use the same). Targets (issue #13): labels ≥ 32
px, badges ≥ 24 px and captions ≥ 32 px on every step, every named node inside the frame; at first
start the diagram ≥ 60 % of the window and labels ≥ 16 px at 1920×1080, and the largest element at
1280×800. Exit status 1 when any target is missed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from pathwayviz.ui.presentation_metrics import BADGE_TARGET_PX, CAPTION_TARGET_PX, LABEL_TARGET_PX, measure_lesson


def settle(app, window, minutes: float = 30.0) -> None:
    for _ in range(int(minutes / 0.5)):
        window.clock.tick(0.5)
    for _ in range(60):  # let zoom animations finish (700 ms) on the event loop
        app.processEvents()
        QApplication.instance().thread().msleep(15)


def first_start(app, pathway, size, out: Path) -> tuple[str, bool]:
    """The normal window at ``size`` as a first start lays it out (no saved settings: each gets an empty
    settings folder of its own); the line to print and whether it meets the targets."""
    from PySide6.QtCore import QSettings

    from pathwayviz.ui.main_window import MainWindow

    # A settings folder of its own, empty: a first start (closing a window saves its layout there).
    QSettings.setPath(QSettings.NativeFormat, QSettings.UserScope, tempfile.mkdtemp(prefix="pathwayviz-first-"))
    w = MainWindow(pathway, start_running=False)
    w.restore_window_state(QSettings())  # as the app does; empty settings mean the first-start layout
    w.resize(*size)
    w.show()
    settle(app, w, 1.0)
    area = w.view.width() * w.view.height()
    share = area / (w.width() * w.height())
    label = w.scene.theme.font_px * w.view.current_scale()
    others = sorted(((d.widget().width() * d.widget().height(), d.objectName()) for d in w.findChildren(
        type(w.plots_dock)) if d.isVisible() and d.parent() is w), reverse=True)
    w.grab().save(str(out / f"first_start_{size[0]}x{size[1]}.png"))
    largest = others[0] if others else (0, "")
    w.close()
    ok = largest[0] < area and (size[0] < 1920 or (share >= 0.60 and label >= 16.0))
    return (f"{'ok ' if ok else 'LOW'} first start {size[0]}×{size[1]}: diagram {share:.0%} of the window, labels "
            f"{label:.1f} px; largest other panel {largest[1] or '-'} {largest[0] / (size[0] * size[1]):.0%}"), ok


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Measure presentation legibility at the screen's size.")
    parser.add_argument("out", nargs="?", default="/tmp/presentation_steps", help="folder for the screenshots")
    parser.add_argument("--lesson", metavar="FILE|ID", help="lesson file or built-in lesson id (default: the "
                                                             "default built-in lesson)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    from pathwayviz.model.loader import load_pathway
    from pathwayviz.resource_files import builtin_pathway_path, lesson_file
    from pathwayviz.ui.app import install_app_font
    from pathwayviz.ui.main_window import MainWindow

    install_app_font(app)
    pathway = load_pathway(builtin_pathway_path())
    starts = [first_start(app, pathway, size, out) for size in ((1920, 1080), (1280, 800))]
    for line, _ok in starts:
        print(line)
    window = MainWindow(pathway, start_running=False)
    window.show()
    if args.lesson and not window.lesson_controller.open_lesson(lesson_file(args.lesson)):
        print(window.lesson_controller.last_problem_text, file=sys.stderr)
        return 2
    window.presentation.enter()
    if window.size() != window.screen().size():  # no window manager (bare Xvfb) to honour full screen
        window.setGeometry(window.screen().geometry())
    settle(app, window, 1.0)
    print(f"screen {window.screen().size().width()}×{window.screen().size().height()}, "
          f"diagram view {window.view.width()}×{window.view.height()}")

    def shot(w, name: str) -> None:
        w.grab().save(str(out / f"{name}.png"))

    figures = measure_lesson(window, lambda w: settle(app, w), shot)
    window.presentation.leave()
    for f in figures:
        print(f.line())
    low = [f for f in figures if f.problems()]
    print(f"smallest label {min(f.label_px for f in figures):.1f} px (target {LABEL_TARGET_PX:g}), "
          f"smallest badge {min(f.badge_px for f in figures):.1f} px (target {BADGE_TARGET_PX:g}), "
          f"smallest caption {min(f.smallest_caption_px for f in figures):.1f} px (target {CAPTION_TARGET_PX:g}), "
          f"named nodes outside the frame: {sum(len(f.outside) for f in figures)}; "
          f"{len(low)} of {len(figures)} steps under target")
    for f in low:
        print(f"  step {f.index + 1}: {'; '.join(f.problems())}")
    return 1 if low or not all(ok for _line, ok in starts) else 0


if __name__ == "__main__":
    sys.exit(main())
