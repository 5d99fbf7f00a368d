"""``routines approvals`` on a real git repository in tmp_path, against a stand-in ``gh`` (a small
script that records every call and answers from its own JSON state, as the reminder tests do).

A new routine, or a new version or validity, needs its approver's approval: an approving review of
the pull request's head commit from the approver's account in people.yaml (as it is at the base),
or, without a pull request, an ``Approved-by: <person id>`` trailer on the newest commit that
touched the file. Commit dates are fixed; no test depends on the real date.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Result, make_root, run

FAKE_GH = r'''
"""A stand-in for gh api: the pull request and its reviews from gh-state.json, every argv in
gh-calls.json; the reviews come in pages of two, as --paginate prints them (arrays back to back)."""
import json, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
state = json.loads((HERE / "gh-state.json").read_text())
calls_file = HERE / "gh-calls.json"
calls = json.loads(calls_file.read_text()) if calls_file.exists() else []
args = sys.argv[1:]
calls.append(args)
calls_file.write_text(json.dumps(calls))
pull = f"repos/{state['repo']}/pulls/{state['number']}"
if args == ["api", pull]:
    print(json.dumps({"number": state["number"], "head": {"sha": state["head"]}}))
elif args == ["api", pull + "/reviews", "--paginate"]:
    reviews = state["reviews"]
    print("".join(json.dumps(reviews[i:i + 2]) for i in range(0, max(len(reviews), 1), 2)))
else:
    sys.stderr.write(f"HTTP 404: Not Found ({' '.join(args)})\n")
    sys.exit(1)
'''

ROUTINE = """---
id: {id}
title: Testrutin
type: rutin
version: "{version}"
applies_to: [vht]
owner: {{id: own1, name: Olle Ägare, title: Enhetschef}}
approver: {{id: {approver}, name: Anna Godkänd, title: Verksamhetschef}}
valid_from: 2026-01-01
valid_to: {valid_to}
---

## Syfte

{body}
"""

PEOPLE = """people:
  - id: own1
    name: Olle Ägare
    account: olle-agare
  - id: app1
    name: Anna Godkänd
    account: {account}
