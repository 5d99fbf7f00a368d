"""Issue 12, item 12: ``routines serve`` against long paths, foreign Host headers and idle
connections. Real servers on free ports, raw sockets: nothing is normalised by a client."""

from __future__ import annotations

import datetime as dt
import io
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.handbook.serve import PreviewServer, split_host
from tests.conftest import copy_demo, serving

TIMEOUT = 15.0
IDLE = 1.0


@dataclass
class Running:
    host: str
    port: int
    log: io.StringIO

    def raw(self, request: bytes) -> bytes:
        """Send ``request`` as is and read until the server closes the connection."""
        with socket.create_connection((self.host, self.port), timeout=TIMEOUT) as conn:
            conn.sendall(request)
            chunks = []
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks)

    def get(self, path: str, host: str | None = "") -> tuple[int, bytes]:
        """GET ``path`` with ``Host: host`` (default: the server's own address; None: no Host)."""
        header = "" if host is None else f"Host: {host or f'127.0.0.1:{self.port}'}\r\n"
        answer = self.raw(f"GET {path} HTTP/1.1\r\n{header}Connection: close\r\n\r\n".encode("latin-1"))
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1."), answer[:200]
        return int(head.split()[1]), body


def _site(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("<html><body><p>Start</p></body></html>", encoding="utf-8")
    return out


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Running]:
    """A PreviewServer of a small site on 127.0.0.1, closing silent connections after IDLE s."""
    log = io.StringIO()
    httpd = PreviewServer("127.0.0.1", 0, _site(tmp_path), log, connection_timeout=IDLE, language="en")
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Running("127.0.0.1", httpd.server_address[1], log)
    finally:
        httpd.shutdown()
        thread.join(TIMEOUT)
        httpd.server_close()


def test_the_site_is_served_for_its_own_address(server: Running) -> None:
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", f"LOCALHOST:{server.port}",
                 f"[::1]:{server.port}"):
        status, body = server.get("/", host)
        assert status == 200, host
        assert b"<p>Start</p>" in body


