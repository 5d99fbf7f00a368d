"""The lines of a plain-text routine as tokens, and the body's blocks and list items.

:func:`tokenize` sorts each line into a ``#`` heading, a ``Label: value`` metadata line (with
a label from :mod:`generator.authoring.import_labels`), a paragraph or a list (bullets, numbered steps,
lettered sub-steps under a numbered step, and the items' continuation lines).
:mod:`generator.authoring.import_text` reads the tokens into metadata and :class:`Block` s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator.authoring.import_labels import INFO_HEADING, LABELS, SECTION_FIELDS

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_META = re.compile(r"^\s*(?:\*\*|__)?\s*(?P<label>[^:*_\n]{2,40}?)\s*"
                   r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+•–·])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<indent>\s*)(?P<letter>[a-zåäö])[.)]\s+(?P<text>\S.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*)")


def strip_emphasis(text: str) -> str:
    """``**Syfte:**`` → ``Syfte:``."""
    return _EMPHASIS.sub("", text).strip()


def label_field(text: str) -> str | None:
    """The field a heading or a bare line names (``Relaterad information`` → ``related``)."""
    plain = " ".join(strip_emphasis(text).rstrip(":").split()).casefold()
    name = LABELS.get(plain)
    return name if name in SECTION_FIELDS else None


def is_info_heading(text: str) -> bool:
    """True for the heading "Information om handlingen" (emphasis and a colon ignored)."""
    return " ".join(strip_emphasis(text).rstrip(":").split()).casefold() == INFO_HEADING.casefold()


def _meta_line(line: str) -> tuple[str, str] | None:
    """``Label: value`` (also ``**Label:** value``) with a known label: (field, value)."""
    found = _META.match(line)
    if found is None:
        return None
    key = " ".join(found["label"].split()).casefold()
    name = LABELS.get(key)
    if name is None:
        return None
    value = found["value"].strip()
    if value.startswith(("**", "__")) and value.endswith(("**", "__")) and len(value) > 4:
        value = value[2:-2].strip()
    return name, value


@dataclass
class Item:
    """One list item, with its sub-items (lettered sub-steps, indented bullets)."""

    marker: str
    """``-`` or ``3.``"""
    text: str
    line: int
    children: list[Item] = field(default_factory=list)


@dataclass
class Block:
    """A heading, a paragraph or a list of the body."""

    kind: str
    """``heading``, ``paragraph`` or ``list``."""
    line: int
    """Line in the source text."""
    text: str = ""
    """The heading's text, or the paragraph's lines joined by newlines."""
    level: int = 2
    items: list[Item] = field(default_factory=list)

    def markdown(self) -> str:
        if self.kind == "heading":
            return f"{'#' * self.level} {self.text}"
        if self.kind == "paragraph":
            return self.text
        return "\n".join(_item_lines(self.items, 0))


def _item_lines(items: list[Item], indent: int) -> Iterable[str]:
    for item in items:
        text_lines = item.text.split("\n")
        yield " " * indent + f"{item.marker} {text_lines[0]}"
        width = indent + len(item.marker) + 1
        for extra in text_lines[1:]:
            yield " " * width + extra
        yield from _item_lines(item.children, width)


def item_text(item: Item) -> str:
    """An item's text on one line."""
    return " ".join(item.text.split())


@dataclass
class Token:
    """A heading, a metadata line, a paragraph or a list, with its source line."""

    kind: str
    """``atx``, ``meta``, ``para`` or ``list``."""
    line: int
    lines: list[str] = field(default_factory=list)
    level: int = 0
    text: str = ""
    name: str = ""
    """For ``meta``: the field."""
    items: list[Item] = field(default_factory=list)
    alone: bool = False
    """A paragraph of one line with blank lines (or the file's edges) around it."""


def tokenize(lines: list[str]) -> list[Token]:
    """The tokens of the text's lines (without their line breaks)."""
    tokens: list[Token] = []
    current: Token | None = None
    stack: list[tuple[int, Item]] = []
    """Open list items by indentation: (indent of the marker, item)."""

    def close() -> None:
        nonlocal current
        if current is not None:
            tokens.append(current)
        current = None
        stack.clear()

    for number, raw in enumerate(lines, 1):
        line = raw.rstrip()
        if not line.strip():
            close()
            continue
        heading = _ATX.match(line)
        if heading:
            close()
            tokens.append(Token("atx", number, [line], len(heading[1]), heading[2].strip()))
            continue
        meta = _meta_line(line)
        if meta is not None:
            close()
            tokens.append(Token("meta", number, [line], text=meta[1], name=meta[0]))
            continue
        listed = _list_line(line, current.kind == "list" if current else False, stack)
        if listed is not None:
            indent, marker, text = listed
            if current is None or current.kind != "list":
                close()
                current = Token("list", number)
            current.lines.append(line)
            _add_item(current, stack, indent, marker, text, number)
            continue
        if current is not None and current.kind == "list" and line[:1].isspace() and stack:
            stack[-1][1].text += "\n" + line.strip()  # continuation of the item
            current.lines.append(line)
            continue
        if current is None or current.kind != "para":
            close()
            current = Token("para", number)
        current.lines.append(line.strip())
    close()
    _finish_paragraphs(tokens, lines)
    return tokens


def _finish_paragraphs(tokens: list[Token], lines: list[str]) -> None:
    """Join each paragraph's lines into its text, and mark the paragraphs that stand alone."""
    for token in tokens:
        if token.kind == "para":
            token.text = "\n".join(token.lines)
            before = token.line - 2
            after = token.line
            token.alone = (len(token.lines) == 1 and (before < 0 or not lines[before].strip())
                           and (after >= len(lines) or not lines[after].strip()))


def _list_line(line: str, in_list: bool, stack: list[tuple[int, Item]]) -> tuple[int, str, str] | None:
    """(indent, marker, text) of a list line; lettered sub-steps only inside a numbered list."""
    bullet = _BULLET.match(line)
    if bullet:
        text = bullet["text"]
        if bullet["marker"] in "*+" and text.rstrip().endswith(bullet["marker"]):
            return None  # "*emphasis*", not a list
        return len(bullet["indent"].expandtabs(4)), "-", text
    numbered = _NUMBERED.match(line)
    if numbered:
        return len(numbered["indent"].expandtabs(4)), f"{int(numbered['number'])}.", numbered["text"]
    lettered = _LETTERED.match(line)
    if lettered and in_list and stack and stack[0][1].marker[0].isdigit():
        return len(lettered["indent"].expandtabs(4)) + 1, "-", f"{lettered['letter']}) {lettered['text']}"
    return None


def _add_item(token: Token, stack: list[tuple[int, Item]], indent: int, marker: str, text: str,
              line: int) -> None:
    item = Item(marker, text.strip(), line)
    lettered = bool(re.match(r"^[a-zåäö]\) ", item.text))
    # A lettered sub-step under a numbered step, or a bullet indented deeper than the item above.
    while stack and not (stack[-1][0] < indent or (lettered and stack[-1][1].marker[0].isdigit())):
        stack.pop()
    if stack and (stack[-1][0] < indent or (lettered and stack[-1][1].marker[0].isdigit())):
        stack[-1][1].children.append(item)
    else:
        stack.clear()
        token.items.append(item)
    stack.append((indent, item))


def body_markdown(blocks: list[Block]) -> str:
    """The body: blocks separated by blank lines."""
    return "\n\n".join(b.markdown() for b in blocks) + ("\n" if blocks else "")
