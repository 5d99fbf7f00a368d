"""The one YAML scalar policy of everything that writes front matter (``new``, ``renew``,
``import``): a text is written plain when every reader reads it back as the same text (the
project's YAML 1.2 core schema and YAML 1.1 readers such as PyYAML's default and most
front-matter tools), so ``yes``, ``on`` and ``1.0`` are double-quoted; an ISO date such as
``2026-01-01`` is written plain, as front matter writes dates, and the project reads it as text.

:func:`scalar` writes a value plain when that is safe, else double-quoted; :func:`styled`
writes a new value in the quoting style of the value it replaces, so that ``renew`` changes
no more of a line than the value. :mod:`generator.authoring.yaml_emit` lays out whole front
matter for ``import`` with these scalars.
"""

from __future__ import annotations

import re

import yaml

from generator.content.yamlsafe import resolve_plain

_BREAKS = frozenset("\n\r\x85\u2028\u2029")
_PLAIN_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW = frozenset(",[]{}:")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def plain_ok(text: str, *, flow: bool = False, strict: bool = True) -> bool:
    """True when ``text`` can be written as a plain (unquoted) YAML scalar and read back as itself.

    ``strict`` also requires YAML 1.1 readers (PyYAML's default) to read it as the same text
    (so ``yes`` is quoted), ISO dates excepted (see the module); the project's own reader
    (YAML 1.2 core schema) needs only the weaker test.
    """
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST:
        return False
    if any(ch in _BREAKS or ch == "\t" or not ch.isprintable() for ch in text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or (flow and any(ch in _FLOW for ch in text)):
        return False
    if resolve_plain(text) != text or not isinstance(resolve_plain(text), str):
        return False
    if strict and not _ISO_DATE.fullmatch(text):
        try:
            return bool(yaml.safe_load(text) == text)
        except yaml.YAMLError:
            return False
    return True


def double_quoted(text: str) -> str:
    """``text`` as a one-line YAML double-quoted scalar."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ch in _BREAKS or ch == "\ufeff" or not ch.isprintable():
            out.append(f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def scalar(text: str, *, flow: bool = False) -> str:
    """``text`` as a one-line YAML scalar: plain when that is safe, else double-quoted."""
    return text if plain_ok(text, flow=flow) else double_quoted(text)


def styled(text: str, style: str | None, *, strict: bool) -> str:
    """``text`` in the quoting style of the value it replaces, when that style can hold it."""
    if style == '"':
        return double_quoted(text)
    if style == "'":
        if all(ch not in _BREAKS and ch.isprintable() for ch in text):
            return "'" + text.replace("'", "''") + "'"
        return double_quoted(text)
    return text if plain_ok(text, strict=strict) else double_quoted(text)
