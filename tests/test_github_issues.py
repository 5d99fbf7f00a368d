"""``routines remind --github`` against a stand-in ``gh``: a small script that records every call
and keeps its own issues and labels, as GitHub would.

No test depends on the real date: every run passes ``--today``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.reminders import github as github_issues
from tests.conftest import Result, copy_demo
from tests.test_reminders import SU, SU_FILE, routines_cli

FAKE_GH = r'''
"""A stand-in for the GitHub CLI: issues and labels in gh-state.json, every argv in gh-calls.json.
The token's account is state["viewer"] (default github-actions[bot], as for a workflow's token);
issues it opens are listed with that author, as gh lists them (app/NAME for an app)."""
import json, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATE, CALLS, FAIL = HERE / "gh-state.json", HERE / "gh-calls.json", HERE / "gh-fail"
args = sys.argv[1:]
calls = json.loads(CALLS.read_text()) if CALLS.exists() else []
calls.append(args)
CALLS.write_text(json.dumps(calls, ensure_ascii=False))
if FAIL.exists() and " ".join(args[:2]) == FAIL.read_text().strip():
    sys.stderr.write("HTTP 403: Resource not accessible by integration\n")
    sys.exit(1)
state = json.loads(STATE.read_text()) if STATE.exists() else {"issues": [], "labels": []}

def options(rest):
    found, positional, i = {}, [], 0
    while i < len(rest):
        if rest[i].startswith("--"):
            found.setdefault(rest[i][2:], []).append(rest[i + 1])
            i += 2
        else:
            positional.append(rest[i])
            i += 1
    return found, positional

def issue(number):
    return next(x for x in state["issues"] if x["number"] == int(number))

opts, pos = options(args[2:])
group, verb = args[0], args[1]
viewer = state.get("viewer", "github-actions[bot]")
if (group, verb) == ("api", "graphql"):
    assert pos == ["-f", "query={viewer{login}}"] and opts["jq"] == [".data.viewer.login"], args
    print(viewer)
elif (group, verb) == ("label", "list"):
    print(json.dumps([{"name": n} for n in state["labels"]]))
elif (group, verb) == ("label", "create"):
    if pos[0] in state["labels"]:
        sys.stderr.write(f"label with name \"{pos[0]}\" already exists\n")
        sys.exit(1)
    state["labels"].append(pos[0])
elif (group, verb) == ("issue", "list"):
    wanted = opts.get("label", [])
    shown = [x for x in state["issues"] if all(w in x["labels"] for w in wanted)
             and (opts["state"][0] == "all" or x["state"].lower() == opts["state"][0])]
    fields = opts["json"][0].split(",")
    print(json.dumps([{k: v for k, v in {
        "number": x["number"], "state": x["state"], "body": x["body"], "author": x.get("author"),
        "labels": [{"name": n, "color": "ededed"} for n in x["labels"]]}.items() if k in fields}
        for x in shown]))
elif (group, verb) == ("issue", "create"):
    for label in opts.get("label", []):
        if label not in state["labels"]:
            sys.stderr.write(f"could not add label: '{label}' not found\n")
            sys.exit(1)
    number = len(state["issues"]) + 1
    bot = viewer.endswith("[bot]")
    author = {"login": "app/" + viewer.removesuffix("[bot]") if bot else viewer, "is_bot": bot}
    state["issues"].append({"number": number, "state": "OPEN", "title": opts["title"][0],
                            "body": opts["body"][0], "labels": opts.get("label", []), "comments": [],
                            "author": author})
    print(f"https://github.com/vgr/rutiner/issues/{number}")
elif (group, verb) == ("issue", "edit"):
    x = issue(pos[0])
    if "body" in opts:
        x["body"] = opts["body"][0]
    for names in opts.get("remove-label", []):
        x["labels"] = [n for n in x["labels"] if n not in names.split(",")]
    for names in opts.get("add-label", []):
        x["labels"] += [n for n in names.split(",") if n not in x["labels"]]
elif (group, verb) == ("issue", "comment"):
    issue(pos[0])["comments"].append(opts["body"][0])
elif (group, verb) == ("issue", "close"):
    x = issue(pos[0])
    x["state"] = "CLOSED"
    x["comments"] += opts.get("comment", [])
elif (group, verb) == ("issue", "reopen"):
    issue(pos[0])["state"] = "OPEN"
else:
    sys.stderr.write(f"unknown command {args}\n")
    sys.exit(1)
STATE.write_text(json.dumps(state, ensure_ascii=False))
'''


class FakeGh:
    """The stand-in ``gh`` in a directory of its own, and what it saw."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.dir = directory
        self.path = directory / "gh"
        self.path.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    @property
    def calls(self) -> list[list[str]]:
        path = self.dir / "gh-calls.json"
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []

    def verbs(self) -> list[str]:
        return [" ".join(c[:2]) for c in self.calls]

    @property
    def issues(self) -> list[dict[str, Any]]:
        path = self.dir / "gh-state.json"
        return json.loads(path.read_text(encoding="utf-8"))["issues"] if path.exists() else []

    def fail(self, command: str) -> None:
        (self.dir / "gh-fail").write_text(command, encoding="utf-8")

    def reset_calls(self) -> None:
        (self.dir / "gh-calls.json").unlink(missing_ok=True)


