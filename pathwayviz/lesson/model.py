"""Lessons as plain values: ordered steps, each with a caption and the settings it applies to a pathway."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.pathway import Pathway
from ..sim.perturbations import Perturbations


@dataclass(frozen=True)
class StepSettings:
    """What a step does to the pathway, in file order; applied on top of the pathway's defaults."""

    inputs: tuple[tuple[str, float], ...] = ()     # input species -> level 0..1
    toggles: tuple[tuple[str, float], ...] = ()    # serine kinase -> intensity 0..1
    knockouts: tuple[str, ...] = ()                # held at 0
    overexpress: tuple[str, ...] = ()              # held at ymax
    fixed: tuple[tuple[str, float], ...] = ()      # held at a fraction of ymax
    drugs: tuple[tuple[str, float], ...] = ()      # drug id -> dose 0..1
    variants: tuple[tuple[str, str], ...] = ()     # variant id -> option id (e.g. liver_lipogenesis: erk)


@dataclass(frozen=True)
class Prediction:
    """A "predict first" question; the answer is revealed on the next key press."""

    question: str
    answer: str


@dataclass(frozen=True)
class LessonStep:
    id: str
    title: str
    caption: str
    settings: StepSettings = StepSettings()
    highlight: tuple[str, ...] = ()
    zoom: tuple[str, ...] = ()  # species whose bounding box the view zooms to; empty shows everything
    predict: Prediction | None = None
    notes: str = ""
    # Parts of the diagram shown one after another ("next" pans on before moving to the next step),
    # for steps whose nodes are too far apart to frame at once at a legible size; replaces ``zoom``.
    regions: tuple[tuple[str, ...], ...] = ()
    # A scenario the step runs (a built-in id or a scenario file's absolute path) and the moment of it
    # shown on entering (minutes from its start; None: from its start, and its end on a slide).
    scenario: str | None = None
    at: float | None = None

    @property
    def frames(self) -> tuple[tuple[str, ...], ...]:
        """What the view frames, in order: the regions, or else the one zoom (empty: the whole diagram)."""
        return self.regions or (self.zoom,)

    def region_of(self, zoom) -> int | None:
        """Which of :attr:`frames` ``zoom`` is (None when it is none of them, e.g. the user zoomed)."""
        zoom = tuple(zoom or ())
        for k, frame in enumerate(self.frames):
            if frame == zoom:
                return k
        return None

    def perturbations(self, pathway: Pathway) -> Perturbations:
        """The step's settings on top of a clean default state, so jumping here equals stepping here.

        Raises :class:`~pathwayviz.sim.perturbations.PerturbationError` if the pathway lacks an id.
        """
        s = self.settings
        pert = Perturbations.on_defaults(pathway, s.inputs, s.toggles, s.knockouts, s.overexpress, s.fixed, s.drugs,
                                         s.variants)
        pert.validate(pathway)
        return pert


@dataclass(frozen=True)
class Lesson:
    title: str
    description: str
    steps: tuple[LessonStep, ...]
    source_file: str = ""
    pathway: str | None = None  # id of the pathway the lesson was written for, if it names one

    def __len__(self) -> int:
        return len(self.steps)

    def index_of(self, step_id: str) -> int:
        """Position (0-based) of the step with this id; KeyError naming the known ids otherwise."""
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(f"no step '{step_id}' in lesson '{self.title}'; steps: "
                       f"{', '.join(s.id for s in self.steps)}")
