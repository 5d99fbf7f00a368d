"""Case exports (SPEC 6): a CSV file read one row at a time, bad rows reported, never dropped."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.calendar import parse_instant
from generator.errors import GeneratorError

COLUMNS = ("case_id", "unit", "case_type", "received_at", "answered_at", "partial_answer_at")
REQUIRED = ("case_id", "unit", "case_type", "received_at")
MAX_FIELD = 10_000


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
class RowError:
    """A row that could not be checked, and why."""

    line: int
    message: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "message": self.message}


def _open(path: Path) -> Iterator[str]:
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise GeneratorError(f"cannot read {path}: {error.strerror or error}") from None
    with handle:
        try:
            yield from handle
        except UnicodeDecodeError as error:
            raise GeneratorError(f"{path} is not UTF-8 text (byte 0x{error.object[error.start]:02X}); "
                                 "export it as UTF-8 CSV") from None


def read_rows(path: Path) -> Iterator[tuple[int, list[str]] | RowError]:
    """Every data row of ``path`` as (line, the six SPEC 6 fields stripped, "" when absent), or
    a :class:`RowError`. Raises :class:`GeneratorError` when the file is not a case export."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(_open(path), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise GeneratorError(f"{path} is not a CSV file: {error}") from None
    if header is None:
        raise GeneratorError(f"{path} is empty; a case export starts with the header {','.join(COLUMNS)}")
    names = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise GeneratorError(f"{path}:1: the header lacks the column{'s' * (len(missing) > 1)} "
                             f"{', '.join(missing)}; expected {','.join(COLUMNS)}")
    positions = [names.index(name) if name in names else -1 for name in COLUMNS]
    width = len(names)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield RowError(reader.line_num, f"not valid CSV: {error}")
            continue
        line = reader.line_num
        if len(row) != width:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            yield RowError(line, f"{len(row)} fields where the header has {width}")
            continue
        yield line, [row[i].strip() if i >= 0 else "" for i in positions]


def parse_case(line: int, values: list[str], zone: ZoneInfo) -> Case | RowError:
    """A :class:`Case` from one row's fields, or why it cannot be one."""
    case_id, unit, case_type, received_at, answered_at, partial_at = values
    for name, value in (("case_id", case_id), ("unit", unit), ("case_type", case_type),
                        ("received_at", received_at)):
        if not value:
            return RowError(line, f"{name} is empty")
    try:
        received = parse_instant(received_at, zone)
        answered = parse_instant(answered_at, zone) if answered_at else None
        partial = parse_instant(partial_at, zone) if partial_at else None
    except ValueError as error:
        return RowError(line, str(error))
    return Case(line, case_id, unit, case_type, received, answered, partial)


def read_cases(path: Path, zone: ZoneInfo) -> Iterator[Case | RowError]:
    """Every row of ``path`` as a :class:`Case` or a :class:`RowError`, in file order."""
    for row in read_rows(path):
        yield row if isinstance(row, RowError) else parse_case(row[0], row[1], zone)
