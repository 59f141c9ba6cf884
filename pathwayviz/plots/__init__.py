"""pyqtgraph time courses and readout gauges for the bottom of the main window."""

from .gauges import ReadoutGauges
from .timecourse import TimeCoursePanel

__all__ = ["ReadoutGauges", "TimeCoursePanel"]
