"""The Rust parser matches the reference (markdown-it-py js-default); links carry their lines."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.frontmatter import split
from generator.content.link_scan import find_links, scan_body, with_lines
from generator.content.markdown import RustPanic, render_fast, render_located, render_reference
from tests.conftest import REPO

TRICKY = [
    "a <b>raw</b> <script>alert(1)</script>\n\n<div onclick=x>block</div>\n",
    "| a | b |\n|---|---|\n| [x](y.md) | ~~z~~ |\n",
    "* a\n  1. b\n     > c [l](d.md)\n\n```py\nx = '<b>'\n```\n",
    "[j](javascript:alert(1)) <http://a.b> &amp; &copy; \\*x\\*\n\n[r]: /u \"t\"\n\n[r]\n",
    "line  \nbreak\\\nhard\n\nA\n===\n\n---\n\n    code\n",
    "Åäö *emfas* **fet** [länk med åäö](../sv/räksmörgås.md#del) ![bild](b.png)\n",
]


@pytest.mark.parametrize("path", sorted((REPO / "routines").rglob("*.md")), ids=lambda p: p.name)
def test_demo_bodies_render_identically(path) -> None:
    body = split(path.read_text(encoding="utf-8")).body
    assert render_fast(body) == render_reference(body)


@pytest.mark.parametrize("body", TRICKY)
def test_tricky_bodies_render_identically(body: str) -> None:
    assert render_fast(body) == render_reference(body)


def test_raw_html_is_text() -> None:
    html = render_fast(TRICKY[0])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<div" not in html


def test_links_have_file_lines_after_non_ascii_text() -> None:
    body = "Åäö åäö\n\nText [a](x.md) och\nmer [b](y.md).\n\n- ![c](z.png)\n\n[r]\n\n[r]: ref.md\n"
    links = find_links(body, 10, "routines/sub/file.md")
    assert [(link.url, link.line, link.text, link.kind) for link in links] == [
        ("x.md", 12, "a", "relative"), ("y.md", 13, "b", "relative"),
        ("z.png", 15, "c", "relative"), ("ref.md", 17, "r", "relative")]
    assert links[0].target == "routines/sub/x.md"


def test_link_kinds_and_targets() -> None:
    body = "[a](#) [b]() [c](#avsnitt) [d](https://x.se) [e](JavaScript:x) [f](data:text/html,x) [g](../../../etc/passwd) [h](/routines/a.md) [i](mailto:a@b.se)\n"
    links = {link.text: link for link in find_links(body, 1, "routines/a/b.md")}
    # markdown-it refuses script-capable addresses: they stay text and are not links at all
    assert {t: link.kind for t, link in links.items()} == {
        "a": "placeholder", "b": "placeholder", "c": "anchor", "d": "external",
        "g": "relative", "h": "relative", "i": "external"}
    assert links["g"].target is None
    assert links["h"].target == "routines/a.md"


@pytest.mark.parametrize("body", ["[`a", "a [b `c", "[ `", "![`", "Se [länk med `kod\n\n[b](c.md)\n"])
def test_text_that_panics_the_rust_parser_falls_back_to_the_reference(body: str, capfd) -> None:
    """Found by fuzzing: markdown-it-pyrs 0.4 panics on an unclosed backtick after an unclosed '['."""
    assert render_fast(body) == render_reference(body)
    links = find_links(body, 1, "routines/a.md")
    if "(c.md)" in body:
        assert [(link.url, link.line) for link in links] == [("c.md", 3)]
    assert capfd.readouterr().err == ""  # the Rust panic message stays off the terminal


def test_quotes_nested_too_deep_for_the_rust_parser() -> None:
    """markdown-it-pyrs 0.4 overflows its stack (segfault) at 100,000 nested quotes."""
    body = "> " * 100_000 + "x [l](a.md)\n"
    html = render_fast(body)
    assert html == render_reference(body)
    # beyond the reference parser's nesting limit the text is not parsed, so no link is rendered or found
    assert ("<a " in html) == bool(find_links(body, 1, "routines/a.md"))


BLOCKS = ["# Rubrik", "Text med *emfas*, `kod` och **fet**.", "- punkt [l](a.md)\n- två", "1. ett\n2. två",
          "> citat [x](../b.md#del)", "```\n<b>kod</b> \"citat\"\n```", "| a | b |\n|---|---|\n| [c](c.md) | ~~d~~ |",
          "![bild](b.png \"titel\")", "<http://a.b/c?d=\"e\">", "[r]\n\n[r]: ref.md 'titel'", "    indraget",
          "Rad  \nbrytning\\\nhård", "A\n===", "---", "data-sourcepos=\"1:1-1:2\" som text",
          "[data-sourcepos=\"x\"](data-sourcepos=\".md) &quot; &amp; åäö", "Text [a](x.md) och [b](y.md)."]


def _located(body: str) -> list[tuple[str, int, str]] | None:
    """(url, body line, text) of each link and image, read straight off the located render (the
    way the scan found links before it read them from the page's HTML); None where it panics."""
    try:
        located = render_located(body)
    except RustPanic:
        return None
    found = []
    for match in re.finditer(r'<a data-sourcepos="(\d+):[^"]*" href="([^"]*)"[^>]*>(.*?)</a>'
                             r'|<img data-sourcepos="(\d+):[^"]*" src="([^"]*)" alt="([^"]*)"', located, re.DOTALL):
        if match.group(1) is not None:
            found.append((html.unescape(match.group(2)), int(match.group(1)), html.unescape(re.sub(r"<[^>]+>", "", match.group(3)))))
        else:
            found.append((html.unescape(match.group(5)), int(match.group(4)), html.unescape(match.group(6))))
    return found


def _scanned_and_looked_up(body: str) -> None:
    links, page = scan_body(body, 1, "routines/a.md")
    if page is not None:  # None: the Rust parser could not read it, and the page renders it with the reference
        assert page == render_fast(body)
        assert all(link.line == 0 and link.order == i for i, link in enumerate(links))
    located = _located(body)
    if located is not None:
        assert [(link.url, link.line, link.text) for link in find_links(body, 1, "routines/a.md")] == located
        assert [(link.url, link.text) for link in links] == [(url, text) for url, _, text in located]


@pytest.mark.parametrize("body", [*TRICKY, *BLOCKS, "\n\n".join(BLOCKS)])
def test_the_scans_html_is_the_pages(body: str) -> None:
    """The links are read from the HTML a page shows, in the order of the located render, whose
    ``data-sourcepos`` attributes give each its line when one is asked for."""
    _scanned_and_looked_up(body)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(BLOCKS) | st.text(alphabet="[]()<>!*_`#>-|\"'&=:. \nab1", max_size=40),
                max_size=12))
def test_the_scans_html_is_the_pages_for_any_text(parts: list[str]) -> None:
    _scanned_and_looked_up("\n".join(parts))


def test_with_lines_keeps_lines_known() -> None:
    body = "Text [a](x.md)\n\n[b](y.md)\n"
    links, _ = scan_body(body, 5, "routines/a.md")
    looked_up = with_lines(links, body, 5)
    assert [link.line for link in looked_up] == [5, 7]
    assert with_lines(looked_up, "", 5) is looked_up  # nothing left to look up: the body is not rendered
