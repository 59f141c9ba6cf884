"""Text on slides: the bundled font, word wrap and elision, short citations and which to show."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from ..model.pathway import Pathway
from ..theme.fonts import font_family


def slide_font(px: float, bold: bool = False) -> QFont:
    """The bundled font at ``px`` layout pixels, unhinted so it scales with the slide."""
    font = QFont(font_family())
    font.setPixelSize(max(1, round(px)))
    font.setBold(bold)
    # Unhinted metrics scale linearly, so the layout measured at 1920×1080 holds at any size.
    font.setHintingPreference(QFont.PreferNoHinting)
    return font


def wrap_lines(text: str, font: QFont, width: float, max_lines: int) -> list[str]:
    """Greedy word wrap; the last allowed line is elided with '…' when the text does not fit."""
    fm = QFontMetricsF(font)
    lines: list[str] = []
    words = text.split()
    current = ""
    for k, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if fm.horizontalAdvance(trial) <= width or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            rest = " ".join([lines.pop(), *words[k:]])
            lines.append(fm.elidedText(rest, Qt.ElideRight, width))
            return lines
    if current:
        lines.append(current)
    # A single word wider than the line is elided too.
    return [fm.elidedText(line, Qt.ElideRight, width) for line in lines]


def _surname(name: str) -> str:
    """The surname of a Vancouver author ("Van Cauter E" → "Van Cauter", "de Boer H" → "de Boer")."""
    parts = name.split()
    if len(parts) > 1 and parts[-1].isalpha() and parts[-1].isupper() and len(parts[-1]) <= 4:
        return " ".join(parts[:-1])
    return parts[0] if parts else name


def short_citation(full: str) -> str:
    """A Vancouver reference as "First et al. Year Journal".

    ``"Aguirre V, Uchida T, …, White MF. Title. J Biol Chem. 2000;275(12):…"``
    → ``"Aguirre et al. 2000 J Biol Chem"``
    """
    text = " ".join(full.split())
    authors = text.split(". ", 1)[0]
    names = [a.strip() for a in authors.split(",") if a.strip()]
    first = _surname(names[0]) if names else text.split(" ")[0]
    if len(names) == 2 and "et al" not in authors:
        second = _surname(names[1])
        who = f"{first} & {second}"
    elif len(names) > 2 or "et al" in authors:
        who = f"{first} et al."
    else:
        who = first
    m = re.search(r"\b((?:19|20)\d\d)\s*[;:(]", text) or re.search(r"\b((?:19|20)\d\d)\b", text)
    if not m:
        return who
    before = text[:m.start()].rstrip(" .")
    journal = before.rsplit(". ", 1)[-1].strip() if ". " in before else ""
    if journal == authors or len(journal) > 40:
        journal = ""
    return f"{who} {m.group(1)}" + (f" {journal}" if journal else "")


def reference_keys(pathway: Pathway, species_ids) -> list[str]:
    """References of these species in order, or the pathway's most-cited ones when none are given."""
    keys: list[str] = []
    for sid in species_ids or ():
        sp = pathway.species.get(sid)
        for key in sp.references if sp else ():
            if key in pathway.references and key not in keys:
                keys.append(key)
    if keys:
        return keys
    order = {key: k for k, key in enumerate(pathway.references)}
    counts: dict[str, int] = {}
    for sp in pathway.species.values():
        for key in sp.references:
            if key in order:
                counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda key: (-counts[key], order[key]))


def elide_list(text: str, fm: QFontMetricsF, width: float) -> str:
    """Cut a ' · '-separated list at an item boundary (ending in '…') rather than mid-word."""
    if fm.horizontalAdvance(text) <= width:
        return text
    items = text.split(" · ")
    while len(items) > 1:
        items.pop()
        trial = " · ".join(items) + " · …"
        if fm.horizontalAdvance(trial) <= width:
            return trial
    return fm.elidedText(text, Qt.ElideRight, width)
