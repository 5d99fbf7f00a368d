"""``routines serve``: a local preview of the handbook that rebuilds and reloads on change.

Small pieces, each testable alone:

- :class:`Changes` (:mod:`generator.handbook.watch`) hears of changes under ``routines/`` and
  ``site/`` from the kernel (inotify, through ``watchfiles``; a walk of the tree where a folder
  is a symbolic link) and looks at ``routines.toml``.
- :class:`PreviewServer` serves the output directory over HTTP on one host (127.0.0.1 by
  default). It looks the directory up on every request, because a build may swap a new one
  in. HTML responses get a small live-reload script before ``</body>`` (only in the response:
  the files on disk are exactly what ``routines build`` writes), told of each new version over
  Server-Sent Events (``/__routines/events``; :mod:`generator.handbook.live`), or polling
  ``/__routines/version`` where it cannot listen. It answers only requests whose ``Host``
  names it (127.0.0.1, localhost or [::1] with its port, or the host it was started on; 403
  otherwise, against DNS rebinding), gives 414 for URL paths over 2048 characters and 404 for
  names the file system cannot hold, and closes a connection that stays silent for 30 s (idle
  or half-open), so none holds a thread for ever.
- :func:`serve` builds once with search, starts the server, then on every change renders the
  edited routines' pages at once from the model kept in memory when only their bodies changed
  (:mod:`generator.handbook.quick_page`), and rebuilds incrementally without search indexing
  (the previous Pagefind index is kept). A failed rebuild is reported and the last good site
  stays up.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import ipaddress
import json
import socket
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from generator.core.diagnostics import counts
from generator.core.errors import GeneratorError
from generator.core.messages import Messages, messages, msg
from generator.handbook.build import BuildResult, build_site
from generator.handbook.editor_backend import EditorBackend
from generator.handbook.live import (
    EVENTS_PATH,
    MAX_EVENT_STREAMS,
    VERSION_PATH,
    inject_reload,
    reloads,
    stream_events,
)
from generator.handbook.watch import Changes, Watcher, split_host

__all__ = ["EVENTS_PATH", "VERSION_PATH", "PreviewServer", "Watcher", "inject_reload", "local_path", "serve", "split_host"]

EDITOR_API = "/api/v1"
"""Where the browser editor's local backend answers (``serve --edit``)."""
MAX_CONNECTIONS = 64
"""Connections the preview holds open at once (a browser opens six or so per page)."""
CONNECTION_TIMEOUT = 30.0
"""Seconds a connection may wait for the client (idle keep-alive, half-sent request) before it is closed."""
MAX_EDITOR_REQUEST = 16 * 1024 * 1024
"""Bytes of one request to the editor's backend (a routine and its images)."""
MAX_URL_PATH = 2048
"""Longer URL paths (no page of the site has one) get 414 without a look at the disk."""
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

def local_path(out: Path, url_path: str) -> Path | None:
    """The file or directory under ``out`` that ``url_path`` names, or None if it would escape."""
    parts = [p for p in urllib.parse.unquote(url_path).split("/") if p not in ("", ".")]
    if any(p == ".." or "\\" in p or "\x00" in p for p in parts):
        return None
    path = out.joinpath(*parts)
    try:
        if not path.resolve().is_relative_to(out.resolve()):
            return None
    except (OSError, RuntimeError):  # a link loop
        return None
    return path


