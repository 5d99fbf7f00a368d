"""The one .xlsx writer (issue 16): reports as workbooks a Swedish Excel opens as they are, one
sheet per table, with a frozen header row, an autofilter, column widths from the content, real
date and time cells, and never a formula: every text cell is text, whatever it begins with
(``=``, ``+``, ``-``, ``@``), so nothing from a case export or a roster can run in Excel.

Rows are written as they come (openpyxl's write-only mode): memory stays flat for any count.
A table longer than a sheet can be in Excel (1,048,576 rows with the header) goes on in sheets
of the same name with " (2)", " (3)" after it, each with the header: Excel would refuse the
rows past its limit (it warns that the file was not loaded completely), so none is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from typing import IO, Any

Cell = str | int | float | dt.date | dt.datetime | None
"""What a cell holds: text, a number, a date, a time (local, without a zone) or nothing."""

MAX_WIDTH = 60
"""Widest column, in characters."""
SAMPLE_ROWS = 200
"""Rows looked at to size the columns."""
MAX_SHEET_NAME = 31
EXCEL_ROWS = 1_048_576
"""Rows of an Excel sheet, the header row among them."""


@dataclass
class Sheet:
    """One table of a workbook."""

    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def write_workbook(sheets: Iterable[Sheet], out: IO[bytes], rows_per_sheet: int = EXCEL_ROWS) -> int:
    """Write ``sheets`` as one .xlsx workbook to ``out``; a sheet of more than ``rows_per_sheet``
    rows (the header among them) goes on in the next, of the same name with " (2)" after it.
    Returns how many sheets the workbook has."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in sheets:
        _write_sheet(book, sheet, used, rows_per_sheet)
    if not used:  # a workbook needs a sheet
        book.create_sheet("–")
    book.save(out)
    return max(1, len(used))


def _sheet_name(name: str, used: set[str]) -> str:
    """A name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique in the workbook."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'") or "–"
    candidate, n = clean[:MAX_SHEET_NAME], 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = clean[:MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def _write_sheet(book: Any, sheet: Sheet, used: set[str], rows_per_sheet: int) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    rows: Iterator[Sequence[Cell]] = iter(sheet.rows)
    sample = list(islice(rows, SAMPLE_ROWS))
    columns = max([len(sheet.header), *(len(r) for r in sample)]) if sample or sheet.header else 1
    widths = []
    for index in range(columns):
        values = [sheet.header[index] if index < len(sheet.header) else ""]
        values += [_shown(r[index]) for r in sample if index < len(r)]
        widths.append(min(MAX_WIDTH, max(8, *map(len, values)) + 2))
    pending: Iterator[Sequence[Cell]] = chain(sample, rows)
    part = 1
    while True:
        ws = _start_sheet(book, sheet.header, widths,
                          _sheet_name(sheet.name if part == 1 else f"{sheet.name} ({part})", used))
        count = 0
        for row in islice(pending, max(1, rows_per_sheet - 1)):
            ws.append([_cell(ws, value, WriteOnlyCell) for value in row])
            count += 1
        ws.auto_filter.ref = f"A1:{get_column_letter(max(columns, 1))}{count + 1}"
        more = next(pending, _END)
        if more is _END:
            return
        pending, part = chain([more], pending), part + 1  # type: ignore[list-item]


_END = object()


def _start_sheet(book: Any, header: Sequence[str], widths: list[int], name: str) -> Any:
    """A new sheet with its columns' widths, a frozen header row, and the header in bold."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(name)
    for index, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    cells = []
    for title in header:
        cell = WriteOnlyCell(ws, value=title)
        cell.data_type, cell.font = "s", bold
        cells.append(cell)
    ws.append(cells)
    return ws


def _cell(ws: Any, value: Cell, make: Any) -> Any:
    if isinstance(value, dt.datetime):
        value = value.replace(tzinfo=None)  # the caller gives local time; Excel has no zones
        cell = make(ws, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = make(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    cell = make(ws, value=str(value))
    cell.data_type = "s"  # text stays text: never a formula, whatever it begins with
    return cell


def _shown(value: Cell) -> str:
    if isinstance(value, dt.datetime):
        return "0000-00-00 00:00"
    if isinstance(value, dt.date):
        return "0000-00-00"
    return "" if value is None else str(value)
