"""Links in a routine's body: found with their line, classified, resolved."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import unquote, urlsplit

from generator.markdown import RustPanic, reference_links, render_located

LinkKind = Literal["external", "anchor", "placeholder", "unsafe", "relative"]

_SAFE_SCHEMES = {"http", "https", "mailto", "tel", "ftp", "ftps", "sip"}


@dataclass(frozen=True)
class Link:
    """A link or image in the body."""

    url: str
    line: int
    """File line where the link starts."""
    text: str
    kind: LinkKind
    target: str | None = None
    """For a relative link: the root-relative path it points to (None when it leaves the root)."""

    def to_json(self) -> list[object]:
        return [self.url, self.line, self.text, self.kind, self.target]

    @classmethod
    def from_json(cls, data: list[Any]) -> Link:
        return cls(str(data[0]), int(data[1]), str(data[2]), data[3], data[4])


def classify(url: str) -> LinkKind:
    """``placeholder`` for ``#`` or nothing, ``unsafe`` for ``javascript:`` and other schemes."""
    stripped = url.strip()
    if stripped in ("", "#"):
        return "placeholder"
    if stripped.startswith("#"):
        return "anchor"
    scheme = urlsplit(stripped).scheme.lower()
    if scheme:
        if len(scheme) == 1:  # C:\path on Windows reads as scheme "c"
            return "relative"
        return "external" if scheme in _SAFE_SCHEMES else "unsafe"
    if stripped.startswith("//"):
        return "external"
    return "relative"


_LINK = re.compile(r'<a data-sourcepos="(\d+):[^"]*" href="([^"]*)"[^>]*>(.*?)</a>'
                   r'|<img data-sourcepos="(\d+):[^"]*" src="([^"]*)" alt="([^"]*)"', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def find_links(body: str, body_line: int, source: str) -> list[Link]:
    """Every link and image in ``body`` of file ``source``, with the file line of each.

    The Rust parser renders the body with ``data-sourcepos`` attributes; links and images are
    read back from that HTML, whose shape the parser fixes (raw HTML is off, so every ``<a``
    and ``<img`` in it is a Markdown link or image).
    """
    try:
        found = [(html.unescape(url), line - 1, html.unescape(text)) for line, url, text in _located(body)]
    except RustPanic:
        found = reference_links(body)
    links = []
    for url, line, text in found:
        kind = classify(url)
        target = target_path(url, source) if kind == "relative" else None
        links.append(Link(url, line + body_line, text, kind, target))
    return links


def _located(body: str) -> Iterator[tuple[int, str, str]]:
    for match in _LINK.finditer(render_located(body)):
        if match.group(1) is not None:
            yield int(match.group(1)), match.group(2), _TAG.sub("", match.group(3))
        else:
            yield int(match.group(4)), match.group(5), match.group(6)


def target_path(url: str, source: str) -> str | None:
    """The root-relative path a relative link points to, or None when it leaves the root.

    ``source`` is the linking file's root-relative path; a leading ``/`` means the root.
    """
    path = unquote(urlsplit(url.strip()).path)
    if not path:
        return source
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(source), path)
    normal = posixpath.normpath(joined)
    if normal == ".." or normal.startswith("../") or posixpath.isabs(normal):
        return None
    return normal
