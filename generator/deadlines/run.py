"""Running the deadline checks over an export: in one process, or split over the cores.

A large export without quoted fields is cut into byte ranges at line starts; forked workers
judge one range each (by the vector judge, or the scalar one for an export it cannot read),
write their formatted results (or the text report's lines of late and overdue cases) to a file
of their own, and send back their counts. The parts are merged in file order, so the output
equals a one-process run.
An ``.xlsx`` workbook is streamed in pieces of rows (:mod:`generator.deadlines.sheets`): the
parent reads them out of the zip and hands them to the workers, a few at a time, so memory
stays bounded however long the sheet is; each piece goes to the vector judge, as a CSV file's
batches do (which writes the JSON and CSV reports' lines too).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import weakref
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.content.textfile import require_file
from generator.content.workbook import is_workbook
from generator.core.messages import msg
from generator.deadlines.cases import (
    Layout,
    ReadInfo,
    ReadOptions,
    line_cuts,
    numbered,
    read_cases,
    read_header,
    scan_range,
)
from generator.deadlines.judge import DeadlineChecker, Result, Summary, judge
from generator.deadlines.problems import RENDERED_BYTES, LinesMaker, Problems

if TYPE_CHECKING:
    from generator.content.csv_records import RowError
    from generator.content.workbook import RawPiece
    from generator.deadlines.cases import Case
    from generator.deadlines.sheets import Sheet
    from generator.deadlines.vector import VectorJudge
    from generator.deadlines.vector_results import ResultKind

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
    vector: bool = False
    """Whether a workbook's pieces may go to the vector judge (no formatted results wanted, or
    results of a ``kind`` it writes too)."""
    kind: ResultKind | None = None
    """Which report the formatted results are lines of (JSON, CSV), where the vector judge may
    write them."""
    lines: LinesMaker | None = None
    """What makes the text report's lines of late and overdue cases, where they are written as
    the export is judged (:class:`generator.deadlines.report.LateLines`)."""


def _judge_part(job: _Job, part: tuple[int, int, int] | None) -> tuple[Summary, str | None]:
    """Judge the rows of ``part`` (start, end, first line; None: the whole file) of a CSV file;
    the summary, and the file the formatted results were written to (None without a formatter)."""
    start, end, first_line = part if part is not None else (None, None, 2)
    assert job.layout is not None
    return _judge_rows(job, read_cases(job.path, job.checker.calendar.zone, job.layout, start, end, first_line),
                       start or 0)


def _judge_piece(job: _Job, index: int, raw: RawPiece) -> tuple[Summary, str | None]:
    """:func:`_judge_part` for the ``index``-th piece of a workbook's sheet: by the vector judge
    where it can (no formatted results wanted, the piece's columns plainly well formed), else
    by the scalar one; with the text report's lines wanted, its late and overdue cases as those
    lines (compressed: what goes back to the parent is small)."""
    summary, target = _judge_raw_piece(job, index, raw)
    if job.lines is not None:
        summary.problems.render(job.lines, job.tmp, _lines_held())
    return summary, target


def _judge_raw_piece(job: _Job, index: int, raw: RawPiece) -> tuple[Summary, str | None]:
    from generator.deadlines.sheets import piece_cases, piece_columns

    assert job.sheet is not None
    piece = job.sheet.book.read_piece(raw)
    if job.vector:
        read = piece_columns(job.sheet, piece)
        if read is not None:
            summary = Summary(problems=Problems())
            if job.kind is None:
                if _vector_judge(job.checker).judge(read[0], read[1], summary):
                    return summary, None
            else:
                target = os.path.join(job.tmp, f"part-{index:012d}")
                with open(target, "wb") as sink:
                    if _vector_judge(job.checker).judge(read[0], read[1], summary, (job.kind, sink)):
                        return summary, target
    return _judge_rows(job, piece_cases(job.sheet, piece, job.checker.calendar.zone), index)


_vector: tuple[DeadlineChecker, VectorJudge] | None = None
"""This process's vector judge, and the checker it is for (it keeps tables across pieces)."""


def _vector_judge(checker: DeadlineChecker) -> VectorJudge:
    global _vector
    if _vector is None or _vector[0] is not checker:
        from generator.deadlines.vector import VectorJudge

        _vector = (checker, VectorJudge(checker))
    return _vector[1]


def _judge_rows(job: _Job, rows: Iterator[Case | RowError], order: int) -> tuple[Summary, str | None]:
    summary = Summary()
    results = judge(rows, job.checker, summary, results=job.formatter is not None)
    if job.formatter is None:
        for _ in results:
            pass
        return summary, None
    target = os.path.join(job.tmp, f"part-{order:012d}")
    formatter = job.formatter
    with open(target, "w", encoding="utf-8") as handle:
        handle.writelines(formatter(result) + "\n" for result in results)
    return summary, target


_worker_job: _Job | None = None
"""In a worker process only: its job (set by :func:`_start_worker`)."""


def _start_worker(job: _Job) -> None:
    global _worker_job
    _worker_job = job


def _work(part: tuple[int, int, int], _: int) -> tuple[Summary, str | None]:
    assert _worker_job is not None, "a deadline worker without its job"
    return _judge_part(_worker_job, part)


def _work_piece(index: int, raw: RawPiece) -> tuple[Summary, str | None]:
    assert _worker_job is not None, "a deadline worker without its job"
    return _judge_piece(_worker_job, index, raw)


def _fold(total: Summary, part: Summary) -> None:
    """Add ``part`` (the summary of rows after those of ``total``) to ``total``."""
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


class ResultRows:
    """The formatted results, read back from the parts' files in order: line by line, or in
    blocks of whole lines (what the JSON and CSV writers take, a million lines in a few dozen
    writes). The temporary folder goes once they are read, or when they are dropped unread."""

    def __init__(self, files: list[str], tmp: str) -> None:
        self.files, self.tmp = files, tmp
        weakref.finalize(self, shutil.rmtree, tmp, True)

    def __iter__(self) -> Iterator[str]:
        for block in self.blocks():
            yield from block[:-1].split("\n")

    def blocks(self, size: int = 4 << 20) -> Iterator[str]:
        """The lines, each ending in ``\\n``, in blocks of about ``size`` characters: the text
        the lines are read from (universal newlines, as :meth:`__iter__` reads it)."""
        try:
            for name in self.files:
                with open(name, encoding="utf-8") as handle:
                    rest = ""
                    while data := handle.read(size):
                        data = rest + data
                        cut = data.rfind("\n") + 1
                        rest = data[cut:]
                        if cut:
                            yield data[:cut]
                    if rest:  # a part ends with a line's end: never here
                        yield rest + "\n"
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)


