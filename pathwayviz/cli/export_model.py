"""``pathwayviz export-model``: the model for other tools (SBML, SBML-qual, SBGN-ML, COMBINE archive).

``--format sbml`` writes the dynamics under the given perturbations (--set/--toggle/--drug/…);
``sbml-qual`` the logical skeleton; ``sbgn`` the diagram; ``omex`` a lesson as a reproducible
protocol (SBML + SED-ML + one PNG slide per step). The file is written to a temporary file
beside OUT and renamed, so a failed export never leaves a partial file.
"""

from __future__ import annotations

from .common import CliError, add_perturbation_options, pathway_or_error, perturbations_from_args

HELP = "Write the model as SBML, SBML-qual, SBGN-ML or a COMBINE archive (.omex)."

# format -> what it holds (for messages)
FORMATS = {"sbml": "the dynamics (SBML L3V2)", "sbml-qual": "the logical model (SBML-qual)",
           "sbgn": "the diagram (SBGN-ML Activity Flow)", "omex": "a lesson (COMBINE archive)"}
STATE_FLAGS = ("set", "toggle", "knockout", "overexpress", "drug")


def build(p) -> None:
    p.add_argument("--format", required=True, choices=list(FORMATS), help="what to write")
    p.add_argument("--pathway", metavar="FILE", help="pathway file (default: the built-in insulin model)")
    p.add_argument("--lesson", metavar="FILE|ID", help="lesson file or built-in lesson id for --format omex "
                                                         "(default: the built-in lesson)")
    p.add_argument("--size", metavar="WxH", help="size of the step slides in --format omex (default 1920x1080)")
    add_perturbation_options(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT")


def run(args) -> int:
    from ..export.model_archive import ModelFileError, check_model_target, write_model_file
    from ..formats.sbml_common import ModelExportError

    given = [f"--{flag}" for flag in STATE_FLAGS if getattr(args, flag)]
    if given and args.format != "sbml":
        raise CliError(f"{given[0]} has no meaning for --format {args.format} ({FORMATS[args.format]}): "
                       + ("each lesson step sets its own state" if args.format == "omex" else
                          "it has no simulated state") + "; leave it out, or use --format sbml")
    for flag, value in (("--lesson", args.lesson), ("--size", args.size)):
        if value and args.format != "omex":
            raise CliError(f"{flag} is only used by --format omex; leave it out for --format {args.format}")
    try:
        output = check_model_target(args.output)  # before the work, so a typo fails fast
        pathway = pathway_or_error(args.pathway)
        data = produce(args, pathway)
        write_model_file(output, data)
    except (ModelExportError, ModelFileError) as exc:
        raise CliError(f"-o {args.output}: {exc}" if isinstance(exc, ModelFileError) else str(exc)) from None
    print(output)
    return 0


def produce(args, pathway) -> bytes:
    """The bytes of the requested file."""
    if args.format == "sbml":
        from ..formats.sbml import write_sbml

        return write_sbml(pathway, perturbations_from_args(pathway, args)).encode("utf-8")
    if args.format == "sbml-qual":
        from ..formats.sbml_qual import write_sbml_qual

        return write_sbml_qual(pathway).encode("utf-8")
    from ..export.headless import headless_application

    headless_application()
    if args.format == "sbgn":
        from ..export.model_archive import diagram_sbgn

        return diagram_sbgn(pathway)
    return lesson_archive(args, pathway)  # omex: the only format left (argparse checked the choice)


def lesson_archive(args, pathway) -> bytes:
    """The COMBINE archive of a lesson, its slides rendered as ``pathwayviz export --all-steps`` would."""
    from ..export.model_archive import lesson_archive as archive_of
    from ..export.slide_options import SlideError, SlideOptions, parse_size
    from ..model.files import WriteError
    from ..export.writer import ExportError
    from ..lesson.loader import load_lesson
    from ..model.yamlio import FileProblems
    from ..resource_files import builtin_lesson_path, lesson_file

    try:
        width, height = parse_size(args.size or "1920x1080")
    except SlideError as exc:
        raise CliError(f"--{exc}") from None
    try:
        lesson = load_lesson(lesson_file(args.lesson) if args.lesson else builtin_lesson_path(), pathway)
    except FileProblems as exc:
        raise CliError(str(exc)) from None
    try:
        return archive_of(pathway, lesson, SlideOptions(width, height))
    except (ExportError, WriteError) as exc:
        raise CliError(str(exc)) from None
