"""The shapes of cached entries, checked when an entry is read back (issue 12).

Each function takes what the cache holds and returns the value, or raises :class:`ValueError`
when the entry is not exactly as this program writes it; :meth:`generator.content.cache.Cache.load`
turns that into a miss. Only what later stages rely on is checked: the parsed front matter
itself is whatever YAML gave (and the shard's keyed digest vouches for it).
"""

from __future__ import annotations

from typing import Any

from generator.content.routine_file import RoutineFile
from generator.core.diagnostics import SEVERITY_ORDER, Diagnostic
from generator.core.links import Link
from generator.core.messages import Msg, from_json

_KINDS = frozenset({"external", "anchor", "placeholder", "unsafe", "relative"})
_ROUTINE_KEYS = frozenset({"file", "data", "lines", "invalid", "body_line", "digest", "links", "diagnostics",
                           "blob"})
DATA_KEYS = frozenset({"data", "lines", "invalid", "ok", "diagnostics"})
_DIAGNOSTIC_KEYS = frozenset({"file", "line", "severity", "code", "message"})


def fail(what: str) -> ValueError:
    return ValueError(f"cached entry: {what}")


def _int(value: Any) -> bool:
    return type(value) is int


def lines(value: Any) -> dict[str, int]:
    if type(value) is not dict:
        raise fail("lines")
    for line in value.values():
        if type(line) is not int:
            raise fail("a line")
    return value


def strings(value: Any) -> list[str]:
    if type(value) is not list or any(type(item) is not str for item in value):
        raise fail("a list of strings")
    return value


def diagnostics(value: Any, file: str) -> list[Diagnostic]:
    if type(value) is not list:
        raise fail("diagnostics")
    found = []
    for item in value:
        if (type(item) is not dict or item.keys() != _DIAGNOSTIC_KEYS or item["file"] != file
                or not _int(item["line"]) or item["severity"] not in SEVERITY_ORDER
                or type(item["code"]) is not str):
            raise fail("a diagnostic")
        found.append(Diagnostic(file, item["line"], item["severity"], item["code"], _message(item["message"])))
    return found


def _message(value: Any) -> Msg:
    if type(value) is dict and value.keys() == {"msg"}:
        try:
            return from_json(value["msg"])
        except ValueError:
            pass
    raise fail("a message")


def _links(value: Any) -> list[Link]:
    if type(value) is not list:
        raise fail("links")
    found = []
    for item in value:
        if (type(item) is not list or len(item) != 5 or type(item[0]) is not str or not _int(item[1])
                or type(item[2]) is not str or item[3] not in _KINDS
                or not (item[4] is None or type(item[4]) is str)):
            raise fail("a link")
        found.append(Link(item[0], item[1], item[2], item[3], item[4]))
    return found


def routine_file(file: str, raw: Any) -> RoutineFile:
    """A cached :class:`RoutineFile` of ``file``."""
    if type(raw) is not dict or raw.keys() != _ROUTINE_KEYS or raw["file"] != file:
        raise fail("not a routine file's result")
    data = raw["data"]
    if data is not None and type(data) is not dict:
        raise fail("front matter")
    if (not _int(raw["body_line"]) or raw["body_line"] < 1 or type(raw["digest"]) is not str
            or type(raw["blob"]) is not str):
        raise fail("body line, digest or blob")
    return RoutineFile(file, data, lines(raw["lines"]), strings(raw["invalid"]), raw["body_line"],
                       raw["digest"], _links(raw["links"]), diagnostics(raw["diagnostics"], file), raw["blob"])
