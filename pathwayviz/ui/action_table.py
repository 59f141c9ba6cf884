"""Every action of the window, declared once: menus, shortcuts, node menu, F1 list, presentation keys.

Adding an action is one entry in :func:`window_actions`: an id, a title, where it appears (a menu
path such as ``"&File"`` or ``"&Simulation/&Drugs"``, or the node menu), its keys and what it does
(a function of the window; node entries also get the species id). The window builds its menus and
shortcuts from this table (:class:`~pathwayviz.ui.actions.ActionRegistry`); the F1 list is read
from it too, so it is never out of date. Presentation keys are entries of their own context: while
presenting they win over the window's shortcuts (Space means "next" there). Space and Return are
never window shortcuts: they press the focused button or check box (play/pause is K or Ctrl+Space).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QKeySequence

from ..model.pathway import Pathway
from .help_dialogs import show_about, show_shortcuts
from .pathway_files import ask_open_pathway, ask_save_pathway

WINDOW = "window"              # a menu entry and/or window-wide shortcut
NODE = "node"                  # an entry of a molecule's right-click / keyboard menu
PRESENTATION = "presentation"  # a key while presenting full screen

Keys = tuple  # of str (QKeySequence text) or QKeySequence.StandardKey


@dataclass(frozen=True)
class Action:
    """One user action. ``run(window)`` (node entries: ``run(window, species_id)``; checkable ones get
    the new checked state last). ``checked``/``enabled``/``visible`` read the window (and species)."""

    id: str
    title: str
    menu: str = ""
    run: Callable | None = None
    keys: Keys = ()
    tip: str = ""
    context: str = WINDOW
    checkable: bool = False
    checked: Callable | None = None
    enabled: Callable | None = None
    visible: Callable | None = None
    provided: Callable | None = None   # a ready-made QAction of a part (undo, a dock's toggle)
    group: str = ""                    # checkable entries sharing a group are exclusive (a radio submenu)

    @property
    def is_separator(self) -> bool:
        return self.run is None and self.provided is None


def separator(menu: str, context: str = WINDOW) -> Action:
    return Action("-", "", menu, context=context)


def _label(window, species_id: str) -> str:
    return window.pathway.species[species_id].label


def window_actions(pathway: Pathway) -> list[Action]:
    """The table, in menu order (per-pathway entries for each kinase and drug)."""
    from .model_export import MODEL_FORMATS  # its exporters load with the menus, after the first paint

    actions = [
        # -- File ----------------------------------------------------------------------------------
        Action("open_pathway", "Open &pathway…", "&File", ask_open_pathway, ("Ctrl+Alt+O",),
               "Open another pathway file"),
        Action("save_pathway", "Save pathway as &YAML…", "&File", ask_save_pathway, (),
               "Save the pathway (an imported model with its layout) as a PathwayViz pathway file"),
        Action("open_session", "Open &session…", "&File", lambda w: w.sessions.ask_open(), (QKeySequence.Open,),
               "Open a saved .pathwayviz session"),
        Action("open_recent", "Open &recent", "&File", provided=lambda w: w.sessions.recent_menu.menuAction()),
        Action("save_session", "&Save session", "&File", lambda w: w.sessions.save(), ("Ctrl+S",),
               "Save the session (settings, pinned plots, view, simulation state)"),
        Action("save_session_as", "Save session &as…", "&File", lambda w: w.sessions.ask_save_as(),
               ("Ctrl+Shift+S",), "Save the session under a new name"),
        separator("&File"),
        Action("export_slide", "&Export slide…", "&File", lambda w: w.slide_export.ask_export_slide(), ("Ctrl+E",),
               "Save the current diagram as a PNG slide with title, caption, legend and plots"),
        Action("export_lesson", "Export &lesson as slides…", "&File", lambda w: w.slide_export.ask_export_lesson(),
               (), "Save one numbered PNG slide per lesson step"),
        Action("export_svg", "Export slide as S&VG…", "&File", lambda w: w.slide_export.ask_export_svg(), (),
               "Save the current slide as an editable SVG figure"),
        Action("export_csv", "Export time courses as &CSV…", "&File", lambda w: w.time_courses.ask_export_csv(),
               (), "Write the visible time courses (current and healthy) to a CSV file"),
        Action("export_video", "Export &video…", "&File", lambda w: w.media_export.ask_export_video(), (),
               "Save the animation (pulses flowing) as an MP4 clip or an animated GIF"),
        Action("export_deck", "Export lesson as &PowerPoint…", "&File", lambda w: w.media_export.ask_export_deck(),
               (), "Save the lesson as a PowerPoint deck with notes, charts and optional video clips"),
        *[Action(f"export_model_{fmt.id.replace('-', '_')}", fmt.title, "&File/Export &model",
                 lambda w, f=fmt.id: w.model_export.ask_export(f), (), fmt.tip) for fmt in MODEL_FORMATS],
        separator("&File"),
        Action("quit", "&Quit", "&File", lambda w: w.close(), (QKeySequence.Quit,)),
        # -- Edit ----------------------------------------------------------------------------------
        Action("undo", "&Undo", "&Edit", provided=lambda w: w.undo_action, keys=(QKeySequence.Undo,)),
        Action("redo", "&Redo", "&Edit", provided=lambda w: w.redo_action, keys=("Ctrl+Shift+Z", "Ctrl+Y")),
        Action("find", "&Find molecule…", "&Edit", lambda w: w.find_bar.open_bar(), (QKeySequence.Find,),
               "Find a molecule by name, synonym or id"),
        Action("copy_slide", "&Copy slide", "&Edit", lambda w: w.slide_export.copy_slide(), ("Ctrl+Shift+C",),
               "Copy the current slide to the clipboard as an image"),
        # -- View ----------------------------------------------------------------------------------
        Action("zoom_in", "Zoom &in", "&View", lambda w: w.view.zoom_by(1.25), ("+", "=", QKeySequence.ZoomIn)),
        Action("zoom_out", "Zoom &out", "&View", lambda w: w.view.zoom_by(0.8), ("-", QKeySequence.ZoomOut)),
        Action("zoom_fit", "&Fit diagram to window", "&View", lambda w: w.view.fit(), ("0",)),
        Action("compare_healthy", "&Compare healthy vs current", "&View", lambda w, on: w.compare.set_on(on),
               ("Ctrl+K", "F6"), "Show the healthy reference diagram beside the current one", checkable=True,
               checked=lambda w: w.compare.is_on()),
        Action("presentation", "&Presentation mode", "&View", lambda w: w.presentation.toggle(),
               ("F5", "Shift+F5"),  # Shift+F5 is the start key many clickers send
               "Full screen for a projector: PageDown/→/Space next, PageUp/← back, B blank, Esc leave"),
        separator("&View"),
        Action("show_controls", "Controls", "&View", provided=lambda w: w.controls_dock.toggleViewAction()),
        Action("show_card", "Molecule", "&View", provided=lambda w: w.card_dock.toggleViewAction()),
        Action("show_perturbations", "Perturbations", "&View", provided=lambda w: w.whatif.dock.toggleViewAction()),
        Action("show_plots", "Time courses", "&View", provided=lambda w: w.plots_dock.toggleViewAction(),
               keys=("Ctrl+T",)),
        Action("show_glossary", "Glossary", "&View", provided=lambda w: w.glossary_dock.toggleViewAction()),
        Action("show_lesson", "Lesson", "&View", provided=lambda w: w.lesson_dock.toggleViewAction()),
        Action("show_lesson_strip", "Lesson strip", "&View", provided=lambda w: w.lesson_strip.toggleViewAction()),
        # -- Simulation ----------------------------------------------------------------------------
        Action("play_pause", "&Play / pause", "&Simulation", lambda w: w.clock.toggle(), ("K", "Ctrl+Space"),
               "Start or stop the simulation clock"),
        Action("reset", "&Reset", "&Simulation", lambda w: w.reset(), ("R",),
               "Back to the healthy starting state with default settings"),
        separator("&Simulation"),
        *scenario_actions(pathway),
        separator("&Simulation"),
    ]
    for control in pathway.toggles:
        actions.append(Action(
            f"toggle_{control.species}", f"Toggle {control.label}", "&Simulation",
            lambda w, sid=control.species: w.state.toggle_kinase(sid), (control.key,) if control.key else (),
            f"Switch {control.label} serine phosphorylation of IRS-1 on or off"))
    actions.append(separator("&Simulation"))
    labels = {sid: sp.label for sid, sp in pathway.species.items()}
    for drug in pathway.drugs:
        tip = f"Apply {drug.label}: blocks {labels.get(drug.target, drug.target)}"
        actions.append(Action(
            f"drug_{drug.id}", f"{drug.label} (on {labels.get(drug.target, drug.target)})", "&Simulation/&Drugs",
            lambda w, on, d=drug.id: w.state.set_drug(d, on), (), tip + (f" — {drug.note}" if drug.note else ""),
            checkable=True, checked=lambda w, d=drug.id: w.state.perturbations.drugs.get(d, 0) > 0))
    actions += model_choice_actions(pathway)
    actions += [
        # -- Lesson --------------------------------------------------------------------------------
        Action("open_lesson", "&Open lesson…", "&Lesson", lambda w: w.lesson_controller.ask_open_lesson(),
               ("Ctrl+L",), "Open a lesson file"),
        *builtin_lesson_actions(),
        separator("&Lesson"),
        Action("lesson_next", "&Next step / reveal answer", "&Lesson", lambda w: w.lesson_controller.next(),
               ("PgDown",)),
        Action("lesson_previous", "&Previous step", "&Lesson", lambda w: w.lesson_controller.previous(), ("PgUp",)),
        Action("lesson_first", "&First step", "&Lesson", lambda w: w.lesson_controller.first(), ("Ctrl+Home",)),
        Action("lesson_last", "&Last step", "&Lesson", lambda w: w.lesson_controller.last(), ("Ctrl+End",)),
        Action("lesson_reapply", "&Re-apply this step's settings", "&Lesson",
               lambda w: w.lesson_controller.reapply(), (),
               "Undo your own changes by applying the current step's settings again"),
        # -- Help ----------------------------------------------------------------------------------
        Action("shortcuts", "&Keyboard shortcuts", "&Help", show_shortcuts, ("F1",),
               "List every keyboard shortcut"),
        Action("focus_diagram", "Go to the &diagram", "&Help", lambda w: w.view.setFocus(), ("Ctrl+1",),
               "Give the diagram the keyboard focus: then arrow keys follow the arrows, the Menu key opens a "
               "molecule's menu"),
        Action("describe_state", "&Describe the state", "&Help", lambda w: w.state_words.show(), ("Ctrl+D",),
               "Say how the state differs from healthy, in words (also spoken by screen readers)"),
        Action("about", "&About PathwayViz", "&Help", show_about),
        # -- a molecule's menu ---------------------------------------------------------------------
        Action("knockout", "Knock out {label}", run=lambda w, s: w.state.clamp(s, "knockout"), context=NODE),
        Action("overexpress", "Overexpress {label}", run=lambda w, s: w.state.clamp(s, "overexpress"), context=NODE),
        Action("restore", "Restore {label}", run=lambda w, s: w.state.clamp(s, "restore"), context=NODE,
               enabled=lambda w, s: w.state.perturbations.clamp_of(s) is not None),
        Action("fix_level", "Set fixed level of {label}…", run=lambda w, s: w.whatif.ask_fixed_level(s),
               context=NODE),
        separator("", NODE),
    ]
    for drug in pathway.drugs:
        actions.append(Action(
            f"menu_drug_{drug.id}", drug.label, run=lambda w, s, on, d=drug.id: w.state.set_drug(d, on),
            tip=drug.note, context=NODE, checkable=True,
            checked=lambda w, s, d=drug.id: w.state.perturbations.drugs.get(d, 0) > 0,
            visible=lambda w, s, t=drug.target: s == t))
    actions += [
        separator("", NODE),
        Action("pin", "Pin {label} time course", run=lambda w, s: w.state.pin(s), context=NODE,
               visible=lambda w, s: s not in w.state.pins),
        Action("unpin", "Unpin {label} time course", run=lambda w, s: w.state.unpin(s), context=NODE,
               visible=lambda w, s: s in w.state.pins),
        # -- presentation keys (no modifiers; they win over the window's shortcuts while presenting) --
        Action("present_next", "Next step / reveal answer", run=lambda w: w.presentation.next(),
               keys=("PgDown", "Right", "Down", "Space", "Return", "Enter"), context=PRESENTATION),
        Action("present_back", "Previous step", run=lambda w: w.presentation.previous(),
               keys=("PgUp", "Left", "Up", "Backspace"), context=PRESENTATION),
        Action("present_first", "First step", run=lambda w: w.presentation.first(), keys=("Home",),
               context=PRESENTATION),
        Action("present_last", "Last step", run=lambda w: w.presentation.last(), keys=("End",),
               context=PRESENTATION),
        Action("present_blank", "Blank the screen / show it again", run=lambda w: w.presentation.toggle_blank(),
               keys=("B", "."), context=PRESENTATION),
        Action("present_leave", "Leave presentation mode", run=lambda w: w.presentation.leave(),
               keys=("Esc", "F5"), context=PRESENTATION),
    ]
    return actions


def builtin_lesson_actions() -> list[Action]:
    """Lesson ▸ Built-in lesson: <title>, one per shipped lesson (the default one keeps the id
    ``open_builtin_lesson``; the others are ``open_builtin_lesson_<id>``)."""
    from ..lesson import lesson_title
    from ..resource_files import BUILTIN_LESSON, builtin_lesson_ids, builtin_lesson_path

    default = BUILTIN_LESSON.removesuffix(".yaml")
    actions = []
    for lesson_id in builtin_lesson_ids():
        title = lesson_title(builtin_lesson_path(lesson_id)).replace("&", "&&")
        chosen = None if lesson_id == default else lesson_id
        actions.append(Action(
            "open_builtin_lesson" + (f"_{lesson_id}" if chosen else ""), f"Built-in lesson: {title}", "&Lesson",
            lambda w, r=chosen: w.lesson_controller.open_builtin(r), (),
            f"Open the lesson '{title}' that ships with PathwayViz"))
    return actions


def scenario_actions(pathway: Pathway) -> list[Action]:
    """Simulation ▸ Scenario: constant inputs, each built-in scenario that fits the pathway, or a file."""
    from ..model.scenario_refs import builtin_scenarios

    menu = "&Simulation/S&cenario"
    actions = [Action("scenario_none", "&None (constant inputs)", menu,
                      lambda w, on: w.scenarios.choose(None) if on else None, (),
                      "Inputs stay at the levels you set", checkable=True, group="scenario",
                      checked=lambda w: w.scenarios.is_running(None))]
    for scenario in builtin_scenarios(pathway):
        actions.append(Action(
            f"scenario_{scenario.id}", scenario.title.replace("&", "&&"), menu,
            lambda w, on, r=scenario.id: w.scenarios.choose(r) if on else None, (),
            scenario.description or scenario.title, checkable=True, group="scenario",
            checked=lambda w, r=scenario.id: w.scenarios.is_running(r)))
    actions.append(Action("scenario_file", "Open scenario &file…", menu, lambda w: w.scenarios.ask_open_file(), (),
                          "Run a scenario file (meals, sleep, steps, ramps, pulses; docs/SCENARIOS.md)"))
    return actions


def model_choice_actions(pathway: Pathway) -> list[Action]:
    """Simulation → one radio submenu per debated mechanism (the pathway's ``variants:``), then
    Simulation → Preset (its ``presets:``, each setting inputs, toggles, drugs and variants)."""
    actions: list[Action] = [separator("&Simulation")] if pathway.variants or pathway.presets else []
    for variant in pathway.variants:
        for option in variant.options:
            actions.append(Action(
                f"variant_{variant.id}_{option.id}", option.label, f"&Simulation/{variant.label}",
                lambda w, on, v=variant.id, o=option.id: w.state.set_variant(v, o) if on else None, (),
                f"{variant.label}: use the mechanism '{option.label}'", checkable=True,
                checked=lambda w, v=variant.id, o=option.id: w.state.variant_option(v) == o,
                group=f"variant_{variant.id}"))
    for preset in pathway.presets:
        actions.append(Action(
            f"preset_{preset.id}", preset.label, "&Simulation/Pre&set",
            lambda w, pid=preset.id: w.state.apply_named_preset(pid), (),
            preset.description or f"Set the inputs, toggles, drugs and mechanisms of '{preset.label}'"))
    return actions


def node_title(action: Action, window, species_id: str) -> str:
    return action.title.format(label=_label(window, species_id))
