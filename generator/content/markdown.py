"""The Markdown parsers: markdown-it-pyrs (Rust) for speed, markdown-it-py as the reference.

Both are configured alike: CommonMark with tables and strikethrough, raw HTML off (it is shown
as text, never passed through), no xhtml slashes. With these options the Rust port renders
byte-identical HTML to markdown-it-py's ``js-default`` preset (checked in the tests), at
about twenty times the speed. markdown-it-pyrs 0.4 has wheels up to CPython 3.12 only; on a
newer Python it is not installed and markdown-it-py does all the work, with the same output.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

try:
    import markdown_it_pyrs

    _pyrs: Any = markdown_it_pyrs
except ImportError:  # pragma: no cover - only where no wheel exists (CPython 3.13 and newer)
    _pyrs = None

RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
         "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image", "link",
         "newline", "table", "strikethrough"]
"""CommonMark without ``html_block`` and ``html_inline``, plus tables and strikethrough."""


@cache
def fast_parser() -> Any:
    """The Rust parser used by checks and the build."""
    return _pyrs.MarkdownIt("zero").enable_many(RULES)


@cache
def located_parser() -> Any:
    """The Rust parser with ``data-sourcepos`` on every element: where each link stands."""
    return _pyrs.MarkdownIt("zero").enable_many([*RULES, "sourcepos"])


class RustPanic(Exception):
    """markdown-it-pyrs panicked on this text; use the reference parser for it."""


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep a Rust panic's message off the terminal (it is handled, not an error of the user's)."""
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


MAX_QUOTE_MARKERS = 500
"""Block quotes nested deeper than this (``> > > ...`` on one line) overflow the Rust parser's
stack (a segfault at 100,000 levels in markdown-it-pyrs 0.4); such text goes to the reference
parser, whose nesting limit (100) keeps it bounded."""


def _too_deep(body: str) -> bool:
    return body.count(">") > MAX_QUOTE_MARKERS and any(
        line.count(">") > MAX_QUOTE_MARKERS for line in body.splitlines())


def _guarded(call: Callable[[str], str], body: str) -> str:
    """Run the Rust parser; what it cannot take becomes :class:`RustPanic`: a known panic (an
    unclosed backtick after an unclosed ``[``, found by fuzzing markdown-it-pyrs 0.4) and text
    nested deep enough to overflow its stack; everything when it is not installed."""
    if _pyrs is None:
        raise RustPanic("markdown-it-pyrs is not installed for this Python")
    if _too_deep(body):
        raise RustPanic("block quotes nested too deep for the Rust parser")
    if "`" not in body or "[" not in body:
        return call(body)
    try:
        with _quiet_stderr():
            return call(body)
    except BaseException as error:
        if type(error).__name__ == "PanicException":
            raise RustPanic(str(error)) from None
        raise


def render_located(body: str) -> str:
    """HTML of ``body`` whose elements carry ``data-sourcepos="line:col-line:col"``.

    Raises :class:`RustPanic` when the Rust parser cannot read the text."""
    return _guarded(lambda text: located_parser().render(text, xhtml=False), body)


def render_fast(body: str) -> str:
    """HTML of ``body`` from the Rust parser, or from the reference where the Rust one fails."""
    rendered = render_fast_or_none(body)
    return render_reference(body) if rendered is None else rendered


def render_fast_or_none(body: str) -> str | None:
    """HTML of ``body`` from the Rust parser; None where it cannot read the text."""
    try:
        return _guarded(lambda text: fast_parser().render(text, xhtml=False), body)
    except RustPanic:
        return None


def render_reference(body: str) -> str:
    """HTML of ``body`` from markdown-it-py, the reference implementation."""
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("js-default").render(body)
    return html


def reference_links(body: str) -> list[tuple[str, int, str]]:
    """(url, 0-based body line, text) of every link and image, from markdown-it-py's tokens."""
    from markdown_it import MarkdownIt

    found = []
    for block in MarkdownIt("js-default").parse(body):
        if block.type != "inline" or not block.children or block.map is None:
            continue
        line, current = block.map[0], None
        text_parts: list[str] = []
        for token in block.children:
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "link_open":
                current, text_parts = (str(token.attrGet("href") or ""), line), []
            elif token.type == "text" and current is not None:
                text_parts.append(token.content)
            elif token.type == "link_close" and current is not None:
                found.append((current[0], current[1], "".join(text_parts)))
                current = None
            elif token.type == "image":
                found.append((str(token.attrGet("src") or ""), line, token.content))
    return found
