"""The lines of a plain-text routine as tokens, and the body's blocks and list items.

:func:`tokenize` sorts each line into a ``#`` heading, a ``Label: value`` metadata line (with
a label from :mod:`generator.authoring.import_labels`), a paragraph or a list (bullets, numbered steps,
lettered sub-steps under a numbered step, and the items' continuation lines).
:mod:`generator.authoring.import_text` reads the tokens into metadata and :class:`Block` s.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from generator.authoring.import_labels import (
    INFO_HEADINGS,
    OTHER,
    SECTION_FIELDS,
    TOP_SECTIONS,
    field_of,
    label_key,
)

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_META = re.compile(r"^\s*(?:\*\*|__)?\s*(?P<label>[^:*_\n]{2,40}?)\s*"
                   r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+•–·▪■◦○\uf0b7]|o(?=\t))\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<indent>\s*)(?P<letter>[a-zåäö])[.)]\s+(?P<text>\S.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*)")


def strip_emphasis(text: str) -> str:
    """``**Syfte:**`` → ``Syfte:``."""
    return _EMPHASIS.sub("", text).strip()


def label_field(text: str) -> str | None:
    """The field a heading or a bare line names (``Relaterad information`` → ``related``)."""
    name = field_of(text)
    return name if name in SECTION_FIELDS else None


_INFO_KEYS = frozenset(label_key(h) for h in INFO_HEADINGS)


def is_info_heading(text: str) -> bool:
    """True for a heading of a metadata block ("Information om handlingen", "Sidinformation"),
    emphasis and a colon ignored."""
    return label_key(text) in _INFO_KEYS


def meta_value(value: str) -> str:
    """A metadata value without the emphasis or the template's brackets around it."""
    value = value.strip()
    if value.startswith(("**", "__")) and value.endswith(("**", "__")) and len(value) > 4:
        value = value[2:-2].strip()
    if len(value) > 2 and value[0] == "[" and value[-1] == "]" and "](" not in value:
        value = value[1:-1].strip()  # Barium's "[2015-11-19]"
    return value


def meta_line(line: str) -> tuple[str, str, str] | None:
    """``Label: value`` (also ``**Label:** value``) with a known label: (field, value, label)."""
    found = _META.match(line)
    if found is None or _BULLET.match(line) or _NUMBERED.match(line):
        return None  # "- Dokumentserie: su/med" is a list item (the body's Övriga uppgifter)
    name = field_of(found["label"])
    if name is None:
        return None
    value = meta_value(found["value"])
    if name == OTHER and not value:
        return None  # "Målgrupp:" and its value on the next line: read by import_layouts
    return name, value, " ".join(found["label"].split())


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
    """For ``meta``: the field (or ``other``)."""
    label: str = ""
    """For ``meta``: the label as written."""
    items: list[Item] = field(default_factory=list)
    alone: bool = False
    """A paragraph of one line with blank lines (or the file's edges) around it."""


def tokenize(lines: Sequence[str | tuple[int, str]], extra: list[Token] | None = None) -> list[Token]:
    """The tokens of the text's lines (without their line breaks), or of numbered lines (a blank
    one may stand between two lines of the source: a paragraph break read from the layout), with
    ``extra`` tokens (metadata read by :mod:`generator.authoring.import_layouts`) at their lines."""
    numbered = [item if isinstance(item, tuple) else (n, item) for n, item in enumerate(lines, 1)]
    tokens: list[Token] = []
    current: Token | None = None
    stack: list[tuple[int, Item]] = []
    """Open list items by indentation: (indent of the marker, item)."""
    blank_before = True
    """Was the line before the current paragraph blank (or the start of the file)?"""

    def close(blank: bool = False) -> None:
        nonlocal current
        if current is not None:
            if current.kind == "para":
                current.alone = current.alone and blank and len(current.lines) == 1
            tokens.append(current)
        current = None
        stack.clear()

    previous_blank = True
    for number, raw in numbered:
        line = raw.rstrip()
        blank_before, previous_blank = previous_blank, not line.strip()
        if not line.strip():
            close(blank=True)
            continue
        heading = _ATX.match(line)
        if heading:
            close()
            tokens.append(Token("atx", number, [line], len(heading[1]), heading[2].strip()))
            continue
        meta = meta_line(line)
        if meta is not None:
            close()
            tokens.append(Token("meta", number, [line], text=meta[1], name=meta[0], label=meta[2]))
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
            current = Token("para", number, alone=blank_before)
        current.lines.append(line.strip())
    close(blank=True)
    for token in tokens:
        if token.kind == "para":
            token.text = "\n".join(token.lines)
    if extra:
        tokens = sorted([*tokens, *extra], key=lambda t: t.line)
    return tokens


def is_list_line(line: str) -> bool:
    """Is this line a list item (a bullet, a numbered step, a lettered sub-step)?"""
    return _list_line(line, True, [(0, Item("1.", "", 0))]) is not None


def _list_line(line: str, in_list: bool, stack: list[tuple[int, Item]]) -> tuple[int, str, str] | None:
    """(indent, marker, text) of a list line; lettered sub-steps only inside a numbered list."""
    bullet = _BULLET.match(line)
    if bullet:
        text = bullet["text"]
        if bullet["marker"] in "*+" and text.rstrip().endswith(bullet["marker"]):
            return None  # "*emphasis*", not a list
        return len(bullet["indent"].expandtabs(4)), "-", text
    numbered = _NUMBERED.match(line)
    if numbered and numbered["text"].strip(" :").casefold() not in TOP_SECTIONS:  # "1. Syfte" is a heading
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
