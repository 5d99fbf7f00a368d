"""Running the deadline checks over an export: in one process, or split over the cores.

A large export without quoted fields is cut into byte ranges at line starts; forked workers
judge one range each, write their formatted results to a file of their own, and send back
their counts. The parts are merged in file order, so the output equals a one-process run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from generator.deadlines.cases import Layout, read_cases, read_header, split_ranges
from generator.deadlines.judge import DeadlineChecker, Result, Summary, judge

Formatter = Callable[[Result], str]
_JOB: dict[str, Any] = {}


def _work(part: tuple[int, int, int]) -> tuple[Summary, str | None]:
    start, end, first_line = part
    checker: DeadlineChecker = _JOB["checker"]
    formatter: Formatter | None = _JOB["formatter"]
    summary = Summary()
    rows = read_cases(_JOB["path"], checker.calendar.zone, _JOB["layout"], start, end, first_line)
    results = judge(rows, checker, summary, results=formatter is not None)
    if formatter is None:
        for _ in results:
            pass
        return summary, None
    target = os.path.join(_JOB["tmp"], f"part-{start:012d}")
    with open(target, "w", encoding="utf-8") as handle:
        handle.writelines(formatter(result) + "\n" for result in results)
    return summary, target


def _merge(parts: list[Summary]) -> Summary:
    total = Summary()
    for part in parts:
        for key, counts in part.by_group.items():
            total.by_group.setdefault(key, Counter()).update(counts)
        for key, counts in part.by_week.items():
            total.by_week.setdefault(key, Counter()).update(counts)
        total.problems.extend(part.problems)
        total.errors.extend(part.errors)
        total.unmatched.extend(part.unmatched)
        total.cases += part.cases
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
    """(summary, formatted results): the summary is complete once the results are consumed."""
    layout: Layout = read_header(path)
    ranges = split_ranges(path, layout, jobs) if jobs > 1 else None
    if ranges is None:
        summary = Summary()
        results = judge(read_cases(path, checker.calendar.zone, layout), checker, summary,
                        results=formatter is not None)
        if formatter is None:
            for _ in results:
                pass
            return summary, iter(())
        return summary, (formatter(result) for result in results)
    import multiprocessing

    tmp = tempfile.mkdtemp(prefix="routines-cases-")
    _JOB.update(checker=checker, formatter=formatter, path=path, layout=layout, tmp=tmp)
    try:
        with multiprocessing.get_context("fork").Pool(len(ranges)) as pool:
            parts = pool.map(_work, ranges)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        _JOB.clear()
    summary = _merge([p[0] for p in parts])
    files = [p[1] for p in parts if p[1] is not None]
    if not files:
        shutil.rmtree(tmp, ignore_errors=True)
        return summary, iter(())
    return summary, _read_parts(files, tmp)



