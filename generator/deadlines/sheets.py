"""Case exports as ``.xlsx`` workbooks (SPEC 6), read with python-calamine.

The first worksheet, or the one ``--sheet`` names; its first row is the header. A date cell is
local time in the configured zone, a text cell is read as the same text in a CSV file would
be, so the same cases give the same results in every format. Row numbers are the sheet's own
(row 1 the header), as a CSV file's lines are. Files that are no workbook we can read (an old
``.xls``, a password-protected or corrupt ``.xlsx``) are told apart before calamine sees them.
"""

from __future__ import annotations

import datetime as dt
import itertools
import mmap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from generator.content.csv_records import RowError
from generator.content.textfile import describe_os_error
from generator.content.workbook import too_large, unpacked_size
from generator.core.calendar import parse_instant
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg, one_of
from generator.deadlines.cases import Case, ReadInfo, ReadOptions
from generator.deadlines.columns import COLUMNS, REQUIRED

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""An OLE2 compound file: an old ``.xls``, or an ``.xlsx`` encrypted with a password."""
ENCRYPTED = "EncryptionInfo".encode("utf-16-le")
"""The stream an encrypted Office document keeps its key data in (its name in the OLE directory)."""
PARALLEL_ROWS = 100_000
"""Data rows from which a sheet is judged by forked workers, each a run of rows."""


def is_workbook(path: Path, head: bytes) -> bool:
    """True when ``path`` (whose first bytes are ``head``) is an ``.xlsx`` workbook, False when
    it is text; a clean error for an old ``.xls``, a password-protected ``.xlsx``, or a file
    named ``.xlsx`` that is none."""
    suffix = path.suffix.lower()
    if head.startswith(OLE):
        with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            encrypted = data.find(ENCRYPTED) != -1
        raise GeneratorError(msg("cases.xlsx_password" if encrypted else "cases.old_xls", path=str(path)))
    if head.startswith(ZIP):
        _unpacked_size(path)
        return True
    if suffix in (".xlsx", ".xlsm"):
        raise GeneratorError(msg("cases.xlsx_corrupt", path=str(path), reason=msg("cases.not_zip")))
    if suffix == ".xls":
        raise GeneratorError(msg("cases.old_xls", path=str(path)))
    return False


def _unpacked_size(path: Path) -> None:
    """Refuse a workbook whose zip is damaged or that unpacks to too much (:mod:`generator.content.workbook`)."""
    unpacked = unpacked_size(path)
    if unpacked is None:
        raise GeneratorError(msg("cases.xlsx_corrupt", path=str(path), reason=msg("cases.zip_damaged")))
    if too_large(path, unpacked):
        raise GeneratorError(msg("cases.xlsx_too_large", path=str(path), size=unpacked // (1 << 20)))


def _a1(row: int, column: int) -> str:
    """``B7`` for the 0-based (6, 1)."""
    letters, column = "", column + 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row + 1}"


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


def _open(path: Path) -> Any:
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - a dependency of the package
        raise GeneratorError(msg("cases.xlsx_corrupt", path=str(path), reason="python-calamine is not installed")) from None
    try:
        return python_calamine.CalamineWorkbook.from_path(str(path))
    except python_calamine.PasswordError:
        raise GeneratorError(msg("cases.xlsx_password", path=str(path))) from None
    except OSError as error:
        raise GeneratorError(msg("cases.unreadable", path=str(path), reason=describe_os_error(error))) from None
    except python_calamine.CalamineError as error:  # ZipError, XmlError: not a workbook, or a damaged one
        raise GeneratorError(msg("cases.xlsx_corrupt", path=str(path), reason=str(error) or type(error).__name__)) from None


def _sheet(path: Path, book: Any, wanted: str | None) -> Any:
    names = [m.name for m in book.sheets_metadata if str(m.typ).endswith("WorkSheet")] or list(book.sheet_names)
    if not names:
        raise GeneratorError(msg("cases.xlsx_no_sheets", path=str(path)))
    name = names[0]
    if wanted is not None:
        matches = [n for n in names if n == wanted] or [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
        if not matches:
            raise GeneratorError(msg("cases.xlsx_no_such_sheet", path=str(path), sheet=wanted,
                                     sheets=one_of(f"'{n}'" for n in names)))
        name = matches[0]
    from python_calamine import CalamineError

    try:
        return book.get_sheet_by_name(name)
    except CalamineError as error:
        raise GeneratorError(msg("cases.xlsx_corrupt", path=str(path), reason=str(error) or type(error).__name__)) from None


@dataclass
class Sheet:
    """A workbook's sheet of cases, opened and its header read; the rows are read from it (by
    forked workers, each a part, for a large sheet) and the workbook closed with :meth:`close`."""

    book: Any
    sheet: Any
    name: str
    positions: tuple[int, ...]
    first_row: int
    """The sheet's row number of the first data row."""
    shift: int
    """Empty columns left of the data (its first cell's column)."""
    rows: int
    """Data rows, empty ones included."""

    def close(self) -> None:
        self.book.close()


