"""Writes small Netflux spreadsheets for tests, laid out as the Netflux app expects."""

from __future__ import annotations

from pathlib import Path

SPECIES_HEADER = ("module", "ID", "name", "Yinit", "Ymax", "tau", "type", "location", "notes")
REACTION_HEADER = ("module", "ID", "Rule", "Weight", "n", "EC50", "notes", "PMID")


def write_netflux(path: Path, species: list[tuple], reactions: list[tuple]) -> Path:
    """Species rows (module, ID, name, Yinit, Ymax, tau, ...) and reaction rows (module, ID, rule, w, n, EC50, ...).

    ``.xls`` paths get an old Excel 97-2003 workbook (xlwt), others an .xlsx one (openpyxl).
    """
    if path.suffix.lower() == ".xls":
        return write_netflux_xls(path, species, reactions)
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "species"
    ws.append(("Species information",))
    ws.append(SPECIES_HEADER)
    for row in species:
        ws.append(row)
    ws = wb.create_sheet("reactions")
    ws.append(("Reaction information",))
    ws.append(REACTION_HEADER)
    for row in reactions:
        ws.append(row)
    for sheet in wb.worksheets:  # '=> A' is text, as Excel stores it when typed with a leading apostrophe
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    wb.save(path)
    return path


def write_netflux_xls(path: Path, species: list[tuple], reactions: list[tuple]) -> Path:
    """The same sheets as an Excel 97-2003 (.xls) workbook; empty (None) cells are left unwritten."""
    import xlwt

    wb = xlwt.Workbook()
    for name, title, header, rows in (("species", "Species information", SPECIES_HEADER, species),
                                      ("reactions", "Reaction information", REACTION_HEADER, reactions)):
        ws = wb.add_sheet(name)
        for r, row in enumerate([(title,), header, *rows]):
            for c, value in enumerate(row):
                if value is not None:
                    ws.write(r, c, value)
    wb.save(str(path))
    return path


# Every rule form the format has, on seven species.
RULE_SPECIES = [
    ("in", "A", "alpha kinase", 0, 1, 1, "protein", "", "reads the stimulus"),
    ("mid", "  B ", "beta", 0.2, 1, 2),          # whitespace around the ID is trimmed
    ("mid", "C", None, 0, 1, 0.5),                # no name: the ID is the label
    ("mid", "D", "delta", 0, 1, 1),
    ("mid", "E", "epsilon", 0, 1, 1),
    ("out", "F", "phi", 0, 1, 1),
    ("out", "G", "gamma", None, None, None),      # defaults with a warning
    (None, None, "a row with no ID is skipped"),
]
RULE_REACTIONS = [
    ("in", "r1", "=> A", 0.7, 1.4, 0.5),
    ("", "r2", "A => B", 1, 1.4, 0.5, "activation", 123456),
    ("", "r3", "!A => C", 0.9, 2, 0.4),
    ("", "r4", "A & B => D", 0.8, 1.4, 0.5),
    ("", "r5", "A + !C => E", 1, 1.6, 0.6),
    ("", "r6", "B => F", 0.5, 1.4, 0.5),
    ("", "r7", "C  =>  F", 0.6, 1.4, 0.5),       # OR with r6; extra spaces are fine
    ("", "r8", "D => G", None, None, None),      # default parameters with a warning
    ("", "r9", None, 1, 1.4, 0.5),               # no rule: skipped
    ("", None, "E => G", 1, 1.4, 0.5),           # no ID: skipped
    ("", "r10", "=> B", 0.3, 1.4, 0.5),
]
