"""Bad input that cannot live in a case directory: huge files, symlink loops, odd roots.

Every one ends in a located diagnostic, never a traceback, and the other files are still checked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from tests.conftest import CASES, TODAY, make_root, run

GOOD = (CASES / "valid/minimal/routines/a.md").read_text(encoding="utf-8")


def _check(root: Path, *extra: str) -> tuple[int, list[dict]]:
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json", *extra)
    assert "Traceback" not in result.err
    return result.code, json.loads(result.out)["diagnostics"]


def _with_neighbour(tmp_path: Path) -> Path:
    """A root with one routine that has a finding of its own, to prove it is still checked."""
    root = make_root(tmp_path)
    (root / "routines/neighbour.md").write_text(GOOD.replace("[vht]", "[okand]"), encoding="utf-8")
    return root


def _neighbour_checked(diags: list[dict]) -> bool:
    return any(d["file"] == "routines/neighbour.md" and d["code"] == "unknown-unit" for d in diags)


def test_a_50_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    root = _with_neighbour(tmp_path)
    with (root / "routines/huge.md").open("wb") as handle:
        handle.write(GOOD.encode())
        handle.truncate(50 * 1024 * 1024)
    code, diags = _check(root)
    huge = [d for d in diags if d["file"] == "routines/huge.md"]
    assert [(d["code"], d["line"]) for d in huge] == [("too-large", 1)]
    assert "50.0 MB" in huge[0]["message"]
    assert code == 1 and _neighbour_checked(diags)


def test_a_file_symlink_loop(tmp_path: Path) -> None:
    root = _with_neighbour(tmp_path)
    os.symlink("loop-b.md", root / "routines/loop-a.md")
    os.symlink("loop-a.md", root / "routines/loop-b.md")
    code, diags = _check(root)
    loops = [d for d in diags if d["file"].startswith("routines/loop-")]
    assert {d["file"] for d in loops} == {"routines/loop-a.md", "routines/loop-b.md"}
    assert all(d["code"] == "unreadable" and "symbolic link loop" in d["message"] for d in loops)
    assert code == 1 and _neighbour_checked(diags)


def test_a_directory_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    root = _with_neighbour(tmp_path)
    (root / "routines/sub").mkdir()
    (root / "routines/sub/b.md").write_text(GOOD.replace("T-1", "T-2"), encoding="utf-8")
    os.symlink("..", root / "routines/sub/up")
    _, diags = _check(root)
    loops = [d for d in diags if d["code"] == "symlink-loop"]
    assert [d["file"] for d in loops] == ["routines/sub/up"]
    assert loops[0]["severity"] == "warning"
    assert not [d for d in diags if d["code"] == "duplicate-id"]  # nothing read twice
    assert _neighbour_checked(diags)


def test_a_dangling_symlink(tmp_path: Path) -> None:
    root = _with_neighbour(tmp_path)
    os.symlink("gone.md", root / "routines/dangling.md")
    _, diags = _check(root)
    assert [(d["file"], d["code"]) for d in diags if d["file"] == "routines/dangling.md"] == [
        ("routines/dangling.md", "unreadable")]


def test_an_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        import pytest
        pytest.skip("root can read every file")
    root = _with_neighbour(tmp_path)
    path = root / "routines/secret.md"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    _, diags = _check(root)
    assert any(d["file"] == "routines/secret.md" and "permission denied" in d["message"] for d in diags)


def test_a_root_without_routines_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path), "--today", TODAY)
    assert result.code == 2
    assert "has no 'routines/' directory" in result.err
    assert "Traceback" not in result.err


def test_a_bad_today_is_a_usage_error(tmp_path: Path) -> None:
    assert run("check", "--root", str(tmp_path), "--today", "2026-02-30").code == 2


def test_binary_garbage_and_nul_bytes(tmp_path: Path) -> None:
    root = _with_neighbour(tmp_path)
    (root / "routines/nul.md").write_bytes(b"---\nid: x\x00y\n---\n")
    (root / "routines/random.md").write_bytes(bytes(range(256)) * 10)
    code, diags = _check(root)
    by_file = {d["file"]: d for d in diags}
    assert by_file["routines/nul.md"]["code"] == "encoding"
    assert by_file["routines/random.md"]["code"] == "encoding"
    assert code == 1 and _neighbour_checked(diags)


def test_nothing_in_the_root_is_written(tmp_path: Path) -> None:
    root = _with_neighbour(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*")}
    _check(root)
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*")} == before
