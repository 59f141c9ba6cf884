"""`pathwayviz simulate` and `pathwayviz validate` as scripts use them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from pathwayviz.__main__ import main
from pathwayviz.resource_files import builtin_pathway_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_simulate_steady_json_shows_jnk_resistance(capsys):
    code, out, _ = run(capsys, "simulate", "--toggle", "jnk", "--steady", "--format", "json")
    assert code == 0
    state = json.loads(out)["steady_state"]
    code, out, _ = run(capsys, "simulate", "--steady", "--format", "json")
    healthy = json.loads(out)["steady_state"]
    assert state["jnk"] > 0.7 and healthy["jnk"] == 0.0
    assert state["akt"] < healthy["akt"] and state["irs1_pser"] > healthy["irs1_pser"]


def test_simulate_time_course_json_and_csv_agree(capsys):
    code, out, _ = run(capsys, "simulate", "--set", "insulin=0.6", "--minutes", "10", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["minutes"] == [float(m) for m in range(11)]
    assert len(data["species"]["akt"]) == 11
    code, out, _ = run(capsys, "simulate", "--set", "insulin=0.6", "--minutes", "10", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][0] == "minutes" and "akt" in rows[0]
    col = rows[0].index("akt")
    assert abs(float(rows[-1][col]) - data["species"]["akt"][-1]) < 1e-5


def test_simulate_knockout_and_drug(capsys):
    _, out, _ = run(capsys, "simulate", "--knockout", "akt", "--set", "insulin=0.6", "--steady")
    assert json.loads(out)["steady_state"]["akt"] == 0.0
    _, out, _ = run(capsys, "simulate", "--drug", "mek_inhibitor", "--set", "insulin=0.6", "--steady")
    assert json.loads(out)["steady_state"]["erk"] < 0.3


def test_simulate_errors_go_to_stderr_with_exit_2(capsys):
    for argv in (["--toggle", "AKT2"], ["--set", "insulin=lots"], ["--set", "insulin"], ["--knockout", "nobody"],
                 ["--set", "insulin=7"], ["--pathway", "/nonexistent.yaml"], ["--minutes", "-1"]):
        code, out, err = run(capsys, "simulate", *argv)
        assert code == 2, argv
        assert out == "" and err.startswith("pathwayviz simulate: "), argv


def test_validate_reports_ok_and_errors(capsys, tmp_path):
    code, out, _ = run(capsys, "validate", str(builtin_pathway_path()))
    assert code == 0 and "OK" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: pathwayviz-pathway/1\nid: x\ntitle: x\nspecies:\n  - {id: a, pos: [0, 0]}\n"
                   "interactions:\n  - {source: a, target: AKT2}\n")
    code, _, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert "bad.yaml:7: interaction 1 targets unknown species 'AKT2'" in err


def test_core_and_simulate_import_no_qt():
    code = ("import sys, pathwayviz.model.loader, pathwayviz.sim.engine, pathwayviz.lesson, pathwayviz.cli;"
            "from pathwayviz.__main__ import main; main(['simulate', '--steady', '--minutes', '5']);"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'shiboken6'))];"
            "assert not bad, bad")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_import_contract_keeps_qt_out_of_the_core():
    from importlinter.cli import lint_imports

    assert lint_imports() == 0
