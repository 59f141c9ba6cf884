"""``simulate --baseline ID=VALUE``: the time course starts from the state settled at the baseline inputs."""

from __future__ import annotations

import json

from pathwayviz.__main__ import main


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def course(capsys, *argv):
    code, out, err = run(capsys, "simulate", "--format", "json", *argv)
    assert code == 0, err
    return json.loads(out)["species"]


def steady(capsys, *argv):
    code, out, err = run(capsys, "simulate", "--steady", *argv)
    assert code == 0, err
    return json.loads(out)["steady_state"]


def test_an_insulin_step_starts_from_the_fasting_steady_state(capsys):
    clamp = ("--set", "beta_cell=0")
    fasting = steady(capsys, *clamp, "--set", "insulin=0")
    stimulated = steady(capsys, *clamp, "--set", "insulin=1")
    ys = course(capsys, *clamp, "--baseline", "insulin=0", "--set", "insulin=1", "--minutes", "30")
    for sid in ("akt", "erk", "foxo1", "gsk3", "lh"):
        assert abs(ys[sid][0] - fasting[sid]) < 1e-4, sid
    assert abs(ys["akt"][-1] - stimulated["akt"]) < 0.02
    assert ys["akt"][-1] > ys["akt"][0] + 0.3
    # FOXO1 is on while fasting (no insulin); without a baseline it starts from the file's y0 instead.
    assert ys["foxo1"][0] > 0.5
    plain = course(capsys, *clamp, "--set", "insulin=1", "--minutes", "30")
    assert plain["foxo1"][0] != ys["foxo1"][0] and plain["lh"][0] == 0.0


def test_baseline_keeps_everything_else_as_given(capsys):
    """Knockouts, presets and other inputs apply in the settling phase too; only the named input differs."""
    ys = course(capsys, "--preset", "compensated", "--knockout", "pten", "--baseline", "meal=0", "--set", "meal=0.6",
                "--minutes", "5")
    settled = steady(capsys, "--preset", "compensated", "--knockout", "pten", "--set", "meal=0")
    assert ys["pten"][0] == 0.0
    assert abs(ys["plasma_insulin"][0] - settled["plasma_insulin"]) < 1e-4
    assert abs(ys["jnk"][0] - settled["jnk"]) < 1e-4 and ys["jnk"][0] > 0.2


def test_steady_with_a_baseline_reaches_the_same_state(capsys):
    assert abs(steady(capsys, "--baseline", "insulin=1", "--set", "insulin=0")["akt"]
               - steady(capsys, "--set", "insulin=0")["akt"]) < 1e-4


def test_bad_baselines_exit_2(capsys):
    for argv, message in ((["--baseline", "insuln=0"], "did you mean 'insulin'"),
                          (["--baseline", "akt=0"], "'akt' is not an input"),
                          (["--baseline", "insulin"], "give a value"),
                          (["--baseline", "insulin=2"], "outside 0..1"),
                          (["--baseline", "insulin=0", "--scenario", "ogtt"], "cannot be combined with --scenario")):
        code, out, err = run(capsys, "simulate", *argv)
        assert code == 2 and out == "" and message in err, (argv, err)
