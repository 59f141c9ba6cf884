"""File → Export model ▸ SBML / SBML-qual / SBGN-ML / COMBINE archive: the model for other tools.

SBML carries the window's current perturbations (inputs, toggles, drugs, holds) as parameters;
SBML-qual is the logical skeleton; SBGN-ML the diagram with the canvas' node sizes; the COMBINE
archive the open lesson (the built-in one if none is open) as a SED-ML protocol with its slides.
Every failure is shown in a message naming the file and the fix; nothing half-written is left.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog

from ..export.model_archive import ModelFileError, diagram_sbgn, lesson_archive, write_model_file
from ..export.writer import ExportError
from ..model.files import WriteError
from ..formats.sbml_common import ModelExportError
from ..sim.perturbations import PerturbationError
from .messages import show_problem
from .step_progress import progress_report, step_progress


@dataclass(frozen=True)
class ModelFormat:
    id: str
    title: str        # the menu entry
    suffix: str
    file_filter: str
    tip: str


MODEL_FORMATS = (
    ModelFormat("sbml", "&SBML (dynamics)…", ".xml", "SBML model (*.xml *.sbml)",
                "The dynamics as SBML L3V2 for COPASI, tellurium or libroadrunner, with the current settings"),
    ModelFormat("sbml-qual", "SBML-&qual (logical model)…", ".sbml", "SBML-qual model (*.sbml *.xml)",
                "The logical skeleton as SBML-qual for GINsim or Cell Collective"),
    ModelFormat("sbgn", "SBGN-&ML (diagram)…", ".sbgn", "SBGN-ML diagram (*.sbgn)",
                "The diagram as SBGN-ML (Activity Flow) for Newt, CellDesigner or Cytoscape"),
    ModelFormat("omex", "&COMBINE archive (lesson)…", ".omex", "COMBINE archive (*.omex)",
                "The open lesson as a COMBINE archive: model, SED-ML protocol per step and the step slides"),
)


class ModelExportController(QObject):
    """Asks for a file and writes the model in one of :data:`MODEL_FORMATS`."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.last_dir = ""
        self.last_problem = None
        self.progress_dialog: QProgressDialog | None = None

    def ask_export(self, format_id: str) -> None:
        fmt = _format(format_id)
        folder = self.last_dir or QStandardPaths.writableLocation(QStandardPaths.DocumentsLocation)
        suggested = str(Path(folder) / f"{self.window.pathway.id or 'pathway'}{fmt.suffix}")
        path, _ = QFileDialog.getSaveFileName(self.window, f"Export model as {fmt.file_filter.split(' (')[0]}",
                                              suggested, fmt.file_filter)
        if path:
            self.export_to(format_id, path)

    def export_to(self, format_id: str, path) -> Path | None:
        """Write the model in ``format_id`` to ``path``; None (after showing why) when it failed or was cancelled."""
        fmt = _format(format_id)
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(fmt.suffix)
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            data = self._produce(fmt.id)
            if data is None:
                return None
            written = write_model_file(path, data)
        except (ModelExportError, ModelFileError, ExportError, WriteError, PerturbationError) as exc:
            self.last_problem = show_problem(self.window, "Model not exported", str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self.last_dir = str(written.parent)
        self.window.statusBar().showMessage(f"Model saved to {written}", 6000)
        return written

    def _produce(self, format_id: str) -> bytes | None:
        pathway = self.window.pathway
        if format_id == "sbml":
            from ..formats.sbml import write_sbml

            return write_sbml(pathway, self.window.state.perturbations).encode("utf-8")
        if format_id == "sbml-qual":
            from ..formats.sbml_qual import write_sbml_qual

            return write_sbml_qual(pathway).encode("utf-8")
        if format_id == "sbgn":
            return diagram_sbgn(pathway)
        return self._lesson_archive()

    def _lesson_archive(self) -> bytes | None:
        lesson = self.window.lesson_controller.lesson
        total = len(lesson.steps)
        progress = step_progress(self.window, total, f"Rendering {total} slides for the archive…",
                                 "Export COMBINE archive", "model_export_progress")
        self.progress_dialog = progress
        try:
            return lesson_archive(self.window.pathway, lesson, progress=progress_report(progress, "Slide"))
        finally:
            progress.reset()
            progress.close()


def _format(format_id: str) -> ModelFormat:
    for fmt in MODEL_FORMATS:
        if fmt.id == format_id:
            return fmt
    raise KeyError(f"unknown model format '{format_id}'; known: {', '.join(f.id for f in MODEL_FORMATS)}")
