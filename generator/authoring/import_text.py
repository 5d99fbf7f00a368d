"""The plain-text reader: a routine exported as text, read into metadata values and body blocks.

A plain-text routine, as exported from Word or an intranet system, has metadata lines
(``Gäller för: …``, ``Innehållsansvar: Namn, (id), Titel``, …) wherever they stand, often
repeated under "Information om handlingen" at the end; a title (a ``#`` line, or none);
sections whose headings are either Markdown ``#`` lines or bare short lines ("Syfte"); lists,
numbered steps with lettered sub-steps, emphasis and links. :func:`parse_text` reads the
tokens of :mod:`generator.authoring.import_tokens` into a :class:`ParsedText`: the values per field, the
title, and the body's blocks with their heading levels worked out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from generator.authoring.import_labels import (
    LABEL_OF,
    LIST_FIELDS,
    OTHER,
    PERSON_FIELDS,
    TOP_SECTIONS,
)
from generator.authoring.import_layouts import read_layout
from generator.authoring.import_tokens import (
    Block,
    Token,
    is_info_heading,
    item_text,
    label_field,
    strip_emphasis,
    tokenize,
)
from generator.authoring.import_values import parse_link
from generator.core.messages import Msg, msg

_PERSON_LINE = re.compile("^[A-ZÅÄÖÉÜ][\\w'\u2019-]+(?:\\s+[A-ZÅÄÖÉÜ][\\w'\u2019-]+){1,3}\\s*(?:,|\\(|$)")
_URL = re.compile(r"https?://\S+|www\.\S+", re.IGNORECASE)


@dataclass
class Value:
    """One metadata value as written, with its source line."""

    text: str
    line: int
    label: str = ""
    """The label it was given with, as written (``Dokumentansvarig``)."""


@dataclass
class ParsedText:
    """A plain-text routine, read: metadata values per field, the title, the body's blocks."""

    values: dict[str, list[Value]] = field(default_factory=dict)
    title: Value | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[int, Msg]] = field(default_factory=list)
    """(source line, message) of what could not be read as metadata."""
    markdown_style: bool = False
    other: list[Value] = field(default_factory=list)
    """What the document states and no field holds (``Dokumentserie: su/med``), kept for the body."""
    lines: list[str] = field(default_factory=list)
    """The source text's lines."""
    spaced: bool = False
    """The text had no blank lines: its lines were read as paragraphs."""
    title_guessed: bool = False
    """The title is the text's first line (no label nor ``#`` line gave one)."""

    def add(self, name: str, text: str, line: int, label: str = "") -> None:
        if name == OTHER:
            self.other.append(Value(text, line, label))
            return
        self.values.setdefault(name, []).append(Value(text, line, label or LABEL_OF[name]))


def _bare_heading(token: Token, following: Token | None) -> bool:
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


def _title_token(tokens: list[Token]) -> int | None:
    """Index of the ``#`` line that is the routine's title, if there is one."""
    headings = [(i, t) for i, t in enumerate(tokens) if t.kind == "atx" and not is_info_heading(t.text)
                and label_field(t.text) is None]
    if not headings or headings[0][1].level != 1:
        return None
    first = headings[0][0]
    ones = [t for _, t in headings if t.level == 1]
    if len(ones) == 1 or (len(headings) > 1 and headings[1][1].level > 1):
        return first
    return None


