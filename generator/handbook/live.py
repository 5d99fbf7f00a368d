"""Live reload of ``routines serve``: the script put into every HTML response, and the event
stream it listens to.

The script opens :data:`EVENTS_PATH` (Server-Sent Events) and reloads the page as soon as a
message brings a version other than its own (the server sends one the moment a rebuild is
done), or a ``page`` event says an edited routine's page was made before the rebuild.
Where a browser cannot listen, or the server has :data:`MAX_EVENT_STREAMS` streams open
already (it answers 503), the script polls :data:`VERSION_PATH` every second instead.
"""

from __future__ import annotations

import urllib.parse
from http import HTTPStatus
from typing import Any

from generator.handbook.editor_site import ADMIN

VERSION_PATH = "/__routines/version"
EVENTS_PATH = "/__routines/events"
"""Server-Sent Events: a message with the new version the moment a rebuild is done."""
MAX_EVENT_STREAMS = 16
"""Pages listening at once; one more gets 503, and its script polls :data:`VERSION_PATH` instead."""
KEEP_ALIVE = 15.0
"""Seconds between comments on a quiet event stream (within :data:`CONNECTION_TIMEOUT`)."""

_RELOAD_SCRIPT = (
    '<script>(function(){{var v="{version}";function poll(){{setInterval(function(){{'
    'fetch("{path}",{{cache:"no-store"}}).then(function(r){{return r.text();}})'
    '.then(function(t){{if(t!==v){{location.reload();}}}}).catch(function(){{}});'
    "}},1000);}}if(!window.EventSource){{poll();return;}}var s=new EventSource(\"{events}\");"
    "s.onmessage=function(e){{if(e.data!==v){{location.reload();}}}};"
    's.addEventListener("page",function(){{location.reload();}});'
    "s.onerror=function(){{if(s.readyState===2){{poll();}}}};}})();</script>\n"
)


def reloads(url_path: str) -> bool:
    """Whether the page at ``url_path`` gets the live-reload script: every page but the browser
    editor's (``/admin/``), which the rebuild its own save starts would reload in the middle of
    what the person is doing (asking first, where more is unsaved)."""
    path = urllib.parse.unquote(url_path)
    return path != f"/{ADMIN}" and not path.startswith(f"/{ADMIN}/")


def inject_reload(html: bytes, version: int) -> bytes:
    """``html`` with the live-reload script before its last ``</body>`` (or at the end): it
    listens to :data:`EVENTS_PATH` and reloads the page when the version changes, and polls
    :data:`VERSION_PATH` every second where it cannot listen."""
    script = _RELOAD_SCRIPT.format(version=version, path=VERSION_PATH, events=EVENTS_PATH).encode("ascii")
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]



def stream_events(handler: Any, server: Any) -> None:
    """The version as Server-Sent Events: now, then at every rebuild, a comment in between;
    the stream holds one of the server's connections, and at most
    :data:`MAX_EVENT_STREAMS` are open at once (503 beyond: the page polls)."""
    handler.close_connection = True
    if not server.streams.acquire(blocking=False):
        handler.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    try:
        handler.send_response(HTTPStatus.OK)
        handler.send_header("Content-Type", "text/event-stream; charset=utf-8")
        handler.end_headers()
        seen = (server.version, server.touched)
        handler.wfile.write(f"retry: 500\ndata: {seen[0]}\n\n".encode("ascii"))
        handler.wfile.flush()
        while not server.closing:
            newer = server.wait_version(seen, KEEP_ALIVE)
            if newer is None:
                if server.closing:
                    break
                handler.wfile.write(b": ok\n\n")
            else:
                kind = "" if newer[0] != seen[0] else "event: page\n"  # pages made before the rebuild
                seen = newer
                handler.wfile.write(f"{kind}data: {seen[0]}\n\n".encode("ascii"))
            handler.wfile.flush()
    except OSError:  # the page went away
        pass
    finally:
        server.streams.release()
