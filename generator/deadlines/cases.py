"""Case exports (SPEC 6) as CSV: read one row at a time, bad rows reported, never dropped.

The file may be UTF-8 (with or without a BOM) or Windows-1252, separated by ``,`` or ``;``
(:mod:`generator.content.csv_sniff`), with our column ids or Swedish headers
(:mod:`generator.deadlines.columns`). Workbooks are read by :mod:`generator.deadlines.sheets`.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.content.csv_records import RowError, csv_reason, read_records
from generator.content.csv_sniff import delimiter_of, encoding_of, split_header
from generator.content.textfile import describe_os_error, require_file
from generator.core.calendar import parse_instant
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg
from generator.deadlines.columns import COLUMNS, REQUIRED, Columns

__all__ = ["COLUMNS", "REQUIRED", "Case", "Layout", "ReadInfo", "ReadOptions", "parse_case", "read_cases", "read_header"]
MAX_HEADER = 1_000_000
"""Bytes of the header line, its line break included."""


@dataclass(slots=True)
class Case:
    """One row of the export, parsed (unit and case type still as written)."""

    line: int
    case_id: str
    unit: str
    case_type: str
    received: dt.datetime
    answered: dt.datetime | None
    partial: dt.datetime | None


@dataclass(frozen=True)
class ReadOptions:
    """How to read an export: ``--delimiter`` or ``[cases] delimiter``, ``--sheet``, and
    ``[cases.columns]``."""

    delimiter: str | None = None
    sheet: str | None = None
    columns: Columns = field(default_factory=Columns)

    @classmethod
    def of(cls, mapping: Mapping[str, str], delimiter: str | None = None, sheet: str | None = None) -> ReadOptions:
        return cls(delimiter, sheet, Columns(dict(mapping)))


@dataclass
class ReadInfo:
    """What reading an export found out, for the command to tell: notes (a file read as
    Windows-1252, the first of several sheets) and the sheet read (None for CSV)."""

    notes: list[Msg] = field(default_factory=list)
    sheet: str | None = None


def _lines(path: Path, start: int = 0, end: int | None = None, encoding: str = "utf-8") -> Iterator[str]:
    """The text lines of ``path`` (a BOM dropped), or of its bytes ``start`` to ``end``."""
    try:
        handle = path.open("rb")
    except OSError as error:
        raise GeneratorError(msg("cases.unreadable", path=str(path), reason=describe_os_error(error))) from None
    with handle:
        handle.seek(start)
        remaining = None if end is None else end - start
        first = start == 0
        while remaining is None or remaining > 0:
            chunk = handle.readline() if remaining is None else handle.readline(remaining)
            if not chunk:
                return
            if remaining is not None:
                remaining -= len(chunk)
            if first:
                chunk, first = chunk.removeprefix(b"\xef\xbb\xbf"), False
            try:
                yield chunk.decode(encoding)
            except UnicodeDecodeError as error:
                raise GeneratorError(msg("cases.not_utf8" if encoding == "utf-8" else "cases.not_cp1252",
                                         path=str(path), byte=f"{error.object[error.start]:02X}")) from None


@dataclass(frozen=True)
class Layout:
    """Where the SPEC 6 columns are in an export."""

    positions: tuple[int, ...]
    """Per column of :data:`COLUMNS`, its index in a row, or -1 when absent."""
    width: int
    data_start: int
    """Byte offset of the first data row."""
    encoding: str = "utf-8"
    delimiter: str = ","


def read_header(path: Path, options: ReadOptions | None = None) -> Layout:
    """The export's layout; raises :class:`GeneratorError` when it is not a case export."""
    options = options or ReadOptions()
    require_file(path)
    try:
        with path.open("rb") as handle:
            raw = handle.readline(MAX_HEADER + 1)
    except OSError as error:
        raise GeneratorError(msg("cases.unreadable", path=str(path), reason=describe_os_error(error))) from None
    if len(raw) > MAX_HEADER:  # the catalog's message says 1,000,000 bytes
        raise GeneratorError(msg("cases.header_too_long", path=str(path), header=",".join(COLUMNS)))
    if not raw.strip(b"\xef\xbb\xbf \t\r\n"):
        raise GeneratorError(msg("cases.empty", path=str(path), header=",".join(COLUMNS)))
    encoding, bom = encoding_of(path, raw)
    try:
        first = raw[bom:].decode(encoding)
    except UnicodeDecodeError as error:
        raise GeneratorError(msg("cases.not_utf8" if encoding == "utf-8" else "cases.not_cp1252", path=str(path),
                                 byte=f"{error.object[error.start]:02X}")) from None
    where = f"{path}:1"
    delimiter = delimiter_of(where, first, options.delimiter, options.columns.known, ",".join(COLUMNS))
    try:
        header = split_header(first, delimiter)
    except csv.Error as error:
        raise GeneratorError(msg("cases.not_csv", path=str(path), reason=csv_reason(error))) from None
    positions = options.columns.positions(header, where)
    return Layout(positions, len(header), len(raw), encoding, delimiter)