"""

REPO_NAME = "vgr/rutiner"
PR = 7


class Git:
    """A content root in a git repository of its own, committed with fixed dates."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = make_root(tmp_path)
        self.day = 0
        self("init", "-q", "-b", "main")
        self.write("t1.md", version="1.0")
        self.people()
        self.commit("Första versionen")
        self("update-ref", "refs/remotes/origin/main", "HEAD")
        self.base = self.sha()
        self("checkout", "-q", "-b", "andring")

    def __call__(self, *args: str) -> str:
        day = f"2026-03-{1 + self.day:02d}T10:00:00+01:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": day, "GIT_COMMITTER_DATE": day, "GIT_AUTHOR_NAME": "Olle Ägare",
               "GIT_AUTHOR_EMAIL": "olle@example.se", "GIT_COMMITTER_NAME": "Olle Ägare",
               "GIT_COMMITTER_EMAIL": "olle@example.se", "GIT_CONFIG_GLOBAL": os.devnull,
               "GIT_CONFIG_NOSYSTEM": "1"}
        done = subprocess.run(["git", *args], cwd=self.root, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    def write(self, name: str, *, version: str, approver: str = "app1", valid_to: str = "2027-12-31",
              body: str = "Text.", rid: str = "T-1") -> None:
        (self.root / "routines" / name).write_text(ROUTINE.format(
            id=rid, version=version, approver=approver, valid_to=valid_to, body=body), encoding="utf-8")

    def people(self, account: str = "Anna-Godkand") -> None:
        (self.root / "routines" / "people.yaml").write_text(PEOPLE.format(account=account), encoding="utf-8")

    def commit(self, message: str) -> str:
        self.day += 1
        self("add", "-A")
        self("commit", "-q", "-m", message)
        return self.sha()

    def sha(self) -> str:
        return self("rev-parse", "HEAD").strip()


class FakeGh:
    def __init__(self, directory: Path, head: str, reviews: list[dict[str, Any]]) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.dir, self.path = directory, directory / "gh"
        self.path.write_text(f"#!{sys.executable}\n{FAKE_GH}", encoding="utf-8")
        self.path.chmod(self.path.stat().st_mode | stat.S_IXUSR)
        state = {"repo": REPO_NAME, "number": PR, "head": head, "reviews": reviews}
        (directory / "gh-state.json").write_text(json.dumps(state), encoding="utf-8")

    def calls(self) -> list[list[str]]:
        return json.loads((self.dir / "gh-calls.json").read_text()) if (self.dir / "gh-calls.json").exists() else []


def review(login: str, state: str, commit: str, at: str = "2026-03-05T09:00:00Z") -> dict[str, Any]:
    return {"user": {"login": login}, "state": state, "commit_id": commit, "submitted_at": at}


@pytest.fixture(autouse=True)
def _outside_a_workflow(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests' own CI must not make these runs look like a pull request's."""
    for name in ("GITHUB_EVENT_PATH", "GITHUB_REF", "GITHUB_BASE_REF", "GITHUB_REPOSITORY"):
        monkeypatch.delenv(name, raising=False)


def approvals(repo: Git, *extra: str, gh: FakeGh | None = None, fmt: str = "json") -> tuple[Result, Any]:
    argv = ["approvals", "--root", str(repo.root), "--format", fmt, *extra]
    if gh is not None:
        argv += ["--gh", str(gh.path), "--pr", str(PR), "--repo", REPO_NAME]
    result = run(*argv)
    return result, json.loads(result.out) if fmt == "json" and result.out else None


def _statuses(payload: Any) -> list[tuple[str, str, str | None]]:
    return [(a["file"], a["status"], a["by"]) for a in payload["approvals"]]


@pytest.fixture
def bumped(tmp_path: Path) -> Git:
    """Version 2.0 of T-1 on a branch, one commit after main."""
    repo = Git(tmp_path)
    repo.write("t1.md", version="2.0", body="Ny text.")
    repo.commit("Version 2.0")
    return repo


def test_approved_by_the_approvers_account_on_the_head_commit(bumped: Git, tmp_path: Path) -> None:
    head = bumped.sha()
    gh = FakeGh(tmp_path / "gh", head, [review("olle-agare", "COMMENTED", head),
                                        review("anna-godkand", "APPROVED", head, "2026-03-06T08:30:00Z"),
                                        review("anna-godkand", "COMMENTED", head)])
    result, payload = approvals(bumped, gh=gh)
    assert result.code == 0, result.err
    (found,) = payload["approvals"]
    assert found == {"file": "routines/t1.md", "routine": "T-1", "version": "2.0",
                     "approver": {"id": "app1", "name": "Anna Godkänd"}, "account": "Anna-Godkand",
                     "status": "approved", "by": "anna-godkand", "at": "2026-03-06T08:30:00Z",
                     "changed": ["version"], "stale": None}
    assert payload["base"] == bumped.base  # the merge base with origin/main
    assert gh.calls() == [["api", f"repos/{REPO_NAME}/pulls/{PR}"],
                          ["api", f"repos/{REPO_NAME}/pulls/{PR}/reviews", "--paginate"]]


def test_not_approved_and_a_later_change_request_undoes_an_approval(bumped: Git, tmp_path: Path) -> None:
    head = bumped.sha()
    result, payload = approvals(bumped, gh=FakeGh(tmp_path / "gh1", head, []))
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "missing", None)])
    undone = [review("anna-godkand", "APPROVED", head), review("anna-godkand", "CHANGES_REQUESTED", head)]
    result, payload = approvals(bumped, gh=FakeGh(tmp_path / "gh2", head, undone))
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "missing", None)])
    text, _ = approvals(bumped, gh=FakeGh(tmp_path / "gh3", head, []), fmt="text")
    assert text.out.splitlines()[1] == (
        "  routines/t1.md: T-1 version 2.0 (new version): not approved by Anna Godkänd (app1), account "
        "Anna-Godkand; ask Anna Godkänd (app1) to review and approve the pull request")
    assert text.out.splitlines()[2] == "0 of 1 routine approved."


def test_approved_by_someone_else_names_both(bumped: Git, tmp_path: Path) -> None:
    head = bumped.sha()
    gh = FakeGh(tmp_path / "gh", head, [review("olle-agare", "APPROVED", head)])
    result, payload = approvals(bumped, gh=gh)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "approved-by-other", "olle-agare")])
    swedish = run("approvals", "--root", str(bumped.root), "--gh", str(gh.path), "--pr", str(PR),
                  "--repo", REPO_NAME, "--lang", "sv")
    assert ("routines/t1.md: T-1 version 2.0 (ny version): godkänd av olle-agare, men det är godkännaren "
            "Anna Godkänd (app1), konto Anna-Godkand som ska godkänna") in swedish.out
    assert swedish.out.startswith(f"Godkännanden i pull request {PR} ({bumped.base[:7]}..{head[:7]}):")


def test_an_approval_of_an_older_commit_does_not_count(bumped: Git, tmp_path: Path) -> None:
    older = bumped.sha()
    bumped.write("t1.md", version="2.0", body="Ändrat efter godkännandet.")
    head = bumped.commit("Ändrat efter godkännandet")
    gh = FakeGh(tmp_path / "gh", head, [review("anna-godkand", "APPROVED", older)])
    result, payload = approvals(bumped, gh=gh)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "missing", None)])
    assert payload["approvals"][0]["stale"] == older
    text, _ = approvals(bumped, gh=gh, fmt="text")
    assert f"approved an older commit ({older[:7]}), not the change as it is now" in text.out


def test_people_yaml_counts_as_it_is_at_the_base(bumped: Git, tmp_path: Path) -> None:
    bumped.people(account="intruder")  # the pull request makes someone else the approver's account
    head = bumped.commit("Byt konto")
    gh = FakeGh(tmp_path / "gh", head, [review("intruder", "APPROVED", head)])
    result, payload = approvals(bumped, gh=gh)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "approved-by-other", "intruder")])
    assert payload["approvals"][0]["account"] == "Anna-Godkand"


def test_an_approver_without_an_account_is_told_to_add_one(tmp_path: Path) -> None:
    repo = Git(tmp_path)
    repo.write("t1.md", version="2.0", approver="app2")
    head = repo.commit("Ny godkännare")
    gh = FakeGh(tmp_path / "gh", head, [review("anna-godkand", "APPROVED", head)])
    result, payload = approvals(repo, gh=gh)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "no-account", "anna-godkand")])
    text, _ = approvals(repo, gh=gh, fmt="text")
    assert "the approver Anna Godkänd (app2) has no account in routines/people.yaml; add account for 'app2'" \
        in text.out


def test_trailer_only_without_a_pull_request(bumped: Git) -> None:
    result, payload = approvals(bumped)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "missing", None)])
    bumped.write("t1.md", version="2.0", body="Godkänd text.")
    bumped.commit("Godkänd\n\nApproved-by: Anna Godkänd <app1>")
    result, payload = approvals(bumped)
    assert result.code == 0
    assert [(a["status"], a["by"], a["at"]) for a in payload["approvals"]] == [
        ("approved", "app1", "2026-03-04T10:00:00+01:00")]
    bumped.write("t1.md", version="2.0", valid_to="2027-06-30")  # changed after the approval
    bumped.commit("Kortare giltighet")
    result, payload = approvals(bumped)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "missing", None)])
    assert payload["approvals"][0]["changed"] == ["version", "valid_to"]
    text, _ = approvals(bumped, fmt="text")
    assert "approver writes the line 'Approved-by: app1' at the end of the change's commit message" in text.out


def test_a_trailer_naming_someone_else_is_approved_by_other(bumped: Git) -> None:
    bumped.write("t1.md", version="2.0", body="Ny text igen.")
    bumped.commit("Ändrat\n\nApproved-by: own1")
    result, payload = approvals(bumped)
    assert (result.code, _statuses(payload)) == (1, [("routines/t1.md", "approved-by-other", "own1")])


def test_a_body_change_alone_needs_no_approval(tmp_path: Path) -> None:
    repo = Git(tmp_path)
    repo.write("t1.md", version="1.0", body="Bara texten ändrad.")
    repo.commit("Text")
    result, payload = approvals(repo)
    assert (result.code, payload["approvals"]) == (0, [])
    text, _ = approvals(repo, fmt="text")
    assert text.out.startswith("No routine is new or has a new version or validity")


def test_a_new_routine_needs_approval(tmp_path: Path) -> None:
    repo = Git(tmp_path)
    repo.write("t2.md", version="1.0", rid="T-2")
    head = repo.commit("Ny rutin")
    gh = FakeGh(tmp_path / "gh", head, [review("Anna-Godkand", "APPROVED", head)])
    result, payload = approvals(repo, gh=gh)
    assert result.code == 0
    assert [(a["file"], a["routine"], a["changed"], a["status"]) for a in payload["approvals"]] == [
        ("routines/t2.md", "T-2", ["new"], "approved")]


def test_the_pull_request_comes_from_the_workflows_event(bumped: Git, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    head = bumped.sha()
    gh = FakeGh(tmp_path / "gh", head, [review("anna-godkand", "APPROVED", head)])
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": PR}}), encoding="utf-8")
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_REPOSITORY", REPO_NAME)
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    result = run("approvals", "--root", str(bumped.root), "--gh", str(gh.path), "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["pull_request"] == PR
    monkeypatch.delenv("GITHUB_EVENT_PATH")
    monkeypatch.setenv("GITHUB_REF", f"refs/pull/{PR}/merge")
    assert run("approvals", "--root", str(bumped.root), "--gh", str(gh.path)).code == 0


def test_what_cannot_be_read_is_exit_2(bumped: Git, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("approvals", "--root", str(bumped.root), "--base", "no-such-branch")
    assert result.code == 2 and "'no-such-branch' is no commit of the repository" in result.err
    gh = FakeGh(tmp_path / "gh", bumped.sha(), [])
    failing = run("approvals", "--root", str(bumped.root), "--gh", str(gh.path), "--pr", "8", "--repo", REPO_NAME)
    assert failing.code == 2 and "HTTP 404" in failing.err
    outside = make_root(tmp_path / "plain")
    assert run("approvals", "--root", str(outside)).code == 2
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    assert "origin/release does not exist" in run("approvals", "--root", str(bumped.root)).err


def test_the_routine_page_shows_who_approved_which_version_and_when(bumped: Git, tmp_path: Path) -> None:
    bumped.write("t1.md", version="2.0", body="Godkänd text.")
    sha = bumped.commit("Godkänd\n\nApproved-by: app1")
    bumped.write("t1.md", version="3.0", body="Tredje versionen.")
    third = bumped.commit("Version 3.0\n\nApproved-by: Olle Ägare (own1)")
    out = tmp_path / "site"
    result = run("build", "--root", str(bumped.root), "--out", str(out), "--today", "2026-06-01", "--no-search")
    assert result.code == 0, result.err
    page = (out / "rutiner" / "T-1.html").read_text(encoding="utf-8")
    assert "<h3>Godkännanden</h3>" in page
    assert f"Version 3.0 godkänd av Olle Ägare den 2026-03-05 <code>{third[:7]}</code>" in page
    assert f"Version 2.0 godkänd av Anna Godkänd den 2026-03-04 <code>{sha[:7]}</code>" in page
    assert page.index("Version 3.0 godkänd") < page.index("Version 2.0 godkänd")  # newest first
