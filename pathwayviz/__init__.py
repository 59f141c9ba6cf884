"""PathwayViz: an animated insulin-signalling pathway for teaching selective insulin resistance."""

import os

# OpenBLAS starts one busy thread per core when numpy loads (about 45 ms of CPU at start-up here);
# our matrices are small, so one thread is as fast. A value the user set is kept.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
