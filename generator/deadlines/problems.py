"""The late and overdue results of a run, in file order: :class:`~generator.deadlines.judge.Problem`
tuples where the scalar judge made them, tables of the same columns where the vector judge did
(:mod:`generator.deadlines.vector`), so that a million of them stay a few arrays; a report that
wants tuples iterates, the text report writes the tables as arrays."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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


FIELDS = ("line", "case_id", "unit", "case_type", "routine", "rule", "due_date", "responded_at", "status",
          "deadline")
"""The columns of a table of problems (a Problem's fields, in order)."""


class Problems:
    """A sequence of problems made of lists and tables (pyarrow), in file order."""

    def __init__(self, items: Iterable[Problem] = ()) -> None:
        self._chunks: list[Any] = [list(items)]

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
        if table.num_rows:
            self._chunks.append(table)

    def extend(self, other: Iterable[Problem]) -> None:
        if isinstance(other, Problems):
            for chunk in other._chunks:
                if isinstance(chunk, list):
                    self.tail().extend(chunk)
                else:
                    self.add_table(chunk)
        else:
            self.tail().extend(other)

    def chunks(self) -> Iterator[Any]:
        """The non-empty lists and tables, in order."""
        return (chunk for chunk in self._chunks if (len(chunk) if isinstance(chunk, list) else chunk.num_rows))

    def __len__(self) -> int:
        return sum(len(c) if isinstance(c, list) else c.num_rows for c in self._chunks)

    def __bool__(self) -> bool:
        return any(True for _ in self.chunks())

    def __iter__(self) -> Iterator[Problem]:
        for chunk in self._chunks:
            if isinstance(chunk, list):
                yield from chunk
            else:
                columns = [chunk.column(name).to_pylist() for name in FIELDS]
                yield from map(Problem._make, zip(*columns, strict=True))
