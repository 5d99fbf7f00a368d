"""Finding the links of a routine's body, with the file line of each, through the Markdown parser."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from generator.content.markdown import RustPanic, reference_links, render_located
from generator.core.links import Link, classify, target_path

_LINK = re.compile(r'<a data-sourcepos="(\d+):[^"]*" href="([^"]*)"[^>]*>(.*?)</a>'
                   r'|<img data-sourcepos="(\d+):[^"]*" src="([^"]*)" alt="([^"]*)"', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


_SOURCEPOS = re.compile(r' data-sourcepos="[^"]*"')
"""The attribute the located render adds; nothing else in its HTML can match (text and attribute
values are escaped: a ``"`` in them is ``&quot;``)."""


def find_links(body: str, body_line: int, source: str) -> list[Link]:
    """Every link and image in ``body`` of file ``source``, with the file line of each.

    The Rust parser renders the body with ``data-sourcepos`` attributes; links and images are
    read back from that HTML, whose shape the parser fixes (raw HTML is off, so every ``<a``
    and ``<img`` in it is a Markdown link or image).
    """
    return _scan(body, body_line, source)[0]


def scan_body(body: str, body_line: int, source: str) -> tuple[list[Link], str | None]:
    """:func:`find_links`, and the body's HTML as :func:`~generator.content.markdown.render_fast`
    renders it: the located render without its attributes, so a build need not render the body
    again (None where the Rust parser cannot read the text)."""
    links, located = _scan(body, body_line, source)
    return links, _SOURCEPOS.sub("", located) if located is not None else None


def _scan(body: str, body_line: int, source: str) -> tuple[list[Link], str | None]:
    located: str | None
    try:
        located = render_located(body)
        found = [(html.unescape(url), line - 1, html.unescape(text)) for line, url, text in _located(located)]
    except RustPanic:
        located = None
        found = reference_links(body)
    links = []
    for url, line, text in found:
        kind = classify(url)
        target = target_path(url, source) if kind == "relative" else None
        links.append(Link(url, line + body_line, text, kind, target))
    return links, located


def _located(rendered: str) -> Iterator[tuple[int, str, str]]:
    for match in _LINK.finditer(rendered):
        if match.group(1) is not None:
            yield int(match.group(1)), match.group(2), _TAG.sub("", match.group(3))
        else:
            yield int(match.group(4)), match.group(5), match.group(6)
