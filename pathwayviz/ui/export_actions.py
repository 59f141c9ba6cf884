"""Slides from the window: File → Export slide… (Ctrl+E), Export lesson…, Export SVG…; Edit → Copy slide.

A slide shows the window's current state (or the scrubbed moment), drawn by a scene of its own
so the animated diagram is never disturbed. When a lesson step is showing, the slide takes the
step's title, caption, highlight and zoom. Size, theme, background and plots are remembered
between uses; every failure is explained in a message naming the file and the fix.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..export.scenario_export import scenario_time_label
from ..export.slide import SlideExporter
from ..export.slide_options import MAX_SIDE, SIZE_PRESETS, SlideError, SlideOptions
from ..export.writer import ExportError
from ..model.files import WriteError
from ..sim.live import LiveSimulation
from ..sim.perturbations import state_caption

from .messages import show_problem
from .step_progress import progress_report, step_progress

SETTINGS_GROUP = "SlideExport"
THEME_TITLES = {"light": "Light", "projector": "Projector (thick lines, large text)"}


def load_choices(settings: QSettings | None = None) -> SlideOptions:
    """The last used size, theme, background and plot choice (defaults if none or invalid)."""
    s = settings or QSettings()
    s.beginGroup(SETTINGS_GROUP)
    try:
        return SlideOptions(int(s.value("width", 1920)), int(s.value("height", 1080)), str(s.value("theme", "light")),
                            _bool(s.value("transparent", False)), _bool(s.value("include_plots", True)))
    except (SlideError, TypeError, ValueError):
        return SlideOptions()
    finally:
        s.endGroup()


def save_choices(options: SlideOptions, settings: QSettings | None = None) -> None:
    s = settings or QSettings()
    s.beginGroup(SETTINGS_GROUP)
    for key, value in (("width", options.width), ("height", options.height), ("theme", options.theme),
                       ("transparent", options.transparent), ("include_plots", options.include_plots)):
        s.setValue(key, value)
    s.endGroup()


def _bool(value) -> bool:
    # QSettings gives strings back from INI files on some platforms.
    return value in (True, 1, "true", "True", "1") if not isinstance(value, bool) else value


# -- the options dialog -----------------------------------------------------------------------------
class SlideOptionsDialog(QDialog):
    """Size, theme, transparency and plots; title and caption too when exporting one slide."""

    CUSTOM = "custom"

    def __init__(self, options: SlideOptions, parent: QWidget | None = None, with_texts: bool = True,
                 title: str = "Export slide", accept_text: str = "Export…"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("slide_options_dialog")
        form = QFormLayout()

        self.size_combo = QComboBox()
        self.size_combo.setObjectName("slide_size")
        for w, h in SIZE_PRESETS:
            note = "Full HD" if (w, h) == (1920, 1080) else "4K" if (w, h) == (3840, 2160) else ""
            self.size_combo.addItem(f"{w} × {h}" + (f"  ({note})" if note else ""), (w, h))
        self.size_combo.addItem("Custom…", self.CUSTOM)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, name in ((self.width_box, "slide_width"), (self.height_box, "slide_height")):
            box.setRange(1, MAX_SIDE)
            box.setSuffix(" px")
            box.setObjectName(name)
        custom = QHBoxLayout()
        custom.addWidget(self.width_box)
        custom.addWidget(QLabel("×"))
        custom.addWidget(self.height_box)
        form.addRow("Size:", self.size_combo)
        form.addRow("", custom)

        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("slide_theme")
        for name in THEMES:
            self.theme_combo.addItem(THEME_TITLES.get(name, name.title()), name)
        form.addRow("Theme:", self.theme_combo)
        self.transparent_box = QCheckBox("Transparent background (for placing on your own slide design)")
        self.transparent_box.setObjectName("slide_transparent")
        self.plots_box = QCheckBox("Include the readout time courses")
        self.plots_box.setObjectName("slide_plots")
        form.addRow("", self.transparent_box)
        form.addRow("", self.plots_box)

        self.title_edit: QLineEdit | None = None
        self.caption_edit: QPlainTextEdit | None = None
        if with_texts:
            self.title_edit = QLineEdit(options.title)
            self.title_edit.setObjectName("slide_title")
            self.caption_edit = QPlainTextEdit(options.caption)
            self.caption_edit.setObjectName("slide_caption")
            self.caption_edit.setFixedHeight(self.caption_edit.fontMetrics().lineSpacing() * 4 + 12)
            form.addRow("Title:", self.title_edit)
            form.addRow("Caption:", self.caption_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("slide_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(accept_text)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self.size_combo.currentIndexChanged.connect(self._size_changed)
        self.set_options(options)

    def set_options(self, o: SlideOptions) -> None:
        index = self.size_combo.findData((o.width, o.height))
        self.size_combo.setCurrentIndex(index if index >= 0 else self.size_combo.count() - 1)
        self.width_box.setValue(o.width)
        self.height_box.setValue(o.height)
        self.theme_combo.setCurrentIndex(max(0, self.theme_combo.findData(o.theme)))
        self.transparent_box.setChecked(o.transparent)
        self.plots_box.setChecked(o.include_plots)
        self._size_changed()

    def _size_changed(self) -> None:
        data = self.size_combo.currentData()
        custom = data == self.CUSTOM
        self.width_box.setEnabled(custom)
        self.height_box.setEnabled(custom)
        if not custom:
            self.width_box.setValue(data[0])
            self.height_box.setValue(data[1])

    def options(self) -> SlideOptions:
        """The chosen options; SlideError (e.g. a size too large for memory) if they cannot work."""
        title = self.title_edit.text().strip() if self.title_edit else ""
        caption = " ".join(self.caption_edit.toPlainText().split()) if self.caption_edit else ""
        return SlideOptions(self.width_box.value(), self.height_box.value(), self.theme_combo.currentData(),
                            self.transparent_box.isChecked(), self.plots_box.isChecked(), title, caption)

    def accept(self) -> None:
        try:
            self.options()
        except SlideError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()


# -- the controller --------------------------------------------------------------------------------
class SlideExportController(QObject):
    """The window's slide actions; tests and scripts call the ``*_to`` methods directly."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._scenes: dict[str, PathwayScene] = {}  # one quiet scene per theme, built on first use
        self.last_problem = None
        self.last_dir = ""

    # -- what is showing ---------------------------------------------------------------------------
    def _lesson_state(self):
        """(lesson, step index) when the window shows a lesson step, else (lesson, None)."""
        controller = self.window.lesson_controller
        return controller.lesson, controller.index if controller.step is not None else None

    def _scene(self, theme: str) -> PathwayScene:
        if theme not in self._scenes:
            self._scenes[theme] = PathwayScene(self.window.pathway, THEMES[theme])
        return self._scenes[theme]

    def default_texts(self) -> tuple[str, str]:
        lesson, step = self._lesson_state()
        if step is not None:
            s = lesson.steps[step]
            return s.title, s.caption
        w = self.window
        return w.pathway.title, state_caption(w.pathway, w.live.perturbations)

    def current_slide(self, options: SlideOptions) -> SlideExporter:
        """The slide of what the window shows now (state, highlight, lesson step, scrubbed time)."""
        w = self.window
        title, caption = self.default_texts()
        options = options.with_texts(options.title or title, options.caption or caption)
        highlight = list(w.state.highlight)
        scenario = w.scenarios.scenario  # its plots span the run so far, from the scenario's start
        label = "of simulation" if scenario is None else scenario_time_label(scenario)
        return SlideExporter.of_live(w.live, options, scene=self._scene(options.theme), highlight=highlight,
                                     zoom=w.state.zoom_target, at_time=w.state.replay_time, time_label=label)

    def _suggested_name(self, suffix: str) -> str:
        lesson, step = self._lesson_state()
        stem = f"{step + 1:02d}-{lesson.steps[step].id}" if step is not None else f"{self.window.pathway.id}-slide"
        folder = self.last_dir or QStandardPaths.writableLocation(QStandardPaths.PicturesLocation) or str(Path.home())
        return str(Path(folder) / f"{stem}{suffix}")

    # -- actions -----------------------------------------------------------------------------------
    def _ask_options(self, with_texts: bool, title: str, accept_text: str) -> SlideOptions | None:
        options = load_choices()
        if with_texts:
            options = options.with_texts(*self.default_texts())
        dialog = SlideOptionsDialog(options, self.window, with_texts, title, accept_text)
        if dialog.exec() != QDialog.Accepted:
            return None
        chosen = dialog.options()
        save_choices(chosen)
        return chosen

    def ask_export_slide(self) -> None:
        options = self._ask_options(True, "Export slide", "Export…")
        if options is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Save slide as PNG", self._suggested_name(".png"),
                                              "PNG images (*.png)")
        if path:
            self.export_slide_to(_with_suffix(path, ".png"), options)

    def ask_export_svg(self) -> None:
        options = self._ask_options(True, "Export slide as SVG", "Export…")
        if options is None:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Save slide as SVG", self._suggested_name(".svg"),
                                              "SVG drawings (*.svg)")
        if path:
            self.export_slide_to(_with_suffix(path, ".svg"), options)

    def ask_export_lesson(self) -> None:
        options = self._ask_options(False, "Export lesson as slides", "Choose folder…")
        if options is None:
            return
        folder = QFileDialog.getExistingDirectory(self.window, "Folder for the lesson slides",
                                                  self.last_dir or str(Path.home()))
        if folder:
            self.export_lesson_to(folder, options)

    def copy_slide(self) -> bool:
        try:
            self.current_slide(load_choices()).to_clipboard()
        except (SlideError, MemoryError) as exc:
            self._problem("Slide not copied", f"The slide could not be copied to the clipboard: {exc}")
            return False
        self.window.statusBar().showMessage("Slide copied to the clipboard", 4000)
        return True

    def export_slide_to(self, path, options: SlideOptions) -> Path | None:
        """Write the current slide as PNG (or SVG for a .svg path); None after showing the problem."""
        path = Path(path)
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            slide = self.current_slide(options)
            written = slide.export_svg(path) if path.suffix.lower() == ".svg" else slide.save_png(path)
        except (ExportError, WriteError) as exc:
            self._problem("Slide not exported", str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.last_dir = str(path.parent)
        self.window.statusBar().showMessage(f"Slide saved to {written}", 6000)
        return written

    def export_lesson_to(self, folder, options: SlideOptions, lesson=None) -> "LessonExportResult | None":
        """One numbered PNG per step of ``lesson`` (default: the open lesson, else the built-in one)."""
        from ..export.lesson_export import export_lesson  # imported when used: keeps start-up lean

        if lesson is None:
            lesson = self.window.lesson_controller.lesson
        total = len(lesson.steps)
        progress = step_progress(self.window, total, f"Exporting {total} slides…", "Export lesson",
                                 "lesson_export_progress")
        self.progress_dialog = progress
        report = progress_report(progress)
        try:
            # A simulation of its own: the window's state and history stay as they are.
            result = export_lesson(lesson, LiveSimulation(self.window.pathway), folder, options, report,
                                   self._scene(options.theme))
        except (ExportError, WriteError) as exc:
            self._problem("Lesson not exported", str(exc))
            return None
        finally:
            progress.reset()
            progress.close()
        self.last_dir = str(folder)
        note = "cancelled after" if result.cancelled else "saved"
        self.window.statusBar().showMessage(f"Lesson export {note} {len(result.files)} slides in {folder}", 8000)
        return result

    def _problem(self, title: str, text: str) -> None:
        self.last_problem = show_problem(self.window, title, text)


def _with_suffix(path: str, suffix: str) -> Path:
    p = Path(path)
    return p if p.suffix.lower() == suffix else p.with_name(p.name + suffix)
