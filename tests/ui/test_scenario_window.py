"""Simulation ▸ Scenario in the window: start a day or an OGTT, watch its clock, scrub it, leave it."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pathwayviz.ui.plots_dock import ensure_plots


def scenario_marks(w):
    return {k: a.isChecked() for k, a in w.actions_registry.all().items() if k.startswith("scenario_")}


def test_the_scenario_menu_offers_constant_inputs_each_built_in_scenario_and_a_file(main_window):
    w = main_window
    menu = w.actions_registry.menu("&Simulation/S&cenario")
    titles = [a.text() for a in menu.actions() if a.text()]
    assert titles == ["&None (constant inputs)", "A day in the body: three meals and a night's sleep",
                      "Oral glucose tolerance test (75 g)", "Open scenario &file…"]
    assert scenario_marks(w) == {"scenario_none": True, "scenario_day": False, "scenario_ogtt": False,
                                 "scenario_file": False}
    assert not w.actions_registry["scenario_file"].isCheckable()  # it opens a file each time
    assert not w.scenarios.clock_label.isVisible()


def test_choosing_the_day_starts_it_shows_its_clock_and_spans_the_plots(main_window):
    w = main_window
    w.plots_dock.show()
    plots = ensure_plots(w)
    w.actions_registry["scenario_day"].trigger()
    assert w.state.scenario == "day" and w.live.scenario.id == "day" and w.live.time == 0.0
    assert scenario_marks(w)["scenario_day"] and not scenario_marks(w)["scenario_none"]
    label = w.scenarios.clock_label
    assert label.isVisible() and label.accessibleName() == "Scenario clock"
    assert label.text() == "07:00 · A day in the body: three meals and a night's sleep"
    assert plots.window_minutes() == 1440.0 and [r.getRegion() for r in plots.nights.regions] == [(960.0, 1440.0)]
    assert w.clock.speed == 10.0  # a day plays in a few minutes
    glucose_fasting = w.live.value("blood_glucose")
    for _ in range(30):
        w.clock.tick(3.0)  # the clock runs through the schedule: breakfast at 08:00
    assert w.live.time == pytest.approx(90.0)
    assert label.text() == "08:30 · A day in the body: three meals and a night's sleep"
    assert w.live.value("blood_glucose") > glucose_fasting + 0.02
    w.live.run_scenario_to(17 * 60.0)
    w.redraw(0.0)
    assert label.text() == "00:00 · A day in the body: three meals and a night's sleep · asleep"


def test_undo_and_reset_return_to_constant_inputs(main_window):
    w = main_window
    w.actions_registry["scenario_ogtt"].trigger()
    w.live.run_scenario_to(60.0)
    w.undo_stack.undo()
    assert w.state.scenario is None and w.live.scenario is None and w.live.schedule is None
    assert scenario_marks(w)["scenario_none"] and not w.scenarios.clock_label.isVisible()
    assert w.clock.speed == 2.0  # the speed chosen before the scenario
    w.undo_stack.redo()
    assert w.live.scenario.id == "ogtt" and w.live.time == 0.0  # from its defined start again
    w.actions_registry["reset"].trigger()
    assert w.state.scenario is None and w.live.scenario is None
    assert ensure_plots(w).window_minutes() == 30.0


def test_the_scenario_stops_at_its_end_and_play_starts_it_again(main_window):
    w = main_window
    w.actions_registry["scenario_ogtt"].trigger()
    w.live.run_scenario_to(179.9)
    w.clock.start()
    w.clock.tick(0.5)
    assert not w.clock.is_running()
    assert w.scenarios.clock_label.text().endswith("· end of scenario")
    w.clock.start()
    assert w.live.time == 0.0 and w.live.scenario.id == "ogtt"
    w.clock.stop()


def test_a_broken_scenario_file_is_reported_with_its_line_and_nothing_changes(main_window, tmp_path, monkeypatch,
                                                                            qtbot):
    w = main_window
    bad = tmp_path / "lunch.yaml"
    bad.write_text("format: pathwayviz-scenario/1\nid: lunch\ntitle: Lunch\nduration: 3 h\nschedule:\n"
                   "  - {meal: 1 h, input: dinner}\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    w.actions_registry["scenario_file"].trigger()
    qtbot.waitUntil(lambda: any(b.isVisible() for b in w.findChildren(QMessageBox)))
    box = next(b for b in w.findChildren(QMessageBox) if b.isVisible())
    assert "lunch.yaml:6" in box.text() and "'dinner' is not an input" in box.text()
    box.close()
    assert w.state.scenario is None and scenario_marks(w)["scenario_none"]
    good = tmp_path / "snack.yaml"
    good.write_text("format: pathwayviz-scenario/1\nid: snack\ntitle: A snack\nduration: 2 h\nclock_start: 15 h\n"
                    "schedule:\n  - {meal: 30 min, size: 0.3}\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(good), ""))
    w.actions_registry["scenario_file"].trigger()
    assert w.state.scenario == str(good) and not any(scenario_marks(w).values())  # a file: no built-in marked
    assert w.scenarios.clock_label.text() == "15:00 · A snack"


def test_scrubbing_the_day_replays_its_clock(main_window, qtbot):
    w = main_window
    w.plots_dock.show()
    plots = ensure_plots(w)
    w.actions_registry["scenario_day"].trigger()
    w.live.run_scenario_to(20 * 60.0)
    w.redraw(0.0)
    with qtbot.waitSignal(plots.scrubbed):
        plots.scrub_bar.slider.setValue(500)  # halfway across the day: about 19:00
    assert w.state.replay_time == pytest.approx(-0.025 * 1440 + 0.5 * 1440 * 1.05, abs=w.live.sample_every)
    assert w.scenarios.clock_label.text().startswith("19:")
    plots.resume_live()
    assert w.scenarios.clock_label.text().startswith("03:00")


def test_the_running_scenario_exports_as_a_clip_and_its_slide_says_so(main_window, tmp_path):
    import av

    from pathwayviz.export.slide_options import SlideOptions
    from pathwayviz.export.video_options import VideoOptions
    from pathwayviz.ui.media_export import VideoOptionsDialog

    w = main_window
    assert [VideoOptionsDialog(False, w).what_combo.itemData(k) for k in range(2)] == ["lesson", "state"]
    w.actions_registry["scenario_ogtt"].trigger()
    w.live.run_scenario_to(60.0)
    dialog = VideoOptionsDialog(False, w, w.scenarios.scenario is not None)
    assert dialog.what_combo.currentData() == "scenario"  # offered first while one runs
    result = w.media_export.export_video_to(tmp_path / "ogtt.mp4", VideoOptions(320, 180, 24, 1.0), "scenario")
    assert result is not None and result.frames == 24
    with av.open(str(tmp_path / "ogtt.mp4")) as container:
        assert container.streams.video[0].frames == 24
    assert w.live.time == pytest.approx(60.0)  # the window's own run is left where it was
    slide = w.slide_export.current_slide(SlideOptions(960, 540))
    assert slide.frame.time_label == "of scenario 'ogtt' from 08:00"


def test_listeners_hear_the_scenario_start_and_no_settled_state_while_it_runs(main_window, qtbot, monkeypatch):
    from pathwayviz.ui import scenario_player, state_words

    spoken = []
    monkeypatch.setattr(scenario_player, "announce", lambda widget, text: spoken.append(text))
    monkeypatch.setattr(state_words, "announce", lambda widget, text: spoken.append(text))
    w = main_window
    w.actions_registry["scenario_day"].trigger()
    assert spoken == ["A day in the body: three meals and a night's sleep: runs from 07:00 for 24 h"]
    w.live.run_scenario_to(90.0)
    w.state.toggle_kinase("jnk")
    qtbot.waitUntil(lambda: len(spoken) > 1, timeout=3000)
    assert spoken[-1].startswith("A day in the body: three meals and a night's sleep runs; at 08:30: JNK on")
    assert not any(t.startswith("Settles at") for t in spoken)
