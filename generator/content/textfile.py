"""Reading text files: size bounds, UTF-8 with a clear error, BOM and CRLF accepted."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from generator.core.messages import Msg, msg

MAX_ROUTINE_BYTES = 2 * 1024 * 1024
"""Largest routine file read; real routines are a few kilobytes."""
MAX_DATA_BYTES = 64 * 1024 * 1024
"""Largest organisation, catalog or roster file read."""


@dataclass
class TextProblem:
    """Why a file could not be read as text."""

    line: int
    code: str
    message: Msg


def read_bytes(path: Path | str, limit: int) -> bytes | TextProblem:
    """The file's bytes, or the problem that stops us reading them."""
    try:
        # Look before opening: a FIFO would block the open or the read for ever, and opening a
        # device can have effects of its own. O_NONBLOCK covers a file swapped in meanwhile.
        kind = not_a_file(os.stat(path).st_mode)
        if kind is not None:
            return TextProblem(1, "not-a-file", not_a_file_message(kind))
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        try:
            opened = os.fstat(fd)
            kind = not_a_file(opened.st_mode)
            if kind is not None:
                return TextProblem(1, "not-a-file", not_a_file_message(kind))
            size = opened.st_size
            if size > limit:
                return TextProblem(1, "too-large", msg("check.too_large", size=f"{size / 1_048_576:.1f}",
                                                       limit=f"{limit / 1_048_576:.0f}"))
            data = _read_all(fd, limit + 1)
        finally:
            os.close(fd)
    except OSError as error:
        return TextProblem(1, "unreadable", describe_os_error(error))
    if len(data) > limit:  # grew while we looked
        return TextProblem(1, "too-large", msg("check.grew_too_large", limit=f"{limit / 1_048_576:.0f}"))
    return data


def not_a_file(mode: int) -> Msg | None:
    """What a file of this mode is when it is not a regular file ("a named pipe (FIFO)"), else None.

    A directory is left to the caller's ``EISDIR`` handling (code ``unreadable``)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return msg("check.kind_fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return msg("check.kind_device")
    if stat.S_ISSOCK(mode):
        return msg("check.kind_socket")
    return msg("check.kind_other")


def not_a_file_message(kind: Msg) -> Msg:
    """The ``not-a-file`` message for a file that is ``kind`` (see :func:`not_a_file`)."""
    return msg("check.not_a_file", kind=kind)


def _read_all(fd: int, most: int) -> bytes:
    chunks = []
    total = 0
    while total < most:
        chunk = os.read(fd, min(most - total, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


NO_FILE = msg("check.no_file")
"""The one wording of a missing file, wherever a file is asked for."""


def require_file(path: Path) -> None:
    """A clean error naming ``path`` when a file given by the user is not there to read."""
    from generator.core.errors import GeneratorError

    if not path.exists():
        raise GeneratorError(msg("check.path_problem", path=str(path), message=NO_FILE))
    if path.is_dir():
        raise GeneratorError(msg("check.path_problem", path=str(path), message=msg("check.path_is_folder")))


def describe_os_error(error: OSError) -> Msg:
    """A plain-language reason for an operating-system error (the system's own words, English,
    only for an error not foreseen here)."""
    if error.errno == errno.ELOOP:
        return msg("check.os_loop")
    if error.errno == errno.ENOENT:
        return NO_FILE
    if error.errno == errno.EACCES:
        return msg("check.os_denied")
    if error.errno == errno.EISDIR:
        return msg("check.os_is_dir")
    return msg("check.os_other", reason=os.strerror(error.errno or 0) or str(error))


def decode(data: bytes) -> str | TextProblem:
    """UTF-8 text with a leading BOM removed and line endings made ``\\n``."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        byte = data[error.start]
        guess: Msg | str = ""
        if 0x80 <= byte <= 0xFF:
            try:
                guess = msg("check.cp1252_guess", char=bytes([byte]).decode("cp1252"))
            except UnicodeDecodeError:
                guess = ""
        return TextProblem(line, "encoding", msg("check.not_utf8", byte=f"{byte:02X}", guess=guess,
                                                 line=line, column=column))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return TextProblem(line, "encoding", msg("check.nul_bytes"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path, limit: int) -> str | TextProblem:
    """Read and decode a file in one step."""
    data = read_bytes(path, limit)
    return data if isinstance(data, TextProblem) else decode(data)
