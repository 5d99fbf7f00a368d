"""Reporters: diagnostics as text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from generator.core.diagnostics import Diagnostic, counts
from generator.core.messages import Messages


def text_line(diag: Diagnostic, t: Messages) -> str:
    """``path:line: severity[code] message``: the severity and message in ``t``'s language, the
    code the stable English id."""
    return f"{diag.file}:{diag.line}: {t('check.severity_' + diag.severity)}[{diag.code}] {diag.text(t)}"


def summary(diags: Sequence[Diagnostic], files: int, t: Messages) -> str:
    """One line: how many errors and warnings in how many files."""
    c = counts(diags)
    return t("check.summary", errors=t.n("error", c["error"]), warnings=t.n("warning", c["warning"]),
             files=t.n("routine_file", files))


def report_text(diags: Sequence[Diagnostic], out: TextIO, t: Messages) -> None:
    out.writelines(text_line(diag, t) + "\n" for diag in diags)


def report_json(diags: Sequence[Diagnostic], out: TextIO, t: Messages) -> None:
    c = counts(diags)
    payload = {"diagnostics": [d.to_json(t) for d in diags], "summary": c}
    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def report_github(diags: Sequence[Diagnostic], out: TextIO, t: Messages) -> None:
    """GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message``."""
    for diag in diags:
        props = f"file={_escape_property(diag.file)},line={diag.line},title={_escape_property(diag.code)}"
        out.write(f"::{_GITHUB_LEVEL[diag.severity]} {props}::{_escape_data(diag.text(t))}\n")


REPORTERS: dict[str, Callable[[Sequence[Diagnostic], TextIO, Messages], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