def read_rows(path: Path, layout: Layout | None = None, start: int | None = None, end: int | None = None,
              first_line: int = 2) -> Iterator[tuple[int, list[str]] | RowError]:
    """Every data row (of the whole file, or of bytes ``start`` to ``end`` that begin at line
    ``first_line``) as (line, the six SPEC 6 fields stripped, "" when absent), or a
    :class:`RowError`.

    A record the csv module gives up on (a field over :data:`~generator.content.csv_records.MAX_FIELD` characters, a stray
    quote) is one error at the line it starts on, and reading goes on after its real end: the
    csv module itself would go on at the next line, inside a quoted field, and read the lines
    of that field as rows of their own."""
    layout = layout or read_header(path)
    begin = layout.data_start if start is None else start
    positions, width = layout.positions, layout.width
    canonical = positions == tuple(range(len(COLUMNS))) and width == len(COLUMNS)
    def lines() -> Iterator[str]:
        return _lines(path, begin, end, layout.encoding)

    for record in read_records(lines(), lines, first_line, layout.delimiter):
        if isinstance(record, RowError):
            yield record
            continue
        _, line, row = record
        if len(row) != width:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            yield RowError(line, msg("row.width", fields=len(row), width=width))
            continue
        yield line, ([field.strip() for field in row] if canonical
                     else [row[i].strip() if i >= 0 else "" for i in positions])


def line_cuts(path: Path, layout: Layout, parts: int) -> list[tuple[int, int]] | None:
    """(start, end) of ``parts`` byte ranges of the data rows, each starting at a line (where a
    line break falls after each ``1/parts`` of the file); None when the file is small. Each is
    then scanned (:func:`scan_range`, in the worker that will judge it) and numbered
    (:func:`numbered`): a quoted field could hold a line break, making a line start a lie."""
    size = path.stat().st_size
    if parts < 2 or size - layout.data_start < 4_000_000:
        return None
    buffer = bytearray(1 << 16)
    with path.open("rb", buffering=0) as handle:
        cuts = [layout.data_start]
        for k in range(1, parts):
            handle.seek(layout.data_start + (size - layout.data_start) * k // parts)
            at = handle.tell()
            while read := handle.readinto(buffer):
                found = buffer.find(b"\n", 0, read)
                if found != -1:
                    at += found + 1
                    break
                at += read
            if at >= size or at <= cuts[-1]:
                return None
            cuts.append(at)
    cuts.append(size)
    return list(itertools.pairwise(cuts))


def scan_range(path: Path, start: int, end: int) -> tuple[int, bool]:
    """(the line breaks among bytes ``start`` to ``end`` of the file, whether a quote is among them)."""
    buffer = bytearray(8 << 20)  # one buffer read into again and again: no fresh memory per block
    breaks, quoted, left = 0, False, end - start
    with path.open("rb", buffering=0) as handle:  # not mapped: a mapped file's pages would count as this process's
        handle.seek(start)
        while left and (read := handle.readinto(memoryview(buffer)[:min(len(buffer), left)])):
            breaks += buffer.count(b"\n", 0, read)
            quoted = quoted or buffer.find(b'"', 0, read) != -1
            left -= read
    return breaks, quoted


def numbered(cuts: list[tuple[int, int]], scans: list[tuple[int, bool]]) -> list[tuple[int, int, int]] | None:
    """The ranges ``cuts`` with the line each starts at, from each one's :func:`scan_range`; None
    when any has a quote."""
    if any(quoted for _, quoted in scans):
        return None
    ranges, line = [], 2
    for (start, end), (breaks, _) in zip(cuts, scans, strict=True):
        ranges.append((start, end, line))
        line += breaks
    return ranges


def parse_case(line: int, values: list[str], zone: ZoneInfo) -> Case | RowError:
    """A :class:`Case` from one row's fields, or why it cannot be one."""
    case_id, unit, case_type, received_at, answered_at, partial_at = values
    if not (case_id and unit and case_type and received_at):
        empty = next(name for name, value in zip(REQUIRED, values, strict=False) if not value)
        return RowError(line, msg("row.empty", column=empty))
    try:
        received = parse_instant(received_at, zone)
        answered = parse_instant(answered_at, zone) if answered_at else None
        partial = parse_instant(partial_at, zone) if partial_at else None
    except ValueError:
        return RowError(line, _bad_time(values, zone))
    return Case(line, case_id, unit, case_type, received, answered, partial)


def _bad_time(values: list[str], zone: ZoneInfo) -> Msg:
    """Which timestamp of a row is not one (looked for only once a row has failed)."""
    for column, value in zip(COLUMNS[3:], values[3:], strict=True):
        if value:
            try:
                parse_instant(value, zone)
            except ValueError:
                return msg("row.not_a_time", column=column, value=value)
    raise AssertionError("a row whose timestamps all parse")


def read_cases(path: Path, zone: ZoneInfo, layout: Layout | None = None, start: int | None = None,
               end: int | None = None, first_line: int = 2) -> Iterator[Case | RowError]:
    """Every row of ``path`` (or of the byte range, as :func:`read_rows` takes it) as a
    :class:`Case` or a :class:`RowError`, in file order."""
    for row in read_rows(path, layout, start, end, first_line):
        yield row if isinstance(row, RowError) else parse_case(row[0], row[1], zone)
