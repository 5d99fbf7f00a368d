"""Running the deadline checks over an export: in one process, or split over the cores.

A large export without quoted fields is cut into byte ranges at line starts; forked workers
judge one range each, write their formatted results to a file of their own, and send back
their counts. The parts are merged in file order, so the output equals a one-process run.
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

from generator.deadlines.cases import Layout, read_cases, read_header, split_ranges
from generator.deadlines.judge import DeadlineChecker, Result, Summary, judge

Formatter = Callable[[Result], str]


@dataclass(frozen=True)
class _Job:
    """One export's checking; handed to each worker process once, when it starts."""

    checker: DeadlineChecker
    formatter: Formatter | None
    path: Path
    layout: Layout
    tmp: str


def _judge_part(job: _Job, part: tuple[int, int, int] | None) -> tuple[Summary, str | None]:
    """Judge the rows of ``part`` (start, end, first line; None: the whole file); the summary,
    and the file the formatted results were written to (None without a formatter)."""
    summary = Summary()
    start, end, first_line = part if part is not None else (None, None, 2)
    rows = read_cases(job.path, job.checker.calendar.zone, job.layout, start, end, first_line)
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


def check_export(path: Path, checker: DeadlineChecker, formatter: Formatter | None,
                 jobs: int) -> tuple[Summary, Iterator[str]]:
    """(summary, formatted results). The summary is complete when this returns: the results are
    judged first and written to temporary files (removed once the iterator is consumed or
    closed), in one process or, for a large export without quoted fields, over ``jobs``
    forked workers."""
    layout: Layout = read_header(path)
    ranges = split_ranges(path, layout, jobs) if jobs > 1 else None
    tmp = tempfile.mkdtemp(prefix="routines-cases-")
    job = _Job(checker, formatter, path, layout, tmp)
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
