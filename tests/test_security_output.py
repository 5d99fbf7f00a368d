"""Output that settings and content cannot subvert (security issue 12, items 6 to 8): the iCalendar
feeds, text for terminals, GitHub annotations, reminder issues and e-mail headers.

Real files in tmp_path and the real CLI (``generator.cli.main``); GitHub is the stand-in ``gh``
of tests/test_github_issues.py, the mail server a local SMTP server. Every run passes ``--today``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import copy_demo, run
from tests.test_reminders import SU, SU_FILE

EVIL_URL = 'base_url = "https://x/\\r\\nATTENDEE:mailto:evil@example.org"\n'
ESCAPES = "\\e]0;pwned\\a \\e[2J \\x9b31m"
"""YAML double-quoted escapes: OSC retitle, BEL, clear screen, a C1 CSI."""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _ics_lines(data: str) -> list[str]:
    """The content lines of an iCalendar text: CRLF, unfolded; no bare CR or LF anywhere."""
    assert data.endswith("\r\n")
    physical = data[:-2].split("\r\n")
    assert all("\r" not in line and "\n" not in line for line in physical)
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _no_controls(text: str) -> bool:
    return not any((ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F for c in text)


# ---------------------------------------------------------------------------------------------
# iCalendar


def test_base_url_with_crlf_injects_nothing_into_the_expiring_feed(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text(EVIL_URL, encoding="utf-8")
    result = run("expiring", "--root", str(root), "--today", "2027-01-10", "--within", "1000", "--format", "ics")
    assert result.code == 0, result.err
    lines = _ics_lines(result.out)
    assert not any(line.startswith("ATTENDEE") for line in lines)
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    assert names.count("BEGIN") == names.count("END")
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 3  # one per published routine
    url = next(line for line in lines if line.startswith("URL;VALUE=URI:") and SU in line)
    assert url == f"URL;VALUE=URI:https://x/%0D%0AATTENDEE:mailto:evil@example.org/rutiner/{SU}.html"


def test_control_characters_are_left_out_of_ics_text(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _replace(root / SU_FILE, "title: 1177 e-tjänster rollbeskrivning",
             f'title: "1177 {ESCAPES}\\u2028END:VEVENT\\rBEGIN:VEVENT"')
    _replace(root / "routines" / "catalog.yaml", "name: Ärendemottagare", f'name: "Ärende{ESCAPES}\\nATTENDEE:x"')
    for argv in (("expiring", "--within", "1000"), ("tasks", "--from", "2026-06-01", "--to", "2026-06-30")):
        result = run(*argv, "--root", str(root), "--today", "2026-05-15", "--format", "ics")
        assert result.code == 0, result.err
        assert _no_controls(result.out.replace("\r\n", ""))
        lines = _ics_lines(result.out)
        assert not any(line.startswith("ATTENDEE") for line in lines)
        assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")
    summary = next(line for line in _ics_lines(result.out) if line.startswith("SUMMARY:Ärende"))
    assert summary.startswith("SUMMARY:Ärende]0\\;pwned [2J 31m\\nATTENDEE:x: ")


def test_the_ics_writer_checks_names_and_tokens() -> None:
    from generator import ics

    assert ics.ics_uri("https://x/a b\r\n\x1bå") == "https://x/a%20b%0D%0A%1B%C3%A5"
    assert ics.ics_escape("a\x1b[2J\x07b\x85c\u2028d") == "a[2Jbc\\nd"
    with pytest.raises(ValueError):
        ics.calendar("p", "n", [ics.Component("VEVENT", [("X\r\nATTENDEE", "x")])])
    with pytest.raises(ValueError):
        ics.calendar("p", "n", [ics.Component("VEVENT", [("TRANSP", ics.Token("X\r\nATTENDEE:y"))])])


# ---------------------------------------------------------------------------------------------
# text for terminals


def test_escape_sequences_in_titles_and_names_do_not_reach_the_terminal(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    _replace(root / SU_FILE, "title: 1177 e-tjänster rollbeskrivning", f'title: "1177 {ESCAPES}\\rOK"')
    _replace(root / "routines" / "catalog.yaml", "name: Ärendemottagare", f'name: "Ärende{ESCAPES}"')
    runs = [("expiring", "--within", "1000"), ("remind",), ("remind", "--format", "markdown"),
            ("tasks", "--from", "2026-06-01", "--to", "2026-06-30"), ("obligations",), ("check",),
            ("check", "--format", "github"), ("expiring", "--format", "json", "--within", "1000")]
    for argv in runs:
        result = run(*argv, "--root", str(root), "--today", "2027-03-12")
        assert "\x1b" not in result.out + result.err, argv
        assert _no_controls(result.out + result.err), argv
        assert "\r" not in result.out + result.err, argv  # a lone CR would overwrite the line
    text = run("expiring", "--within", "1000", "--root", str(root), "--today", "2027-03-12").out
    assert "1177 \\x1b]0;pwned\\x07 \\x1b[2J \\x9b31m\\x0dOK (SU9771" in text  # visible, not acted on
    tasks = run("tasks", "--from", "2026-06-01", "--to", "2026-06-30", "--root", str(root), "--today", "2026-05-15")
    assert "Ärende\\x1b]0;pwned\\x07" in tasks.out
    payload = run("expiring", "--format", "json", "--within", "1000", "--root", str(root), "--today", "2027-03-12")
    titles = {r["id"]: r["title"] for r in json.loads(payload.out)["routines"]}
    assert titles[SU] == "1177 \x1b]0;pwned\x07 \x1b[2J \x9b31m\rOK"  # JSON keeps the value, escaped


def test_github_annotations_escape_their_own_syntax(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines" / "su" / "bad%0A::error file=x::y.md").write_text("---\nid: [\n", encoding="utf-8")
    result = run("check", "--root", str(root), "--today", "2026-05-15", "--format", "github")
    assert result.code == 1
    mine = [line for line in result.out.splitlines() if "bad%250A" in line]
    assert mine and all(line.startswith("::error file=routines/su/bad%250A%3A%3Aerror file=x%3A%3Ay.md,")
                        for line in mine)
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in result.out.splitlines())
