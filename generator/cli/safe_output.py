"""What the CLI writes to stdout and stderr, with control characters made visible.

Routine titles, role and unit names, file names and messages from other programs end up in
reports and diagnostics. A terminal would act on control characters among them (``ESC ] 0 ;``
retitles the window, ``ESC [ 2 J`` clears the screen, a lone CR overwrites a line), so every
stream the CLI writes to goes through :class:`SafeStream`: newline, tab and CRLF pass, every other
C0 control character, DEL and the C1 controls (U+0080 to U+009F) are written as ``\\x1b``.

JSON output is escaped by ``json.dumps`` already, except DEL and the C1 controls (with
``ensure_ascii=False``): in JSON mode those become ``\\u009b``, which is the same JSON string.
"""

from __future__ import annotations

import io
import re
from typing import TextIO, cast

# C0 but tab and newline (CR is handled apart: only a CR before a newline passes), DEL, C1, and
# the bidirectional embeddings, overrides and isolates, which reorder what a terminal shows
# ("Trojan Source": a title that reads differently from what it is).
_BIDI = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_JSON_CONTROL = re.compile(f"[\x7f-\x9f{_BIDI}]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_ASCII_CONTROL = bytes([*range(0x09), 0x0b, 0x0c, *range(0x0e, 0x20), 0x7f])
"""The ASCII characters :data:`_CONTROL` matches, but CR (which passes before a newline)."""


def visible(text: str) -> str:
    """``text`` with control characters other than newline, tab and CRLF, and bidirectional
    controls, written as ``\\x1b`` or ``\\u202e``."""
    if text.isascii():  # the common case, looked at in C: a million lines of a CSV report in 0.1 s
        data = text.encode("ascii")
        if len(data.translate(None, _ASCII_CONTROL)) == len(data) and data.count(b"\r") == data.count(b"\r\n"):
            return text
    return _CONTROL.sub(_escaped, text)


def _json_visible(text: str) -> str:
    if text.isascii() and "\x7f" not in text:  # nothing to escape: no C1 or bidirectional control is ASCII
        return text
    return _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream(io.TextIOBase):
    """A text stream that writes to ``target`` with control characters made visible (JSON mode:
    escaped as JSON). A CR at the end of a write waits for the next one, to see whether a newline
    follows."""

    def __init__(self, target: TextIO, json: bool = False) -> None:
        super().__init__()
        self._target = target
        self._json = json
        self._cr = ""

    def write(self, text: str) -> int:
        size = len(text)
        if self._json:
            self._target.write(_json_visible(text))
            return size
        text = self._cr + text
        self._cr = ""
        if text.endswith("\r"):
            text, self._cr = text[:-1], "\r"
        self._target.write(visible(text))
        return size

    def write_clean(self, text: str | bytes | memoryview) -> int:
        """Write ``text`` that its maker has made sure holds no control character (every part of
        it looked at: the deadline report's million lines, made of few distinct strings and
        a column of case ids): as :meth:`write` writes it, without a second look at every character.
        UTF-8 bytes go straight to the stream's buffer where it writes UTF-8."""
        if isinstance(text, bytes | memoryview):
            buffer = getattr(self._target, "buffer", None)
            encoding = (getattr(self._target, "encoding", None) or "").lower().replace("-", "")
            if buffer is not None and encoding == "utf8" and not self._cr and text[-1:] != b"\r":
                self._target.flush()
                buffer.write(text)
                return len(text)
            text = bytes(text).decode("utf-8")
        if self._json or self._cr or text.endswith("\r"):
            return self.write(text)
        self._target.write(text)
        return len(text)

    def end(self) -> None:
        """Write a CR still waiting (as ``\\x0d``: no newline followed it)."""
        if self._cr:
            self._target.write(visible(self._cr))
            self._cr = ""

    def flush(self) -> None:
        self.end()
        self._target.flush()

    def writable(self) -> bool:
        return True


def safe(target: TextIO, json: bool = False) -> TextIO:
    """``target`` behind a :class:`SafeStream`."""
    return cast(TextIO, SafeStream(target, json))


def end(stream: TextIO) -> None:
    """Write what a :class:`SafeStream` still holds back (nothing for other streams)."""
    if isinstance(stream, SafeStream):
        stream.end()
