"""Rosters as the scheduling systems export them (SPEC 6): an ``.xlsx`` workbook with the sheets
Bemanning, Frånvaro and optionally Personer (or assignments, absences, people), or two CSV
files, read into the same data a YAML roster holds, each entry located by sheet (or file) and
row, so that one set of checks serves every form."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.content.datafile import DataFile, validate
from generator.content.textfile import MAX_DATA_BYTES, TextProblem, read_bytes
from generator.content.workbook import SUFFIXES, is_workbook, open_book
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg, one_of

SHEETS: dict[str, tuple[str, ...]] = {
    "assignments": ("bemanning", "assignments", "tjänstgöring", "schema"),
    "absences": ("frånvaro", "absences"),
    "people": ("personer", "people", "personal"),
}
"""The sheet of each part of a roster, by its names (compared without case)."""

COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "assignments": {"person": ("person", "person-id", "personid", "anställd", "medarbetare", "anställningsnummer"),
                    "role": ("role", "roll"),
                    "unit": ("unit", "enhet", "arbetsplats", "mottagning", "avdelning"),
                    "from": ("from", "från", "från och med", "fr.o.m.", "fr o m", "startdatum", "start"),
                    "to": ("to", "till", "till och med", "t.o.m.", "t o m", "slutdatum", "slut")},
    "absences": {"person": ("person", "person-id", "personid", "anställd", "medarbetare", "anställningsnummer"),
                 "from": ("from", "från", "från och med", "fr.o.m.", "fr o m", "startdatum", "start"),
                 "to": ("to", "till", "till och med", "t.o.m.", "t o m", "slutdatum", "slut"),
                 "note": ("note", "anteckning", "kommentar", "orsak")},
    "people": {"id": ("id", "person", "person-id", "personid", "anställningsnummer"),
               "name": ("name", "namn")},
}
"""The columns of each part by our ids and the headers Swedish exports use (without case)."""

REQUIRED = {"assignments": ("person", "role", "unit"), "absences": ("person", "from", "to"), "people": ("id",)}
MAX_ROWS = 200_000
"""Rows read from one sheet or file: far more than any roster."""


def read_workbook(path: Path, sheets: Mapping[str, str] | None = None,
                  columns: Mapping[str, str] | None = None) -> DataFile:
    """The roster in a workbook; a :class:`GeneratorError` when it is not one. ``sheets`` and
    ``columns`` are ``[roster.sheets]`` and ``[roster.columns]`` of routines.toml."""
    is_workbook(path)  # raises for an old .xls, a password-protected one, and an .xlsx that is no zip
    book = open_book(path)
    try:
        names = {name.strip().casefold(): name for name in book.names}
        source = DataFile(str(path))
        for part, aliases in SHEETS.items():
            named = (sheets or {}).get(part)
            aliases = (named.strip().casefold(),) if named else aliases
            sheet_name = next((names[a] for a in aliases if a in names), None)
            if sheet_name is None:
                if part == "assignments":
                    raise GeneratorError(msg("roster.no_sheet", path=str(path), sheets=one_of(
                        f"'{n}'" for n in book.names)))
                continue
            rows = book.rows(sheet_name, MAX_ROWS + 1)
            merged = book.merged(sheet_name)
            if merged and len(rows) <= MAX_ROWS:
                raise GeneratorError(msg("workbook.merged", path=str(path), sheet=sheet_name, cells=merged[0]))
            _read_part(source, part, f"{path}[{sheet_name}]", rows, columns)
    finally:
        book.close()
    return _checked(source)


def read_csv_pair(assignments: Path, absences: Path | None, columns: Mapping[str, str] | None = None) -> DataFile:
    """The roster in two CSV files (``,`` or ``;``, UTF-8 or Windows-1252)."""
    source = DataFile(str(assignments))
    for part, path in (("assignments", assignments), ("absences", absences)):
        if path is not None:
            _read_part(source, part, str(path), _csv_rows(path, part), columns)
    return _checked(source)


def _checked(source: DataFile) -> DataFile:
    validate(source, "roster")
    return source


def _csv_rows(path: Path, part: str) -> list[list[Any]]:
    """The rows of a CSV file, its encoding and separator told as a case export's are."""
    from generator.content.csv_sniff import delimiter_of, encoding_of

    raw = read_bytes(path, MAX_DATA_BYTES)
    if isinstance(raw, TextProblem):
        raise GeneratorError(msg("roster.unreadable", path=str(path), reason=raw.message))
    encoding, bom = encoding_of(path, raw[:4])
    text = raw[bom:].decode(encoding, errors="replace")
    first = text.split("\n", 1)[0]
    known = {name for names in COLUMNS[part].values() for name in names}
    delimiter = delimiter_of(f"{path}:1", first, None, lambda cells: sum(c.strip().casefold() in known for c in cells),
                             ",".join(COLUMNS[part]))
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))[:MAX_ROWS + 1]
    except csv.Error as error:
        raise GeneratorError(msg("roster.unreadable", path=str(path), reason=str(error))) from None


