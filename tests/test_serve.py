"""``routines serve``: real HTTP against a preview server running in a thread."""

from __future__ import annotations

import datetime as dt
import http.client
import io
import socket
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.cli.app import build_parser
from generator.handbook.serve import VERSION_PATH, Watcher, inject_reload, local_path
from tests.conftest import copy_demo, run, serving

TODAY = dt.date(2026, 11, 22)
TIMEOUT = 15.0
SU_ROUTINE = "routines/su/1177-e-tjanster-rollbeskrivning.md"
SU_PAGE = "/rutiner/SU9771-677637494-103.html"


@dataclass
class Preview:
    root: Path
    out: Path
    url: str
    log: io.StringIO
    errors: list[BaseException] = field(default_factory=list)

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        """GET ``path`` exactly as given (no client-side normalisation)."""
        parts = urllib.parse.urlsplit(self.url)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            conn.close()

    def text(self, path: str) -> str:
        status, _, body = self.get(path)
        assert status == 200, (path, status)
        return body.decode("utf-8")

    def version(self) -> int:
        return int(self.text(VERSION_PATH))


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {TIMEOUT} s waiting for {what}")
        time.sleep(0.05)


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    root = copy_demo(tmp_path)
    out, log = root / "_site", io.StringIO()
    with serving(root, out, start_timeout=60, today=TODAY, interval=0.1, log=log, language="en") as url:
        yield Preview(root, out, url, log)


def test_serves_the_start_page_on_localhost(preview: Preview) -> None:
    assert preview.url.startswith("http://127.0.0.1:")
    status, headers, body = preview.get("/")
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-store"
    assert b"Rutinhandboken" in body
    assert "search indexed" in preview.log.getvalue()
    assert (preview.out / "pagefind").is_dir()
    status, headers, _ = preview.get("/assets/style.css")
    assert status == 200
    assert headers["Cache-Control"] == "no-store"


def test_reload_script_is_served_but_not_written(preview: Preview) -> None:
    served = preview.text("/index.html")
    on_disk = (preview.out / "index.html").read_text(encoding="utf-8")
    assert VERSION_PATH in served
    assert served.index(VERSION_PATH) < served.rindex("</body>")
    assert VERSION_PATH not in on_disk
    assert served.replace(inject_reload(b"", preview.version()).decode(), "") == on_disk
    assert VERSION_PATH not in preview.text("/assets/site.js")


def test_directory_without_slash_redirects(preview: Preview) -> None:
    status, headers, _ = preview.get("/rutiner?q=1")
    assert status == 302
    assert headers["Location"] == "/rutiner/?q=1"


def test_edit_rebuilds_and_bumps_the_version(preview: Preview) -> None:
    before = preview.version()
    assert "Förhandsvisningsprov" not in preview.text(SU_PAGE)
    routine = preview.root / SU_ROUTINE
    routine.write_text(routine.read_text(encoding="utf-8") + "\nFörhandsvisningsprov 4711.\n",
                       encoding="utf-8")
    _wait_for(lambda: preview.version() > before, "the version to change")
    assert "Förhandsvisningsprov 4711." in preview.text(SU_PAGE)
    assert " rebuilt " in preview.log.getvalue()
    assert "search kept from the previous build" in preview.log.getvalue()


def test_broken_routine_still_builds_and_serves(preview: Preview) -> None:
    before = preview.version()
    (preview.root / "routines/su/trasig.md").write_text("---\ntitle: Trasig\n\nIngen slutrad.\n",
                                                         encoding="utf-8")
    _wait_for(lambda: preview.version() > before, "the version to change")
    assert "trasig.md" in preview.text("/fynd.html")
    assert "Rutinhandboken" in preview.text("/")


def test_failed_rebuild_keeps_the_last_good_site(preview: Preview) -> None:
    before = preview.version()
    good = preview.text("/")
    templates = preview.root / "site" / "templates"
    templates.mkdir(parents=True)
    (templates / "index.html").write_text("{% if %}\n", encoding="utf-8")
    _wait_for(lambda: "rebuild failed" in preview.log.getvalue(), "the failed rebuild")
    assert "template error" in preview.log.getvalue()
    assert preview.version() == before
    assert preview.text("/") == good
    (templates / "index.html").unlink()
    _wait_for(lambda: preview.version() > before, "the version to change after the fix")
    assert preview.text("/") == good.replace(f'var v="{before}"', f'var v="{preview.version()}"')


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                                  "/..%2f..%2fetc/passwd", "/assets/..%5c..%5cetc/passwd"])
def test_paths_outside_the_site_are_refused(preview: Preview, path: str) -> None:
    status, _, body = preview.get(path)
    assert status in (403, 404)
    assert b"root:" not in body