def test_an_8000_byte_path_is_answered_without_a_traceback(server: Running,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    for path in ("/" + "a" * 8000, "/a" * 4000, "/" + "%61" * 2666):
        status, _ = server.get(path)
        assert status in (404, 414), path[:20]
    assert server.get("/")[0] == 200  # still serving
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + server.log.getvalue()
    assert "File name too long" not in captured.err + server.log.getvalue()


def test_a_file_name_too_long_for_the_file_system_is_404(server: Running,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    for path in ("/" + "b" * 300, "/" + "b" * 300 + "/index.html", "/c/" * 400):
        assert server.get(path)[0] == 404, path[:20]
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("host", ["evil.example:{port}", "evil.example", "127.0.0.1.evil.example:{port}",
                                  "127.0.0.1:{other}", "localhost", "localhost:{port}@evil.example",
                                  "[::1]", "[::1:{port}", "localhost:+{port}", ":{port}", ""])
def test_a_foreign_host_is_refused(server: Running, host: str) -> None:
    other = server.port + 1 if server.port < 65535 else server.port - 1
    status, body = server.get("/", host.format(port=server.port, other=other) or " ")
    assert status == 403
    assert body.startswith(b"Forbidden: this preview answers only requests for http://127.0.0.1:")
    assert b"<p>Start</p>" not in body
    status, body = server.get("/__routines/version", f"evil.example:{server.port}")
    assert status == 403 and body.isascii() and not body.strip().isdigit()


def test_no_host_or_two_hosts_is_refused(server: Running) -> None:
    answer = server.raw(b"GET / HTTP/1.0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.0 403") and b"<p>Start</p>" not in answer
    answer = server.raw(f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nHost: evil.example\r\n"
                        "Connection: close\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.0 403")


def test_refusals_are_short_plain_text(server: Running) -> None:
    answer = server.raw(f"GET / HTTP/1.1\r\nHost: evil.example:{server.port}\r\n\r\n".encode())
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"Content-Type: text/plain; charset=utf-8" in head
    assert b"X-Content-Type-Options: nosniff" in head
    assert len(body) < 200 and body.count(b"\n") == 1
    answer = server.raw(f"HEAD /{'a' * 8000} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n\r\n".encode())
    assert answer.startswith(b"HTTP/1.0 414") and answer.endswith(b"\r\n\r\n")


@pytest.mark.parametrize("sent", [b"", b"GET / HTTP/1.1\r\n", b"GET / HTTP/1.1\r\nHost: 127.0.0.1"])
def test_idle_and_half_open_connections_are_closed(server: Running, sent: bytes) -> None:
    started = time.monotonic()
    with socket.create_connection((server.host, server.port), timeout=TIMEOUT) as conn:
        conn.sendall(sent)
        try:
            leftover = conn.recv(65536)
        except TimeoutError:
            pytest.fail(f"the server kept a silent connection open for {TIMEOUT} s")
    waited = time.monotonic() - started
    assert leftover == b""  # closed, nothing answered
    assert IDLE * 0.8 <= waited < IDLE + 5, waited
    assert "timed out" not in server.log.getvalue()


def test_a_server_on_a_wildcard_address_accepts_ip_addresses_but_not_names(tmp_path: Path) -> None:
    httpd = PreviewServer("0.0.0.0", 0, _site(tmp_path), io.StringIO(), connection_timeout=IDLE)
    port = httpd.server_address[1]
    try:
        assert httpd.host_allowed(f"192.0.2.7:{port}") and httpd.host_allowed(f"[2001:db8::1]:{port}")
        assert httpd.host_allowed(f"0.0.0.0:{port}") and httpd.host_allowed(f"localhost:{port}")
        assert not httpd.host_allowed(f"evil.example:{port}")
        assert not httpd.host_allowed(f"192.0.2.7:{port + 1 if port < 65535 else 1}")
    finally:
        httpd.server_close()


def test_split_host() -> None:
    assert split_host("localhost:8000") == ("localhost", 8000)
    assert split_host("localhost") == ("localhost", 80)
    assert split_host("[::1]:8000") == ("[::1]", 8000)
    assert split_host("[::1]") == ("[::1]", 80)
    for bad in ("", ":8000", "[::1", "localhost:", "localhost:80a", "localhost:٨٠", "a:1:2", "[::1]x",
                "localhost:1234567"):
        assert split_host(bad) is None, bad


def test_serve_uses_the_checks_and_the_timeout(tmp_path: Path) -> None:
    """Through ``serve`` itself: the demo built and served, a foreign Host refused, an idle
    connection closed after the connection timeout given."""
    root = copy_demo(tmp_path)
    with serving(root, root / "_site", today=dt.date(2026, 11, 22), cache_dir=tmp_path / "cache", interval=0.1,
                 log=io.StringIO(), connection_timeout=IDLE) as url:
        port = int(url.rsplit(":", 1)[1].strip("/"))
        running = Running("127.0.0.1", port, io.StringIO())
        assert running.get("/")[0] == 200
        assert running.get("/", f"rebind.evil.example:{port}")[0] == 403
        assert running.get("/" + "x" * 8000)[0] in (404, 414)
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as conn:
            assert conn.recv(1) == b""
        assert time.monotonic() - started < IDLE + 5


def test_open_connections_are_capped(tmp_path: Path) -> None:
    """Beyond ``max_connections`` open at once, a connection is closed at once instead of holding
    a thread; a slot freed is a slot again."""
    httpd = PreviewServer("127.0.0.1", 0, _site(tmp_path), io.StringIO(), connection_timeout=TIMEOUT,
                          max_connections=3)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    port = httpd.server_address[1]
    running = Running("127.0.0.1", port, io.StringIO())
    idle = [socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) for _ in range(3)]
    try:
        time.sleep(0.3)  # the server has taken all three
        with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as extra:
            assert extra.recv(1) == b""  # closed: no fourth thread
        idle.pop().close()
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                assert running.get("/")[0] == 200
                break
            except (AssertionError, ConnectionError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
    finally:
        for conn in idle:
            conn.close()
        httpd.shutdown()
        thread.join(TIMEOUT)
        httpd.server_close()
