"""Time-course panel and readout gauges (pytest-qt, offscreen)."""

from __future__ import annotations

import csv
import errno
import os

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from pathwayviz.model.files import WriteError
from pathwayviz.plots.gauges import ReadoutGauges
from pathwayviz.plots.timecourse import EXPORT_TITLE, TimeCoursePanel
from pathwayviz.sim.live import LiveSimulation

MEAL = 0.6


def settled(pathway, capacity=7200):
    live = LiveSimulation(pathway, history_capacity=capacity)
    p = live.perturbations
    p.inputs["insulin"] = MEAL
    live.set_perturbations(p)
    live.reset()
    live.settle()
    return live


def toggle_pkc(live, minutes=20.0, step=0.1):
    p = live.perturbations
    p.toggles["pkc"] = 0.8
    live.set_perturbations(p)
    for _ in range(round(minutes / step)):
        live.advance(step)


@pytest.fixture
def panel_for(qtbot):
    def make(live):
        panel = TimeCoursePanel(live)
        qtbot.addWidget(panel)
        panel.resize(900, 320)
        panel.show()
        qtbot.waitExposed(panel)
        return panel
    return make


def test_pkc_moves_hepatic_glucose_output_above_its_healthy_reference(pathway, panel_for, qtbot):
    live = settled(pathway)
    panel = panel_for(live)
    current, healthy = panel.curves()["hgp"]
    assert current.yData[-1] == pytest.approx(healthy.yData[-1], abs=1e-3)
    toggle_pkc(live)
    panel.refresh()
    current, healthy = panel.curves()["hgp"]
    assert current.yData[-1] > healthy.yData[-1] + 0.1
    assert current.yData[-1] == pytest.approx(live.value("hgp"))
    assert current.xData[-1] == pytest.approx(live.time)

    gauges = ReadoutGauges(live)
    qtbot.addWidget(gauges)
    gauges.refresh(live.snapshot())
    value, healthy_value, direction = gauges.readings()["hgp"]
    assert direction == "up" and value > healthy_value
    assert "Hepatic glucose output: " in gauges.summary() and "▲ above healthy" in gauges.summary()


def test_healthy_run_shows_no_arrows_and_gauges_repaint_only_on_change(pathway, qtbot, monkeypatch):
    live = settled(pathway)
    gauges = ReadoutGauges(live)
    qtbot.addWidget(gauges)
    assert {d for _, _, d in gauges.readings().values()} == {"same"}
    updates = []
    monkeypatch.setattr(gauges, "update", lambda: updates.append(1))
    gauges.refresh(live.snapshot())
    assert updates == []
    toggle_pkc(live, minutes=5)
    gauges.refresh(live.snapshot())
    assert updates == [1]


def test_focus_picks_the_steroidogenesis_readout(pathway, panel_for, qtbot):
    live = settled(pathway)
    panel = panel_for(live)
    gauges = ReadoutGauges(live)
    qtbot.addWidget(gauges)
    assert {"theca_androgens", "leydig_testosterone"} <= set(panel.curves())
    for focus, shown, hidden in (("female", "theca_androgens", "leydig_testosterone"),
                                 ("male", "leydig_testosterone", "theca_androgens")):
        panel.set_focus(focus)
        gauges.set_focus(focus)
        assert shown in panel.curves() and hidden not in panel.curves()
        assert shown in gauges.readings() and hidden not in gauges.readings()
        assert len(panel.curves()) == 5
    with pytest.raises(ValueError, match="focus"):
        panel.set_focus("neither")


def test_pin_adds_a_curve_and_unpin_removes_it(pathway, panel_for, qtbot):
    live = settled(pathway)
    panel = panel_for(live)
    plot_items = panel._plot.getPlotItem().items
    before = len(panel.curves())
    with qtbot.waitSignal(panel.pins_changed):
        panel.pin("akt")
    assert panel.pinned() == ["akt"]
    current, healthy = panel.curves()["akt"]
    assert len(panel.curves()) == before + 1 and current in plot_items and healthy in plot_items
    assert current.yData[-1] == pytest.approx(live.value("akt"))

    unpin = [a for a in panel.context_menu().actions() if a.text() == "Unpin Akt"]
    assert len(unpin) == 1
    with qtbot.waitSignal(panel.pins_changed):
        unpin[0].trigger()
    assert panel.pinned() == [] and "akt" not in panel.curves()
    assert current not in plot_items and healthy not in plot_items
    with pytest.raises(KeyError, match="not a species"):
        panel.pin("no_such_molecule")


def test_right_click_on_the_plot_offers_csv_export(pathway, panel_for, monkeypatch):
    panel = panel_for(settled(pathway))
    assert EXPORT_TITLE in [a.text() for a in panel.context_menu().actions()]
    opened = []
    monkeypatch.setattr(panel, "_show_context_menu", opened.append)
    viewport = panel._plot.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(50, 50), viewport.mapToGlobal(QPoint(50, 50)))
    QApplication.sendEvent(viewport, event)
    assert opened == [viewport.mapToGlobal(QPoint(50, 50))]


