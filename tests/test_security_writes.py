"""Issue 12, item 13: what ``new``, ``renew``, ``import`` and ``export`` write stays inside the
content root, a symbolic link stays one, an interrupted write leaves nothing that lasts, and a
forced import never loses a local edit without a word. Real files, the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import TODAY, copy_demo, run

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
SU_SEED = SEEDS / "000_a33dc2f7b08b9a2d.txt"
SU = "routines/su/1177-e-tjanster-rollbeskrivning.md"
SU_ID = "SU9771-677637494-103"
OWNER = "Anna Andersson, (anna01), Enhetschef"
APPROVER = "Thorsteinn Gunnarsson, (thogu14), Verksamhetschef"
OLD_NS = 1_700_000_000_000_000_000


def _renew(root: Path, *extra: str) -> tuple[int, str, str]:
    result = run("renew", SU_ID, "--root", str(root), "--today", TODAY, "--note", "Ny period.", *extra)
    return result.code, result.out, result.err


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


# -- renew through a symbolic link --------------------------------------------------------------


def test_renewing_a_symlinked_routine_writes_its_target_and_keeps_the_link(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    real = root / "shared"  # inside the root, outside routines/ (so not a second routine)
    real.mkdir()
    target = real / "rollbeskrivning.md"
    (root / SU).rename(target)
    (root / SU).symlink_to("../../shared/rollbeskrivning.md")
    code, _, err = _renew(root)
    assert code == 0, err
    assert (root / SU).is_symlink() and os.readlink(root / SU) == "../../shared/rollbeskrivning.md"
    text = target.read_text(encoding="utf-8")
    assert 'version: "7.0"' in text and "Ny period." in text
    assert not [p for p in (root / "routines").rglob(".*") if p.is_file()]


def test_renewing_a_routine_linked_from_outside_the_root_is_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.move(root / SU, outside / "rollbeskrivning.md")
    (root / SU).symlink_to(outside / "rollbeskrivning.md")
    before = (outside / "rollbeskrivning.md").read_bytes()
    code, _, err = _renew(root)
    assert code == 2 and "Traceback" not in err
    assert (outside / "rollbeskrivning.md").read_bytes() == before
    assert _tree(outside) == {"rollbeskrivning.md": before}
    assert (root / SU).is_symlink()


# -- an interrupted write ------------------------------------------------------------------------


def _left_behind(directory: Path, name: str) -> Path:
    """A 0-byte temporary file exactly as a write_atomically killed before its rename leaves it."""
    fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    os.close(fd)
    os.utime(temp, ns=(OLD_NS, OLD_NS))  # long ago: whoever made it is gone
    return Path(temp)


def test_a_killed_renew_is_reported_by_check_and_cleaned_by_the_next_write(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    stray = _left_behind(root / "routines/su", "1177-e-tjanster-rollbeskrivning.md")
    older = root / "routines/su/.1177-e-tjanster-rollbeskrivning.md.tmp-4242"  # as import used to make them
    older.write_bytes(b"")
    os.utime(older, ns=(OLD_NS, OLD_NS))
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json", "--strict")
    found = [d for d in json.loads(result.out)["diagnostics"] if d["code"] == "stray-temp-file"]
    assert {d["file"] for d in found} == {f"routines/su/{stray.name}", f"routines/su/{older.name}"}
    assert all(d["severity"] == "warning" and "interrupted write" in d["message"] for d in found)
    assert result.code == 1  # a warning: fails with --strict
    code, _, err = _renew(root)
    assert code == 0, err
    assert not stray.exists() and not older.exists()
    result = run("check", "--root", str(root), "--today", TODAY)
    assert "stray-temp-file" not in result.out


def test_a_temporary_file_a_running_write_holds_is_left_alone(tmp_path: Path) -> None:
    fcntl = pytest.importorskip("fcntl")
    root = copy_demo(tmp_path)
    held = _left_behind(root / "routines/su", "other.md")
    with open(held, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        # another process's lock: a file description of its own, as a child would have
        code, _, err = _renew(root)
        assert code == 0, err
        assert held.exists()
    code, _, err = _renew(root, "--version", "8.0")
    assert code == 0, err
    assert not held.exists()


# -- new into a folder that leads out of the root -------------------------------------------------


def test_new_into_a_unit_folder_linked_outside_the_root_is_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("x")
    shutil.rmtree(root / "routines/su-bcc")
    (root / "routines/su-bcc").symlink_to(outside)
    result = run("new", "--root", str(root), "--today", TODAY, "--title", "Handhygien", "--unit", "su-bcc",
                 "--owner", OWNER, "--approver", APPROVER)
    assert result.code == 2 and "outside the content root" in result.err and "Traceback" not in result.err
    assert _tree(outside) == {"keep.txt": b"x"}
    forced = run("new", "--root", str(root), "--today", TODAY, "--title", "Handhygien", "--unit", "su-bcc",
                 "--owner", OWNER, "--approver", APPROVER, "--force")
    assert forced.code == 2 and _tree(outside) == {"keep.txt": b"x"}


def test_new_through_a_link_inside_the_root_writes_there(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines/shared").mkdir()
    os.rename(root / "routines/su-bcc", root / "routines/shared/su-bcc")
    (root / "routines/su-bcc").symlink_to("shared/su-bcc")
    result = run("new", "--root", str(root), "--today", TODAY, "--title", "Handhygien", "--unit", "su-bcc",
                 "--owner", OWNER, "--approver", APPROVER)
    assert result.code == 0, result.err
    assert (root / "routines/shared/su-bcc/handhygien.md").is_file()


# -- import and export ------------------------------------------------------------------------------


def test_import_force_over_an_edited_file_keeps_the_edit(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    path = root / SU
    demo = path.read_text(encoding="utf-8")
    first = run("import", "--root", str(root), "--force", str(SU_SEED))  # the demo file differs (review marks)
    assert first.code in (0, 1), first.err
    assert f"{SU} was replaced; its previous content, which differed, is kept as {SU}.orig" in first.err
    assert (root / f"{SU}.orig").read_text(encoding="utf-8") == demo
    edited = path.read_text(encoding="utf-8").replace("## Syfte", "## Syfte\n\nMin lokala ändring.", 1)
    path.write_text(edited, encoding="utf-8")
    again = run("import", "--root", str(root), "--force", str(SU_SEED), "--format", "json")
    entry = json.loads(again.out)["imports"][0]
    assert entry["status"] == "written" and entry["kept"] == f"{SU}.orig-2"  # the first copy stays
    assert (root / f"{SU}.orig").read_text(encoding="utf-8") == demo
    assert (root / f"{SU}.orig-2").read_text(encoding="utf-8") == edited
    assert "Min lokala ändring." not in path.read_text(encoding="utf-8")
    same = run("import", "--root", str(root), "--force", str(SU_SEED))  # nothing differs: nothing kept
    assert "kept as" not in same.err and not (root / f"{SU}.orig-3").exists()
    assert "stray-file" in run("check", "--root", str(root), "--today", TODAY).out


def test_import_into_a_folder_linked_outside_the_root_is_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(root / "routines/su")
    (root / "routines/su").symlink_to(outside)
    result = run("import", "--root", str(root), str(SU_SEED))
    assert result.code == 2 and "outside the content root" in result.err
    assert _tree(outside) == {}


def test_export_into_a_folder_of_the_root_linked_outside_is_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    (root / "export").symlink_to(outside)
    result = run("export", SU_ID, "--root", str(root), "--out", str(root / "export"))
    assert result.code == 2 and "outside the content root" in result.err
    assert _tree(outside) == {}
    elsewhere = run("export", SU_ID, "--root", str(root), "--out", str(tmp_path / "elsewhere"))
    assert elsewhere.code == 0, elsewhere.err  # a folder outside the root, named as such, is the user's choice
    assert (tmp_path / "elsewhere" / f"{SU_ID}.txt").is_file()
