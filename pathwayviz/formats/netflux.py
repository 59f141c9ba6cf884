"""Read Netflux model spreadsheets (.xlsx and old .xls) into the same :class:`Pathway` YAML files give.

The layout is the one the Netflux app reads (Kraeutler, Soltis & Saucerman 2010): sheets ``species``
and ``reactions``; row 1 a title and row 2 headers (only column positions count); data from row 3.
Species: B ID, C name, D Yinit, E Ymax, F tau, other columns free text. Reactions: B ID, C rule,
D weight, E n, F EC50, later columns free text. Rules are ``=> A`` (an input), ``A => B``,
``!A => B`` and reactants joined by ``&`` or ``+`` (an AND); several reactions with one product
combine by OR. Netflux's AND is w·Π gᵢ (its product of weighted terms divided by w^(k−1)); the
engine's AND term is the product of the edges' f, so the reaction's weight goes on its first edge
and the others carry w = 1, which gives exactly that. Positions come from the automatic layout.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..model.pathway import ACTIVATES, INHIBITS, Card, InputControl, Interaction, Pathway, Species
from ..model.yamlio import FileProblems, Problem
from .imported import output_readouts

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50000
DEFAULTS_SPECIES = {"Yinit": 0.0, "Ymax": 1.0, "tau": 1.0}
DEFAULTS_REACTION = {"weight": 1.0, "n": 1.4, "EC50": 0.5}
_NETFLUX_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def column_letter(index: int) -> str:
    """Spreadsheet column name of a 0-based column index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = _COLUMNS[rem] + name
    return name


@dataclass(frozen=True)
class SheetRow:
    """One data row: its 1-based row number and its cell values (None when empty)."""

    number: int
    cells: tuple

    def get(self, column: int):
        value = self.cells[column] if column < len(self.cells) else None
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value


