"""Help ▸ Keyboard shortcuts (F1, read from the action table) and Help ▸ About."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox


def shortcuts_html(rows: list[tuple[str, str, str]]) -> str:
    """A table of (where, action, keys) rows, with a heading row each time ``where`` changes."""
    out = []
    where_before = None
    for where, text, keys in rows:
        if where != where_before:
            out.append(f"<tr><td colspan='2'><b>{html.escape(where)}</b></td></tr>")
            where_before = where
        out.append(f"<tr><td>{html.escape(text)}</td><td><b>{html.escape(keys)}</b></td></tr>")
    return f"<table cellspacing='6'>{''.join(out)}</table>"


def show_shortcuts(window) -> QMessageBox:
    box = QMessageBox(QMessageBox.Information, "Keyboard shortcuts",
                      shortcuts_html(window.actions_registry.shortcut_rows()), QMessageBox.Close, window)
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box


def show_about(window) -> None:
    QMessageBox.about(window, "About PathwayViz",
                      "<h3>PathwayViz</h3><p>An animated, simulation-driven diagram of insulin signalling "
                      "for teaching selective insulin resistance.</p><p>Dynamics: logic-based normalized-Hill "
                      "ODEs (Kraeutler, Soltis &amp; Saucerman 2010).</p>")
