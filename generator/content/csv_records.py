"""CSV records as the readers of case exports and task logs take them: bad rows reported with
their line, and a record the csv module gives up on skipped to its real end.

When a field exceeds the size limit, or a quote is left open, the csv module stops in the middle
of a record; reading on from there would read the lines inside a quoted field as rows of their
own (invented cases judged "met", the real one lost). :class:`Rescan` finds where the record
really ends, so the whole record becomes one bad row and reading resumes after it.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import GeneratorError
from generator.core.messages import Messages, Msg, counted, msg

MAX_FIELD = 10_000
"""Longest field read, in characters."""


@dataclass(frozen=True)
class RowError:
    """A row that could not be checked, and why."""

    line: int
    message: Msg | str
    """Found before the language is known: told when printed (``to_json(t)``, ``t.text``)."""

    def to_json(self, t: Messages) -> dict[str, object]:
        return {"line": self.line, "message": t.text(self.message)}


def csv_reason(error: csv.Error) -> Msg | str:
    """Why the csv module gave up, in the catalog's words where it says something foreseen (its
    own English words otherwise)."""
    text = str(error)
    if text.startswith("field larger than field limit"):
        return msg("csv.field_too_long")
    if text.startswith("unexpected end of data"):
        return msg("csv.unexpected_end")
    if "line contains NUL" in text:
        return msg("csv.nul")
    if "expected after" in text:
        return msg("csv.quote")
    return text


def csv_problem(error: csv.Error, first: int, last: int) -> Msg:
    """The message of a record (lines ``first`` to ``last``) that the csv module gave up on."""
    where = msg("csv.record_lines", first=first, last=last) if last > first else ""
    return msg("csv.problem", reason=csv_reason(error), where=where)


def record_lines(lines: Iterator[str], delimiter: str = ",") -> int:
    """How many of ``lines`` (text lines from the start of a CSV record, each with its line
    break) the record takes, reading as the csv module does (a quote opens a quoted field only
    at a field's start, ``""`` in one is a quote, line breaks in one belong to it) but with no
    field size limit and no strictness: the real end of a record the csv module gave up on."""
    count, quoted = 0, False
    for text in lines:
        count += 1
        at = 0
        while True:
            if quoted:
                close = text.find('"', at)
                if close == -1:
                    break  # the quoted field goes on on the next line
                if text.startswith('"', close + 1):
                    at = close + 2
                    continue
                quoted, at = False, close + 1  # then, as the csv module does without strict, unquoted
            elif text.startswith('"', at):
                quoted, at = True, at + 1
                continue
            comma, cr = text.find(delimiter, at), text.find("\r", at)
            if comma == -1 or -1 < cr < comma:
                return count  # the line break (or a stray carriage return) ends the record
            at = comma + 1
    return count


def skip_lines(lines: Iterator[str], count: int) -> int:
    """Drop ``count`` lines of ``lines`` (fewer at its end); how many were dropped."""
    return sum(1 for _ in itertools.islice(lines, count))


class Rescan:
    """A second reading of the same lines, only ever forward, for :func:`record_lines`."""

    def __init__(self, lines: Iterator[str], first_line: int, delimiter: str = ",") -> None:
        self.lines, self.next_line, self.delimiter = lines, first_line, delimiter

    def record_end(self, first: int) -> int:
        """The last line of the record that starts on line ``first``."""
        self.next_line += skip_lines(self.lines, first - self.next_line)
        taken = record_lines(self.lines, self.delimiter)
        self.next_line += taken
        return first + max(taken, 1) - 1


def read_records(source: Iterator[str], again: Callable[[], Iterator[str]],
                 first_line: int, delimiter: str = ",") -> Iterator[tuple[int, int, list[str]] | RowError]:
    """Each CSV record of ``source`` (text lines, the first of them line ``first_line`` of the
    file) as (its first line, its last line, its fields), or as a :class:`RowError` when the csv
    module gives up on it: then reading goes on after the record's real end, which ``again`` (the
    same lines once more, from ``first_line``) is read to find, never inside a quoted field.
    ``delimiter`` separates the fields (``,`` or ``;``)."""
    csv.field_size_limit(MAX_FIELD)
    reader = csv.reader(source, strict=True, delimiter=delimiter)
    offset = first_line - 1
    line = offset  # the last line of the last record read
    rescan: Rescan | None = None
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            failed, first = reader.line_num + offset, line + 1
            rescan = rescan or Rescan(again(), first_line, delimiter)
            line = max(rescan.record_end(first), failed)
            offset += skip_lines(source, line - failed)
            yield RowError(first, csv_problem(error, first, line))
            continue
        first, line = line + 1, reader.line_num + offset
        yield first, line, row


def column_positions(path: Path, header: Sequence[str], columns: Sequence[str], required: Sequence[str],
                     what: Msg) -> tuple[int, ...]:
    """Where each of ``columns`` stands in the ``header`` cells of ``path`` (-1: absent), names
    compared without case and surrounding spaces; a clean error on the file's line 1 when a
    ``required`` one is missing, saying what header ``what`` ("a case export") has."""
    names = [cell.strip().casefold() for cell in header]
    missing = [c for c in required if c not in names]
    if missing:
        raise GeneratorError(msg("cases.lacks_columns", path=str(path), columns=counted("column", len(missing)),
                                 missing=", ".join(missing), what=what, header=",".join(columns)))
    return tuple(names.index(c) if c in names else -1 for c in columns)
