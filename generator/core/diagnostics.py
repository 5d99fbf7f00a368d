"""Diagnostics: every problem found, with the file and line where a person can fix it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from generator.core.messages import Messages, Msg

Severity = Literal["error", "warning", "info"]

SEVERITY_ORDER: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Diagnostic:
    """One finding of a check."""

    file: str
    """Path relative to the content root, with ``/`` separators."""
    line: int
    """1-based line in ``file`` (the offending YAML key, or the Markdown line); 1 if unknown."""
    severity: Severity
    """``error`` fails a check; ``warning`` fails only with ``--strict``; ``info`` never fails."""
    code: str
    """Stable short name of the check, such as ``schema`` or ``broken-link``."""
    message: Msg
    """What is wrong and what to do, in one sentence or two, told in a language when shown."""

    def text(self, language: Messages) -> str:
        """The message in ``language``."""
        return language.text(self.message)

    def stored(self) -> dict[str, object]:
        """The diagnostic as the cache keeps it: the message not yet in a language."""
        return {"file": self.file, "line": self.line, "severity": self.severity, "code": self.code,
                "message": {"msg": self.message.to_json()}}

    def to_json(self, language: Messages) -> dict[str, object]:
        """The SPEC 7 JSON shape, the message in ``language``."""
        return {
            "file": self.file,
            "line": self.line,
            "severity": self.severity,
            "code": self.code,
            "message": language.text(self.message),
        }


def sort_diagnostics(diags: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by file, line, severity and code, then message, for stable output; drop exact
    duplicates. The message (its ``repr``, the costly part) is looked at only among ties."""
    def place(d: Diagnostic) -> tuple[str, int, int, str]:
        return d.file, d.line, SEVERITY_ORDER[d.severity], d.code

    ordered = sorted(set(diags), key=place)
    result: list[Diagnostic] = []
    for _, same in groupby(ordered, key=place):
        tied = list(same)
        result.extend(sorted(tied, key=lambda d: repr(d.message)) if len(tied) > 1 else tied)
    return result


def counts(diags: Iterable[Diagnostic]) -> dict[str, int]:
    """Number of diagnostics per severity."""
    result = {"error": 0, "warning": 0, "info": 0}
    for diag in diags:
        result[diag.severity] += 1
    return result
