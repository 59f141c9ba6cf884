"""``pathwayviz export``: slides, video clips and decks without a window (DESIGN.md §5).

``-o OUT.png`` (or ``.svg``) writes one slide: lesson step N with ``--step N`` (a step the
presentation shows region by region gets one slide per region: OUT.png, OUT-2.png, …), otherwise the
state given by --set/--toggle/--knockout/--overexpress/--drug, the whole diagram or, with ``--zoom``,
the species named framed as a lesson step frames its zoom. ``--all-steps -o DIR`` writes one
numbered PNG per lesson step (per region: 01a-…, 01b-…). ``--video OUT.mp4|OUT.gif`` animates the
same choices (one step's transition, the whole lesson, or a state reached from the default); ``--pptx OUT.pptx`` writes the
lesson as a PowerPoint deck. Problems raise CliError (printed to stderr, exit code 2).
"""

from __future__ import annotations

from pathlib import Path

from ..export.headless import headless_application
from ..export.slide_options import SlideError, SlideOptions, parse_size
from ..sim.perturbations import PerturbationError
from .common import (CliError, add_perturbation_options, add_scenario_option, pathway_or_error, perturbations_from_args,
                     scenario_or_error)
from .export_media import (DEFAULT_SIZE, add_video_options, check_lesson_choice, lesson_or_error,
                           refuse_video_options, run_deck, run_video)

HELP = "Export PNG/SVG slides, MP4/GIF clips or a PowerPoint deck without opening a window."


def build(p) -> None:
    p.add_argument("--pathway", metavar="FILE")
    p.add_argument("--lesson", metavar="FILE|ID", help="lesson file or built-in lesson id (pathwayviz info)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--step", type=int, metavar="N",
                       help="lesson step to export (1-based); a step shown region by region writes OUT.png, OUT-2.png, …")
    group.add_argument("--all-steps", action="store_true", help="one numbered PNG per lesson step")
    add_perturbation_options(p)
    add_scenario_option(p)
    p.add_argument("--at", metavar="TIME", default=None,
                   help="with --scenario: the moment the slide shows (\"90 min\", \"7 h\"; default its end)")
    p.add_argument("--size", default=None, metavar="WxH",
                   help="pixels; default 1920x1080 (960x540 for a GIF)")
    p.add_argument("--transparent", action="store_true")
    p.add_argument("--theme", choices=("light", "projector"), default="light")
    p.add_argument("--no-plots", action="store_true", help="leave the plot strip out")
    p.add_argument("--zoom", action="append", metavar="ID[,ID...]",
                   help="frame these species as a lesson step's zoom does, instead of the whole diagram (whose "
                        "40-odd labels cannot reach 32 px on one 1080-line slide), e.g. --zoom jnk,ikk,irs1_ptyr")
    outputs = p.add_mutually_exclusive_group(required=True)
    outputs.add_argument("-o", "--output", metavar="OUT.png|DIR")
    outputs.add_argument("--video", metavar="OUT.mp4|OUT.gif", help="an animated clip of the simulation")
    outputs.add_argument("--pptx", metavar="OUT.pptx", help="the lesson as a PowerPoint deck, one slide per step")
    add_video_options(p)