def test_scrubbing_emits_a_recorded_time_and_returns_to_live(pathway, panel_for, qtbot):
    live = settled(pathway)
    panel = panel_for(live)
    toggle_pkc(live, minutes=12)
    panel.refresh()
    with qtbot.waitSignal(panel.scrubbed) as blocker:
        panel.scrub_to(live.time - 8.03)
    t = blocker.args[0]
    times, states = live.history.arrays()
    k = int(np.flatnonzero(times == t)[0])  # the scrubbed time is a recorded sample
    assert abs(t - (live.time - 8.03)) <= live.sample_every
    assert panel.is_scrubbing() and panel.scrub_time() == t and panel._cursor.value() == t
    # What the main window draws while replaying: the recorded state, not the current one.
    snap = live.snapshot(t)
    assert np.array_equal(snap.state, states[k])
    assert abs(snap.state[live.index["hgp"]] - live.value("hgp")) > 0.05

    toggle_pkc(live, minutes=1)
    panel.refresh()
    assert panel.scrub_time() == t  # replay holds while the simulation runs on
    with qtbot.waitSignal(panel.scrub_released):
        panel.resume_live()
    assert not panel.is_scrubbing() and panel._cursor.value() == pytest.approx(live.time)

    cursor = panel._cursor  # dragging the time cursor scrubs too
    cursor.setValue(live.time - 3.04)
    with qtbot.waitSignal(panel.scrubbed) as blocker:
        cursor.sigDragged.emit(cursor)
    assert blocker.args[0] == pytest.approx(live.time - 3.0, abs=0.051) and cursor.value() == blocker.args[0]
    panel.resume_live()

    slider = panel.scrub_bar.slider
    with qtbot.waitSignal(panel.scrubbed) as blocker:
        slider.setValue(slider.minimum())
    assert blocker.args[0] == panel.curves()["hgp"][0].xData[0]  # the oldest visible sample
    with qtbot.waitSignal(panel.scrub_released):
        slider.setValue(slider.maximum())


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], np.array(rows[1:], dtype=float)


def test_csv_round_trips_the_visible_history(pathway, panel_for, tmp_path):
    live = settled(pathway)
    panel = panel_for(live)
    panel.pin("akt")
    toggle_pkc(live, minutes=40)
    panel.refresh()
    path = tmp_path / "courses.csv"
    rows = panel.export_csv(path)
    header, table = read_csv(path)
    shown = panel.shown_species()
    assert shown[0] == "hgp" and shown[-1] == "akt"
    assert header == ["minutes"] + [c for s in shown for c in (s, f"{s}_healthy")]
    times, states = live.history.arrays()
    _, healthy = live.healthy_history.arrays()
    assert rows == len(table) and abs(rows - panel.window_minutes() / live.sample_every) <= 1
    visible = slice(len(times) - rows, None)  # the newest samples, covering the visible window
    np.testing.assert_array_equal(table[:, 0], times[visible])
    assert table[0, 0] == pytest.approx(live.time - panel.window_minutes(), abs=live.sample_every)
    for j, sid in enumerate(shown):
        np.testing.assert_array_equal(table[:, 1 + 2 * j], states[visible, live.index[sid]])
        np.testing.assert_array_equal(table[:, 2 + 2 * j], healthy[visible, live.index[sid]])
    assert not [p for p in tmp_path.iterdir() if p.name != "courses.csv"]  # no temporary files left


def test_failed_export_raises_a_clear_error_and_keeps_the_earlier_file(pathway, panel_for, tmp_path, monkeypatch):
    panel = panel_for(settled(pathway))
    with pytest.raises(WriteError, match="does not exist"):
        panel.export_csv(tmp_path / "missing" / "courses.csv")
    assert not (tmp_path / "missing").exists()
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(WriteError, match="is a file, not a folder"):
        panel.export_csv(tmp_path / "a_file" / "courses.csv")

    earlier = tmp_path / "courses.csv"
    earlier.write_text("earlier\n")

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteError, match="courses.csv: the disk is full"):
        panel.export_csv(earlier)
    monkeypatch.undo()
    assert earlier.read_text() == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file", "courses.csv"]


def test_export_where_even_root_cannot_write_fails_cleanly(pathway, panel_for):
    panel = panel_for(settled(pathway))
    with pytest.raises(WriteError, match="Could not write /proc/pathwayviz-courses.csv: "):
        panel.export_csv("/proc/pathwayviz-courses.csv")
    assert not os.path.exists("/proc/pathwayviz-courses.csv")


def test_history_and_curves_stay_bounded_over_a_long_run(pathway, panel_for):
    live = settled(pathway, capacity=500)
    panel = panel_for(live)
    panel.pin("erk")
    items = list(panel._plot.getPlotItem().items)
    for k in range(1200):  # 120 simulated minutes: the buffer holds 50
        live.advance(0.1)
        if k % 10 == 0:
            panel.refresh()
    panel.refresh()
    assert len(live.history) == len(live.healthy_history) == 500
    assert list(panel._plot.getPlotItem().items) == items
    window = panel.window_minutes()
    for current, healthy in panel.curves().values():
        for curve in (current, healthy):
            assert 2 <= len(curve.xData) <= window / live.sample_every + 2
            assert live.time - window - 1e-9 <= curve.xData[0] and curve.xData[-1] <= live.time + 1e-9
        assert current.xData[-1] == pytest.approx(live.time)
        assert healthy.xData[-1] > live.time - 1  # the last dash may end in a gap


