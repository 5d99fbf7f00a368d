"""Issue 12, item 9: a damaged or forged cache is a miss, never a crash and never a clean bill.

Each test runs a real ``check`` into a cache directory in tmp_path, corrupts the files that run
wrote, and runs ``check`` again: the output must be that of a run without the cache. Every
corruption is tried twice: written over the file as it is (its digest no longer matches), and
signed again with the cache directory's own key, as if this program had written it (so the
shape checks are what stands between the entry and the checks).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.content import cache as cache_module
from tests.conftest import CASES, TODAY, make_root, run

OLD_NS = 1_700_000_000_000_000_000
"""An mtime long before the cache is written: the cached run takes the stat path (no hashing)."""


def _root(tmp_path: Path) -> Path:
    root = make_root(tmp_path, CASES / "invalid/links")
    shutil.copy(CASES / "invalid/schema/routines/a.md", root / "routines/schema.md")
    shutil.copy(CASES / "invalid/impossible-date/routines/a.md", root / "routines/date.md")
    for path in (root / "routines").rglob("*"):
        os.utime(path, ns=(OLD_NS, OLD_NS))
    return root


def _check(root: Path, cache_dir: Path) -> tuple[int, str]:
    result = run("check", "--root", str(root), "--today", TODAY, "--cache-dir", str(cache_dir))
    assert "Traceback" not in result.err
    return result.code, result.out


def _folder(cache_dir: Path, stage: str = "check") -> Path:
    folders = list(cache_dir.glob(f"{stage}-*"))
    assert len(folders) == 1
    return folders[0]


def _read(path: Path) -> Any:
    head, _, body = path.read_bytes().partition(b"\n")
    assert head.startswith(b"routines-cache-1 ")
    return json.loads(body)


def _write(path: Path, payload: Any, *, signed: bool) -> None:
    if signed:
        secret = (path.parent.parent / cache_module.KEY_FILE).read_bytes()
        cache_module._write_json(path, payload, secret)
    else:
        head = path.read_bytes().partition(b"\n")[0]
        path.write_bytes(head + b"\n" + json.dumps(payload).encode())


def _entry_shard(folder: Path, file: str) -> tuple[Path, str]:
    for shard in folder.glob("shard-*.json"):
        for key, value in _read(shard).items():
            if isinstance(value, dict) and value.get("file") == file:
                return shard, key
    raise AssertionError(f"no cached entry for {file}")


def _set(field: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(entry: dict[str, Any]) -> Any:
        entry[field] = value
        return entry
    return change


def _drop(field: str) -> Callable[[dict[str, Any]], Any]:
    def change(entry: dict[str, Any]) -> Any:
        del entry[field]
        return entry
    return change


def _empty_findings(entry: dict[str, Any]) -> Any:
    entry["diagnostics"], entry["invalid"], entry["links"] = [], [], []
    return entry


ENTRY_DAMAGE: dict[str, Callable[[dict[str, Any]], Any]] = {
    "null entry": lambda entry: None,
    "entry is a number": lambda entry: 5,
    "entry is a list": lambda entry: [entry],
    "lines is text": _set("lines", "x"),
    "a line is text": _set("lines", {"/id": "2"}),
    "data is a list": _set("data", ["id"]),
    "diagnostics is a mapping": _set("diagnostics", {"a": 1}),
    "a diagnostic is null": _set("diagnostics", [None]),
    "a diagnostic lacks its message": _set("diagnostics", [{"file": "routines/schema.md", "line": 1,
                                                             "severity": "error", "code": "schema"}]),
    "a diagnostic with an unknown severity": _set("diagnostics", [{
        "file": "routines/schema.md", "line": 1, "severity": "fatal", "code": "schema", "message": "m"}]),
    "a link is short": _set("links", [["x", 1]]),
    "body_line is null": _set("body_line", None),
    "missing diagnostics": _drop("diagnostics"),
    "missing data": _drop("data"),
    "missing file": _drop("file"),
    "another file's name": _set("file", "routines/b.md"),
    "emptied diagnostics": _empty_findings,
}


@pytest.mark.parametrize("signed", [False, True], ids=["damaged", "re-signed"])
@pytest.mark.parametrize("damage", list(ENTRY_DAMAGE), ids=list(ENTRY_DAMAGE))
@pytest.mark.parametrize("file", ["routines/schema.md", "routines/date.md", "routines/a.md"])
def test_a_damaged_entry_is_a_miss(tmp_path: Path, file: str, damage: str, signed: bool) -> None:
    if signed and damage == "emptied diagnostics":
        pytest.skip("whoever holds the key can sign anything; without it (below) this is a miss")
    root, cache_dir = _root(tmp_path), tmp_path / "cache"
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    assert fresh.code == 1 and "error[schema]" in fresh.out and "error[date]" in fresh.out \
        and "error[unsafe-link]" in fresh.out
    assert _check(root, cache_dir) == (1, fresh.out)
    shard, key = _entry_shard(_folder(cache_dir), file)
    entries = _read(shard)
    entries[key] = ENTRY_DAMAGE[damage](entries[key])
    _write(shard, entries, signed=signed)
    assert _check(root, cache_dir) == (1, fresh.out)
    assert _check(root, cache_dir) == (1, fresh.out)  # and the cache it wrote again is right


META_DAMAGE: dict[str, Callable[[dict[str, Any]], Any]] = {
    "meta is null": lambda meta: None,
    "stats is a list": _set("stats", [["routines/a.md", 1, 2, 3, "k"]]),
    "stats is null": _set("stats", None),
    "a stat is a list of text": lambda meta: {**meta, "stats": {f: ["1", "2", "3", "4"] for f in meta["stats"]}},
    "a stat is null": lambda meta: {**meta, "stats": dict.fromkeys(meta["stats"])},
    "a stat names another file's entry": lambda meta: {**meta, "stats": {
        f: [*s[:3], meta["stats"]["routines/b.md"][3]] for f, s in meta["stats"].items()}},
    "written_ns is text": _set("written_ns", "1"),
    "written_ns is far ahead": _set("written_ns", 10 ** 30),
    "missing stats": _drop("stats"),
}


@pytest.mark.parametrize("signed", [False, True], ids=["damaged", "re-signed"])
@pytest.mark.parametrize("damage", list(META_DAMAGE), ids=list(META_DAMAGE))
def test_a_damaged_meta_file_is_a_miss(tmp_path: Path, damage: str, signed: bool) -> None:
    root, cache_dir = _root(tmp_path), tmp_path / "cache"
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    assert _check(root, cache_dir) == (1, fresh.out)
    meta = _folder(cache_dir) / "meta.json"
    _write(meta, META_DAMAGE[damage](_read(meta)), signed=signed)
    assert _check(root, cache_dir) == (1, fresh.out)
    assert _check(root, cache_dir) == (1, fresh.out)


def test_entries_with_emptied_diagnostics_never_give_a_clean_bill(tmp_path: Path) -> None:
    """Every routine's findings emptied, written by someone without the key: nothing is hidden."""
    root, cache_dir = _root(tmp_path), tmp_path / "cache"
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    _check(root, cache_dir)
    for shard in _folder(cache_dir).glob("shard-*.json"):
        entries = {k: _empty_findings(v) for k, v in _read(shard).items()}
        body = json.dumps(entries).encode()
        # a digest computed as well as an outsider can: without the key
        forged = cache_module.hashlib.blake2b(body, digest_size=32).hexdigest().encode()
        shard.write_bytes(b"routines-cache-1 " + forged + b"\n" + body)
    assert _check(root, cache_dir) == (1, fresh.out)