def vector_enabled() -> bool:
    """Whether the vector judge may be used (``ROUTINES_DEADLINES=scalar`` keeps the scalar one,
    the reference: for comparing the two)."""
    return os.environ.get("ROUTINES_DEADLINES", "") != "scalar"


def check_export(path: Path, checker: DeadlineChecker, formatter: Formatter | None,
                 jobs: int, options: ReadOptions | None = None,
                 info: ReadInfo | None = None, kind: ResultKind | None = None,
                 lines: LinesMaker | None = None) -> tuple[Summary, Iterable[str]]:
    """(summary, formatted results). The summary is complete when this returns: the results are
    judged first and written to temporary files (removed once the iterator is consumed or
    closed), in one process or, for a large export without quoted fields, over ``jobs``
    forked workers. ``options``: how to read the export (separator, sheet, ``[cases.columns]``);
    ``info`` gets what is worth telling about how it was read (a file read as Windows-1252, the
    sheet of a workbook). ``kind``: which report ``formatter`` writes the lines of (JSON, or CSV
    with its separator), so that the vector judge can write them too. ``lines``: what makes the
    text report's lines of late and overdue cases, so that the vector judge writes them as it
    judges (to files the summary's problems keep) rather than keeping every result."""
    options, info = options or ReadOptions(), info or ReadInfo()
    require_file(path)
    vector = (formatter is None or kind is not None) and vector_enabled()
    if is_workbook(path):
        from generator.deadlines.sheets import open_sheet

        sheet = open_sheet(path, options, info)
        if vector:
            from generator.deadlines.vector_csv import use_memory_pool

            use_memory_pool()
        try:
            return _check_sheet(_Job(checker, formatter, path, None, sheet, tempfile.mkdtemp(prefix="routines-cases-"),
                                     vector, kind if formatter is not None else None, lines), jobs)
        finally:
            sheet.close()
    else:
        layout = read_header(path, options)
        if layout.encoding != "utf-8":
            info.notes.append(msg("cases.read_as_cp1252", path=str(path)))
        if vector and layout.encoding == "utf-8":
            return _check_vector(_Job(checker, formatter, path, layout, None, tempfile.mkdtemp(prefix="routines-cases-"),
                                      True, kind if formatter is not None else None, lines), jobs)
        cuts = line_cuts(path, layout, jobs) if jobs > 1 else None
    return _check(_Job(checker, formatter, path, layout, None, tempfile.mkdtemp(prefix="routines-cases-")), cuts)


def _check_vector(job: _Job, jobs: int) -> tuple[Summary, Iterable[str]]:
    """A CSV export through the vector judge: in one process, or, for a large export whose
    report lines are wanted (the text report's late and overdue cases, every result of the JSON
    or CSV report), over ``jobs`` forked workers, each judging a byte range and writing its lines
    to a file of its own, so that only counts come back (the parts merged in file order)."""
    assert job.layout is not None
    wanted = job.lines is not None or job.kind is not None
    cuts = line_cuts(job.path, job.layout, jobs) if jobs > 1 and wanted else None
    parts = _over_ranges(job, cuts, lambda: _vector_part(job, None, 0), _work_vector)
    return _finish(job, _merged(parts), [name for _, name in parts if name is not None])


Part = tuple[Summary, str | None]
"""A part's summary, and the file its formatted results were written to (None: none)."""