def run(args) -> int:
    if args.zoom and (args.video or args.pptx or args.step is not None or args.all_steps or args.scenario):
        raise CliError("--zoom frames a state slide (-o OUT.png with --set/--toggle/…); a lesson step frames "
                       "itself as the presentation does")
    if args.scenario is not None:
        _check_scenario_choice(args)
    elif args.at is not None:
        raise CliError("--at applies to --scenario (the moment of the scenario the slide shows)")
    if args.video:
        return run_video(args)
    if args.pptx:
        return run_deck(args)
    refuse_video_options(args, "-o")
    if args.with_video:
        raise CliError("--with-video applies to --pptx (a clip on every slide); use --video OUT.mp4 for a clip")
    try:
        width, height = parse_size(args.size or DEFAULT_SIZE)
        options = SlideOptions(width, height, args.theme, args.transparent, not args.no_plots)
    except SlideError as exc:
        raise CliError(f"--{exc}") from None
    check_lesson_choice(args, "--step N (one slide) or --all-steps (one PNG per step)")
    use_lesson = args.all_steps or args.step is not None
    output = Path(args.output)
    if args.all_steps and output.suffix.lower() in (".png", ".svg"):
        raise CliError(f"-o {output}: --all-steps writes one PNG per step into a folder; give a folder, "
                       f"e.g. -o {output.with_suffix('')}")
    if not args.all_steps and output.suffix.lower() not in (".png", ".svg"):
        raise CliError(f"-o {output}: give a file name ending in .png (or .svg for an editable figure); "
                       "use --all-steps -o DIR for a whole lesson")

    pathway = pathway_or_error(args.pathway)
    lesson = lesson_or_error(args, pathway) if use_lesson else None
    perturbations = None if use_lesson else perturbations_from_args(pathway, args)
    zoom = _zoom_or_error(args.zoom, pathway)
    scenario = scenario_or_error(args.scenario, pathway)
    at_minute = _at_minute(args.at, scenario)

    headless_application()
    from ..sim.live import LiveSimulation
    from ..export.lesson_export import export_lesson, state_slide, step_slides
    from ..export.writer import ExportError
    from ..model.files import WriteError

    live = LiveSimulation(pathway)
    try:
        if args.all_steps:
            result = export_lesson(lesson, live, output, options)
            for path in result.files:
                print(path)
            return 0
        if lesson is not None:
            # A step shown region by region: OUT.png frames its first region, OUT-2.png the second, …
            slides = step_slides(live, lesson, args.step - 1, options)
            for k, slide in enumerate(slides):
                target = output if k == 0 else output.with_name(f"{output.stem}-{k + 1}{output.suffix}")
                print(slide.export_svg(target) if target.suffix.lower() == ".svg" else slide.save_png(target))
            return 0
        if scenario is not None:
            from ..export.scenario_export import scenario_slide

            slide = scenario_slide(live, perturbations, scenario, options, at_minute)
        else:
            slide = state_slide(live, perturbations, options, zoom=zoom)
        path = slide.export_svg(output) if output.suffix.lower() == ".svg" else slide.save_png(output)
        print(path)
        return 0
    except (ExportError, WriteError) as exc:
        raise CliError(str(exc)) from None
    except PerturbationError as exc:
        raise CliError(str(exc)) from None


def _zoom_or_error(values, pathway) -> tuple[str, ...]:
    """The species ids of ``--zoom`` (repeatable, comma-separated); CliError naming any unknown id."""
    ids = tuple(dict.fromkeys(sid.strip() for value in values or () for sid in value.split(",") if sid.strip()))
    unknown = [sid for sid in ids if sid not in pathway.species]
    if unknown:
        known = ", ".join(list(pathway.species)[:8])
        raise CliError(f"--zoom {','.join(unknown)}: no such species in {pathway.id}; give species ids "
                       f"(e.g. {known}; pathwayviz info lists them all)")
    return ids


def _check_scenario_choice(args) -> None:
    """--scenario makes a slide (at --at), a clip of the whole run or a deck of its readings; not with a lesson."""
    if (args.video or args.pptx) and args.at is not None:
        what = "--video plays the whole scenario" if args.video else "--pptx has one slide per reading of the scenario"
        raise CliError(f"--at applies to a slide (-o OUT.png); {what}")
    if args.video and args.speed is not None:
        raise CliError("--speed does not apply to --scenario: the clip plays the whole scenario in --seconds")
    if args.all_steps or args.step is not None or args.lesson:
        raise CliError("--scenario cannot be combined with a lesson (--lesson/--step/--all-steps): each lesson step "
                       "sets its own state")


def _at_minute(value, scenario):
    if value is None:
        return None
    from ..model.scenario import parse_minutes

    minutes = parse_minutes(value)
    if minutes is None or minutes < 0:
        raise CliError(f"--at {value!r}: give a time from the start of the scenario, e.g. --at 90 or --at \"2 h\"")
    if minutes > scenario.duration:
        raise CliError(f"--at {value!r}: the scenario '{scenario.id}' lasts {scenario.duration:g} min")
    return minutes
