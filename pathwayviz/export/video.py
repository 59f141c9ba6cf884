"""Video clips of the live simulation: MP4 (H.264, yuv420p) and animated GIF, encoded with PyAV.

A clip is the slide layout (title, caption, legend, references) around the animated diagram, with
the flux pulses moving and a readout panel (simulated time, the readouts against their healthy
reference) where the still slide has its time courses. A lesson step is filmed as the window and
presentation mode show it: the :class:`~pathwayviz.lesson.runner.LessonRunner` says where it starts
(the settled state of the step before), what it sets, what it highlights and how it is framed; the
step's :class:`~pathwayviz.export.frame.SlideFrame` carries its title, caption and zoom. Frames are produced at a fixed simulation
step of ``speed / fps`` minutes, never from the wall clock, so the same options give the same
frames. Each frame is streamed to the encoder as soon as it is drawn; only the static layer of the
current step (one image) is kept. The file appears under its final name only when complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..canvas.scene import PathwayScene
from ..lesson.model import Lesson
from ..lesson.runner import LessonRunner, StepStart
from ..model.scenario import Scenario
from ..model.files import WriteError, check_target, failure_message, replaced_on_success
from ..sim.live import LiveSimulation
from ..sim.perturbations import Perturbations, state_caption
from .frame import SlideFrame
from .video_encoder import FrameEncoder, require_pyav
from .video_frames import VideoFrameRenderer
from .video_options import VideoError, VideoOptions, video_kind
from .writer import write_png

# progress(done_frames, total_frames, what) after each frame; returning False cancels.
Progress = Callable[[int, int, str], "bool | None"]


@dataclass
class VideoResult:
    path: Path | None
    frames: int
    cancelled: bool = False
    encoder_peak_mb: float = 0.0   # the encoder process's peak resident size (0 when it ran in-process)


class Cancelled(Exception):
    """Raised inside an export when its progress callback asks to stop."""


# -- clips -------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ClipScene:
    """One stretch of video: texts, highlight and framing, the state it starts from and the one it moves to.

    ``start`` is a lesson step's defined start (:meth:`LessonRunner.start`, put in place as the
    window does on entering the step), settings whose steady state the clip starts from, or None
    to continue from wherever the previous scene left the simulation.
    """

    title: str
    caption: str
    start: StepStart | Perturbations | None
    target: Perturbations
    seconds: float
    hold: float = 0.0
    highlight: tuple[str, ...] = ()
    zoom: tuple[str, ...] = ()
    overlays: bool = True       # title and caption drawn over the clip (a deck's slide has its own)
    # A scenario played up to ``until`` minutes, ``step_minutes`` per frame; started afresh unless
    # ``restart`` is False (a further region of the same step continues it).
    scenario: Scenario | None = None
    until: float = 0.0
    step_minutes: float = 0.0
    restart: bool = True

    def continues(self) -> bool:
        """Whether this scene carries on the one before (a further region of the same step)."""
        return not self.restart if self.scenario is not None else self.start is None

    def minutes_per_frame(self, options: VideoOptions) -> float:
        """Simulated minutes between frames: the options' speed, or the scenario's compressed pace."""
        return options.minutes_per_frame if self.scenario is None else self.step_minutes

    def advance(self, live: LiveSimulation, minutes: float) -> None:
        if self.scenario is None:
            live.advance(minutes)
        elif self.until - live.time > 1e-6:  # accurate integration through the breakpoints, however long the frame
            live.run_scenario_to(min(live.time + minutes, self.until))

    def begin(self, live: LiveSimulation) -> SlideFrame:
        """Put ``live`` where this scene starts, under its target settings; the scene's frame."""
        if self.scenario is not None:
            if self.restart or live.scenario is not self.scenario:
                live.set_perturbations(self.target)
                live.start_scenario(self.scenario)
        elif isinstance(self.start, StepStart):
            live.start_scenario(None)
            live.set_perturbations(self.target)
            live.restore(0.0, self.start.state, self.start.healthy)
        else:
            if self.start is not None:
                live.start_scenario(None)
                settle_at(live, self.start)
            live.set_perturbations(self.target)
        texts = (self.title, self.caption) if self.overlays else ("", "")
        return SlideFrame.capture(live, self.highlight, self.zoom, title=texts[0], caption=texts[1], traces=False)


def state_scenes(live: LiveSimulation, perturbations: Perturbations, options: VideoOptions,
                 title: str = "", caption: str = "") -> list[ClipScene]:
    """A clip of any state (the command line's --set/--toggle/…), arriving from the default state."""
    pathway = live.pathway
    return [ClipScene(title or pathway.title, caption or state_caption(pathway, perturbations),
                      Perturbations.defaults(pathway), perturbations, options.seconds)]


