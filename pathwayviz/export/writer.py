"""PNG and SVG encoding of slides, written through the one atomic writer (``model.files``).

Encoding happens in memory; the bytes then go to a temporary file beside the target that is
renamed over it, so a failure leaves any earlier file intact and no partial file. Failures raise
WriteError naming the file and the fix.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QImage, QImageWriter, QPainter

from ..model.files import WriteError, check_target, write_bytes_atomic

class ExportError(Exception):
    """An export cannot be made (a missing optional library, a wrong file type); the message says
    what to do. Failures to write the file raise WriteError instead."""

# zlib level 1 (Qt maps quality q to level (100 - q) * 9 / 91): about 30 % faster than Qt's default
# at a similar size for slides; quality >= 90 would write uncompressed 25-33 MB files at 4K.
PNG_QUALITY = 80
ALT_TEXT_KEY = "Description"  # the PNG keyword for a description of the image (PNG spec §11.3.4)


def png_bytes(image: QImage, quality: int = PNG_QUALITY, alt_text: str = "") -> bytes:
    """``image`` encoded as PNG (``alt_text`` in a Description chunk); ValueError if encoding fails."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, b"png")
    writer.setQuality(quality)
    if alt_text:
        writer.setText(ALT_TEXT_KEY, alt_text)
    ok = writer.write(image)
    buffer.close()
    if not ok:
        raise ValueError(writer.errorString())
    return data.data()


def write_png(image: QImage, path, quality: int = PNG_QUALITY, alt_text: str = "") -> Path:
    """Encode ``image`` as PNG into ``path`` atomically; raises WriteError on any failure.

    ``alt_text`` goes into a Description text chunk, where screen readers and image tools find it.
    Safe to call from a worker thread (it touches no widgets); the encoder releases the GIL.
    """
    path = check_target(path)
    try:
        data = png_bytes(image, quality, alt_text)
    except ValueError as exc:
        raise WriteError(path, f"Could not write {path}: the PNG encoder failed ({exc}). "
                               "Try a smaller size. Any earlier file there is unchanged.") from None
    return write_bytes_atomic(path, data)


def write_svg(slide, path) -> Path:
    """Write ``slide`` (a SlideExporter) as SVG atomically; raises WriteError on any failure."""
    from PySide6.QtSvg import QSvgGenerator

    path = check_target(path)
    o = slide.options
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(o.width, o.height))
    generator.setViewBox(QRect(0, 0, o.width, o.height))
    generator.setResolution(96)  # CSS pixels, as drawing programs expect
    generator.setTitle(o.title or slide.pathway.title)
    generator.setDescription(slide.alt_text())  # the SVG <desc>
    painter = QPainter()
    if not painter.begin(generator):
        raise WriteError(path, f"Could not write {path}: the SVG generator could not start. "
                               "Any earlier file there is unchanged.")
    try:
        slide.paint(painter)
    finally:
        painter.end()
        buffer.close()
    return write_bytes_atomic(path, data.data())
