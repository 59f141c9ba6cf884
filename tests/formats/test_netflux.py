"""Netflux spreadsheets: every rule form, defaults, skipped rows, bad rows, and Netflux's own equations."""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from pathwayviz.formats.netflux import column_letter, read_netflux
from pathwayviz.formats.pathway_file import open_pathway
from pathwayviz.model.yamlio import FileProblems
from pathwayviz.sim.engine import Engine
from pathwayviz.sim.perturbations import Perturbations

from netflux_sheets import RULE_REACTIONS, RULE_SPECIES, write_netflux

DATA = Path(__file__).resolve().parent.parent / "data" / "netflux"


@pytest.fixture(params=["xlsx", "xls"])
def rules(tmp_path, request):
    """Our own rule-form spreadsheet, as .xlsx and as old .xls (Excel 97-2003)."""
    return write_netflux(tmp_path / f"rules.{request.param}", RULE_SPECIES, RULE_REACTIONS)


# --- Netflux's ODE as written in Netflux/+util/ODE.m, by hand -------------------------------------
def act(x, w, n, ec50):
    beta = (ec50 ** n - 1) / (2 * ec50 ** n - 1)
    k = (beta - 1) ** (1 / n)
    return min(w * beta * x ** n / (k ** n + x ** n), w)


def inhib(x, w, n, ec50):
    return w - act(x, w, n, ec50)


def OR(a, b):
    return a + b - a * b


def AND(w, *terms):
    return 0.0 if w == 0 else float(np.prod(terms)) / w ** (len(terms) - 1)


def netflux_dydt(y):
    a, b, c, d, e, f, g = y
    r = {
        "A": 0.7,
        "B": OR(act(a, 1, 1.4, 0.5), 0.3),
        "C": inhib(a, 0.9, 2, 0.4),
        "D": AND(0.8, act(a, 0.8, 1.4, 0.5), act(b, 0.8, 1.4, 0.5)),
        "E": AND(1, act(a, 1, 1.6, 0.6), inhib(c, 1, 1.6, 0.6)),
        "F": OR(act(b, 0.5, 1.4, 0.5), act(c, 0.6, 1.4, 0.5)),
        "G": act(d, 1, 1.4, 0.5),
    }
    tau = {"A": 1, "B": 2, "C": 0.5, "D": 1, "E": 1, "F": 1, "G": 1}
    return np.array([(r[s] * 1 - v) / tau[s] for s, v in zip("ABCDEFG", y)])


def test_every_rule_form_reads_into_the_pathway(rules):
    warnings = []
    p = read_netflux(rules, warnings)
    assert list(p.species) == ["a", "b", "c", "d", "e", "f", "g"]
    assert p.species["a"].label == "alpha kinase" and p.species["a"].synonyms == ("A",)
    assert p.species["c"].label == "C"
    assert p.species["b"].y0 == 0.2 and p.species["b"].tau == 2
    by_reaction = {}
    for it in p.interactions:
        by_reaction.setdefault(it.reaction, []).append(it)
    assert [(i.source, i.target, i.effect, i.gate) for i in by_reaction["r3"]] == [("a", "c", "inhibits", "or")]
    assert [(i.source, i.gate, i.w) for i in by_reaction["r4"]] == [("a", "and", 0.8), ("b", "and", 1.0)]
    assert [(i.source, i.effect) for i in by_reaction["r5"]] == [("a", "activates"), ("c", "inhibits")]
    assert {i.source for i in p.upstream("f")} == {"b", "c"}
    assert "r9" not in by_reaction and not any(i.source == "e" for i in p.interactions)
    # Inputs are addressed by their reaction ids and start at the reaction's weight.
    assert [(c.species, c.default, c.aliases) for c in p.inputs] == [("a", 0.7, ("r1",)), ("b", 0.3, ("r10",))]
    assert p.input_species("r1") == "a" and p.input_species("a") == "a"
    text = "\n".join(str(w) for w in warnings)
    assert "sheet 'species', row 9: 'G' has no Yinit, Ymax, tau; using Yinit = 0, Ymax = 1, tau = 1" in text
    assert "sheet 'reactions', row 10: reaction 'r8' has no weight, n, EC50; using weight = 1" in text
    assert "sheet 'reactions', row 11, column C: row skipped: it has no rule" in text
    assert "sheet 'reactions', row 12, column B: row skipped: it has no ID" in text
    assert "sheet 'species', row 10, column B: row skipped: it has no ID" in text
    assert p.species["g"].tau == 1.0 and p.interactions[-1].n == 1.4


def test_right_hand_side_is_netflux_ode(rules):
    p = read_netflux(rules)
    engine = Engine(p)
    cond = engine.conditions(Perturbations.defaults(p))
    rng = np.random.default_rng(7)
    for _ in range(20):
        y = rng.uniform(0, 1, 7)
        np.testing.assert_allclose(engine.rhs(y, cond), netflux_dydt(y), rtol=1e-12, atol=1e-12)


