"""Output that settings and content cannot subvert (security issue 12, items 6 to 8): the iCalendar
feeds, text for terminals, GitHub annotations, reminder issues and e-mail headers.

Real files in tmp_path and the real CLI (``generator.cli.app.main``); GitHub is the stand-in ``gh``
of tests/test_github_issues.py, the mail server a local SMTP server. Every run passes ``--today``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.reminders.github import BASE_LABEL
from tests import test_mailer
from tests.conftest import copy_demo, run
from tests.test_github_issues import FakeGh
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
    from generator.core import ics

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


# ---------------------------------------------------------------------------------------------
# reminder issues


def _seed(gh: FakeGh, *issues: dict[str, Any], viewer: str = "github-actions[bot]") -> None:
    (gh.dir / "gh-state.json").write_text(json.dumps({"viewer": viewer, "labels": [BASE_LABEL], "issues": [
        {"state": "OPEN", "title": "x", "comments": [], **issue} for issue in issues]}), encoding="utf-8")


def _remind(root: Path, gh: FakeGh, today: str, *extra: str) -> Any:
    return run("remind", "--root", str(root), "--today", today, "--github", "--gh", str(gh.path), *extra)


def _touched(gh: FakeGh, number: int) -> list[list[str]]:
    return [c for c in gh.calls if c[:1] == ["issue"] and c[1] != "list" and c[2:3] == [str(number)]]


STRANGER_BODY = f"<!-- routines-reminder: {SU} valid_to=2027-03-25 -->\nhello from mallory"


@pytest.mark.parametrize(("labels", "author"), [
    ([], {"login": "app/github-actions", "is_bot": True}),                     # ours, but not labelled
    ([BASE_LABEL, "påminnelse-14"], {"login": "mallory", "is_bot": False}),   # labelled, by someone else
    ([BASE_LABEL], {"login": "github-actions", "is_bot": False}),             # a user named like the bot
    ([BASE_LABEL], None),                                                     # no author given
])
def test_a_strangers_issue_with_our_marker_is_not_adopted(tmp_path: Path, labels: list[str],
                                                           author: dict[str, Any] | None) -> None:
    gh = FakeGh(tmp_path / "bin")
    _seed(gh, {"number": 1, "body": STRANGER_BODY, "labels": labels, "author": author})
    root = copy_demo(tmp_path)
    result = _remind(root, gh, "2027-03-12", "--format", "json")
    assert result.code == 0, result.err
    assert _touched(gh, 1) == []
    stranger, mine = gh.issues
    assert stranger["body"] == STRANGER_BODY and stranger["state"] == "OPEN" and stranger["labels"] == labels
    assert mine["number"] == 2 and mine["body"].startswith(f"<!-- routines-reminder: {SU} valid_to=2027-03-25 -->")
    actions = json.loads(result.out)["github"]["actions"]
    assert [(a["action"], a["number"]) for a in actions] == [("ignored", 1), ("created", 2)]
    # a renewal closes our issue of the old period, never the stranger's
    _replace(root / SU_FILE, "valid_to: 2027-03-25", "valid_to: 2029-03-12")
    _replace(root / SU_FILE, "valid_from: 2025-03-25", "valid_from: 2027-03-13")
    assert _remind(root, gh, "2027-03-13").code == 0
    assert _touched(gh, 1) == [] and gh.issues[0]["state"] == "OPEN"
    assert [c[:3] for c in gh.calls if c[:2] == ["issue", "close"]] == [["issue", "close", "2"]]


def test_issues_of_the_tokens_own_account_are_adopted(tmp_path: Path) -> None:
    gh = FakeGh(tmp_path / "bin")
    body = f"<!-- routines-reminder: {SU} valid_to=2027-03-25 -->\nold text"
    _seed(gh, {"number": 7, "body": body, "labels": [BASE_LABEL, "påminnelse-90"],
               "author": {"login": "Rutinbot", "is_bot": False}}, viewer="rutinbot")  # a personal token
    result = _remind(copy_demo(tmp_path), gh, "2027-03-12")
    assert result.code == 0, result.err
    assert "updated   #7" in result.out and len(gh.issues) == 1
    assert "old text" not in gh.issues[0]["body"]


def test_mentions_and_issue_references_are_neutralised(tmp_path: Path) -> None:
    gh = FakeGh(tmp_path / "bin")
    root = copy_demo(tmp_path)
    _replace(root / SU_FILE, "title: 1177 e-tjänster rollbeskrivning",
             'title: "Rutin för @someone och @org/team, se #12 och GH-3 [x](https://evil.example) <img src=x>"')
    _replace(root / SU_FILE, "owner: {id: marer154, name: Maria Eriksson,", "owner: {id: marer154, name: '@maria',")
    assert _remind(root, gh, "2026-12-25", "--lang", "sv").code == 0
    _remind(root, gh, "2027-03-12", "--lang", "sv")  # a comment too
    (issue,) = gh.issues
    sent = [issue["title"], issue["body"], *issue["comments"]]
    for text in sent:
        assert re.search(r"(?<![\w.+-])@[A-Za-z0-9]", text) is None, text
        assert re.search(r"#\d|GH-\d", text) is None, text
    assert issue["title"].startswith("Revidera rutinen Rutin för @\u200bsomeone och @\u200borg/team, se #\u200b12 "
                                     "och GH-\u200b3 ")
    # no link or HTML of the title's own: backslash-escaped, shown as written
    assert re.search(r"(?<!\\)<img", issue["body"]) is None and "\\[x\\](https://evil.example) \\<img" in issue["body"]
    assert "Innehållsansvarig: @\u200bmaria (marer154)" in issue["body"]
    assert issue["comments"][0].startswith("Påminnelse till @\u200bmaria (marer154):")


# ---------------------------------------------------------------------------------------------
# e-mail headers

smtp = test_mailer.smtp  # the local SMTP responder of tests/test_mailer.py, as a fixture here


def _email_root(tmp_path: Path, port: int, title: str = "Rutinhandboken", sender: str = "rutiner@example.se",
                maria: str = "maria.eriksson@example.se") -> Path:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text(
        f'title = "{title}"\n[email]\nhost = "127.0.0.1"\nport = {port}\nfrom = "{sender}"\nstarttls = false\n'
        f'[email.owners]\nmarer154 = "{maria}"\ndemo01 = "eva.demo@example.se"\n', encoding="utf-8")
    return root


def test_a_line_break_in_the_site_title_is_a_clean_error(tmp_path: Path, smtp: tuple[int, Any]) -> None:
    port, box = smtp
    root = _email_root(tmp_path, port, title="Rutinhandboken\\r\\nBcc: evil@example.org")
    for fmt in ("text", "json"):
        result = run("remind", "--root", str(root), "--today", test_mailer.TODAY, "--email", "--format", fmt)
        assert result.code == 2
        assert "Traceback" not in result.out + result.err
        assert ("routines: error: routines.toml: title contains a line break (U+000D), which cannot go into the "
                "Subject header of an e-mail; remove it\n") in result.err
    assert box.messages == []  # nothing half-sent


def test_control_characters_in_addresses_are_clean_errors(tmp_path: Path, smtp: tuple[int, Any]) -> None:
    port, box = smtp
    root = _email_root(tmp_path / "from", port, sender="rutiner\\u001b@example.se")
    result = run("remind", "--root", str(root), "--today", test_mailer.TODAY, "--email")
    assert result.code == 2 and "Traceback" not in result.err
    assert "routines.toml: email.from contains a control character (U+001B)" in result.err
    assert box.messages == []
    root = _email_root(tmp_path / "to", port, maria="maria\\u0085@example.se")
    result = run("remind", "--root", str(root), "--today", test_mailer.TODAY, "--email", "--format", "json")
    assert result.code == 2 and "Traceback" not in result.err
    email = json.loads(result.out)["email"]
    assert [s["to"] for s in email["sent"]] == ["eva.demo@example.se"]  # the others still get theirs
    assert email["failed"][0]["error"].startswith(
        "routines.toml: email.owners.marer154 contains a control character (U+0085), which cannot go into the To")
    assert [rcpt for _, rcpt, _ in box.messages] == [["eva.demo@example.se"]]


def test_bidirectional_controls_do_not_reorder_what_the_terminal_shows(tmp_path: Path) -> None:
    # "Trojan Source": U+202E makes "rutin gnivreseR" show as something else entirely.
    root = copy_demo(tmp_path)
    _replace(root / SU_FILE, "title: 1177 e-tjänster rollbeskrivning",
             'title: "Säker \\u202etxt.exe\\u2066 rutin\\u2069"')
    text = run("expiring", "--within", "1000", "--root", str(root), "--today", "2027-03-12").out
    assert "Säker \\u202etxt.exe\\u2066 rutin\\u2069 (SU9771" in text
    assert not any(ch in text for ch in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
    payload = run("expiring", "--format", "json", "--within", "1000", "--root", str(root), "--today", "2027-03-12")
    assert "\u202e" not in payload.out and "\\u202e" in payload.out
    titles = {r["id"]: r["title"] for r in json.loads(payload.out)["routines"]}
    assert titles[SU] == "Säker \u202etxt.exe\u2066 rutin\u2069"  # the JSON value is kept


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.sampled_from(["a", "1", ",", "\t", "\n", "\r", "\r\n", "\x1b", "\x00", "\x7f", "\x85",
                                        "\u202e", "å", "\x0b"]), max_size=40))
def test_the_fast_look_at_ascii_text_escapes_what_the_pattern_escapes(parts: list[str]) -> None:
    """The CLI's streams look at ASCII text in C first (a million report lines): the same text
    out as the pattern alone makes, in both modes."""
    from generator.cli.safe_output import _CONTROL, _JSON_CONTROL, _escaped, _json_visible, visible

    text = "".join(parts)
    assert visible(text) == _CONTROL.sub(_escaped, text)
    assert _json_visible(text) == _JSON_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
