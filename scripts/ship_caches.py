"""Write resources/cache: what the first start would otherwise compute from the shipped files.

The parsed form of every YAML file under resources/ (kind ``parsed``) and the start state of the
built-in pathway (kind ``steady``), produced by reading each file and by starting the window once,
headless, with an empty cache folder; the entries that run wrote replace resources/cache. With
them the very first start skips PyYAML and the relaxation, like every later start.

Run it after editing anything in resources/ or changing the version; tests/model/test_shipped_cache.py
fails, naming this script, while the shipped entries are out of date. A stale entry is never used
(entries are named by a digest of their input), so being out of date costs start-up time only.

    python scripts/ship_caches.py
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "cache"


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PATHWAYVIZ_CACHE_DIR"] = os.path.join(tmp, "cache")
        os.environ["PATHWAYVIZ_DATA_DIR"] = os.path.join(tmp, "data")   # no autosave or recent files
        os.environ["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")     # no saved window state
        from pathwayviz.model import disk_cache

        disk_cache.shipped_root = lambda: Path(tmp) / "nothing shipped"   # compute everything afresh
        from pathwayviz.model.yamlio import load_yaml
        from pathwayviz.ui.app import first_window, make_application

        files = sorted(p for p in (ROOT / "resources").rglob("*.yaml") if OUT not in p.parents)
        for path in files:
            load_yaml(path)
        make_application()
        window = first_window(None)  # the start state, exactly as a start computes it
        window.clock.stop()
        written = Path(os.environ["PATHWAYVIZ_CACHE_DIR"])
        shutil.rmtree(OUT, ignore_errors=True)
        shutil.copytree(written, OUT)
    kinds = {kind.name: len(list(kind.glob("*.json"))) for kind in sorted(OUT.iterdir())}
    print(f"{OUT.relative_to(ROOT)}: " + ", ".join(f"{n} {kind}" for kind, n in kinds.items())
          + f" (from {len(files)} YAML files and one start)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
