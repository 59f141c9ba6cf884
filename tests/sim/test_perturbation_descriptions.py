"""The one description of perturbations: words, tags and undo texts, checked against the model."""

from __future__ import annotations

from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import (TAG_MEANING, Perturbations, acted_on, describe_changes, species_tags,
                                          state_caption, tags_in_use)


def _perturbed(pathway):
    p = Perturbations.defaults(pathway)
    p.inputs["insulin"] = 0.6
    p.toggles.update(pkc=0.5, jnk=1.0, ikk=0.0)  # IKK at 0 is off: no change
    p.knockouts.add("foxo1")
    p.overexpress.add("akt")
    p.fixed["erk"] = 0.25
    p.drugs.update(rapamycin=0.7, mek_inhibitor=0.0)
    return p


def test_defaults_are_no_change_and_the_caption_says_healthy(pathway):
    p = Perturbations.defaults(pathway)
    assert describe_changes(pathway, p) == []
    assert species_tags(pathway, p) == {} and tags_in_use(pathway, p) == []
    assert state_caption(pathway, p) == "Insulin infusion 0.00 · no serine kinase on (healthy)"


def test_the_caption_calls_a_state_healthy_only_when_it_is(pathway):
    """A meal or an insulin infusion is everyday life; inflammation with no toggle on is not healthy."""
    p = Perturbations.defaults(pathway)
    p.inputs.update(insulin=0.6, meal=0.5)
    assert state_caption(pathway, p).endswith("no serine kinase on (healthy)")
    p.inputs["tnfa"] = 0.5
    caption = state_caption(pathway, p)   # TNF-α switches JNK and IKKβ on through the model
    assert "healthy" not in caption and "serine kinase" not in caption
    assert caption.endswith("TNF-α (inflammation) 0.50")


def test_every_change_is_listed_once_in_a_readable_order(pathway):
    changes = describe_changes(pathway, _perturbed(pathway))
    assert [c.key for c in changes] == ["input:insulin", "toggle:jnk", "toggle:pkc", "knockout:foxo1",
                                        "overexpress:akt", "fixed:erk", "drug:rapamycin"]
    text = {c.key: c.text for c in changes}
    assert text["input:insulin"] == "Insulin infusion: 0.60 (default 0.00)"
    assert text["knockout:foxo1"] == "FOXO1 knocked out (held at 0)"
    assert text["fixed:erk"] == "ERK fixed at 0.25"
    assert text["drug:rapamycin"].endswith("→ mTORC1 (dose 0.70)")
    assert [c.undo_text for c in changes][:4] == ["Insulin infusion back to default", "JNK off", "PKC off", "Restore FOXO1"]


def test_tags_follow_the_priority_and_every_tag_has_a_meaning(pathway):
    p = _perturbed(pathway)
    p.knockouts.add("jnk")  # knocked out and switched on: the hold wins
    tags = species_tags(pathway, p)
    assert tags == {"jnk": "KO", "pkc": "ON", "foxo1": "KO", "akt": "OE", "erk": "FIX", "mtorc1": "DRUG"}
    assert tags_in_use(pathway, p) == ["ON", "KO", "OE", "FIX", "DRUG"]
    assert set(TAG_MEANING) == set(tags_in_use(pathway, p))
    assert acted_on(pathway, p) == ["jnk", "pkc", "foxo1", "akt", "erk", "mtorc1"]


def test_the_caption_groups_changes_by_kind(pathway):
    assert state_caption(pathway, _perturbed(pathway)) == (
        "Insulin infusion 0.60 · JNK and PKC switched on · FOXO1 knocked out · Akt overexpressed · ERK held fixed · "
        "Rapamycin (mTORC1 inhibitor) given")


def test_removing_a_change_undoes_exactly_it_in_the_simulation(pathway):
    engine = Engine(pathway)
    p = _perturbed(pathway)
    for change in describe_changes(pathway, p):
        q = change.removed_from(p)
        assert change.key not in {c.key for c in describe_changes(pathway, q)}
        assert len(describe_changes(pathway, q)) == len(describe_changes(pathway, p)) - 1
        assert p == _perturbed(pathway)  # the original is untouched
    # Removing a FOXO1 knockout lets FOXO1 back to its healthy fasting level.
    held = Perturbations.defaults(pathway)
    held.knockouts.add("foxo1")
    (knockout,) = describe_changes(pathway, held)
    foxo1 = engine.ids.index("foxo1")
    assert engine.steady_state(held)[foxo1] == 0.0
    assert engine.steady_state(knockout.removed_from(held))[foxo1] == engine.steady_state(
        Perturbations.defaults(pathway))[foxo1] > 0.05


def test_settings_go_on_top_of_the_defaults(pathway):
    p = Perturbations.on_defaults(pathway, inputs={"insulin": 0.6}, toggles={"jnk": 1.0}, knockouts={"foxo1"},
                                  fixed={"erk": 0.25})
    defaults = Perturbations.defaults(pathway)
    assert p.inputs == {**defaults.inputs, "insulin": 0.6}
    assert (p.toggles, p.knockouts, p.fixed, p.overexpress, p.drugs) == ({"jnk": 1.0}, {"foxo1"}, {"erk": 0.25}, set(), {})
    assert Perturbations.on_defaults(pathway) == defaults


def test_the_caption_names_a_mechanism_other_than_the_default(pathway):
    p = Perturbations.defaults(pathway)
    p.variants["liver_lipogenesis"] = "mtorc1"  # the default, written out: nothing to say
    assert state_caption(pathway, p) == "Insulin infusion 0.00 · no serine kinase on (healthy)"
    p.variants["liver_lipogenesis"] = "erk"
    p.toggles["jnk"] = 0.8
    assert state_caption(pathway, p) == ("Insulin infusion 0.00 · JNK switched on · "
                                         "Liver lipogenesis: MAPK–ERK drives SREBP-1c")
