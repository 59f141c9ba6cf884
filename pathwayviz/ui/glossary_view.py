"""Glossary links in cards (and later captions) that open a short definition in a searchable panel."""

from __future__ import annotations

import html
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from ..model.glossary import LINK_SCHEME, Glossary, GlossaryTerm


@lru_cache(maxsize=1)
def builtin_glossary() -> Glossary:
    """The shipped glossary, read once per process."""
    return Glossary.builtin()


class GlossaryPanel(QWidget):
    """All terms, filtered as you type; the chosen term's definition below, with links to other terms."""


    def __init__(self, glossary: Glossary, parent=None):
        super().__init__(parent)
        self.glossary = glossary
        self.search = QLineEdit()
        self.search.setObjectName("glossary_search")
        self.search.setPlaceholderText("Search the glossary")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.terms = QListWidget()
        self.terms.setObjectName("glossary_terms")
        for term in sorted(glossary.terms(), key=lambda t: t.term.casefold()):
            item = QListWidgetItem(term.term)
            item.setData(Qt.UserRole, term.key)
            item.setToolTip(", ".join(term.aliases))
            self.terms.addItem(item)
        self.terms.currentItemChanged.connect(lambda item, _prev: item and self.show_term(item.data(Qt.UserRole)))
        self.definition = QTextBrowser()
        self.definition.setObjectName("glossary_definition")
        self.definition.setOpenLinks(False)
        self.definition.anchorClicked.connect(lambda url: self.open_link(url.toString()))
        self.definition.setHtml("<p>Click an underlined term on a molecule card, or pick one above.</p>")
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.terms)
        split.addWidget(self.definition)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(split, 1)
        self.current_key: str | None = None

    def _filter(self, text: str) -> None:
        needle = " ".join(text.casefold().split())
        for row in range(self.terms.count()):
            item = self.terms.item(row)
            term = self.glossary.lookup(item.data(Qt.UserRole))
            hay = " ".join((term.term, *term.aliases, term.definition)).casefold()
            item.setHidden(bool(needle) and needle not in hay)

    def open_link(self, href: str) -> bool:
        """Show the term a ``glossary:KEY`` link points to; False when it is not a glossary link."""
        term = self.glossary.from_link(href)
        if term is None:
            return False
        self.show_term(term.key)
        return True

    def show_term(self, key: str) -> GlossaryTerm | None:
        term = self.glossary.lookup(key)
        if term is None:
            return None
        self.current_key = term.key
        for row in range(self.terms.count()):
            item = self.terms.item(row)
            if item.data(Qt.UserRole) == term.key and self.terms.currentItem() is not item:
                self.terms.blockSignals(True)
                self.terms.setCurrentItem(item)
                self.terms.blockSignals(False)
        self.definition.setHtml(definition_html(self.glossary, term))
        return term


def definition_html(glossary: Glossary, term: GlossaryTerm) -> str:
    """A term's title, other names and definition; other terms it mentions become links."""
    body = glossary.link_terms(html.escape(term.definition))
    # A term need not link to itself.
    body = body.replace(f'<a href="{LINK_SCHEME}{term.key}">', "<a>")
    aliases = f"<p style='color:#555'>Also: {html.escape(', '.join(term.aliases))}</p>" if term.aliases else ""
    return f"<h3>{html.escape(term.term)}</h3>{aliases}<p>{body}</p>"
