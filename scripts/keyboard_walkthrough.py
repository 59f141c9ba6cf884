#!/usr/bin/python3
"""A keyboard-only walk through PathwayViz in a real X session, checked by a screen reader's eyes.

Starts a private session D-Bus, Xvfb (display :93 unless --display), the accessibility bus and the
app with a fresh settings folder, then drives it with xdotool key presses only (no pointer at all):

1. J toggles the JNK kinase                     -> the "JNK (J)" check box is checked (AT-SPI)
2. Ctrl+F, "Akt", Return finds Akt; Esc returns  -> Akt is the selected molecule (AT-SPI)
   to the diagram; Shift+F10 opens Akt's menu;   -> Akt's description says "knocked out" and Akt is
   Down, Return picks its first entry, Knock out    still selected (without the menu, Down would
                                                    have moved the selection; AT-SPI does not list
                                                    an open QMenu, the screenshot shows it)
3. F5 presents the lesson; Page Down through     -> the end screen "End of lesson" appears (AT-SPI);
   every question, answer and region; Esc leaves    Esc leaves presentation mode
4. Ctrl+E, Return (slide options), a path typed  -> the PNG exists, is 1920×1080 and its alt text
   into the file dialog, Return                     describes the state the lesson left (last step)

After each part it saves a screenshot of the whole screen into the output folder. Needs Debian
packages python3-pyatspi, at-spi2-core, dbus (dbus-run-session), xvfb, xdotool and libxcb-cursor0
(without it Qt's xcb plugin does not load and the app never shows: the cause of the first attempt's
failure). Run it with the system Python that has pyatspi:

    /usr/bin/python3 scripts/keyboard_walkthrough.py --python .venv/bin/python /tmp/walkthrough

Exit status 0 when every check passed, 1 otherwise; each check prints PASS or FAIL with what it saw.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from atspi_check import Checks, find_app, states_of, wait_for, walk  # noqa: E402  (same folder)

ROOT = Path(__file__).resolve().parent.parent
SHOT = ("import sys\nfrom PySide6.QtGui import QGuiApplication\napp = QGuiApplication(['shot'])\n"
        "QGuiApplication.primaryScreen().grabWindow(0).save(sys.argv[1])\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default="/tmp/keyboard_walkthrough", help="folder for screenshots")
    parser.add_argument("--python", default=sys.executable, help="interpreter with PathwayViz installed")
    parser.add_argument("--display", default=":93")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    missing = [tool for tool in ("dbus-run-session", "Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        print(f"missing tools: {', '.join(missing)}; install dbus, xvfb and xdotool", file=sys.stderr)
        return 2
    if not args.inner:
        return subprocess.call(["dbus-run-session", "--", sys.executable, __file__, "--inner", "--python", args.python,
                                "--display", args.display, args.out])
    return Walkthrough(args.python, args.display, Path(args.out)).run()


class Walkthrough:
    def __init__(self, python: str, display: str, out: Path):
        self.python, self.display, self.out = python, display, out
        self.c = Checks()
        self.home = Path(tempfile.mkdtemp(prefix="pathwayviz-walkthrough-"))
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                        QT_ACCESSIBILITY="1", NO_AT_BRIDGE="0", XDG_CONFIG_HOME=str(self.home / "config"),
                        XDG_DATA_HOME=str(self.home / "data"), PATHWAYVIZ_DATA_DIR=str(self.home / "data"))
        self.env.pop("QT_QPA_PLATFORMTHEME", None)
        self.shots = 0

    # -- plumbing ----------------------------------------------------------------------------------
    def key(self, *keys: str, pause: float = 0.35) -> None:
        for k in keys:
            subprocess.run(["xdotool", "key", "--clearmodifiers", k], env=self.env, check=False)
            time.sleep(pause)

    def type_text(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "40", text], env=self.env, check=False)
        time.sleep(0.4)

    def shot(self, name: str) -> Path:
        self.shots += 1
        path = self.out / f"{self.shots:02d}_{name}.png"
        subprocess.run([self.python, "-c", SHOT, str(path)], env=self.env, check=False, capture_output=True)
        print(f"      screenshot {path}")
        return path

    def nodes(self):
        return walk(self.app)

    def find(self, role: str, name: str, timeout: float = 10.0):
        return wait_for(lambda: next((n for n in self.nodes() if n.getRoleName() == role and n.name == name), None),
                        timeout=timeout, step=0.3)

    def molecule(self, name: str):
        diagram = self.find("list", "Pathway diagram")
        if diagram is None:
            return None
        return next((diagram.getChildAtIndex(k) for k in range(diagram.childCount)
                     if diagram.getChildAtIndex(k).name == name), None)

    # -- the walk ----------------------------------------------------------------------------------
    def run(self) -> int:
        self.out.mkdir(parents=True, exist_ok=True)
        procs = [subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        try:
            time.sleep(1.0)
            os.environ.update(DISPLAY=self.display)
            launcher = shutil.which("at-spi-bus-launcher") or "/usr/libexec/at-spi-bus-launcher"
            procs.append(subprocess.Popen([launcher, "--launch-immediately"], env=self.env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            time.sleep(1.0)
            import pyatspi  # after the buses exist: it connects on import

            self.pyatspi = pyatspi
            app_proc = subprocess.Popen([self.python, "-m", "pathwayviz"], cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            procs.append(app_proc)
            self.app = wait_for(lambda: find_app(pyatspi), timeout=60)
            if not self.c.check(self.app is not None, "the app starts and appears on the accessibility bus"):
                if app_proc.poll() is not None:
                    print(app_proc.stderr.read().decode(errors="replace")[-2000:])
                return 1
            # Only the mapped window: Qt also makes unmapped helper windows, and focusing one fails (BadMatch).
            window = wait_for(lambda: subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "PathwayViz"],
                                                     env=self.env, capture_output=True, text=True).stdout.split(),
                              timeout=20)
            # No window manager on a bare Xvfb: give the window the keyboard focus directly.
            subprocess.run(["xdotool", "windowsize", window[-1], "1920", "1080", "windowmove", window[-1], "0", "0",
                            "windowfocus", "--sync", window[-1]], env=self.env, check=False)
            time.sleep(1.5)
            self.shot("first_start")
            self.toggle_kinase()
            self.knock_out_from_menu()
            self.run_lesson()
            self.export_slide()
        finally:
            for proc in reversed(procs):
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
        print(f"{'ALL CHECKS PASSED' if not self.c.failed else f'{self.c.failed} CHECK(S) FAILED'}")
        return 0 if not self.c.failed else 1

    def toggle_kinase(self) -> None:
        box = self.find("check box", "JNK (J)")
        before = box is not None and box.getState().contains(self.pyatspi.STATE_CHECKED)
        self.key("j", pause=1.0)
        after = box is not None and box.getState().contains(self.pyatspi.STATE_CHECKED)
        self.c.check(box is not None and not before and after, "J switches the JNK kinase on",
                     f"check box 'JNK (J)' checked: {before} -> {after}")
        self.shot("jnk_on")

    def knock_out_from_menu(self) -> None:
        self.key("ctrl+f")
        self.type_text("Akt")
        self.key("Return", pause=1.0)
        akt = self.molecule("Akt")
        selected = akt is not None and "selected" in states_of(self.pyatspi, akt)
        self.c.check(selected, "Ctrl+F, 'Akt', Return selects Akt", f"Akt states {sorted(states_of(self.pyatspi, akt)) if akt else '-'}")
        self.key("Escape", pause=0.6)  # closes the find bar; the diagram has the focus
        self.key("shift+F10", pause=1.0)
        self.shot("node_menu")  # Qt's AT-SPI bridge does not list an open QMenu: the screenshot shows it
        self.key("Down", "Return", pause=0.6)
        time.sleep(1.0)
        akt = self.molecule("Akt")
        description = akt.description if akt is not None else ""
        still = akt is not None and "selected" in states_of(self.pyatspi, akt)
        # Without the menu, Down would have moved the selection off Akt and Return done nothing.
        self.c.check("knocked out" in description and still,
                     "Shift+F10 opens Akt's menu; Down, Return knocks Akt out", f"Akt: {description}; selected: {still}")
        self.shot("akt_knocked_out")

    def run_lesson(self) -> None:
        self.key("F5", pause=1.5)
        self.shot("presentation_step_1")
        end = None
        presses = 0
        for presses in range(1, 61):
            self.key("Next", pause=0.5)  # Page Down
            if presses == 3:
                self.shot("presentation_step_1_region_2")
            end = next((n for n in self.nodes() if (n.name or "").startswith("End of lesson")
                        and n.getState().contains(self.pyatspi.STATE_SHOWING)), None)
            if end is not None:
                break
        self.c.check(end is not None, "Page Down runs the whole lesson to its end screen",
                     f"{presses} presses: {end.name if end is not None else 'no end screen'}")
        self.shot("end_of_lesson")
        self.key("Escape", pause=1.5)
        menubar = next((n for n in self.nodes() if n.getRoleName() == "menu bar"), None)
        showing = menubar is not None and menubar.getState().contains(self.pyatspi.STATE_SHOWING)
        self.c.check(showing, "Esc leaves presentation mode (the menu bar is back)")

    def export_slide(self) -> None:
        target = self.home / "walkthrough_slide.png"
        self.key("ctrl+e", pause=1.5)
        self.shot("slide_options")
        self.key("Return", pause=1.5)  # the options dialog's default button: Export…
        self.shot("file_dialog")
        self.key("ctrl+a")
        self.type_text(str(target))
        self.key("Return", pause=0.5)
        found = wait_for(lambda: target.exists() and target.stat().st_size > 1000, timeout=30)
        size, alt = png_size_and_text(target) if found else ((0, 0), "")
        self.c.check(bool(found) and size == (1920, 1080), "Ctrl+E exports a 1920×1080 slide", f"{target}: {size}")
        # The lesson left the window in its last step (the JNK inhibitor on top of TNF-α and fatty acids).
        self.c.check("Recap" in alt and "JNK inhibitor" in alt, "the slide's alt text describes the state it shows",
                     alt[:240] or "no alt text")
        shutil.copy(target, self.out / "exported_slide.png") if found else None
        self.shot("after_export")


def png_size_and_text(path: Path) -> tuple[tuple[int, int], str]:
    """A PNG's width and height and its text chunks (tEXt, iTXt, zTXt), read without Qt."""
    data = path.read_bytes()
    width, height = struct.unpack(">II", data[16:24])
    texts, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            texts.append(body.split(b"\0", 1)[-1].decode("latin-1"))
        elif kind == b"zTXt":
            texts.append(zlib.decompress(body.split(b"\0", 1)[-1][1:]).decode("latin-1"))
        elif kind == b"iTXt":  # keyword \0 flag method language \0 translated keyword \0 text
            rest = body.split(b"\0", 1)[-1]
            flag, rest = rest[:1], rest[2:]
            text = rest.split(b"\0", 2)[-1]
            texts.append((zlib.decompress(text) if flag == b"\1" else text).decode("utf-8"))
        pos += 12 + length
    return (width, height), " ".join(texts)


if __name__ == "__main__":
    sys.exit(main())
