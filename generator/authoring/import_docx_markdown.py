"""The body of a Word file as Markdown, from the HTML mammoth makes of it.

mammoth turns the document's paragraphs into ``<h1>`` … ``<h6>`` (Word's heading styles),
``<p>``, ``<ul>``/``<ol>`` (Word's lists, nested by their level), ``<table>``, ``<a>``, ``<strong>``,
``<em>``, ``<s>``, ``<img>`` and ``<br>``, and nothing else: this module writes those as the
Markdown the text importer reads and the handbook renders (CommonMark with pipe tables):

- headings as ``#`` lines; a paragraph in Word's Title style (``<h1 class="title">``) is the
  routine's ``#`` title and the headings under it move one level down;
- lists as ``-`` and ``1.`` items, nested ones indented under their item;
- tables as pipe tables (the first row the header; merged cells repeated as empty ones), a table
  of one column (a framed box in Word) as the paragraphs it holds;
- links to web pages and e-mail addresses as ``[text](address)``; a link inside the document (a
  table of contents, a footnote's back link) as its text; any other target (a file on a server)
  as the text with the target after it in parentheses, never as a link;
- bold, italic and struck-through text as ``**``, ``*`` and ``~~``;
- a picture as ``![alt](src)``, its ``src`` as the image converter named it.

The text is not escaped, as a routine saved as text from Word is not: a line the text importer
reads as ``Etikett: värde`` or as a list item means the same whichever way it came.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

MAX_DEPTH = 64
"""Elements nested deeper than this are read as their text (mammoth nests lists and tables only
as deep as the document does)."""
LINK_SCHEMES = ("http://", "https://", "mailto:")
SKIPPED_SRC = "\x00"
"""The start of the ``src`` of a picture left out: written as the sentinel itself, for the
caller to find its line (XML cannot hold U+0000, so no text of the document has it)."""


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)


_VOID = frozenset({"img", "br", "hr"})


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_BLOCKS = frozenset({"p", "ul", "ol", "table", *_HEADINGS})


def markdown(html: str) -> str:
    """The Markdown of mammoth's ``html``: blocks separated by blank lines."""
    root = parse_html(html)
    titled = any(node.tag == "h1" and "title" in node.attrs.get("class", "").split() for node in _walk(root))
    return "\n\n".join(_blocks(root.children, titled)) + "\n"


def _walk(node: Node) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            found.append(child)
            found.extend(_walk(child))
    return found


def _blocks(children: list[Node | str], titled: bool) -> list[str]:
    blocks: list[str] = []
    loose: list[Node | str] = []

    def flush() -> None:
        text = _paragraph(loose)
        if text:
            blocks.append(text)
        loose.clear()

    for child in children:
        if isinstance(child, str) or child.tag not in _BLOCKS:
            loose.append(child)
            continue
        flush()
        if child.tag in _HEADINGS:
            text = " ".join(_inline(child.children).split())
            if text:
                title = "title" in child.attrs.get("class", "").split()
                level = 1 if title else min(6, _HEADINGS[child.tag] + (1 if titled else 0))
                blocks.append(f"{'#' * level} {text}")
        elif child.tag == "p":
            text = _paragraph(child.children)
            if text:
                blocks.append(text)
        elif child.tag in ("ul", "ol"):
            lines = _list(child, 0, titled)
            if lines:
                blocks.append("\n".join(lines))
        else:
            blocks.extend(_table(child, titled))
    flush()
    return blocks


def _paragraph(children: list[Node | str]) -> str:
    """A paragraph's lines, each without the indentation a Markdown reader would take for code."""
    lines = [line.strip() for line in _inline(children).split("\n")]
    return "\n".join(line for line in lines if line)


def _inline(children: list[Node | str]) -> str:
    return "".join(_inline_one(child) for child in children)


def _wrap(text: str, marker: str) -> str:
    """``text`` emphasised line by line, its outer spaces outside the markers (``** a **`` is no
    emphasis in Markdown)."""
    out = []
    for line in text.split("\n"):
        core = line.strip()
        if not core:
            out.append(line)
            continue
        start = line[:len(line) - len(line.lstrip())]
        end = line[len(line.rstrip()):]
        out.append(f"{start}{marker}{core}{marker}{end}")
    return "\n".join(out)


