"""The task log (``routines tasks --log``): a CSV of ``task,unit,done_on`` rows that marks
occurrences done; rows that cannot be used are reported with their line, never dropped."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.csv_records import (
    MAX_FIELD,
    RowError,
    column_positions,
    csv_reason,
    read_records,
)
from generator.content.textfile import MAX_DATA_BYTES, TextProblem, decode, read_bytes, require_file
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg
from generator.core.organisation import Organisation
from generator.core.suggest import unknown
from generator.staffing.tasks import LOG_COLUMNS, Key, Occurrence, Task

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class TaskLog:
    """What a task log says was done, and its rows that could not be used."""

    done: dict[Key, list[dt.date]] = field(default_factory=dict)
    """Per (routine, rule, unit), the days it was done, sorted."""
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


class _TaskNames:
    """Resolves a log's ``task`` field: a rule id, ``ROUTINE#RULE`` or the task's text."""

    def __init__(self, tasks: Iterable[Task]) -> None:
        self.names: dict[str, set[tuple[str, str]]] = {}
        self.at_unit: dict[str, set[tuple[str, str]]] = {}
        for task in tasks:
            ref = (task.routine.label, task.rule.id)
            for name in (task.rule.id, f"{task.routine.label}#{task.rule.id}", task.rule.task):
                self.names.setdefault(_norm(name), set()).add(ref)
            self.at_unit.setdefault(task.unit.id, set()).add(ref)

    def resolve(self, label: str, unit: str) -> tuple[str, str] | Msg:
        """(routine, rule), or why the label does not name one task at the unit."""
        candidates = self.names.get(_norm(label))
        if not candidates:
            return msg("tasks.unknown_task", label=label)
        here = candidates & self.at_unit.get(unit, set())
        if not here:
            names = ", ".join(sorted(f"{r}#{k}" for r, k in candidates))
            return msg("tasks.not_at_unit", label=label, names=names, unit=unit)
        if len(here) > 1:
            names = ", ".join(sorted(f"{r}#{k}" for r, k in here))
            return msg("tasks.ambiguous", label=label, unit=unit, names=names)
        return next(iter(here))


def _log_text(path: Path) -> str:
    require_file(path)
    data = read_bytes(path, MAX_DATA_BYTES)
    text = data if isinstance(data, TextProblem) else decode(data)
    if isinstance(text, TextProblem):
        raise GeneratorError(msg("cases.at", where=f"{path}:{text.line}", message=text.message))
    return text


def read_log(path: Path, tasks: Sequence[Task], organisation: Organisation, today: dt.date) -> TaskLog:
    """A task log (CSV, UTF-8, header ``task,unit,done_on``; extra columns are ignored).

    Rows with an unknown unit or task, a bad date, a date after ``today`` or an empty field are
    reported with their line numbers; every other row is used. Raises :class:`GeneratorError`
    when the file is not such a CSV file.
    """
    text = _log_text(path)
    expected = ",".join(LOG_COLUMNS)
    if not text.strip():
        raise GeneratorError(msg("tasks.log_empty", path=str(path), header=expected))
    csv.field_size_limit(MAX_FIELD)
    source = iter(io.StringIO(text, newline=""))
    reader = csv.reader(source, strict=True)
    try:
        header = next(reader)
    except csv.Error as error:
        raise GeneratorError(msg("tasks.log_not_csv", path=str(path), reason=csv_reason(error))) from None
    positions = list(column_positions(path, header, LOG_COLUMNS, LOG_COLUMNS, msg("cases.a_task_log")))
    width = len(header)
    task_names = _TaskNames(tasks)
    log = TaskLog()
    done: dict[Key, set[dt.date]] = {}
    header_lines = reader.line_num
    records = read_records(source, lambda: itertools.islice(io.StringIO(text, newline=""), header_lines, None),
                           header_lines + 1)
    for record in records:
        if isinstance(record, RowError):
            log.errors.append(record)
            continue
        line, _, row = record
        if not row or all(not f.strip() for f in row):
            continue
        log.rows += 1
        if len(row) != width:
            log.errors.append(RowError(line, msg("row.width", fields=len(row), width=width)))
            continue
        found = _parse_row(line, [row[p].strip() for p in positions], task_names, organisation, today)
        if isinstance(found, RowError):
            log.errors.append(found)
        else:
            key, day = found
            done.setdefault(key, set()).add(day)
    log.done = {key: sorted(days) for key, days in done.items()}
    return log


def _parse_row(line: int, values: list[str], task_names: _TaskNames, organisation: Organisation,
               today: dt.date) -> tuple[Key, dt.date] | RowError:
    for column, value in zip(LOG_COLUMNS, values, strict=True):
        if not value:
            return RowError(line, msg("row.empty", column=column))
    task_label, unit_label, done_on = values
    unit = organisation.resolve(unit_label)
    if unit is None:
        return RowError(line, unknown("unit", unit_label, organisation, "organisation.yaml"))
    try:
        if not _DATE.fullmatch(done_on):
            raise ValueError
        day = dt.date.fromisoformat(done_on)
    except ValueError:
        return RowError(line, msg("tasks.bad_date", value=done_on))
    if day > today:
        return RowError(line, msg("tasks.future", value=done_on, today=today.isoformat()))
    ref = task_names.resolve(task_label, unit)
    if isinstance(ref, Msg):
        return RowError(line, ref)
    return (ref[0], ref[1], unit), day


def judge(found: Iterable[Occurrence], log: TaskLog | None, today: dt.date) -> Counter[str]:
    """Set each occurrence's status from the log as of ``today``; the count of each status."""
    counts: Counter[str] = Counter()
    for occurrence in found:
        if log is None:
            occurrence.status, occurrence.done_on = "unknown", None
        else:
            period = occurrence.period
            days = log.done.get(occurrence.key, ())
            occurrence.done_on = next((d for d in days if period.first <= d <= period.last), None)
            if occurrence.done_on is not None:
                occurrence.status = "done"
            elif period.last < today:
                occurrence.status = "missed"
            else:
                occurrence.status = "pending"
        counts[occurrence.status] += 1
    return counts


