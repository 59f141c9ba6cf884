"""Load a lesson YAML file into a validated :class:`Lesson`, or explain every problem with file:line."""

from __future__ import annotations

import math
import re
from pathlib import Path

# The pathway loader's field checker, shared so lesson and pathway messages read alike.
from ..model.fields import FieldChecker, did_you_mean, finite_float, printable, type_name
from ..model.loader import load_pathway
from ..model.pathway import Pathway
from ..model.yamlio import FileProblems, LineDict, LineList, load_yaml
from ..resource_files import builtin_lesson_path, builtin_pathway_path, builtin_scenario_ids, builtin_scenario_path
from ..sim.perturbations import PerturbationError
from .model import Lesson, LessonStep, Prediction, StepSettings

LESSON_FORMAT = "pathwayviz-lesson/1"
MAX_CAPTION_WORDS = 40
MAX_STEPS = 500
_STEP_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")  # fullmatch: "healthy-fasting\n" is not an id
_TOP_KEYS = ("format", "title", "description", "pathway", "steps")
_STEP_KEYS = ("id", "title", "caption", "settings", "highlight", "zoom", "regions", "predict", "notes", "scenario",
              "at")
MAX_REGIONS = 6
_SETTING_KEYS = ("inputs", "toggles", "knockouts", "overexpress", "fixed", "drugs", "variants")


