"""Walk through the app in a real X window (Xvfb), with keys only, and check what it did.

Starts Xvfb on display :91 with the openbox window manager, runs ``pathwayviz`` there with fresh
settings and user-data folders, and drives it with ``xdotool`` key presses: toggle JNK (J), step
save the session (Ctrl+Shift+S), undo (Ctrl+Z) and save again, step the lesson (Page Down),
presentation mode (F5, Esc), export a slide (Ctrl+E), quit (Ctrl+Q); then starts the app again
with the saved session on the command line and saves it once more. Screenshots of each step go
to the output folder. Checks, from the files and window titles the app wrote: the first session
holds the JNK toggle and names the window, the session saved after undo does not hold it, the
slide is a PNG of the chosen size, Ctrl+Q quits with exit code 0, and the re-opened session
names the window and saves back the same settings. Exit code 0 when every check holds.

Needs: apt-get install -y xvfb xdotool openbox (and the xcb libraries Qt's xcb platform uses).
Run: python scripts/walkthrough.py [--out DIR] [--display :91]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRAB = r'''
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication([])
ok = app.primaryScreen().grabWindow(0).save(sys.argv[1])
sys.exit(0 if ok else 1)
'''


class Walk:
    def __init__(self, display: str, out: Path):
        self.display = display
        self.out = out
        self.home = Path(tempfile.mkdtemp(prefix="pathwayviz-walk-"))
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(self.home),
                        XDG_CONFIG_HOME=str(self.home / "config"), XDG_DATA_HOME=str(self.home / "data"),
                        PATHWAYVIZ_DATA_DIR=str(self.home / "pathwayviz"))
        self.env.pop("QT_QPA_PLATFORMTHEME", None)  # Qt's own file dialogs: predictable under xdotool
        self.procs: list[subprocess.Popen] = []
        self.failures: list[str] = []
        self.shots = 0

    # -- processes ---------------------------------------------------------------------------------
    def start_display(self) -> None:
        for tool in ("Xvfb", "xdotool", "openbox"):
            if shutil.which(tool) is None:
                raise SystemExit(f"{tool} is not installed: apt-get install -y xvfb xdotool openbox")
        self.procs.append(subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1600x1000x24", "-nolisten",
                                            "tcp"], stderr=subprocess.DEVNULL))
        self.wait(lambda: subprocess.run(["xdotool", "getmouselocation"], env=self.env,
                                         capture_output=True).returncode == 0, "Xvfb to start")
        self.procs.append(subprocess.Popen(["openbox"], env=self.env, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
        time.sleep(0.5)

    def start_app(self, *args: str) -> subprocess.Popen:
        log = open(self.out / f"app-{len(self.procs)}.log", "w")
        app = subprocess.Popen([sys.executable, "-m", "pathwayviz", *args], env=self.env, stdout=log,
                               stderr=subprocess.STDOUT)
        self.procs.append(app)
        self.wait(lambda: self.window_id() is not None, "the PathwayViz window")
        time.sleep(2.0)  # the second start-up step, the first frames
        return app

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()

    # -- X -----------------------------------------------------------------------------------------
    def xdotool(self, *args: str) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True)
        return out.stdout.strip()

    def window_id(self, name: str = "PathwayViz") -> str | None:
        ids = self.xdotool("search", "--onlyvisible", "--name", name).split()
        return ids[-1] if ids else None

    def title(self) -> str:
        wid = self.window_id()
        return self.xdotool("getwindowname", wid) if wid else ""

    def key(self, *keys: str, pause: float = 0.6) -> None:
        wid = self.window_id()
        if wid:
            self.xdotool("windowactivate", "--sync", wid)
        self.xdotool("key", "--clearmodifiers", *keys)
        time.sleep(pause)

    def type_into_dialog(self, dialog_title: str, text: str) -> None:
        """Replace the file name in a file dialog and press Return."""
        self.wait(lambda: self.window_id(dialog_title) is not None, f"the '{dialog_title}' dialog")
        wid = self.window_id(dialog_title)
        self.xdotool("windowactivate", "--sync", wid)
        time.sleep(0.4)
        self.xdotool("key", "ctrl+a")
        self.xdotool("type", "--delay", "5", text)
        time.sleep(0.2)
        self.xdotool("key", "Return")
        time.sleep(1.0)

    def shot(self, name: str) -> Path:
        self.shots += 1
        path = self.out / f"{self.shots:02d}-{name}.png"
        subprocess.run([sys.executable, "-c", GRAB, str(path)], env=self.env, check=False, timeout=30)
        print(f"  screenshot {path.name}")
        return path

    @staticmethod
    def wait(condition, what: str, seconds: float = 30.0) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if condition():
                return
            time.sleep(0.2)
        raise SystemExit(f"timed out waiting for {what}")

    # -- checks ------------------------------------------------------------------------------------
    def check(self, ok: bool, what: str) -> None:
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failures.append(what)


def session_toggles(path: Path) -> dict:
    data = json.loads(path.read_text())
    return data.get("perturbations", {}).get("toggles", {})


def png_size(path: Path) -> tuple[int, int] | None:
    head = path.read_bytes()[:24] if path.exists() else b""
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="walkthrough-out", help="folder for screenshots and files")
    parser.add_argument("--display", default=":91")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    walk = Walk(args.display, out)
    first, after_undo, reopened = out / "first.pathwayviz", out / "after-undo.pathwayviz", out / "reopened.pathwayviz"
    slide = out / "slide.png"
    for old in (first, after_undo, reopened, slide):
        old.unlink(missing_ok=True)
    try:
        walk.start_display()
        print("first start")
        app = walk.start_app()
        walk.shot("first-start")
        walk.key("k")  # pause, so the screenshots and files hold still
        walk.key("j")  # toggle JNK
        walk.shot("jnk-on")
        walk.key("ctrl+shift+s", pause=1.0)
        walk.type_into_dialog("Save session", str(first))
        walk.check(first.exists() and "jnk" in session_toggles(first), "session saved with the JNK toggle")
        walk.check(first.name in walk.title(), f"window title names the session ({walk.title()!r})")
        walk.key("ctrl+z")  # undo the toggle
        walk.shot("after-undo")
        walk.key("ctrl+shift+s", pause=1.0)
        walk.type_into_dialog("Save session", str(after_undo))
        walk.check(after_undo.exists() and "jnk" not in session_toggles(after_undo),
                   "undo switched JNK off again (the session saved after it has no toggle)")
        walk.key("Next")  # lesson: the first step, then its answer
        walk.key("Next")
        walk.shot("lesson-step")
        walk.key("F5", pause=1.5)  # presentation mode
        walk.shot("presentation")
        walk.key("Escape", pause=1.5)
        walk.shot("after-presentation")
        walk.key("ctrl+e", pause=1.0)  # export slide: options dialog (Return = Export…), then the file name
        walk.xdotool("key", "Return")
        time.sleep(1.0)
        walk.type_into_dialog("Save slide as PNG", str(slide))
        walk.wait(lambda: png_size(slide) is not None, "the slide file", 20)
        size = png_size(slide)
        walk.check(size is not None and min(size) >= 720, f"slide exported as PNG ({size})")
        walk.key("ctrl+q", pause=1.0)
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            pass
        walk.check(app.poll() == 0, f"Ctrl+Q quit the app (exit code {app.poll()})")
        print("second start, with the first session on the command line")
        app = walk.start_app(str(first))
        walk.shot("reopened")
        walk.check(first.name in walk.title(), f"re-opened session named in the title ({walk.title()!r})")
        walk.key("k")
        walk.key("ctrl+shift+s", pause=1.0)
        walk.type_into_dialog("Save session", str(reopened))
        walk.check(reopened.exists() and session_toggles(reopened) == session_toggles(first),
                   f"the re-opened session holds the saved settings ({session_toggles(reopened) if reopened.exists() else None})")
        walk.key("ctrl+q", pause=2.0)
        try:
            app.wait(15)
        except subprocess.TimeoutExpired:
            pass
    finally:
        walk.stop()
    print(f"{len(walk.failures)} failed check(s); screenshots in {out}")
    return 1 if walk.failures else 0


if __name__ == "__main__":
    sys.exit(main())
