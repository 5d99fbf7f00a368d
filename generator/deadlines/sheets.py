"""Case exports as ``.xlsx`` workbooks (SPEC 6), read in pieces of rows (generator/content/workbook.py).

The first worksheet, or the one ``--sheet`` names; its first row is the header. A date cell is
local time in the configured zone, a text cell is read as the same text in a CSV file would
be, so the same cases give the same results in every format. Row numbers are the sheet's own
(row 1 the header), as a CSV file's lines are. Files that are no workbook we can read (an old
``.xls``, a password-protected or corrupt ``.xlsx``) are refused by the workbook reader.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.content.csv_records import RowError
from generator.content.workbook import Book, Piece, RawPiece, open_book
from generator.core.calendar import parse_instant
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg, one_of
from generator.deadlines.cases import Case, ReadInfo, ReadOptions
from generator.deadlines.columns import COLUMNS, REQUIRED

NOWHERE = 1 << 30
"""The index of a column a row does not have."""
PARALLEL_BYTES = 24 << 20
"""Bytes of sheet XML (some 75,000 rows of cases) from which the pieces are judged by forked workers."""


def _text(cell: Any) -> str:
    """A cell of a text column as the text a CSV file would hold."""
    if isinstance(cell, str):
        return cell.strip()
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, (dt.date, dt.time)):
        return cell.isoformat()
    return str(cell)


class _NotATime(Exception):
    def __init__(self, column: str, message: Msg) -> None:
        self.column, self.message = column, message


def _instant(cell: Any, column: str, zone: ZoneInfo) -> dt.datetime | None:
    """A cell of a time column: a date cell is local time, text is parsed as in a CSV file."""
    if isinstance(cell, dt.datetime):
        return cell.replace(tzinfo=zone) if cell.tzinfo is None else cell
    if isinstance(cell, str):
        text = cell.strip()
        if not text:
            return None
        try:
            return parse_instant(text, zone)
        except ValueError:
            raise _NotATime(column, msg("row.not_a_time", column=column, value=text)) from None
    if isinstance(cell, dt.date):
        return dt.datetime.combine(cell, dt.time(0), tzinfo=zone)
    if cell is None:
        return None
    raise _NotATime(column, msg("row.cell_not_a_time", column=column, value=_text(cell)))


def _sheet_name(path: Path, book: Book, wanted: str | None) -> str:
    names = book.names
    if wanted is None:
        return names[0]
    matches = [n for n in names if n == wanted] or [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
    if not matches:
        raise GeneratorError(msg("cases.xlsx_no_such_sheet", path=str(path), sheet=wanted,
                                 sheets=one_of(f"'{n}'" for n in names)))
    return matches[0]


@dataclass
class Sheet:
    """A workbook's sheet of cases, opened and its header read; its pieces of rows are judged
    (by forked workers, for a large sheet), and the workbook closed with :meth:`close`."""

    book: Book
    name: str
    positions: tuple[int, ...]
    header_row: int
    """The sheet's row number of the header."""
    size: int
    """Bytes of the sheet's XML."""
    read: list[RawPiece]
    """The pieces read to find the header."""
    rest: Iterator[RawPiece]

    def pieces(self) -> Iterator[RawPiece]:
        """Every piece of the sheet's rows; a clean error at the end when the sheet has merged cells."""
        yield from self.read
        self.read = []
        yield from self.rest
        merged = self.book.merged(self.name)
        if merged:
            raise GeneratorError(msg("workbook.merged", path=str(self.book.path), sheet=self.name, cells=merged[0]))

    def close(self) -> None:
        self.book.close()


def open_sheet(path: Path, options: ReadOptions, info: ReadInfo | None = None) -> Sheet:
    """The export's sheet (``options.sheet``, or the first), its header read; a clean error for
    the file (a missing sheet or column, an empty sheet). ``info`` gets the sheet read, and a
    note when it was the first of several."""
    book = open_book(path)
    try:
        name = _sheet_name(path, book, options.sheet)
        if info is not None:
            info.sheet = name
            if options.sheet is None and len(book.names) > 1:
                info.notes.append(msg("cases.first_sheet", path=str(path), sheet=name,
                                      sheets=one_of(f"'{n}'" for n in book.names)))
        rest, read = book.pieces(name), []
        header: list[Any] | None = None
        for raw in rest:
            read.append(raw)
            piece = book.read_piece(raw)
            if piece.rows:
                header, first_row, first_column = piece.rows[0], piece.first_row, piece.first_column
                break
        if header is None or not any(_text(cell) for cell in header):
            merged = book.merged(name)
            if merged:
                raise GeneratorError(msg("workbook.merged", path=str(path), sheet=name, cells=merged[0]))
            raise GeneratorError(msg("cases.xlsx_empty", path=str(path), sheet=name, header=",".join(COLUMNS)))
        where = msg("cases.sheet_row", path=str(path), sheet=name, row=first_row)
        if first_column:  # the sheet's data starts right of column A: count the columns as Excel does
            header = [""] * first_column + list(header)
        positions = options.columns.positions([_text(cell) for cell in header], where)
        return Sheet(book, name, positions, first_row, book.archive.getinfo(book.sheets[name]).file_size, read, rest)
    except BaseException:
        book.close()
        raise


