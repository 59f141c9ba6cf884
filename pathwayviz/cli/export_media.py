"""The moving and deck side of ``pathwayviz export``: ``--video OUT.mp4|OUT.gif`` and its options.

Kept apart from the slide code in ``export.py`` so each file holds one kind of output; the
choices they share (lesson or state, which lesson file) are checked here the same way for both.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import CliError, pathway_or_error, perturbations_from_args, scenario_or_error

DEFAULT_SIZE = "1920x1080"
DEFAULT_GIF_SIZE = "960x540"       # a 1080p GIF is tens of megabytes; GIFs go on web pages
DEFAULT_SECONDS = 10.0             # one step's transition
DEFAULT_LESSON_SECONDS = 6.0       # per step of a whole-lesson video (plus the hold)
DEFAULT_DECK_CLIP_SIZE = "1280x720"  # embedded clips: sharp on a projector, a deck still small enough to mail
VIDEO_ONLY = ("--seconds", "--fps", "--speed")


def add_video_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--seconds", type=float, default=None, metavar="S",
                   help=f"length of each step's transition (default {DEFAULT_SECONDS:g}; "
                        f"{DEFAULT_LESSON_SECONDS:g} per step with --all-steps)")
    p.add_argument("--fps", type=int, default=None, metavar="F", help="frames per second (default 30; GIF 25)")
    p.add_argument("--speed", type=float, default=None, metavar="MIN",
                   help="simulated minutes per second of video (default 3)")
    p.add_argument("--with-video", action="store_true",
                   help="with --pptx: embed each step's transition as an MP4 clip (default 1280x720, 6 s)")


def refuse_video_options(args, output_flag: str) -> None:
    """Video-only options with a still output are a mistake, not something to ignore silently."""
    for flag in VIDEO_ONLY:
        if getattr(args, flag[2:]) is not None:
            raise CliError(f"{flag} only applies to --video; {output_flag} writes still pictures")


def state_flags(args) -> list[str]:
    return [flag for flag, given in (("--set", args.set), ("--toggle", args.toggle), ("--knockout", args.knockout),
                                     ("--overexpress", args.overexpress), ("--drug", args.drug)) if given]


def check_lesson_choice(args, what_lesson_needs: str) -> None:
    """--lesson needs --step/--all-steps, and lesson steps cannot take --set/--toggle/…"""
    use_lesson = args.all_steps or args.step is not None
    if args.lesson and not use_lesson:
        raise CliError(f"--lesson needs {what_lesson_needs}")
    flags = state_flags(args)
    if use_lesson and flags:
        raise CliError(f"{flags[0]} cannot be combined with --step/--all-steps: each lesson step sets its "
                       "own state; export the state without --step instead")


def lesson_or_error(args, pathway):
    """The lesson of ``--lesson`` (or the built-in one), with ``--step`` checked against it."""
    from ..lesson.loader import load_lesson
    from ..model.yamlio import FileProblems
    from ..resource_files import builtin_lesson_path, lesson_file

    try:
        lesson = load_lesson(lesson_file(args.lesson) if args.lesson else builtin_lesson_path(), pathway)
    except FileProblems as exc:
        raise CliError(str(exc)) from None
    if getattr(args, "step", None) is not None and not 1 <= args.step <= len(lesson.steps):
        raise CliError(f"--step {args.step}: the lesson '{lesson.title}' has steps 1 to {len(lesson.steps)}")
    return lesson


def video_options(args, gif: bool, default_size: str | None = None):
    """VideoOptions from the command line; CliError naming the option for anything unusable."""
    from ..export.slide_options import SlideError, parse_size
    from ..export.video_options import DEFAULT_SPEED, VideoError, VideoOptions

    if args.transparent:
        raise CliError("--transparent applies to PNG slides; a video always has its theme's background")
    try:
        width, height = parse_size(args.size or default_size or (DEFAULT_GIF_SIZE if gif else DEFAULT_SIZE))
    except SlideError as exc:
        raise CliError(f"--{exc}") from None
    seconds = args.seconds if args.seconds is not None else (DEFAULT_LESSON_SECONDS if args.all_steps or args.pptx
                                                             else DEFAULT_SECONDS)
    fps = args.fps if args.fps is not None else (25 if gif else 30)
    try:
        return VideoOptions(width, height, fps, seconds, args.theme,
                            DEFAULT_SPEED if args.speed is None else args.speed, gif=gif)
    except VideoError as exc:
        raise CliError(f"--{exc}") from None


def run_video(args) -> int:
    from ..export.video_options import VideoError, video_kind

    if args.with_video:
        raise CliError("--with-video applies to --pptx (a clip on every slide); --video writes the clip itself")
    output = Path(args.video)
    try:
        kind = video_kind(output)
    except VideoError as exc:
        raise CliError(f"--video {exc}") from None
    options = video_options(args, gif=(kind == "gif"))
    check_lesson_choice(args, "--step N (one step's transition) or --all-steps (the whole lesson)")
    pathway = pathway_or_error(args.pathway)
    use_lesson = args.all_steps or args.step is not None
    lesson = lesson_or_error(args, pathway) if use_lesson else None
    perturbations = None if use_lesson else perturbations_from_args(pathway, args)
    scenario = scenario_or_error(args.scenario, pathway)

    from ..export.headless import headless_application

    headless_application()
    from ..export.video import export_video, scenario_scenes, state_scenes, step_scenes
    from ..export.writer import ExportError
    from ..model.files import WriteError
    from ..sim.live import LiveSimulation

    from ..sim.perturbations import PerturbationError

    live = LiveSimulation(pathway)
    try:
        if lesson is not None:
            scenes = step_scenes(lesson, live, options, None if args.all_steps else args.step - 1)
        elif scenario is not None:
            from ..sim.perturbations import state_caption

            scenes = scenario_scenes(perturbations, scenario, options, state_caption(pathway, perturbations))
        else:
            scenes = state_scenes(live, perturbations, options)
        result = export_video(scenes, live, output, options)
    except (ExportError, WriteError, PerturbationError) as exc:
        raise CliError(str(exc)) from None
    print(result.path)
    return 0


def run_deck(args) -> int:
    output = Path(args.pptx)
    if output.suffix.lower() != ".pptx":
        raise CliError(f"--pptx {output}: give a file name ending in .pptx, e.g. --pptx {output.with_suffix('.pptx')}")
    if args.step is not None:
        raise CliError(f"--step {args.step}: a deck holds every step of the lesson; use --video --step N for one "
                       "step's clip")
    flags = state_flags(args)
    if flags and args.scenario is None:
        raise CliError(f"{flags[0]} cannot be combined with --pptx: each lesson step sets its own state")
    if args.with_video:
        clip = video_options(args, gif=False, default_size=DEFAULT_DECK_CLIP_SIZE)
    else:
        refuse_video_options(args, "--pptx without --with-video")
        if args.transparent:
            raise CliError("--transparent applies to PNG slides; deck slides have their own background")
        if args.size is not None:
            raise CliError("--size applies to the embedded clips (--with-video); the diagram is always 4K")
        clip = None
    pathway = pathway_or_error(args.pathway)
    lesson = lesson_or_error(args, pathway) if args.scenario is None else _scenario_lesson(args, pathway)

    from ..export.headless import headless_application

    headless_application()
    from ..export.deck import DeckOptions, export_deck
    from ..export.writer import ExportError
    from ..model.files import WriteError
    from ..sim.live import LiveSimulation
    from ..sim.perturbations import PerturbationError

    try:
        result = export_deck(lesson, LiveSimulation(pathway), output, DeckOptions(args.theme, video=clip))
    except (ExportError, WriteError, PerturbationError) as exc:
        raise CliError(str(exc)) from None
    print(result.path)
    return 0


def _scenario_lesson(args, pathway):
    """``--scenario ID --pptx``: the scenario as a lesson of its readings, under the --preset/--set/… state."""
    from ..export.scenario_export import scenario_lesson
    from ..model.scenario_refs import is_builtin_scenario

    scenario = scenario_or_error(args.scenario, pathway)
    reference = args.scenario if is_builtin_scenario(args.scenario) else str(Path(args.scenario).absolute())
    return scenario_lesson(scenario, reference, perturbations_from_args(pathway, args), pathway)
