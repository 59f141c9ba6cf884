"""Rendered-pixel helpers for the canvas tests: images as arrays, text masks, WCAG on pixels."""

from __future__ import annotations

import numpy as np


def image_array(image, background: str = "#ffffff") -> np.ndarray:
    """An H×W×3 uint8 RGB array of a QImage or QPixmap, transparent parts over ``background``."""
    from PySide6.QtGui import QColor, QImage, QPainter

    if not isinstance(image, QImage):
        image = image.toImage()
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format_RGB32)
        flat.fill(QColor(background))
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    image = image.convertToFormat(QImage.Format_RGB32)
    h, w = image.height(), image.width()
    raw = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    bgra = raw.reshape(h, image.bytesPerLine() // 4, 4)[:, :w]
    return bgra[..., [2, 1, 0]].copy()


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of every pixel."""
    c = rgb.astype(float) / 255.0
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast(l1, l2):
    hi, lo = np.maximum(l1, l2), np.minimum(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def dilate(mask: np.ndarray, steps: int) -> np.ndarray:
    out = mask.copy()
    for _ in range(steps):
        grown = out.copy()
        grown[1:] |= out[:-1]
        grown[:-1] |= out[1:]
        grown[:, 1:] |= out[:, :-1]
        grown[:, :-1] |= out[:, 1:]
        out = grown
    return out


def text_contrast(rgb: np.ndarray, ink: tuple[int, int, int], region=None, tolerance: int = 12) -> np.ndarray:
    """Contrast of ``ink`` against every pixel two steps outside the letters drawn in it.

    Those pixels are what the letters are read against (fill, halo or plate), past the one-pixel
    antialiased fringe. ``region`` (y0, y1, x0, x1) limits the search to where the text is.
    """
    everywhere = np.all(np.abs(rgb.astype(int) - np.array(ink)) <= tolerance, axis=-1)
    mask = everywhere.copy()
    if region is not None:
        y0, y1, x0, x1 = region
        keep = np.zeros_like(mask)
        keep[y0:y1, x0:x1] = True
        mask &= keep
    assert mask.sum() > 20, "no letters found in the ink colour"
    ring = dilate(mask, 2) & ~dilate(everywhere, 1)
    return contrast(luminance(np.array(ink, dtype=float)[None, :])[0], luminance(rgb[ring]))
