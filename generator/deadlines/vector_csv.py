"""A CSV export judged batch by batch (issue 19): each batch by the vector judge
(:class:`generator.deadlines.vector.VectorJudge`) where it can, else by the scalar judge, the
reference; with every result written as a line of the JSON or CSV report where one is wanted."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

import pyarrow as pa

from generator.deadlines.cases import Layout, read_cases
from generator.deadlines.judge import DeadlineChecker, Summary, judge
from generator.deadlines.problems import SPILL_BYTES, LinesMaker, Problems
from generator.deadlines.vector import VectorJudge
from generator.deadlines.vector_parse import BATCH_BYTES, chunks, read_chunk
from generator.deadlines.vector_results import ResultKind


def check_csv(path: Path, layout: Layout, checker: DeadlineChecker, batch_bytes: int = BATCH_BYTES,
              spill_bytes: int = SPILL_BYTES, part: tuple[int, int, int] | None = None,
              lines: Lines | None = None) -> Summary:
    """The summary of a CSV export (or of its byte range ``part``: start, end, first line), as
    :func:`~generator.deadlines.judge.judge` makes it, with the late and overdue results as
    tables (past ``spill_bytes`` of them in a temporary file), or with ``lines`` (:data:`Lines`)
    as the text report's lines, made batch by batch; read in batches of about ``batch_bytes``."""
    return _check(path, layout, checker, batch_bytes, spill_bytes, part, lines)


def check_csv_results(path: Path, layout: Layout, checker: DeadlineChecker, formatter: Callable[[Any], str],
                      kind: ResultKind, sink: BinaryIO, batch_bytes: int = BATCH_BYTES,
                      part: tuple[int, int, int] | None = None) -> Summary:
    """:func:`check_csv`, and every result written to ``sink`` as a line of the JSON or CSV
    report (``kind``; ``formatter`` the scalar one, for the batches the scalar judge takes); of
    the late and overdue results only their number is kept (the lines hold them)."""
    return _check(path, layout, checker, batch_bytes, SPILL_BYTES, part, None, (formatter, kind, sink))


Lines = tuple[LinesMaker, str, int]
"""What makes the text report's lines of a chunk of problems (and whether they are clean), the
folder for a temporary file of them, and how many bytes of them (compressed) to hold in memory
before they go there (:meth:`Problems.render`)."""


def _check(path: Path, layout: Layout, checker: DeadlineChecker, batch_bytes: int, spill_bytes: int,
           part: tuple[int, int, int] | None, lines: Lines | None,
           results: tuple[Callable[[Any], str], ResultKind, BinaryIO] | None = None) -> Summary:
    use_memory_pool()
    summary = Summary(problems=Problems(spill_bytes=spill_bytes))
    problems = summary.problems
    vector = VectorJudge(checker)
    vector.pending = lines is not None
    result_lines = (results[1], results[2]) if results is not None else None
    for chunk in chunks(path, layout, batch_bytes, part):
        columns = read_chunk(chunk, layout, threads=part is None)
        if columns is None or not vector.judge(columns, chunk.first_line, summary, result_lines):
            rows = read_cases(path, checker.calendar.zone, layout, chunk.start, chunk.end, chunk.first_line)
            judged = judge(rows, checker, summary, results=results is not None)
            if results is None:
                for _ in judged:
                    pass
            else:
                formatter, _, sink = results
                sink.write("".join(formatter(result) + "\n" for result in judged).encode("utf-8"))
        if lines is not None:
            problems.render(*lines)
        elif results is not None:
            problems.count_only()
    return summary


def use_memory_pool() -> None:
    """pyarrow's jemalloc pool where the wheel has it (and ``ARROW_DEFAULT_MEMORY_POOL`` does not
    choose): it gives back what a batch freed, where mimalloc kept a million cases at 345 MB
    rather than 245 MB. (Its decay is left as it is: giving freed pages back at once, decay 0,
    took 30 MB off each worker and added half a second to a million cases.)"""
    import os

    if "ARROW_DEFAULT_MEMORY_POOL" in os.environ or pa.default_memory_pool().backend_name == "jemalloc":
        return
    with contextlib.suppress(NotImplementedError):  # a pyarrow built without it: its default pool
        pa.set_memory_pool(pa.jemalloc_memory_pool())
