"""Video export speed and memory: seconds of work per second of 1080p30 video, and resident size.

Budget (DESIGN.md §6): encoding faster than real time on a 2-core machine (< 1.0 s per second of
video, everything included: simulation, drawing, colour conversion, H.264); resident memory flat
during a whole-lesson video and within 50 MB of the idle app (the main window, shown, paused).
Wall time is printed with the load average: on a shared machine it measures the neighbours too,
so CPU time of all threads is printed beside it. Memory is measured twice: the export running
inside the window's process (as File → Export video… does) and the headless command.
Usage: python benchmarks/video.py [SECONDS_PER_STEP]   (default 6, as `export --all-steps --video`)
"""

from __future__ import annotations

import os
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

# The child reports its own high-water mark: a fork's ru_maxrss would count the parent's pages.
HEADLESS = ("import sys\nfrom pathwayviz.__main__ import main\ncode = main(sys.argv[1:])\n"
            "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])\nsys.exit(code)")


def main() -> None:
    per_step = float(sys.argv[1]) if len(sys.argv) > 1 else 6.0
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

    # 1. One step's 10-second transition at 1080p30 (the inflammation step: pulses thin, badges pop).
    live = LiveSimulation(pathway)
    clip = VideoOptions(1920, 1080, 30, 10.0)
    start, cpu = time.perf_counter(), time.process_time()
    export_video(step_scenes(lesson, live, clip, 2), live, out / "step.mp4", clip)
    step_wall, step_cpu = time.perf_counter() - start, time.process_time() - cpu
    size_mb = (out / "step.mp4").stat().st_size / 1e6
    print(f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time grows with it; "
          "CPU time, all threads, does not)")
    print(f"1080p30, one step, 10 s of video: {step_wall / 10:.2f} s wall and {step_cpu / 10:.2f} s CPU per second "
          f"of video (budget < 1.00, faster than real time); {size_mb:.1f} MB")

    # 2. The whole lesson, sampling resident memory as it goes.
    samples: list[float] = []

    def progress(done: int, total: int, what: str) -> None:
        if done % 30 == 0:
            samples.append(rss_mb())

    live = LiveSimulation(pathway)
    lesson_options = VideoOptions(1920, 1080, 30, per_step)
    scenes = step_scenes(lesson, live, lesson_options)
    start, cpu = time.perf_counter(), time.process_time()
    result = export_video(scenes, live, out / "lesson.mp4", lesson_options, progress)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    seconds = result.frames / 30
    first_step = samples[: max(1, int(per_step + lesson_options.hold))]
    print(f"1080p30, whole lesson ({len(scenes)} steps, {seconds:.0f} s of video): {wall / seconds:.2f} s wall and "
          f"{cpu / seconds:.2f} s CPU per second of video")
    print(f"resident: idle app {idle:.1f} MB; during the lesson video max {max(samples):.1f} MB = "
          f"{max(samples) - idle:+.1f} MB over idle (budget within 50 MB); first step max {max(first_step):.1f} MB, "
          f"last sample {samples[-1]:.1f} MB, drift {samples[-1] - max(first_step):+.1f} MB (flat = near 0)")
    # 3. The same whole-lesson video from the command line (no window): its peak resident size.
    import subprocess

    child = subprocess.run([sys.executable, "-c", HEADLESS, "export", "--all-steps", "--seconds", f"{per_step:g}",
                            "--video", str(out / "cli.mp4")], check=True, capture_output=True, text=True)
    peak = int(child.stdout.split()[-1]) / 1024
    print(f"headless `export --all-steps --video`: peak resident {peak:.1f} MB = {peak - idle:+.1f} MB against the "
          "idle app (budget within 50 MB)")
    per = max(1, round(per_step + lesson_options.hold))
    steps = [max(samples[k:k + per]) for k in range(0, len(samples), per)]
    print("resident per step (max, MB):", " ".join(f"{m:.0f}" for m in steps))
    for path in out.iterdir():
        path.unlink()
    out.rmdir()
    window.close()


if __name__ == "__main__":
    main()