def test_and_with_zero_weight_is_zero(tmp_path):
    path = write_netflux(tmp_path / "zero.xlsx", [("", "A", "a", 1, 1, 1), ("", "B", "b", 1, 1, 1),
                                                   ("", "C", "c", 0, 1, 1)],
                         [("", "r1", "A & B => C", 0, 1.4, 0.5)])
    p = read_netflux(path)
    engine = Engine(p)
    y = np.array([1.0, 1.0, 0.0])
    assert engine.compiled.drive(y, np.zeros(3))[2] == 0.0


def test_two_and_reactions_into_one_species_stay_separate(tmp_path):
    path = write_netflux(tmp_path / "two_and.xlsx",
                         [("", s, s, 0, 1, 1) for s in "ABCDE"],
                         [("", "r1", "A & B => E", 1, 1.4, 0.5), ("", "r2", "C & D => E", 1, 1.4, 0.5)])
    p = read_netflux(path)
    engine = Engine(p)
    y = np.array([1.0, 1.0, 0.0, 0.0, 0.0])  # r1 fully on, r2 off: OR gives 1, one AND of all four gives 0
    assert engine.compiled.drive(y, np.zeros(5))[4] == pytest.approx(1.0)


def test_input_reaction_id_sets_the_input_in_the_cli(rules, capsys):
    import json

    from pathwayviz.__main__ import main

    assert main(["simulate", "--pathway", str(rules), "--set", "r1=0.2", "--steady", "--format", "json"]) == 0
    by_reaction = json.loads(capsys.readouterr().out)["steady_state"]
    assert by_reaction["a"] == pytest.approx(0.2, abs=1e-6)
    assert main(["simulate", "--pathway", str(rules), "--set", "a=0.2", "--knockout", "B", "--steady",
                 "--format", "json"]) == 0
    by_species = json.loads(capsys.readouterr().out)["steady_state"]
    assert by_species["a"] == pytest.approx(0.2, abs=1e-6) and by_species["b"] == 0.0


@pytest.mark.parametrize("row, column, needle", [
    (("", "r1", "A -> B", 1, 1.4, 0.5), "C", "needs exactly one '=>'"),
    (("", "r1", "A & Q => B", 1, 1.4, 0.5), "C", "unknown species 'Q'"),
    (("", "r1", "A => BB", 1, 1.4, 0.5), "C", "did you mean 'B'?"),
    (("", "r1", "A =>", 1, 1.4, 0.5), "C", "has no product"),
    (("", "r1", "A => B", "strong", 1.4, 0.5), "D", "weight is 'strong', not a number"),
    (("", "r1", "A => B", 1.5, 1.4, 0.5), "D", "weight is 1.5; it must be ≥ 0 and ≤ 1"),
    (("", "r1", "A => B", 1, 1.4, 0.9), "F", "EC50^n = 0.9^1.4"),
    (("", "r1", "A & => B", 1, 1.4, 0.5), "C", "empty reactant"),
])
@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_bad_reaction_rows_name_sheet_row_and_column(tmp_path, row, column, needle, suffix):
    path = write_netflux(tmp_path / f"bad.{suffix}", [("", "A", "a", 0, 1, 1), ("", "B", "b", 0, 1, 1)],
                         [("", "ok", "A => B", 1, 1.4, 0.5), row])
    with pytest.raises(FileProblems) as info:
        read_netflux(path)
    message = str(info.value)
    assert f"bad.{suffix}: sheet 'reactions', row 4, column {column}: " in message and needle in message


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_bad_species_rows_name_the_cell(tmp_path, suffix):
    path = write_netflux(tmp_path / f"bad.{suffix}",
                         [("", "A", "a", 0, 1, 1), ("", "A", "again", 0, 1, 1), ("", "9x", "digit", 0, 1, 1),
                          ("", "Y", "y", 2, 1, 1), ("", "Z", "z", 0, 1, 0)],
                         [("", "r1", "A => Y", 1, 1.4, 0.5)])
    with pytest.raises(FileProblems) as info:
        read_netflux(path)
    message = str(info.value)
    assert "sheet 'species', row 4, column B: duplicate species ID 'A'" in message
    assert "sheet 'species', row 5, column B: ID '9x' must start with a letter" in message
    assert "sheet 'species', row 6, column D: Yinit (2) is above Ymax (1)" in message
    assert "sheet 'species', row 7, column F: tau is 0; it must be > 0" in message


