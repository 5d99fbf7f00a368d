"""``routines expiring`` and ``routines remind``: stages, the expiring list, digests, the calendar,
and the CI workflows that run them.

No test depends on the real date or the machine's time zone: every run passes ``--today``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.cli import app as cli
from generator.content.project import load_project
from generator.reminders import due as reminders
from generator.staffing import task_report
from tests.conftest import Result, copy_demo, run

SU = "SU9771-677637494-103"
SU_FILE = "routines/su/1177-e-tjanster-rollbeskrivning.md"
BCC = "SU9774-1570060579-84"
OGON = "DEMO-OGON-1177"
D = dt.date.fromisoformat


def routines_cli(*argv: str) -> Result:
    """``routines expiring|remind ...`` in-process, as the command line runs it."""
    return run(*argv)


def remind_json(root: Path, today: str, *extra: str) -> dict[str, Any]:
    result = routines_cli("remind", "--root", str(root), "--today", today, "--format", "json", *extra)
    assert result.code == 0, result.err
    payload: dict[str, Any] = json.loads(result.out)
    return payload


def write_routine(root: Path, name: str, *, id: str, owner: str = "{id: marer154, name: Maria Eriksson}",
                  valid_from: str = "2026-01-01", valid_to: str = "2027-06-30", status: str = "published",
                  title: str = "Testrutin") -> None:
    """A small routine of its own in ``root``."""
    (root / "routines" / "test").mkdir(exist_ok=True)
    (root / "routines" / "test" / name).write_text(
        f"---\nid: {id}\ntitle: {title}\ntype: rutin\nversion: \"1.0\"\nstatus: {status}\n"
        f"applies_to: [su]\nowner: {owner}\napprover: {{id: boemo, name: Boel Mörck}}\n"
        f"valid_from: {valid_from}\nvalid_to: {valid_to}\n---\n\nText.\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# stages


@pytest.mark.parametrize(("days_left", "stage"), [
    (91, None), (90, 90), (15, 90), (14, 14), (13, 14), (8, 14), (7, 7), (2, 7), (1, 1), (0, 1),
    (-1, "expired"), (-400, "expired")])
def test_stage_is_the_latest_one_reached(days_left: int, stage: object) -> None:
    assert reminders.stage_for(days_left, (90, 14, 7, 1)) == stage


def test_stages_are_configurable_and_order_does_not_matter() -> None:
    assert reminders.stage_for(31, (30, 60)) == 60
    assert reminders.stage_for(30, (60, 30)) == 30
    assert reminders.stage_for(61, (30, 60)) is None


# The acceptance lines of issue 6, on the SU demo routine (valid_to 2027-03-25).
@pytest.mark.parametrize(("today", "stage", "days_left"), [
    ("2026-12-24", None, None),
    ("2026-12-25", 90, 90),
    ("2027-03-12", 14, 13),
    ("2027-03-24", 1, 1),
    ("2027-03-26", "expired", -1),
])
def test_acceptance_su_routine(tmp_path: Path, today: str, stage: object, days_left: int | None) -> None:
    payload = remind_json(copy_demo(tmp_path), today)
    found = [r for r in payload["reminders"] if r["id"] == SU]
    if stage is None:
        assert found == []
        return
    assert found == [{"id": SU, "title": "1177 e-tjänster rollbeskrivning", "file": SU_FILE,
                      "owner": {"id": "marer154", "name": "Maria Eriksson"}, "valid_to": "2027-03-25",
                      "days_left": days_left, "stage": stage, "url": None}]
    assert payload["today"] == today


def test_a_skipped_day_loses_no_reminder(tmp_path: Path) -> None:
    """Due while at or past a stage, not only on its day: a run on any day after the stage
    day still gives the reminder (stage 7 reached on 2027-03-18; a run on the 20th has it)."""
    root = copy_demo(tmp_path)
    for today, stage in [("2026-12-26", 90), ("2027-03-13", 14), ("2027-03-20", 7), ("2027-03-25", 1),
                         ("2027-06-01", "expired")]:
        (found,) = [r for r in remind_json(root, today)["reminders"] if r["id"] == SU]
        assert found["stage"] == stage, today


def test_only_published_routines_are_reminded(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    write_routine(root, "draft.md", id="T-DRAFT", status="draft", valid_to="2027-01-10")
    write_routine(root, "withdrawn.md", id="T-WITHDRAWN", status="withdrawn", valid_to="2027-01-10")
    write_routine(root, "published.md", id="T-PUB", valid_to="2027-01-10")
    ids = [r["id"] for r in remind_json(root, "2027-01-01")["reminders"]]
    assert ids == ["T-PUB", SU]  # same owner: sorted by valid_to


def test_reminder_days_come_from_routines_toml(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text("[reminders]\ndays_before = [30, 120]\n", encoding="utf-8")
    (found,) = [r for r in remind_json(root, "2026-11-30")["reminders"] if r["id"] == SU]
    assert (found["stage"], found["days_left"]) == (120, 115)
    assert [r["id"] for r in remind_json(root, "2026-11-24")["reminders"]] == []


def test_remind_text_and_markdown_digests(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('base_url = "https://rutiner.example.se/"\n', encoding="utf-8")
    write_routine(root, "bcc2.md", id="T-BCC", owner="{id: madno6, name: Madelene Nolbris}",
                  valid_to="2027-03-20")
    text = routines_cli("remind", "--root", str(root), "--today", "2027-03-26")
    assert text.code == 0
    assert text.out.splitlines()[0] == "Reminders due on 2027-03-26: 2 routines, 2 owners"
    assert "Madelene Nolbris (madno6)" in text.out and "Maria Eriksson (marer154)" in text.out
    assert f"stage expired  valid to 2027-03-25, expired 1 day ago: 1177 e-tjänster rollbeskrivning ({SU})" \
        in text.out
    md = routines_cli("remind", "--root", str(root), "--today", "2027-03-12", "--format", "markdown",
                      "--lang", "sv").out
    sections = re.split(r"^## ", md, flags=re.MULTILINE)
    assert sections[0].startswith("# Rutiner att revidera\n\nPåminnelser den 2027-03-12: 2 rutiner för 2 "
                                  "innehållsansvariga.")
    assert [s.splitlines()[0] for s in sections[1:]] == ["Madelene Nolbris (madno6)", "Maria Eriksson (marer154)"]
    maria = sections[2]
    assert (f"| [1177 e-tjänster rollbeskrivning](https://rutiner.example.se/rutiner/{SU}.html) (`{SU}`) "
            f"| 14 dagar före | 2027-03-25 | 13 | `{SU_FILE}` |") in maria
    assert "**Att göra:** revidera rutinen" in maria
    assert "| T-BCC" not in maria and "`T-BCC`" in sections[1]
    assert "8 | `routines/test/bcc2.md`" in sections[1]  # 8 days left: stage 14


def test_markdown_digest_in_english_and_for_expired(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('language = "en"\n', encoding="utf-8")
    md = routines_cli("remind", "--root", str(root), "--today", "2027-04-01", "--format", "markdown").out
    assert md.startswith("# Routines to revise\n")
    assert f"| 1177 e-tjänster rollbeskrivning (`{SU}`) | expired | 2027-03-25 | -7 | `{SU_FILE}` |" in md
    assert "**1 routine has expired**" in md


def test_nothing_due(tmp_path: Path) -> None:
    result = routines_cli("remind", "--root", str(copy_demo(tmp_path)), "--today", "2026-06-01")
    assert result.code == 0
    assert "Reminders due on 2026-06-01: 0 routines, 0 owners" in result.out
    md = routines_cli("remind", "--root", str(copy_demo(tmp_path / "b")), "--today", "2026-06-01",
                      "--format", "markdown", "--lang", "sv").out
    assert "Ingen publicerad rutin har nått ett påminnelsesteg." in md


# ---------------------------------------------------------------------------------------------
# routines expiring


def expiring_root(tmp_path: Path) -> Path:
    root = copy_demo(tmp_path)
    write_routine(root, "a.md", id="T-ZED", owner="{id: zed1, name: Zed Öberg}", valid_to="2027-02-01")
    write_routine(root, "b.md", id="T-EARLY", valid_to="2027-01-15")
    write_routine(root, "c.md", id="T-GONE", owner="{id: anna1, name: Anna Ahl}", valid_from="2025-01-01",
                  valid_to="2026-12-31")
    write_routine(root, "d.md", id="T-DRAFT", status="draft", valid_to="2027-01-15")
    return root


def test_expiring_json_sorted_by_owner_then_valid_to(tmp_path: Path) -> None:
    result = routines_cli("expiring", "--root", str(expiring_root(tmp_path)), "--today", "2027-01-10",
                          "--format", "json")
    assert result.code == 0
    payload = json.loads(result.out)
    assert (payload["today"], payload["within_days"]) == ("2027-01-10", 90)
    assert [(r["owner"]["name"], r["id"], r["days_left"], r["status"]) for r in payload["routines"]] == [
        ("Anna Ahl", "T-GONE", -10, "expired"),
        ("Maria Eriksson", "T-EARLY", 5, "expiring"),
        ("Maria Eriksson", SU, 74, "expiring"),
        ("Zed Öberg", "T-ZED", 22, "expiring"),
    ]
    assert payload["routines"][2] == {"id": SU, "title": "1177 e-tjänster rollbeskrivning", "file": SU_FILE,
                                      "owner": {"id": "marer154", "name": "Maria Eriksson"},
                                      "valid_to": "2027-03-25", "days_left": 74, "status": "expiring"}


def test_expiring_within(tmp_path: Path) -> None:
    root = expiring_root(tmp_path)

    def ids(*extra: str) -> list[str]:
        out = routines_cli("expiring", "--root", str(root), "--today", "2027-01-10", "--format", "json", *extra)
        return [r["id"] for r in json.loads(out.out)["routines"]]

    assert ids("--within", "5") == ["T-GONE", "T-EARLY"]
    assert ids("--within", "0") == ["T-GONE"]
    assert ids("--within", "500") == ["T-GONE", OGON, BCC, "T-EARLY", SU, "T-ZED"]
    (root / "routines.toml").write_text("[validity]\nwarn_within_days = 30\n", encoding="utf-8")
    assert ids() == ["T-GONE", "T-EARLY", "T-ZED"]
    assert routines_cli("expiring", "--root", str(root), "--within", "-3").code == 2


def test_expiring_text(tmp_path: Path) -> None:
    result = routines_cli("expiring", "--root", str(expiring_root(tmp_path)), "--today", "2027-01-10")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0] == "Expired and expiring routines on 2027-01-10 (within 90 days): 1 expired, 3 expiring"
    assert lines[2:4] == ["Anna Ahl (anna1)",
                          "  valid to 2026-12-31, expired 10 days ago: Testrutin (T-GONE)  routines/test/c.md"]
    assert "Maria Eriksson (marer154)" in lines and "Zed Öberg (zed1)" in lines
    empty = routines_cli("expiring", "--root", str(copy_demo(tmp_path / "e")), "--today", "2026-06-01")
    assert "none: every published routine is valid for longer" in empty.out


def test_expiring_ics(tmp_path: Path) -> None:
    root = expiring_root(tmp_path)
    (root / "routines.toml").write_text('base_url = "https://rutiner.example.se/"\n'
                                        "[reminders]\ndays_before = [90, 14, 7, 1]\n", encoding="utf-8")
    argv = ("expiring", "--root", str(root), "--today", "2027-01-10", "--format", "ics", "--lang", "sv")
    first, second = routines_cli(*argv), routines_cli(*argv)
    assert first.code == 0 and first.out == second.out  # reproducible
    data = first.out
    assert data.startswith("BEGIN:VCALENDAR\r\n") and data.endswith("END:VCALENDAR\r\n")
    assert "\n" not in data.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in data.split("\r\n"))
    unfolded = data.replace("\r\n ", "")
    events = unfolded.split("BEGIN:VEVENT\r\n")[1:]
    assert len(events) == 4
    su = next(e for e in events if f"UID:{SU}.20270325.expiry@routines" in e)
    lines = su.split("\r\n")
    assert "DTSTAMP:20270110T000000Z" in lines
    assert "DTSTART;VALUE=DATE:20270325" in lines and "DTEND;VALUE=DATE:20270326" in lines
    assert "SUMMARY:Sista giltighetsdag: 1177 e-tjänster rollbeskrivning" in lines
    assert f"URL;VALUE=URI:https://rutiner.example.se/rutiner/{SU}.html" in lines
    assert [x for x in lines if x.startswith("TRIGGER")] == [
        "TRIGGER;RELATED=START:-P90D", "TRIGGER;RELATED=START:-P14D", "TRIGGER;RELATED=START:-P7D",
        "TRIGGER;RELATED=START:-P1D"]
    assert su.count("BEGIN:VALARM") == su.count("END:VALARM") == 4
    description = ("DESCRIPTION:Rutin: 1177 e-tjänster rollbeskrivning (SU9771-677637494-103)\\n"
                   "Innehållsansvarig: Maria Eriksson (marer154)")
    assert description in unfolded
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 4


def test_ics_reuses_the_task_calendar_writer() -> None:
    assert vars(reminders)["ics"] is vars(task_report)["ics"]  # one writer, generator/core/ics.py


def test_ics_alarms_follow_the_configured_stages(tmp_path: Path) -> None:
    project = load_project(copy_demo(tmp_path))
    found = reminders.expiring(reminders.entries(project.routines, D("2027-01-01"), (60, 3)), 90)
    data = reminders.expiring_ics(found, D("2027-01-01"), "Rutiner", (60, 3), "en")
    assert re.findall(r"TRIGGER;RELATED=START:(-P\d+D)", data) == ["-P60D", "-P3D"]
    assert "SUMMARY:Last valid day: 1177 e-tjänster rollbeskrivning" in data


def test_a_routine_without_an_owner_is_listed_last(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    write_routine(root, "x.md", id="T-NOOWNER", owner="Nobody", valid_to="2027-01-15")
    project = load_project(root)
    found = reminders.due(reminders.entries(project.routines, D("2027-01-10"), (90, 14, 7, 1)))
    assert [(e.id, e.owner.name) for e in found] == [(SU, "Maria Eriksson"), ("T-NOOWNER", "(no owner)")]


# ---------------------------------------------------------------------------------------------
# the CLI as wired in cli/app.py, and the CI workflows


def test_wired_into_the_cli(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    root = str(copy_demo(tmp_path))
    assert cli.main(["remind", "--root", root, "--today", "2027-03-12", "--format", "json"],
                    stdout=out, stderr=err) == 0
    assert [(r["id"], r["stage"]) for r in json.loads(out.getvalue())["reminders"]] == [(SU, 14)]
    out = io.StringIO()
    assert cli.main(["expiring", "--root", root, "--today", "2027-03-12", "--format", "json"],
                    stdout=out, stderr=err) == 0
    assert [r["id"] for r in json.loads(out.getvalue())["routines"]] == [SU]


