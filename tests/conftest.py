"""Shared fixtures: run the CLI in-process, build content roots in tmp_path."""

from __future__ import annotations

import contextlib
import io
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator.cli.app import main

pytest_plugins = ["tests.browsing"]  # the browser fixtures (browser, page, demo) for every test module

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).resolve().parent / "cases"
TODAY = "2026-11-22"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's cache."""
    monkeypatch.setenv("ROUTINES_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line speaks English in tests unless a test says otherwise (``--lang sv``, or
    ``monkeypatch.delenv("ROUTINES_LANG")`` for the Swedish default): most tests read English
    messages; tests/golden holds every command's output in both languages."""
    monkeypatch.setenv("ROUTINES_LANG", "en")


def run(*argv: str, stdin: str | None = None) -> Result:
    """Run ``routines`` in-process and capture what it prints; ``stdin``: the answers to its
    questions (without it, standard input under pytest is no terminal: nothing is asked)."""
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdout=out, stderr=err, stdin=io.StringIO(stdin) if stdin is not None else None)
    return Result(code, out.getvalue(), err.getvalue())


def make_root(tmp_path: Path, case: Path | None = None, *, base: bool = True) -> Path:
    """A content root in tmp_path: the base organisation and catalog, with a case laid over."""
    root = tmp_path / "root"
    if base:
        shutil.copytree(CASES / "_base", root)
    else:
        (root / "routines").mkdir(parents=True)
    if case is not None:
        shutil.copytree(case, root, dirs_exist_ok=True, symlinks=True)
    return root


def copy_demo(tmp_path: Path) -> Path:
    """A copy of the bundled demo content root."""
    root = tmp_path / "demo"
    shutil.copytree(REPO / "routines", root / "routines")
    return root


@contextlib.contextmanager
def serving(root: Path, out: Path, *, start_timeout: float = 120, **options: Any) -> Iterator[str]:
    """``routines serve`` of ``root`` on a free port, in a thread: its address while the block
    runs; stopped after it, and whatever the server raised is raised here."""
    from generator.handbook.serve import serve

    stop, ready = threading.Event(), threading.Event()
    urls: list[str] = []
    errors: list[BaseException] = []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    def target() -> None:
        try:
            serve(root, out, port=0, on_ready=on_ready, stop_event=stop, **options)
        except BaseException as error:  # noqa: BLE001 - raised in the test, not lost in the thread
            errors.append(error)
            ready.set()

    thread = threading.Thread(target=target, name="test-serve")
    thread.start()
    try:
        assert ready.wait(start_timeout), "the server did not start"
        assert not errors, errors
        yield urls[0]
    finally:
        stop.set()
        thread.join(60)
    assert not thread.is_alive(), "the server did not stop"
    assert not errors, errors
