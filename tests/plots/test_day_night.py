"""A scenario on the time courses: the whole run in clock time, its nights shaded, scrubbing across it."""

from __future__ import annotations

import pytest

from pathwayviz.model.scenario_refs import resolve_scenario
from pathwayviz.plots.day_night import clock_ticks, scenario_range
from pathwayviz.plots.timecourse import TimeCoursePanel
from pathwayviz.sim.live import LiveSimulation


def test_clock_ticks_read_time_of_day_at_round_hours(pathway):
    day = resolve_scenario("day", pathway)        # 07:00 for 24 h
    ticks = clock_ticks(day, *scenario_range(day))
    assert [label for _t, label in ticks] == ["08:00", "12:00", "16:00", "20:00", "00:00", "04:00"]
    assert ticks[0][0] == 60.0 and ticks[4][0] == 17 * 60.0
    ogtt = resolve_scenario("ogtt", pathway)      # 08:00 for 3 h
    labels = [label for _t, label in clock_ticks(ogtt, *scenario_range(ogtt))]
    assert labels == ["08:00", "08:30", "09:00", "09:30", "10:00", "10:30", "11:00"]


@pytest.fixture
def day_panel(qtbot, pathway):
    live = LiveSimulation(pathway)
    day = resolve_scenario("day", pathway)
    live.start_scenario(day)
    live.run_scenario_to(20 * 60.0)
    panel = TimeCoursePanel(live)
    qtbot.addWidget(panel)
    panel.resize(900, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_scenario(day)
    return panel, live, day


def test_a_scenario_spans_the_whole_day_with_the_night_shaded(day_panel):
    panel, live, day = day_panel
    panel.refresh()
    x0, x1 = panel._plot.getPlotItem().getViewBox().viewRange()[0]
    assert x0 == pytest.approx(-1440.0 * 0.025) and x1 == pytest.approx(1440.0 * 1.025)
    assert [r.getRegion() for r in panel.nights.regions] == [(960.0, 1440.0)]
    axis = panel._plot.getPlotItem().getAxis("bottom")
    assert axis.labelText.startswith("time of day")
    times = live.history.times()
    assert times[0] == pytest.approx(0.0) and times[-1] == pytest.approx(1200.0)  # the whole run is kept


def test_scrubbing_reaches_any_moment_of_the_day_and_reads_clock_time(day_panel, qtbot):
    panel, live, _day = day_panel
    panel.refresh()
    assert panel.scrub_bar.minute.value() == pytest.approx(1200.0)  # live: the minute reached, not the axis end
    with qtbot.waitSignal(panel.scrubbed) as blocker:
        panel.scrub_bar.slider.setValue(100)  # a tenth of the way: about 08:55
    t = blocker.args[0]
    assert t == pytest.approx(-0.025 * 1440 + 0.1 * 1440 * 1.05, abs=live.sample_every)
    assert panel.scrub_bar.status.text().startswith("replaying 08:5")
    panel.resume_live()
    panel.set_scenario(None)
    assert panel.window_minutes() == 30.0 and panel.nights.regions == []
    assert panel.scrub_bar.status.text() == "live"


def test_typing_the_minute_reached_goes_live_and_an_earlier_one_replays_it(day_panel, qtbot):
    panel, live, _day = day_panel
    panel.refresh()
    with qtbot.waitSignal(panel.scrubbed) as blocker:
        panel.scrub_bar.minute.setValue(600.0)
    assert blocker.args[0] == pytest.approx(600.0, abs=live.sample_every)
    assert panel.scrub_bar.status.text() == "replaying 17:00"
    with qtbot.waitSignal(panel.scrub_released):
        panel.scrub_bar.minute.setValue(1200.0)
    assert not panel.is_scrubbing()
