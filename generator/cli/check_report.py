"""Reporters: diagnostics as text for people, JSON for tools, annotations for GitHub."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TextIO

from generator.core.diagnostics import Diagnostic, counts
from generator.core.messages import messages


def text_line(diag: Diagnostic) -> str:
    """``path:line: severity[code] message``."""
    return f"{diag.file}:{diag.line}: {diag.severity}[{diag.code}] {diag.message}"


def summary(diags: Sequence[Diagnostic], files: int) -> str:
    """One line: how many errors and warnings in how many files."""
    c = counts(diags)
    en = messages("en")
    return f"{en.n('error', c['error'])}, {en.n('warning', c['warning'])} in {en.n('routine_file', files)}"


def report_text(diags: Sequence[Diagnostic], out: TextIO) -> None:
    out.writelines(text_line(diag) + "\n" for diag in diags)


def report_json(diags: Sequence[Diagnostic], out: TextIO) -> None:
    c = counts(diags)
    payload = {"diagnostics": [d.to_json() for d in diags], "summary": c}
    out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def report_github(diags: Sequence[Diagnostic], out: TextIO) -> None:
    """GitHub Actions workflow commands: ``::error file=…,line=…,title=…::message``."""
    for diag in diags:
        props = f"file={_escape_property(diag.file)},line={diag.line},title={_escape_property(diag.code)}"
        out.write(f"::{_GITHUB_LEVEL[diag.severity]} {props}::{_escape_data(diag.message)}\n")


REPORTERS: dict[str, Callable[[Sequence[Diagnostic], TextIO], None]] = {
    "text": report_text,
    "json": report_json,
    "github": report_github,
}