def test_curves_follow_the_history_to_a_fraction_of_a_pixel(pathway, panel_for):
    live = settled(pathway)
    panel = panel_for(live)
    panel.pin("akt")
    toggle_pkc(live, minutes=35)
    panel.refresh()
    times, states = live.history.arrays()
    _, healthy = live.healthy_history.arrays()
    view = panel._plot.getPlotItem().getViewBox()
    pixel = (view.viewRange()[1][1] - view.viewRange()[1][0]) / view.height()
    visible = times >= panel.curves()["hgp"][0].xData[0]
    drawn = 0
    for sid, (current, reference) in panel.curves().items():
        for curve, recorded in ((current, states), (reference, healthy)):
            between = np.interp(times[visible], curve.xData, curve.yData)
            assert np.abs(between - recorded[visible, live.index[sid]]).max() <= 0.3 * pixel + 1e-12
            drawn += len(curve.xData)
    assert drawn < 0.5 * visible.sum() * 2 * len(panel.curves())  # straight runs are drawn as one segment


def test_window_length_and_an_empty_history(pathway, panel_for, tmp_path):
    live = LiveSimulation(pathway)  # nothing recorded yet
    panel = panel_for(live)
    panel.refresh()
    assert panel.export_csv(tmp_path / "empty.csv") == 0
    live.reset()
    for _ in range(400):
        live.advance(0.1)
    panel.set_window_minutes(10)
    t = panel.curves()["hgp"][0].xData
    assert t[0] == pytest.approx(live.time - 10, abs=live.sample_every) and t[-1] == pytest.approx(live.time)
    with pytest.raises(ValueError, match="positive number of minutes"):
        panel.set_window_minutes(0)
    panel.hide()
    for _ in range(50):
        live.advance(0.1)
    panel.export_csv(tmp_path / "hidden.csv")  # the window as it would be shown now
    _, table = read_csv(tmp_path / "hidden.csv")
    assert table[-1, 0] == pytest.approx(live.time) and table[0, 0] == pytest.approx(live.time - 10, abs=0.1)


def test_refresh_does_nothing_without_a_new_sample_or_while_hidden(pathway, panel_for, monkeypatch):
    live = settled(pathway)
    panel = panel_for(live)
    calls = []
    current, _ = panel.curves()["hgp"]
    monkeypatch.setattr(current, "set_points", lambda *a, **k: calls.append(a))
    live.advance(live.sample_every / 4)  # no new sample yet
    panel.refresh()
    assert calls == []
    live.advance(live.sample_every)
    panel.hide()
    panel.refresh()
    assert calls == []
    panel.show()  # catches up on showing
    assert len(calls) == 1


def test_projector_look_is_larger(pathway, panel_for, qtbot):
    live = settled(pathway)
    gauges = ReadoutGauges(live)
    qtbot.addWidget(gauges)
    normal = gauges.sizeHint()
    gauges.set_projector(True)
    assert gauges.sizeHint().height() > 1.5 * normal.height()
    panel = panel_for(live)
    width = panel.curves()["hgp"][0].opts["pen"].widthF()
    assert width >= 2.5
    panel.set_projector(True)
    assert panel.curves()["hgp"][0].opts["pen"].widthF() > width
    current, healthy = panel.curves()["hgp"]
    assert healthy.opts["connect"] == "pairs"  # dashes
    assert healthy.opts["pen"].color().lightness() > current.opts["pen"].color().lightness()


def test_rendering_is_on_white_with_the_traces_drawn(pathway, panel_for, qtbot):
    live = settled(pathway)
    panel = panel_for(live)
    gauges = ReadoutGauges(live)
    qtbot.addWidget(gauges)
    gauges.resize(gauges.sizeHint())
    toggle_pkc(live)
    panel.refresh()
    gauges.refresh(live.snapshot())
    image = panel._plot.grab().toImage()
    view = panel._plot.getPlotItem().getViewBox()
    above_all_traces = view.mapViewToScene(QPointF(view.viewRange()[0][0] + 5, 1.02))
    assert image.pixelColor(panel._plot.mapFromScene(above_all_traces)).name() == "#ffffff"
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 3) for y in range(0, image.height(), 3)}
    assert "#d55e00" in colours  # the hepatic-glucose-output trace (vermillion)
    bars = gauges.grab().toImage()
    bar_colours = {bars.pixelColor(x, y).name() for x in range(0, bars.width(), 2) for y in range(0, bars.height(), 2)}
    assert "#ffffff" in bar_colours and "#d55e00" in bar_colours  # white ground, the HGP bar in its trace colour
