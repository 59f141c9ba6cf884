"""The state in words, on a key and for screen readers.

Ctrl+D (Help → Describe the state) shows the plain-language comparison with healthy in the status
bar and has screen readers speak it. After every change to the perturbations the window also
announces where the change leads (the settled state), so a listener hears the outcome of what
they did without hunting for it on the diagram. While a scenario runs its inputs never hold still,
so there is no settled state to announce: the announcement says the scenario runs and reads the
state at its current moment instead.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer

from ..canvas.accessible import announce
from ..model.scenario import format_clock
from ..sim.describe import describe_state
from ..sim.live import healthy_reference

ANNOUNCE_DELAY_MS = 400  # let a burst of edits (a dragged slider) settle into one announcement


class StateInWords:
    """Says the state in words on request and announces the outcome of every perturbation change."""

    def __init__(self, window):
        self.window = window
        self.last_text = ""
        self._timer = QTimer(window)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ANNOUNCE_DELAY_MS)
        self._timer.timeout.connect(self.announce_outcome)
        self._variants = dict(window.state.perturbations.variants)
        self._switched: dict[str, str] = {}  # variant label -> option label, switched since the last announcement
        window.state.observe(self._changed)

    def _changed(self, names) -> None:
        if "perturbations" in names:
            self._note_switched_variants()
            self._timer.start()

    def _note_switched_variants(self) -> None:
        """Remember which mechanisms (model variants) changed, so the announcement names them first."""
        pathway = self.window.pathway
        now = dict(self.window.state.perturbations.variants)
        for variant in pathway.variants:
            before = self._variants.get(variant.id, variant.default)
            after = now.get(variant.id, variant.default)
            if before != after:
                self._switched[variant.label] = variant.option(after).label
        self._variants = now

    def current_text(self) -> str:
        """The state on screen now (or at the scrubbed time) against healthy."""
        w = self.window
        snap = w.live.snapshot(w.state.replay_time)
        return describe_state(w.pathway, w.state.perturbations, snap.state, snap.healthy).text

    def settled_text(self) -> str:
        """Where the current perturbations lead once the simulation settles."""
        w = self.window
        live = w.live
        p = w.state.perturbations
        state = live.engine.relax(p, y0=live.state)
        healthy = live.engine.relax(healthy_reference(live.pathway, p), y0=live.healthy)
        return describe_state(w.pathway, p, state, healthy).text

    def show(self) -> str:
        text = self.current_text()
        self._say(text)
        return text

    def announce_outcome(self) -> str:
        switched = "".join(f"{name}: {option}. " for name, option in self._switched.items())
        self._switched = {}
        scenario = self.window.scenarios.scenario
        if scenario is None:
            text = switched + "Settles at: " + self.settled_text()
        else:
            clock = format_clock(scenario.clock(min(self.window.live.time, scenario.duration)))
            text = switched + f"{scenario.title} runs; at {clock}: " + self.current_text()
        self._say(text)
        return text

    def _say(self, text: str) -> None:
        self.last_text = text
        self.window.statusBar().showMessage(text, 15000)
        announce(self.window, text)

