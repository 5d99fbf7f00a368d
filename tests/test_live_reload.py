"""Live reload of ``routines serve`` (issue 19, item 1): the content's changes from inotify, the
new version pushed to open pages as Server-Sent Events, within the server's Host check and
connection limits."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.handbook.live import EVENTS_PATH, MAX_EVENT_STREAMS
from generator.handbook.serve import PreviewServer
from generator.handbook.watch import Changes
from tests.conftest import copy_demo, serving

SU_ROUTINE = "routines/su/1177-e-tjanster-rollbeskrivning.md"


class Stream:
    """A raw connection to the event stream: its status, then its events one by one."""

    def __init__(self, port: int, host: str | None = None) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: {host or f'127.0.0.1:{port}'}\r\n\r\n".encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        self.status = int(head.split()[1])
        self.head = head.decode("latin-1")

    def data(self) -> str:
        """The data of the next message (comments skipped)."""
        return self.event()[1]

    def event(self) -> tuple[str, str]:
        """(kind, data) of the next message: kind ``message`` unless it names another."""
        while True:
            while b"\n\n" not in self.buffer:
                chunk = self.sock.recv(4096)
                assert chunk, "the stream ended"
                self.buffer += chunk
            event, _, self.buffer = self.buffer.partition(b"\n\n")
            lines = event.decode().splitlines()
            kind = next((x.removeprefix("event: ") for x in lines if x.startswith("event: ")), "message")
            for line in lines:
                if line.startswith("data: "):
                    return kind, line.removeprefix("data: ")

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[PreviewServer]:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<html><body><p>Start</p></body></html>", encoding="utf-8")
    httpd = PreviewServer("127.0.0.1", 0, out, io.StringIO(), language="en")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(30)


def test_a_rebuild_is_pushed_to_a_listening_page_at_once(preview: PreviewServer) -> None:
    stream = Stream(preview.server_address[1])
    try:
        assert stream.status == 200 and "text/event-stream" in stream.head
        assert stream.data() == "0"
        started = time.perf_counter()
        threading.Timer(0.05, preview.bump).start()
        assert stream.event() == ("message", "1")
        assert time.perf_counter() - started < 2.0
        threading.Timer(0.05, preview.touch).start()
        assert stream.event() == ("page", "1")
        assert preview.version == 1
    finally:
        stream.close()


def test_the_stream_keeps_the_host_check(preview: PreviewServer) -> None:
    stream = Stream(preview.server_address[1], host=f"evil.example:{preview.server_address[1]}")
    try:
        assert stream.status == 403
    finally:
        stream.close()


def test_streams_beyond_the_limit_are_refused_and_the_rest_still_served(preview: PreviewServer) -> None:
    port = preview.server_address[1]
    streams = [Stream(port) for _ in range(MAX_EVENT_STREAMS)]
    try:
        assert all(s.status == 200 for s in streams)
        extra = Stream(port)
        assert extra.status == 503  # the page's script polls instead
        extra.close()
        with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
            sock.sendall(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
        assert answer.startswith(b"HTTP/1.0 200") and b"<p>Start</p>" in answer
    finally:
        for stream in streams:
            stream.close()


@contextlib.contextmanager
def _watching(root: Path, interval: float) -> Iterator[Changes]:
    """The serve loop's watch of ``root`` (its output ``_site``), stopped after."""
    stop = threading.Event()
    try:
        yield Changes(root, root / "_site", stop, interval=interval)
    finally:
        stop.set()


def _append(root: Path, line: str = "Ny rad.") -> None:
    path = root / SU_ROUTINE
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_changes_come_from_inotify_and_skip_hidden_files_and_the_output(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    with _watching(root, 0.3) as changes:
        assert not changes.polling
        assert not changes.wait()
        (root / "routines" / ".utkast.md.swp").write_text("x", encoding="utf-8")
        (root / "_site").mkdir()
        (root / "_site" / "index.html").write_text("x", encoding="utf-8")
        assert not changes.wait()
        _append(root)
        started = time.perf_counter()
        assert changes.wait()
        assert time.perf_counter() - started < 0.3  # at once, not at the end of the interval
        (root / "routines.toml").write_text('title = "Prov"\n', encoding="utf-8")
        assert changes.wait()


def test_a_linked_folder_makes_the_watch_walk_the_tree(tmp_path: Path) -> None:
    """inotify would follow a link out of the root: the walks of the Watcher are used instead."""
    root = copy_demo(tmp_path)
    os.symlink("/", root / "routines" / "all")
    with _watching(root, 0.1) as changes:
        assert changes.polling
        _append(root)
        assert changes.wait()


def test_an_edit_reaches_a_listening_page(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    with serving(root, root / "_site", start_timeout=60, today=dt.date(2026, 11, 22), interval=0.5,
                 log=io.StringIO()) as url:
        port = urllib.parse.urlsplit(url).port or 0
        stream = Stream(port)
        try:
            first = int(stream.data())
            _append(root, "Sänt till sidan.")
            page = root / "_site" / "rutiner" / "SU9771-677637494-103.html"
            # first the edited page alone, from the kept model; then the rebuild's new version
            assert stream.event() == ("page", str(first))
            assert "Sänt till sidan." in page.read_text(encoding="utf-8")
            assert stream.event() == ("message", str(first + 1))
            assert "Sänt till sidan." in page.read_text(encoding="utf-8")
        finally:
            stream.close()


def test_the_quick_page_of_a_body_edit_is_the_rebuilds_page(tmp_path: Path) -> None:
    from generator.handbook.build import build_site
    from generator.handbook.quick_page import quick_pages

    day = dt.date(2026, 11, 22)
    root, out = copy_demo(tmp_path), tmp_path / "site"
    last = build_site(root, out, day, cache_dir=None, jobs=1, search=False)
    _append(root, "Först på sidan.")
    path = root / SU_ROUTINE
    assert quick_pages(last, out, {str(path)}, day) == ["rutiner/SU9771-677637494-103.html"]
    quick = (out / "rutiner/SU9771-677637494-103.html").read_bytes()
    assert "Först på sidan.".encode() in quick
    clean = tmp_path / "clean"
    build_site(root, clean, day, cache_dir=None, jobs=1, search=False)
    assert quick == (clean / "rutiner/SU9771-677637494-103.html").read_bytes()
    # a front matter edit is the rebuild's to answer
    path.write_text(path.read_text(encoding="utf-8").replace("version: ", "version: 9", 1), encoding="utf-8")
    assert quick_pages(last, out, {str(path)}, day) is None


def test_a_link_put_in_while_watching_makes_the_watch_walk_the_tree(tmp_path: Path) -> None:
    """A folder linked in after the watch began is seen with the change that made it (the quiet
    waits do not walk the tree): from then on the Watcher's walks are used."""
    root = copy_demo(tmp_path)
    with _watching(root, 0.3) as changes:
        assert not changes.polling
        assert not changes.wait()
        os.symlink("/", root / "routines" / "all")
        assert changes.wait()
        assert changes.polling
        _append(root)
        assert changes.wait()