def test_missing_page_is_404(preview: Preview) -> None:
    status, headers, body = preview.get("/finns-inte%3Cb%3E.html")
    assert status == 404 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode("utf-8")  # the preview speaks English here (language="en")
    assert '<html lang="en">' in page and "<h1>Page not found</h1>" in page
    assert "<code>/finns-inte&lt;b&gt;.html</code>" in page and '<a href="/">' in page


def test_a_missing_page_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    with serving(root, tmp_path / "site", start_timeout=60, today=TODAY, interval=0.1, log=io.StringIO()) as url:
        parts = urllib.parse.urlsplit(url)
        conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=TIMEOUT)
        conn.request("GET", "/rutiner/borta.html")
        response = conn.getresponse()
        page = response.read().decode("utf-8")
        conn.close()
    assert response.status == 404 and '<html lang="sv">' in page and "<h1>Sidan finns inte</h1>" in page
    assert "Handboken har ingen sida på adressen <code>/rutiner/borta.html</code>." in page


def test_local_path(tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "a").mkdir(parents=True)
    (out / "a" / "index.html").write_text("x", encoding="utf-8")
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "passwd").write_text("root:", encoding="utf-8")
    (out / "escape").symlink_to(tmp_path / "secret")
    assert local_path(out, "/a/index.html") == out / "a" / "index.html"
    assert local_path(out, "/a/%69ndex.html") == out / "a" / "index.html"
    assert local_path(out, "/") == out
    assert local_path(out, "/a/../../x") is None
    assert local_path(out, "/%2e%2e/x") is None
    assert local_path(out, "/escape/passwd") is None


def test_inject_reload() -> None:
    assert inject_reload(b"<p>x</p></BODY></html>", 3).startswith(b"<p>x</p><script>")
    assert inject_reload(b"<p>x</p></BODY></html>", 3).endswith(b"</script>\n</BODY></html>")
    assert b'var v="3"' in inject_reload(b"<p>x</p>", 3)


def test_the_editors_pages_get_no_reload_script(tmp_path: Path) -> None:
    """The browser editor is not reloaded by the rebuild its own save starts (it would lose
    what the person is doing there); every other page is."""
    import threading

    from generator.handbook.live import EVENTS_PATH
    from generator.handbook.serve import PreviewServer

    out = tmp_path / "site"
    (out / "admin").mkdir(parents=True)
    (out / "administration").mkdir()
    page = b"<!DOCTYPE html><html><body><p>x</p></body></html>"
    for name in ("index.html", "admin/index.html", "administration/index.html"):
        (out / name).write_bytes(page)
    server = PreviewServer("127.0.0.1", 0, out)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        preview = Preview(tmp_path, out, server.url, io.StringIO())
        for path in ("/admin/", "/admin/index.html", "/adm%69n/index.html"):
            assert preview.get(path)[2] == page, path
        for path in ("/", "/administration/"):
            assert EVENTS_PATH.encode() in preview.get(path)[2], path
    finally:
        server.shutdown()
        server.server_close()


def test_watcher_sees_changes_but_not_the_output_or_hidden_files(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    watcher = Watcher(root, root / "_site")
    assert not watcher.changed()  # the first call takes note
    assert not watcher.changed()
    (root / "_site").mkdir()
    (root / "_site" / "index.html").write_text("x", encoding="utf-8")
    (root / "routines" / ".utkast.md.swp").write_text("x", encoding="utf-8")
    (root / ".routines.tmp-1").mkdir()
    assert not watcher.changed()
    (root / "routines.toml").write_text('title = "Prov"\n', encoding="utf-8")
    assert watcher.changed()
    (root / "site" / "templates").mkdir(parents=True)
    assert not watcher.changed()  # an empty directory holds nothing to build
    (root / "site" / "templates" / "index.html").write_text("x", encoding="utf-8")
    assert watcher.changed()
    (root / SU_ROUTINE).unlink()
    assert watcher.changed()
    assert not watcher.changed()


def test_cli_defaults_to_localhost_port_8000() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.out) == ("127.0.0.1", 8000, None)


def test_cli_busy_port_is_a_clean_error(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "--root", str(root), "--port", str(port), "--today", "2026-11-22")
    assert result.code == 2
    assert f"cannot serve on 127.0.0.1 port {port}" in result.err
    assert not (root / "_site").exists()  # the port is taken before building


def test_cli_bad_out_is_a_clean_error(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = run("serve", "--root", str(root), "--out", str(root / "routines" / "x"), "--port", "0",
                 "--today", "2026-11-22")
    assert result.code == 2
    assert "inside the content's own folders" in result.err