class _Reader:
    """Collects problems (which stop the import) and warnings (which do not), each naming its cell."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def where(self, sheet: str, row: int, column: int | None = None) -> str:
        cell = f", column {column_letter(column)}" if column is not None else ""
        return f"sheet '{sheet}', row {row}{cell}"

    def problem(self, sheet: str, row: int, column: int | None, message: str) -> None:
        self.problems.append(Problem(self.file, None, f"{self.where(sheet, row, column)}: {message}"))

    def warn(self, sheet: str, row: int, column: int | None, message: str) -> None:
        self.warnings.append(Problem(self.file, None, f"{self.where(sheet, row, column)}: {message}"))

    def defaults_used(self, sheet: str, row: int, what: str, missing: list[str], defaults: dict) -> None:
        if missing:
            self.warn(sheet, row, None, f"{what} has no {', '.join(missing)}; using "
                                        + ", ".join(f"{m} = {defaults[m]:g}" for m in missing))

    def number(self, sheet: str, row: SheetRow, column: int, name: str, defaults: dict, missing: list,
               lo: float, hi: float, lo_open: bool = False) -> float:
        value = row.get(column)
        if value is None:
            missing.append(name)
            return defaults[name]
        if isinstance(value, str):
            try:
                value = float(value)
            except ValueError:
                self.problem(sheet, row.number, column, f"{name} is '{value:.40}', not a number; enter a number "
                                                        f"or leave the cell empty for the default {defaults[name]:g}")
                return defaults[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            self.problem(sheet, row.number, column, f"{name} is {value!r:.40}; enter a finite number")
            return defaults[name]
        value = float(value)
        if value < lo or (lo_open and value == lo) or value > hi:
            low = f"> {lo:g}" if lo_open else f"≥ {lo:g}"
            self.problem(sheet, row.number, column, f"{name} is {value:g}; it must be {low} and ≤ {hi:g}")
            return defaults[name]
        return value


def _text(value) -> str | None:
    """A cell as text: numbers that are whole print without '.0' (PMIDs, numeric ids)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_rows(path: Path) -> tuple[dict[str, list[SheetRow]], dict[str, tuple]]:
    """Rows 3 onward and the row-2 headers of the ``species`` and ``reactions`` sheets.

    The dimension a sheet declares is ignored: .xlsx sheets are re-measured from their cells.
    Raises FileProblems when the file is no spreadsheet or a sheet is missing.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileProblems([Problem(path.name, None, f"cannot read the file ({exc.strerror}); check the path")])
    if size > MAX_FILE_BYTES:
        raise FileProblems([Problem(path.name, None, f"the file is {size / 1e6:.0f} MB; Netflux spreadsheets "
                                                     f"over {MAX_FILE_BYTES // 1_000_000} MB are not supported")])
    try:
        sheets = _read_xls(path) if suffix == ".xls" else _read_xlsx(path)
    except FileProblems:
        raise
    except Exception as exc:  # openpyxl/xlrd raise many types for damaged files
        kind = "an Excel 97-2003 (.xls)" if suffix == ".xls" else "an Excel (.xlsx)"
        raise FileProblems([Problem(path.name, None, f"cannot be read as {kind} workbook ({type(exc).__name__}: "
                                                     f"{str(exc)[:120]}); save it again from Excel or "
                                                     f"LibreOffice")]) from None
    missing = [name for name in ("species", "reactions") if name not in sheets]
    if missing:
        found = ", ".join(f"'{n}'" for n in sheets) or "none"
        raise FileProblems([Problem(path.name, None, f"a Netflux model needs sheets named 'species' and "
                                                     f"'reactions'; missing {', '.join(missing)} (sheets: {found})")])
    rows: dict[str, list[SheetRow]] = {}
    headers: dict[str, tuple] = {}
    for name in ("species", "reactions"):
        raw = sheets[name]
        headers[name] = tuple(raw[1]) if len(raw) > 1 else ()
        rows[name] = [SheetRow(i + 1, tuple(r)) for i, r in enumerate(raw) if i >= 2]
    return rows, headers


def _read_xlsx(path: Path) -> dict[str, list]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        out = {}
        for ws in wb.worksheets:
            key = ws.title.strip().lower()
            if key not in ("species", "reactions"):
                continue
            ws.reset_dimensions()  # the declared <dimension> is often wrong; read what is there
            rows = []
            for row in ws.iter_rows(values_only=True):
                rows.append(row)
                if len(rows) > MAX_ROWS:
                    raise FileProblems([Problem(path.name, None, f"sheet '{ws.title}' has more than {MAX_ROWS} rows")])
            out[key] = rows
        return out
    finally:
        wb.close()


def _read_xls(path: Path) -> dict[str, list]:
    import xlrd

    book = xlrd.open_workbook(str(path), on_demand=True)
    try:
        out = {}
        for name in book.sheet_names():
            key = name.strip().lower()
            if key not in ("species", "reactions"):
                continue
            sheet = book.sheet_by_name(name)
            if sheet.nrows > MAX_ROWS:
                raise FileProblems([Problem(path.name, None, f"sheet '{name}' has more than {MAX_ROWS} rows")])
            out[key] = [tuple(None if c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else c.value
                              for c in sheet.row(i)) for i in range(sheet.nrows)]
        return out
    finally:
        book.release_resources()


def pathway_id(netflux_id: str, taken) -> str:
    """A lower_snake_case species id for a Netflux ID, unique among ``taken``."""
    base = re.sub(r"[^a-z0-9_]+", "_", netflux_id.lower()).strip("_") or "species"
    if not base[0].isalpha():
        base = f"s_{base}"
    sid, k = base, 2
    while sid in taken:
        sid, k = f"{base}_{k}", k + 1
    return sid


def _notes(row: SheetRow, header: tuple, columns) -> list[str]:
    """'header: value' for the free-text cells of a row (the header names the column in the sheet)."""
    out = []
    for c in columns:
        text = _text(row.get(c))
        if text:
            label = _text(header[c]) if c < len(header) else None
            out.append(f"{label}: {text}" if label else text)
    return out


def read_netflux(path: str | Path, warnings: list[Problem] | None = None) -> Pathway:
    """Read a Netflux spreadsheet. Raises FileProblems (every problem, each naming sheet, row and column).

    Warnings (defaults filled in, rows skipped) are appended to ``warnings`` when it is given.
    Species positions are all (0, 0): the caller lays the pathway out.
    """
    path = Path(path)
    rd = _Reader(path.name)
    rows, headers = read_rows(path)

    species: dict[str, Species] = {}
    by_netflux: dict[str, str] = {}
    for row in rows["species"]:
        raw_id, name = _text(row.get(1)), _text(row.get(2))
        if raw_id is None:
            if any(row.get(c) is not None for c in range(2, 6)):
                rd.warn("species", row.number, 1, "row skipped: it has no ID")
            continue
        if not _NETFLUX_ID.match(raw_id):
            rd.problem("species", row.number, 1, f"ID '{raw_id:.40}' must start with a letter and hold only "
                                                 f"letters, digits and '_'")
            continue
        if raw_id in by_netflux:
            rd.problem("species", row.number, 1, f"duplicate species ID '{raw_id}'; each species needs its own ID")
            continue
        missing: list[str] = []
        y0 = rd.number("species", row, 3, "Yinit", DEFAULTS_SPECIES, missing, 0.0, 1e6)
        ymax = rd.number("species", row, 4, "Ymax", DEFAULTS_SPECIES, missing, 0.0, 1e6, lo_open=True)
        tau = rd.number("species", row, 5, "tau", DEFAULTS_SPECIES, missing, 0.0, 1e6, lo_open=True)
        rd.defaults_used("species", row.number, f"'{raw_id}'", missing, DEFAULTS_SPECIES)
        if y0 > ymax:
            rd.problem("species", row.number, 3, f"Yinit ({y0:g}) is above Ymax ({ymax:g})")
        sid = pathway_id(raw_id, species.keys())
        by_netflux[raw_id] = sid
        label = " ".join((name or raw_id).replace("_", " ").split())  # underscores would stop labels wrapping
        compartment = ""
        if _text(headers["species"][7] if len(headers["species"]) > 7 else None) in ("location", "Location"):
            where = _text(row.get(7))  # Netflux's own 'location' column, when the sheet has one
            compartment = pathway_id(where, ()) if where else ""
        header = headers["species"]
        notes = _notes(row, header, [0, *range(6, len(row.cells))])
        notes = ["From the spreadsheet: " + "; ".join(notes) + "."] if notes else []
        what = raw_id if not name else f"{name} (Netflux ID {raw_id})"
        species[sid] = Species(id=sid, label=label, kind="protein", compartment=compartment, pos=(0.0, 0.0), y0=y0,
                               ymax=ymax, tau=tau, synonyms=(raw_id,) if raw_id != sid else (),
                               card=Card(what=what + ".", does=" ".join(notes)))
    if not species and not rd.problems:
        rd.problem("species", 3, 1, "no species found; list species IDs in column B from row 3")

    interactions: list[Interaction] = []
    inputs: dict[str, list[tuple[str, float]]] = {}
    rule_rows: dict[str, int] = {}
    reaction_notes: dict[str, list[str]] = {}
    reaction_ids: set[str] = set()
    for row in rows["reactions"]:
        rid, rule = _text(row.get(1)), _text(row.get(2))
        if rid is None or rule is None:
            if rid is not None or rule is not None:
                rd.warn("reactions", row.number, 1 if rid is None else 2,
                        f"row skipped: it has no {'ID' if rid is None else 'rule'}")
            continue
        if rid in reaction_ids:
            rd.problem("reactions", row.number, 1, f"duplicate reaction ID '{rid}'; each reaction needs its own ID")
            continue
        reaction_ids.add(rid)
        missing = []
        w = rd.number("reactions", row, 3, "weight", DEFAULTS_REACTION, missing, 0.0, 1.0)
        n = rd.number("reactions", row, 4, "n", DEFAULTS_REACTION, missing, 0.0, 20.0, lo_open=True)
        ec50 = rd.number("reactions", row, 5, "EC50", DEFAULTS_REACTION, missing, 0.0, 1.0, lo_open=True)
        rd.defaults_used("reactions", row.number, f"reaction '{rid}'", missing, DEFAULTS_REACTION)
        if ec50 ** n >= 0.5:
            rd.problem("reactions", row.number, 5, f"EC50^n = {ec50:g}^{n:g} = {ec50 ** n:.3g} must be below 0.5 "
                                                   f"for the normalized-Hill curve to exist; lower EC50 or n")
        squashed = " ".join(rule.split())
        if squashed in rule_rows:
            rd.warn("reactions", row.number, 2, f"rule '{squashed}' repeats row {rule_rows[squashed]}; both count")
        rule_rows.setdefault(squashed, row.number)
        parsed = _parse_rule(rd, row.number, rule, by_netflux)
        if parsed is None:
            continue
        reactants, products = parsed
        note = "; ".join(_notes(row, headers["reactions"], range(6, len(row.cells))))
        for product in products:
            if note:
                reaction_notes.setdefault(product, []).append(f"{rid} ({' '.join(rule.split())}): {note}")
            if not reactants:
                inputs.setdefault(product, []).append((rid, w))
                continue
            gate = "and" if len(reactants) > 1 else "or"
            for k, (source, negated) in enumerate(reactants):
                interactions.append(Interaction(len(interactions), source, product, INHIBITS if negated else ACTIVATES,
                                                w if k == 0 else 1.0, n, ec50, gate, note, rid))
    if rd.problems:
        raise FileProblems(rd.problems)

    for sid, notes in reaction_notes.items():  # what the spreadsheet says about the reactions into a species
        card = species[sid].card
        does = " ".join(filter(None, [card.does, "Reactions: " + " | ".join(notes) + "."]))
        species[sid] = replace(species[sid], card=replace(card, does=does))
    controls = []
    for sid, reactions in inputs.items():
        level = reactions[0][1] if len(reactions) == 1 else 1.0 - math.prod(1.0 - w for _, w in reactions)
        ids = tuple(r for r, _ in reactions)
        if len(ids) > 1:
            rd.warnings.append(Problem(path.name, None, f"input reactions {', '.join(ids)} all drive "
                                                        f"'{species[sid].label}'; they act as one input "
                                                        f"(level {level:g}, their OR)"))
        controls.append(InputControl(sid, f"{ids[0]}: {species[sid].label}", level, (), ids))
    if warnings is not None:
        warnings.extend(rd.warnings)
    title = path.stem.replace("_", " ")
    return Pathway(id=pathway_id(path.stem, set()), title=title,
                   description=f"Imported from the Netflux spreadsheet {path.name}.", species=species,
                   interactions=interactions, inputs=controls,
                   readouts=output_readouts(species, interactions), source_file=str(path), time_unit="time units",
                   hill_input="level")


def _parse_rule(rd: _Reader, row: int, rule: str, by_netflux: dict[str, str]):
    """(reactants as (species id, negated), product species ids), or None after recording a problem."""
    if rule.count("=>") != 1:
        rd.problem("reactions", row, 2, f"rule '{rule:.60}' needs exactly one '=>' (e.g. 'A & !B => C')")
        return None
    left, right = (part.strip() for part in rule.split("=>"))
    reactants: list[tuple[str, bool]] = []
    if left:
        for term in re.split(r"[&+]", left):
            term = term.strip()
            negated = term.startswith("!")
            name = term[1:].strip() if negated else term
            if not name:
                rd.problem("reactions", row, 2, f"rule '{rule:.60}' has an empty reactant next to '&', '+' or '!'")
                return None
            sid = _species(rd, row, rule, name, by_netflux)
            if sid is None:
                return None
            reactants.append((sid, negated))
    products = []
    for name in re.split(r"[&+,]|\s+", right):
        if not name:
            continue
        if name.startswith("!"):
            rd.problem("reactions", row, 2, f"rule '{rule:.60}': a product cannot be negated ('{name}')")
            return None
        sid = _species(rd, row, rule, name, by_netflux)
        if sid is None:
            return None
        products.append(sid)
    if not products:
        rd.problem("reactions", row, 2, f"rule '{rule:.60}' has no product after '=>'")
        return None
    return reactants, products


def _species(rd: _Reader, row: int, rule: str, name: str, by_netflux: dict[str, str]) -> str | None:
    if name in by_netflux:
        return by_netflux[name]
    close = difflib.get_close_matches(name, list(by_netflux), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; add it to the species sheet or fix the spelling"
    rd.problem("reactions", row, 2, f"rule '{rule:.60}' names unknown species '{name:.40}'{hint}")
    return None
