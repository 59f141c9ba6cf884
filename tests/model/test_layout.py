"""Automatic layout: signal flows down, nothing overlaps, feedback is marked, compartments hold their species."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pathwayviz.formats.netflux import read_netflux
from pathwayviz.model.layout import compute_layout, needs_layout, node_size, with_layout
from pathwayviz.model.pathway import ACTIVATES, INHIBITS, InputControl, Interaction, Pathway, Species

DATA = Path(__file__).resolve().parent.parent / "data" / "netflux"


def chain_pathway(edges, compartments=None, inputs=()):
    ids = sorted({s for e in edges for s in e[:2]})
    species = {s: Species(s, f"{s} protein", "protein", (compartments or {}).get(s, ""), (0.0, 0.0)) for s in ids}
    inter = [Interaction(i, e[0], e[1], INHIBITS if len(e) > 2 and e[2] else ACTIVATES) for i, e in enumerate(edges)]
    return Pathway("t", "t", "", species, inter, inputs=[InputControl(s, s) for s in inputs])


def boxes(pathway, lay):
    out = {}
    for sid, (x, y) in lay.positions.items():
        w, h = lay.sizes[sid]
        out[sid] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return out


def overlaps(a, b, gap=0.0):
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


@pytest.fixture(scope="module")
def hypertrophy():
    return read_netflux(DATA / "ryall_cardiomyocyte_hypertrophy_jbc2012.xlsx")


def test_node_size_grows_with_the_label_and_wraps_long_names():
    short, long_one = node_size("Akt"), node_size("mitogen activated protein kinase kinase")
    assert long_one[0] > short[0] and long_one[1] > short[1]
    assert node_size("x" * 30)[0] > node_size("x" * 10)[0]


def test_published_model_has_no_overlapping_nodes_and_flows_down(hypertrophy):
    lay = compute_layout(hypertrophy)
    b = boxes(hypertrophy, lay)
    ids = list(b)
    assert len(ids) == 106
    clashes = [(p, q) for i, p in enumerate(ids) for q in ids[i + 1:] if overlaps(b[p], b[q], gap=20)]
    assert clashes == []
    # Inputs at the top, outputs (no downstream) at the bottom.
    ys = {s: lay.positions[s][1] for s in ids}
    inputs = set(hypertrophy.input_ids())
    outputs = {s for s in ids if not hypertrophy.downstream(s)}
    assert max(ys[s] for s in inputs) < min(ys[s] for s in outputs)
    # Most edges point down; the rest are marked as feedback.
    forward = [it for it in hypertrophy.interactions if it.index not in lay.feedback]
    assert all(lay.layers[it.target] > lay.layers[it.source] for it in forward)
    assert all(lay.layers[hypertrophy.interactions[k].target] <= lay.layers[hypertrophy.interactions[k].source]
               for k in lay.feedback)
    assert len(forward) > 0.8 * len(hypertrophy.interactions)


def test_layout_fits_a_1080p_screen_shape(hypertrophy):
    lay = compute_layout(hypertrophy)
    xs = [p[0] for p in lay.positions.values()]
    ys = [p[1] for p in lay.positions.values()]
    aspect = (max(xs) - min(xs)) / (max(ys) - min(ys))
    assert 16 / 9 / 1.15 < aspect < 16 / 9 * 1.15  # close to the screen it is fitted into


def test_a_deep_network_gets_its_rows_closer_rather_than_coming_out_tall_and_narrow():
    """The published fibroblast model is 20 layers deep with few species each."""
    from pathwayviz.model.layout import MIN_V_GAP, V_GAP

    fibroblast = read_netflux(DATA / "zeigler_fibroblast_jmcc2016.xls")
    lay = compute_layout(fibroblast)
    xs = [p[0] for p in lay.positions.values()]
    rows = sorted({p[1] for p in lay.positions.values()})
    gaps = {round(b - a) for a, b in zip(rows, rows[1:])}
    assert min(gaps) < V_GAP + 60  # rows closer than the roomy default (96 between boxes)
    assert (max(xs) - min(xs)) / (rows[-1] - rows[0]) > 1.2  # it was 0.98 with the default spacing
    b = boxes(fibroblast, lay)
    ids = list(b)
    assert not [(p_, q) for i, p_ in enumerate(ids) for q in ids[i + 1:] if overlaps(b[p_], b[q], gap=MIN_V_GAP / 2)
                and lay.positions[p_][1] != lay.positions[q][1]]


def test_an_automatic_layout_is_marked_and_saved_as_such(hypertrophy, tmp_path):
    from pathwayviz.formats.pathway_file import open_pathway, save_pathway
    from pathwayviz.model.loader import load_pathway
    from pathwayviz.model.yamlio import FileProblems

    laid = with_layout(hypertrophy)
    assert laid.layout == "auto" and hypertrophy.layout == ""
    save_pathway(laid, tmp_path / "saved.yaml")
    assert "\nlayout: auto\n" in (tmp_path / "saved.yaml").read_text()
    assert open_pathway(tmp_path / "saved.yaml").layout == "auto"
    text = (tmp_path / "saved.yaml").read_text().replace("\nlayout: auto\n", "\nlayout: sideways\n")
    (tmp_path / "bad.yaml").write_text(text)
    with pytest.raises(FileProblems, match=r"bad.yaml:\d+: 'layout' is 'sideways'; the only value is 'auto'"):
        load_pathway(tmp_path / "bad.yaml")


def test_layout_is_deterministic(hypertrophy):
    assert compute_layout(hypertrophy) == compute_layout(hypertrophy)


def test_loops_and_feedback(tmp_path):
    p = chain_pathway([("a", "b"), ("b", "c"), ("c", "d"), ("d", "b", True)], inputs=["a"])
    lay = compute_layout(p)
    assert [lay.layers[s] for s in "abcd"] == [0, 1, 2, 3]
    assert lay.feedback == {3}


def test_crossings_are_reduced():
    # a→y, b→x: with file order x before y the edges cross; the sweep uncrosses them.
    p = chain_pathway([("a", "y"), ("b", "x"), ("a", "ya"), ("b", "xb")])
    p = replace(p, species={s: p.species[s] for s in ["a", "b", "x", "xb", "y", "ya"]})
    lay = compute_layout(p)
    x = {s: lay.positions[s][0] for s in lay.positions}
    assert (x["a"] < x["b"]) == (x["y"] < x["x"]) == (x["ya"] < x["xb"])


def test_compartments_become_non_overlapping_regions_around_their_species():
    comps = {"r": "membrane", "k": "cytoplasm", "t": "nucleus", "g": "nucleus"}
    p = chain_pathway([("r", "k"), ("k", "t"), ("t", "g")], compartments=comps)
    laid = with_layout(p)
    rects = {c.id: c.rect for c in laid.compartments}
    assert set(rects) == {"membrane", "cytoplasm", "nucleus"}
    for sid, sp in laid.species.items():
        x, y, w, h = rects[sp.compartment]
        assert x < sp.pos[0] < x + w and y < sp.pos[1] < y + h
    r = list(rects.values())
    for i, a in enumerate(r):
        for b in r[i + 1:]:
            assert not overlaps((a[0], a[1], a[0] + a[2], a[1] + a[3]), (b[0], b[1], b[0] + b[2], b[1] + b[3]))


def test_needs_layout_only_without_positions(pathway, hypertrophy):
    assert needs_layout(hypertrophy) and not needs_layout(with_layout(hypertrophy))
    assert not needs_layout(pathway)


def test_wide_layers_wrap_so_a_star_is_not_one_long_row():
    p = chain_pathway([("hub", f"t{k:02d}") for k in range(60)])
    lay = compute_layout(p)
    rows = {round(y) for s, (x, y) in lay.positions.items() if s != "hub"}
    assert len(rows) >= 3
    b = boxes(p, lay)
    ids = list(b)
    assert not [(p_, q) for i, p_ in enumerate(ids) for q in ids[i + 1:] if overlaps(b[p_], b[q], gap=20)]
