"""What an imported model gets that its file does not say: readouts for the gauges and plots."""

from __future__ import annotations

from ..model.pathway import Interaction, Readout, Species

MAX_READOUTS = 6


def output_readouts(species: dict[str, Species], interactions: list[Interaction]) -> list[Readout]:
    """The model's outputs (species others act on but that act on nothing), in file order, as readouts.

    A model whose every species feeds back gets its last species, so the gauges always show something.
    """
    sources = {it.source for it in interactions}
    targets = {it.target for it in interactions}
    outputs = [sid for sid in species if sid in targets and sid not in sources] or list(species)[-1:]
    return [Readout(sid, species[sid].label) for sid in outputs[:MAX_READOUTS]]