def _read_part(source: DataFile, part: str, place: str, rows: Sequence[Sequence[Any]],
               columns: Mapping[str, str] | None) -> None:
    """The rows of one sheet (or file) as the items of ``part``; row 1 is the header."""
    if not rows or not any(_text(cell) for cell in rows[0]):
        raise GeneratorError(msg("roster.no_header", place=place, columns=", ".join(COLUMNS[part])))
    positions = _positions(place, part, [_text(cell) for cell in rows[0]], columns or {})
    items: list[dict[str, Any]] = []
    source.places[f"/{part}"] = place
    for number, row in enumerate(rows[1:], start=2):
        if not any(_text(cell) for cell in row):
            continue  # a blank row
        item: dict[str, Any] = {}
        for key, index in positions.items():
            value = row[index] if index < len(row) else ""
            cell = _value(value, key in ("from", "to"))
            if cell != "":
                item[key] = cell
        pointer = f"/{part}/{len(items)}"
        source.lines[pointer] = number
        source.lines.update({f"{pointer}/{key}": number for key in item})
        items.append(item)
    source.data[part] = items


def _positions(place: str, part: str, header: list[str], columns: Mapping[str, str]) -> dict[str, int]:
    names_of = {key: ((columns[key].strip().casefold(),) if key in columns else names)
                for key, names in COLUMNS[part].items()}
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        key = next((k for k, names in names_of.items() if title.casefold() in names), None)
        if key is not None and key not in found:
            found[key] = index
    missing = [k for k in REQUIRED[part] if k not in found]
    if missing:
        raise GeneratorError(msg("roster.missing_columns", place=place, missing=", ".join(missing),
                                 found=", ".join(f"'{h}'" for h in header if h) or "–",
                                 known=_known(part)))
    return found


def _known(part: str) -> Msg:
    return msg("roster.known_headers", headers="; ".join(
        f"{key}: {', '.join(names[1:3]) or key}" for key, names in COLUMNS[part].items()))


def _text(cell: Any) -> str:
    return "" if cell is None else str(cell).strip()


def _value(cell: Any, is_date: bool) -> Any:
    """A cell as the YAML roster would hold it: dates as YYYY-MM-DD, whole numbers as text."""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if is_date else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))  # an employee number typed as a number
    if isinstance(cell, bool):
        return "ja" if cell else "nej"
    text = _text(cell)
    if is_date and len(text) > 10 and text[10] in " T":  # "2026-06-15 00:00:00" from a text cell
        text = text[:10] if text[11:].strip("0: ") == "" else text
    return text


def is_spreadsheet(path: Path) -> bool:
    """True for an .xlsx workbook; an old .xls is refused with what to do."""
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise GeneratorError(msg("workbook.old_xls", path=str(path)))
    return suffix in SUFFIXES
