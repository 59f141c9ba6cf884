"""The application state a user changes (no Qt), and its persistence: sessions and autosave."""

from .app_state import FOCUS_CHOICES, AppState, StateValues
from .edit import StateEdit

__all__ = ["FOCUS_CHOICES", "AppState", "StateEdit", "StateValues"]