def looks_like_lesson(path: str | Path) -> bool:
    """True when the file's head names the lesson format (so ``validate`` picks the lesson loader)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return "pathwayviz-lesson/" in head


def load_lesson(path: str | Path, pathway: Pathway | None = None) -> Lesson:
    """Load and validate a lesson against ``pathway`` (default: the built-in one).

    Raises :class:`FileProblems` listing every problem found, each as ``file:line: what + fix``.
    """
    path = Path(path)
    data = load_yaml(path)
    if pathway is None:
        pathway = load_pathway(builtin_pathway_path())
    return build_lesson(data, path.name, pathway, str(path))


def builtin_lesson(pathway: Pathway | None = None, lesson_id: str | None = None) -> Lesson:
    """A shipped lesson by id (file stem, e.g. "growth_hormone"); None: "Selective insulin resistance"."""
    return load_lesson(builtin_lesson_path(lesson_id), pathway)


_TITLE_LINE = re.compile(r'^title:\s*"?(.*?)"?\s*$', re.MULTILINE)


def lesson_title(path: str | Path) -> str:
    """A lesson file's title from its top-level ``title:`` line, without parsing the file (menus are
    built before the first paint); the file stem when there is none."""
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            match = _TITLE_LINE.search(fh.read(8192))
    except OSError:
        match = None
    return match.group(1).strip() if match and match.group(1).strip() else Path(path).stem


def build_lesson(data, file: str, pathway: Pathway, source_file: str = "") -> Lesson:
    ck = FieldChecker(file)
    top = ck.header(data, LESSON_FORMAT, "lesson")
    ck.unknown_keys(top, _TOP_KEYS, "the lesson")
    title = ck.text(top, "title", "the lesson")
    description = ck.text(top, "description", "the lesson", required=False)
    pathway_id = ck.text(top, "pathway", "the lesson", required=False) or None
    if pathway_id and pathway_id != pathway.id:
        ck.problem(top.line_of("pathway"), f"the lesson is written for pathway '{pathway_id}' but is being "
                                            f"checked against '{pathway.id}'; open it with that pathway or "
                                            f"change 'pathway:' to '{pathway.id}'")

    raw_steps = top.get("steps")
    steps_line = top.line_of("steps") if "steps" in top else top.line
    if raw_steps is None:
        ck.problem(steps_line, "the lesson has no steps; add a 'steps:' list with at least one step")
        raw_steps = LineList()
    elif not isinstance(raw_steps, list):
        ck.problem(steps_line, f"'steps' must be a list (lines starting with '- '), not {type_name(raw_steps)}")
        raw_steps = LineList()
    elif not raw_steps:
        ck.problem(steps_line, "'steps' is empty; a lesson needs at least one step")
    if len(raw_steps) > MAX_STEPS:
        ck.problem(steps_line, f"{len(raw_steps)} steps is more than the {MAX_STEPS} supported; split the lesson")
        raise FileProblems(ck.problems)

    steps: list[LessonStep] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(raw_steps):
        line = raw_steps.line_of(i) if isinstance(raw_steps, LineList) else steps_line
        step = _step(ck, raw, line, i, pathway, seen, Path(source_file).parent if source_file else Path.cwd())
        if step is not None:
            steps.append(step)

    if ck.problems:
        raise FileProblems(ck.problems)
    return Lesson(title, description, tuple(steps), source_file, pathway_id)


def _step(ck: FieldChecker, raw, line: int, index: int, pathway: Pathway, seen: dict[str, int],
          folder: Path) -> LessonStep | None:
    m = ck.mapping(raw, line, f"step {index + 1}")
    if m is None:
        return None
    sid = ck.text(m, "id", f"step {index + 1}")
    what = f"step '{printable(sid)}'" if sid else f"step {index + 1}"
    if sid and not _STEP_ID.fullmatch(sid):
        ck.problem(m.line_of("id"), f"{what}: id must be kebab-case (lower-case letters and digits joined by "
                                    f"'-'), e.g. '{_kebab(sid)}'")
    if sid in seen:
        ck.problem(m.line_of("id"), f"duplicate step id '{sid}' (first used on line {seen[sid]}); give each "
                                    f"step its own id")
    elif sid:
        seen[sid] = m.line_of("id")
    ck.unknown_keys(m, _STEP_KEYS, what)
    title = ck.text(m, "title", what)
    caption = ck.text(m, "caption", what)
    if isinstance(m.get("caption"), str) and not caption.strip():
        ck.problem(m.line_of("caption"), f"{what} has an empty caption; write one short sentence for the screen")
    words = len(caption.split())
    if words > MAX_CAPTION_WORDS:
        ck.problem(m.line_of("caption"), f"{what} caption has {words} words; the limit is {MAX_CAPTION_WORDS} "
                                         f"so it stays legible on a projector. Move detail to 'notes'")
    settings = _settings(ck, m, what, pathway)
    highlight = _species_list(ck, m, "highlight", what, pathway)
    zoom = _species_list(ck, m, "zoom", what, pathway)
    regions = _regions(ck, m, what, pathway)
    if regions and "zoom" in m:
        ck.problem(m.line_of("zoom"), f"{what} has both 'zoom' and 'regions'; keep one (the first region is "
                                      f"framed first, so move the zoom's species there)")
    predict = None
    if m.get("predict") is not None:
        pm = ck.mapping(m["predict"], m.line_of("predict"), f"{what} 'predict'")
        if pm is not None:
            ck.unknown_keys(pm, ("question", "answer"), f"{what} 'predict'")
            predict = Prediction(ck.text(pm, "question", f"{what} 'predict'"),
                                 ck.text(pm, "answer", f"{what} 'predict'"))
    notes = ck.text(m, "notes", what, required=False)
    scenario, at = _scenario(ck, m, what, pathway, folder)
    step = LessonStep(sid, title, caption, settings, highlight, zoom, predict, notes, regions, scenario, at)
    if settings is not None:
        try:  # safety net: whatever passes here must also be accepted by the engine
            step.perturbations(pathway)
        except PerturbationError as exc:
            ck.problem(m.line_of("settings"), f"{what} settings: {exc}")
    return step


def _scenario(ck: FieldChecker, m: LineDict, what: str, pathway: Pathway, folder: Path):
    """``scenario: ogtt`` (a built-in id, or a scenario file beside the lesson) and ``at: "90 min"``: the
    reference the step runs (the id, or the file's absolute path) and the moment shown (None: its start)."""
    raw = m.get("scenario")
    if raw is None:
        if "at" in m:
            ck.problem(m.line_of("at"), f"{what} has 'at' but no 'scenario'; 'at' picks a moment of the step's "
                                        f"scenario, e.g. scenario: ogtt with at: \"90 min\"")
        return None, None
    line, known = m.line_of("scenario"), builtin_scenario_ids()
    if not isinstance(raw, str) or not raw.strip():
        ck.problem(line, f"{what} 'scenario' is {type_name(raw)}; give a built-in id ({', '.join(known)}) or a "
                         "scenario file, e.g. scenario: ogtt")
        return None, None
    if raw in known:
        reference, path = raw, builtin_scenario_path(raw)
    elif raw.lower().endswith((".yaml", ".yml")):
        path = folder / raw
        reference = str(path.absolute())
        if not path.is_file():
            ck.problem(line, f"{what}: scenario file '{printable(raw)}' not found (looked in {folder})")
            return None, None
    else:
        ck.problem(line, f"{what}: '{printable(raw)}' is neither a built-in scenario ({', '.join(known)}) nor a "
                         f"scenario file (a name ending in .yaml){did_you_mean(raw, known)}")
        return None, None
    from ..model.scenario import load_scenario, parse_minutes  # only for a step with a scenario: start-up does without

    try:
        scenario = load_scenario(path, pathway)
    except FileProblems as exc:
        ck.problem(line, f"{what}: its scenario '{printable(raw)}' has problems: " + "; ".join(map(str, exc.problems)))
        return None, None
    except OSError as exc:
        ck.problem(line, f"{what}: scenario file '{printable(raw)}' cannot be read ({exc.strerror or exc})")
        return None, None
    if "at" not in m:
        return reference, None
    at = parse_minutes(m["at"])
    if at is None or not 0 <= at <= scenario.duration:
        shown = f"{m['at']!r:.40}" if at is None else f"{at:g} min"
        ck.problem(m.line_of("at"), f"{what} 'at' is {shown}; give a moment of the scenario between 0 and "
                                    f"{scenario.duration:g} min, e.g. at: \"90 min\" or at: \"7 h\"")
        return reference, None
    return reference, at


def _settings(ck: FieldChecker, m: LineDict, what: str, pathway: Pathway) -> StepSettings | None:
    """StepSettings from the step's 'settings' mapping, or None when any part of it is wrong."""
    before = len(ck.problems)
    raw = m.get("settings")
    if raw is None:
        return StepSettings()
    sm = ck.mapping(raw, m.line_of("settings"), f"{what} 'settings'")
    if sm is None:
        return None
    ck.unknown_keys(sm, _SETTING_KEYS, f"{what} 'settings'")
    drug_ids = [d.id for d in pathway.drugs]
    inputs = _levels(ck, sm, "inputs", what, pathway.input_ids(), "an input")
    toggles = _levels(ck, sm, "toggles", what, pathway.toggle_ids(), "a serine-kinase toggle")
    fixed = _levels(ck, sm, "fixed", what, list(pathway.species), "a species")
    drugs = _levels(ck, sm, "drugs", what, drug_ids, "a drug")
    knockouts = _species_list(ck, sm, "knockouts", what, pathway)
    overexpress = _species_list(ck, sm, "overexpress", what, pathway)
    for sid in set(knockouts) & set(overexpress):
        ck.problem(sm.line_of("overexpress"), f"{what}: '{sid}' is both knocked out and overexpressed; keep one")
    variants = _variant_choices(ck, sm, what, pathway)
    if len(ck.problems) > before:
        return None
    return StepSettings(inputs, toggles, knockouts, overexpress, fixed, drugs, variants)


def _variant_choices(ck: FieldChecker, sm: LineDict, what: str, pathway: Pathway) -> tuple[tuple[str, str], ...]:
    """``variants: {liver_lipogenesis: erk}``: which mechanism each debated part of the model uses."""
    raw = sm.get("variants")
    if raw is None:
        return ()
    vm = ck.mapping(raw, sm.line_of("variants"), f"{what} 'variants'")
    if vm is None:
        return ()
    known = {v.id: v for v in pathway.variants}
    out = []
    for key, option in vm.items():
        line, name, option = vm.line_of(key), str(key), str(option)
        if name not in known:
            ck.problem(line, f"{what}: '{name}' is not a variant of this pathway{did_you_mean(name, known)}")
            continue
        options = [o.id for o in known[name].options]
        if option not in options:
            ck.problem(line, f"{what}: '{option:.60}' is not an option of variant '{name}'{did_you_mean(option, options)} "
                             f"(options: {', '.join(options)})")
            continue
        out.append((name, option))
    return tuple(out)


def _levels(ck: FieldChecker, sm: LineDict, key: str, what: str, known: list[str], kind: str):
    """A mapping of ids to levels between 0 and 1, e.g. ``inputs: {insulin: 0.6}``."""
    raw = sm.get(key)
    if raw is None:
        return ()
    lm = ck.mapping(raw, sm.line_of(key), f"{what} '{key}'")
    if lm is None:
        return ()
    out = []
    for name, value in lm.items():
        line = lm.line_of(name)
        name = str(name)
        if name not in known:
            ck.problem(line, f"{what}: '{name}' is not {kind} of this pathway{did_you_mean(name, known)} "
                             f"(known: {', '.join(known)})")
            continue
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ck.problem(line, f"{what} {key} '{name}' is {type_name(value)} {value!r:.40}; give a number between "
                             f"0 and 1, e.g. {name}: 0.8")
            continue
        value = finite_float(value)
        if not math.isfinite(value) or not 0.0 <= value <= 1.0:
            ck.problem(line, f"{what} {key} '{name}' is {value:g}; it must be between 0 and 1")
            continue
        out.append((name, float(value)))
    return tuple(out)


def _species_list(ck: FieldChecker, m: LineDict, key: str, what: str, pathway: Pathway) -> tuple[str, ...]:
    raw = m.get(key)
    if raw is None:
        return ()
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        ck.problem(m.line_of(key), f"{what} '{key}' must be a list of species ids, e.g. {key}: [akt, erk]")
        return ()
    out = []
    for j, sid in enumerate(raw):
        line = raw.line_of(j) if isinstance(raw, LineList) else m.line_of(key)
        if sid not in pathway.species:
            ck.problem(line, f"{what} '{key}' names unknown species '{sid}'{did_you_mean(sid, pathway.species)}")
        elif sid not in out:
            out.append(sid)
    return tuple(out)


def _regions(ck: FieldChecker, m: LineDict, what: str, pathway: Pathway) -> tuple[tuple[str, ...], ...]:
    """``regions: [[ir, akt], [hgp, blood_glucose]]``: parts of the diagram framed one after another."""
    raw = m.get("regions")
    if raw is None:
        return ()
    example = "regions: [[ir, irs1_ptyr, akt], [blood_glucose, hgp]]"
    if not isinstance(raw, list) or not raw:
        ck.problem(m.line_of("regions"), f"{what} 'regions' must be a list of species lists, e.g. {example}")
        return ()
    if len(raw) > MAX_REGIONS:
        ck.problem(m.line_of("regions"), f"{what} has {len(raw)} regions; at most {MAX_REGIONS} (split the step)")
        return ()
    out = []
    for j, item in enumerate(raw):
        line = raw.line_of(j) if isinstance(raw, LineList) else m.line_of("regions")
        holder = LineDict({"region": item})
        holder.key_lines, holder.line = {"region": line}, line
        species = _species_list(ck, holder, "region", f"{what} region {j + 1}", pathway)
        if not species and isinstance(item, list) and not item:
            ck.problem(line, f"{what} region {j + 1} is empty; name the species to frame, e.g. {example}")
        if species:
            out.append(species)
    return tuple(out) if len(out) == len(raw) else ()


def _kebab(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "my-step"
