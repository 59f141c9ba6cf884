"""One undo step over the application state: the fields it changed, before and after (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StateEdit:
    """A user's change of some :class:`~pathwayviz.state.app_state.AppState` fields.

    Undo applies ``before``, redo applies ``after``. Successive edits with the same non-empty
    ``merge_key`` (a slider drag) merge into one step that undoes to the state before the first.
    """

    text: str
    before: dict
    after: dict
    merge_key: str = ""

    def merged_with(self, later: "StateEdit") -> "StateEdit | None":
        """This edit followed by ``later`` as one step, or None when they do not merge."""
        if not self.merge_key or later.merge_key != self.merge_key or set(later.after) != set(self.after):
            return None
        return StateEdit(later.text, self.before, later.after, self.merge_key)
