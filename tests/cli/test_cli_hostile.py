"""Issue #17 reproducers on the command line: clear message on stderr and exit 2, never a traceback."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

from pathwayviz.__main__ import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_reads_an_impossible_date_title_as_text(tmp_path, capsys):
    path = tmp_path / "d1.yaml"
    path.write_text("format: pathwayviz-pathway/1\nid: x\ntitle: 2024-02-30\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err.strip() == "d1.yaml:1: the pathway has no species; add a 'species:' list"


@pytest.mark.parametrize("step, expected", [
    ("0", "must be a number of minutes above 0"),
    ("nan", "must be a number of minutes above 0"),
    ("-1", "must be a number of minutes above 0"),
    ("inf", "must be a number of minutes above 0"),
    ("1e-9", "more than 100000 samples; use --step 0.0006 or more"),
    ("1e9", "longer than --minutes 60"),
])
def test_simulate_step_is_checked(capsys, step, expected):
    code, out, err = run(capsys, "simulate", f"--step={step}")
    assert code == 2 and out == ""
    assert err.startswith(f"pathwayviz simulate: --step ") and expected in err


def test_simulate_step_still_samples_evenly(capsys):
    code, out, _ = run(capsys, "simulate", "--minutes", "2", "--step", "0.5")
    assert code == 0 and json.loads(out)["minutes"] == [0.0, 0.5, 1.0, 1.5, 2.0]


def test_simulate_to_a_full_device_is_a_clear_error():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([sys.executable, "-m", "pathwayviz", "simulate", "--steady"], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == ("pathwayviz simulate: cannot write the output: No space left on device; if it "
                                     "goes to a file, check that the disk has space and the folder is writable")


def test_simulate_output_file_on_a_full_disk_leaves_nothing(tmp_path, capsys, monkeypatch):
    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    target = tmp_path / "run.json"
    code, _, err = run(capsys, "simulate", "-o", str(target))
    assert code == 2 and "the disk is full" in err and f"-o {target}" in err
    assert list(tmp_path.iterdir()) == []


def test_simulate_output_file_holds_the_json(tmp_path, capsys):
    target = tmp_path / "run.json"
    code, out, _ = run(capsys, "simulate", "--minutes", "3", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text())["minutes"] == [0.0, 1.0, 2.0, 3.0]


def test_knockout_and_overexpress_of_one_species_is_refused(capsys):
    code, _, err = run(capsys, "simulate", "--knockout", "akt", "--overexpress", "akt")
    assert code == 2 and "'akt' is in both knockouts and overexpress" in err


@pytest.mark.parametrize("body, expected", [
    ("tau: 1.0e-9", "'tau' is 1e-09; it must be ≥ 0.001"),
    ("ymax: 1.0e-320", "'ymax' is 9.99989e-321; it must be ≥ 1e-06"),
    ("pos: [0, 1e8]", "'pos' must be a list of 2 numbers within ±100000"),
])
def test_simulate_refuses_numerically_meaningless_files(tmp_path, capsys, body, expected):
    path = tmp_path / "p.yaml"
    path.write_text("format: pathwayviz-pathway/1\nid: x\ntitle: X\nspecies:\n  - id: a\n    " + body + "\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "simulate", "--pathway", str(path))
    assert code == 2 and out == ""
    assert err.strip() == f"pathwayviz simulate: p.yaml:6: species 'a' field {expected}"


def test_validate_dev_zero_is_refused(capsys):
    code, _, err = run(capsys, "validate", "/dev/zero")
    assert code == 2 and err.strip() == "zero: is larger than 5120 KiB, the limit for a PathwayViz file. Is this the " \
                                        "right file?"
