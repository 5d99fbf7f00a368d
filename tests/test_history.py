"""History and change control on a real git repository built in tmp_path."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from generator.content.history import read_history
from tests.conftest import TODAY, copy_demo, run

git = pytest.importorskip("git")
SU = "routines/su/1177-e-tjanster-rollbeskrivning.md"


def _git(root: Path, *args: str, date: str = "2026-01-05T10:00:00+01:00") -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Maria Eriksson",
           "GIT_AUTHOR_EMAIL": "maria@example.se", "GIT_COMMITTER_NAME": "Maria Eriksson",
           "GIT_COMMITTER_EMAIL": "maria@example.se", "PATH": "/usr/bin:/bin", "HOME": str(root)}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = copy_demo(tmp_path)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "routines")
    _git(root, "commit", "-q", "-m", "Första versionen")
    return root


def _edit(root: Path, old: str, new: str, file: str = SU) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _codes(root: Path) -> list[tuple[str, int, str]]:
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    return [(d["file"], d["line"], d["code"]) for d in json.loads(result.out)["diagnostics"]
            if d["code"] in ("changed-without-version", "version-lowered", "valid-from-backwards")]


def test_an_unchanged_repository_has_no_change_control_findings(repo: Path) -> None:
    assert _codes(repo) == []


def test_a_body_change_without_a_new_version_is_a_warning(repo: Path) -> None:
    _edit(repo, "Verksamheten följer upp att rutinen följs.", "Verksamheten följer upp rutinen varje år.")
    assert _codes(repo) == [(SU, 5, "changed-without-version")]  # uncommitted
    _git(repo, "commit", "-q", "-am", "Ändrad uppföljning", date="2026-02-01T10:00:00+01:00")
    assert _codes(repo) == [(SU, 5, "changed-without-version")]  # committed, still no new version
    _edit(repo, 'version: "6.0"', 'version: "6.1"')
    assert _codes(repo) == []  # the new version accompanies the change
    _git(repo, "commit", "-q", "-am", "Version 6.1", date="2026-02-02T10:00:00+01:00")
    assert _codes(repo) == []


def test_a_rules_change_without_a_new_version_is_a_warning(repo: Path) -> None:
    _edit(repo, "      within_vardagar: 2\n", "      within_vardagar: 3\n")
    assert [c for _, _, c in _codes(repo)] == ["changed-without-version"]


def test_metadata_changes_alone_need_no_new_version(repo: Path) -> None:
    _edit(repo, "status: published\n", "status: published\ntags: [rutin]\n")
    assert _codes(repo) == []


def test_a_lowered_version_is_an_error(repo: Path) -> None:
    _edit(repo, 'version: "6.0"', 'version: "5.9"')
    result = run("check", "--root", str(repo), "--today", TODAY)
    assert f"{SU}:5: error[version-lowered] version 5.9 is lower than the earlier version 6.0" in result.out
    assert result.code == 1


def test_valid_from_moved_backwards_is_an_error(repo: Path) -> None:
    _edit(repo, "valid_from: 2025-03-25", "valid_from: 2025-03-01")
    assert (SU, 10, "valid-from-backwards") in _codes(repo)


def test_renames_are_followed(repo: Path) -> None:
    _git(repo, "mv", SU, "routines/su/rollbeskrivning.md")
    _git(repo, "commit", "-q", "-m", "Nytt filnamn", date="2026-03-01T10:00:00+01:00")
    history = read_history(repo)
    commits = history.commits("routines/su/rollbeskrivning.md")
    assert [c.message for c in commits] == ["Nytt filnamn", "Första versionen"]
    assert commits[1].path == SU
    _edit(repo, "Verksamheten följer upp att rutinen följs.", "Något annat.", file="routines/su/rollbeskrivning.md")
    assert _codes(repo) == [("routines/su/rollbeskrivning.md", 5, "changed-without-version")]


def test_history_is_one_walk_and_on_the_routine_page(repo: Path, tmp_path: Path) -> None:
    _edit(repo, 'version: "6.0"', 'version: "6.1"')
    _git(repo, "commit", "-q", "-am", "Version 6.1", date="2026-04-01T10:00:00+02:00")
    out = tmp_path / "site"
    assert run("build", "--root", str(repo), "--out", str(out), "--today", TODAY, "--no-search").code == 0
    page = (out / "rutiner/SU9771-677637494-103.html").read_text(encoding="utf-8")
    assert page.index("Version 6.1") < page.index("Första versionen")
    assert "2026-04-01" in page and "Maria Eriksson" in page


def test_a_shallow_clone_warns_once_and_leaves_history_out(repo: Path, tmp_path: Path) -> None:
    _edit(repo, 'version: "6.0"', 'version: "6.1"')
    _git(repo, "commit", "-q", "-am", "Version 6.1")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True,
                   capture_output=True)
    result = run("check", "--root", str(clone), "--today", TODAY)
    assert result.err.count("routines: warning: the git clone is shallow") == 1 and "Traceback" not in result.err
    assert result.code == 0
    assert read_history(clone).available is False
    out = tmp_path / "site"
    built = run("build", "--root", str(clone), "--out", str(out), "--today", TODAY, "--no-search")
    assert built.code == 0 and built.err.count("routines: warning: the git clone is shallow") == 1


def test_removing_a_review_mark_needs_no_new_version(repo: Path) -> None:
    _edit(repo, "    - id: svarstid\n", "    - id: svarstid\n      review: från importen\n")
    _git(repo, "commit", "-q", "-am", "Importerad regel", date="2026-02-01T10:00:00+01:00")
    _edit(repo, "      review: från importen\n", "")
    assert _codes(repo) == []