@pytest.fixture
def gh(tmp_path: Path) -> FakeGh:
    return FakeGh(tmp_path / "bin")


def remind(root: Path, gh: FakeGh, today: str, *extra: str) -> Result:
    return routines_cli("remind", "--root", str(root), "--today", today, "--github", "--gh", str(gh.path),
                        *extra)


def renew(root: Path, valid_from: str, valid_to: str) -> None:
    path = root / SU_FILE
    text = path.read_text(encoding="utf-8")
    text = text.replace("valid_from: 2025-03-25", f"valid_from: {valid_from}")
    path.write_text(text.replace("valid_to: 2027-03-25", f"valid_to: {valid_to}"), encoding="utf-8")


def test_two_runs_on_one_day_create_one_issue(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    first = remind(root, gh, "2026-12-25")
    assert first.code == 0, first.err
    assert f"created   #1     {SU} valid_to=2027-03-25 (påminnelse-90)" in first.out
    second = remind(root, gh, "2026-12-25", "--format", "json")
    assert second.code == 0, second.err
    assert json.loads(second.out)["github"] == {"errors": [], "actions": [
        {"action": "unchanged", "number": 1, "routine": SU, "valid_to": "2027-03-25", "stage": 90,
         "detail": "påminnelse-90"}]}
    assert gh.verbs().count("issue create") == 1
    (issue,) = gh.issues
    assert issue["state"] == "OPEN"
    assert sorted(issue["labels"]) == ["påminnelse-90", "rutinpåminnelse"]
    assert issue["body"].startswith(f"<!-- routines-reminder: {SU} valid_to=2027-03-25 -->\n")
    assert "- Owner: Maria Eriksson (marer154)" in issue["body"]
    assert issue["title"] == f"Revise the routine 1177 e-tjänster rollbeskrivning ({SU}), valid to 2027-03-25"
    assert not any("--assignee" in call for call in gh.calls)  # owner ids are not GitHub logins
    # the labels were created once, before first use
    creates = [c[2] for c in gh.calls if c[:2] == ["label", "create"]]
    assert sorted(creates) == ["påminnelse-1", "påminnelse-14", "påminnelse-7", "påminnelse-90", "rutinpåminnelse",
                               "utgången"]
    list_call = next(c for c in gh.calls if c[:2] == ["issue", "list"])
    # every issue, not a search: GitHub's search index lags, and would let a second run duplicate
    assert list_call[2:] == ["--state", "all", "--json", "number,state,body,labels,author", "--limit", "100000"]


def test_a_later_stage_moves_the_label_instead_of_creating(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    assert remind(root, gh, "2026-12-25").code == 0
    gh.reset_calls()
    later = remind(root, gh, "2027-03-12")
    assert later.code == 0, later.err
    assert f"updated   #1     {SU} valid_to=2027-03-25 (påminnelse-90 -> påminnelse-14)" in later.out
    assert "issue create" not in gh.verbs()
    edit = next(c for c in gh.calls if c[:2] == ["issue", "edit"])
    assert edit[2] == "1"
    assert edit[edit.index("--add-label") + 1] == "påminnelse-14"
    assert edit[edit.index("--remove-label") + 1] == "påminnelse-90"
    (issue,) = gh.issues
    assert sorted(issue["labels"]) == ["påminnelse-14", "rutinpåminnelse"]
    assert "days left on 2027-03-12: 13" in issue["body"]
    assert issue["comments"] == [("Reminder: Maria Eriksson (marer154), the routine is now at the stage "
                                 "**14 days before** (13 days left on 2027-03-12).")]
    # a run skipped for days jumps straight to the stage reached; expired at last
    assert remind(root, gh, "2027-03-30").code == 0
    (issue,) = gh.issues
    assert sorted(issue["labels"]) == ["rutinpåminnelse", "utgången"]
    assert len(gh.issues) == 1


def test_a_renewed_routine_opens_a_new_issue_and_closes_the_old(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    assert remind(root, gh, "2027-03-12").code == 0
    renew(root, "2026-04-01", "2027-05-31")  # a short new period: already at its 90-day stage
    result = remind(root, gh, "2027-03-14")
    assert result.code == 0, result.err
    old, new = gh.issues
    assert (old["number"], old["state"]) == (1, "CLOSED")
    assert "förnyad" in old["comments"][-1] and "2027-05-31" in old["comments"][-1]
    assert (new["number"], new["state"]) == (2, "OPEN")
    assert new["body"].startswith(f"<!-- routines-reminder: {SU} valid_to=2027-05-31 -->")
    assert sorted(new["labels"]) == ["påminnelse-90", "rutinpåminnelse"]
    assert f"closed    #1     {SU} valid_to=2027-03-25 (renewed)" in result.out
    # the next run leaves both alone
    gh.reset_calls()
    assert remind(root, gh, "2027-03-15").code == 0
    assert gh.verbs() == ["issue list", "api graphql"]  # and whose the issues are


def test_a_renewal_far_ahead_only_closes_the_old_issue(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    assert remind(root, gh, "2027-03-12").code == 0
    renew(root, "2027-03-13", "2029-03-12")
    result = remind(root, gh, "2027-03-13", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["reminders"] == []
    (old,) = gh.issues
    assert old["state"] == "CLOSED" and "förnyad" in old["comments"][-1]
    assert [c[:2] for c in gh.calls].count(["issue", "close"]) == 1


def test_a_withdrawn_routine_closes_its_issue(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    assert remind(root, gh, "2027-03-12").code == 0
    path = root / SU_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("status: published", "status: withdrawn"),
                    encoding="utf-8")
    result = remind(root, gh, "2027-03-13")
    assert "(withdrawn)" in result.out
    assert gh.issues[0]["state"] == "CLOSED" and "upphävd" in gh.issues[0]["comments"][-1]


def test_an_issue_closed_by_hand_is_reopened_only_at_a_new_stage(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    assert remind(root, gh, "2026-12-25").code == 0
    state_file = gh.dir / "gh-state.json"
    state = json.loads(state_file.read_text(encoding="utf-8"))
    state["issues"][0]["state"] = "CLOSED"
    state_file.write_text(json.dumps(state), encoding="utf-8")
    same = remind(root, gh, "2027-01-05")
    assert "unchanged #1" in same.out and gh.issues[0]["state"] == "CLOSED"
    later = remind(root, gh, "2027-03-20")
    assert f"reopened  #1     {SU} valid_to=2027-03-25 (påminnelse-90 -> påminnelse-7)" in later.out
    assert gh.issues[0]["state"] == "OPEN" and len(gh.issues) == 1


def test_unrelated_issues_are_left_alone(tmp_path: Path, gh: FakeGh) -> None:
    (gh.dir / "gh-state.json").write_text(json.dumps({"labels": ["rutinpåminnelse"], "issues": [
        {"number": 1, "state": "OPEN", "title": "x", "body": "no marker here", "labels": ["rutinpåminnelse"],
         "comments": []}]}), encoding="utf-8")
    root = copy_demo(tmp_path)
    assert remind(root, gh, "2026-12-25").code == 0
    assert [i["number"] for i in gh.issues] == [1, 2]
    assert gh.issues[0]["state"] == "OPEN" and gh.issues[0]["labels"] == ["rutinpåminnelse"]


def test_gh_failure_is_reported_with_exit_2(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    gh.fail("issue create")
    result = remind(root, gh, "2026-12-25")
    assert result.code == 2
    assert "routines: error: gh issue create --title" in result.err
    assert "failed (exit 1): HTTP 403: Resource not accessible by integration" in result.err
    assert "Traceback" not in result.err + result.out
    assert "Reminders due on 2026-12-25: 1 routine" in result.out  # the report is still given
    gh.fail("issue list")
    listing = remind(root, gh, "2026-12-25", "--format", "json")
    assert listing.code == 2
    assert json.loads(listing.out)["github"]["errors"] == [
        ("gh issue list --state all --json number,state,body,labels,author --limit 100000 "
        "failed (exit 1): HTTP 403: Resource not accessible by integration")]


def test_gh_is_found_on_path(tmp_path: Path, gh: FakeGh, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", f"{gh.dir}{os.pathsep}{os.environ.get('PATH', '')}")
    root = copy_demo(tmp_path)
    result = routines_cli("remind", "--root", str(root), "--today", "2026-12-25", "--github")
    assert result.code == 0, result.err
    assert gh.verbs().count("issue create") == 1


def test_gh_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    root = copy_demo(tmp_path)
    result = routines_cli("remind", "--root", str(root), "--today", "2026-12-25", "--github")
    assert result.code == 2
    assert "'gh' is not on PATH; install the GitHub CLI" in result.err
    assert routines_cli("remind", "--root", str(root), "--gh", "gh").code == 2  # --gh without --github


def test_no_reminders_and_no_issues_needs_no_labels(tmp_path: Path, gh: FakeGh) -> None:
    result = remind(copy_demo(tmp_path), gh, "2026-06-01")
    assert result.code == 0
    assert gh.verbs() == ["issue list"]
    assert "GitHub issues:\n  nothing to do" in result.out


def test_parse_issues_ignores_what_is_not_a_reminder() -> None:
    found = github_issues.parse_issues([
        {"number": 3, "state": "CLOSED", "body": github_issues.marker("A-1", dt.date(2027, 1, 2)),
         "labels": [{"name": "utgången"}]},
        {"number": 4, "state": "OPEN", "body": "<!-- routines-reminder: B valid_to=2027-02-30 -->", "labels": []},
        {"number": 5, "state": "OPEN", "body": None, "labels": []},
    ])
    assert [(i.number, i.open, i.routine, i.labels) for i in found] == [(3, False, "A-1", {"utgången"})]
    assert github_issues.stage_label(14) == "påminnelse-14" and github_issues.stage_label("expired") == "utgången"


def test_issues_and_the_report_in_swedish(tmp_path: Path, gh: FakeGh) -> None:
    root = copy_demo(tmp_path)
    first = remind(root, gh, "2026-12-25", "--lang", "sv")
    assert first.code == 0, first.err
    assert first.out.splitlines()[-2:] == ["GitHub-ärenden:",
                                           f"  skapat      #1     {SU} valid_to=2027-03-25 (påminnelse-90)"]
    (issue,) = gh.issues
    assert issue["title"] == f"Revidera rutinen 1177 e-tjänster rollbeskrivning ({SU}), giltig till 2027-03-25"
    assert "- Innehållsansvarig: Maria Eriksson (marer154)" in issue["body"].splitlines()
    later = remind(root, gh, "2027-03-12", "--lang", "sv")
    assert f"  uppdaterat  #1     {SU} valid_to=2027-03-25 (påminnelse-90 -> påminnelse-14)" in later.out.splitlines()
    assert gh.issues[0]["comments"][-1] == ("Påminnelse till Maria Eriksson (marer154): rutinen har nått steget "
                                            "**14 dagar före** (13 dagar kvar den 2027-03-12).")
    renew(root, "2027-03-13", "2029-03-12")
    renewed = remind(root, gh, "2027-03-14", "--lang", "sv")
    assert f"  stängt      #1     {SU} valid_to=2027-03-25 (förnyad)" in renewed.out.splitlines()
    gh.fail("issue list")
    failed = remind(root, gh, "2027-03-14", "--lang", "sv")
    assert failed.code == 2
    assert failed.err.splitlines()[-1] == (
        "routines: fel: gh issue list --state all --json number,state,body,labels,author --limit 100000 "
        "misslyckades (slutstatus 1): HTTP 403: Resource not accessible by integration")


def test_gh_missing_in_swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = routines_cli("remind", "--root", str(copy_demo(tmp_path)), "--today", "2026-12-25", "--github",
                          "--lang", "sv")
    assert result.code == 2
    assert result.err.splitlines()[-1] == ("routines: fel: 'gh' finns inte i PATH; installera GitHub CLI "
                                           "(https://cli.github.com/) eller ange --gh PATH")
