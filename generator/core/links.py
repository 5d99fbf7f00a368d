"""Links in a routine's body: classified and resolved to root-relative paths (found by link_scan)."""

from __future__ import annotations

import posixpath
from typing import Literal, NamedTuple
from urllib.parse import unquote, urlsplit

LinkKind = Literal["external", "anchor", "placeholder", "unsafe", "relative"]

_SAFE_SCHEMES = {"http", "https", "mailto", "tel", "ftp", "ftps", "sip"}


class Link(NamedTuple):
    """A link or image in the body. A named tuple, not a dataclass: a cached run of 10,000
    routines makes 40,000 of them, and the cache's reader makes them in C (issue 19)."""

    url: str
    line: int
    """File line where the link starts; 0 for a link of the body whose line was not looked up
    (see :attr:`order`)."""
    text: str
    kind: LinkKind
    target: str | None = None
    """For a relative link: the root-relative path it points to (None when it leaves the root)."""
    order: int = -1
    """The link's place among the body's links and images (0 for the first), or -1 for a link of
    the front matter (``related:``). The lines of a body's links are looked up only when a
    finding needs one (:func:`generator.content.link_scan.with_lines`): the render that finds them
    costs two thirds more than the page's own."""

    @property
    def in_body(self) -> bool:
        return self.order >= 0

    def to_json(self) -> list[object]:
        return list(self)


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
