"""Failure drills: the build killed mid-way, a full disk, a read-only output, a file deleted during a
build, concurrent builds. The previous site is never left half-written."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CASES, TODAY, make_root

TEMPLATE = (CASES / "valid/minimal/routines/a.md").read_text(encoding="utf-8")
BODY = "\n".join(f"Stycke {i}: ärenden fördelas samma dag och besvaras inom två vardagar." for i in range(60))


def _root(tmp_path: Path, count: int, marker: str = "") -> Path:
    root = make_root(tmp_path)
    for i in range(count):
        text = TEMPLATE.replace("T-1", f"T-{i}") + f"\n{BODY}\n{marker}\n"
        (root / f"routines/r{i:04d}.md").write_text(text, encoding="utf-8")
    return root


def _build_cmd(root: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--root", str(root), "--out", str(out), "--today", TODAY,
            "--no-search", "--no-cache"]


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def _no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr, done.stderr


def _rebuild_started(tmp_path: Path, **popen: Any) -> tuple[Path, Path, dict[str, bytes], subprocess.Popen[Any]]:
    """A built site of 1,500 routines, every routine edited, and a rebuild that has begun writing
    its temporary tree: (root, out, the site before, the running build)."""
    root = _root(tmp_path, 1500)
    out = tmp_path / "site"
    subprocess.run(_build_cmd(root, out), check=True, capture_output=True)
    before = _tree(out)
    for path in (root / "routines").glob("r*.md"):
        path.write_text(path.read_text(encoding="utf-8") + "\nÄndrad.\n", encoding="utf-8")
    process = subprocess.Popen(_build_cmd(root, out), **popen)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".site.tmp-") for p in tmp_path.iterdir()):
        assert time.monotonic() < deadline and process.poll() is None, "the build never started writing"
        time.sleep(0.005)
    return root, out, before, process


def test_a_build_killed_midway_leaves_the_previous_site(tmp_path: Path) -> None:
    root, out, before, process = _rebuild_started(tmp_path, stdout=subprocess.DEVNULL,
                                                  stderr=subprocess.DEVNULL)
    # killed while it renders: once the first page of 1,500 is in its temporary tree (a fixed
    # wait raced the build, which may have reached its commit into the site by then)
    deadline = time.monotonic() + 60
    while not any(tmp_path.glob(".site.tmp-*/rutiner/*.html")):
        assert time.monotonic() < deadline and process.poll() is None, "the build never rendered a page"
        time.sleep(0.002)
    os.killpg(os.getpgid(process.pid), 0)  # still ours
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _tree(out) == before
    done = subprocess.run(_build_cmd(root, out), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Ändrad." in (out / "rutiner/T-7.html").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]  # the killed build's tree is gone


def _limited_write(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_full_disk_gives_a_clear_error_and_no_partial_output(tmp_path: Path) -> None:
    """Files larger than 6 KB cannot be written (RLIMIT_FSIZE), as on a full disk."""
    root = _root(tmp_path, 20)
    out = tmp_path / "site"
    subprocess.run(_build_cmd(root, out), check=True, capture_output=True)
    before = _tree(out)
    (root / "routines/r0003.md").write_text(TEMPLATE.replace("T-1", "T-3") + "\n" + BODY * 3, encoding="utf-8")
    done = subprocess.run(_build_cmd(root, out), capture_output=True, text=True,
                          preexec_fn=lambda: _limited_write(6_000), check=False)
    _no_traceback(done)
    assert done.returncode == 2
    assert "cannot write the handbook" in done.stderr and "the previous site is left as it was" in done.stderr
    assert _tree(out) == before
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_a_read_only_output_directory(tmp_path: Path) -> None:
    root = _root(tmp_path, 3)
    parent = tmp_path / "readonly"
    parent.mkdir()
    mounted = False
    if os.geteuid() == 0:  # root ignores permissions: a read-only file system is the real thing
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(parent)],
                                 capture_output=True, check=False).returncode == 0
        if not mounted:
            pytest.skip("running as root without permission to mount a read-only file system")
    else:
        parent.chmod(0o555)
    try:
        done = subprocess.run(_build_cmd(root, parent / "site"), capture_output=True, text=True, check=False)
        _no_traceback(done)
        assert done.returncode == 2 and "cannot write the handbook" in done.stderr
        assert list(parent.iterdir()) == []
    finally:
        if mounted:
            subprocess.run(["umount", str(parent)], check=False)
        else:
            parent.chmod(0o755)


def test_a_small_full_file_system(tmp_path: Path) -> None:
    """A 64 KB tmpfs (when root may mount one): no space left, a clear error, nothing left behind."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    root = _root(tmp_path, 40)
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)],
                      capture_output=True, check=False).returncode != 0:
        pytest.skip("no permission to mount a tmpfs")
    try:
        done = subprocess.run(_build_cmd(root, disk / "site"), capture_output=True, text=True, check=False)
        _no_traceback(done)
        assert done.returncode == 2
        assert "No space left on device" in done.stderr or "cannot write the handbook" in done.stderr
        assert [p.name for p in disk.iterdir()] in ([], [".site.lock"])
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_a_routine_deleted_during_the_build(tmp_path: Path) -> None:
    root, out, before, process = _rebuild_started(tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                  text=True)
    (root / "routines/r1499.md").unlink()
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr
    if process.returncode == 2:  # caught while rendering: the previous site stays
        assert "changed or disappeared during the build" in stderr
        assert _tree(out) == before
    else:  # the page was rendered before the file went: a complete site
        assert process.returncode == 0
        assert "Ändrad." in (out / "rutiner/T-1499.html").read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_concurrent_builds_on_one_output(tmp_path: Path) -> None:
    root = _root(tmp_path, 300)
    out = tmp_path / "site"
    processes = [subprocess.Popen(_build_cmd(root, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(3)]
    results = [p.communicate(timeout=180) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], [r[1] for r in results]
    clean = tmp_path / "clean"
    subprocess.run(_build_cmd(root, clean), check=True, capture_output=True)
    assert _tree(out) == _tree(clean)
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