def open_sheet(path: Path, options: ReadOptions, info: ReadInfo | None = None) -> Sheet:
    """The export's sheet (``options.sheet``, or the first), its header read; a clean error for
    the file (a missing sheet or column, merged cells, an empty sheet). ``info`` gets the sheet
    read, and a note when it was the first of several."""
    book = _open(path)
    try:
        sheet = _sheet(path, book, options.sheet)
        name: str = sheet.name
        if info is not None:
            info.sheet = name
            if options.sheet is None and len(book.sheet_names) > 1:
                info.notes.append(msg("cases.first_sheet", path=str(path), sheet=name,
                                      sheets=one_of(f"'{n}'" for n in book.sheet_names)))
        merged = sheet.merged_cell_ranges or []
        if merged:
            (r0, c0), (r1, c1) = merged[0]
            raise GeneratorError(msg("cases.xlsx_merged", path=str(path), sheet=name,
                                     cells=f"{_a1(r0, c0)}:{_a1(r1, c1)}"))
        start = sheet.start
        header = next(sheet.iter_rows(), None) if start is not None else None
        if header is None or not any(_text(cell) for cell in header):
            raise GeneratorError(msg("cases.xlsx_empty", path=str(path), sheet=name, header=",".join(COLUMNS)))
        first_row, first_column = start[0] + 1, start[1]
        where = msg("cases.sheet_row", path=str(path), sheet=name, row=first_row)
        if first_column:  # the sheet's data starts right of column A: count the columns as Excel does
            header = [""] * first_column + list(header)
        positions = options.columns.positions([_text(cell) for cell in header], where)
        return Sheet(book, sheet, name, positions, first_row + 1, first_column, sheet.height - 1)
    except BaseException:
        book.close()
        raise


def split_rows(sheet: Sheet, parts: int) -> list[tuple[int, int, int]] | None:
    """(first, end, first row number) of ``parts`` runs of the data rows (indices from 0);
    None when the sheet is small."""
    if parts < 2 or sheet.rows < PARALLEL_ROWS:
        return None
    cuts = [sheet.rows * k // parts for k in range(parts + 1)]
    return [(a, b, sheet.first_row + a) for a, b in itertools.pairwise(cuts)]


def sheet_cases(sheet: Sheet, zone: ZoneInfo, first: int = 0, end: int | None = None) -> Iterator[Case | RowError]:
    """The data rows ``first`` to ``end`` (all of them by default) as :class:`Case` or
    :class:`RowError` values, their numbers the sheet's (as a CSV file's lines), in order."""
    rows = sheet.sheet.iter_rows()
    next(rows, None)  # the header
    yield from _cases(itertools.islice(rows, first, end), sheet.positions, sheet.first_row + first, sheet.shift, zone)


def _cases(rows: Iterator[list[Any]], positions: tuple[int, ...], first_row: int, shift: int, zone: ZoneInfo) -> Iterator[Case | RowError]:
    at_id, at_unit, at_type, at_received, at_answered, at_partial = (p - shift if p >= 0 else -1 for p in positions)
    required = list(zip(REQUIRED, (at_id, at_unit, at_type, at_received), strict=True))
    times = ((COLUMNS[3], at_received), (COLUMNS[4], at_answered), (COLUMNS[5], at_partial))
    for line, row in enumerate(rows, first_row):
        width = len(row)
        cells = [row[at] if 0 <= at < width else None for _, at in times]
        case_id = _text(row[at_id]) if at_id < width else ""
        unit = _text(row[at_unit]) if at_unit < width else ""
        case_type = _text(row[at_type]) if at_type < width else ""
        if not (case_id and unit and case_type and cells[0] not in (None, "")):
            if not any(_text(cell) for cell in row):
                continue  # an empty row, as a blank line of a CSV file
            empty = next(column for column, at in required if at >= width or not _text(row[at]))
            yield RowError(line, msg("row.empty", column=empty))
            continue
        try:
            received, answered, partial = (_instant(cell, column, zone) for cell, (column, _) in zip(cells, times, strict=True))
        except _NotATime as problem:
            yield RowError(line, problem.message)
            continue
        if received is None:  # text of spaces only
            yield RowError(line, msg("row.empty", column=COLUMNS[3]))
            continue
        yield Case(line, case_id, unit, case_type, received, answered, partial)
