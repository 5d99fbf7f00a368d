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
from generator.deadlines.problems import SPILL_BYTES, Problems
from generator.deadlines.vector import VectorJudge
from generator.deadlines.vector_parse import BATCH_BYTES, chunks, read_chunk
from generator.deadlines.vector_results import ResultKind


def check_csv(path: Path, layout: Layout, checker: DeadlineChecker, batch_bytes: int = BATCH_BYTES,
              spill_bytes: int = SPILL_BYTES) -> Summary:
    """The summary of a CSV export, as :func:`~generator.deadlines.judge.judge` makes it, with the
    late and overdue results as tables (past ``spill_bytes`` of them in a temporary file); read
    in batches of about ``batch_bytes``."""
    return _check(path, layout, checker, batch_bytes, spill_bytes)


def check_csv_results(path: Path, layout: Layout, checker: DeadlineChecker, formatter: Callable[[Any], str],
                      kind: ResultKind, sink: BinaryIO, batch_bytes: int = BATCH_BYTES) -> Summary:
    """:func:`check_csv`, and every result written to ``sink`` as a line of the JSON or CSV
    report (``kind``; ``formatter`` the scalar one, for the batches the scalar judge takes)."""
    return _check(path, layout, checker, batch_bytes, SPILL_BYTES, (formatter, kind, sink))


def _check(path: Path, layout: Layout, checker: DeadlineChecker, batch_bytes: int, spill_bytes: int,
           results: tuple[Callable[[Any], str], ResultKind, BinaryIO] | None = None) -> Summary:
    use_memory_pool()
    summary = Summary(problems=Problems(spill_bytes=spill_bytes))
    vector = VectorJudge(checker)
    lines = (results[1], results[2]) if results is not None else None
    for chunk in chunks(path, layout, batch_bytes):
        columns = read_chunk(chunk, layout)
        if columns is None or not vector.judge(columns, chunk.first_line, summary, lines):
            rows = read_cases(path, checker.calendar.zone, layout, chunk.start, chunk.end, chunk.first_line)
            judged = judge(rows, checker, summary, results=results is not None)
            if results is None:
                for _ in judged:
                    pass
            else:
                formatter, _, sink = results
                sink.write("".join(formatter(result) + "\n" for result in judged).encode("utf-8"))
    return summary


def use_memory_pool() -> None:
    """pyarrow's jemalloc pool where the wheel has it (and ``ARROW_DEFAULT_MEMORY_POOL`` does not
    choose): it gives back what a batch freed, where mimalloc kept a million cases at 345 MB
    rather than 245 MB."""
    import os

    if "ARROW_DEFAULT_MEMORY_POOL" in os.environ or pa.default_memory_pool().backend_name == "jemalloc":
        return
    with contextlib.suppress(NotImplementedError):  # a pyarrow built without it: its default pool
        pa.set_memory_pool(pa.jemalloc_memory_pool())
