"""A batch of cases as the vector judge (:mod:`generator.deadlines.vector`) holds it once
judged: per row and slot (the place of a rule among its group's rules) the result, the results
of a rank or worse in file order (:class:`Results`), and the late and overdue ones as a table of
problems or as they were found (:class:`LateResults`), to make the text report's lines of."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from generator.deadlines.problems import Pending
from generator.deadlines.vector_parse import NONE, US_DAY, distinct, iso

_EPOCH = dt.date(1970, 1, 1)


def responded_at(batch: Batch, columns: list[pa.Array], rows: np.ndarray, response: np.ndarray,
               response_off: np.ndarray) -> pa.Array:
    """The answer (or delsvar) of each result, as written (where every one is written as its
    isoformat) or as its isoformat; anything where there is none (its place is left empty)."""
    if batch.canonical:  # each answer as written is its isoformat(timespec="seconds")
        partial = (response == batch.partial[rows]) & (response != batch.answered[rows])
        take = pa.array(rows)
        return pc.if_else(pa.array(partial), columns[5].take(take), columns[4].take(take))
    return iso(np.where(response != NONE, response, 0), response_off)


class LateResults(Pending):
    """The late and overdue results of a batch as the vector judge found them: the text
    report's lines are made from them (:func:`generator.deadlines.vector_lines.late_lines`),
    a table only where one is wanted."""

    def __init__(self, batch: Batch, columns: list[pa.Array], found: Results) -> None:
        self.batch, self.columns, self.found = batch, columns, found
        self.first_line = batch.first_line
        self.num_rows = len(found.rows)
        self.nbytes = 80 * self.num_rows

    def table(self) -> pa.Table:
        return problems_table(self.batch, self.columns, self.found)

    def text_lines(self, names: Any, t: Any, told: dict[tuple[Any, ...], tuple[str, str]],
                   shape: Any) -> tuple[memoryview, bool]:
        from generator.deadlines.vector_lines import late_lines

        return late_lines(self, names, t, told, shape)

    def case_ids(self, rows: np.ndarray) -> pa.Array:
        """The case ids of the batch's ``rows``."""
        return self.columns[0].take(pa.array(rows))

    def responded(self, results: np.ndarray) -> pa.Array:
        """The answer of each of ``results`` (indices among the found ones), "" where none."""
        found = self.found
        response = found.response[results]
        answer = responded_at(self.batch, self.columns, found.rows[results], response, found.response_off[results])
        return pc.if_else(pa.array(response != NONE), answer, "")


class Batch:
    """One batch's arrays, and once judged, per row and slot (the place of a rule among its
    group's rules) the result: its rank (-1: none), due date, deadline and response."""

    def __init__(self, n: int, first_line: int, day: np.ndarray, low: int, high: int, received: np.ndarray,
                 answered: np.ndarray, answered_off: np.ndarray, partial: np.ndarray, partial_off: np.ndarray) -> None:
        self.n, self.first_line, self.day, self.low, self.high = n, first_line, day, low, high
        self.received, self.answered, self.answered_off = received, answered, answered_off
        self.partial, self.partial_off = partial, partial_off
        self.canonical = False
        """Whether every answer and delsvar is written as its isoformat(timespec="seconds")."""
        self.groups: list[tuple[str, str]] = []
        """The (unit, case type) of each group."""
        self.codes = np.zeros(0, np.int64)
        """Each row's group."""
        self.width = 0
        """The most rules a group has (slots per row)."""
        self.parts: list[tuple[str, str, str, Any]] = []
        """Per group and slot, its (unit, case type, routine, rule): at ``group * width + slot``."""
        self.rank = self.due = self.deadline = self.offset = self.response = self.response_off = np.zeros((0, 0), np.int64)
        self.hourly = np.zeros(0, bool)
        """Per row, whether a rule in timmar or dygn judged it."""
        self.judged: list[tuple[str, np.ndarray, np.ndarray]] = []
        """Per rule judged, its routine, the rows, and their ranks."""

    def results(self, least: int) -> Results | None:
        """The results of rank ``least`` or worse (0: every one; 2: the late and overdue), in
        file order: by row, then by rule; None when there are none."""
        if not self.width:
            return None
        chosen = np.flatnonzero(self.rank.ravel() >= least)  # by row, then by slot
        if not len(chosen):
            return None
        rows, slot = np.divmod(chosen, self.width)
        rank, due, deadline, offset, response, response_off = (
            array.ravel()[chosen] for array in (self.rank, self.due, self.deadline, self.offset, self.response,
                                                self.response_off))
        return Results(self.parts, self.codes[rows] * self.width + slot, rows, rank, due, deadline, offset, response,
                       response_off, self.hourly[rows])