def step_scenes(lesson: Lesson, live: LiveSimulation, options: VideoOptions, index: int | None = None,
                runner: LessonRunner | None = None, overlays: bool = True) -> list[ClipScene]:
    """One step's transition, or (``index`` None) every step in turn, as the lesson runner enters them.

    ``overlays`` False leaves the title and caption out of the frames (a deck slide shows them as
    its own editable text, and the diagram gets their room).

    Each step starts from its defined start (the settled state of the step before; the settled
    defaults for the first), whatever the clip before it reached, as the window and presentation
    mode do; a whole-lesson video holds each step's end state for ``options.hold``. A step shown
    region by region gives one scene per region (the first starts the step, the others continue it).
    """
    runner = runner or LessonRunner(lesson, live.pathway, live.engine)
    indices = range(len(lesson.steps)) if index is None else [index]
    scenes = []
    for k in indices:
        entry = runner.entry(k, reveal=True)
        step = lesson.steps[entry.index]
        # A step shown region by region cuts from region to region as "next" pans in the presentation:
        # its transition is shared out between them, the simulation running on across the cuts.
        frames = step.frames
        total, n = options.frames(options.seconds), len(frames)
        scenario = runner.scenario(entry.index)
        # A scenario step plays its scenario from the start to its moment (default its end) over the clip.
        until = (step.at or scenario.duration) if scenario is not None else 0.0
        for r, zoom in enumerate(frames):
            share = max(1, total // n + (r < total % n)) / options.fps  # whole frames, summing to the clip's
            last = r == n - 1
            start = runner.start(entry.index) if r == 0 and scenario is None else None
            scenes.append(ClipScene(step.title, step.caption, start, entry.perturbations, share,
                                    options.hold if index is None and last else 0.0, entry.highlight, tuple(zoom),
                                    overlays, scenario, until, until / max(1, total - 1), restart=r == 0))
    return scenes


def scenario_scenes(perturbations: Perturbations, scenario: Scenario, options: VideoOptions,
                    caption: str = "") -> list[ClipScene]:
    """The whole of ``scenario`` on top of ``perturbations``, compressed into ``options.seconds``."""
    frames = options.frames(options.seconds)
    return [ClipScene(scenario.title, caption or scenario.description, None, perturbations, options.seconds,
                      scenario=scenario, until=scenario.duration, step_minutes=scenario.duration / max(1, frames - 1))]


def total_frames(scenes: list[ClipScene], options: VideoOptions) -> int:
    return sum(options.frames(s.seconds) + (options.frames(s.hold) if s.hold > 0 else 0) for s in scenes)


def export_video(scenes: list[ClipScene], live: LiveSimulation, path, options: VideoOptions,
                 progress: Progress | None = None, scene: PathwayScene | None = None,
                 poster: Path | None = None) -> VideoResult:
    """Render ``scenes`` into ``path`` (.mp4 or .gif); nothing appears there unless it completes.

    ``poster``, if given, receives the last frame as a PNG (a deck's poster frame for the clip).

    Raises VideoError for options that do not fit the file type and WriteError (naming the
    path) for write failures; a cancelled export returns ``cancelled=True`` and leaves no file.
    """
    path = check_target(path)
    kind = video_kind(path)
    if (kind == "gif") != options.gif:
        raise VideoError(f"{path}: the options were made for {'a GIF' if options.gif else 'an MP4'}; "
                         f"give a .{'gif' if options.gif else 'mp4'} file")
    require_pyav()
    total = total_frames(scenes, options)
    done = 0
    peak_kib = 0

    def report(what: str) -> None:
        if progress is not None and progress(done, total, what) is False:
            raise Cancelled

    try:
        with replaced_on_success(path) as partial:
            encoder = _open_encoder(partial, kind, options)
            try:
                # Frames are painted straight into the page the encoder process reads.
                renderer = VideoFrameRenderer(live, options, scene, target=encoder.image)
                for clip in scenes:
                    renderer.scenario = clip.scenario
                    renderer.begin_scene(clip.begin(live), keep_clock=clip.continues())
                    step = clip.minutes_per_frame(options)
                    for k in range(options.frames(clip.seconds)):
                        encoder.add(renderer.frame(step if k else 0.0))
                        clip.advance(live, step)
                        done += 1
                        report(clip.title)
                    # The hold: the clock stops, the pulses keep flowing at the reached state.
                    for _ in range(options.frames(clip.hold) if clip.hold > 0 else 0):
                        encoder.add(renderer.frame(step))
                        done += 1
                        report(clip.title)
                if poster is not None and done:
                    write_png(renderer.image, poster)
                encoder.finish()
                peak_kib = encoder.child_peak_kib
            except BaseException:
                encoder.abandon()
                raise
    except Cancelled:
        return VideoResult(None, done, cancelled=True)
    except WriteError:
        raise
    except OSError as exc:  # a full disk or a vanished folder: a message naming the file
        raise WriteError(path, f"Could not write {path}: {_reason(exc)}. The disk may be full or the folder not "
                               "writable; free some space or choose another folder. Any earlier file there is "
                               "unchanged.") from None
    return VideoResult(path, done, encoder_peak_mb=peak_kib / 1024)


def _open_encoder(partial: Path, kind: str, options: VideoOptions) -> FrameEncoder:
    try:
        return FrameEncoder(partial, kind, options)
    except PermissionError as exc:
        raise WriteError(partial, failure_message(partial, exc)) from None


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def settle_at(live: LiveSimulation, perturbations: Perturbations) -> None:
    """Put ``live`` at the steady state of ``perturbations`` at time 0 (a clip's starting point)."""
    live.set_perturbations(perturbations)
    live.reset()
    live.settle()
