"""A slide of a scenario: the state at a moment of it (default its end), the time courses of the whole run."""

from __future__ import annotations

from ..canvas.scene import PathwayScene
from ..lesson.model import Lesson, LessonStep, StepSettings
from ..model.scenario import Scenario, format_clock
from ..sim.live import LiveSimulation
from ..sim.perturbations import Perturbations, state_caption
from .slide import SlideExporter
from .slide_options import SlideOptions


def scenario_time_label(scenario: Scenario) -> str:
    """What the plotted span is: "of scenario 'ogtt' from 08:00"."""
    return f"of scenario '{scenario.id}' from {format_clock(scenario.clock_start)}"


def scenario_slide(live: LiveSimulation, perturbations: Perturbations, scenario: Scenario, options: SlideOptions,
                   at_minute: float | None = None, scene: PathwayScene | None = None) -> SlideExporter:
    """Run ``scenario`` on top of ``perturbations`` to ``at_minute`` (default its end) and make its slide."""
    stop = scenario.duration if at_minute is None else min(max(at_minute, 0.0), scenario.duration)
    live.set_perturbations(perturbations)
    live.start_scenario(scenario)
    live.run_scenario_to(stop)
    clock = format_clock(scenario.clock(stop))
    caption = options.caption or f"{scenario.title} · {clock} · {state_caption(live.pathway, perturbations)}"
    texts = options.with_texts(options.title or live.pathway.title, caption)
    return SlideExporter.of_live(live, texts, scene=scene, time_label=scenario_time_label(scenario))


def scenario_lesson(scenario: Scenario, reference: str, perturbations: Perturbations, pathway) -> Lesson:
    """A scenario as a lesson of its readings (an OGTT's 0, 30, …, 120 min; its end if it names none): each
    step runs ``reference`` under ``perturbations`` to one reading, so a deck or video shows one per slide."""
    p = perturbations
    settings = StepSettings(tuple(p.inputs.items()), tuple(p.toggles.items()), tuple(sorted(p.knockouts)),
                            tuple(sorted(p.overexpress)), tuple(p.fixed.items()), tuple(p.drugs.items()),
                            tuple(p.variants.items()))
    condition = state_caption(pathway, p)
    steps = []
    for k, minute in enumerate(scenario.readings or (scenario.duration,)):
        clock = format_clock(scenario.clock(minute))
        steps.append(LessonStep(
            f"reading-{k + 1}", f"{clock} · {minute:g} min", f"{scenario.title} at {clock}, {minute:g} min after "
            f"its start ({condition}); the charts show the run up to this reading.", settings,
            notes=scenario.description, scenario=reference, at=minute))
    return Lesson(scenario.title, scenario.description, tuple(steps), scenario.source_file, pathway.id)
