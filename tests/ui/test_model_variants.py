"""Model variants and presets in the window: Simulation → <variant> radio submenus and Simulation → Preset."""

from __future__ import annotations

import dataclasses
import json

import pytest

from pathwayviz.model.pathway import Variant, VariantOption
from pathwayviz.sim.perturbations import Perturbations
from pathwayviz.state.session import load_session
from pathwayviz.ui import state_words
from pathwayviz.ui.action_table import model_choice_actions, window_actions


def _menu(window, *titles):
    """The submenu at Simulation → titles… (by title, as a user finds it)."""
    menu = window.actions_registry.menu("&Simulation")
    for title in titles:
        found = [a.menu() for a in menu.actions() if a.menu() is not None and a.text() == title]
        assert found, f"no submenu {title!r} in {[a.text() for a in menu.actions()]}"
        menu = found[0]
    return menu


def _checked_options(window, variant_label):
    return [a.text() for a in _menu(window, variant_label).actions() if a.isChecked()]


def test_every_variant_of_any_pathway_gets_a_radio_entry_per_option(pathway):
    invented = Variant("gut", "Gut hormone route", "glp1", (VariantOption("glp1", "GLP-1 first"),
                                                          VariantOption("gip", "GIP first")))
    other = dataclasses.replace(pathway, variants=[*pathway.variants, invented])
    entries = [a for a in model_choice_actions(other) if a.id.startswith("variant_")]
    assert [(a.menu, a.title) for a in entries if a.group == "variant_gut"] == [
        ("&Simulation/Gut hormone route", "GLP-1 first"), ("&Simulation/Gut hormone route", "GIP first")]
    assert {a.group for a in entries} == {f"variant_{v.id}" for v in other.variants}
    assert all(a.checkable for a in entries)
    presets = [a for a in window_actions(pathway) if a.menu == "&Simulation/Pre&set"]
    assert [a.id for a in presets] == [f"preset_{p.id}" for p in pathway.presets]
    # A pathway without variants or presets gets no such entries at all.
    assert model_choice_actions(dataclasses.replace(pathway, variants=[], presets=[])) == []


def test_choosing_a_variant_changes_the_state_is_undoable_and_the_menu_follows(main_window):
    w = main_window
    assert _checked_options(w, "Liver lipogenesis") == ["mTORC1 branch stays sensitive"]
    assert _checked_options(w, "Signalling gain") == ["Teaching (each step about as sensitive as the last)"]
    w.actions_registry["variant_liver_lipogenesis_erk"].trigger()
    assert w.state.perturbations.variants == {"liver_lipogenesis": "erk"}
    assert w.live.perturbations.variants == {"liver_lipogenesis": "erk"}  # the simulation runs it
    assert _checked_options(w, "Liver lipogenesis") == ["MAPK–ERK drives SREBP-1c"]
    assert w.undo_stack.undoText() == "Liver lipogenesis: MAPK–ERK drives SREBP-1c"
    w.undo_stack.undo()
    assert w.state.perturbations.variants == {}
    assert _checked_options(w, "Liver lipogenesis") == ["mTORC1 branch stays sensitive"]
    w.undo_stack.redo()
    w.actions_registry["variant_liver_lipogenesis_mtorc1"].trigger()  # back to the default: no choice stored
    assert w.state.perturbations.variants == {}
    assert w.undo_stack.count() == 2


def test_the_switch_is_announced_before_where_it_settles(main_window, qtbot, monkeypatch):
    spoken = []
    monkeypatch.setattr(state_words, "announce", lambda widget, text: spoken.append(text))
    w = main_window
    w.actions_registry["variant_liver_lipogenesis_substrate"].trigger()
    qtbot.waitUntil(lambda: bool(spoken), timeout=3000)
    assert spoken[-1].startswith("Liver lipogenesis: Substrate push. Settles at: ")
    assert w.statusBar().currentMessage() == spoken[-1]
    w.state.set_input("insulin", 0.6)  # a later change without a switch names no mechanism
    qtbot.waitUntil(lambda: len(spoken) == 2, timeout=3000)
    assert spoken[-1].startswith("Settles at: ")