def _over_ranges(job: _Job, cuts: list[tuple[int, int]] | None, whole: Callable[[], Part],
                 work: Callable[[tuple[int, int, int], int], Part]) -> list[Part]:
    """``whole()`` in this process, or ``work`` on each byte range of ``cuts`` (numbered: its
    first line, and its index) in a forked worker of its own; each range is first scanned by a
    worker (its line breaks counted, a quote looked for: then ``whole()`` after all, in this
    process). The job's temporary folder is removed when anything fails."""
    try:
        if cuts is None:
            return [whole()]
        import multiprocessing

        # fork: the job reaches each worker as it starts, without pickling the checker
        with multiprocessing.get_context("fork").Pool(len(cuts), initializer=_start_worker,
                                                      initargs=(job,)) as pool:
            ranges = numbered(cuts, pool.starmap(scan_range, [(job.path, start, end) for start, end in cuts]))
            if ranges is not None:
                return pool.starmap(work, [(part, index) for index, part in enumerate(ranges)])
        return [whole()]
    except BaseException:
        shutil.rmtree(job.tmp, ignore_errors=True)
        raise


def _merged(parts: list[Part]) -> Summary:
    summary = parts[0][0]
    for part, _ in parts[1:]:
        _fold(summary, part)
    return summary


def _finish(job: _Job, summary: Summary, files: list[str]) -> tuple[Summary, Iterable[str]]:
    """The summary and the formatted results (:func:`_results`); where the text report's lines
    were made, the folder stays until the summary goes (a file of lines there is read when the
    report is written)."""
    if job.lines is not None:
        weakref.finalize(summary.problems, shutil.rmtree, job.tmp, True)
        return summary, iter(())
    return _results(job.tmp, summary, files)


def _vector_part(job: _Job, part: tuple[int, int, int] | None, index: int) -> tuple[Summary, str | None]:
    """The vector judge over ``part`` of a CSV export (None: all of it): the summary, and the
    file the JSON or CSV report's lines were written to (the text report's lines stay in the
    summary's problems, compressed)."""
    from generator.deadlines.vector_csv import check_csv, check_csv_results

    assert job.layout is not None
    if job.formatter is not None and job.kind is not None:
        target = os.path.join(job.tmp, f"part-{index:012d}")
        with open(target, "wb") as sink:
            return check_csv_results(job.path, job.layout, job.checker, job.formatter, job.kind, sink,
                                     part=part), target
    lines = (job.lines, job.tmp, _lines_held()) if job.lines is not None else None
    return check_csv(job.path, job.layout, job.checker, part=part, lines=lines), None


def _lines_held() -> int:
    """Bytes of the text report's compressed lines held in memory: in a worker none, they go to
    its file as they are made (sent back whole, they would be in memory twice in the worker and
    twice in the parent)."""
    return 0 if _worker_job is not None else RENDERED_BYTES


def _work_vector(part: tuple[int, int, int], index: int) -> tuple[Summary, str | None]:
    assert _worker_job is not None, "a deadline worker without its job"
    return _vector_part(_worker_job, part, index)


def _check(job: _Job, cuts: list[tuple[int, int]] | None) -> tuple[Summary, Iterable[str]]:
    parts = _over_ranges(job, cuts, lambda: _judge_part(job, None), _work)
    return _finish(job, _merged(parts), [name for _, name in parts if name is not None])


def _check_sheet(job: _Job, jobs: int) -> tuple[Summary, Iterable[str]]:
    """Judge a workbook's sheet piece by piece: in this process, or for a large sheet over
    ``jobs`` forked workers with at most one piece more than the workers under way (two per
    worker held more in memory, and were no faster). Each piece's summary is added to the total
    as it comes, in the sheet's order."""
    from generator.deadlines.sheets import PARALLEL_BYTES

    assert job.sheet is not None
    pieces = job.sheet.pieces()
    total, files = Summary(), list[str]()

    def add(part: tuple[Summary, str | None]) -> None:
        _fold(total, part[0])
        if part[1] is not None:
            files.append(part[1])

    try:
        if jobs < 2 or job.sheet.size < PARALLEL_BYTES:
            for index, raw in enumerate(pieces):
                add(_judge_piece(job, index, raw))
        else:
            import multiprocessing

            with multiprocessing.get_context("fork").Pool(jobs, initializer=_start_worker, initargs=(job,)) as pool:
                pending: deque[Any] = deque()
                for index, raw in enumerate(pieces):
                    pending.append(pool.apply_async(_work_piece, (index, raw)))
                    while len(pending) > jobs:
                        add(pending.popleft().get())
                while pending:
                    add(pending.popleft().get())
    except BaseException:
        shutil.rmtree(job.tmp, ignore_errors=True)
        raise
    return _finish(job, total, files)


def _results(tmp: str, summary: Summary, files: list[str]) -> tuple[Summary, Iterable[str]]:
    """The summary and the formatted results, read back from the parts' ``files`` in ``tmp``."""
    if not files:
        shutil.rmtree(tmp, ignore_errors=True)
        return summary, iter(())
    return summary, ResultRows(files, tmp)
