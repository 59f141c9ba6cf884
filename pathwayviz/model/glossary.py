"""The glossary: short definitions of the terms used on node cards and in lesson captions.

:meth:`Glossary.link_terms` turns the first mention of each term in a caption or card into a
``glossary:KEY`` link for Qt rich text; the UI opens the definition when one is clicked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..resource_files import builtin_glossary_path
from .yamlio import FileProblems, LineDict, Problem, load_yaml

LINK_SCHEME = "glossary:"
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_FIELDS = ("term", "aliases", "definition")
# A tag starts with '<' and a letter, '/' or '!'; a lone '<' (as in "glucose < 5") is text.
_TAG = re.compile(r"<[A-Za-z/!][^>]*>")
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9]*)")


@dataclass(frozen=True)
class GlossaryTerm:
    key: str
    term: str
    definition: str
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The ways the term is written in text: its title and its aliases."""
        return (self.term, *self.aliases)


class Glossary:
    """Terms by key, found case-insensitively by key, title or alias."""

    def __init__(self, terms: list[GlossaryTerm]):
        self._terms = {t.key: t for t in terms}
        self._by_name: dict[str, GlossaryTerm] = {}
        for t in terms:
            for name in (t.key, *t.names):
                self._by_name.setdefault(_norm(name), t)
        names = sorted(((n, t.key) for t in terms for n in t.names), key=lambda nk: -len(nk[0]))
        self._key_of = {_norm(n): k for n, k in names}
        self._names = [n for n, _ in names]

    @cached_property
    def _pattern(self) -> re.Pattern | None:
        # Compiled on first use (~0.1 s): the window's first paint does not link any text.
        return re.compile(
            r"(?<!\w)(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in self._names) + r")(?!\w)",
            re.IGNORECASE) if self._names else None

    @classmethod
    def load(cls, path: str | Path) -> "Glossary":
        """Read and check a glossary YAML file; raise FileProblems listing every problem with file:line."""
        path = Path(path)
        return cls.from_data(load_yaml(path), path.name)

    @classmethod
    def builtin(cls) -> "Glossary":
        return cls.load(builtin_glossary_path())

    @classmethod
    def from_data(cls, data, file: str) -> "Glossary":
        problems: list[Problem] = []
        terms: list[GlossaryTerm] = []
        top = data if isinstance(data, LineDict) else None
        section = top.get("terms") if top is not None else None
        if not isinstance(section, LineDict):
            line = top.line_of("terms") if top is not None else 1
            raise FileProblems([Problem(file, line, "a glossary file has a 'terms:' mapping of key: {term, "
                                                    "aliases, definition}")])
        seen: dict[str, str] = {}
        for key, entry in section.items():
            line = section.line_of(key)
            term = _check_entry(key, entry, line, file, problems)
            if term is None:
                continue
            for name in (term.key, *term.names):
                other = seen.setdefault(_norm(name), term.key)
                if other != term.key:
                    problems.append(Problem(file, line, f"'{name}' of term '{key}' is already used by term "
                                                        f"'{other}'; each name must point to one term"))
            terms.append(term)
        if problems:
            raise FileProblems(problems)
        return cls(terms)

    # -- reading ---------------------------------------------------------------------------------
    def terms(self) -> list[GlossaryTerm]:
        """All terms in file order."""
        return list(self._terms.values())

    def __len__(self) -> int:
        return len(self._terms)

    def lookup(self, word: str) -> GlossaryTerm | None:
        """The term whose key, title or alias is ``word`` (case and spacing ignored), or None."""
        return self._by_name.get(_norm(word))

    def from_link(self, href: str) -> GlossaryTerm | None:
        """The term a ``glossary:KEY`` link made by :meth:`link_terms` points to, or None."""
        if not href.startswith(LINK_SCHEME):
            return None
        return self._terms.get(href[len(LINK_SCHEME):])

    # -- linking ---------------------------------------------------------------------------------
    def link_terms(self, html_or_text: str) -> str:
        """Wrap the first mention of each term in ``<a href="glossary:KEY">…</a>``.

        Longer names win over names inside them ("selective insulin resistance" over "insulin
        resistance"); matches are whole words, case-insensitive, and never inside a tag or an
        existing link. Plain text is treated as HTML, so escape ``&`` and ``<`` in it first.
        """
        if self._pattern is None:
            return html_or_text
        linked: set[str] = set()
        out: list[str] = []
        in_link = 0
        pos = 0
        for tag in _TAG.finditer(html_or_text):
            text = html_or_text[pos:tag.start()]
            out.append(text if in_link else self._link(text, linked))
            out.append(tag.group())
            name = _TAG_NAME.match(tag.group())
            if name and name.group(1).lower() == "a":
                in_link = max(0, in_link - 1) if tag.group().startswith("</") else in_link + 1
            pos = tag.end()
        tail = html_or_text[pos:]
        out.append(tail if in_link else self._link(tail, linked))
        return "".join(out)

    def _link(self, text: str, linked: set[str]) -> str:
        def wrap(match: re.Match) -> str:
            key = self._key_of.get(_norm(match.group()))
            if key is None or key in linked:
                return match.group()
            linked.add(key)
            return f'<a href="{LINK_SCHEME}{key}">{match.group()}</a>'

        return self._pattern.sub(wrap, text)


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _check_entry(key, entry, line: int, file: str, problems: list[Problem]) -> GlossaryTerm | None:
    before = len(problems)
    if not isinstance(key, str) or not _KEY.match(key):
        problems.append(Problem(file, line, f"term key {key!r:.40} must be lower_case_with_underscores"))
    if not isinstance(entry, LineDict):
        problems.append(Problem(file, line, f"term '{key}' must be a mapping with 'term' and 'definition'"))
        return None
    for extra in sorted(set(entry) - set(_FIELDS), key=str):
        problems.append(Problem(file, entry.line_of(extra), f"term '{key}' has unknown field '{extra}'; "
                                                            f"known: {', '.join(_FIELDS)}"))
    texts = {}
    for field in ("term", "definition"):
        value = entry.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(file, entry.key_lines.get(field, line), f"term '{key}' needs '{field}' as non-empty text"))
        texts[field] = value.strip() if isinstance(value, str) else ""
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        problems.append(Problem(file, entry.key_lines.get("aliases", line), f"term '{key}': 'aliases' must be a list of "
                                                                "non-empty texts"))
        aliases = []
    if len(problems) > before:
        return None
    return GlossaryTerm(key, texts["term"], texts["definition"], tuple(a.strip() for a in aliases))
