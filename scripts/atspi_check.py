#!/usr/bin/python3
"""Check PathwayViz with a real AT-SPI client, as a screen reader sees it.

Starts a private session D-Bus, Xvfb, the accessibility bus and the app (with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1), then walks the app's accessible tree with pyatspi: the diagram
and its molecules (name, role, description, states), the sliders (their values), the combo boxes
and buttons (their names). It then moves the diagram selection with the arrow keys through xdotool
and listens for the focus and announcement events a screen reader would speak.

Needs Debian packages python3-pyatspi, at-spi2-core, dbus-x11, xvfb and xdotool; run it with the
system Python that has pyatspi, pointing --python at the interpreter that has PathwayViz:

    /usr/bin/python3 scripts/atspi_check.py --python .venv/bin/python

Exit status 0 when every check passed, 1 otherwise; each check prints PASS or FAIL with figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":93"  # the classroom engineer's Xvfb display; --display picks another


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable, help="interpreter with PathwayViz installed")
    parser.add_argument("--display", default=DISPLAY, help="X display for the private Xvfb (default %(default)s)")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    globals()["DISPLAY"] = args.display
    missing = [tool for tool in ("dbus-run-session", "Xvfb", "xdotool") if shutil.which(tool) is None]
    if missing:
        print(f"missing tools: {', '.join(missing)}; install dbus-x11 (or dbus), xvfb and xdotool", file=sys.stderr)
        return 2
    if not args.inner:
        # A private session bus, so nothing here talks to (or depends on) a desktop session.
        return subprocess.call(["dbus-run-session", "--", sys.executable, __file__, "--inner", "--python", args.python,
                                "--display", args.display])
    return run_checks(args.python)


class Checks:
    def __init__(self):
        self.failed = 0

    def check(self, ok: bool, what: str, detail: str = "") -> bool:
        print(f"{'PASS' if ok else 'FAIL'}  {what}{(': ' + detail) if detail else ''}", flush=True)
        self.failed += 0 if ok else 1
        return ok


def wait_for(condition, timeout: float = 30.0, step: float = 0.25):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return None


def run_checks(python: str) -> int:
    env = dict(os.environ, DISPLAY=DISPLAY, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
               QT_ACCESSIBILITY="1", NO_AT_BRIDGE="0", PATHWAYVIZ_DATA_DIR="/tmp/atspi-check-data")
    env.pop("QT_QPA_PLATFORMTHEME", None)
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    procs = [xvfb]
    try:
        time.sleep(1.0)
        os.environ.update(DISPLAY=DISPLAY)
        launcher = shutil.which("at-spi-bus-launcher") or "/usr/libexec/at-spi-bus-launcher"
        procs.append(subprocess.Popen([launcher, "--launch-immediately"], env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(1.0)
        import pyatspi  # after the buses exist: it connects on import

        app_proc = subprocess.Popen([python, "-m", "pathwayviz"], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(app_proc)
        return inspect_app(pyatspi, app_proc)
    finally:
        for proc in reversed(procs):
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


def find_app(pyatspi):
    desktop = pyatspi.Registry.getDesktop(0)
    for k in range(desktop.childCount):
        app = desktop.getChildAtIndex(k)
        if app is not None and "pathwayviz" in (app.name or "").lower() + " ".join(
                (app.getChildAtIndex(j).name or "").lower() for j in range(min(app.childCount, 3))):
            return app
    return None


def walk(node, depth=0, limit=4000):
    """Every accessible below ``node`` (depth-first), bounded."""
    out, stack = [], [node]
    while stack and len(out) < limit:
        n = stack.pop()
        if n is None:
            continue
        out.append(n)
        try:
            stack.extend(n.getChildAtIndex(k) for k in reversed(range(n.childCount)))
        except Exception:  # noqa: BLE001 - a child vanished while walking
            continue
    return out


def states_of(pyatspi, node) -> set[str]:
    names = {pyatspi.STATE_SELECTED: "selected", pyatspi.STATE_FOCUSED: "focused",
             pyatspi.STATE_FOCUSABLE: "focusable", pyatspi.STATE_SELECTABLE: "selectable"}
    state = node.getState()
    return {label for s, label in names.items() if state.contains(s)}


def inspect_app(pyatspi, app_proc) -> int:
    c = Checks()
    app = wait_for(lambda: find_app(pyatspi), timeout=60)
    if not c.check(app is not None, "the app appears on the accessibility bus"):
        print(app_proc.stderr.read().decode(errors="replace")[-2000:] if app_proc.poll() is not None else "")
        return 1
    print(f"      application: {app.name!r}, {app.childCount} top-level window(s)")
    diagram = wait_for(lambda: next((n for n in walk(app) if n.name == "Pathway diagram"), None), timeout=30)
    if not c.check(diagram is not None, "the diagram is an accessible object named 'Pathway diagram'"):
        return 1
    print(f"      role {diagram.getRoleName()!r}; description {diagram.description!r}")
    count = diagram.childCount
    c.check(count >= 30, "the diagram has one child per molecule", f"{count} children")
    print("      first molecules as a screen reader reads them:")
    described = 0
    for k in range(count):
        child = diagram.getChildAtIndex(k)
        if child is None:
            continue
        if "activity" in (child.description or ""):
            described += 1
        if k < 8 or child.name in ("Akt", "IRS-1", "MEK"):
            print(f"        [{k:2}] {child.getRoleName():<10} {child.name!r}: {child.description}  "
                  f"states={sorted(states_of(pyatspi, child))}")
    c.check(described == count, "every molecule describes its activity", f"{described}/{count}")
    irs1 = next((diagram.getChildAtIndex(k) for k in range(count) if diagram.getChildAtIndex(k).name == "IRS-1"), None)
    c.check(irs1 is not None and "pY" in irs1.description and "pS307" in irs1.description,
            "IRS-1 reports its phospho-state badges", irs1.description if irs1 else "")

    nodes = walk(app)

    def values_of(role: str) -> list[tuple]:
        out = []
        for n in (n for n in nodes if n.getRoleName() == role):
            try:
                v = n.queryValue()
                out.append((n.name, v.currentValue, v.minimumValue, v.maximumValue,
                            "focusable" in states_of(pyatspi, n)))
            except NotImplementedError:
                out.append((n.name, None, None, None, None))
        return out

    # Each level is a slider (for the mouse) and a number field beside it that carries the value and
    # the keyboard: a QSlider can only report integer ticks, a QDoubleSpinBox reports the real level.
    sliders, fields = values_of("slider"), values_of("spin button")
    print("      sliders (name, value, min, max, focusable):")
    for row in sliders:
        print(f"        {row}")
    print("      number fields beside them (name, value, min, max, focusable):")
    for row in fields:
        print(f"        {row}")
    c.check(bool(sliders) and all(v[0] for v in sliders + fields), "every slider and number field is named",
            f"{sum(bool(v[0]) for v in sliders + fields)}/{len(sliders + fields)} named")
    by_name = {v[0]: v for v in fields}
    paired_sliders = [v for v in sliders if (v[0] or "").endswith(" (slider)")]
    paired = [by_name.get(v[0].removesuffix(" (slider)")) for v in paired_sliders]
    c.check(bool(paired_sliders) and all(paired) and len(fields) == len(paired_sliders),
            "every slider has a number field of the same name",
            f"{sum(bool(p) for p in paired)}/{len(paired_sliders)}")
    replay = by_name.get("Replay time")  # the time courses' replay row: minutes, not 0..1
    levels = [v for v in fields if v is not replay]
    c.check(bool(levels) and all(v[3] is not None and v[3] <= 1.0 and 0.0 <= v[1] <= 1.0 for v in levels),
            "the level fields report real values (0..1), not integer ticks",
            ", ".join(f"{v[0]}={v[1]:.2f}" for v in levels[:4] if v[1] is not None))
    c.check(replay is not None and replay[1] is not None and replay[2] <= replay[1] <= replay[3] and replay[3] > 1.0,
            "the replay time reports minutes within the visible window, not slider ticks",
            f"{replay[1]:.1f} min of {replay[2]:.1f}-{replay[3]:.1f}" if replay and replay[1] is not None else "")
    combos = [n for n in nodes if n.getRoleName() == "combo box"]
    print("      combo boxes: " + ", ".join(repr(n.name) for n in combos))
    buttons = [n for n in nodes if n.getRoleName() in ("push button", "check box", "toggle button")]
    unnamed = [n for n in buttons if not (n.name or "").strip()]
    c.check(not unnamed, "every button and check box is named", f"{len(buttons) - len(unnamed)}/{len(buttons)} named")
    for n in unnamed:
        parent = n.parent
        print(f"        unnamed {n.getRoleName()} (tooltip/description {n.description!r}) in "
              f"{parent.getRoleName() if parent else '?'} {parent.name if parent else ''!r}")

    # Move the selection from the keyboard and listen as a screen reader does.
    heard: list[str] = []

    def on_event(event):
        source = event.source
        name = source.name if source is not None else ""
        heard.append(f"{event.type} -> {name!r} {event.any_data if isinstance(event.any_data, str) else ''}".strip())

    for kind in ("object:state-changed:focused", "object:state-changed:selected", "focus:",
                 "object:announcement"):
        pyatspi.Registry.registerEventListener(on_event, kind)
    window_id = wait_for(lambda: subprocess.run(["xdotool", "search", "--name", "PathwayViz"], capture_output=True,
                                                text=True).stdout.split(), timeout=20)
    if window_id:
        subprocess.run(["xdotool", "windowactivate", "--sync", window_id[0]], check=False)
    component = diagram.queryComponent()
    x, y = component.getPosition(pyatspi.DESKTOP_COORDS)
    w, h = component.getSize()
    # Give the diagram the keyboard focus by clicking an empty corner (the only pointer use), then keys.
    subprocess.run(["xdotool", "mousemove", str(x + 8), str(y + h - 8), "click", "1"], check=False)
    for key in ("Right", "Down", "Down", "ctrl+d"):
        subprocess.run(["xdotool", "key", key], check=False)
        end = time.monotonic() + 1.5
        while time.monotonic() < end:
            pyatspi.Registry.pumpQueuedEvents()
            time.sleep(0.05)
    selected = [diagram.getChildAtIndex(k).name for k in range(count)
                if "selected" in states_of(pyatspi, diagram.getChildAtIndex(k))]
    print("      events heard after Right, Down, Down, Ctrl+D:")
    for line in heard[:24]:
        print(f"        {line}")
    c.check(len(selected) == 1, "arrow keys select exactly one molecule", f"selected: {selected}")
    c.check(any("focus" in line and selected and selected[0] in line for line in heard),
            "the newly selected molecule gets a focus event", f"{len(heard)} events")
    c.check(any("announcement" in line for line in heard), "Ctrl+D is announced (state in words)")
    print(f"{'ALL CHECKS PASSED' if not c.failed else f'{c.failed} CHECK(S) FAILED'}")
    return 0 if not c.failed else 1


if __name__ == "__main__":
    sys.exit(main())
