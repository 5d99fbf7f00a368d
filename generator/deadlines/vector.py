"""The deadline checks as arrays (issue 19): a CSV export judged batch by batch with numpy, and
a workbook's sheet piece by piece (its columns made arrays by :func:`generator.deadlines.sheets.piece_columns`).

Each batch of rows (:mod:`generator.deadlines.vector_parse`) becomes arrays: the group of each
case (its unit and case type, resolved once per label), its instants in UTC microseconds and
its local day of receipt. Rule by rule (over every row whose group the rule is among the rules
of, at its place among them: the row's slot), the rule's deadline comes from a small table by
day (vardagar: ``numpy.busday_offset`` over the holidays and the configured closed days, then
the instant of 00:00 after each due date) or from the instant of receipt (timmar, dygn: elapsed
time), and the statuses from comparing arrays (:class:`~generator.deadlines.vector_batch.Batch`).
Counts are ``bincount``s; the late and overdue results become a table
(:class:`~generator.deadlines.problems.Problems`), or where the text report's lines are made as
the export is judged, stay as found until they are (:mod:`generator.deadlines.vector_lines`);
Python objects are made only for the cases no rule covers.

A batch with anything else (a row that cannot be read, an unknown unit or case type, an answer
before its receipt, a day outside the calendar, a value that may have spaces to strip) is
judged by the scalar judge (:func:`generator.deadlines.judge.judge`), which stays the
reference; so the summary is the scalar one, row for row (tests/test_deadlines_vector.py).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa

from generator.content.csv_records import RowError
from generator.core.calendar import FIRST_DAY, LAST_DAY, _holidays, parse_instant
from generator.deadlines.cases import Case, parse_case
from generator.deadlines.judge import _BY_RANK, DeadlineChecker, Summary, Unmatched
from generator.deadlines.vector_batch import Batch, LateResults
from generator.deadlines.vector_parse import (
    NONE,
    US_DAY,
    US_HOUR,
    Zone,
    canonical,
    distinct,
    instants,
    plain,
)
from generator.deadlines.vector_results import ResultKind, result_lines

_EPOCH = dt.date(1970, 1, 1)
_EPOCH_UTC = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FIRST, _LAST = (FIRST_DAY - _EPOCH).days, (LAST_DAY - _EPOCH).days


def _micros(moment: dt.datetime) -> int:
    return (moment - _EPOCH_UTC) // dt.timedelta(microseconds=1)


class VectorJudge:
    """Judges batches of arrays; keeps what repeats (labels, groups, tables by day) across them."""

    def __init__(self, checker: DeadlineChecker) -> None:
        self.checker = checker
        self.calendar = checker.calendar
        self.zone = Zone(checker.calendar.zone)
        self.now = _micros(checker.now)
        self._in_force: dict[tuple[str, int, int], np.ndarray] = {}
        self._due: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._week_codes: dict[tuple[int, int], tuple[np.ndarray, list[str]]] = {}
        self.pending = False
        """Whether the late and overdue results of a batch are kept as found (:class:`LateResults`:
        their text report lines are made right after the batch) rather than made a table."""

    def judge(self, columns: list[pa.Array], first_line: int, summary: Summary,
              lines: tuple[ResultKind, BinaryIO] | None = None) -> bool:
        """Judge one batch into ``summary`` (and with ``lines``, every result as a line of that
        report into that file); False (and nothing written) when the batch is for the scalar judge."""
        case_id, unit, case_type, received_at, answered_at, partial_at = columns
        n = len(case_id)
        if not n:
            return True
        if not plain(case_id):
            return False
        groups = self._groups(unit, case_type)
        if groups is None:
            return False
        codes, keys = groups
        got_received = instants(received_at, self.zone, True)
        got_answered = instants(answered_at, self.zone, False)
        got_partial = instants(partial_at, self.zone, False)
        if got_received is None or got_answered is None or got_partial is None:
            return False
        (received, _), (answered, answered_off), (partial, partial_off) = got_received, got_answered, got_partial
        if ((answered != NONE) & (answered < received)).any() or ((partial != NONE) & (partial < received)).any():
            return False
        offset = self.zone.offsets_at(received)
        if (offset == NONE).any():
            return False
        day = (received + offset) // US_DAY
        low, high = int(day.min()), int(day.max())
        if low < _FIRST or high > _LAST:
            return False
        batch = Batch(n, first_line, day, low, high, received, answered, answered_off, partial, partial_off)
        batch.canonical = canonical(answered_at) and canonical(partial_at)
        if not self._rules(batch, codes, keys):
            return False
        self._commit(batch, columns, summary)
        found = batch.results(0) if lines is not None else None
        if lines is not None and found is not None:
            lines[1].write(result_lines(found, first_line, columns, lines[0]))
        return True

    def _groups(self, unit: pa.Array, case_type: pa.Array) -> tuple[np.ndarray, list[tuple[str, str]]] | None:
        """(each row's group, the groups as (unit, case type) ids); None when a label does not
        resolve or may have spaces to strip (the scalar judge tells it)."""
        checker = self.checker
        resolved: list[list[str]] = []
        indices = []
        for column, resolve in ((unit, checker._unit), (case_type, checker._type)):
            encoded = column.dictionary_encode()
            labels = encoded.dictionary.to_pylist()
            ids = [resolve(label) if label and label == label.strip() else None for label in labels]
            if any(i is None for i in ids):
                return None
            resolved.append(ids)  # type: ignore[arg-type]
            indices.append(encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64))
        found, codes = distinct(indices[0] * len(resolved[1]) + indices[1])
        keys = [(resolved[0][p // len(resolved[1])], resolved[1][p % len(resolved[1])]) for p in found.tolist()]
        return codes, keys

    def _rules(self, batch: Batch, codes: np.ndarray, keys: list[tuple[str, str]]) -> bool:
        """Judge the batch rule by rule: each rule (with its routine) over every row whose group
        it is among the rules of, at that rule's place among them (its slot); False when the
        scalar judge should."""
        plans = [self.checker.rules_for(unit, case_type) for unit, case_type in keys]
        width = max(map(len, plans), default=0)
        batch.codes, batch.groups, batch.width = codes, keys, width
        if not width:
            return True
        n = batch.n
        batch.rank = np.full((n, width), -1, np.int64)
        batch.due, batch.deadline, batch.offset, batch.response, batch.response_off = (
            np.zeros((n, width), np.int64) for _ in range(5))
        batch.hourly = np.zeros(n, bool)
        slots: dict[tuple[int, int, int], tuple[Any, Any, np.ndarray]] = {}
        parts: list[tuple[str, str, str, Any]] = []
        for g, plan in enumerate(plans):
            unit, case_type = keys[g]
            for slot, (rule, routine) in enumerate(plan):
                key = (id(rule), id(routine), sum(1 for r, o in plan[:slot] if r is rule and o is routine))
                if key not in slots:
                    slots[key] = (rule, routine, np.full(len(keys), -1, np.int64))
                slots[key][2][g] = slot
            filler = plan[0] if plan else next(p for p in plans if p)[0]
            parts.extend((unit, case_type, routine.label, rule)
                         for rule, routine in (plan + [filler] * (width - len(plan))))
        batch.parts = parts
        for rule, routine, slot_of in slots.values():
            at_slot = slot_of[codes]
            rows = np.flatnonzero(at_slot >= 0)
            if not len(rows):
                continue
            slot = at_slot[rows]
            at = batch.day[rows] - batch.low
            force = self._force(routine, batch.low, batch.high)[at]
            if not force.any():
                continue
            received = batch.received[rows]
            if rule.hours is None:
                due, deadline, offset = self._vardagar(batch.low, batch.high, rule.within)
                due, deadline, offset = due[at], deadline[at], offset[at]
            else:
                deadline = received + rule.hours * US_HOUR
                before = self.zone.offsets_at(deadline - 1)
                offset = self.zone.offsets_at(deadline)
                if (before == NONE).any() or (offset == NONE).any():
                    return False
                due = (deadline - 1 + before) // US_DAY
                batch.hourly[rows[force]] = True
            response, response_off = batch.answered[rows], batch.answered_off[rows]
            if rule.partial_answer_counts:
                partial = batch.partial[rows]
                earlier = partial < response
                response = np.where(earlier, partial, response)
                response_off = np.where(earlier, batch.partial_off[rows], response_off)
            rank = np.where(response != NONE, np.where(response < deadline, 0, 2), np.where(self.now < deadline, 1, 3))
            rank = np.where(force, rank, -1)
            batch.rank[rows, slot] = rank
            batch.due[rows, slot], batch.deadline[rows, slot], batch.offset[rows, slot] = due, deadline, offset
            batch.response[rows, slot], batch.response_off[rows, slot] = response, response_off
            batch.judged.append((routine.label, rows, rank))
        return True

    def _force(self, routine: Any, low: int, high: int) -> np.ndarray:
        """Whether ``routine`` is in force, per day from ``low`` to ``high`` (days since 1970)."""
        key = (routine.file, low, high)
        found = self._in_force.get(key)
        if found is None:
            found = self._in_force[key] = np.array(
                [routine.in_force(_EPOCH + dt.timedelta(days=d)) for d in range(low, high + 1)], bool)
        return found

    def _vardagar(self, low: int, high: int, within: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per day from ``low`` to ``high`` (days since 1970), the due date (the ``within``-th
        vardag after it), the deadline (00:00 after it, in µs) and the zone's offset then."""
        key = (within, low, high)
        found = self._due.get(key)
        if found is not None:
            return found
        due = vardagar_after(np.arange(low, high + 1), within, self.calendar)
        days, back = np.unique(due, return_inverse=True)
        deadline, offset = np.empty(len(days), np.int64), np.empty(len(days), np.int64)
        for i, d in enumerate(days.tolist()):
            midnight = self.calendar.midnight_after(_EPOCH + dt.timedelta(days=d))
            at = midnight.utcoffset()
            assert at is not None
            deadline[i], offset[i] = _micros(midnight), at // dt.timedelta(microseconds=1)
        found = self._due[key] = (due, deadline[back], offset[back])
        return found

    def _weeks(self, low: int, high: int) -> tuple[np.ndarray, list[str]]:
        """Per day from ``low`` to ``high``, the index of its ISO week in the list of weeks."""
        key = (low, high)
        found = self._week_codes.get(key)
        if found is None:
            labels = [self.checker.week_of(_EPOCH + dt.timedelta(days=d)) for d in range(low, high + 1)]
            weeks = sorted(set(labels))
            index = {w: i for i, w in enumerate(weeks)}
            found = self._week_codes[key] = (np.array([index[w] for w in labels], np.int64), weeks)
        return found

    def _commit(self, batch: Batch, columns: list[pa.Array], summary: Summary) -> None:
        """Counts, problems and uncovered cases of a judged batch into ``summary``."""
        summary.rows += batch.n
        summary.cases += batch.n
        groups = batch.groups
        # per row, the worst of its results (-1: none)
        worst_of = batch.rank.max(axis=1) if batch.width else np.full(batch.n, -1, np.int64)
        by_routine: dict[str, np.ndarray] = {}
        for routine, rows, rank in batch.judged:
            worst = by_routine.get(routine)
            if worst is None:
                worst = by_routine[routine] = np.full(batch.n, -1, np.int64)
            worst[rows] = np.maximum(worst[rows], rank)
        for routine, worst in by_routine.items():
            seen = worst >= 0
            counts = np.bincount(batch.codes[seen] * 4 + worst[seen], minlength=4 * len(groups)).reshape(-1, 4)
            for g in np.flatnonzero(counts.sum(axis=1)).tolist():
                unit, case_type = groups[g]
                _count(_counter(summary.by_routine, (unit, case_type, routine)), counts[g])
        judged = worst_of >= 0
        summary.judged += int(judged.sum())
        worst, group = worst_of[judged], batch.codes[judged]
        by_group = np.bincount(group * 4 + worst, minlength=4 * len(groups)).reshape(-1, 4)
        for g in np.flatnonzero(by_group.sum(axis=1)).tolist():
            _count(_counter(summary.by_group, groups[g]), by_group[g])
        units: dict[str, int] = {}
        unit_of = np.array([units.setdefault(unit, len(units)) for unit, _ in groups], np.int64)
        codes, weeks = self._weeks(batch.low, batch.high)
        by_week = np.bincount((unit_of[group] * len(weeks) + codes[batch.day[judged] - batch.low]) * 4 + worst,
                              minlength=4 * len(weeks) * len(units)).reshape(-1, 4)
        names = list(units)
        for cell in np.flatnonzero(by_week.sum(axis=1)).tolist():
            _count(_counter(summary.by_week, (names[cell // len(weeks)], weeks[cell % len(weeks)])), by_week[cell])
        left = np.flatnonzero(~judged)
        if len(left):
            self._unmatched(batch, columns, left, summary)
        problems = batch.results(2)
        if problems is not None:
            late = LateResults(batch, columns, problems)
            summary.problems.add_table(late if self.pending else late.table())

    def _unmatched(self, batch: Batch, columns: list[pa.Array], rows: np.ndarray, summary: Summary) -> None:
        """The cases no rule in force covers, as the scalar judge lists them."""
        take = pa.array(rows)
        values = [column.take(take).to_pylist() for column in columns]
        zone, checker = self.calendar.zone, self.checker
        for row, *fields in zip(rows.tolist(), *values, strict=True):
            case = _case(batch.first_line + row, fields, zone)
            assert isinstance(case, Case), "a row the vector judge read that the scalar reader cannot"
            unit, case_type = checker._unit(case.unit), checker._type(case.case_type)
            assert unit is not None and case_type is not None
            summary.unmatched.append(Unmatched(case, unit, case_type))

def _case(line: int, fields: list[Any], zone: Any) -> Case | RowError:
    """The case of a row the vector judge read: by the scalar reader from its text, or, where a
    workbook's time column held date cells (naive datetimes), as the workbook reader makes it."""
    if all(type(value) is str for value in fields):
        return parse_case(line, fields, zone)
    received, answered, partial = (value.replace(tzinfo=zone) if isinstance(value, dt.datetime) else
                                   parse_instant(value, zone) if value else None for value in fields[3:])
    assert received is not None, "a case the vector judge read without its receipt"
    return Case(line, fields[0], fields[1], fields[2], received, answered, partial)


def _counter(counts: dict[Any, Counter[str]], key: Any) -> Counter[str]:
    """The counts at ``key`` (made when it has none: setdefault would make a Counter every time)."""
    found = counts.get(key)
    if found is None:
        found = counts[key] = Counter()
    return found


def _count(counter: Counter[str], by_rank: np.ndarray) -> None:
    """Add the counts per rank (best to worst) to ``counter``."""
    for rank, count in enumerate(by_rank.tolist()):
        if count:
            counter[_BY_RANK[rank]] += count


def vardagar_after(days: np.ndarray, within: int, calendar: Any) -> np.ndarray:
    """The ``within``-th vardag after each day (days since 1970-01-01), by ``numpy.busday_offset``
    with the Swedish holidays and eves and the calendar's closed days (the day itself is never
    counted: a day that is no vardag rolls back to the vardag before it first)."""
    first = _EPOCH + dt.timedelta(days=int(days.min()))
    last = _EPOCH + dt.timedelta(days=int(days.max()))
    years = range(first.year, min(last.year + 2 + within // 200, LAST_DAY.year + 1) + 1)
    closed = [d for year in years for d in _holidays(year)] + list(calendar.closed_days)
    holidays = np.array(sorted(closed), dtype="datetime64[D]")
    due = np.busday_offset(days.astype("datetime64[D]"), within, roll="backward", holidays=holidays)
    return due.astype(np.int64)
