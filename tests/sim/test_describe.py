"""The state in words: every change it names has the sign and size the simulation gives."""

from __future__ import annotations

import re

import pytest

from pathwayviz.sim.describe import MINUS, describe_state
from pathwayviz.sim.live import LiveSimulation
from pathwayviz.sim.perturbations import Perturbations

SCENARIOS = {
    "serine kinases on": dict(toggles={"jnk": 0.8, "ikk": 0.8, "pkc": 0.8}),
    "TNF-α": dict(inputs={"tnfa": 0.8}),
    "Akt knocked out": dict(knockouts={"akt"}),
    "MEK inhibitor": dict(drugs={"mek_inhibitor": 1.0}),
}


def settled(pathway, setup):
    pert = Perturbations.defaults(pathway)
    pert.toggles.update(setup.get("toggles", {}))
    pert.inputs.update(setup.get("inputs", {}))
    pert.knockouts |= setup.get("knockouts", set())
    pert.drugs.update(setup.get("drugs", {}))
    sim = LiveSimulation(pathway)
    sim.set_perturbations(pert)
    sim.reset()
    sim.settle()
    return pert, sim


def named_changes(text):
    """{name: percent} for every 'Name +12 %' / 'Name −34 %' in the sentence."""
    found = {}
    for name, sign, size in re.findall(r"([^,:;]+?) ([+\u2212±])(\d+) %", text):
        value = int(size) * (-1 if sign == MINUS else 1)
        found[name.strip()] = value
    return found


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_each_named_change_has_the_simulated_sign_and_size(pathway, scenario):
    pert, sim = settled(pathway, SCENARIOS[scenario])
    description = describe_state(pathway, pert, sim.state, sim.healthy)
    named = named_changes(description.text)
    assert len(named) >= 2, description.text
    by_name = {sp.label: sp.id for sp in pathway.species.values()}
    by_name.update({r.label[0].lower() + r.label[1:]: r.species for r in pathway.readouts})
    for name, percent in named.items():
        sid = by_name[name]
        now, healthy = sim.value(sid), sim.value(sid, sim.healthy)
        expected = (now - healthy) / healthy * 100
        assert abs(percent - expected) <= 0.5 + 1e-9, (name, percent, expected)
        assert abs(expected) >= 1.0, f"{name} named though unchanged"


def test_serine_kinases_sentence_names_the_cause_and_the_akt_fall(pathway):
    pert, sim = settled(pathway, SCENARIOS["serine kinases on"])
    text = describe_state(pathway, pert, sim.state, sim.healthy).text
    assert text.startswith("JNK, IKKβ and PKC on: ")
    changes = named_changes(text)
    assert changes["Akt"] < -50
    assert changes["hepatic glucose output"] > 10


def test_a_chain_of_changes_is_named_once(pathway):
    """Akt stands for PDK1, AS160 and FOXO1, which moved with it along the diagram's edges."""
    pert, sim = settled(pathway, SCENARIOS["serine kinases on"])
    description = describe_state(pathway, pert, sim.state, sim.healthy)
    named = {c.species for c in description.signalling}
    assert "akt" in named
    assert not named & {"pdk1", "as160", "foxo1", "gsk3"}
    # What the sentence leaves out really did change: the shortening is not hiding a null result.
    assert sim.value("as160") < 0.5 * sim.value("as160", sim.healthy)


def test_perturbed_species_are_causes_not_changes(pathway):
    pert, sim = settled(pathway, SCENARIOS["Akt knocked out"])
    description = describe_state(pathway, pert, sim.state, sim.healthy)
    assert description.causes == ("Akt knocked out",)
    assert "akt" not in {c.species for c in description.signalling}


def test_healthy_state_says_no_change(pathway):
    pert, sim = settled(pathway, {})
    assert describe_state(pathway, pert, sim.state, sim.healthy).text == \
        "Healthy reference conditions: no change from healthy."


def test_species_off_when_healthy_are_given_as_levels(pathway):
    """A relative change from zero means nothing, so 'JNK 0.00 → 0.82' is shown instead."""
    pert, sim = settled(pathway, SCENARIOS["TNF-α"])
    text = describe_state(pathway, pert, sim.state, sim.healthy).text
    assert text.startswith("TNF-α (inflammation) 0.80: ")
    match = re.search(r"JNK (\d\.\d\d) → (\d\.\d\d)", text)
    assert match, text
    assert float(match.group(1)) == pytest.approx(sim.value("jnk", sim.healthy), abs=0.005)
    assert float(match.group(2)) == pytest.approx(sim.value("jnk"), abs=0.005)
