"""Plot traces, healthy references and gauge borders stand out from the white plot at least 3:1
(WCAG 2.1 non-text contrast), on screen and on slides."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage

from pathwayviz.plots import gauges
from pathwayviz.plots.style import TraceStyles
from pathwayviz.theme.palette import MIN_LINE_CONTRAST, OKABE_ITO, PIN_COLOURS, contrast, darkened_to

WHITE = "#ffffff"


def test_every_trace_and_its_healthy_reference_reach_3_to_1(pathway):
    styles = TraceStyles(pathway.readouts)
    species = [r.species for r in pathway.readouts] + [f"pin{k}" for k in range(len(PIN_COLOURS) + 2)]
    for sid in species:
        style = styles.of(sid)
        assert contrast(style.colour.name(), WHITE) >= MIN_LINE_CONTRAST, (sid, style.colour.name())
        assert contrast(style.healthy_colour.name(), WHITE) >= MIN_LINE_CONTRAST, (sid, style.healthy_colour.name())
        assert style.healthy_colour != style.colour  # the reference still reads as lighter


def test_the_raw_okabe_ito_hues_would_fail_so_the_check_bites():
    assert contrast(OKABE_ITO["orange"], WHITE) < MIN_LINE_CONTRAST
    assert contrast(OKABE_ITO["sky"], WHITE) < MIN_LINE_CONTRAST
    fixed = darkened_to(OKABE_ITO["orange"])
    assert contrast(fixed, WHITE) >= MIN_LINE_CONTRAST and fixed != OKABE_ITO["orange"]
    assert darkened_to(OKABE_ITO["blue"]) == OKABE_ITO["blue"]  # dark enough already: unchanged


def _border_pixels(image: QImage, track_colour: QColor) -> list[QColor]:
    """Colours drawn right round the first gauge track (the pixels between white and the track fill)."""
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())[:, :image.width() * 4]
    rgb = arr.reshape(image.height(), image.width(), 4)[:, :, 2::-1].astype(int)
    track = np.all(np.abs(rgb - np.array(track_colour.getRgb()[:3])) <= 2, axis=2)
    ys, xs = np.nonzero(track)
    y = int(np.median(ys))
    row = rgb[y]
    left = int(xs[ys == y].min())
    return [QColor(*row[x]) for x in range(left - 2, left)]


def test_gauge_track_borders_reach_3_to_1_on_the_rendered_widget(qapp, pathway):
    from pathwayviz.sim.live import LiveSimulation

    live = LiveSimulation(pathway)
    widget = gauges.ReadoutGauges(live)
    widget.refresh(live.snapshot())
    widget.resize(600, widget.sizeHint().height())
    image = widget.grab().toImage().convertToFormat(QImage.Format_ARGB32)
    border = max(_border_pixels(image, gauges.TRACK_FILL), key=lambda c: contrast(c.name(), WHITE))
    assert contrast(border.name(), WHITE) >= MIN_LINE_CONTRAST, border.name()
    assert contrast(gauges.TRACK_BORDER.name(), WHITE) >= MIN_LINE_CONTRAST