def test_unreadable_shards_and_a_missing_key(tmp_path: Path) -> None:
    root, cache_dir = _root(tmp_path), tmp_path / "cache"
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    _check(root, cache_dir)
    folder = _folder(cache_dir)
    shards = sorted(folder.glob("shard-*.json"))
    shards[0].write_bytes(b"")
    shards[1].write_bytes(b"\xff\xfe not json")
    assert _check(root, cache_dir) == (1, fresh.out)
    (cache_dir / cache_module.KEY_FILE).unlink()  # a cache whose key is gone: nothing of it is trusted
    assert _check(root, cache_dir) == (1, fresh.out)
    assert len((cache_dir / cache_module.KEY_FILE).read_bytes()) == 32
    assert _check(root, cache_dir) == (1, fresh.out)


def test_a_key_others_can_write_is_not_trusted(tmp_path: Path) -> None:
    root, cache_dir = _root(tmp_path), tmp_path / "cache"
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    _check(root, cache_dir)
    shard, key = _entry_shard(_folder(cache_dir), "routines/schema.md")
    entries = _read(shard)
    entries[key] = _empty_findings(entries[key])
    _write(shard, entries, signed=True)
    os.chmod(cache_dir / cache_module.KEY_FILE, 0o666)
    assert _check(root, cache_dir) == (1, fresh.out)


