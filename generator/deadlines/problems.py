"""The late and overdue results of a run, in file order: :class:`~generator.deadlines.judge.Problem`
tuples where the scalar judge made them, tables of the same columns where the vector judge did
(:mod:`generator.deadlines.vector`), so that a million of them stay a few arrays; a report that
wants tuples iterates, the text report writes the tables as arrays. Where only the text report
is wanted they become its lines as they are judged (:class:`Rendered`, compressed), and where
the JSON or CSV report's lines hold them, only their number is kept (:class:`Counted`)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Literal, NamedTuple

CaseStatus = Literal["met", "late", "open", "overdue"]
"""SPEC 6: answered in time, answered late, unanswered and not yet due, unanswered and past due."""


class Problem(NamedTuple):
    """A late or overdue result, kept small: a big export may have many, sent between processes."""

    line: int
    case_id: str
    unit: str
    case_type: str
    routine: str
    rule: str
    due_date: str
    responded_at: str | None
    status: CaseStatus
    deadline: str | None = None
    """The deadline (ISO, with the local offset), for the results of a case that a rule in timmar
    or dygn judged (its vardagar rules' too); None where vardagar rules alone judged it, whose
    deadlines are 00:00 after their due dates."""


LinesMaker = Callable[[Any], tuple["bytes | memoryview", bool]]
"""What makes the text report's lines of a chunk of problems (UTF-8), and tells whether they
are clean (:class:`generator.deadlines.report.LateLines`)."""


FIELDS = ("line", "case_id", "unit", "case_type", "routine", "rule", "due_date", "responded_at", "status",
          "deadline")
"""The columns of a table of problems (a Problem's fields, in order)."""


SPILL_BYTES = 64 << 20
"""Bytes of tables held in memory; beyond them, tables go to a temporary file (Arrow IPC) and
are read back one at a time, so that ten million cases stay in bounded memory."""


class _Spilled:
    """Tables written to a temporary Arrow IPC stream, read back one at a time."""

    def __init__(self, schema: Any) -> None:
        import os
        import tempfile
        import weakref

        import pyarrow as pa

        handle, self.path = tempfile.mkstemp(prefix="routines-problems-", suffix=".arrows")
        os.close(handle)
        weakref.finalize(self, _remove, self.path)
        self._sink = pa.OSFile(self.path, "wb")
        self._writer = pa.ipc.new_stream(self._sink, schema)
        self.num_rows = 0

    def write(self, table: Any) -> None:
        self._writer.write_table(table)
        self.num_rows += table.num_rows

    def tables(self) -> Iterator[Any]:
        import pyarrow as pa

        if self._writer is not None:
            self._writer.close()
            self._sink.close()
            self._writer = None
        with pa.OSFile(self.path, "rb") as source:
            for batch in pa.ipc.open_stream(source):
                yield pa.Table.from_batches([batch])


RENDERED_BYTES = 64 << 20
"""Bytes of compressed lines held in memory; beyond them, they wait in a temporary file."""


class Rendered:
    """Problems already written as lines of the text report (see :meth:`Problems.render`): the
    lines in blocks of UTF-8, each compressed (LZ4: the lines repeat their units, rules and dates,
    so a million cases' 200 MB are about 25 MB) and held in memory, past :data:`RENDERED_BYTES`
    in a temporary file in ``folder``; how many results they are, and whether the lines hold no
    control character (else they are written as any text is, with such characters made visible)."""

    def __init__(self, folder: str, hold: int = RENDERED_BYTES) -> None:
        self.folder, self.hold = folder, hold
        self.num_rows, self.clean = 0, True
        self.blocks: list[tuple[int, bytes]] = []
        """(bytes when decompressed, the compressed bytes) of the blocks held in memory."""
        self.held = 0
        self.path: str | None = None
        """The temporary file of the blocks past those held (each its two sizes, then its bytes)."""

    def add(self, text: bytes | memoryview) -> None:
        """A block of whole lines, after the others."""
        block = (len(text), _codec().compress(text, asbytes=True))
        if self.path is None and self.held + len(block[1]) <= self.hold:
            self.blocks.append(block)
            self.held += len(block[1])
            return
        if self.path is None:
            import os
            import tempfile

            handle, self.path = tempfile.mkstemp(prefix="lines-", dir=self.folder)
            os.close(handle)
        with open(self.path, "ab") as sink:
            sink.write(block[0].to_bytes(8, "little") + len(block[1]).to_bytes(8, "little") + block[1])

    def texts(self) -> Iterator[bytes]:
        """The blocks of lines, in order, decompressed one at a time."""
        codec = _codec()
        for size, data in self.blocks:
            yield codec.decompress(data, decompressed_size=size, asbytes=True)
        if self.path is not None:
            with open(self.path, "rb") as source:
                while head := source.read(16):
                    size, length = int.from_bytes(head[:8], "little"), int.from_bytes(head[8:], "little")
                    yield codec.decompress(source.read(length), decompressed_size=size, asbytes=True)


def _codec() -> Any:
    import pyarrow as pa

    return pa.Codec("lz4")


class Pending:
    """Problems a judge keeps as it found them until they are written (the vector judge's
    results of a batch, whose text report lines are made from them straight away), made a
    table of :data:`FIELDS` only where one is wanted."""

    num_rows: int
    nbytes: int

    def table(self) -> Any:
        raise NotImplementedError

    def text_lines(self, names: Any, t: Any, told: dict[tuple[Any, ...], tuple[str, str]],
                   shape: Any) -> tuple[memoryview, bool]:
        """The text report's lines of these problems, and whether they are clean (as
        :data:`LinesMaker` gives them), for a late line's message of ``shape``."""
        raise NotImplementedError


class Counted:
    """Problems that only their number is kept of (:meth:`Problems.count_only`): their results
    were written elsewhere (the JSON and CSV reports' lines)."""

    def __init__(self) -> None:
        self.num_rows = 0


def _remove(path: str) -> None:
    import os

    with contextlib.suppress(OSError):
        os.unlink(path)


class Problems:
    """A sequence of problems made of lists and tables (pyarrow), in file order; tables past
    ``spill_bytes`` (:data:`SPILL_BYTES`) wait in a temporary file."""

    def __init__(self, items: Iterable[Problem] = (), spill_bytes: int = SPILL_BYTES) -> None:
        self._chunks: list[Any] = [list(items)]
        self._held = 0
        self._spill = spill_bytes

    def tail(self) -> list[Problem]:
        """The list that problems are appended to (after every table so far)."""
        last = self._chunks[-1]
        if not isinstance(last, list):
            last = []
            self._chunks.append(last)
        return last

    def append(self, problem: Problem) -> None:
        self.tail().append(problem)

    def add_table(self, table: Any) -> None:
        """A table of :data:`FIELDS` (and the text report's ``clock``), after what is here."""
        if not table.num_rows:
            return
        last = self._chunks[-1]
        if isinstance(table, Pending) and (isinstance(last, _Spilled) or self._held + table.nbytes > self._spill):
            table = table.table()
        if isinstance(last, _Spilled):
            last.write(table)
        elif self._held + table.nbytes > self._spill:
            spilled = _Spilled(table.schema)
            spilled.write(table)
            self._chunks.append(spilled)
        else:
            self._held += table.nbytes
            self._chunks.append(table)

    def render(self, lines: LinesMaker, folder: str, hold: int = RENDERED_BYTES) -> None:
        """Turn the lists and tables held here into lines of the text report (``lines`` makes
        them, and tells whether they are clean), kept compressed (:class:`Rendered`; past
        ``hold`` bytes of them in a temporary file in ``folder``): what is held stays small
        however long the export."""
        rendered = self._chunks[0] if isinstance(self._chunks[0], Rendered) else Rendered(folder, hold)
        for chunk in self.chunks(pending=True):
            if isinstance(chunk, Rendered):
                continue
            assert not isinstance(chunk, Counted), "problems counted only cannot be written"
            text, clean = lines(chunk)
            rendered.add(text)
            rendered.num_rows += _rows(chunk)
            rendered.clean = rendered.clean and clean
        self._chunks, self._held = [rendered, []], 0

    def count_only(self) -> None:
        """Keep only how many problems there are (their results are written elsewhere)."""
        counted = self._chunks[0] if isinstance(self._chunks[0], Counted) else Counted()
        counted.num_rows += sum(_rows(c) for c in self._chunks if c is not counted)
        self._chunks, self._held = [counted, []], 0

    def _parts(self, pending: bool = False) -> Iterator[Any]:
        """The lists and tables, those of a temporary file read back one at a time (and with
        ``pending``, the :class:`Pending` ones as they are, else made tables)."""
        for chunk in self._chunks:
            if isinstance(chunk, _Spilled):
                yield from chunk.tables()
            elif isinstance(chunk, Pending) and not pending:
                yield chunk.table()
            else:
                yield chunk

    def extend(self, other: Iterable[Problem]) -> None:
        if isinstance(other, Problems):
            for chunk in other._parts():
                if isinstance(chunk, list):
                    self.tail().extend(chunk)
                elif isinstance(chunk, Rendered | Counted):
                    self._chunks.append(chunk)
                else:
                    self.add_table(chunk)
        else:
            self.tail().extend(other)

    def chunks(self, pending: bool = False) -> Iterator[Any]:
        """The non-empty lists, tables and files of lines (:class:`Rendered`), in order (with
        ``pending``, the :class:`Pending` problems as they are)."""
        return (chunk for chunk in self._parts(pending) if _rows(chunk))

    def __len__(self) -> int:
        return sum(_rows(c) for c in self._chunks)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[Problem]:
        for chunk in self._parts():
            if isinstance(chunk, list):
                yield from chunk
            elif isinstance(chunk, Rendered | Counted):
                if chunk.num_rows:
                    raise TypeError("problems written as lines or counted only are not there to read")
            else:
                columns = [chunk.column(name).to_pylist() for name in FIELDS]
                yield from map(Problem._make, zip(*columns, strict=True))


def _rows(chunk: Any) -> int:
    return len(chunk) if isinstance(chunk, list) else int(chunk.num_rows)
