"""Case exports as arrays (issue 19): byte ranges of a CSV file read by pyarrow, timestamps
parsed by pyarrow (their shape looked at first by numpy), instants formatted back by numpy.

Only what is plainly well formed is read here: a batch with a quote, an empty line or a row of
the wrong width, and a timestamp in any other form than ``2026-04-02T09:15:00+02:00``,
``…Z`` or local ``2026-04-02T09:15[:00]`` (``T`` or a space between), is left to the scalar
reader (:mod:`generator.deadlines.cases`), which tells every problem with its line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from generator.deadlines.cases import Layout

BATCH_BYTES = 2 << 20
"""Bytes of one batch (about 20,000 rows): memory stays bounded at any length of export."""
US_HOUR = 3_600_000_000
US_DAY = 24 * US_HOUR
US_MIN = 60_000_000
NONE = np.iinfo(np.int64).max
"""An absent instant (no answer, no delsvar): later than any other."""
_SHAPES = {25: "offset", 20: "utc", 19: "local", 16: "local_minutes"}
"""Length of a timestamp -> its shape: ``…SS+HH:MM``, ``…SSZ``, ``…SS``, ``…HH:MM``."""


@dataclass(slots=True)
class Chunk:
    """Bytes ``start`` to ``end`` of the file, whose first row is at ``first_line``."""

    start: int
    end: int
    first_line: int
    data: bytes
    rows: int | None = None
    """Rows (lines) in ``data``, once known: :func:`read_chunk` tells them; else counted."""

    def lines(self) -> int:
        if self.rows is None:
            self.rows = self.data.count(b"\n") + (not self.data.endswith(b"\n"))
        return self.rows


def chunks(path: Path, layout: Layout, size: int = BATCH_BYTES,
           part: tuple[int, int, int] | None = None) -> Iterator[Chunk]:
    """The data rows in pieces of about ``size`` bytes, each ending at a line's end (the rest of
    the line a piece ends in read after it); with ``part`` (start, end, first line: a range that
    starts and ends at a line's start) those of that range."""
    start, end, line = part if part is not None else (layout.data_start, None, 2)
    with path.open("rb") as handle:
        handle.seek(start)
        at = start
        while True:
            data = handle.read(size if end is None else min(size, end - at))
            if not data:
                return
            if not data.endswith(b"\n"):
                data += handle.readline()
            chunk = Chunk(at, at + len(data), line, data)
            yield chunk
            at += len(data)
            line += chunk.lines()


_LABELS = pa.dictionary(pa.int32(), pa.string())


def read_chunk(chunk: Chunk, layout: Layout, threads: bool = True) -> list[pa.Array] | None:
    """The six SPEC 6 columns of a chunk as string arrays (the unit and case type as dictionary
    arrays of strings; an absent column all ""), or None when
    the chunk is not plainly well formed (left to the scalar reader). An empty line is read as a
    row of empty values (which the vector judge leaves to the scalar one: no case id). Without
    ``threads`` (a worker process, one of as many as there are cores), the chunk is read in one
    piece by this thread."""
    data = chunk.data
    width = layout.width
    if b'"' in data or b"\r" in data:
        return None
    wanted = sorted({p for p in layout.positions if p >= 0})
    names = [f"c{i}" for i in range(width)]
    # the unit and case type as dictionaries (a few labels, each resolved once), unless their
    # column is read as something else too
    labels = set(layout.positions[1:3]) - {layout.positions[0], *layout.positions[3:]}
    types = {names[i]: _LABELS if i in labels else pa.string() for i in wanted}
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(column_names=names, use_threads=threads,
                                           block_size=1 << 20 if threads else len(data) + 1),
            parse_options=pacsv.ParseOptions(delimiter=layout.delimiter, quote_char=False, double_quote=False,
                                             escape_char=False, newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(column_types=types,
                                                 include_columns=[names[i] for i in wanted], strings_can_be_null=False,
                                                 quoted_strings_can_be_null=False))
    except pa.ArrowInvalid:
        return None
    chunk.rows = table.num_rows  # each line a row: no quotes, no carriage returns, empty lines kept
    empty = pa.array([""] * table.num_rows, pa.string()) if -1 in layout.positions else None
    return [table.column(names[p]).combine_chunks() if p >= 0 else empty for p in layout.positions]


def _buffers(array: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, bytes) of a string array."""
    offsets = np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset:array.offset + len(array) + 1]
    values = array.buffers()[2]
    return offsets, (np.frombuffer(values, dtype=np.uint8) if values is not None else np.zeros(0, np.uint8))


def plain(array: pa.Array) -> bool:
    """True when no value starts or ends with anything but an ASCII letter or digit (a value that
    might have spaces to strip, Unicode ones too, is left to the scalar reader) and none is empty."""
    offsets, data = _buffers(array)
    lengths = np.diff(offsets)
    if len(lengths) and lengths.min() == 0:
        return False
    if not len(lengths):
        return True
    return bool(_alnum(data[offsets[:-1]]).all() and _alnum(data[offsets[1:] - 1]).all())


def canonical(array: pa.Array) -> bool:
    """True when every value is empty or ``2026-04-02T09:15:00+02:00`` in form: as
    ``isoformat(timespec="seconds")`` writes the instant it is read as."""
    if not pa.types.is_string(array.type):
        return False
    offsets, data = _buffers(array)
    lengths = np.diff(offsets)
    written = offsets[:-1][lengths != 0]
    return bool(((lengths == 0) | (lengths == 25)).all() and (data[written + 10] == 84).all())


def _alnum(codes: np.ndarray) -> np.ndarray:
    return ((codes >= 48) & (codes <= 57)) | ((codes >= 65) & (codes <= 90)) | ((codes >= 97) & (codes <= 122))


class Zone:
    """The offset of a zone by the hour, as arrays: at UTC instants, and of local wall clocks
    (with ``fold=0``, as a naive timestamp is read); an hour in which it changes is marked, and a
    timestamp in it left to the scalar path."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        self._utc: tuple[int, np.ndarray] = (0, np.zeros(0, np.int64))
        self._wall: tuple[int, np.ndarray] = (0, np.zeros(0, np.int64))

    def _table(self, hours: np.ndarray, kept: tuple[int, np.ndarray], of: Any) -> tuple[np.ndarray, tuple[int, np.ndarray]]:
        """Offsets in µs per hour of ``hours`` (NONE where the offset changes inside the hour),
        from the table kept so far (its first hour and its offsets), grown to cover them."""
        if not len(hours):
            return np.zeros(0, np.int64), kept
        first, table = kept
        low, high = int(hours.min()), int(hours.max())
        if len(table):
            low, high = min(low, first), max(high, first + len(table) - 1)
        if high - low > 400_000:  # over 45 years: left to the scalar path
            return np.full(len(hours), NONE, np.int64), kept
        if not len(table) or low < first or high >= first + len(table):
            grown = np.empty(high - low + 1, np.int64)
            kept_hours = range(first, first + len(table))
            at = low
            while at <= high:
                if at in kept_hours:
                    at = kept_hours.stop
                    continue
                last = min(high, at // 24 * 24 + 23, kept_hours.start - 1 if at < kept_hours.start else high)
                _offsets(grown, low, at, last, of)
                at = last + 1
            if len(table):
                grown[first - low:first - low + len(table)] = table
            first, table = low, grown
        found: np.ndarray = table[hours - first]
        return found, (first, table)

    def _at_utc(self, us: int) -> int:
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(microseconds=us)
        offset = moment.astimezone(self.zone).utcoffset()
        assert offset is not None
        return offset // dt.timedelta(microseconds=1)

    def _of_wall(self, us: int) -> int:
        wall = dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=us)
        offset = wall.replace(tzinfo=self.zone).utcoffset()
        assert offset is not None
        return offset // dt.timedelta(microseconds=1)

    def offsets_at(self, utc: np.ndarray) -> np.ndarray:
        """The zone's offset (µs) at each UTC instant (µs since the epoch)."""
        found, self._utc = self._table(utc // US_HOUR, self._utc, self._at_utc)
        return found

    def offsets_of_wall(self, wall: np.ndarray) -> np.ndarray:
        """The offset (µs) a naive local time takes in the zone."""
        found, self._wall = self._table(wall // US_HOUR, self._wall, self._of_wall)
        return found


def _offsets(table: np.ndarray, low: int, first: int, last: int, of: Any) -> None:
    """The offsets of hours ``first`` to ``last`` (at most one UTC day) into ``table`` (whose
    first hour is ``low``): one offset for all of them where it is the same at their start and
    at their end (a zone's offset does not change and change back within a day), else hour by
    hour, NONE for an hour in which it changes."""
    start, end = of(first * US_HOUR), of(last * US_HOUR + US_HOUR - 1)
    if start == end:
        table[first - low:last - low + 1] = start if start % US_MIN == 0 else NONE
        return
    for at in range(first, last + 1):
        start, end = of(at * US_HOUR), of(at * US_HOUR + US_HOUR - 1)
        table[at - low] = start if start == end and start % US_MIN == 0 else NONE


def instants(array: pa.Array, zone: Zone, required: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """(UTC µs since the epoch, the offset in µs the value was written in, or for a naive one the
    zone's) of each timestamp; NONE for an empty value when not ``required``. None when a value is
    not of the shapes read here, or not a valid time (the scalar reader tells why). ``array`` is
    text, or naive timestamps in µs (a workbook's date cells: local time, null where empty)."""
    if pa.types.is_timestamp(array.type):
        return _walls(array, zone, required)
    offsets, data = _buffers(array)
    lengths = np.diff(offsets)
    n = len(lengths)
    shapes = set(np.flatnonzero(np.bincount(lengths)).tolist()) if n else set()
    if (required and 0 in shapes) or not shapes - {0} <= _SHAPES.keys():
        return None
    written_lengths = shapes - {0}
    utc, written = np.full(n, NONE, np.int64), np.zeros(n, np.int64)
    for length in written_lengths:
        rows = lengths == length
        if len(written_lengths) == 1:  # the empty values take no bytes: the others are one table
            text = data[offsets[0]:offsets[-1]].reshape(-1, length)
        else:
            text = data[offsets[:-1][rows, None] + np.arange(length)]
        parsed = _parse(array if len(shapes) == 1 else _only(array, rows), text, _SHAPES[length], zone)
        if parsed is None:
            return None
        if len(shapes) == 1:
            return parsed
        utc[rows], written[rows] = parsed
    return utc, written


def _only(array: pa.Array, rows: np.ndarray) -> pa.Array:
    """``array`` with every value but those at ``rows`` null (its buffers shared)."""
    validity = pa.py_buffer(np.packbits(rows, bitorder="little"))
    return pa.StringArray.from_buffers(len(array), array.buffers()[1], array.buffers()[2], validity, -1, array.offset)


def _walls(array: pa.Array, zone: Zone, required: bool) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`instants` of naive timestamps, read as local time with ``fold=0`` (as the scalar
    reader reads a date cell); whole seconds only (Excel's date cells, as calamine rounds them)."""
    n, empty = len(array), array.null_count
    if empty and required:
        return None
    wall = array.cast(pa.int64()).to_numpy(zero_copy_only=False)
    if empty == n:
        return np.full(n, NONE, np.int64), np.zeros(n, np.int64)
    valid = array.is_valid().to_numpy(zero_copy_only=False) if empty else slice(None)
    if empty:
        wall = wall[valid].astype(np.int64)
    if (wall % 1_000_000).any():
        return None  # fractions of a second: the text report writes them as the scalar judge does
    written = zone.offsets_of_wall(wall)
    if (written == NONE).any():
        return None
    if not empty:
        return wall - written, written
    utc, offset = np.full(n, NONE, np.int64), np.zeros(n, np.int64)
    utc[valid], offset[valid] = wall - written, written
    return utc, offset


_MARKS = {"offset": ([4, 7, 13, 16, 22], b"--:::"), "utc": ([4, 7, 13, 16, 19], b"--::Z"),
          "local": ([4, 7, 13, 16], b"--::"), "local_minutes": ([4, 7, 13], b"--:")}
_TYPES = {"offset": pa.timestamp("us", tz="UTC"), "utc": pa.timestamp("us", tz="UTC"), "local": pa.timestamp("us"),
          "local_minutes": pa.timestamp("us")}
_WALL_FIRST = (dt.date(1900, 1, 1) - dt.date(1970, 1, 1)).days * US_DAY
_WALL_END = (dt.date(2201, 1, 1) - dt.date(1970, 1, 1)).days * US_DAY
"""The years read here (1900 to 2200, as local time), in µs of wall clock since the epoch."""


def _parse(values: pa.Array, text: np.ndarray, shape: str, zone: Zone) -> tuple[np.ndarray, np.ndarray] | None:
    """:func:`instants` of the values of ``values`` that are not null, all of ``shape``, whose
    bytes are the rows of ``text``: the marks looked at here, the digits, dates, times and
    offsets by pyarrow's ISO 8601 parser (a value of these shapes it does not take is not valid)."""
    at, marks = _MARKS[shape]
    if not (text[:, at] == np.frombuffer(marks, np.uint8)).all():
        return None
    separator = text[:, 10]
    if not ((separator == 84) | (separator == 32)).all():  # 'T' or ' '
        return None
    if shape == "offset":
        sign = text[:, 19]
        if not ((sign == 43) | (sign == 45)).all():  # '+' or '-'
            return None
    try:
        parsed = pc.cast(values, _TYPES[shape])
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    us = (parsed.drop_null() if parsed.null_count else parsed).to_numpy().view(np.int64)
    if shape == "offset":
        d = text[:, [20, 21, 23, 24]].astype(np.int64) - 48
        written = np.where(sign == 45, -1, 1) * ((d[:, 0] * 10 + d[:, 1]) * US_HOUR + (d[:, 2] * 10 + d[:, 3]) * US_MIN)
        wall = us + written
    else:
        wall = us
    if len(wall) and (int(wall.min()) < _WALL_FIRST or int(wall.max()) >= _WALL_END):
        return None
    if shape == "offset":
        return us, written
    if shape == "utc":
        return us, np.zeros(len(us), np.int64)
    written = zone.offsets_of_wall(wall)
    if (written == NONE).any():
        return None
    return wall - written, written


def distinct(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the distinct values in order, each value's index among them) of integers in a narrow
    range (days of a batch): ``numpy.unique``'s answer without a sort."""
    if not len(values):
        return values, np.zeros(0, np.int32)
    low = int(values.min())
    seen = np.zeros(int(values.max()) - low + 1, bool)
    seen[values - low] = True
    index = (np.cumsum(seen) - 1).astype(np.int32)
    return np.flatnonzero(seen) + low, index[values - low]


def _digits(out: np.ndarray, at: int, value: np.ndarray, width: int) -> None:
    for i in range(width - 1, -1, -1):
        out[:, at + i] = 48 + value % 10
        value = value // 10


def iso(utc: np.ndarray, offset: np.ndarray) -> pa.Array:
    """``2026-04-02T09:15:00+02:00`` of each instant, in its offset (whole seconds and minutes:
    what the shapes read here and the zone's offsets are), as ``isoformat(timespec="seconds")``
    writes it."""
    wall = utc + offset
    days, rest = np.divmod(wall, US_DAY)
    out = np.zeros((len(utc), 25), np.uint8)
    dates = days.astype("datetime64[D]")
    years = dates.astype("datetime64[Y]")
    months = dates.astype("datetime64[M]")
    _digits(out, 0, years.astype(np.int64) + 1970, 4)
    _digits(out, 5, (months - years).astype(np.int64) + 1, 2)
    _digits(out, 8, (dates - months).astype(np.int64) + 1, 2)
    _digits(out, 11, rest // US_HOUR, 2)
    _digits(out, 14, rest % US_HOUR // US_MIN, 2)
    _digits(out, 17, rest % US_MIN // 1_000_000, 2)
    out[:, [4, 7]] = 45
    out[:, 10] = 84
    out[:, [13, 16, 22]] = 58
    out[:, 19] = np.where(offset < 0, 45, 43)
    _digits(out, 20, np.abs(offset) // US_HOUR, 2)
    _digits(out, 23, np.abs(offset) % US_HOUR // US_MIN, 2)
    return pa.array(out.view("S25").ravel(), pa.binary(25)).cast(pa.string())
