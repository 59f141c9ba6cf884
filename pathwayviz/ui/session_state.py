"""Between a session and the window: what :func:`capture_session` reads out of a main window
into a :class:`Session`, and what :func:`apply_session` puts back (lesson, perturbations, pins,
focus, scenario, simulation state, view). Files, autosave and dialogs are ``ui/sessions.py``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, QRectF

from ..model.pathway import Pathway
from ..model.scenario_refs import is_builtin_scenario, resolve_scenario
from ..model.yamlio import FileProblems
from ..resource_files import builtin_pathway_path
from ..sim.perturbations import Perturbations
from ..state.session import BUILTIN_PREFIX, LESSONS, Session, SessionError, View, reference_for, resolve_reference


def capture_session(w) -> Session:
    """Main window ``w`` as a session: pathway, perturbations, pins, view, lesson, focus, simulation state."""
    state = w.state
    live = w.live
    view = w.view
    # The exact centre: QRect.center() rounds down, so every save and open drifted a pixel up-left.
    centre = view.viewportTransform().inverted()[0].map(QRectF(view.viewport().rect()).center())
    lesson_path = w.lesson_controller.lesson_file()
    lesson = reference_for(lesson_path) if lesson_path else None
    return Session(
        pathway=pathway_reference(w.pathway),
        perturbations=state.perturbations,
        pinned=list(state.pins),
        # A view that fits the whole diagram is saved as "fit" (null), so it fits any window size.
        view=None if view.auto_fit else View((centre.x(), centre.y()), view.current_scale()),
        lesson=lesson,
        lesson_step=state.lesson_step if lesson else None,
        focus=state.focus,
        time=live.time,
        state=dict(zip(live.ids, (float(v) for v in live.state))),
        healthy_state=dict(zip(live.ids, (float(v) for v in live.healthy))),
        scenario=scenario_reference(state.scenario),
    )


def apply_session(w, session: Session) -> list[str]:
    """Put a session (already checked against the pathway of main window ``w``) into it; not undoable.

    Returns what could not be restored (a lesson or scenario that no longer opens), in words.
    """
    problems = []
    lesson_path = str(resolve_reference(session.lesson, LESSONS)) if session.lesson else None
    try:
        w.lesson_controller.restore_lesson(lesson_path, session.lesson_step if lesson_path else None)
    except (FileProblems, SessionError, OSError, ValueError, IndexError) as exc:
        problems.append(f"Its lesson could not be opened, so it opened without it:\n{exc}")
    s = session.perturbations
    p = Perturbations.on_defaults(w.pathway, s.inputs, s.toggles, s.knockouts, s.overexpress, s.fixed, s.drugs,
                                  s.variants)
    scenario, problem = _scenario_of(session, w.pathway)
    if problem:
        problems.append(problem)
    w.state.apply(perturbations=p, pins=tuple(session.pinned), focus=session.focus, replay_time=None,
                  scenario=scenario)
    if scenario is not None:  # the run again from its start, so the plots show the whole of it so far
        w.scenarios.start(w.scenarios.scenario, at_minute=session.time)
    if session.state is not None:
        ids = w.live.ids
        healthy = None if session.healthy_state is None else np.array([session.healthy_state[s] for s in ids])
        w.live.restore(session.time, np.array([session.state[s] for s in ids]), healthy,
                       keep_history=scenario is not None)
    else:
        w.live.reset()
    if session.view is None:
        w.view.fit()
    else:
        restore_view(w, session.view)
    w.redraw(0.0)
    w.undo_stack.clear()
    return problems


def _scenario_of(session: Session, pathway: Pathway) -> tuple[str | None, str]:
    """The state's reference to the session's scenario, or None and why it cannot run."""
    if session.scenario is None:
        return None, ""
    ref = session.scenario
    ref = ref[len(BUILTIN_PREFIX):] if ref.startswith(BUILTIN_PREFIX) else ref
    try:
        resolve_scenario(ref, pathway)
    except (FileProblems, OSError) as exc:
        return None, f"Its scenario could not be started, so the inputs are constant:\n{exc}"
    return ref, ""


def scenario_reference(scenario: str | None) -> str | None:
    """What a session stores for the state's scenario: ``builtin:<id>`` or the file's absolute path."""
    if scenario is None:
        return None
    return BUILTIN_PREFIX + scenario if is_builtin_scenario(scenario) else str(Path(scenario).absolute())


def pathway_reference(pathway: Pathway) -> str:
    return reference_for(pathway.source_file or builtin_pathway_path())


def restore_view(window, view: View) -> None:
    """Show the diagram at ``view.scale`` with ``view.center`` in the middle of the view."""
    pv = window.view
    scale = min(max(view.scale, pv.MIN_SCALE), pv.MAX_SCALE)
    centre = QPointF(*view.center)
    # Room to put any point of the diagram in the middle, even before the window has its final size.
    span_w = max(pv.viewport().width(), window.width()) / scale
    span_h = max(pv.viewport().height(), window.height()) / scale
    around = QRectF(centre.x() - span_w, centre.y() - span_h, 2 * span_w, 2 * span_h)
    pv.auto_fit = False
    pv.setSceneRect(pv.pathway_scene().diagram_rect().united(around))
    pv.resetTransform()
    pv.scale(scale, scale)
    pv.centerOn(centre)