def test_the_card_of_srebp1c_shows_the_chosen_mechanism(main_window):
    w = main_window
    lipogenesis = w.pathway.variant("liver_lipogenesis")
    w.select_species("srebp1c")
    html = w.card.toPlainText()
    assert "Mechanism in use: Liver lipogenesis" in html
    assert lipogenesis.option("mtorc1").card[:60] in html and lipogenesis.option("erk").card[:60] not in html
    w.actions_registry["variant_liver_lipogenesis_erk"].trigger()
    html = w.card.toPlainText()
    assert lipogenesis.option("erk").card[:60] in html and lipogenesis.option("mtorc1").card[:60] not in html
    w.select_species("akt")  # a molecule no variant re-weights has no such section
    assert "Mechanism in use" not in w.card.toPlainText()
    w.select_species("glut4")  # the signalling gain re-shapes AS160 → GLUT4
    assert w.pathway.variant("cascade").option("teaching").card[:60] in w.card.toPlainText()


@pytest.mark.parametrize("preset_id", ["compensated", "adipocyte_t2d"])
def test_a_preset_sets_inputs_and_variants_in_one_undo_step(main_window, preset_id):
    w = main_window
    w.state.set_toggle("jnk", True)
    w.actions_registry[f"preset_{preset_id}"].trigger()
    expected = Perturbations.from_preset(w.pathway, preset_id)
    assert w.state.perturbations == expected and w.live.perturbations == expected
    assert w.undo_stack.undoText() == f"Preset: {w.pathway.preset(preset_id).label}"
    gain = "Adipocyte (amplifying, calibrated to Brännmark 2013)" if preset_id == "adipocyte_t2d" else \
        "Teaching (each step about as sensitive as the last)"
    assert _checked_options(w, "Signalling gain") == [gain]
    w.undo_stack.undo()
    assert w.state.perturbations.toggles == {"jnk": 0.8} and w.state.perturbations.variants == {}


def test_sessions_keep_the_chosen_variants_and_older_sessions_still_open(main_window, tmp_path, qtbot):
    from pathwayviz.ui.main_window import MainWindow

    w = main_window
    w.actions_registry["variant_liver_lipogenesis_erk"].trigger()
    w.actions_registry["variant_cascade_adipocyte"].trigger()
    path = tmp_path / "variants.pathwayviz"
    assert w.sessions.save_to(path)
    assert load_session(path).perturbations.variants == {"liver_lipogenesis": "erk", "cascade": "adipocyte"}
    again = MainWindow(w.pathway, start_running=False)
    qtbot.addWidget(again)
    assert again.sessions.open_path(path)
    assert again.state.perturbations.variants == {"liver_lipogenesis": "erk", "cascade": "adipocyte"}
    assert again.live.perturbations.variants == {"liver_lipogenesis": "erk", "cascade": "adipocyte"}
    assert _checked_options(again, "Liver lipogenesis") == ["MAPK–ERK drives SREBP-1c"]
    # A session written before variants existed has no such field: it opens with the defaults.
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["perturbations"]["variants"]
    old = tmp_path / "old.pathwayviz"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert again.sessions.open_path(old)
    assert again.state.perturbations.variants == {}
    assert _checked_options(again, "Liver lipogenesis") == ["mTORC1 branch stays sensitive"]
    again.clock.stop()


@pytest.mark.parametrize("option, edge_id, weight", [("erk", "erk_srebp1c", 0.9), ("substrate", "srebp1c_dnl", 0.5)])
def test_the_healthy_twin_in_compare_runs_the_same_variant(main_window, option, edge_id, weight):
    w = main_window
    drawn = []
    w.actions_registry[f"variant_liver_lipogenesis_{option}"].trigger()
    w.state.set_input("meal", 0.6)
    w.compare.set_on(True)
    w.compare.scene.apply_snapshot = lambda snap, minutes=0.0, ymax=None: drawn.append(snap)
    for _ in range(30):
        w.clock.tick(0.5)
    healthy = drawn[-1]
    edge = next(it for it in w.pathway.interactions if it.id == edge_id)
    activity = w.live.value(edge.source, healthy.state)
    assert activity > 0.05
    assert healthy.flux[edge.index] == pytest.approx(activity * weight, rel=1e-9)
    assert edge.w != pytest.approx(weight)  # the file's nominal weight would be another pulse rate
    # The healthy run itself uses the variant: its SREBP-1c settles where the chosen mechanism puts it.
    w.live.settle()
    srebp = w.pathway.index_of("srebp1c")
    twin = {o: w.live.engine.relax(Perturbations.on_defaults(w.pathway, inputs={"meal": 0.6},
                                                             knockouts=w.pathway.toggle_ids(),
                                                             variants={"liver_lipogenesis": o}))[srebp]
            for o in (option, "mtorc1")}
    assert w.live.healthy[srebp] == pytest.approx(twin[option], abs=1e-4)
    if option == "erk":
        assert abs(twin["erk"] - twin["mtorc1"]) > 0.02
    w.compare.set_on(False)
