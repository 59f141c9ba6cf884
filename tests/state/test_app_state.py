"""The application state without Qt: changes, observers, validation and undo steps."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pathwayviz.sim.perturbations import PerturbationError
from pathwayviz.state import AppState, StateEdit


def test_state_imports_no_qt():
    code = ("import sys, pathwayviz.state, pathwayviz.state.session, pathwayviz.state.autosave; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_toggle_key_flips_the_kinase_and_tells_observers_once(pathway):
    state = AppState(pathway)
    seen = []
    state.observe(seen.append)
    state.toggle_kinase("jnk")
    jnk = next(t for t in pathway.toggles if t.species == "jnk")
    assert state.perturbations.toggles == {"jnk": jnk.default_intensity}
    assert seen == [frozenset({"perturbations"})]
    state.toggle_kinase("jnk")
    assert state.perturbations.toggles == {}
    assert len(seen) == 2


def test_a_change_to_the_same_value_notifies_nobody(pathway):
    state = AppState(pathway)
    seen = []
    state.observe(seen.append)
    assert state.select(None) == frozenset()
    assert state.reset_perturbations() is None
    assert seen == []


def test_returned_perturbations_are_copies(pathway):
    state = AppState(pathway)
    p = state.perturbations
    p.knockouts.add("foxo1")
    assert state.perturbations.knockouts == set()
    values = state.values
    values.perturbations.knockouts.add("foxo1")
    assert state.perturbations.knockouts == set()


def test_bad_values_are_refused_before_anything_changes(pathway):
    state = AppState(pathway)
    seen = []
    state.observe(seen.append)
    with pytest.raises(ValueError, match="not-a-species"):
        state.apply(selection="foxo1", highlight=("not-a-species",))
    assert state.selection is None and seen == []
    with pytest.raises(ValueError, match="focus"):
        state.set_focus("neither")
    with pytest.raises(PerturbationError):
        state.set_toggle("foxo1", True)
    with pytest.raises(TypeError, match="no field colour"):
        state.apply(colour="red")


def test_edits_go_to_the_recorder_and_undo_restores_the_before_values(pathway):
    state = AppState(pathway)
    recorded: list[StateEdit] = []
    state.recorder = lambda e: (recorded.append(e), state.apply(**e.after))
    state.clamp("foxo1", "knockout")
    state.pin("foxo1")
    assert [e.text for e in recorded] == ["Knock out FOXO1", "Pin FOXO1"]
    assert state.perturbations.knockouts == {"foxo1"} and state.pins == ("foxo1",)
    state.apply(**recorded[1].before)
    state.apply(**recorded[0].before)
    assert state.perturbations.knockouts == set() and state.pins == ()


def test_slider_moves_merge_into_one_step_back_to_the_first_value(pathway):
    state = AppState(pathway)
    control = pathway.inputs[0]
    sid = control.species
    first = state.set_input(sid, 0.2)
    second = state.set_input(sid, 0.7)
    merged = first.merged_with(second)
    assert merged.before["perturbations"].inputs[sid] == control.default
    assert merged.after["perturbations"].inputs[sid] == 0.7
    assert merged.text == "Set " + control.label + " to 0.70"
    assert first.merged_with(state.clamp("foxo1", "knockout")) is None


def test_pins_keep_order_and_never_repeat(pathway):
    state = AppState(pathway)
    state.pin("foxo1")
    state.pin("akt")
    state.pin("foxo1")
    assert state.pins == ("foxo1", "akt")
    state.unpin("foxo1")
    assert state.pins == ("akt",)


def test_stopping_observation(pathway):
    state = AppState(pathway)
    seen = []
    stop = state.observe(seen.append)
    stop()
    state.set_replay_time(3.0)
    assert seen == [] and state.replay_time == 3.0


def test_variants_switch_by_id_and_refuse_unknown_options(pathway):
    state = AppState(pathway)
    seen = []
    state.observe(seen.append)
    assert state.variant_option("liver_lipogenesis") == "mtorc1"
    edit = state.set_variant("liver_lipogenesis", "erk")
    assert edit.text == "Liver lipogenesis: MAPK–ERK drives SREBP-1c"
    assert state.perturbations.variants == {"liver_lipogenesis": "erk"} and seen == [frozenset({"perturbations"})]
    assert state.variant_option("liver_lipogenesis") == "erk"
    state.set_variant("liver_lipogenesis", "mtorc1")
    assert state.perturbations.variants == {}  # the default is stored as no choice
    for bad in (("liver_lipogenesis", "erkk"), ("liver", "erk")):
        with pytest.raises(PerturbationError, match="not a variant option"):
            state.set_variant(*bad)
    assert state.perturbations.variants == {}


def test_a_named_preset_replaces_the_perturbations(pathway):
    from pathwayviz.sim.perturbations import Perturbations

    state = AppState(pathway)
    state.clamp("foxo1", "knockout")
    edit = state.apply_named_preset("adipocyte_t2d")
    assert state.perturbations == Perturbations.from_preset(pathway, "adipocyte_t2d")
    assert state.perturbations.variants == {"cascade": "adipocyte"} and not state.perturbations.knockouts
    assert edit.before["perturbations"].knockouts == {"foxo1"}
    with pytest.raises(PerturbationError, match="not a preset"):
        state.apply_named_preset("t3d")
