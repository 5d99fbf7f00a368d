"""Running the deadline checks over an export: in one process, or split over the cores.

A large export without quoted fields is cut into byte ranges at line starts; forked workers
judge one range each, write their formatted results to a file of their own, and send back
their counts. The parts are merged in file order, so the output equals a one-process run.
An ``.xlsx`` workbook is read (by :mod:`generator.deadlines.sheets`) and judged in one process.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.content.textfile import describe_os_error, require_file
from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.deadlines.cases import (
    Layout,
    ReadInfo,
    ReadOptions,
    read_cases,
    read_header,
    split_ranges,
)
from generator.deadlines.judge import DeadlineChecker, Result, Summary, judge

if TYPE_CHECKING:
    from generator.deadlines.sheets import Sheet

Formatter = Callable[[Result], str]


@dataclass(frozen=True)
class _Job:
    """One export's checking; handed to each worker process once, when it starts."""

    checker: DeadlineChecker
    formatter: Formatter | None
    path: Path
    layout: Layout | None
    """None for a workbook."""
    sheet: Sheet | None
    """The opened sheet of a workbook (forked workers read it from the parent's memory)."""
    tmp: str


def _judge_part(job: _Job, part: tuple[int, int, int] | None) -> tuple[Summary, str | None]:
    """Judge the rows of ``part`` (start, end, first line; None: the whole file); the summary,
    and the file the formatted results were written to (None without a formatter)."""
    summary = Summary()
    start, end, first_line = part if part is not None else (None, None, 2)
    zone = job.checker.calendar.zone
    if job.sheet is not None:
        from generator.deadlines.sheets import sheet_cases

        rows = sheet_cases(job.sheet, zone, start or 0, end)
    else:
        assert job.layout is not None
        rows = read_cases(job.path, zone, job.layout, start, end, first_line)
    results = judge(rows, job.checker, summary, results=job.formatter is not None)
    if job.formatter is None:
        for _ in results:
            pass
        return summary, None
    target = os.path.join(job.tmp, f"part-{start or 0:012d}")
    formatter = job.formatter
    with open(target, "w", encoding="utf-8") as handle:
        handle.writelines(formatter(result) + "\n" for result in results)
    return summary, target


_worker_job: _Job | None = None
"""In a worker process only: its job (set by :func:`_start_worker`)."""


def _start_worker(job: _Job) -> None:
    global _worker_job
    _worker_job = job


def _work(part: tuple[int, int, int]) -> tuple[Summary, str | None]:
    assert _worker_job is not None, "a deadline worker without its job"
    return _judge_part(_worker_job, part)


def _merge(parts: list[Summary]) -> Summary:
    total = Summary()
    for part in parts:
        for key, counts in part.by_group.items():
            total.by_group.setdefault(key, Counter()).update(counts)
        for key, counts in part.by_week.items():
            total.by_week.setdefault(key, Counter()).update(counts)
        for routine_key, counts in part.by_routine.items():
            total.by_routine.setdefault(routine_key, Counter()).update(counts)
        total.problems.extend(part.problems)
        total.errors.extend(part.errors)
        total.unmatched.extend(part.unmatched)
        total.cases += part.cases
        total.rows += part.rows
        total.judged += part.judged
    return total


def _read_parts(files: list[str], tmp: str) -> Iterator[str]:
    try:
        for name in files:
            with open(name, encoding="utf-8") as handle:
                for line in handle:
                    yield line.rstrip("\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _is_workbook(path: Path) -> bool:
    from generator.deadlines.sheets import is_workbook

    require_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as error:
        raise GeneratorError(msg("cases.unreadable", path=str(path), reason=describe_os_error(error))) from None
    return is_workbook(path, head)


def check_export(path: Path, checker: DeadlineChecker, formatter: Formatter | None,
                 jobs: int, options: ReadOptions | None = None,
                 info: ReadInfo | None = None) -> tuple[Summary, Iterator[str]]:
    """(summary, formatted results). The summary is complete when this returns: the results are
    judged first and written to temporary files (removed once the iterator is consumed or
    closed), in one process or, for a large export without quoted fields, over ``jobs``
    forked workers. ``options``: how to read the export (separator, sheet, ``[cases.columns]``);
    ``info`` gets what is worth telling about how it was read (a file read as Windows-1252, the
    sheet of a workbook)."""
    options, info = options or ReadOptions(), info or ReadInfo()
    layout: Layout | None = None
    sheet: Sheet | None = None
    if _is_workbook(path):
        from generator.deadlines.sheets import open_sheet, split_rows

        sheet = open_sheet(path, options, info)
        ranges = split_rows(sheet, jobs)
    else:
        layout = read_header(path, options)
        if layout.encoding != "utf-8":
            info.notes.append(msg("cases.read_as_cp1252", path=str(path)))
        ranges = split_ranges(path, layout, jobs) if jobs > 1 else None
    try:
        return _check(_Job(checker, formatter, path, layout, sheet, tempfile.mkdtemp(prefix="routines-cases-")),
                      ranges)
    finally:
        if sheet is not None:
            sheet.close()


def _check(job: _Job, ranges: list[tuple[int, int, int]] | None) -> tuple[Summary, Iterator[str]]:
    tmp = job.tmp
    try:
        if ranges is None:
            parts = [_judge_part(job, None)]
        else:
            import multiprocessing

            # fork: the job reaches each worker as it starts, without pickling the checker
            with multiprocessing.get_context("fork").Pool(len(ranges), initializer=_start_worker,
                                                          initargs=(job,)) as pool:
                parts = pool.map(_work, ranges)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    summary = parts[0][0] if len(parts) == 1 else _merge([p[0] for p in parts])
    files = [p[1] for p in parts if p[1] is not None]
    if not files:
        shutil.rmtree(tmp, ignore_errors=True)
        return summary, iter(())
    rows = _read_parts(files, tmp)
    weakref.finalize(rows, shutil.rmtree, tmp, True)  # also when the rows are never read
    return summary, rows
