"""The right panel: the selected molecule's card — what it is, what it does, state, links, references."""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from ..model.graph import FeedbackLoop, Link, feedback_loops, regulators, signal_source, targets, trace_signal
from ..model.pathway import Pathway
from ..sim.perturbations import Perturbations


class NodeCard(QTextBrowser):
    """Rich-text card; links ``species:ID`` select another node, ``glossary:KEY`` open a definition,
    ``trace:ID`` asks for the signal's route from insulin to that node."""

    species_link_clicked = Signal(str)
    glossary_link_clicked = Signal(str)
    trace_requested = Signal(str)

    def __init__(self, pathway: Pathway, parent=None):
        super().__init__(parent)
        self.pathway = pathway
        self.species_id: str | None = None
        self.term_linker = None  # optional callable(text) -> html with glossary links
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_link)
        self.setMinimumWidth(280)
        self.show_intro()

    def show_intro(self) -> None:
        self.species_id = None
        self.setHtml("<h2>Click a molecule</h2><p>Its card shows what it is, what it does in insulin "
                     "signalling, its current activity, what acts on it and what it acts on.</p>"
                     "<p>Right-click a molecule to knock it out, overexpress it, or pin its time course.</p>")

    def _on_link(self, url: QUrl) -> None:
        scheme, _, target = url.toString().partition(":")
        if scheme == "species":
            self.species_link_clicked.emit(target)
        elif scheme == "glossary":
            self.glossary_link_clicked.emit(target)
        elif scheme == "trace":
            self.trace_requested.emit(target)

    def _linked(self, text: str) -> str:
        escaped = html.escape(text)
        return self.term_linker(escaped) if self.term_linker else escaped

    def show_species(self, species_id: str, activity: float, healthy: float, p: Perturbations,
                     badge_values: dict[str, float] | None = None) -> None:
        self.species_id = species_id
        self.setHtml(self.render(species_id, activity, healthy, p, badge_values or {}))

    def render(self, species_id: str, activity: float, healthy: float, p: Perturbations,
               badge_values: dict[str, float]) -> str:
        pw = self.pathway
        sp = pw.species[species_id]
        e = html.escape
        state = []
        clamp = p.clamp_of(species_id)
        if species_id in p.knockouts:
            state.append("<b>knocked out</b> (held at 0)")
        elif species_id in p.overexpress:
            state.append("<b>overexpressed</b> (held at maximum)")
        elif clamp is not None:
            state.append(f"<b>fixed</b> at {clamp:.2f}")
        if species_id in p.toggles:
            state.append(f"<b>switched on</b> at intensity {p.toggles[species_id]:.2f}")
        for d in pw.drugs:
            if d.target == species_id and p.drugs.get(d.id, 0) > 0:
                state.append(f"<b>{e(d.label)}</b> applied (dose {p.drugs[d.id]:.2f})")
        arrow = "▲" if activity > healthy + 0.03 else "▼" if activity < healthy - 0.03 else "="
        parts = [f"<h2 style='margin-bottom:2px'>{e(sp.label)}</h2>"]
        if sp.synonyms:
            parts.append(f"<p style='color:#555'>Also called: {e(', '.join(sp.synonyms[:5]))}</p>")
        parts.append(f"<p><b>Activity now:</b> {activity:.2f} &nbsp; <b>healthy:</b> {healthy:.2f} {arrow}"
                     + (f"<br>{'; '.join(state)}" if state else "") + "</p>")
        for badge in sp.badges:
            v = badge_values.get(badge.species, 0.0)
            parts.append(f"<p><b>{e(badge.label)}</b> ({'phospho-tyrosine' if badge.kind == 'ptyr' else 'phospho-serine'})"
                         f": {v:.2f}</p>")
        if sp.card.what:
            parts.append(f"<h3>What it is</h3><p>{self._linked(sp.card.what)}</p>")
        if sp.card.does:
            parts.append(f"<h3>What it does here</h3><p>{self._linked(sp.card.does)}</p>")
        if sp.card.debate:
            parts.append(f"<h3>Debated / depends on tissue</h3><p>{self._linked(sp.card.debate)}</p>")
        for variant in pw.variants_acting_on(species_id):
            chosen = variant.option(p.variants.get(variant.id, variant.default))
            others = ", ".join(e(o.label) for o in variant.options if o.id != chosen.id)
            parts.append(f"<h3>Mechanism in use: {e(variant.label)}</h3><p><b>{e(chosen.label)}.</b> "
                         f"{self._linked(chosen.card)}</p><p style='color:#555'>Other options (Simulation → "
                         f"{e(variant.label)}): {others or '—'}</p>")
        parts.append(f"<h3>Acted on by</h3><p>{self._links(regulators(pw, species_id)) or '—'}</p>")
        parts.append(f"<h3>Acts on</h3><p>{self._links(targets(pw, species_id)) or '—'}</p>")
        source = signal_source(pw)
        if source and source != species_id and trace_signal(pw, species_id):
            parts.append(f"<p><a href='trace:{e(species_id)}'>Trace the signal from "
                         f"{e(pw.species[source].label)} to here</a></p>")
        loops = feedback_loops(pw, species_id)
        if loops:
            items = "".join(f"<li>{self._loop_text(loop)}</li>" for loop in loops)
            parts.append(f"<h3>Feedback loops it sits in</h3><ul>{items}</ul>")
        if sp.references:
            refs = "".join(f"<li>{e(pw.references.get(k, k))}</li>" for k in sp.references)
            parts.append(f"<h3>References</h3><ol style='font-size:small'>{refs}</ol>")
        return "".join(parts)

    def _links(self, links: list[Link]) -> str:
        return ", ".join(f"<a href='species:{link.species}'>{html.escape(self.pathway.species[link.species].label)}"
                         f"</a> {'⊣' if link.inhibits else '→'}" for link in links)

    def _loop_text(self, loop: FeedbackLoop) -> str:
        names = [html.escape(self.pathway.species[sid].label) for sid in (*loop.species, loop.species[0])]
        kind = "negative feedback: it damps itself" if loop.negative else "positive feedback: it amplifies itself"
        return f"{' → '.join(names)} ({kind})"
