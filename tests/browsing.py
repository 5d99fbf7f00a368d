"""What the browser tests share: Debian's chromium driven by Playwright, a built site served
on 127.0.0.1, and axe-core. Its fixtures (``browser``, ``page``, ``demo``) reach every test module
through ``pytest_plugins`` in tests/conftest.py.

Set ROUTINES_SKIP_BROWSER=1 to skip the browser tests on a machine without chromium; CI
installs it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SKIP = bool(os.environ.get("ROUTINES_SKIP_BROWSER"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def served(directory: Path) -> Iterator[str]:
    """``directory`` over HTTP on 127.0.0.1; yields the address, stops the server after."""
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def previewing(root: Path, out: Path, today: dt.date, **options: Any) -> Iterator[str]:
    """``routines serve`` of ``root`` into ``out`` in a thread (any free port, quiet); yields its
    address once the site is up, stops it after. ``options`` go to :func:`serve` (``edit``, ``interval``)."""
    from generator.handbook.serve import serve

    stop, ready = threading.Event(), threading.Event()
    urls: list[str] = []

    def on_ready(url: str) -> None:
        urls.append(url)
        ready.set()

    thread = threading.Thread(target=serve, args=(root, out), kwargs={
        "port": 0, "today": today, "interval": 0.2, "on_ready": on_ready, "stop_event": stop, "log": io.StringIO(),
        **options})
    thread.start()
    try:
        assert ready.wait(90), "routines serve did not come up"
        yield urls[0]
    finally:
        stop.set()
        thread.join(30)
    assert not thread.is_alive()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    assert Path(CHROMIUM).exists(), "chromium is missing: apt-get install chromium (or set ROUTINES_SKIP_BROWSER=1)"
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo handbook (built with search) served on 127.0.0.1: its address."""
    from tests.conftest import TODAY, copy_demo, run

    tmp = tmp_path_factory.mktemp("browser")
    root = copy_demo(tmp)
    out = tmp / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY)
    assert result.code == 0, result.err
    with served(out) as url:
        yield url


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


def axe(page: Any, tags: Sequence[str]) -> list[dict[str, Any]]:
    """axe-core's violations on the open page, for the rule ``tags``."""
    from importlib.resources import files

    page.add_script_tag(content=files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags))
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]} for v in result["violations"]]
