"""The bundled DejaVu Sans, registered with Qt once, so text looks the same on every machine."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from ..resource_files import resource_path

FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

_family: str | None = None


def font_family() -> str:
    """The bundled font's family name (registered on first use); Qt's default if it cannot load."""
    global _family
    if _family is None:
        family = ""
        for name in FONT_FILES:
            font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", name)))
            families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
            family = family or (families[0] if families else "")
        _family = family or QFont().family()
    return _family