def _git(root: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "Maria Eriksson", "GIT_AUTHOR_EMAIL": "maria@example.se",
           "GIT_COMMITTER_NAME": "Maria Eriksson", "GIT_COMMITTER_EMAIL": "maria@example.se",
           "GIT_AUTHOR_DATE": "2026-01-05T10:00:00+01:00", "GIT_COMMITTER_DATE": "2026-01-05T10:00:00+01:00",
           "PATH": "/usr/bin:/bin", "HOME": str(root)}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_a_cache_committed_to_the_repository_is_refused(tmp_path: Path) -> None:
    """A pull request that adds a cache directory, key and all, hides nothing."""
    root, elsewhere = _root(tmp_path), tmp_path / "cache"
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    _check(root, elsewhere)
    for shard in _folder(elsewhere).glob("shard-*.json"):  # every finding emptied, properly signed
        entries = {k: {**v, "diagnostics": []} if "file" in v else v for k, v in _read(shard).items()}
        _write(shard, entries, signed=True)
    assert "error[schema]" not in _check(root, elsewhere)[1]  # the forgery works where the key is ours ...
    shipped = root / ".routines-cache"
    shutil.copytree(elsewhere, shipped)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-f", ".")
    _git(root, "commit", "-q", "-m", "Lägg till cache")
    before = {p: p.read_bytes() for p in shipped.rglob("*") if p.is_file()}
    code, out = _check(root, shipped)  # ... but not from inside the repository
    assert code == 1
    assert "info[cache-refused]" in out and "inside the content root" in out
    assert [line for line in out.splitlines() if "cache-refused" not in line] == fresh.out.splitlines()
    assert {p: p.read_bytes() for p in shipped.rglob("*") if p.is_file()} == before  # nothing written
    root_in_repo = tmp_path / "repo"
    shutil.copytree(root, root_in_repo / "docs")
    shutil.rmtree(root_in_repo / "docs/.git")
    shutil.copytree(elsewhere, root_in_repo / "cache")  # inside the work tree, outside the content root
    _git(root_in_repo, "init", "-q", "-b", "main")
    code, out = _check(root_in_repo / "docs", root_in_repo / "cache")
    assert code == 1 and "inside the git work tree of the content root" in out


def test_damaged_history_and_revision_caches_are_misses(tmp_path: Path) -> None:
    root, cache_dir = _root(tmp_path), tmp_path / "cache"
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "routines")
    _git(root, "commit", "-q", "-m", "Första versionen")
    fresh = run("check", "--root", str(root), "--today", TODAY, "--no-cache")
    assert _check(root, cache_dir) == (1, fresh.out)
    for stage, bad in (("history", {"routines/a.md": [["sha", "date"]]}), ("revisions", None)):
        for shard in _folder(cache_dir, stage).glob("shard-*.json"):
            entries = _read(shard)
            _write(shard, {k: bad if bad is not None else [1, 2, 3] for k in entries}, signed=True)
    assert _check(root, cache_dir) == (1, fresh.out)
    for stage in ("history", "revisions"):
        for shard in _folder(cache_dir, stage).glob("shard-*.json"):
            _write(shard, dict.fromkeys(_read(shard)), signed=False)
    assert _check(root, cache_dir) == (1, fresh.out)