def piece_cases(sheet: Sheet, piece: Piece, zone: ZoneInfo) -> Iterator[Case | RowError]:
    """The data rows of one piece (read by :meth:`Book.read_piece`) as :class:`Case` or
    :class:`RowError` values, their numbers the sheet's (as a CSV file's lines), in order."""
    rows, first_row = _data_rows(sheet, piece)
    yield from _cases(iter(rows), sheet.positions, first_row, piece.first_column, zone)


def _data_rows(sheet: Sheet, piece: Piece) -> tuple[list[list[Any]], int]:
    """The piece's rows after the header, and the sheet's number of the first."""
    rows, first_row = piece.rows, piece.first_row
    if first_row <= sheet.header_row:  # the header's piece
        rows, first_row = rows[sheet.header_row - first_row + 1:], sheet.header_row + 1
    return rows, first_row


def piece_columns(sheet: Sheet, piece: Piece) -> tuple[list[Any], int] | None:
    """The six SPEC 6 columns of a piece's data rows as arrays for the vector judge
    (:class:`generator.deadlines.vector.VectorJudge`), and the sheet's number of the first row:
    text columns as text (as :func:`_text` makes it), a time column of date cells (and empty
    ones) as naive timestamps (local time; a date is 00:00) and one of text cells as text. None when the piece
    needs the scalar reader: a required column left of or past its cells, a time column that
    mixes date cells with text or holds other cells (numbers)."""
    import pyarrow as pa

    rows, first_row = _data_rows(sheet, piece)
    n, shift = len(rows), piece.first_column
    if len(set(map(len, rows))) > 1:
        return None
    cells = list(zip(*rows, strict=False)) if rows else []
    columns: list[Any] = []
    for i, position in enumerate(sheet.positions):
        at = position - shift if position >= shift else NOWHERE
        if at >= len(cells):
            if i < len(REQUIRED):
                return None
            columns.append(pa.nulls(n, pa.timestamp("us")))
            continue
        values = cells[at]
        try:  # the common column at once: text, or date cells
            column = pa.array(values, pa.string() if i < 3 else pa.timestamp("us"))
        except (pa.ArrowTypeError, pa.ArrowInvalid):
            column = _mixed(values, i < 3)
        if column is None or (column.null_count and i < 3):
            return None
        columns.append(column)
    return columns, first_row


def _mixed(values: tuple[Any, ...], text: bool) -> Any:
    """:func:`piece_columns`' array of a column whose cells are not all of one type, or None."""
    import pyarrow as pa

    if text:
        return pa.array([_text(v) for v in values], pa.string())
    types = Counter(map(type, values))
    if not types.keys() - {str}:
        return pa.array(values, pa.string())
    if types.keys() - {str, dt.date} != {dt.datetime} and types.keys() - {str} != {dt.date}:
        return None
    if types[str] != values.count(""):
        return None  # date cells and timestamps as text in one column
    # an empty cell is null, a date cell at 00:00 (which calamine gives as a date) a datetime
    midnight, date = dt.time(0), dt.date
    return pa.array([None if v == "" else dt.datetime.combine(v, midnight) if type(v) is date else v for v in values],
                    pa.timestamp("us"))


def _cases(rows: Iterator[list[Any]], positions: tuple[int, ...], first_row: int, shift: int, zone: ZoneInfo) -> Iterator[Case | RowError]:
    # a column left of the piece's first cell, or not in the export, is past every row's end
    at_id, at_unit, at_type, at_received, at_answered, at_partial = (
        p - shift if p >= shift else NOWHERE for p in positions)
    required = list(zip(REQUIRED, (at_id, at_unit, at_type, at_received), strict=True))
    times = ((COLUMNS[3], at_received), (COLUMNS[4], at_answered), (COLUMNS[5], at_partial))
    datetime, none = dt.datetime, type(None)
    for line, row in enumerate(rows, first_row):
        width = len(row)
        case_id = row[at_id] if at_id < width else ""
        unit = row[at_unit] if at_unit < width else ""
        case_type = row[at_type] if at_type < width else ""
        case_id = case_id.strip() if type(case_id) is str else _text(case_id)
        unit = unit.strip() if type(unit) is str else _text(unit)
        case_type = case_type.strip() if type(case_type) is str else _text(case_type)
        cells = [row[at] if at < width else None for _, at in times]
        if not (case_id and unit and case_type and cells[0] not in (None, "")):
            if not any(_text(cell) for cell in row):
                continue  # an empty row, as a blank line of a CSV file
            empty = next(column for column, at in required if at >= width or not _text(row[at]))
            yield RowError(line, msg("row.empty", column=empty))
            continue
        try:  # the common cells first: a date cell (local time) or an empty one
            received, answered, partial = (
                cell.replace(tzinfo=zone) if type(cell) is datetime else None if type(cell) is none
                else _instant(cell, column, zone) for cell, (column, _) in zip(cells, times, strict=True))
        except _NotATime as problem:
            yield RowError(line, problem.message)
            continue
        if received is None:  # text of spaces only
            yield RowError(line, msg("row.empty", column=COLUMNS[3]))
            continue
        yield Case(line, case_id, unit, case_type, received, answered, partial)