@dataclass
class Results:
    """Results of a batch in file order (:meth:`Batch.results`): per result its row in the
    batch, its rank, due date (days since 1970), deadline and answer (UTC µs, and the offsets
    they are written in), whether a rule in timmar or dygn judged its case, and its part: the
    (unit, case type, routine, rule) it was judged under."""

    parts: list[tuple[str, str, str, Any]]
    part: np.ndarray
    rows: np.ndarray
    rank: np.ndarray
    due: np.ndarray
    deadline: np.ndarray
    offset: np.ndarray
    response: np.ndarray
    response_off: np.ndarray
    hourly: np.ndarray

    def labels(self, field: int, text: Any = str) -> pa.DictionaryArray:
        """Per result, ``text`` of field ``field`` of its part, one string per part."""
        return pa.DictionaryArray.from_arrays(pa.array(self.part),
                                              pa.array([text(p[field]) for p in self.parts], pa.string()))

    def due_dates(self) -> pa.DictionaryArray:
        """Per result, its due date in ISO form, each distinct date made once."""
        days, back = distinct(self.due)
        return pa.DictionaryArray.from_arrays(
            pa.array(back),
            pa.array([(_EPOCH + dt.timedelta(days=d)).isoformat() for d in days.tolist()], pa.string()))


def problems_table(batch: Batch, columns: list[pa.Array], found: Results) -> pa.Table:
    """The late and overdue results as a table, in file order (by row, then by rule); the
    columns of few values (unit, case type, routine, rule, due date, status) as dictionaries."""
    rows, due, deadline, offset = found.rows, found.due, found.deadline, found.offset
    response, response_off, rank, hourly = found.response, found.response_off, found.rank, found.hourly
    answered = response != NONE
    responded = responded_at(batch, columns, rows, response, response_off)
    nulls = pa.nulls(len(rows), pa.string())
    if hourly.any():
        stamps = iso(deadline, offset)
        wall = (deadline + offset) % US_DAY
        whole_day = (wall == 0) & ((deadline + offset) // US_DAY == due + 1)
        clock = pc.if_else(pa.array(wall % 60_000_000 == 0), pc.utf8_slice_codeunits(stamps, 11, 16),
                           pc.utf8_slice_codeunits(stamps, 11, 19))
        deadlines = pc.if_else(pa.array(hourly), stamps, nulls)
        clocks = pc.if_else(pa.array(hourly & ~whole_day), clock, nulls)
    else:
        deadlines = clocks = nulls
    return pa.table({
        "line": pa.array(rows + batch.first_line),
        "case_id": columns[0].take(pa.array(rows)),
        "unit": found.labels(0), "case_type": found.labels(1), "routine": found.labels(2),
        "rule": found.labels(3, lambda rule: rule.id), "due_date": found.due_dates(),
        "responded_at": pc.if_else(pa.array(answered), responded, nulls),
        "status": pa.DictionaryArray.from_arrays(pa.array((rank - 2).astype(np.int8)),
                                                 pa.array(["late", "overdue"])),
        "deadline": deadlines,
        "clock": clocks,
    })
