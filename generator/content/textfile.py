"""Reading text files: size bounds, UTF-8 with a clear error, BOM and CRLF accepted."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_ROUTINE_BYTES = 2 * 1024 * 1024
"""Largest routine file read; real routines are a few kilobytes."""
MAX_DATA_BYTES = 64 * 1024 * 1024
"""Largest organisation, catalog or roster file read."""


@dataclass
class TextProblem:
    """Why a file could not be read as text."""

    line: int
    code: str
    message: str


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
                return TextProblem(1, "too-large",
                                   f"the file is {size / 1_048_576:.1f} MB, more than the "
                                   f"{limit / 1_048_576:.0f} MB allowed; split it or remove what is not text")
            data = _read_all(fd, limit + 1)
        finally:
            os.close(fd)
    except OSError as error:
        return TextProblem(1, "unreadable", describe_os_error(error))
    if len(data) > limit:  # grew while we looked
        return TextProblem(1, "too-large", f"the file is larger than {limit / 1_048_576:.0f} MB")
    return data


def not_a_file(mode: int) -> str | None:
    """What a file of this mode is when it is not a regular file ("a named pipe (FIFO)"), else None.

    A directory is left to the caller's ``EISDIR`` handling (code ``unreadable``)."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_a_file_message(kind: str) -> str:
    """The ``not-a-file`` message for a file that is ``kind`` (see :func:`not_a_file`)."""
    return f"this is {kind}, not a regular file; it is not read. Remove it or replace it with the file itself"


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


NO_FILE = "the file does not exist; check its name and folder"
"""The one wording of a missing file, wherever a file is asked for."""


def require_file(path: Path) -> None:
    """A clean error naming ``path`` when a file given by the user is not there to read."""
    from generator.core.errors import GeneratorError

    if not path.exists():
        raise GeneratorError(f"{path}: {NO_FILE}")
    if path.is_dir():
        raise GeneratorError(f"{path}: this is a folder, not a file; give the file in it")


def describe_os_error(error: OSError) -> str:
    """A plain-language reason for an operating-system error."""
    if error.errno == errno.ELOOP:
        return "symbolic link loop: the link points back to itself; remove or fix the link"
    if error.errno == errno.ENOENT:
        return NO_FILE
    if error.errno == errno.EACCES:
        return "permission denied; make the file readable"
    if error.errno == errno.EISDIR:
        return "this is a directory, not a file"
    return f"cannot read the file: {os.strerror(error.errno or 0) or error}"


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
        guess = ""
        if 0x80 <= byte <= 0xFF:
            try:
                guess = f" ('{bytes([byte]).decode('cp1252')}' in Windows-1252)"
            except UnicodeDecodeError:
                guess = ""
        return TextProblem(line, "encoding",
                           f"the file is not UTF-8: byte 0x{byte:02X}{guess} at line {line}, "
                           f"column {column}; save the file as UTF-8")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return TextProblem(line, "encoding", "the file contains NUL bytes: it is not a text file")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def read_text(path: Path, limit: int) -> str | TextProblem:
    """Read and decode a file in one step."""
    data = read_bytes(path, limit)
    return data if isinstance(data, TextProblem) else decode(data)
