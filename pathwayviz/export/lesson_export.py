"""A whole lesson as slides: one numbered PNG per step (``03-inflammation.png``, …), and for a step
shown region by region one per region, lettered in order (``01a-healthy-fasting.png``,
``01b-healthy-fasting.png``), so every part of the diagram the presentation pans to has its slide.

Each step is drawn from a settled simulation of that step's settings. The time courses on the
slide show how the model gets there: they start at the previous step's steady state (the clean
default state for the first step), apply this step's settings at minute 0, and run until the
state has settled, which is what the lecturer sees when stepping through the lesson live.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..lesson.model import Lesson
from ..lesson.runner import LessonRunner
from ..model.files import WriteError
from ..sim.live import LiveSimulation
from ..sim.perturbations import Perturbations, state_caption
from .frame import SlideFrame
from .scenario_export import scenario_time_label
from .slide import SlideExporter
from .slide_options import SlideOptions
from .writer import PNG_QUALITY, write_png

RUN_MINUTES = 180.0      # the slowest readouts (τ up to 30 min) are within a fraction of a percent by then
CHUNK_MINUTES = 1.0      # one plotted sample per simulated minute
STEP_TIME_LABEL = "after this step's settings took effect"
STATE_TIME_LABEL = "after the change (from the default state)"

# progress(done, total, what) is called before each step and at the end; returning False cancels.
Progress = Callable[[int, int, str], "bool | None"]


@dataclass
class LessonExportResult:
    files: list[Path] = field(default_factory=list)
    cancelled: bool = False


def step_file_name(index: int, lesson: Lesson, region: int = 0) -> str:
    """``03-inflammation.png``, or ``01b-healthy-fasting.png`` for the second region of a step shown
    region by region: zero-padded and lettered so the files sort in lesson order."""
    digits = max(2, len(str(len(lesson.steps))))
    step = lesson.steps[index]
    letter = "abcdefghijklmnopqrstuvwxyz"[region] if len(step.frames) > 1 else ""
    return f"{index + 1:0{digits}d}{letter}-{step.id}.png"


def slide_file_names(index: int, lesson: Lesson) -> list[str]:
    """The files of step ``index``: one per region it frames."""
    return [step_file_name(index, lesson, r) for r in range(len(lesson.steps[index].frames))]


def run_into(live: LiveSimulation, start: Perturbations, target: Perturbations,
             minutes: float = RUN_MINUTES) -> None:
    """Leave ``live`` settled under ``target``, its history running from ``start``'s steady state."""
    live.set_perturbations(start)
    live.reset()
    live.settle()
    # The plotted history begins at the settled start (reset's own first sample is pre-settling).
    live.history.clear()
    live.healthy_history.clear()
    live.history.append(live.time, live.state)
    live.healthy_history.append(live.time, live.healthy)
    live.set_perturbations(target)
    for _ in range(int(round(minutes / CHUNK_MINUTES))):
        live.advance(CHUNK_MINUTES)
    live.settle()


def simulate_step(live: LiveSimulation, lesson: Lesson, index: int, minutes: float = RUN_MINUTES) -> None:
    """Settle ``live`` in lesson step ``index`` (0-based), from the state the step starts from live too
    (:meth:`LessonRunner.start`: the settled state of the step before). A step that runs a scenario
    runs it from its start to the step's ``at`` (default its end), its history the whole way."""
    runner = LessonRunner(lesson, live.pathway, live.engine)
    live.set_perturbations(runner.entry(index).perturbations)
    scenario = runner.scenario(index)
    live.start_scenario(scenario)
    if scenario is not None:
        at = lesson.steps[index].at
        live.run_scenario_to(scenario.duration if at is None else at)
        return
    start = runner.start(index)
    live.restore(0.0, start.state, start.healthy)
    for _ in range(int(round(minutes / CHUNK_MINUTES))):
        live.advance(CHUNK_MINUTES)
    live.settle()


def step_slide(live: LiveSimulation, lesson: Lesson, index: int, options: SlideOptions,
               scene: PathwayScene | None = None) -> SlideExporter:
    """The slide of lesson step ``index`` (0-based): its state, title, caption, highlight and zoom
    (a step shown region by region: its first region; :func:`step_slides` gives them all)."""
    return step_slides(live, lesson, index, options, scene)[0]


