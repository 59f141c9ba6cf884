"""The application state every edit goes through, and its persistence (sessions, autosave); no Qt."""
