"""A slide of a scenario: the state at a moment of it (default its end), the time courses of the whole run."""

from __future__ import annotations

from ..canvas.scene import PathwayScene
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
