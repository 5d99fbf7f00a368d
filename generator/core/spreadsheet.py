"""The one .xlsx writer (issue 16): reports as workbooks a Swedish Excel opens as they are, one
sheet per table, with a frozen header row, an autofilter, column widths from the content, real
date and time cells, and never a formula: every text cell is text, whatever it begins with
(``=``, ``+``, ``-``, ``@``), so nothing from a case export or a roster can run in Excel.

Rows are written as they come (XlsxWriter's constant-memory mode: each row goes to a temporary
file as it is written, text as inline strings): memory stays flat for any count.
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
MAX_TEXT = 32_767
"""Characters of an Excel cell."""


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
    import tempfile

    import xlsxwriter  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory(prefix="routines-xlsx-") as tmp:
        # Text is never made a formula, a number or a link: every str is written as text.
        book = xlsxwriter.Workbook(out, {"constant_memory": True, "tmpdir": tmp, "strings_to_formulas": False,
                                         "strings_to_numbers": False, "strings_to_urls": False})
        looks = _Looks(book.add_format({"bold": True}), book.add_format({"num_format": "yyyy-mm-dd"}),
                       book.add_format({"num_format": "yyyy-mm-dd hh:mm"}))
        used: set[str] = set()
        for sheet in sheets:
            _write_sheet(book, sheet, used, rows_per_sheet, looks)
        if not used:  # a workbook needs a sheet
            book.add_worksheet("–")
        book.close()
    return max(1, len(used))


@dataclass
class _Looks:
    """The cell formats of a workbook: the header's, a date's, a time's."""

    header: Any
    date: Any
    time: Any


def _sheet_name(name: str, used: set[str]) -> str:
    """A name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique in the workbook."""
    clean = "".join("-" if c in "[]:*?/\\" else c for c in name).strip("'") or "–"
    candidate, n = clean[:MAX_SHEET_NAME], 2
    while candidate.casefold() in used:
        suffix = f" ({n})"
        candidate, n = clean[:MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    used.add(candidate.casefold())
    return candidate


def _write_sheet(book: Any, sheet: Sheet, used: set[str], rows_per_sheet: int, looks: _Looks) -> None:
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
        ws = book.add_worksheet(_sheet_name(sheet.name if part == 1 else f"{sheet.name} ({part})", used))
        for index, width in enumerate(widths):
            ws.set_column(index, index, width)
        ws.freeze_panes(1, 0)
        for column, title in enumerate(sheet.header):
            ws.write_string(0, column, title, looks.header)
        count = 0
        for count, row in enumerate(islice(pending, max(1, rows_per_sheet - 1)), 1):
            _write_row(ws, count, row, looks)
        ws.autofilter(0, 0, count, max(columns, 1) - 1)
        more = next(pending, _END)
        if more is _END:
            return
        pending, part = chain([more], pending), part + 1  # type: ignore[list-item]


_END = object()


def _write_row(ws: Any, at: int, row: Sequence[Cell], looks: _Looks) -> None:
    for column, value in enumerate(row):
        if value is None:
            continue
        if isinstance(value, str):
            if len(value) > MAX_TEXT:  # Excel's most; shown cut, with an ellipsis, never cut unseen
                value = value[:MAX_TEXT - 1] + "…"
            ws.write_string(at, column, value)  # text stays text: never a formula, whatever it begins with
        elif isinstance(value, dt.datetime):  # the caller gives local time; Excel has no zones
            ws.write_datetime(at, column, value.replace(tzinfo=None), looks.time)
        elif isinstance(value, dt.date):
            ws.write_datetime(at, column, value, looks.date)
        elif isinstance(value, bool):
            ws.write_boolean(at, column, value)
        else:
            ws.write_number(at, column, value)


def _shown(value: Cell) -> str:
    if isinstance(value, dt.datetime):
        return "0000-00-00 00:00"
    if isinstance(value, dt.date):
        return "0000-00-00"
    return "" if value is None else str(value)