class _Reader:
    """Walks the tokens, sorting metadata from body."""

    def __init__(self, tokens: list[Token], is_role: Callable[[str], bool], guess_title: bool = True,
                 is_unit: Callable[[str], bool] = lambda _: False) -> None:
        self.tokens = tokens
        self.is_role = is_role
        self.guess_title = guess_title
        self.is_unit = is_unit
        self.title_index = _title_token(tokens)
        self.parsed = ParsedText(markdown_style=any(
            t.kind == "atx" and i != self.title_index and not is_info_heading(t.text)
            and label_field(t.text) is None for i, t in enumerate(tokens)))
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

    def section_takes(self, token: Token, following: Token | None) -> bool:
        """Does the open section take this paragraph or list as (part of) its value?"""
        if self.section is None:
            return False
        if (self.section_fresh or token.kind == "list" or self.parsed.markdown_style
                or (self.section_heading is not None and self.section_heading.level > 0)):
            return True  # under a "#" heading, everything up to the next one
        if not _bare_heading(token, following):
            return True
        return self.section in PERSON_FIELDS and bool(_PERSON_LINE.match(strip_emphasis(token.text)))

    def take(self, token: Token) -> None:
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
                self.parsed.notes.append((line, msg("import.related_kept", value=text)))
                continue
            self.parsed.add(name, text, line, self.section_heading.text if self.section_heading else "")
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
                    self.parsed.add(token.name, token.text, token.line, token.label)
                elif token.name != OTHER:
                    self.open_section(token.name, Block("heading", token.line, token.label or LABEL_OF[token.name], 0))
                continue
            if token.kind == "atx":
                self.heading(token, token.level, token.text)
                continue
            if token.kind == "para" and token.alone and (is_info_heading(token.text)
                                                         or label_field(token.text)):
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
        _title_blocks(self.parsed, self.guess_title, self.is_unit)
        if not self.parsed.markdown_style:
            _nest_bare_headings(self.parsed.blocks, self.is_role)
        else:
            _shift_headings(self.parsed.blocks)
        return self.parsed

    def heading(self, token: Token, level: int, text: str) -> None:
        """A heading: metadata section, "Information om handlingen", or a body section.
        ``level`` 0 is a bare line (its level is worked out later)."""
        self.close_section()
        clean = strip_emphasis(text) if level == 0 else text
        block = Block("heading", token.line, clean.rstrip(":") if level == 0 else clean, level)
        if is_info_heading(text):
            self.in_info, self.info_heading, self.info_level = True, block, level
            return
        name = label_field(text)
        if name is not None:
            self.open_section(name, block)
            return
        if self.in_info and (level == 0 or level <= self.info_level):
            self.in_info = False
        if self.in_info:
            self.keep_in_body(block)
        else:
            self.parsed.blocks.append(block)


def _title_blocks(parsed: ParsedText, guess: bool, is_unit: Callable[[str], bool]) -> None:
    """The title at the top of the body: a heading that repeats the title a label gave (a header
    table's "Dokumentrubrik", then the title as the first heading) leaves the body; in a text with
    no title at all (a Word export: the title is its first paragraph) and ``guess``, the first
    line after a letterhead becomes the title (``parsed.title_guessed``) when it reads as a
    heading and is no template section."""
    titles = [" ".join(v.text.split()).casefold() for v in parsed.values.get("title", [])]
    if parsed.title is not None:
        titles.append(" ".join(parsed.title.text.split()).casefold())
    lead = []
    for block in parsed.blocks:
        if block.kind != "heading":
            break
        lead.append(block)
    repeated = [b for b in lead if " ".join(b.text.split()).casefold() in titles]
    for block in repeated:
        parsed.blocks.remove(block)
    start = 0  # a letterhead first ("Exempelby kommun", "Socialförvaltningen"): units of the organisation
    while start < len(parsed.blocks) and parsed.blocks[start].kind in ("paragraph", "heading") and all(
            is_unit(line.strip()) for line in parsed.blocks[start].text.split("\n") if line.strip()):
        start += 1
    first = parsed.blocks[start] if start < len(parsed.blocks) else None
    if (guess and not titles and first is not None and first.kind == "heading" and first.level == 0
            and not parsed.markdown_style and first.text.casefold() not in TOP_SECTIONS
            and all(block.line > first.line for block in parsed.blocks[start + 1:])):
        parsed.blocks.pop(start)
        parsed.title, parsed.title_guessed = Value(first.text, first.line), True


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


def parse_text(text: str, is_role: Callable[[str], bool] = lambda _: False, *, guess_title: bool = True,
               is_unit: Callable[[str], bool] = lambda _: False) -> ParsedText:
    """Read a plain-text routine; ``is_role`` tells role names (sub-headings under "Roller");
    ``guess_title``: a text with no title may have it on its first line (after a letterhead of
    units, which ``is_unit`` tells)."""
    lines = text.split("\n")
    layout = read_layout(lines)
    parsed = _Reader(tokenize(layout.lines, layout.meta), is_role, guess_title, is_unit).read()
    parsed.lines, parsed.spaced = [line.rstrip() for line in lines], layout.spaced
    return parsed
