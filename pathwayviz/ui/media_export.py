"""File → Export video… and File → Export lesson as PowerPoint…, with progress and cancel.

The export engines (``export.video``, ``export.deck``) know nothing of the window; this module asks
for the choices, runs them on a simulation and scene of their own (the window's animation and
history stay untouched) and keeps the window responsive by processing events after every frame or
step. Cancel stops at the next frame and leaves no file behind.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QLabel, QProgressDialog, QVBoxLayout, QWidget)

from ..canvas.scene import PathwayScene
from ..canvas.style import THEMES
from ..export.video_options import MAX_SECONDS, VideoError, VideoOptions
from ..export.writer import ExportError
from ..model.files import WriteError
from ..sim.live import LiveSimulation
from ..sim.perturbations import state_caption
from .messages import show_problem

VIDEO_SIZES = ((1920, 1080, "Full HD"), (3840, 2160, "4K"), (1280, 720, "HD"), (960, 540, "small, for GIFs"))
WHAT = (("scenario", "The running scenario, start to end"), ("step", "This lesson step's transition"),
        ("lesson", "The whole lesson, step by step"), ("state", "The current settings, from the default state"))


class VideoOptionsDialog(QDialog):
    """What to film, size, frame rate and length; the file type comes from the file name later."""

    def __init__(self, has_step: bool, parent: QWidget | None = None, has_scenario: bool = False):
        super().__init__(parent)
        self.setWindowTitle("Export video")
        self.setObjectName("video_options_dialog")
        form = QFormLayout()
        self.what_combo = QComboBox()
        self.what_combo.setObjectName("video_what")
        for key, text in WHAT:
            if (key != "step" or has_step) and (key != "scenario" or has_scenario):
                self.what_combo.addItem(text, key)
        self.size_combo = QComboBox()
        self.size_combo.setObjectName("video_size")
        for w, h, note in VIDEO_SIZES:
            self.size_combo.addItem(f"{w} × {h}  ({note})", (w, h))
        self.fps_combo = QComboBox()
        self.fps_combo.setObjectName("video_fps")
        for fps in (30, 60, 25):
            self.fps_combo.addItem(f"{fps} frames per second", fps)
        self.seconds_box = QDoubleSpinBox()
        self.seconds_box.setObjectName("video_seconds")
        self.seconds_box.setRange(0.5, MAX_SECONDS)
        self.seconds_box.setValue(10.0)
        self.seconds_box.setSuffix(" s per step")
        self.theme_combo = QComboBox()
        self.theme_combo.setObjectName("video_theme")
        for name in THEMES:
            self.theme_combo.addItem(name.title(), name)
        form.addRow("Film:", self.what_combo)
        form.addRow("Size:", self.size_combo)
        form.addRow("Frame rate:", self.fps_combo)
        form.addRow("Length:", self.seconds_box)
        form.addRow("Theme:", self.theme_combo)
        note = QLabel("MP4 (H.264) plays in PowerPoint, Keynote, Impress and browsers; choose a .gif name for "
                      "an animated GIF (at most 50 frames per second).")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText("Choose file…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def choices(self, gif: bool) -> tuple[str, VideoOptions]:
        """(what, options); VideoError if they do not fit the chosen file type."""
        width, height = self.size_combo.currentData()
        fps = self.fps_combo.currentData()
        if gif and fps > 50:
            fps = 25
        return self.what_combo.currentData(), VideoOptions(width, height, fps, self.seconds_box.value(),
                                                           self.theme_combo.currentData(), gif=gif)


class MediaExportController(QObject):
    """What File → Export video… and Export lesson as PowerPoint… run (entries in ``action_table``);
    tests call the ``*_to`` methods directly."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.last_problem = None
        self.last_dir = ""
        self.progress_dialog: QProgressDialog | None = None

    # -- what is showing ---------------------------------------------------------------------------
    def _lesson_and_step(self):
        """(the open lesson, the showing step's index or None), from the lesson controller."""
        controller = self.window.lesson_controller
        return controller.lesson, controller.index if controller.step is not None else None

    def _folder(self) -> str:
        return self.last_dir or QStandardPaths.writableLocation(QStandardPaths.MoviesLocation) or str(Path.home())

    # -- video -------------------------------------------------------------------------------------
    def ask_export_video(self) -> None:
        lesson, step = self._lesson_and_step()
        dialog = VideoOptionsDialog(step is not None, self.window, self.window.scenarios.scenario is not None)
        if dialog.exec() != QDialog.Accepted:
            return
        path, _ = QFileDialog.getSaveFileName(self.window, "Save video", str(Path(self._folder()) / "pathwayviz.mp4"),
                                              "MP4 video (*.mp4);;Animated GIF (*.gif)")
        if not path:
            return
        path = Path(path) if Path(path).suffix.lower() in (".mp4", ".gif") else Path(path + ".mp4")
        try:
            what, options = dialog.choices(gif=path.suffix.lower() == ".gif")
        except VideoError as exc:
            self._problem("Video not exported", str(exc))
            return
        self.export_video_to(path, options, what)

    def export_video_to(self, path, options: VideoOptions, what: str = "step"):
        """Film ``what`` ("scenario", "step", "lesson" or "state") into ``path``; the VideoResult, or None after a
        problem. The running scenario plays whole, compressed into the clip's seconds."""
        from ..export.video import export_video, scenario_scenes, state_scenes, step_scenes

        w = self.window
        live = LiveSimulation(w.pathway)  # a run of its own: the window's state and history stay as they are
        lesson, step = self._lesson_and_step()
        scenario = w.scenarios.scenario
        if what == "scenario" and scenario is not None:
            p = w.state.perturbations
            scenes = scenario_scenes(p, scenario, options, state_caption(w.pathway, p))
        elif what == "lesson":
            scenes = step_scenes(lesson, live, options)
        elif what == "step" and step is not None:
            scenes = step_scenes(lesson, live, options, step)
        else:
            scenes = state_scenes(live, w.state.perturbations, options)
        scene = PathwayScene(w.pathway, THEMES[options.theme])
        return self._run("Video", path, "Rendering frames…",
                         lambda report: export_video(scenes, live, path, options, report, scene))

    # -- deck --------------------------------------------------------------------------------------
    def ask_export_deck(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.window, "Save lesson as PowerPoint",
                                              str(Path(self._folder()) / "lesson.pptx"), "PowerPoint (*.pptx)")
        if not path:
            return
        path = Path(path) if Path(path).suffix.lower() == ".pptx" else Path(path + ".pptx")
        with_video = QCheckBox("Embed each step's transition as a video clip (slower, larger file)")
        box = QDialog(self.window)
        box.setWindowTitle("Export lesson as PowerPoint")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(box.accept)
        buttons.rejected.connect(box.reject)
        layout = QVBoxLayout(box)
        layout.addWidget(with_video)
        layout.addWidget(buttons)
        if box.exec() != QDialog.Accepted:
            return
        from ..export.deck import DeckOptions

        clip = VideoOptions(1280, 720, 30, 6.0) if with_video.isChecked() else None
        self.export_deck_to(path, DeckOptions(video=clip))

    def export_deck_to(self, path, options=None, lesson=None):
        """Write ``lesson`` (default: the open one) as a deck; the DeckResult, or None after a problem."""
        from ..export.deck import DeckOptions, export_deck

        options = options or DeckOptions()
        w = self.window
        lesson = lesson or self._lesson_and_step()[0]
        scene = PathwayScene(w.pathway, THEMES[options.theme])
        return self._run("Deck", path, "Building slides…",
                         lambda report: export_deck(lesson, LiveSimulation(w.pathway), path, options, report, scene))

    def _run(self, kind: str, path, label: str, export):
        """Run ``export(report)`` under a progress dialog; its result, or None after showing the problem."""
        report = self._progress(f"Export {kind.lower()}", label)
        try:
            result = export(report)
        except (ExportError, WriteError, VideoError) as exc:
            self._problem(f"{kind} not exported", str(exc))
            return None
        finally:
            self._close_progress()
        self.last_dir = str(Path(path).parent)
        message = f"{kind} export cancelled; no file written" if result.cancelled else f"{kind} saved to {result.path}"
        self.window.statusBar().showMessage(message, 8000)
        return result

    # -- progress ----------------------------------------------------------------------------------
    def _progress(self, title: str, label: str):
        dialog = QProgressDialog(label, "Cancel", 0, 1, self.window)
        dialog.setObjectName("media_export_progress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)
        self.progress_dialog = dialog

        def report(done: int, total: int, what: str) -> bool:
            if dialog.maximum() != total:
                dialog.setMaximum(total)
            dialog.setValue(min(done, total))
            dialog.setLabelText(f"{what} — {done} of {total}")
            QApplication.processEvents()  # keeps the window painting and the Cancel button live
            return not dialog.wasCanceled()

        return report

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.close()
            self.progress_dialog = None

    def _problem(self, title: str, text: str) -> None:
        self.last_problem = show_problem(self.window, title, text)
