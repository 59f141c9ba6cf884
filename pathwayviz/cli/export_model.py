"""``pathwayviz export-model``: the model for other tools (SBML, SBML-qual, SBGN-ML, COMBINE archive).

``--format sbml`` writes the dynamics under the given perturbations (--set/--toggle/--drug/…);
``sbml-qual`` the logical skeleton; ``sbgn`` the diagram; ``omex`` a lesson as a reproducible
protocol (SBML + SED-ML + one PNG slide per step). The file is written to a temporary file
beside OUT and renamed, so a failed export never leaves a partial file.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .common import CliError, add_perturbation_options, pathway_or_error, perturbations_from_args

HELP = "Write the model as SBML, SBML-qual, SBGN-ML or a COMBINE archive (.omex)."

# format -> what it holds (for messages)
FORMATS = {"sbml": "the dynamics (SBML L3V2)", "sbml-qual": "the logical model (SBML-qual)",
           "sbgn": "the diagram (SBGN-ML Activity Flow)", "omex": "a lesson (COMBINE archive)"}
STATE_FLAGS = ("set", "toggle", "knockout", "overexpress", "drug")


def build(p) -> None:
    p.add_argument("--format", required=True, choices=list(FORMATS), help="what to write")
    p.add_argument("--pathway", metavar="FILE", help="pathway file (default: the built-in insulin model)")
    p.add_argument("--lesson", metavar="FILE", help="lesson for --format omex (default: the built-in lesson)")
    p.add_argument("--size", metavar="WxH", help="size of the step slides in --format omex (default 1920x1080)")
    add_perturbation_options(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT")


def run(args) -> int:
    from ..formats.sbml import ModelExportError

    given = [f"--{flag}" for flag in STATE_FLAGS if getattr(args, flag)]
    if given and args.format != "sbml":
        raise CliError(f"{given[0]} has no meaning for --format {args.format} ({FORMATS[args.format]}): "
                       + ("each lesson step sets its own state" if args.format == "omex" else
                          "it has no simulated state") + "; leave it out, or use --format sbml")
    for flag, value in (("--lesson", args.lesson), ("--size", args.size)):
        if value and args.format != "omex":
            raise CliError(f"{flag} is only used by --format omex; leave it out for --format {args.format}")
    output = checked_output(Path(args.output))
    pathway = pathway_or_error(args.pathway)
    try:
        data = produce(args, pathway)
    except ModelExportError as exc:
        raise CliError(str(exc)) from None
    write_atomically(output, data)
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
    if args.format == "sbgn":
        from ..formats.sbgn import write_sbgn

        return write_sbgn(pathway, drawn_node_sizes(pathway)).encode("utf-8")
    return lesson_archive(args, pathway)  # omex: the only format left (argparse checked the choice)


def lesson_archive(args, pathway) -> bytes:
    """The COMBINE archive of a lesson, its slides rendered as ``pathwayviz export --all-steps`` would."""
    from ..export.slide_options import SlideError, SlideOptions, parse_size
    from ..lesson.loader import load_lesson
    from ..model.yamlio import FileProblems
    from ..resource_files import builtin_lesson_path

    try:
        width, height = parse_size(args.size or "1920x1080")
    except SlideError as exc:
        raise CliError(f"--{exc}") from None
    try:
        lesson = load_lesson(args.lesson or builtin_lesson_path(), pathway)
    except FileProblems as exc:
        raise CliError(str(exc)) from None
    from ..formats.omex import Slide, write_omex
    from ..export.headless import headless_application

    headless_application()
    from ..export.lesson_export import RUN_MINUTES, export_lesson
    from ..export.writer import ExportError
    from ..sim.live import LiveSimulation

    with tempfile.TemporaryDirectory(prefix="pathwayviz-slides-") as folder:
        try:
            result = export_lesson(lesson, LiveSimulation(pathway), folder, SlideOptions(width, height))
        except ExportError as exc:
            raise CliError(str(exc)) from None
        slides = [Slide(path.name, path.read_bytes()) for path in result.files]
    return write_omex(pathway, lesson, slides, RUN_MINUTES, drawn_node_sizes(pathway))


def drawn_node_sizes(pathway) -> dict[str, list[tuple[float, float]]]:
    """(width, height) of every drawn copy of every species, as the canvas lays them out (light theme)."""
    from ..export.headless import headless_application

    headless_application()
    from ..canvas.scene import PathwayScene
    from ..canvas.style import THEMES

    scene = PathwayScene(pathway, THEMES["light"])
    return {sid: [(item.node_rect().width(), item.node_rect().height()) for item in items]
            for sid, items in scene.instances.items()}  # argparse only lets the formats above through


def checked_output(path: Path) -> Path:
    """OUT, once we know its folder exists and OUT is not a folder (CliError otherwise)."""
    if path.is_dir():
        raise CliError(f"-o {path}: is a folder; give a file name, e.g. -o {path / 'model.xml'}")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise CliError(f"-o {path}: the folder {folder} does not exist; create it or choose another")
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename; CliError naming the file on failure."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise CliError(f"-o {path}: cannot write into {folder} ({exc.strerror or exc}); "
                       "choose a folder you can write to") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except OSError as exc:
        os.unlink(temp)
        raise CliError(f"-o {path}: could not be written ({exc.strerror or exc}); "
                       "check the disk space and permissions") from None
