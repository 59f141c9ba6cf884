"""What a slide shows, frozen: a snapshot of the simulation, the perturbations, highlight, zoom, the
title and caption overlays, and the time courses. Exporters render a frame and never look at the live simulation again, so a
slide is the same whatever the window does meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..lesson.model import LessonStep
from ..model.pathway import Pathway
from ..sim.live import LiveSimulation, Snapshot
from ..sim.perturbations import Perturbations

MAX_TRACE_POINTS = 600  # plenty for a 500-pixel-wide chart; keeps SVGs small


@dataclass(frozen=True)
class SlideTraces:
    """Times and, per plotted species, (current, healthy) activities normalised to 0–1."""

    times: np.ndarray
    curves: dict[str, tuple[np.ndarray, np.ndarray]]


@dataclass(frozen=True)
class SlideFrame:
    """Everything a slide draws; arrays are read-only copies.

    ``snapshot`` holds raw values (as the canvas takes them) and ``ymax`` their maxima;
    ``time_label`` says what the plotted span is ("after this step's settings took effect");
    ``title`` and ``caption`` are the overlays drawn over the picture (empty: left out). A lesson
    step's frame (:meth:`of_step`) carries the step's texts, highlight and zoom, so every exporter
    frames and labels a step the same way.
    """

    pathway: Pathway
    snapshot: Snapshot
    ymax: np.ndarray
    perturbations: Perturbations
    highlight: tuple[str, ...] = ()
    zoom: tuple[str, ...] = ()
    traces: SlideTraces | None = None
    time_label: str = "of simulation"
    title: str = ""
    caption: str = ""

    @classmethod
    def capture(cls, live: LiveSimulation, highlight=(), zoom=(), plot_species=None,
                time_label: str = "of simulation", at_time: float | None = None, title: str = "",
                caption: str = "", traces: bool = True) -> "SlideFrame":
        """Freeze ``live`` now (or the recorded state nearest ``at_time``) with these traces
        (``traces`` False: none, for a picture that draws no time courses)."""
        pathway = live.pathway
        if plot_species is None:
            plot_species = [r.species for r in pathway.readouts]
        snap = live.snapshot(at_time)
        snapshot = Snapshot(snap.time, _frozen(snap.state), _frozen(snap.flux), _frozen(snap.healthy))
        return cls(pathway, snapshot, _frozen(live.ymax), live.perturbations, tuple(highlight or ()),
                   tuple(zoom or ()), _traces(live, list(plot_species)) if traces else None, time_label,
                   title, caption)

    @classmethod
    def of_step(cls, live: LiveSimulation, step: LessonStep, time_label: str = "of simulation",
                traces: bool = True, region: int = 0) -> "SlideFrame":
        """Freeze ``live`` as lesson ``step`` shows it: the step's title, caption, highlight and the
        zoom of its ``region`` (a step shown region by region gets one frame per region, as the
        window and presentation pan through them; a step without regions has only region 0)."""
        return cls.capture(live, step.highlight, step.frames[region], None, time_label, None, step.title,
                           step.caption, traces)

    def value(self, species_id: str) -> float:
        """The normalised (0–1) activity of a species in this frame."""
        i = self.pathway.index_of(species_id)
        return float(self.snapshot.state[i] / self.ymax[i])


def _frozen(array) -> np.ndarray:
    copy = np.array(array, dtype=float)
    copy.setflags(write=False)
    return copy


def _traces(live: LiveSimulation, plot_species: list[str]) -> SlideTraces:
    times, states = live.history.arrays()
    h_times, healthy = live.healthy_history.arrays()
    if len(times) == 0:
        times, states, healthy = np.array([live.time]), live.state[None, :], live.healthy[None, :]
    elif len(h_times) != len(times):
        healthy = np.array([live.healthy_history.state_at(t) for t in times])
    if len(times) > MAX_TRACE_POINTS:
        idx = np.unique(np.linspace(0, len(times) - 1, MAX_TRACE_POINTS).round().astype(int))
        times, states, healthy = times[idx], states[idx], healthy[idx]
    scaled, scaled_healthy = live.normalised(states), live.normalised(healthy)
    curves = {sid: (_frozen(scaled[:, live.index[sid]]), _frozen(scaled_healthy[:, live.index[sid]]))
              for sid in plot_species if sid in live.index}
    return SlideTraces(_frozen(times), curves)
