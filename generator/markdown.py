"""The Markdown parsers: markdown-it-pyrs (Rust) for speed, markdown-it-py as the reference.

Both are configured alike: CommonMark with tables and strikethrough, raw HTML off (it is shown
as text, never passed through), no xhtml slashes. With these options the Rust port renders
byte-identical HTML to markdown-it-py's ``js-default`` preset (checked in the tests), at
about twenty times the speed.
"""

from __future__ import annotations

from functools import cache

import markdown_it_pyrs

RULES = ["blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
         "reference", "autolink", "backticks", "emphasis", "entity", "escape", "image", "link",
         "newline", "table", "strikethrough"]
"""CommonMark without ``html_block`` and ``html_inline``, plus tables and strikethrough."""


@cache
def fast_parser() -> markdown_it_pyrs.MarkdownIt:
    """The Rust parser used by checks and the build."""
    return markdown_it_pyrs.MarkdownIt("zero").enable_many(RULES)  # type: ignore[arg-type]


@cache
def located_parser() -> markdown_it_pyrs.MarkdownIt:
    """The Rust parser with ``data-sourcepos`` on every element: where each link stands."""
    return markdown_it_pyrs.MarkdownIt("zero").enable_many([*RULES, "sourcepos"])  # type: ignore[list-item]


def render_located(body: str) -> str:
    """HTML of ``body`` whose elements carry ``data-sourcepos="line:col-line:col"``."""
    return located_parser().render(body, xhtml=False)


def render_fast(body: str) -> str:
    """HTML of ``body`` from the Rust parser."""
    return fast_parser().render(body, xhtml=False)


def render_reference(body: str) -> str:
    """HTML of ``body`` from markdown-it-py, the reference implementation."""
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("js-default").render(body)
    return html