def step_slides(live: LiveSimulation, lesson: Lesson, index: int, options: SlideOptions,
                scene: PathwayScene | None = None) -> list[SlideExporter]:
    """The slides of lesson step ``index`` (0-based), one per region it frames (one for most steps):
    the same settled state, title and caption, each framing its region as the presentation does."""
    simulate_step(live, lesson, index)
    step = lesson.steps[index]
    label = STEP_TIME_LABEL if live.scenario is None else scenario_time_label(live.scenario)
    return [SlideExporter(SlideFrame.of_step(live, step, label, traces=options.include_plots, region=r),
                          options, scene) for r in range(len(step.frames))]


def state_slide(live: LiveSimulation, perturbations: Perturbations, options: SlideOptions,
                scene: PathwayScene | None = None, zoom=()) -> SlideExporter:
    """A slide of any state (the command line's --set/--toggle/…), reached from the default state:
    the whole diagram, or the species in ``zoom`` framed as a lesson step frames its zoom."""
    pathway = live.pathway
    live.start_scenario(None)
    run_into(live, Perturbations.defaults(pathway), perturbations)
    return SlideExporter.of_live(live, options, scene=scene, zoom=zoom, time_label=STATE_TIME_LABEL,
                                 title=options.title or pathway.title,
                                 caption=options.caption or state_caption(pathway, perturbations))


def prepare_folder(folder) -> Path:
    """The output folder, created if missing; WriteError naming it if that is impossible."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise WriteError(folder, f"Cannot export the lesson into {folder}: it is a file. "
                                 f"Give a folder, e.g. {folder.parent / 'slides'}.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(folder, f"Cannot create the folder {folder}: {exc.strerror or exc}. "
                                 "Choose a folder you can write to.") from None
    return folder


def export_lesson(lesson: Lesson, live: LiveSimulation, folder, options: SlideOptions,
                  progress: Progress | None = None, scene: PathwayScene | None = None) -> LessonExportResult:
    """Write one PNG per step (per region of a step shown region by region) into ``folder``; stops
    early (keeping finished files) when cancelled.

    Simulation and drawing happen on the calling thread; PNG encoding (which releases the GIL)
    runs on a worker so it overlaps the next step. Raises WriteError on the first failed write.
    """
    folder = prepare_folder(folder)
    pathway = live.pathway
    scene = scene or PathwayScene(pathway, THEMES[options.theme])
    total = len(lesson.steps)
    slides = sum(len(step.frames) for step in lesson.steps)
    result = LessonExportResult()
    pending: list[tuple[Path, Future]] = []

    def collect(block: bool) -> None:
        while pending and (block or pending[0][1].done()):
            path, future = pending.pop(0)
            future.result()  # re-raises WriteError from the worker
            result.files.append(path)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="png-encoder") as pool:
        try:
            for k, step in enumerate(lesson.steps):
                if progress is not None and progress(k, total, step.title) is False:
                    result.cancelled = True
                    break
                for r, slide in enumerate(step_slides(live, lesson, k, options, scene)):
                    image = slide.render()
                    path = folder / step_file_name(k, lesson, r)
                    pending.append((path, pool.submit(write_png, image, path, PNG_QUALITY, slide.alt_text())))
                    if len(pending) > 2:  # bound the images held in memory (33 MB each at 4K)
                        path, future = pending.pop(0)
                        future.result()
                        result.files.append(path)
                    collect(block=False)
            collect(block=True)
        except WriteError as exc:
            # Say which slides are on disk, so a partial export (a full disk after 2 of 11) is clear.
            for path, future in pending:
                if future.done() and not future.cancelled() and future.exception() is None:
                    result.files.append(path)
            written = ", ".join(p.name for p in sorted(result.files)) or "none"
            raise WriteError(exc.path, f"{exc} {len(result.files)} of {slides} slides were written before this "
                                       f"({written}).") from None
        finally:
            for _, future in pending:
                future.cancel()
    if progress is not None and not result.cancelled:
        progress(total, total, "done")
    return result