class PreviewServer(ThreadingHTTPServer):
    """An HTTP server of ``out`` with a version counter for live reload."""

    daemon_threads = True

    def __init__(self, host: str, port: int, out: Path, log: TextIO = sys.stderr,
                 connection_timeout: float = CONNECTION_TIMEOUT,
                 max_connections: int = MAX_CONNECTIONS, language: str = "sv",
                 editor: EditorBackend | None = None) -> None:
        self.editor = editor
        """The browser editor's local backend (``serve --edit``), else None."""
        if ":" in host:
            self.address_family = socket.AF_INET6
        self.out, self.log, self.t = out, log, messages(language)
        self.connection_timeout = connection_timeout
        self._version = 0
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self.closing = False
        self.touched = 0
        self.streams = threading.BoundedSemaphore(MAX_EVENT_STREAMS)
        bound = f"[{host}]" if ":" in host else host
        self._names = {name.lower() for name in (*LOOPBACK_NAMES, bound)}
        self._wildcard = host in ("", "0.0.0.0", "::")
        self._slots = threading.BoundedSemaphore(max_connections)
        super().__init__((host, port), PreviewHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection while fewer than ``max_connections`` are open; beyond
        that the connection is closed at once, so idle connections cannot pile up threads."""
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()

    def host_allowed(self, host: str | None) -> bool:
        """Whether a request's ``Host`` names this server: 127.0.0.1, localhost, [::1] or the host
        it was started on, with its port. Any other name may be a DNS-rebinding page's (a name of
        the attacker's own that now resolves to 127.0.0.1), so its requests are refused. On a
        wildcard address (0.0.0.0, ::) any IP address is accepted too: an address cannot be rebound.
        """
        split = split_host(host.strip().lower()) if host else None
        if split is None or split[1] != self.server_address[1]:
            return False
        name = split[0]
        if name in self._names:
            return True
        if not self._wildcard:
            return False
        try:
            ipaddress.ip_address(name[1:-1] if name.startswith("[") else name)
        except ValueError:
            return False
        return True

    @property
    def version(self) -> int:
        """Raised by one after every successful rebuild."""
        with self._lock:
            return self._version

    def bump(self) -> int:
        """Raise the version: open pages reload (those listening at once)."""
        with self._changed:
            self._version += 1
            self._changed.notify_all()
            return self._version

    def touch(self) -> None:
        """Tell listening pages that pages changed before a rebuild is done (the version stays)."""
        with self._changed:
            self.touched += 1
            self._changed.notify_all()

    def wait_version(self, seen: tuple[int, int], timeout: float) -> tuple[int, int] | None:
        """(version, touches) once they are not ``seen`` (None after ``timeout``, or when closing)."""
        with self._changed:
            self._changed.wait_for(lambda: (self._version, self.touched) != seen or self.closing, timeout)
            now = (self._version, self.touched)
            return None if self.closing or now == seen else now

    def server_close(self) -> None:
        with self._changed:
            self.closing = True
            self._changed.notify_all()
        super().server_close()

    @property
    def url(self) -> str:
        """The address to open in a browser."""
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        return f"http://{f'[{host}]' if ':' in host else host}:{port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that goes away mid-response is no error worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class PreviewHandler(SimpleHTTPRequestHandler):
    """GET and HEAD of the built site, the version counter, and nothing else."""

    server: PreviewServer

    def setup(self) -> None:
        super().setup()
        # A connection that sends nothing for this long (idle or half-open) is closed (the
        # request times out) and frees its thread.
        self.connection.settimeout(self.server.connection_timeout)

    def send_head(self) -> BinaryIO | None:
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or not self.server.host_allowed(hosts[0]):
            self.close_connection = True
            return self._plain(HTTPStatus.FORBIDDEN, self.server.t("serve.forbidden", url=self.server.url))
        url = urllib.parse.urlsplit(self.path)
        if len(url.path) > MAX_URL_PATH:
            self.close_connection = True
            return self._plain(HTTPStatus.REQUEST_URI_TOO_LONG, self.server.t("serve.too_long") + "\n")
        if url.path == VERSION_PATH:
            return self._send(str(self.server.version).encode("ascii"), "text/plain; charset=utf-8")
        if url.path == EVENTS_PATH:
            stream_events(self, self.server)
            return None
        path = local_path(self.server.out, url.path)
        try:
            is_dir = path is not None and path.is_dir()
        except OSError:  # a name too long for the file system, and the like: no such page
            path, is_dir = None, False
        if path is not None and is_dir:
            if not url.path.endswith("/"):
                self.send_response(HTTPStatus.FOUND)
                self.send_header("Location", urllib.parse.urlunsplit(url._replace(path=url.path + "/")))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        try:
            data = path.read_bytes() if path is not None else None
        except OSError:
            data = None
        if path is None or data is None:
            t = self.server.t  # a page of its own, in the preview's language
            return self._plain(HTTPStatus.NOT_FOUND, t("serve.not_found_page", lang=t.language, title=t(
                "serve.not_found"), path=html.escape(urllib.parse.unquote(url.path))), "html")
        content_type = "text/yaml; charset=utf-8" if path.suffix == ".yml" else self.guess_type(str(path))
        if path.suffix == ".html":
            if reloads(url.path):
                data = inject_reload(data, self.server.version)
            content_type = "text/html; charset=utf-8"
        return self._send(data, content_type)

    def do_POST(self) -> None:
        """The editor's local backend: JSON from a page of this server only (its ``Origin``)."""
        hosts, editor = self.headers.get_all("Host") or [], self.server.editor
        if len(hosts) != 1 or not self.server.host_allowed(hosts[0]):
            self.close_connection = True
            answer = self._plain(HTTPStatus.FORBIDDEN, self.server.t("serve.forbidden", url=self.server.url))
        elif editor is None or urllib.parse.urlsplit(self.path).path != EDITOR_API:
            answer = self._plain(HTTPStatus.NOT_FOUND, self.server.t("serve.not_found"))
        elif self.headers.get("Origin") != f"http://{hosts[0]}" or \
                self.headers.get_content_type() != "application/json":  # no other site's page may save
            answer = self._plain(HTTPStatus.FORBIDDEN, self.server.t("serve.forbidden", url=self.server.url))
        else:
            length = self.headers.get("Content-Length", "")
            if not length.isdigit() or int(length) > MAX_EDITOR_REQUEST:
                self.close_connection = True
                answer = self._plain(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "")
            else:
                status, value = editor.handle(self.rfile.read(int(length)))
                answer = self._send(json.dumps(value, ensure_ascii=False).encode("utf-8"),
                                    "application/json; charset=utf-8", HTTPStatus(status))
        self.wfile.write(answer.getvalue())

    def _send(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK,
              headers: tuple[tuple[str, str], ...] = ()) -> io.BytesIO:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        return io.BytesIO(data)

    def _plain(self, status: HTTPStatus, message: str, kind: str = "plain") -> io.BytesIO:
        """A refusal as a short plain-text answer (or a short page: ``kind`` html)."""
        close = (("Connection", "close"),) if self.close_connection else ()
        return self._send(message.encode("utf-8"), f"text/{kind}; charset=utf-8", status,
                          (("X-Content-Type-Options", "nosniff"), *close))

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Successful requests are not logged: the page polls every second."""

    def log_message(self, format: str, *args: Any) -> None:
        self.server.log.write(f"routines serve: {self.address_string()} {format % args}\n")

    def log_error(self, format: str, *args: Any) -> None:
        """A connection closed for silence is routine (browsers keep idle ones open): not logged."""
        if not format.startswith("Request timed out"):
            super().log_error(format, *args)


def _summary(result: BuildResult, seconds: float, t: Messages) -> str:
    c = counts(result.diagnostics)
    search = {"indexed": "build.search_indexed", "skipped": "build.search_skipped"}.get(result.search)
    return t("serve.summary", pages=t.n("page", result.pages), rendered=result.rendered, reused=result.reused,
             search=t("build.search_kept") if search is None else t(search), errors=t.n("error", c["error"]),
             warnings=t.n("warning", c["warning"]),
             seconds=t("cli.seconds", seconds=f"{seconds:.2f}".replace(".", t("cli.decimal_mark"))))


def serve(root: Path, out: Path, *, host: str = "127.0.0.1", port: int = 8000,
          today: dt.date | None = None, cache_dir: Path | None = None, jobs: int | None = None,
          interval: float = 0.5, on_ready: Callable[[str], None] | None = None,
          stop_event: threading.Event | None = None, log: TextIO = sys.stderr,
          connection_timeout: float = CONNECTION_TIMEOUT, language: str = "sv", edit: bool = False) -> None:
    """Build ``root`` into ``out``, serve it, rebuild on change; return once ``stop_event`` is set;
    what it logs is in ``language``. With ``edit``, the site has the browser editor on ``/admin/``
    and the server saves what it sends into the content root (:mod:`generator.handbook.editor_backend`).

    The port is taken before the first build (a busy port fails at once). A failing first
    build raises :class:`GeneratorError`; a failing rebuild is logged and the last good site
    stays served. ``on_ready`` gets the URL once the site is up.
    """
    stop, t = stop_event or threading.Event(), messages(language)
    try:
        server = PreviewServer(host, port, out, log, connection_timeout, language=language,
                               editor=EditorBackend(root, language) if edit else None)
    except OSError as error:
        raise GeneratorError(msg("serve.cannot", host=host, port=port, why=error.strerror or str(error))) from None
    thread: threading.Thread | None = None
    try:
        changes = Changes(root, out, stop, interval)  # before the build: a change during it is seen after it
        started = time.perf_counter()
        editor = server.url + EDITOR_API.lstrip("/") if edit else None
        result = build_site(root, out, _day(root, today), cache_dir=cache_dir, jobs=jobs, search=True,
                            editor=editor)
        log.writelines(t("cli.warning", message=warning) + "\n" for warning in result.warnings)
        log.write(t("serve.built", summary=_summary(result, time.perf_counter() - started, t)) + "\n")
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                                  name="routines-serve", daemon=True)
        thread.start()
        if on_ready is not None:
            on_ready(server.url)
        while not stop.is_set():
            if changes.wait() and not stop.is_set():
                _quick(result, out, changes.paths, root, today, server)
                result = _rebuild(root, out, today, cache_dir, jobs, server, log, t, editor) or result
    finally:
        if thread is not None:
            server.shutdown()
            thread.join()
        server.server_close()


def _day(root: Path, today: dt.date | None) -> dt.date:
    """The day a preview build judges validity on: ``--today``, else today (read at each build,
    so a preview left running over midnight moves on with the day)."""
    if today is not None:
        return today
    from generator.content.config import load_config
    from generator.core.clock import today_in

    return today_in(load_config(root)[0].timezone)


def _quick(last: BuildResult, out: Path, paths: set[str] | None, root: Path, today: dt.date | None,
           server: PreviewServer) -> None:
    """The edited routines' pages at once, from the kept model (:mod:`generator.handbook.quick_page`)."""
    from generator.handbook.quick_page import quick_pages

    try:
        written = quick_pages(last, out, paths, _day(root, today))
    except Exception:  # noqa: BLE001 - the rebuild that follows reports what broke
        return
    if written:
        server.touch()


def _rebuild(root: Path, out: Path, today: dt.date | None, cache_dir: Path | None, jobs: int | None,
             server: PreviewServer, log: TextIO, t: Messages, editor: str | None) -> BuildResult | None:
    started = time.perf_counter()
    stamp = time.strftime("%H:%M:%S")
    try:
        result = build_site(root, out, _day(root, today), cache_dir=cache_dir, jobs=jobs, search=False,
                            editor=editor)
    except Exception as error:  # noqa: BLE001 - a preview keeps running; the message says what broke
        told = t.text(error.message) if isinstance(error, GeneratorError) else f"{type(error).__name__}: {error}"
        log.write(t("serve.rebuild_failed", stamp=stamp, error=told) + "\n")
        return None
    server.bump()
    log.write(t("serve.rebuilt", stamp=stamp, summary=_summary(result, time.perf_counter() - started, t)) + "\n")
    return result
