"""Variant options can change a step's EC50 and Hill n; the file checks them and the writer keeps them."""

from __future__ import annotations

import pytest

from pathwayviz.formats.pathway_file import open_pathway, save_pathway
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.resource_files import builtin_pathway_path
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations


def test_adipocyte_gain_changes_the_named_steps_only(pathway):
    hill = pathway.variant_hill({"cascade": "adipocyte"})
    by_id = {it.id: it for it in pathway.interactions if it.id}
    assert hill[by_id["pi3k_pdk1"].index] == (0.18, by_id["pi3k_pdk1"].n)
    assert hill[by_id["ir_irs1"].index] == (0.7, 2.0)
    assert pathway.variant_hill({}) == {}
    engine = Engine(pathway)
    teaching = engine.steady_state(Perturbations.on_defaults(pathway, inputs={"insulin": 0.3, "beta_cell": 0.0}))
    gain = engine.steady_state(Perturbations.on_defaults(pathway, inputs={"insulin": 0.3, "beta_cell": 0.0},
                                                         variants={"cascade": "adipocyte"}))
    i = engine.compiled.index
    assert gain[i["irs1_ptyr"]] < teaching[i["irs1_ptyr"]]  # the receptor step needs more receptor activity
    assert gain[i["pdk1"]] / gain[i["pi3k"]] > teaching[i["pdk1"]] / teaching[i["pi3k"]]  # the amplifying step
    assert gain[i["shc"]] == pytest.approx(teaching[i["shc"]], abs=1e-6)  # the receptor-to-Shc step is untouched


def test_writer_keeps_hill_steps(tmp_path, pathway):
    path = tmp_path / "again.yaml"
    save_pathway(pathway, path)
    again = open_pathway(path)
    assert again.variant("cascade") == pathway.variant("cascade")
    assert again.variant_hill({"cascade": "adipocyte"}) == pathway.variant_hill({"cascade": "adipocyte"})


@pytest.mark.parametrize("hill, fragment", [
    ("{nope: {ec50: 0.3}}", "changes the Hill step of unknown interaction 'nope'"),
    ("{pi3k_pdk1: {ec50: 0.9, n: 1}}", "EC50^n = 0.9^1 = 0.9 must lie between"),
    ("{pi3k_pdk1: {ec: 0.3}}", "'ec'"),
])
def test_bad_hill_steps_name_the_line(tmp_path, hill, fragment):
    text = builtin_pathway_path().read_text(encoding="utf-8")
    marker = "        hill: {ir_irs1:"
    start = text.index(marker)
    end = text.index("\n", start)
    bad = text[:start] + f"        hill: {hill}" + text[end:]
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    line = bad[:start].count("\n") + 1
    with pytest.raises(FileProblems) as err:
        open_pathway(path)
    message = str(err.value)
    assert fragment in message and f"bad.yaml:{line}" in message, message
