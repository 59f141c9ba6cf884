"""Render the lesson deck with LibreOffice and pull frames out of a video, to look at by eye.

Writes into OUT (default /tmp/pathwayviz-check): lesson.pptx, lesson.pdf and page-NN.png (one per
slide, via `soffice --headless --convert-to pdf` and `pdftoppm -png`), step3.mp4 (the
inflammation step's 10-second transition at 1080p30) and frame-*.png at 0, 3, 6 and 9.9 s (PyAV).
Checks that LibreOffice produced one page per slide and that no page or frame is blank, then
prints the files to open. Needs Debian's libreoffice-impress and poppler-utils.
Usage: python scripts/check_deck.py [OUT] [--with-video]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np


def run(cmd: list[str], timeout: float = 600) -> None:
    print("$", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, timeout=timeout)


def blank(png: Path) -> bool:
    """A page or frame with (almost) one colour everywhere rendered nothing."""
    import av

    with av.open(str(png)) as container:
        pixels = next(container.decode(video=0)).to_ndarray(format="gray")
    return float(np.std(pixels)) < 2.0


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    with_video = "--with-video" in sys.argv
    out = Path(args[0] if args else "/tmp/pathwayviz-check")
    out.mkdir(parents=True, exist_ok=True)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install -y libreoffice-impress poppler-utils", file=sys.stderr)
            return 2
    python = sys.executable
    deck = out / "lesson.pptx"
    run([python, "-m", "pathwayviz", "export", "--pptx", str(deck), *(["--with-video"] if with_video else [])])
    # A private LibreOffice profile: a running office or a stale lock must not block the conversion.
    profile = Path(tempfile.mkdtemp(prefix="pathwayviz-lo-"))
    try:
        run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(out), str(deck)])
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for old in out.glob("page-*.png"):
        old.unlink()
    run(["pdftoppm", "-png", "-r", "96", str(out / "lesson.pdf"), str(out / "page")])

    from pptx import Presentation

    slides = len(Presentation(str(deck)).slides)
    pages = sorted(out.glob("page-*.png"))
    problems = []
    if len(pages) != slides:
        problems.append(f"{len(pages)} pages rendered for {slides} slides")
    problems += [f"{page.name} is blank" for page in pages if blank(page)]

    clip = out / "step3.mp4"
    run([python, "-m", "pathwayviz", "export", "--video", str(clip), "--step", "3", "--seconds", "10"])
    import av

    wanted = {0: "frame-00.0s.png", 90: "frame-03.0s.png", 180: "frame-06.0s.png", 297: "frame-09.9s.png"}
    with av.open(str(clip)) as container:
        stream = container.streams.video[0]
        print(f"{clip.name}: {stream.codec_context.name} {stream.codec_context.pix_fmt} {stream.width}x{stream.height} "
              f"{stream.average_rate} fps, {stream.frames} frames, {float(stream.duration * stream.time_base):.2f} s")
        for k, frame in enumerate(container.decode(video=0)):
            if k in wanted:
                frame.to_image().save(out / wanted[k])
    problems += [f"{name} is blank" for name in wanted.values() if blank(out / name)]

    print(f"deck: {deck} ({slides} slides, {deck.stat().st_size / 1e6:.1f} MB)")
    print("pages to look at:", *(str(p) for p in pages), sep="\n  ")
    print("frames to look at:", *(str(out / n) for n in wanted.values()), sep="\n  ")
    for problem in problems:
        print("PROBLEM:", problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
