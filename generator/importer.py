"""``routines import``: plain-text routines (the seeds' format) turned into routine files.

A plain-text routine, as exported from Word or an intranet system, has metadata lines
(``Gäller för: …``, ``Innehållsansvar: Namn, (id), Titel``, …) wherever they stand, often
repeated under "Information om handlingen" at the end; a title (a ``#`` line, or none);
sections whose headings are either Markdown ``#`` lines or bare short lines ("Syfte"); lists,
numbered steps with lettered sub-steps, emphasis and links. :func:`parse_text` reads that into
metadata values and body blocks; :func:`build_import` makes the front matter, asks
:mod:`generator.proposals` for the rules the text states, and renders the file.

Nothing here trusts itself: every proposed rule carries ``review:``, and every value that could
not be read (an unknown unit, a missing field, two different values for one label) is reported
with its line.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.catalog import Catalog
from generator.organisation import Organisation
from generator.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.yamlsafe import load_yaml, resolve_plain

# --- labels -------------------------------------------------------------------------------

LABELS: dict[str, str] = {
    "gäller för": "applies_to",
    "innehållsansvar": "owner",
    "innehållsansvarig": "owner",
    "granskad av": "reviewers",
    "godkänd av": "approver",
    "giltig från": "valid_from",
    "giltig till": "valid_to",
    "dokument-id": "id",
    "dokumentid": "id",
    "version": "version",
    "handlingstyp": "type",
    "dokumenttyp": "type",
    "innehållsgranskare": "content_reviewers",
    "revideringar i denna version": "revision_note",
    "relaterad information": "related",
    "titel": "title",
    "status": "status",
    "nyckelord": "tags",
}
"""Metadata labels (case ignored) and the front-matter field each fills."""

LABEL_OF: dict[str, str] = {
    "applies_to": "Gäller för", "owner": "Innehållsansvar", "reviewers": "Granskad av",
    "approver": "Godkänd av", "valid_from": "Giltig från", "valid_to": "Giltig till",
    "id": "Dokument-ID", "version": "Version", "type": "Handlingstyp",
    "content_reviewers": "Innehållsgranskare", "revision_note": "Revideringar i denna version",
    "related": "Relaterad information", "title": "Titel", "status": "Status", "tags": "Nyckelord",
}
"""The label each field is written with (by the exporter, and in messages)."""

INFO_HEADING = "Information om handlingen"
LIST_FIELDS = ("reviewers", "content_reviewers", "related", "tags")
SECTION_FIELDS = ("applies_to", "owner", "reviewers", "approver", "valid_from", "valid_to",
                  "content_reviewers", "revision_note", "related")
"""Fields that may also be given as a heading with the value below it (the BCC seed's
"Innehållsgranskare", "Relaterad information"); the others only as ``Etikett: värde`` lines."""
"""Fields that take every value given (each once); the others take one."""
PERSON_FIELDS = ("owner", "approver", "reviewers", "content_reviewers")
REQUIRED = ("id", "title", "type", "version", "applies_to", "owner", "approver", "valid_from", "valid_to")
FIELD_ORDER = ("id", "title", "type", "version", "status", "applies_to", "owner", "reviewers",
               "content_reviewers", "approver", "valid_from", "valid_to", "revision_note", "related",
               "tags", "rules")
STATUS_WORDS = {"publicerad": "published", "gällande": "published", "fastställd": "published",
                "published": "published", "utkast": "draft", "draft": "draft", "upphävd": "withdrawn",
                "arkiverad": "withdrawn", "withdrawn": "withdrawn"}
STATUS_LABELS = {"draft": "Utkast", "withdrawn": "Upphävd", "published": "Publicerad"}

TOP_SECTIONS = frozenset({
    "syfte", "bakgrund", "omfattning", "mål", "definitioner", "begrepp", "arbetsbeskrivning",
    "arbetsflöde", "roller", "ansvar", "ansvar och roller", "dokumentation", "uppföljning",
    "uppföljning, utvärdering och revision", "referenser", "bilagor", "kontakt", "läs mer",
})
"""Section names of the regions' routine template: a bare heading with one of these names is a
top-level section (``##``), whatever came before it."""

# --- lines --------------------------------------------------------------------------------

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_META = re.compile(r"^\s*(?:\*\*|__)?\s*(?P<label>[^:*_\n]{2,40}?)\s*"
                   r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$")
_BULLET = re.compile(r"^(?P<indent>\s*)(?P<marker>[-*+•–·])\s+(?P<text>\S.*)$")
_NUMBERED = re.compile(r"^(?P<indent>\s*)(?P<number>\d{1,3})[.)]\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<indent>\s*)(?P<letter>[a-zåäö])[.)]\s+(?P<text>\S.*)$")
_EMPHASIS = re.compile(r"(\*\*|__|\*)")
_PERSON_LINE = re.compile("^[A-ZÅÄÖÉÜ][\\w'\u2019-]+(?:\\s+[A-ZÅÄÖÉÜ][\\w'\u2019-]+){1,3}\\s*,")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


def strip_emphasis(text: str) -> str:
    """``**Syfte:**`` → ``Syfte:``."""
    return _EMPHASIS.sub("", text).strip()


def _label_field(text: str) -> str | None:
    """The field a heading or a bare line names (``Relaterad information`` → ``related``)."""
    plain = " ".join(strip_emphasis(text).rstrip(":").split()).casefold()
    name = LABELS.get(plain)
    return name if name in SECTION_FIELDS else None


def _is_info_heading(text: str) -> bool:
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


# --- blocks -------------------------------------------------------------------------------


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
class _Token:
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


def _tokens(lines: list[str]) -> list[_Token]:
    tokens: list[_Token] = []
    current: _Token | None = None
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
            tokens.append(_Token("atx", number, [line], len(heading[1]), heading[2].strip()))
            continue
        meta = _meta_line(line)
        if meta is not None:
            close()
            tokens.append(_Token("meta", number, [line], text=meta[1], name=meta[0]))
            continue
        listed = _list_line(line, current.kind == "list" if current else False, stack)
        if listed is not None:
            indent, marker, text = listed
            if current is None or current.kind != "list":
                close()
                current = _Token("list", number)
            current.lines.append(line)
            _add_item(current, stack, indent, marker, text, number)
            continue
        if current is not None and current.kind == "list" and line[:1].isspace() and stack:
            stack[-1][1].text += "\n" + line.strip()  # continuation of the item
            current.lines.append(line)
            continue
        if current is None or current.kind != "para":
            close()
            current = _Token("para", number)
        current.lines.append(line.strip())
    close()
    for token in tokens:
        if token.kind == "para":
            token.text = "\n".join(token.lines)
            before = token.line - 2
            after = token.line
            token.alone = (len(token.lines) == 1 and (before < 0 or not lines[before].strip())
                           and (after >= len(lines) or not lines[after].strip()))
    return tokens


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


def _add_item(token: _Token, stack: list[tuple[int, Item]], indent: int, marker: str, text: str,
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


# --- parsing ------------------------------------------------------------------------------


@dataclass
class Value:
    """One metadata value as written, with its source line."""

    text: str
    line: int


@dataclass
class ParsedText:
    """A plain-text routine, read: metadata values per field, the title, the body's blocks."""

    values: dict[str, list[Value]] = field(default_factory=dict)
    title: Value | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)
    """(source line, message) of what could not be read as metadata."""
    markdown_style: bool = False

    def add(self, name: str, text: str, line: int) -> None:
        self.values.setdefault(name, []).append(Value(text, line))


def _bare_heading(token: _Token, following: _Token | None) -> bool:
    """True when a paragraph of one short line reads as a heading ("Syfte", "Arbetsflöde")."""
    if not token.alone or following is None:
        return False
    plain = " ".join(strip_emphasis(token.text).split())
    if not plain or len(plain) > 80 or plain[-1] in ".:;,!?)”\"'…»":
        return False
    if not (plain[0].isupper() or plain[0].isdigit()):
        return False
    if _URL.search(plain) or "](" in plain or "<" in plain:
        return False
    words = plain.split()
    if len(words) > 10:
        return False
    return not (following.kind == "list" and len(words) > 4)  # "… finns tjänsten" leads into a list


def _title_token(tokens: list[_Token]) -> int | None:
    """Index of the ``#`` line that is the routine's title, if there is one."""
    headings = [(i, t) for i, t in enumerate(tokens) if t.kind == "atx" and not _is_info_heading(t.text)
                and _label_field(t.text) is None]
    if not headings or headings[0][1].level != 1:
        return None
    first = headings[0][0]
    ones = [t for _, t in headings if t.level == 1]
    if len(ones) == 1 or (len(headings) > 1 and headings[1][1].level > 1):
        return first
    return None


class _Reader:
    """Walks the tokens, sorting metadata from body."""

    def __init__(self, tokens: list[_Token], is_role: Callable[[str], bool]) -> None:
        self.tokens = tokens
        self.is_role = is_role
        self.title_index = _title_token(tokens)
        self.parsed = ParsedText(markdown_style=any(
            t.kind == "atx" and i != self.title_index and not _is_info_heading(t.text)
            and _label_field(t.text) is None for i, t in enumerate(tokens)))
        """Markdown style: sections have ``#`` headings, so bare lines are never headings."""
        self.section: str | None = None
        """The field whose value the following lines give (after a heading "Relaterad information")."""
        self.section_heading: Block | None = None
        self.section_fresh = False
        self.section_text: list[str] = []
        self.section_line = 0
        self.in_info = False
        self.info_heading: Block | None = None
        self.info_level = 1

    # sections

    def open_section(self, name: str, heading: Block) -> None:
        self.close_section()
        self.section, self.section_heading, self.section_fresh = name, heading, True
        self.section_text, self.section_line = [], heading.line

    def close_section(self) -> None:
        if self.section == "revision_note" and self.section_text:
            self.parsed.add("revision_note", "\n\n".join(self.section_text), self.section_line)
        self.section, self.section_heading, self.section_text = None, None, []

    def keep_in_body(self, block: Block) -> None:
        """A block under a metadata heading that is not metadata: kept, under its heading."""
        heading = self.section_heading if self.section else (self.info_heading if self.in_info else None)
        if heading is not None and heading not in self.parsed.blocks:
            self.parsed.blocks.append(heading)
        self.parsed.blocks.append(block)

    def section_takes(self, token: _Token, following: _Token | None) -> bool:
        """Does the open section take this paragraph or list as (part of) its value?"""
        if self.section is None:
            return False
        if (self.section_fresh or token.kind == "list" or self.parsed.markdown_style
                or (self.section_heading is not None and self.section_heading.level > 0)):
            return True  # under a "#" heading, everything up to the next one
        if not _bare_heading(token, following):
            return True
        return self.section in PERSON_FIELDS and bool(_PERSON_LINE.match(strip_emphasis(token.text)))

    def take(self, token: _Token) -> None:
        """Give a paragraph's or list's lines to the open section."""
        assert self.section is not None
        name = self.section
        self.section_fresh = False
        if name == "revision_note":
            self.section_text.append("\n".join(token.lines) if token.kind == "para"
                                      else "\n".join(line.strip() for line in token.lines))
            return
        entries: list[tuple[str, int]]
        if token.kind == "list":
            entries = [(item_text(item), item.line) for item in token.items]
        else:
            entries = [(line, token.line + offset) for offset, line in enumerate(token.lines)]
        if name not in LIST_FIELDS:
            entries = entries[:1]
            rest = token.lines[1:] if token.kind == "para" else [item_text(i) for i in token.items[1:]]
            if rest:
                self.keep_in_body(Block("paragraph", token.line + 1, "\n".join(rest)))
        leftover: list[str] = []
        for text, line in entries:
            if name == "related" and parse_link(text) is None:
                leftover.append(text)
                message = (f"could not read a title and an address from '{text}' under Relaterad "
                           "information; kept in the body")
                self.parsed.notes.append((line, message))
                continue
            self.parsed.add(name, text, line)
        if leftover:
            self.keep_in_body(Block("paragraph", token.line, "\n".join(leftover)))
        if name not in LIST_FIELDS:
            self.close_section()

    # the walk

    def read(self) -> ParsedText:
        tokens = self.tokens
        title_index = self.title_index
        for index, token in enumerate(tokens):
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if index == title_index:
                self.close_section()
                self.parsed.title = Value(strip_emphasis(token.text), token.line)
                continue
            if token.kind == "meta":
                self.close_section()
                if token.text:
                    self.parsed.add(token.name, token.text, token.line)
                else:
                    self.open_section(token.name, Block("heading", token.line, LABEL_OF[token.name], 0))
                continue
            if token.kind == "atx":
                self.heading(token, token.level, token.text)
                continue
            if token.kind == "para" and token.alone and (_is_info_heading(token.text)
                                                         or _label_field(token.text)):
                self.heading(token, 0, token.text)
                continue
            if self.section_takes(token, following):
                self.take(token)
                continue
            if (token.kind == "para" and not self.parsed.markdown_style
                    and _bare_heading(token, following)):
                self.heading(token, 0, token.text)
                continue
            block = (Block("list", token.line, items=token.items) if token.kind == "list"
                     else Block("paragraph", token.line, token.text))
            if self.in_info or self.section:
                self.keep_in_body(block)
            else:
                self.parsed.blocks.append(block)
        self.close_section()
        if not self.parsed.markdown_style:
            _nest_bare_headings(self.parsed.blocks, self.is_role)
        else:
            _shift_headings(self.parsed.blocks)
        return self.parsed

    def heading(self, token: _Token, level: int, text: str) -> None:
        """A heading: metadata section, "Information om handlingen", or a body section.
        ``level`` 0 is a bare line (its level is worked out later)."""
        self.close_section()
        clean = strip_emphasis(text) if level == 0 else text
        block = Block("heading", token.line, clean.rstrip(":") if level == 0 else clean, level)
        if _is_info_heading(text):
            self.in_info, self.info_heading, self.info_level = True, block, level
            return
        name = _label_field(text)
        if name is not None:
            self.open_section(name, block)
            return
        if self.in_info and (level == 0 or level <= self.info_level):
            self.in_info = False
        if self.in_info:
            self.keep_in_body(block)
        else:
            self.parsed.blocks.append(block)


def _nest_bare_headings(blocks: list[Block], is_role: Callable[[str], bool]) -> None:
    """Levels for bare headings: ``##``, and ``###`` for a run of sub-headings.

    A heading directly followed by another ("Roller", then "Ärendemottagare") opens sub-headings.
    When the first names a role, the run goes on while headings name roles; otherwise it goes on
    until a heading with the name of a template section ("Ansvar", "Arbetsflöde", ...).
    """
    by_roles: bool | None = None
    previous: Block | None = None
    for block in blocks:
        if block.kind != "heading":
            previous = block
            continue
        if block.level != 0:  # a metadata heading kept for leftovers has its level already
            previous = block
            continue
        name = " ".join(block.text.split())
        if name.casefold() in TOP_SECTIONS:
            by_roles, block.level = None, 2
        elif (previous is not None and previous.kind == "heading" and previous.level == 2
              and by_roles is None):
            by_roles = is_role(name)
            block.level = 3
        elif by_roles is not None and (is_role(name) if by_roles else name.casefold() not in TOP_SECTIONS):
            block.level = 3
        else:
            by_roles = None
            block.level = 2
        previous = block


def _shift_headings(blocks: list[Block]) -> None:
    """Markdown headings shifted so that the body's shallowest is ``##`` (the title is ``#``)."""
    levels = [b.level for b in blocks if b.kind == "heading" and b.level > 0]
    shift = 2 - min(levels) if levels else 0
    for block in blocks:
        if block.kind == "heading":
            block.level = min(6, max(2, block.level + shift)) if block.level > 0 else 2


def parse_text(text: str, is_role: Callable[[str], bool] = lambda _: False) -> ParsedText:
    """Read a plain-text routine; ``is_role`` tells role names (sub-headings under "Roller")."""
    return _Reader(_tokens(text.split("\n")), is_role).read()


# --- values -------------------------------------------------------------------------------

_PAREN_ID = re.compile(r"^\(\s*([^()]*?)\s*\)$")


def parse_person(text: str) -> dict[str, str]:
    """``Namn, (id), Titel`` → ``{id, name, title}``; ``Namn, Titel`` → ``{name, title}``."""
    text = " ".join(strip_emphasis(text).split())
    found = re.match(r"^(?P<name>[^,(]+?)\s*\((?P<id>[^()]*)\)\s*,?\s*(?P<title>.*)$", text)
    if found:  # "Namn (id), Titel"
        name, pid, title = found["name"], found["id"].strip(), found["title"]
    else:
        parts = [p.strip() for p in text.split(",")]
        name, pid, rest = parts[0], "", parts[1:]
        if rest and _PAREN_ID.match(rest[0]):
            pid = _PAREN_ID.match(rest[0])[1]  # type: ignore[index]
            rest = rest[1:]
        title = ", ".join(p for p in rest if p)
    person = {"id": pid} if pid else {}
    person["name"] = name.strip().rstrip(",").strip()
    if title.strip():
        person["title"] = title.strip()
    return person


def person_text(person: Mapping[str, Any]) -> str:
    """The seeds' ``Namn, (id), Titel``."""
    parts = [str(person.get("name", ""))]
    if person.get("id"):
        parts.append(f"({person['id']})")
    if person.get("title"):
        parts.append(str(person["title"]))
    return ", ".join(parts)


def parse_link(text: str) -> dict[str, str] | None:
    """``Titel <url>``, ``[Titel](url)``, ``Titel: url``, ``Titel url`` or a bare address."""
    text = text.strip()
    text = re.sub(r"^[-*•–]\s+", "", text)
    found = (re.match(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)\s*$", text)
             or re.match(r"^(?P<title>.+?)\s*<(?P<url>[^<>\s]+)>\s*$", text)
             or re.match(r"^(?P<title>.+?)\s*(?::\s+|\s+[-–]\s+|\s+)"
                         r"(?P<url>(?:https?://|www\.)\S+)$", text))
    if found:
        return {"title": strip_emphasis(found["title"]).strip(), "url": found["url"]}
    bare = re.match(r"^<?((?:https?://|www\.)[^\s<>]+)>?$", text)
    if bare:
        return {"title": bare[1], "url": bare[1]}
    return None


def link_text(link: Mapping[str, Any]) -> str:
    """The BCC seed's ``Titel <url>``."""
    return f"{link.get('title', '')} <{link.get('url', '')}>"


def _date(text: str) -> str | None:
    found = re.search(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    return f"{found[1]}-{int(found[2]):02d}-{int(found[3]):02d}" if found else None


def slug(text: str, limit: int = 80) -> str:
    """``1177 Vårdguidens e-tjänster`` → ``1177-vardguidens-e-tjanster``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return result[:limit].rstrip("-")


# --- building the routine -------------------------------------------------------------------


@dataclass
class Finding:
    """Something a person must look at: in the source text or in the written file."""

    where: str
    """``source`` or ``target``."""
    line: int
    message: str
    rule: str = ""
    """For a proposed rule: ``kind/id``."""
    quote: str = ""
    """For a proposed rule: the sentences it came from."""
    field: str = ""
    """For a value that could not be read: its front-matter field."""


@dataclass
class Imported:
    """One input file, imported (or why not)."""

    source: Path
    source_label: str
    target: Path | None = None
    target_label: str = ""
    text: str = ""
    """The routine file's content."""
    data: dict[str, Any] = field(default_factory=dict)
    """The front matter (rules included)."""
    body: str = ""
    findings: list[Finding] = field(default_factory=list)
    error: str = ""
    status: str = ""
    """``written``, ``would-write`` (dry run), ``exists`` (no --force) or ``error``."""

    @property
    def needs_review(self) -> bool:
        return bool(self.findings)


def _one(parsed: ParsedText, name: str, findings: list[Finding]) -> Value | None:
    values = parsed.values.get(name) or []
    if not values:
        return None
    first = values[0]
    different = [v for v in values[1:] if " ".join(v.text.split()) != " ".join(first.text.split())]
    if different:
        shown = ", ".join(f"'{v.text}' (line {v.line})" for v in [first, *different])
        findings.append(Finding("source", first.line,
                                f"{LABEL_OF[name]} is given with different values: {shown}; the first "
                                "is used, check which is right"))
    return first


def _units(value: Value, org: Organisation, findings: list[Finding]) -> list[str]:
    """Unit ids for a ``Gäller för`` value (names, aliases or ids, split at ``;`` or ``,``)."""
    whole = org.resolve(value.text.strip())
    if whole is not None:
        return [whole]
    parts = [p.strip() for p in re.split(r";|\n", value.text) if p.strip()]
    ids: list[str] = []
    for part in parts:
        found = org.resolve(part)
        pieces = [part] if found else [p.strip() for p in part.split(",") if p.strip()]
        for piece in pieces:
            unit = found or org.resolve(piece)
            if unit is None:
                unit = slug(piece) or "okand-enhet"
                names = [label for u in org.units.values() for label in (u.name, *u.aliases)]
                close = difflib.get_close_matches(piece, names, n=1, cutoff=0.6)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                where = ("routines/organisation.yaml" if org.loaded
                         else "routines/organisation.yaml, which could not be read,")
                findings.append(Finding("source", value.line,
                                        f"Gäller för '{piece}' is not a unit in {where} by name or "
                                        f"alias{hint}; written as '{unit}', which check reports until you "
                                        "replace it by a unit id (or add the unit)"))
            if unit not in ids:
                ids.append(unit)
    return ids


def front_matter(parsed: ParsedText, org: Organisation,
                 title: str | None = None) -> tuple[dict[str, Any], list[Finding]]:
    """The front matter (without rules) from the metadata values, and what to look at."""
    findings: list[Finding] = [Finding("source", line, msg) for line, msg in parsed.notes]
    data: dict[str, Any] = {}
    pid = _one(parsed, "id", findings)
    if pid is not None:
        data["id"] = pid.text.strip()
    title_value = _one(parsed, "title", findings)
    if title:
        data["title"] = title.strip()
    elif title_value is not None:
        data["title"] = strip_emphasis(title_value.text)
    elif parsed.title is not None:
        data["title"] = parsed.title.text
    kind = _one(parsed, "type", findings)
    if kind is not None:
        data["type"] = "-".join(kind.text.strip().casefold().split())
    version = _one(parsed, "version", findings)
    if version is not None:
        text = version.text.strip()
        data["version"] = text.replace(",", ".") if re.fullmatch(r"\d+(,\d+)+", text) else text
    status = _one(parsed, "status", findings)
    data["status"] = "published"
    if status is not None:
        word = STATUS_WORDS.get(status.text.strip().casefold())
        if word is None:
            findings.append(Finding("source", status.line, f"Status '{status.text}' is not one of "
                                    "Publicerad, Utkast, Upphävd; the routine is written as published"))
        data["status"] = word or "published"
    applies = _one(parsed, "applies_to", findings)
    if applies is not None:
        data["applies_to"] = _units(applies, org, findings)
    for name in ("owner", "reviewers", "content_reviewers", "approver"):
        if name in LIST_FIELDS:
            people: list[dict[str, str]] = []
            for value in parsed.values.get(name, []):
                for part in value.text.split(";"):
                    person = parse_person(part)
                    if person["name"] and person not in people:
                        people.append(person)
            if people:
                data[name] = people
            continue
        given = _one(parsed, name, findings)
        if given is None:
            continue
        person = parse_person(given.text)
        data[name] = person
        if "id" not in person:
            findings.append(Finding("source", given.line,
                                    f"{LABEL_OF[name]} '{given.text}' has no id: write it as "
                                    "'Namn, (id), Titel' (the id in parentheses)"))
    for name in ("valid_from", "valid_to"):
        given = _one(parsed, name, findings)
        if given is None:
            continue
        day = _date(given.text)
        if day is None:
            findings.append(Finding("source", given.line, f"{LABEL_OF[name]} '{given.text}' is not a "
                                    "date as YYYY-MM-DD", field=name))
        data[name] = day or given.text.strip()
    note = _one(parsed, "revision_note", findings)
    if note is not None:
        data["revision_note"] = note.text.strip()
    related: list[dict[str, str]] = []
    for value in parsed.values.get("related", []):
        link = parse_link(value.text)
        if link is None:
            findings.append(Finding("source", value.line, f"could not read a title and an address "
                                    f"from Relaterad information '{value.text}'; left out"))
        elif link not in related:
            related.append(link)
    if related:
        data["related"] = related
    tags: list[str] = []
    for value in parsed.values.get("tags", []):
        tags.extend(t.strip() for t in value.text.split(",") if t.strip() and t.strip() not in tags)
    if tags:
        data["tags"] = tags
    if "title" not in data:
        findings.append(Finding("source", 1, "no title: the text has no '# Titel' line nor a "
                                "'Titel:' line; add `title:` to the routine (or import it again "
                                "with --title)"))
    missing = [n for n in REQUIRED if n not in data and n != "title"]
    if missing:
        labels = ", ".join(LABEL_OF[n] for n in missing)
        fields = ", ".join(f"`{n}:`" for n in missing)
        findings.append(Finding("source", 1, f"not in the text: {labels}; add {fields} to the routine"))
    return {k: data[k] for k in FIELD_ORDER if k in data}, findings


def body_markdown(blocks: list[Block]) -> str:
    """The body: blocks separated by blank lines."""
    return "\n\n".join(b.markdown() for b in blocks) + ("\n" if blocks else "")


# --- YAML ---------------------------------------------------------------------------------

_YAML_PRINTABLE = re.compile(
    "[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
"""Characters written escaped: controls, NEL and the line and paragraph separators (which
libyaml reads as line breaks), surrogates and the BOM."""
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def _quoted(text: str) -> str:
    dumped = json.dumps(text, ensure_ascii=False)
    return _YAML_PRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def scalar(value: Any, *, flow: bool = False) -> str:
    """A YAML scalar that reads back as ``value`` (under the YAML 1.2 core schema)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain = (text and text == text.strip() and "\n" not in text and "\t" not in text
             and not _YAML_PRINTABLE.search(text) and text[0] not in _INDICATORS
             and ": " not in text and " #" not in text and not text.endswith(":")
             and resolve_plain(text) == text and isinstance(resolve_plain(text), str)
             and not (flow and any(c in text for c in ",[]{}:")))
    return text if plain else _quoted(text)


def _block_string(text: str, indent: int, width: int = 92) -> str | None:
    """A long one-line text as a folded block (``>-``), or None when it cannot be one safely."""
    if ("\n" in text or " " not in text or "  " in text or text != text.strip() or "\t" in text
            or _YAML_PRINTABLE.search(text) or not text):
        return None
    pad = " " * indent
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(pad) + len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return ">-\n" + "\n".join(pad + line for line in lines)


def _literal(text: str, indent: int) -> str | None:
    """A text of several lines as a literal block (``|-``), or None when it cannot be one."""
    if (text.endswith("\n") or text.startswith((" ", "\n")) or "\t" in text or "\r" in text
            or _YAML_PRINTABLE.search(text)):
        return None
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def _flow(value: Any) -> str | None:
    """A short list of scalars or a mapping of scalars on one line, or None."""
    if isinstance(value, list) and all(isinstance(v, str | int | bool) for v in value):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    if isinstance(value, dict) and all(isinstance(v, str | int | bool) for v in value.values()):
        pairs = (f"{scalar(k, flow=True)}: {scalar(v, flow=True)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    return None


def _emit(key: str, value: Any, indent: int, out: list[str], plain_only: bool) -> None:
    pad = " " * indent
    head = f"{pad}{scalar(key)}:"
    if isinstance(value, str):
        if not plain_only:
            block = (_literal(value, indent + 2) if "\n" in value
                     else _block_string(value, indent + 2) if len(head) + len(value) > 96 else None)
            if block is not None:
                out.append(f"{head} {block}")
                return
        out.append(f"{head} {scalar(value)}")
        return
    if not isinstance(value, list | dict):
        out.append(f"{head} {scalar(value)}")
        return
    if not value:
        out.append(f"{head} {'[]' if isinstance(value, list) else '{}'}")
        return
    flow = None if plain_only else _flow(value)
    if flow is not None and len(head) + len(flow) <= 96:
        out.append(f"{head} {flow}")
        return
    if isinstance(value, dict):
        out.append(head)
        for k, v in value.items():
            _emit(str(k), v, indent + 2, out, plain_only)
        return
    out.append(head)
    for item in value:
        _emit_item(item, indent + 2, out, plain_only)


def _emit_item(item: Any, indent: int, out: list[str], plain_only: bool) -> None:
    pad = " " * indent
    if isinstance(item, dict) and item:
        flow = None if plain_only else _flow(item)
        if flow is not None and len(pad) + 2 + len(flow) <= 96:
            out.append(f"{pad}- {flow}")
            return
        lines: list[str] = []
        for k, v in item.items():
            _emit(str(k), v, indent + 2, lines, plain_only)
        lines[0] = f"{pad}- {lines[0][indent + 2:]}"
        out.extend(lines)
        return
    if isinstance(item, list):
        flow = _flow(item)
        out.append(f"{pad}- {flow if flow is not None else json.dumps(item, ensure_ascii=False)}")
        return
    out.append(f"{pad}- {scalar(item)}")


RULES_COMMENT = ("# Proposed by `routines import` from the text: check each rule against the body, "
                 "then\n  # remove its `review:` line (`routines check` warns until you do).")


def yaml_front_matter(data: Mapping[str, Any]) -> str:
    """The front matter in the demo's style, checked to read back as ``data``."""
    for plain_only in (False, True):
        out: list[str] = []
        for key, value in data.items():
            if key == "rules" and any(r.get("review") for rs in value.values() for r in rs):
                out.append("rules:")
                out.append("  " + RULES_COMMENT)
                for kind, rules in value.items():
                    _emit(kind, rules, 2, out, plain_only)
                continue
            _emit(key, value, 0, out, plain_only)
        text = "\n".join(out) + "\n"
        if load_yaml(text).data == dict(data):
            return text
    raise ValueError("the front matter cannot be written as YAML that reads back the same")


def routine_text(data: Mapping[str, Any], body: str) -> str:
    """A routine file: front matter between ``---`` lines, a blank line, the body."""
    text = body.strip()
    return f"---\n{yaml_front_matter(data)}---\n" + (f"\n{text}\n" if text else "")


# --- one file -----------------------------------------------------------------------------


class SourceError(Exception):
    """A file that cannot be imported; the message says why and what to do."""


def read_source(path: Path) -> str:
    """The text of a plain-text routine; raises :class:`SourceError` with a message a person
    can act on."""
    data = read_bytes(path, MAX_ROUTINE_BYTES)
    if isinstance(data, TextProblem):
        raise SourceError(data.message)
    text = decode(data)
    if isinstance(text, TextProblem):
        if text.code == "encoding" and "UTF-8" in text.message:
            try:
                data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
            except UnicodeDecodeError as error:
                offset = error.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
                raise SourceError(f"{text.message.replace('; save the file as UTF-8', '')} (byte offset "
                                 f"{offset}); save it as UTF-8 (in Word: Spara som, Oformaterad text, "
                                 "Unicode UTF-8) and import it again") from None
        raise SourceError(text.message)
    if not text.strip():
        raise SourceError("the file is empty; export the routine as text again")
    if text.startswith("---\n"):
        raise SourceError("this is already a routine file (it starts with front matter); copy it into "
                         "routines/ instead of importing it")
    return text


def build_import(text: str, org: Organisation, catalog: Catalog, *,
                 title: str | None = None) -> tuple[dict[str, Any], str, list[Finding]]:
    """Front matter (rules included), body and findings for one plain-text routine."""
    from generator.proposals import propose

    parsed = parse_text(text, lambda name: catalog.roles.resolve(name) is not None)
    data, findings = front_matter(parsed, org, title)
    proposed = propose(parsed.blocks, org, catalog, list(data.get("applies_to", [])))
    findings.extend(Finding("source", line, message) for line, message in proposed.notes)
    if proposed.rules:
        data["rules"] = proposed.rules
    return data, body_markdown(parsed.blocks), findings


def target_name(data: Mapping[str, Any], org: Organisation) -> str | None:
    """``<unit id>/<slug of title>.md`` (one known unit), else ``<slug>.md``; None without a name."""
    name = slug(str(data.get("title", ""))) or slug(str(data.get("id", "")))
    if not name:
        return None
    units = data.get("applies_to") or []
    if len(units) == 1 and units[0] in org.units:
        return f"{units[0]}/{name}.md"
    return f"{name}.md"


def _rule_findings(data: Mapping[str, Any], text: str, catalog: Catalog) -> list[Finding]:
    from generator.proposals import describe

    rules = data.get("rules") or {}
    if not rules:
        return []
    fm = text.split("\n---\n", 1)[0].removeprefix("---\n")
    lines = load_yaml(fm, first_line=2).lines
    found: list[Finding] = []
    for kind, items in rules.items():
        for index, rule in enumerate(items):
            if not rule.get("review"):
                continue
            line = lines.get(f"/rules/{kind}/{index}", 1)
            sentence = " ".join(str(rule["review"]).split())
            name = rule.get("id", rule.get("role"))
            found.append(Finding("target", line, f"proposed rule {kind} '{name}' "
                                 f"({describe(kind, rule, catalog)})", f"{kind}/{name}", sentence))
    return found


def _file_findings(label: str, text: str, said: Iterable[str]) -> list[Finding]:
    """What ``check`` would say about the file alone: its errors, apart from missing fields and
    the values already reported (``said``: their fields)."""
    from generator.routine_file import analyse

    result = analyse(label, text)
    prefixes = tuple(f"$.{name}:" for name in said)
    return [Finding("target", d.line, f"{d.code}: {d.message}") for d in result.diagnostics
            if d.severity == "error" and "missing required field" not in d.message
            and not (prefixes and d.message.startswith(prefixes))]


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def import_files(files: list[Path], root: Path, org: Organisation, catalog: Catalog, *,
                 out_dir: Path | None = None, title: str | None = None,
                 known_ids: Mapping[str, str] | None = None) -> list[Imported]:
    """Read and convert every file (nothing is written: see :func:`write_imports`).

    ``known_ids`` maps the Dokument-IDs already in the root to their files.
    """
    base = out_dir if out_dir is not None else root / "routines"
    results: list[Imported] = []
    claimed: dict[str, str] = {}
    for path in files:
        result = Imported(path, str(path))
        results.append(result)
        try:
            text = read_source(path)
        except SourceError as error:
            result.error, result.status = str(error), "error"
            continue
        data, body, findings = build_import(text, org, catalog, title=title)
        name = target_name(data, org)
        if name is None:
            result.error = ("no title and no Dokument-ID: nothing to name the routine by; add a line "
                            "'# Titel' or 'Dokument-ID: …' to the text, or give --title")
            result.status = "error"
            continue
        target = base / name
        result.target, result.target_label = target, _display(target, root)
        key = os.path.normcase(str(target.resolve()))
        if key in claimed:
            result.error = (f"{result.target_label} is also where {claimed[key]} goes in this run; "
                            "import them one at a time, or give them different titles")
            result.status = "error"
            continue
        claimed[key] = result.source_label
        result.data, result.body = data, body
        result.text = routine_text(data, body)
        other = (known_ids or {}).get(str(data.get("id")))
        if other is not None and other != result.target_label:
            findings.append(Finding("source", 1, f"Dokument-ID {data['id']} is already used by {other}; "
                                    "two routines with one id are an error (remove one of them)"))
        said = [f.field for f in findings if f.field]
        result.findings = [*findings, *_file_findings(result.target_label, result.text, said),
                           *_rule_findings(data, result.text, catalog)]
    return results


def write_imports(results: list[Imported], *, force: bool = False, dry_run: bool = False) -> None:
    """Write each converted file (never over an existing one without ``force``)."""
    for result in results:
        if result.error or result.target is None:
            result.status = "error"
            continue
        if result.target.exists() and not force:
            result.status = "exists"
            result.error = f"{result.target_label} already exists; give --force to overwrite it"
            continue
        if dry_run:
            result.status = "would-write"
            continue
        try:
            result.target.parent.mkdir(parents=True, exist_ok=True)
            temporary = result.target.with_name(f".{result.target.name}.tmp-{os.getpid()}")
            temporary.write_text(result.text, encoding="utf-8")
            os.replace(temporary, result.target)
        except OSError as error:
            result.status = "error"
            result.error = f"cannot write {result.target_label}: {error.strerror or error}"
            continue
        result.status = "written"
