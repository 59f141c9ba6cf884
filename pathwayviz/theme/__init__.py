"""One palette and one font for everything drawn: canvas, plots and exported slides or videos.

``palette`` is plain data (hex colours, dash patterns) with no Qt; ``fonts`` registers the bundled
font with Qt once. Below canvas, plots and export; above formats.
"""
