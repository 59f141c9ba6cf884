"""Resident memory of the running app and its growth over many animation frames.

Budget (DESIGN.md §6): ≤ 250 MB resident; < 5 MB growth over 10 minutes of animation. Frames are
run back to back (60 frames = one second of animation), so "10 minutes" takes far less wall time.
Usage: python benchmarks/memory.py [MINUTES]   (default 10)
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathwayviz.model.loader import load_pathway  # noqa: E402
from pathwayviz.resource_files import builtin_pathway_path  # noqa: E402
from pathwayviz.ui.app import make_application  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    app = make_application()
    from pathwayviz.ui.main_window import MainWindow
    from pathwayviz.ui.plots_dock import ensure_plots

    window = MainWindow(load_pathway(builtin_pathway_path()), start_running=False)
    window.resize(1920, 1080)
    window.show()
    ensure_plots(window)
    app.processEvents()
    p = window.live.perturbations
    p.inputs["insulin"] = 0.6
    window.state.apply(perturbations=p)

    def frames(n: int) -> None:
        for k in range(n):
            if k % 600 == 300:  # a lecturer flips JNK every ten seconds of animation
                window.state.toggle_kinase("jnk")
            window.clock.tick(2.0 / 60.0)
            app.processEvents()

    frames(60 * 60)  # one minute of warm-up: caches, history buffers and pictures fill up
    start = rss_mb()
    frames(int(minutes * 60 * 60))
    end = rss_mb()
    print(f"resident after warm-up: {start:.1f} MB (budget 250 MB)")
    print(f"resident after {minutes:g} more minutes of animation: {end:.1f} MB; growth {end - start:+.1f} MB "
          f"(budget < 5 MB)")


if __name__ == "__main__":
    main()
