"""Undo commands that are not perturbations: pins, lesson steps, anything with a do and an undo.

Perturbation edits go through ``MainWindow.edit_perturbations``; everything else a student changes
(a pinned plot, a lesson step) becomes a :class:`CallbackCommand` on the same ``window.undo_stack``,
so Ctrl+Z walks back through all of it in order.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack


class CallbackCommand(QUndoCommand):
    """An undo step made of two callables: ``do`` (also used for redo) and ``undo``.

    ``done=True`` records a change that has already happened (e.g. one noticed through a signal):
    pushing it then does not run ``do`` a second time; later redos do.
    Consecutive commands with the same non-empty ``merge_key`` merge into one step (a slider drag).
    """

    _ids: dict[str, int] = {}

    def __init__(self, text: str, do: Callable[[], object], undo: Callable[[], object], *,
                 done: bool = False, merge_key: str = ""):
        super().__init__(text)
        self._do = do
        self._undo = undo
        self._skip_first_redo = done
        self.merge_key = merge_key

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._do()

    def undo(self) -> None:
        self._undo()

    def id(self) -> int:
        if not self.merge_key:
            return -1
        return CallbackCommand._ids.setdefault(self.merge_key, 2000 + len(CallbackCommand._ids))

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, CallbackCommand) or other.merge_key != self.merge_key:
            return False
        self._do = other._do  # keep our undo (the state before the first change), take their result
        self.setText(other.text())
        return True


def push_callback(stack: QUndoStack, text: str, do: Callable[[], object], undo: Callable[[], object], *,
                  done: bool = False, merge_key: str = "") -> None:
    """Push a :class:`CallbackCommand` onto ``stack``; it runs ``do`` now unless ``done``.

    The stack owns the command afterwards (it may merge it away), so none is returned.
    """
    stack.push(CallbackCommand(text, do, undo, done=done, merge_key=merge_key))
