"""Measure how legible every presentation step is at 1920×1080, and save a screenshot of each.

Run under a real X server of that size (the window goes full screen), e.g.

    xvfb-run -s "-screen 0 1920x1080x24" .venv/bin/python scripts/presentation_legibility.py /tmp/steps

For every step it prints the smallest node-label and badge/tag size in screen pixels (font pixel
size × the view's scale), which species the caption names, and which of those lie outside the
frame (a bare Xvfb has no window manager, so the script sizes the full-screen window itself); then the first start (the normal window) at 1920×1080 and 1280×800: the diagram's share of
the window and its label size. Targets (issue #13): labels ≥ 32 px and badges ≥ 24 px on every
step, every named node inside the frame; at first start the diagram ≥ 60 % of the window and labels
≥ 16 px at 1920×1080.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QApplication

LABEL_TARGET, BADGE_TARGET = 32, 24


def named_species(pathway, text: str) -> list[str]:
    """Species whose label or a synonym appears as a word in ``text`` (longest names first)."""
    found, lowered = [], text.lower()
    for sp in pathway.species.values():
        for name in sorted({sp.label, *sp.synonyms}, key=len, reverse=True):
            if len(name) >= 3 and re.search(rf"(?<![\w-]){re.escape(name.lower())}(?![\w-])", lowered):
                found.append(sp.id)
                break
    return found


def settle(app, window, minutes: float = 30.0) -> None:
    for _ in range(int(minutes / 0.5)):
        window.clock.tick(0.5)
    for _ in range(60):  # let zoom animations finish (700 ms) on the event loop
        app.processEvents()
        QApplication.instance().thread().msleep(15)


def step_figures(window) -> tuple[float, float, list[str], list[str]]:
    view, scene = window.view, window.scene
    scale = view.current_scale() * view.devicePixelRatioF()
    visible = view.visible_scene_rect()
    label_px = scene.theme.font_px * scale
    badge_px = scene.theme.small_font_px * scale
    return label_px, badge_px, visible, scale


def first_start(app, pathway, size, out: Path) -> str:
    from pathwayviz.ui.main_window import MainWindow

    w = MainWindow(pathway, start_running=False)
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
    return (f"first start {size[0]}×{size[1]}: diagram {share:.0%} of the window, labels {label:.1f} px; "
            f"largest other panel {largest[1]} {largest[0] / (size[0] * size[1]):.0%}")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/presentation_steps")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication([])
    from pathwayviz.model.loader import load_pathway
    from pathwayviz.resource_files import builtin_pathway_path
    from pathwayviz.ui.app import install_app_font
    from pathwayviz.ui.main_window import MainWindow

    install_app_font(app)
    pathway = load_pathway(builtin_pathway_path())
    print(first_start(app, pathway, (1920, 1080), out))
    print(first_start(app, pathway, (1280, 800), out))
    window = MainWindow(pathway, start_running=False)
    window.show()
    window.presentation.enter()
    if window.size() != window.screen().size():  # no window manager (bare Xvfb) to honour full screen
        window.setGeometry(window.screen().geometry())
    settle(app, window, 1.0)
    lesson = window.lesson_controller.lesson
    print(f"screen {window.screen().size().width()}×{window.screen().size().height()}, "
          f"diagram view {window.view.width()}×{window.view.height()}")
    worst_label, worst_badge, cut_total = 1e9, 1e9, 0
    for k, step in enumerate(lesson.steps):
        window.lesson_controller.go_to(k, reveal=True)
        settle(app, window)
        label_px, badge_px, visible, _ = step_figures(window)
        named = named_species(pathway, step.caption)
        outside = [sid for sid in named
                   if not any(visible.contains(item.node_rect()) for item in window.scene.instances.get(sid, []))]
        window.grab().save(str(out / f"step_{k + 1:02d}.png"))
        worst_label, worst_badge = min(worst_label, label_px), min(worst_badge, badge_px)
        cut_total += len(outside)
        flag = "ok " if label_px >= LABEL_TARGET and badge_px >= BADGE_TARGET and not outside else "LOW"
        print(f"{flag} step {k + 1:2} {step.title[:44]:<44} labels {label_px:5.1f} px  badges {badge_px:5.1f} px  "
              f"named {len(named):2}  outside frame: {', '.join(outside) or '-'}")
    window.presentation.leave()
    print(f"smallest label {worst_label:.1f} px (target {LABEL_TARGET}), smallest badge {worst_badge:.1f} px "
          f"(target {BADGE_TARGET}), named nodes outside the frame: {cut_total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
