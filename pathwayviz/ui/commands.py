"""The one undo command: a :class:`~pathwayviz.state.StateEdit` on the window's QUndoStack.

Everything a student changes (perturbations, pins, lesson steps) is a state edit, so Ctrl+Z walks
back through all of it in order; successive edits with the same merge key (a slider drag) merge.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand, QUndoStack

from ..state import AppState, StateEdit


class StateCommand(QUndoCommand):
    """Redo applies the edit's ``after`` values to the state, undo its ``before`` values."""

    _ids: dict[str, int] = {}

    def __init__(self, state: AppState, edit: StateEdit):
        super().__init__(edit.text)
        self.state = state
        self.edit = edit

    def redo(self) -> None:
        self.state.apply(**self.edit.after)

    def undo(self) -> None:
        self.state.apply(**self.edit.before)

    def id(self) -> int:
        if not self.edit.merge_key:
            return -1
        return StateCommand._ids.setdefault(self.edit.merge_key, 1000 + len(StateCommand._ids))

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        merged = self.edit.merged_with(other.edit) if isinstance(other, StateCommand) else None
        if merged is None:
            return False
        self.edit = merged
        self.setText(merged.text)
        return True


def record_on(stack: QUndoStack, state: AppState) -> None:
    """Make every user edit of ``state`` one step on ``stack`` (pushing applies it)."""
    state.recorder = lambda edit: stack.push(StateCommand(state, edit))
