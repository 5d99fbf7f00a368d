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


# Change control reads only the revisions that can change a finding (issue 19, item 5).

def _set(root: Path, version: str, valid_from: str, body: str | None = None) -> None:
    """SU's version and valid_from set (and its last paragraph, when it is ours, made ``body``)."""
    path = root / SU
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines[4], lines[9] = f'version: "{version}"', f"valid_from: {valid_from}"
    if body is not None:
        if lines[-1].startswith("Ändrat: "):
            lines.pop()
        lines.append(f"Ändrat: {body}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _commit(root: Path, message: str, day: int) -> None:
    _git(root, "commit", "-q", "-am", message, date=f"2026-02-{day:02d}T10:00:00+01:00")


def _every_revision(root: Path, cache_dir: Path | None = None) -> tuple[list[tuple[str, int, str]], int]:
    """Change control's findings with the revisions it read from git, and the same findings
    worked out the way it was done before: every revision of the newest 50 read and compared."""
    from generator.content.change_control import MAX_REVISIONS, ChangeControl, _compare
    from generator.content.history import read_blobs
    from generator.content.project import load_project
    from generator.content.revisions import Revision, revision

    project, history = load_project(root), read_history(root)
    control = ChangeControl(history, root, cache_dir)
    found = [(d.file, d.line, d.code) for d in control.check(project.routines)]
    everything = []
    blobs = read_blobs(history, sorted({c.blob for r in project.routines for c in history.commits(r.file)}))
    for routine in project.routines:
        commits = history.commits(routine.file)[:MAX_REVISIONS]
        if not commits or routine.version is None:
            continue
        now = Revision(routine.version, routine.valid_from.isoformat() if routine.valid_from else None,
                       routine.content_digest)
        past = [(c, revision(blobs[c.blob])) for c in commits]
        everything += [(d.file, d.line, d.code) for d in _compare(routine, now, [(c, r) for c, r in past if r])]
    assert found == everything
    return found, control.read


def test_a_version_set_long_ago_reads_only_the_commits_since_and_the_one_before(repo: Path) -> None:
    for n in range(1, 11):  # ten versions, each with its own text and date
        _set(repo, f"6.{n}", f"2025-04-{n:02d}", body=f"version {n}")
        _commit(repo, f"Version 6.{n}", n)
    _set(repo, "6.10", "2025-04-10", body="version 10, rättat stavfel")
    _commit(repo, "Stavfel", 11)  # a text change without a new version
    notes = repo / "anteckningar.txt"
    for n in range(30):  # many later commits touch other files
        notes.write_text(f"Anteckning {n}\n", encoding="utf-8")
        _git(repo, "add", notes.name)
        _commit(repo, f"Anteckning {n}", 12 + n % 15)
    assert len(read_history(repo).commits(SU)) == 12
    found, read = _every_revision(repo)
    assert (SU, 5, "changed-without-version") in found
    # SU: its newest revision is the working file; read: version 6.10's commit and 6.9's before it.
    # Each other routine: its one commit is its working file too; nothing else is read.
    assert read == 2
    assert _codes(repo) == [(f, line, code) for f, line, code in found]


def test_the_walk_goes_on_past_the_version_until_another_valid_from(repo: Path) -> None:
    _set(repo, "6.1", "2025-05-01")
    _commit(repo, "Version 6.1 från maj", 1)
    _set(repo, "6.2", "2025-03-25")  # a new version, moved back to before the one it replaces
    _commit(repo, "Version 6.2", 2)
    _set(repo, "6.3", "2025-03-25")  # and another, with the same date
    _commit(repo, "Version 6.3", 3)
    found, read = _every_revision(repo)
    assert (SU, 10, "valid-from-backwards") in found
    assert read == 2  # 6.2 (another version, the same date), then 6.1 (another date): not 6.0
    result = run("check", "--root", str(repo), "--today", TODAY)
    assert f"{SU}:10: error[valid-from-backwards]" in result.out and "2025-05-01" in result.out


def test_a_working_file_that_differs_from_its_commit_reads_that_commit(repo: Path) -> None:
    _set(repo, "6.1", "2025-04-01", body="ny text")
    _commit(repo, "Version 6.1", 1)
    _set(repo, "6.0", "2025-04-01")  # lowered, not committed
    found, read = _every_revision(repo)
    assert (SU, 5, "version-lowered") in found
    assert read == 2  # the committed 6.1 (another version, but today's date), then 6.0 (another date)


def test_a_routine_is_loaded_with_the_blob_id_git_gives_its_file(repo: Path, tmp_path: Path) -> None:
    """What lets change control take the newest commit from the loaded routine without reading
    the file again: its blob id, from the bytes read (and kept in the cache with the rest)."""
    from generator.content.project import load_project

    committed = subprocess.run(["git", "rev-parse", f"HEAD:{SU}"], cwd=repo, capture_output=True, text=True,
                               check=True).stdout.strip()
    cache = tmp_path / "cache"
    for _ in range(2):  # read, then from the cache
        routine = next(r for r in load_project(repo, cache_dir=cache).routines if r.file == SU)
        assert routine.blob == committed
    _edit(repo, "Verksamheten följer upp att rutinen följs.", "Något annat.")
    routine = next(r for r in load_project(repo, cache_dir=cache).routines if r.file == SU)
    assert routine.blob != committed and len(routine.blob) == 40


def test_a_valid_from_as_a_week_date_reads_the_newest_commit(repo: Path) -> None:
    """The loaded date of ``2025-W13-2`` is not the revision's text: its commit is read."""
    from generator.content.project import load_project

    _edit(repo, "valid_from: 2025-03-25", "valid_from: 2025-W13-2")
    _commit(repo, "Veckodatum", 1)
    assert next(r for r in load_project(repo).routines if r.file == SU).blob == ""
    found, read = _every_revision(repo)
    assert read == 2  # the newest (the week date) and the first version (another date)
    assert _codes(repo) == [(f, line, code) for f, line, code in found]


def test_an_unreadable_revision_is_skipped_and_the_walk_goes_on(repo: Path) -> None:
    _set(repo, "6.1", "2025-04-01", body="ny text")
    _commit(repo, "Version 6.1", 1)
    path = repo / SU
    good = path.read_bytes()
    path.write_bytes(good.replace(b"applies_to: [su]", b"applies_to: [su", 1))  # broken YAML
    _commit(repo, "Trasig", 2)
    path.write_bytes(good.replace(b"ny text", b"annan text", 1))
    _commit(repo, "Rättad", 3)
    found, read = _every_revision(repo)
    assert (SU, 5, "changed-without-version") in found  # 6.1 was set with another text
    assert read == 3  # the broken one, 6.1's, and 6.0's before it


def test_a_second_run_reads_no_revision_from_git(repo: Path, tmp_path: Path) -> None:
    for n in range(1, 4):
        _set(repo, "6.0", "2025-03-25", body=f"ändring {n}")
        _commit(repo, f"Ändring {n}", n)
    _set(repo, "6.0", "2025-03-25", body="ej incheckad")
    cache = tmp_path / "cache"
    first, read = _every_revision(repo, cache)
    assert read == 4 and (SU, 5, "changed-without-version") in first  # no other version: every commit
    again, read = _every_revision(repo, cache)
    assert again == first and read == 0


def test_revisions_parsed_by_worker_processes_give_the_same_findings(repo: Path) -> None:
    from generator.content.change_control import ChangeControl
    from generator.content.project import load_project

    for n in range(1, 6):
        _set(repo, "6.0" if n % 2 else f"6.{n}", f"2025-04-{n:02d}", body=f"ändring {n}")
        _commit(repo, f"Ändring {n}", n)
    _set(repo, "6.4", "2025-03-01", body="ej incheckad")
    project, history = load_project(repo), read_history(repo)
    alone = ChangeControl(history, repo, jobs=1)
    shared = ChangeControl(history, repo, jobs=2, parallel_from=1)
    found = [(d.file, d.line, d.code) for d in alone.check(project.routines)]
    assert found == [(d.file, d.line, d.code) for d in shared.check(project.routines)]
    assert (SU, 10, "valid-from-backwards") in found and shared.read == alone.read > 0


def _walked(root: Path, split_from: int, *, pathspec: bool = False) -> dict[str, list[tuple[str, ...]]]:
    history = read_history(root, split_from=split_from, pathspec=pathspec)
    assert history.warning is None
    return {file: [(c.sha, c.date, c.message, c.path, c.blob) for c in commits]
            for file, commits in history.by_file.items()}


def test_a_walk_split_between_two_processes_is_the_walk_of_one(repo: Path) -> None:
    other = "routines/su/rollbeskrivning.md"
    for n in range(1, 4):
        _set(repo, f"6.{n}", f"2025-04-{n:02d}", body=f"ändring {n}")
        _commit(repo, f"Version 6.{n}", n)
    _git(repo, "checkout", "-q", "-b", "sidan")
    _edit(repo, "Verksamheten följer upp att rutinen följs.", "Uppföljning på sidogren.")
    _commit(repo, "På sidogrenen", 10)
    _git(repo, "checkout", "-q", "main")
    _set(repo, "6.4", "2025-04-04")
    _commit(repo, "Version 6.4", 11)
    _git(repo, "merge", "-q", "--no-ff", "-m", "Sidogrenen in", "sidan", date="2026-02-12T10:00:00+01:00")
    _git(repo, "mv", SU, other)
    _git(repo, "commit", "-q", "-m", "Nytt filnamn", date="2026-02-13T10:00:00+01:00")
    _edit(repo, 'version: "6.4"', 'version: "6.5"', file=other)
    _commit(repo, "Version 6.5", 14)
    whole = _walked(repo, 10**6)
    assert [c[2] for c in whole[other]] == ["Version 6.5", "Nytt filnamn", "Version 6.4", "På sidogrenen",
                                            "Version 6.3", "Version 6.2", "Version 6.1", "Första versionen"]
    assert whole[other][-1][3] == SU  # the first commit by the file's name then
    for split_from in (1, 2, 5):
        assert _walked(repo, split_from) == whole


def test_a_history_with_merges_is_the_walk_git_simplifies(repo: Path) -> None:
    """A merge that took the side branch's routines whole: git's history of the file leaves out
    the main line's change the merge dropped, and so does the walk, long as the history is (a
    walk split below the merge would show that change)."""
    _git(repo, "checkout", "-q", "-b", "sidan")
    _set(repo, "6.1", "2025-04-01", body="sidans ändring")
    _commit(repo, "På sidogrenen", 1)
    _git(repo, "checkout", "-q", "main")
    _set(repo, "6.1", "2025-04-01", body="huvudgrenens ändring")
    _commit(repo, "På huvudgrenen", 2)
    for n in range(3, 8):
        (repo / "LÄSMIG.txt").write_text(f"{n}\n", encoding="utf-8")
        _git(repo, "add", "LÄSMIG.txt")
        _commit(repo, f"Läsmig {n}", n)
    _git(repo, "merge", "-q", "--no-ff", "-X", "theirs", "-m", "Ihop", "sidan", date="2026-02-09T10:00:00+01:00")
    shown = subprocess.run(["git", "log", "--format=%s", "--", "routines"], cwd=repo, capture_output=True,
                           text=True, check=True).stdout.split("\n")[:-1]
    assert "På huvudgrenen" not in shown and "På sidogrenen" in shown
    for split_from in (1, 10**6):
        assert [c[2] for c in _walked(repo, split_from)[SU]] == [m for m in shown if m != "Ihop"]


def test_a_walk_without_a_pathspec_is_the_walk_with_one(repo: Path) -> None:
    """Without merges git walks all paths (faster) and the others are passed over; a commit whose
    renames git could pair otherwise when it sees only the routines sends the walk back to the
    pathspec. Each step: the same commits as with the pathspec, split or not."""
    from generator.content.git_log import _Narrower, _walk

    def same(*, narrower: bool) -> None:
        for split_from in (1, 10**6):
            assert _walked(repo, split_from) == _walked(repo, split_from, pathspec=True)
        gitrepo = git.Repo(repo)
        if narrower:
            with pytest.raises(_Narrower):
                _walk(gitrepo, "", None, pathless=True)
        else:
            assert _walk(gitrepo, "", None, pathless=True) == _walk(gitrepo, "", None, pathless=False)

    (repo / "bilagor").mkdir()
    (repo / "bilagor" / "blankett.txt").write_text("Blankett\n", encoding="utf-8")
    new = "routines/su/ny-rutin.md"
    (repo / new).write_text((repo / SU).read_text(encoding="utf-8").replace("Rollbeskrivning", "Ny"), encoding="utf-8")
    _git(repo, "add", "-A")
    _commit(repo, "Ny rutin med bilaga", 1)  # routines and other files added: nothing to pair otherwise
    (repo / "LÄSMIG.txt").write_text("Om rutinerna\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _commit(repo, "Läsmig", 2)  # no routine at all
    _set(repo, "6.1", "2025-04-01", body="ny text")
    _commit(repo, "Version 6.1", 3)
    same(narrower=False)
    _git(repo, "mv", new, "routines/su/omdopt.md")
    (repo / "bilagor" / "blankett.txt").unlink()
    _git(repo, "add", "-A")
    _commit(repo, "Omdöpt, bilagan borttagen", 4)  # a routine renamed and another file removed
    same(narrower=True)


def test_a_routine_moved_across_the_folder_s_edge_walks_with_the_pathspec(repo: Path) -> None:
    from generator.content.git_log import _Narrower, _walk

    (repo / "arkiv").mkdir()
    _git(repo, "mv", SU, "arkiv/rollbeskrivning.md")
    _commit(repo, "Arkiverad", 1)
    with pytest.raises(_Narrower):
        _walk(git.Repo(repo), "", None, pathless=True)
    assert _walked(repo, 10**6) == _walked(repo, 10**6, pathspec=True)
    _git(repo, "mv", "arkiv/rollbeskrivning.md", SU)
    _commit(repo, "Tillbaka", 2)
    assert _walked(repo, 1) == _walked(repo, 1, pathspec=True)
    assert [c[2] for c in _walked(repo, 1)[SU]] == ["Tillbaka", "Första versionen"]


def test_workers_look_in_the_cache_and_what_they_found_there_is_kept(repo: Path, tmp_path: Path) -> None:
    """A run with workers after a new commit: they take the older revisions from the cache, the
    new one from git, and the cache written after keeps both (a third run reads nothing)."""
    from generator.content.change_control import ChangeControl
    from generator.content.project import load_project

    cache = tmp_path / "cache"
    for n in range(1, 4):
        _set(repo, "6.0", "2025-03-25", body=f"ändring {n}")
        _commit(repo, f"Ändring {n}", n)

    def control(jobs: int) -> tuple[list[tuple[str, int, str]], int]:
        project, history = load_project(repo), read_history(repo)
        checked = ChangeControl(history, repo, cache, jobs=jobs, parallel_from=1)
        return [(d.file, d.line, d.code) for d in checked.check(project.routines)], checked.read

    first, read = control(1)
    assert read == 3  # no other version: every commit before the newest
    _set(repo, "6.0", "2025-03-25", body="ändring 4")
    _commit(repo, "Ändring 4", 4)
    _set(repo, "6.0", "2025-03-25", body="ej incheckad")
    second, read = control(2)
    assert read == 1 and second == first  # the commit now second newest; the rest from the cache
    assert control(2) == (second, 0)


@pytest.mark.parametrize("split_from", [1, 10**6])
def test_a_walk_that_git_cannot_finish_is_a_warning_not_a_traceback(repo: Path, split_from: int) -> None:
    _set(repo, "6.1", "2025-04-01", body="ny text")
    _commit(repo, "Version 6.1", 1)
    first = subprocess.run(["git", "rev-list", "--max-parents=0", "HEAD"], cwd=repo, capture_output=True,
                           text=True, check=True).stdout.strip()
    tree = subprocess.run(["git", "rev-parse", f"{first}:routines/su"], cwd=repo, capture_output=True,
                          text=True, check=True).stdout.strip()
    (repo / ".git" / "objects" / tree[:2] / tree[2:]).unlink()  # the first commit's tree is gone
    history = read_history(repo, split_from=split_from)
    assert history.warning is not None and history.by_file == {}
    result = run("check", "--root", str(repo), "--today", TODAY)
    assert "routines: warning: " in result.err and "Traceback" not in result.err


def test_blobs_stream_from_one_git_process_round_after_round(repo: Path) -> None:
    """Many large revisions (more than the pipes hold), a tree and an id that is nowhere:
    the blobs' bytes as git has them, in the order asked, the others left out, in two rounds."""
    from generator.content.history import BlobStream

    big = repo / "routines" / "stor.md"
    blobs = []
    for n in range(40):
        big.write_bytes(b"---\nid: X\n---\n" + f"rad {n}\n".encode() * 20_000)
        _git(repo, "add", str(big.relative_to(repo)))
        blobs.append(subprocess.run(["git", "hash-object", "-w", str(big)], cwd=repo, capture_output=True,
                                    text=True, check=True).stdout.strip())
    tree = subprocess.run(["git", "write-tree"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
    asked = [*blobs[:20], tree, "0" * 40, *blobs[20:]]
    with BlobStream(read_history(repo)) as stream:
        first = list(stream.read(asked[:21]))
        second = list(stream.read(asked[21:]))
        process = stream.process
    assert [b for b, _ in first + second] == blobs
    for blob, data in first + second:
        assert data == subprocess.run(["git", "cat-file", "blob", blob], cwd=repo, capture_output=True,
                                      check=True).stdout
    assert process.proc.returncode == 0  # one process for both rounds, ended when the stream closed

    with BlobStream(read_history(repo)) as stream:  # a reader that stops early: nobody waits for ever
        for _ in stream.read(asked * 100):  # more questions than a pipe holds
            break
        assert stream.process is None
        assert [b for b, _ in stream.read(blobs[:2])] == blobs[:2]
