"""How a CSV file is written: its encoding (UTF-8 with or without a BOM, or Windows-1252, what a
Swedish Excel saves) and the separator of its fields (``,`` or ``;``, told from the header line).

Nothing here reads more than the header line and a sample of the file: the rows are decoded one
line at a time by the readers, in the encoding found here.
"""

from __future__ import annotations

import codecs
import csv
import mmap
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import GeneratorError
from generator.core.messages import msg, one_of

BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t")
"""The separators told from a header line (a tab for Excel's 'Text (tab-separated)')."""
SAMPLE = 1 << 20
"""Bytes from the first non-ASCII byte on that decide between UTF-8 and Windows-1252."""
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Bytes that no text file of cases holds (a NUL, an escape): the file is binary."""


@dataclass(frozen=True)
class CsvFormat:
    """The encoding and the separator of a CSV file."""

    encoding: str
    """``utf-8`` or ``cp1252``."""
    delimiter: str
    bom: int
    """Bytes of the byte order mark at the start (0 or 3)."""


def encoding_of(path: Path, head: bytes) -> tuple[str, int]:
    """(encoding, BOM length) of ``path``, whose first bytes are ``head``: UTF-8 when it has a
    BOM or when its first non-ASCII bytes are UTF-8 (a file of ASCII only reads the same either
    way), Windows-1252 otherwise. UTF-16 (Excel's 'Unicode text') is refused with what to do."""
    if head.startswith(BOM):
        return "utf-8", len(BOM)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise GeneratorError(msg("cases.utf16", path=str(path)))
    control = _CONTROL.search(head)
    if control is not None:
        raise GeneratorError(msg("cases.not_text", path=str(path), byte=f"{head[control.start()]:02X}"))
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        found = _NON_ASCII.search(data)
        if found is None:
            return "utf-8", 0
        sample = data[found.start():found.start() + SAMPLE]
        final = found.start() + SAMPLE >= len(data)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=final)
    except UnicodeDecodeError:
        return "cp1252", 0
    return "utf-8", 0


def split_header(line: str, delimiter: str) -> list[str]:
    """The cells of a header line (raises ``csv.Error``)."""
    return next(csv.reader([line], strict=True, delimiter=delimiter), [])


def delimiter_of(where: str, line: str, forced: str | None, known: Callable[[Sequence[str]], int],
                 example: str) -> str:
    """The separator of a CSV file whose header line is ``line``: ``forced`` when given, else the
    one of ``,``, ``;`` and tab that splits the line into several cells, or, when more than one
    does, the one under which ``known`` (how many cells are known column names) finds the most.
    A clean error at ``where`` (``file:1``) when it cannot be told; ``example`` is a header
    that would do."""
    if forced is not None:
        return forced
    splits: list[tuple[int, int, str]] = []
    for delimiter in DELIMITERS:
        try:
            cells = split_header(line, delimiter)
        except csv.Error:
            continue
        if len(cells) > 1:
            splits.append((known(cells), len(cells), delimiter))
    if len(splits) == 1:
        return splits[0][2]
    shown = line.rstrip("\r\n")
    shown = shown if len(shown) <= 200 else shown[:200] + "…"
    if not splits:
        raise GeneratorError(msg("cases.no_separator", where=where, line=shown, header=example))
    splits.sort(reverse=True)
    if splits[0][0] > splits[1][0]:
        return splits[0][2]
    raise GeneratorError(msg("cases.which_separator", where=where, line=shown,
                             separators=one_of("tab" if d == "\t" else f"'{d}'" for _, _, d in splits)))
