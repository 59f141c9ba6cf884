"""``pathwayviz info``: what can be perturbed, with the ids the other commands take; unknown ids suggest near ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathwayviz.__main__ import main
from pathwayviz.cli import info
from pathwayviz.formats.pathway_file import open_pathway
from pathwayviz.resource_files import builtin_pathway_path

NETFLUX = Path(__file__).resolve().parents[1] / "data" / "netflux" / "ryall_cardiomyocyte_hypertrophy_jbc2012.xlsx"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def info_json(capsys, *argv):
    code, out, err = run(capsys, "info", "--format", "json", *argv)
    assert code == 0, err
    return json.loads(out)


def test_json_lists_everything_the_builtin_model_can_perturb(capsys):
    data = info_json(capsys)
    assert {"species", "inputs", "toggles", "drugs", "variants", "presets", "scenarios"} <= set(data)
    species = {s["id"]: s for s in data["species"]}
    assert species["akt"] == {**species["akt"], "label": "Akt", "compartment": "cytoplasm", "kind": "kinase"}
    assert len(species) == len(open_pathway(builtin_pathway_path()).species)

    inputs = {i["id"]: i for i in data["inputs"]}
    assert inputs["insulin"]["range"] == [0.0, 1.0]
    assert inputs["insulin"]["presets"]["meal"] == 0.6
    assert inputs["beta_cell"]["default"] == 1.0
    assert [t["id"] for t in data["toggles"]] == ["jnk", "ikk", "pkc"]

    drugs = {d["id"]: d for d in data["drugs"]}
    assert drugs["rapamycin"]["targets"] == ["mtorc1"]
    assert drugs["rapamycin"]["effect"] == "inhibits" and drugs["rapamycin"]["potency"] == 0.95
    assert drugs["aromatase_inhibitor"]["targets"] == ["aromatase"]

    variants = {v["id"]: v for v in data["variants"]}
    assert [o["id"] for o in variants["liver_lipogenesis"]["options"]] == ["mtorc1", "erk", "substrate"]
    assert variants["liver_lipogenesis"]["default"] == "mtorc1"

    presets = {p["id"]: p for p in data["presets"]}
    assert {"healthy", "meal", "compensated", "t2d"} <= set(presets)
    assert presets["t2d"]["inputs"]["beta_cell"] < presets["compensated"]["inputs"]["beta_cell"]
    assert data["scenarios"] == info.scenario_ids()


def test_every_listed_id_is_accepted_by_simulate(capsys):
    """The ids info prints are exactly the ones the other commands take."""
    data = info_json(capsys)
    argv = ["simulate", "--steady", "--knockout", data["species"][0]["id"]]
    argv += ["--set", f"{data['inputs'][0]['id']}=0.5", "--toggle", data["toggles"][0]["id"],
             "--drug", data["drugs"][0]["id"], "--preset", data["presets"][-1]["id"]]
    for v in data["variants"]:
        argv += ["--variant", f"{v['id']}={v['options'][-1]['id']}"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert json.loads(out)["steady_state"][data["species"][0]["id"]] == 0.0


def test_text_names_ids_and_the_options_that_take_them(capsys):
    code, out, _ = run(capsys, "info")
    assert code == 0
    assert "--knockout ID" in out and "--drug ID[=DOSE]" in out and "--variant ID=OPTION" in out
    line = next(row for row in out.splitlines() if row.strip().startswith("liver_lipogenesis"))
    assert "mtorc1 (default)" in line and "substrate" in line
    assert any(row.strip().startswith("rapamycin") and "95%" in row for row in out.splitlines())


def test_scenarios_are_the_stems_of_the_shipped_scenario_files(capsys):
    from pathwayviz.resource_files import resource_path

    stems = sorted(p.stem for p in resource_path("scenarios").glob("*.yaml"))
    assert info_json(capsys)["scenarios"] == stems
    assert {"day", "ogtt"} <= set(stems)


def test_imported_netflux_model(capsys):
    data = info_json(capsys, "--pathway", str(NETFLUX))
    pathway = open_pathway(NETFLUX)
    assert [s["id"] for s in data["species"]] == pathway.species_ids
    assert [i["id"] for i in data["inputs"]] == pathway.input_ids() and data["inputs"]
    assert data["inputs"][0]["aliases"]  # the Netflux reaction id that addresses it
    assert data["toggles"] == [] and data["drugs"] == [] and data["variants"] == [] and data["presets"] == []


def test_imported_sbml_qual_model(capsys, tmp_path):
    from pathwayviz.formats.sbml_qual import write_sbml_qual

    path = tmp_path / "insulin.sbml"
    path.write_text(write_sbml_qual(open_pathway(builtin_pathway_path())))
    data = info_json(capsys, "--pathway", str(path))
    assert "akt" in {s["id"] for s in data["species"]}
    assert data["pathway"]["id"]


def test_unreadable_pathway_is_exit_2(capsys, tmp_path):
    code, out, err = run(capsys, "info", "--pathway", str(tmp_path / "none.yaml"))
    assert code == 2 and out == "" and err.startswith("pathwayviz info: ")


@pytest.mark.parametrize("argv, suggestion", [
    (["--knockout", "aktt"], "'akt'"),
    (["--knockout", "AKT"], "'akt'"),
    (["--overexpress", "ptenn"], "'pten'"),
    (["--toggle", "jnkk"], "'jnk'"),
    (["--set", "insulinn=0.5"], "'insulin'"),
    (["--drug", "rapamycine"], "'rapamycin'"),
    (["--preset", "t2"], "'t2d'"),
    (["--variant", "liver_lipogenisis=erk"], "'liver_lipogenesis'"),
    (["--variant", "liver_lipogenesis=mtor"], "'mtorc1'"),
])
def test_unknown_ids_exit_2_and_suggest_the_nearest(capsys, argv, suggestion):
    code, out, err = run(capsys, "simulate", "--steady", *argv)
    assert code == 2 and out == ""
    assert "did you mean" in err and suggestion in err, err


def test_suggestions_ignore_case_for_imported_ids(capsys):
    code, _, err = run(capsys, "simulate", "--pathway", str(NETFLUX), "--steady", "--knockout", "ANGIi")
    assert code == 2 and "did you mean 'angii'" in err, err
