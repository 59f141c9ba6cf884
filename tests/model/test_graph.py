"""Graph queries behind the node card: neighbours, the route from insulin, feedback loops."""

from __future__ import annotations

import dataclasses

from pathwayviz.model.graph import Link, feedback_loops, regulators, signal_source, targets, trace_signal


def test_neighbours_come_from_the_graph_once_per_species_and_sign(pathway):
    assert regulators(pathway, "irs1_ptyr") == [Link("ir", False), Link("irs1_pser", True)]
    assert Link("foxo1", True) in targets(pathway, "akt") and Link("mtorc1", False) in targets(pathway, "akt")
    for sid in pathway.species_ids:  # every interaction shows up on both of its ends
        assert {(l.species, l.inhibits) for l in regulators(pathway, sid)} == {
            (it.source, it.inhibits) for it in pathway.interactions if it.target == sid}


def test_the_trace_from_insulin_follows_the_metabolic_route_to_hepatic_glucose(pathway):
    trace = trace_signal(pathway, "hgp")
    assert signal_source(pathway) == "insulin" and trace.source == "insulin"
    assert {"insulin", "ir", "irs1_ptyr", "pi3k", "akt", "foxo1", "hgp"} <= set(trace.species)
    assert not {"shc", "ras", "erk", "jnk"} & set(trace.species)  # the mitogenic branch is another route
    steps = {(pathway.interactions[k].source, pathway.interactions[k].target) for k in trace.interactions}
    assert ("akt", "foxo1") in steps and ("foxo1", "hgp") in steps
    for k in trace.interactions:  # each interaction joins two species of the trace
        it = pathway.interactions[k]
        assert it.source in trace.species and it.target in trace.species


def test_the_trace_to_erk_takes_the_shc_route_and_unreachable_targets_give_nothing(pathway):
    trace = trace_signal(pathway, "erk")
    assert {"shc", "ras", "mek", "erk"} <= set(trace.species) and "akt" not in trace.species
    assert not trace_signal(pathway, "tnfa")  # nothing leads from insulin to a cytokine input
    assert trace_signal(pathway, "insulin").species == ("insulin",)


def test_the_s6k1_loop_is_found_as_negative_feedback_through_irs1(pathway):
    (loop,) = [lp for lp in feedback_loops(pathway, "s6k1") if "irs1_pser" in lp.species]
    assert loop.species[0] == "s6k1" and {"mtorc1", "akt", "pi3k", "irs1_ptyr"} <= set(loop.species)
    assert loop.negative  # S6K1 → pS-IRS-1 ⊣ pY-IRS-1 → … → S6K1 damps itself (Um 2004)
    assert feedback_loops(pathway, "jnk") == []


def test_a_loop_of_two_activations_is_positive_feedback(pathway):
    # ERK feeding back onto Ras (an activation copied from Ras's own) closes a loop with no inhibition.
    template = next(it for it in pathway.interactions if it.source == "ras" and not it.inhibits)
    extra = dataclasses.replace(template, index=len(pathway.interactions), source="erk", target="ras")
    looped = dataclasses.replace(pathway, interactions=[*pathway.interactions, extra])
    loops = feedback_loops(looped, "erk")
    assert loops and not any(loop.negative for loop in loops)
    assert loops[0].species[0] == "erk" and "ras" in loops[0].species
    assert feedback_loops(pathway, "erk") == []
