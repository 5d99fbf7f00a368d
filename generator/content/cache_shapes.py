"""The shapes of cached entries, checked when an entry is read back (issue 12).

Each kind of entry is a msgspec struct: its decoder reads an entry only when every key is there,
none more, each of its type (no bool for an int, no float for a string), and raises otherwise.
Each function then takes the decoded entry and returns the value, or raises :class:`ValueError`
where the entry is still not as this program writes it (another file's result, a message it
cannot read); :meth:`generator.content.cache.Cache.load` turns either into a miss. Only what
later stages rely on is checked: the parsed front matter itself is whatever YAML gave (and the
shard's keyed digest vouches for it).
"""

from __future__ import annotations

from typing import Any

import msgspec

from generator.content.routine_file import RoutineFile
from generator.core.diagnostics import Diagnostic, Severity
from generator.core.links import Link
from generator.core.messages import Msg, from_json


def fail(what: str) -> ValueError:
    return ValueError(f"cached entry: {what}")


def _message(value: Any) -> Msg:
    if type(value) is dict and value.keys() == {"msg"}:
        try:
            return from_json(value["msg"])
        except ValueError:
            pass
    raise fail("a message")


class _Diagnostic(msgspec.Struct, forbid_unknown_fields=True):
    file: str
    line: int
    severity: Severity
    code: str
    message: Any


class RoutineEntry(msgspec.Struct, forbid_unknown_fields=True):
    """A routine file's result as :meth:`RoutineFile.to_json` writes it: every key there, of its
    type (msgspec checks it as it decodes: no key more or less, no bool for an int)."""

    file: str
    data: dict[str, Any] | None
    lines: dict[str, int]
    invalid: list[str]
    body_line: int
    digest: str
    links: list[Link]
    diagnostics: list[_Diagnostic]
    blob: str


class DataEntry(msgspec.Struct, forbid_unknown_fields=True):
    """A data file's result as :meth:`generator.content.datafile.DataFile.to_json` writes it."""

    data: dict[str, Any]
    lines: dict[str, int]
    invalid: list[str]
    ok: bool
    diagnostics: list[_Diagnostic]


ROUTINE_ENTRY = msgspec.json.Decoder(RoutineEntry)
DATA_ENTRY = msgspec.json.Decoder(DataEntry)


def diagnostics(items: list[_Diagnostic], file: str) -> list[Diagnostic]:
    """The diagnostics of a cached entry of ``file`` (each of that file, its message readable)."""
    found = []
    for item in items:
        if item.file != file:
            raise fail("a diagnostic")
        found.append(Diagnostic(file, item.line, item.severity, item.code, _message(item.message)))
    return found


def routine_file(file: str, entry: RoutineEntry) -> RoutineFile:
    """A cached :class:`RoutineFile` of ``file`` (its entry decoded by :data:`ROUTINE_ENTRY`)."""
    if entry.file != file or entry.body_line < 1:
        raise fail("not this routine file's result")
    return RoutineFile(file, entry.data, entry.lines, entry.invalid, entry.body_line, entry.digest,
                       entry.links, diagnostics(entry.diagnostics, file), entry.blob)
