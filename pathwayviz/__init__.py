"""PathwayViz: an animated insulin-signalling pathway for teaching selective insulin resistance."""

__version__ = "0.1.0"