def test_missing_sheet_and_non_spreadsheet_files_are_explained(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "species"
    wb.save(tmp_path / "half.xlsx")
    with pytest.raises(FileProblems, match="needs sheets named 'species' and 'reactions'; missing reactions"):
        read_netflux(tmp_path / "half.xlsx")
    (tmp_path / "fake.xlsx").write_text("not a workbook")
    with pytest.raises(FileProblems, match=r"fake.xlsx: cannot be read as an Excel \(.xlsx\) workbook"):
        read_netflux(tmp_path / "fake.xlsx")
    (tmp_path / "fake.xls").write_bytes(b"\x00" * 600)
    with pytest.raises(FileProblems, match=r"fake.xls: cannot be read as an Excel 97-2003"):
        read_netflux(tmp_path / "fake.xls")


def test_a_wrong_declared_dimension_is_ignored(tmp_path):
    # Some writers declare a sheet as A1:B2 whatever it holds; read-only openpyxl would trust that.
    rules = write_netflux(tmp_path / "rules.xlsx", RULE_SPECIES, RULE_REACTIONS)
    lied = tmp_path / "lied.xlsx"
    with zipfile.ZipFile(rules) as src, zipfile.ZipFile(lied, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode()
                start = text.index("<dimension ref=\"") + len("<dimension ref=\"")
                text = text[:start] + "A1:B2" + text[text.index("\"", start):]
                data = text.encode()
            dst.writestr(item, data)
    assert len(read_netflux(lied).species) == 7


def test_column_letters():
    assert [column_letter(i) for i in (0, 2, 25, 26, 27)] == ["A", "C", "Z", "AA", "AB"]


def test_published_hypertrophy_model_opens_with_cards_inputs_and_layout():
    warnings = []
    p = open_pathway(DATA / "ryall_cardiomyocyte_hypertrophy_jbc2012.xlsx", warnings)
    assert len(p.species) == 106 and len({i.reaction for i in p.interactions}) == 193 - len(p.inputs)
    assert p.input_species("r1") == p.species_id("AngII")
    assert p.time_unit == "time units" and p.hill_input == "level"
    assert all(sp.pos != (0.0, 0.0) for sp in p.species.values())
    card = p.species[p.species_id("aAR")].card
    assert "alpha_adrenergicReceptor" in card.what and "type: protein" in card.does
    # Netflux's own check: with every input on, hypertrophy (CellArea) rises above its resting level.
    engine = Engine(p)
    rest = dict(zip(engine.ids, engine.steady_state(Perturbations.defaults(p))))
    on = Perturbations.defaults(p)
    on.inputs[p.input_species("r1")] = 0.5
    stimulated = dict(zip(engine.ids, engine.steady_state(on)))
    area = p.species_id("CellArea")
    assert stimulated[area] > rest[area] + 0.05


def test_our_own_xls_is_really_an_excel_97_2003_workbook(tmp_path):
    """The .xls fixtures are the old binary format (an OLE2 compound file), not .xlsx renamed."""
    path = write_netflux(tmp_path / "rules.xls", RULE_SPECIES, RULE_REACTIONS)
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    assert not zipfile.is_zipfile(path)


def test_published_fibroblast_model_reads_from_old_xls():
    p = open_pathway(DATA / "zeigler_fibroblast_jmcc2016.xls")
    assert len(p.species) == 91 and len(p.inputs) == 11
    angii = p.input_species("i1")
    assert p.species[angii].synonyms == ("AngII",)
    assert dict((c.species, c.default) for c in p.inputs)[angii] == 0.25
    assert p.species[p.species_id("AT1R")].tau == 0.1


def test_location_column_becomes_compartments_around_their_species(tmp_path):
    path = write_netflux(tmp_path / "where.xlsx",
                         [("", "L", "ligand", 0, 1, 1, "small", "extracellular"),
                          ("", "R", "receptor", 0, 1, 1, "protein", "plasma membrane"),
                          ("", "K", "kinase", 0, 1, 1, "protein", "cytoplasm"),
                          ("", "T", "factor", 0, 1, 1, "protein", "nucleus")],
                         [("", "r1", "=> L", 1, 1.4, 0.5), ("", "r2", "L => R", 1, 1.4, 0.5),
                          ("", "r3", "R => K", 1, 1.4, 0.5), ("", "r4", "K => T", 1, 1.4, 0.5)])
    p = open_pathway(path)
    assert [sp.compartment for sp in p.species.values()] == ["extracellular", "plasma_membrane", "cytoplasm",
                                                              "nucleus"]
    rects = {c.id: c.rect for c in p.compartments}
    assert {c.label for c in p.compartments} == {"extracellular", "plasma membrane", "cytoplasm", "nucleus"}
    for sp in p.species.values():
        x, y, w, h = rects[sp.compartment]
        assert x < sp.pos[0] < x + w and y < sp.pos[1] < y + h