def _inline_one(child: Node | str) -> str:
    if isinstance(child, str):
        return child
    tag = child.tag
    if tag == "br":
        return "\n"
    if tag == "img":
        return _image(child)
    text = _inline(child.children)
    if tag == "strong":
        return _wrap(text, "**")
    if tag == "em":
        return _wrap(text, "*")
    if tag == "s":
        return _wrap(text, "~~")
    if tag == "a":
        return _link(child, text)
    if tag in _BLOCKS:  # a block inside a paragraph (never from mammoth): its text
        return " ".join(_blocks(child.children, False))
    return text


def _bracketed(text: str) -> str:
    return re.sub(r"([\[\]])", r"\\\1", " ".join(text.split()))


def _target(url: str) -> str:
    """A link's address as Markdown takes it: in ``<…>`` when it has spaces or parentheses."""
    if re.search(r"[\s()<>]", url):
        return "<" + re.sub(r"[\s<>]", lambda m: f"%{ord(m[0]):02X}", url) + ">"
    return url


def _link(node: Node, text: str) -> str:
    href = node.attrs.get("href", "").strip()
    if not href or href.startswith("#"):
        if href.startswith(("#footnote-ref-", "#endnote-ref-", "#comment-ref-")):
            return ""  # the back link of a note ("↑")
        return text
    shown = " ".join(text.split()) or href
    if href.lower().startswith(LINK_SCHEMES):
        return f"[{_bracketed(shown)}]({_target(href)})"
    return f"{text} ({href})" if text.strip() else href


def _image(node: Node) -> str:
    src = node.attrs.get("src", "")
    alt = " ".join(node.attrs.get("alt", "").split())
    if src.startswith(SKIPPED_SRC):
        return src + (f" {alt}" if alt else "")
    if not src:
        return alt
    return f"![{_bracketed(alt)}]({src})"


def _list(node: Node, indent: int, titled: bool) -> list[str]:
    lines: list[str] = []
    number = 0
    for item in node.children:
        if not isinstance(item, Node) or item.tag != "li":
            continue
        number += 1
        marker = f"{number}." if node.tag == "ol" else "-"
        inline = [c for c in item.children if not (isinstance(c, Node) and c.tag in ("ul", "ol", "table"))]
        parts = [" ".join(block.split("\n")) for block in _blocks(inline, False)]
        text = " ".join(part for part in parts if part)
        width = indent + len(marker) + 1
        if text:
            lines.append(" " * indent + f"{marker} {text}")
        for child in item.children:
            if isinstance(child, Node) and child.tag in ("ul", "ol"):
                lines.extend(_list(child, width if text else indent, titled))
            elif isinstance(child, Node) and child.tag == "table":
                lines.extend(" " * width + line for table in _table(child, titled) for line in table.split("\n"))
    return lines


def _rows(table: Node) -> list[Node]:
    rows = []
    for child in table.children:
        if isinstance(child, Node):
            if child.tag == "tr":
                rows.append(child)
            elif child.tag in ("thead", "tbody", "tfoot"):
                rows.extend(_rows(child))
    return rows


def _span(node: Node, name: str) -> int:
    try:
        return max(1, min(int(node.attrs.get(name, "1")), 64))
    except ValueError:
        return 1


def _table(table: Node, titled: bool) -> list[str]:
    """A pipe table (a table of one column: its cells' blocks)."""
    grid: list[list[str]] = []
    cells_of: list[list[Node]] = []
    pending: dict[int, int] = {}
    """Column -> rows still covered by a cell above (rowspan)."""
    for row in _rows(table):
        cells: list[str] = []
        nodes: list[Node] = []
        column = 0
        for cell in (c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")):
            while pending.get(column, 0) > 0:
                pending[column] -= 1
                cells.append("")
                column += 1
            blocks = _blocks(cell.children, titled)
            text = " ".join(" ".join(block.split()) for block in blocks)
            cells.append(text.replace("|", "\\|"))
            nodes.append(cell)
            for extra in range(_span(cell, "colspan")):
                if extra:
                    cells.append("")
                if _span(cell, "rowspan") > 1:
                    pending[column] = _span(cell, "rowspan") - 1
                column += 1
        while pending.get(column, 0) > 0:
            pending[column] -= 1
            cells.append("")
            column += 1
        grid.append(cells)
        cells_of.append(nodes)
    width = max((len(row) for row in grid), default=0)
    if width == 0:
        return []
    if width == 1:  # a framed box: what it holds
        return [block for nodes in cells_of for cell in nodes for block in _blocks(cell.children, titled)]
    lines = []
    for index, texts in enumerate(grid):
        lines.append("| " + " | ".join(texts + [""] * (width - len(texts))) + " |")
        if index == 0:
            lines.append("|" + "|".join([" --- "] * width) + "|")
    return ["\n".join(lines)]
