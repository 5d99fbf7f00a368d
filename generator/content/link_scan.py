"""Finding the links of a routine's body through the Markdown parser; their file lines when asked.

A body's links are read from the HTML its page shows (:func:`scan_body`), in document order,
each with its place among them (:attr:`~generator.core.links.Link.order`) and no line: most
links never need one. Where a finding does (a placeholder, a broken target), :func:`with_lines`
renders the body once more with ``data-sourcepos`` attributes, which name the line of every
link, and reads them off in the same order: the same parser and the same text give the same
links, only the attributes differ (checked in the tests).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

from generator.content.markdown import (
    RustPanic,
    reference_links,
    render_fast_or_none,
    render_located,
)
from generator.core.links import Link, classify, target_path

_LINK = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>|<img src="([^"]*)" alt="([^"]*)"', re.DOTALL)
_LOCATED = re.compile(r'<a data-sourcepos="(\d+):[^"]*" href="[^"]*"[^>]*>.*?</a>'
                      r'|<img data-sourcepos="(\d+):[^"]*" src="[^"]*"', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def scan_body(body: str, body_line: int, source: str) -> tuple[list[Link], str | None]:
    """Every link and image in ``body`` of file ``source``, and the body's HTML as
    :func:`~generator.content.markdown.render_fast` renders it (None where the Rust parser cannot
    read the text; its links then come from the reference parser, lines and all).

    Raw HTML is off, so every ``<a`` and ``<img`` in the Rust parser's HTML is a Markdown link
    or image. Their lines are 0 (not looked up): see :func:`with_lines`.
    """
    rendered = render_fast_or_none(body)
    if rendered is None:
        found: Iterable[tuple[str, int, str]] = ((url, line + body_line, text) for url, line, text in reference_links(body))
    else:
        found = ((html.unescape(url), 0, html.unescape(text)) for url, text in _in_html(rendered))
    links = []
    for order, (url, line, text) in enumerate(found):
        kind = classify(url)
        target = target_path(url, source) if kind == "relative" else None
        links.append(Link(url, line, text, kind, target, order))
    return links, rendered


def find_links(body: str, body_line: int, source: str) -> list[Link]:
    """:func:`scan_body`'s links, each with the file line where it starts."""
    return with_lines(scan_body(body, body_line, source)[0], body, body_line)


def with_lines(links: list[Link], body: str, body_line: int) -> list[Link]:
    """``links`` (of ``body``, as :func:`scan_body` found them) with the line of each; links of
    the front matter and lines already known stay as they are."""
    if all(link.line or not link.in_body for link in links):
        return links
    lines = body_lines(body, body_line)
    return [link._replace(line=line_among(link, lines, body_line)) if not link.line and link.in_body else link
            for link in links]


def line_among(link: Link, lines: list[int], body_line: int) -> int:
    """The line of body link ``link`` among the ``lines`` of its body's links (:func:`body_lines`);
    the body's first line should the located render have found fewer links than the page's."""
    return lines[link.order] if link.order < len(lines) else body_line


def body_lines(body: str, body_line: int) -> list[int]:
    """The file line of each link and image of ``body``, in the order :func:`scan_body` finds them."""
    try:
        located = render_located(body)
    except RustPanic:
        return [line + body_line for _, line, _ in reference_links(body)]
    return [int(match.group(1) or match.group(2)) - 1 + body_line for match in _LOCATED.finditer(located)]


def _in_html(rendered: str) -> Iterator[tuple[str, str]]:
    for match in _LINK.finditer(rendered):
        if match.group(1) is not None:
            yield match.group(1), _TAG.sub("", match.group(2))
        else:
            yield match.group(3), match.group(4)
