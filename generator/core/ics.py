"""The one iCalendar (RFC 5545) writer: ``routines tasks --format ics`` and ``routines expiring --format ics``.

Every value goes through here, escaped by its type, so no setting or routine text can start a
property or a component of its own:

- TEXT (a ``str``): backslash, semicolon, comma and line breaks escaped (``\\\\ \\; \\, \\n``);
  every other control character (C0 but tab, DEL, C1) left out; U+2028 and U+2029, which some
  readers take for line breaks, written as ``\\n``.
- URI (:class:`Uri`): whatever cannot stand in a URI (control characters, space, ``"<>\\^`{|}``,
  non-ASCII) percent-encoded as UTF-8, so a CR or LF in ``base_url`` is ``%0D%0A``, not a new line.
- DATE (a ``datetime.date``) and fixed protocol words (:class:`Token`, checked against a strict
  pattern) as they are.

Property names (with their parameters) come from this code only and are checked too. Lines are
CRLF and folded at 75 octets, never inside a UTF-8 character.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

_NAME = re.compile(r"^[A-Z][A-Z0-9-]*(;[A-Z][A-Z0-9-]*=[A-Z0-9-]+)*$")
_TOKEN = re.compile(r"^[A-Za-z0-9+:./@-]*$")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# RFC 3986 reserved and unreserved characters (and '%' of what is already encoded) stay as they are.
_URI_SAFE = "!#$%&'()*+,-./:;=?@[]_~"


@dataclass(frozen=True)
class Uri:
    """A URI value (``URL;VALUE=URI``)."""

    value: str


@dataclass(frozen=True)
class Token:
    """A value of the protocol's own (``TRANSPARENT``, ``-P14D``, ``20260101T000000Z``), never text
    from the content."""

    value: str


Value = str | dt.date | Uri | Token


@dataclass
class Component:
    """``BEGIN:KIND`` ... ``END:KIND``: properties in order, then the components inside."""

    kind: str
    properties: list[tuple[str, Value]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)


def ics_escape(text: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped, other control characters
    left out."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROLS.sub("", text)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def ics_uri(value: str) -> str:
    """A URI value with every character that cannot be in a URI percent-encoded (UTF-8)."""
    return quote(value, safe=_URI_SAFE, encoding="utf-8", errors="strict")


def ics_fold(line: str) -> str:
    """A content line folded so that no physical line exceeds 75 octets (UTF-8 characters
    are never split); continuation lines start with one space. No line break at the end."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # inside a UTF-8 sequence
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74
    return "\r\n ".join(parts)


def _value(value: Value) -> str:
    if isinstance(value, Uri):
        return ics_uri(value.value)
    if isinstance(value, Token):
        if not _TOKEN.match(value.value):
            raise ValueError(f"not an iCalendar token: {value.value!r}")
        return value.value
    if isinstance(value, dt.date):
        return f"{value:%Y%m%d}"
    return ics_escape(value)


def _lines(component: Component) -> Iterable[str]:
    if not _NAME.match(component.kind):
        raise ValueError(f"not an iCalendar component name: {component.kind!r}")
    yield f"BEGIN:{component.kind}"
    for name, value in component.properties:
        if not _NAME.match(name):
            raise ValueError(f"not an iCalendar property name: {name!r}")
        yield f"{name}:{_value(value)}"
    for child in component.children:
        yield from _lines(child)
    yield f"END:{component.kind}"


def stamp(today: dt.date) -> Token:
    """DTSTAMP: ``today`` at midnight UTC, so the same input gives the same bytes."""
    return Token(f"{today:%Y%m%d}T000000Z")


def calendar(product: str, name: str, events: Sequence[Component]) -> str:
    """A published calendar to subscribe to (refreshed daily): ``events`` under the header."""
    head = Component("VCALENDAR", [
        ("VERSION", Token("2.0")), ("PRODID", product), ("CALSCALE", Token("GREGORIAN")),
        ("METHOD", Token("PUBLISH")), ("X-WR-CALNAME", name), ("REFRESH-INTERVAL;VALUE=DURATION", Token("P1D")),
        ("X-PUBLISHED-TTL", Token("P1D"))], list(events))
    return "".join(ics_fold(line) + "\r\n" for line in _lines(head))
