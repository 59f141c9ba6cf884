"""Video export speed and memory: seconds of work per second of 1080p30 video, and resident size.

Budget (DESIGN.md §6): encoding faster than real time on a 2-core machine (< 1.0 s per second of
video, everything included: simulation, drawing, colour conversion, H.264); resident memory flat
during a whole-lesson video and within 50 MB of the idle app (the main window, shown, paused).

Encoding runs in a child process (``export/video_codec.py``) that reads the frames from a page
shared with the app, so the figures are given for both: the app's process (what the window holds)
and the encoder process (which exists only during the export), and their sum. CPU time counts
the app's threads and the encoder process (getrusage of children). Wall time is printed with the
load average: on a shared machine it measures the neighbours too. Speed is the median of REPEATS
runs of one step's 10-second transition.
Usage: python benchmarks/video.py [SECONDS_PER_STEP] [REPEATS]   (default 6 and 3)
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from memory import rss_mb  # noqa: E402  (benchmarks/memory.py, beside this script)

from pathwayviz.lesson.loader import builtin_lesson  # noqa: E402
from pathwayviz.model.loader import load_pathway  # noqa: E402
from pathwayviz.resource_files import builtin_pathway_path  # noqa: E402
from pathwayviz.ui.app import make_application  # noqa: E402

# The command-line run reports its own high-water mark and its encoder child's (a fork's
# ru_maxrss would count the parent's pages).
HEADLESS = ("import resource, sys\nfrom pathwayviz.__main__ import main\ncode = main(sys.argv[1:])\n"
            "own = open('/proc/self/status').read().split('VmHWM:')[1].split()[0]\n"
            "print(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\nsys.exit(code)")
BUDGET_MB = 50.0


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(run):
    """(wall s, CPU s of this process's threads and of finished children, result)."""
    start, cpu, kids = time.perf_counter(), time.process_time(), child_cpu()
    result = run()
    return time.perf_counter() - start, time.process_time() - cpu + child_cpu() - kids, result


def main() -> None:
    per_step = float(sys.argv[1]) if len(sys.argv) > 1 else 6.0
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    app = make_application()
    from pathwayviz.ui.main_window import MainWindow

    window = MainWindow(load_pathway(builtin_pathway_path()), start_running=False)
    window.resize(1920, 1080)
    window.show()
    for _ in range(10):
        app.processEvents()
    idle = rss_mb()

    from pathwayviz.export.video import export_video, step_scenes
    from pathwayviz.export.video_options import VideoOptions
    from pathwayviz.sim.live import LiveSimulation

    pathway = window.live.pathway
    lesson = builtin_lesson(pathway)
    out = Path(tempfile.mkdtemp(prefix="pathwayviz-video-bench-"))
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores "
          "(wall time grows with it; CPU time does not)")

    # 1. One step's 10-second transition at 1080p30 (the inflammation step, zoomed: pulses thin, badges pop).
    clip = VideoOptions(1920, 1080, 30, 10.0)
    walls, cpus = [], []
    for _ in range(repeats):
        live = LiveSimulation(pathway)
        wall, cpu, _ = timed(lambda: export_video(step_scenes(lesson, live, clip, 2), live, out / "step.mp4", clip))
        walls.append(wall / 10)
        cpus.append(cpu / 10)
    size_mb = (out / "step.mp4").stat().st_size / 1e6
    print(f"1080p30, one step, 10 s of video, median of {repeats}: {statistics.median(walls):.2f} s wall "
          f"(runs {' '.join(f'{w:.2f}' for w in walls)}) and {statistics.median(cpus):.2f} s CPU "
          f"(runs {' '.join(f'{c:.2f}' for c in cpus)}) per second of video (budget < 1.00, faster than real "
          f"time); {size_mb:.1f} MB; load average now {os.getloadavg()[0]:.1f}")

    # 2. The whole lesson from the window's process, sampling its resident memory as it goes.
    samples: list[float] = []

    def progress(done: int, total: int, what: str) -> None:
        if done % 30 == 0:
            samples.append(rss_mb())

    live = LiveSimulation(pathway)
    lesson_options = VideoOptions(1920, 1080, 30, per_step)
    scenes = step_scenes(lesson, live, lesson_options)
    wall, cpu, result = timed(lambda: export_video(scenes, live, out / "lesson.mp4", lesson_options, progress))
    seconds = result.frames / 30
    per = max(1, round(per_step + lesson_options.hold))
    first_step = samples[:per]
    peak = max(samples)
    child = result.encoder_peak_mb
    print(f"1080p30, whole lesson ({len(scenes)} steps, {seconds:.0f} s of video): {wall / seconds:.2f} s wall and "
          f"{cpu / seconds:.2f} s CPU per second of video")
    print(f"in-window: idle app {idle:.1f} MB; app process during the lesson video max {peak:.1f} MB = "
          f"{peak - idle:+.1f} MB over idle (budget within {BUDGET_MB:.0f} MB); first step max {max(first_step):.1f} "
          f"MB, last sample {samples[-1]:.1f} MB, drift {samples[-1] - max(first_step):+.1f} MB (flat = near 0)")
    print(f"in-window: encoder process peak {child:.1f} MB (exists only during the export); app + encoder "
          f"{peak - idle + child:+.1f} MB over idle")
    steps = [max(samples[k:k + per]) for k in range(0, len(samples), per)]
    print("app process resident per step (max, MB):", " ".join(f"{m:.0f}" for m in steps))

    # 3. The same whole-lesson video from the command line (no window): its peak resident sizes.
    run = subprocess.run([sys.executable, "-c", HEADLESS, "export", "--all-steps", "--seconds", f"{per_step:g}",
                          "--video", str(out / "cli.mp4")], check=True, capture_output=True, text=True)
    own, encoder = (int(v) / 1024 for v in run.stdout.split()[-2:])
    print(f"headless `export --all-steps --video`: process peak {own:.1f} MB = {own - idle:+.1f} MB against the idle "
          f"app (budget within {BUDGET_MB:.0f} MB); its encoder process peak {encoder:.1f} MB")
    for path in out.iterdir():
        path.unlink()
    out.rmdir()
    window.close()


if __name__ == "__main__":
    main()
