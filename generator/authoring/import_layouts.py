"""The layouts document systems give their metadata, read before the text is tokenized.

``Etikett: värde`` lines are read by :mod:`generator.authoring.import_tokens` wherever they
stand. This module reads the other layouts of the metadata block, takes their lines out of the
text and gives them back as ``meta`` tokens at their lines:

- **the label on one line, the value on the next** (Evolution's "Innehållsansvarig" over "Mats
  Bojestig", Barium's "Giltigt fr o m" over "[2015-11-19]"), directly below it or after one blank
  line (the fields a heading may give, Gäller för, Innehållsansvar, …, only directly below: after
  a blank line they are read as a section, as in the seeds);
- **a row of labels with the values on the next line**, the cells separated by tabs or two or
  more spaces (Barium's "Doknr. i Barium  Dokumentserie  Giltigt fr o m  Version"), also a cell
  of labels joined by " / " ("Diarienr / Dokumentnr / Version") and a row of label, value,
  label, value (a Word table of two columns exported as text);
- **a block without colons**: two or more lines ``Etikett värde`` in a row;
- **the template's type over the title** ("RUTIN", then the title on the next line).

A text without blank lines (a Word export that separates paragraphs by spacing) is read with a
paragraph break between its lines (:func:`read_layout`, ``spaced``), so that headings and list
items are still found: except between the items of a list, and before a line that continues a
sentence (it starts in lower case after a line without closing punctuation).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.authoring.import_labels import (
    LABEL_OF,
    LIST_FIELDS,
    OTHER,
    SECTION_FIELDS,
    TOP_SECTIONS,
    TYPE_WORDS,
    field_of,
)
from generator.authoring.import_tokens import (
    Token,
    is_list_line,
    meta_line,
    meta_value,
    strip_emphasis,
)

_CELLS_TAB = re.compile(r"\t")
_CELLS_SPACES = re.compile(r" {2,}|\t+")
_PERSONISH = re.compile(r"^[A-ZÅÄÖÉÜ][\w'\u2019-]+(?:\s+[A-ZÅÄÖÉÜ][\w'\u2019-]+){1,3}\s*(?:[,(]|$)")
MAX_LABEL_WORDS = 6


@dataclass
class Layout:
    """The text's lines as the tokenizer reads them, and the metadata read from its layout."""

    lines: list[tuple[int, str]]
    """(source line, text): metadata lines blanked, paragraph breaks inserted (line 0)."""
    meta: list[Token] = field(default_factory=list)
    spaced: bool = False
    """The text had no blank lines: its lines were read as paragraphs."""


def _cells(line: str) -> list[str]:
    """A row's cells: at tabs (empty cells kept), else at runs of two or more spaces."""
    parts = _CELLS_TAB.split(line.strip("\n")) if "\t" in line.strip() else _CELLS_SPACES.split(line.strip())
    return [p.strip() for p in parts]


def _label(text: str) -> str | None:
    """The field (or ``other``) of a cell or a line that is a label and nothing else."""
    plain = strip_emphasis(text).strip()
    if not plain or len(plain.split()) > MAX_LABEL_WORDS or plain[-1:] in ";,!?":
        return None
    return field_of(plain)


def _parts(cell: str) -> list[str]:
    """The labels of a cell: "Diarienr / Dokumentnr / Version" is three."""
    parts = [p.strip() for p in cell.split(" / ")]
    return parts if len(parts) > 1 and all(_label(p) for p in parts) else [cell]


def _is_value(line: str) -> bool:
    """Can this line be the value below a label?"""
    text = line.strip()
    if not text or text.startswith("#") or is_list_line(text) or len(text) > 300:
        return False
    plain = strip_emphasis(text).rstrip(":").casefold()
    return _label(text) is None and plain not in TOP_SECTIONS and meta_line(text) is None


class _Pass:
    def __init__(self, raw: list[str]) -> None:
        self.lines = [line.rstrip() for line in raw]
        self.spaced = _spaced(self.lines)
        self.used: set[int] = set()
        self.meta: list[Token] = []

    def add(self, index: int, name: str, value: str, label: str) -> None:
        value = meta_value(value)
        if value:
            self.meta.append(Token("meta", index + 1, [self.lines[index]], text=value, name=name, label=label))

    def next_line(self, index: int, *, blank_ok: bool) -> int | None:
        """The index of the line after ``index`` (after one blank line when ``blank_ok``)."""
        for step, candidate in enumerate(range(index + 1, min(index + 3, len(self.lines)))):
            if candidate in self.used:
                return None
            if self.lines[candidate].strip():
                return candidate if step == 0 or blank_ok else None
        return None

    def run(self) -> None:
        self.type_line()
        for index, line in enumerate(self.lines):
            if index not in self.used and line.strip() and not line.lstrip().startswith("#"):
                _ = self.row(index) or self.pair_row(index) or self.bare(index)
        self.blocks()

    # "RUTIN" over the title

    def type_line(self) -> None:
        if any(line.startswith("# ") for line in self.lines):
            return
        filled = [i for i, line in enumerate(self.lines) if line.strip()][:25]
        for position, index in enumerate(filled):
            word = self.lines[index].strip()
            if word.casefold() not in TYPE_WORDS or not (word.isupper() or position == 0):
                continue
            title = self.next_line(index, blank_ok=True)
            if title is None or not _is_value(self.lines[title]):
                return
            text = self.lines[title].strip()
            if len(text.split()) > 20 or text.endswith("."):
                return
            self.add(index, "type", word, LABEL_OF["type"])
            self.add(title, "title", text, LABEL_OF["title"])
            self.used.update({index, title})
            return

    # a row of labels and the row of their values

    def row(self, index: int) -> bool:
        cells = _cells(self.lines[index])
        labels = [part for cell in cells for part in (_parts(cell) if cell else [""])]
        known = [label for label in labels if label and _label(label)]
        if len([x for x in labels if x]) < 2 or len(known) * 2 <= len([x for x in labels if x]):
            return False
        if any(c and not all(_label(p) or _looks_like_label(p) for p in _parts(c)) for c in cells):
            return False
        below = self.next_line(index, blank_ok=True)
        if below is None:
            return False
        values = _cells(self.lines[below])
        if len(values) != len(cells) or all(not v or _label(v) for v in values):
            return False
        for cell, value in zip(cells, values, strict=True):
            if not cell:
                continue
            parts, pieces = _parts(cell), [p.strip() for p in value.split(" / ")]
            if len(parts) > 1 and len(pieces) == len(parts):
                for part, piece in zip(parts, pieces, strict=True):
                    self.add(below, _label(part) or OTHER, piece, part)
            else:
                self.add(below, _label(cell) or OTHER, value, cell)
        self.used.update({index, below})
        return True

    def pair_row(self, index: int) -> bool:
        """Label, value, label, value … in one row of cells (at tabs or wide spaces)."""
        cells = _cells(self.lines[index])
        if len(cells) < 2 or len(cells) % 2 or not all(_label(c) for c in cells[0::2]):
            return False
        if any(_label(v) for v in cells[1::2] if v):
            return False
        for label, value in zip(cells[0::2], cells[1::2], strict=True):
            self.add(index, _label(label) or OTHER, value, label)
        self.used.add(index)
        return True

    # a label alone on its line, the value below

    def bare(self, index: int) -> bool:
        text = self.lines[index].strip()
        name = _label(text)
        if name is None or (not text.endswith(":") and strip_emphasis(text).casefold() in TOP_SECTIONS):
            return False
        if text.endswith(":") and name != OTHER:
            return False  # "Dokumentnamn:" is a metadata line of the tokenizer's, its value below
        section = name in SECTION_FIELDS
        if section and self.spaced:
            return False  # read as a section by import_text, which knows where it ends
        below = self.next_line(index, blank_ok=not section)
        if below is None or not _is_value(self.lines[below]):
            return False
        label = strip_emphasis(text).rstrip(":").strip()
        taken = [below]
        if section and (name in LIST_FIELDS or name == "revision_note"):
            while (following := self.next_line(taken[-1], blank_ok=False)) is not None and _is_value(
                    self.lines[following]) and ((name != "reviewers" and name != "content_reviewers")
                                                or _PERSONISH.match(self.lines[following].strip())):
                taken.append(following)
        if name == "revision_note":
            self.add(below, name, "\n".join(self.lines[i].strip() for i in taken), label)
        else:
            for line in taken:
                self.add(line, name, self.lines[line].strip(), label)
        self.used.update({index, *taken})
        return True

    # "Etikett värde" lines, two or more in a row

    def blocks(self) -> None:
        """Runs of adjacent lines, each ``Etikett värde`` or read already as metadata, with two or
        more lines: their ``Etikett värde`` lines are metadata."""
        run: list[tuple[int, str, str, str]] = []
        size = 0
        for index, line in enumerate([*self.lines, ""]):
            found = self.spaced_pair(index, line) if line.strip() else None
            if found is not None:
                run.append((index, *found))
                size += 1
            elif line.strip() and (index in self.used or meta_line(line)):
                size += 1
            else:
                if run and size >= 2:
                    for at, name, value, label in run:
                        self.add(at, name, value, label)
                        self.used.add(at)
                run, size = [], 0

    def spaced_pair(self, index: int, line: str) -> tuple[str, str, str] | None:
        if index in self.used or is_list_line(line.strip()) or meta_line(line) or _label(line):
            return None  # a label alone ("Revideringar i denna version") is no label and a value
        words = line.split()
        if len(words) > 25:
            return None
        for size in range(min(MAX_LABEL_WORDS, len(words) - 1), 0, -1):
            label = " ".join(words[:size])
            name = field_of(label)
            if name is None:
                continue
            value = " ".join(words[size:])
            if (value.endswith(".") and len(value.split()) > 6) or re.search(r"[.!?]\s+[A-ZÅÄÖ]", value):
                return None  # a sentence that starts with a label's words
            return name, value, label
        return None


def _looks_like_label(cell: str) -> bool:
    """A cell of a label row that is no known label but reads like one ("Utfärdare")."""
    words = cell.split()
    return 0 < len(words) <= 3 and cell[:1].isupper() and not any(c.isdigit() for c in cell)


def _spaced(lines: list[str]) -> bool:
    """A text of six lines or more with fewer than one blank line in ten."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 6:
        return False
    blank = sum(1 for line in lines[filled[0]:filled[-1]] if not line.strip())
    return blank * 10 < len(filled)


def _continues(previous: str, line: str) -> bool:
    """Does ``line`` go on with ``previous`` (a list item below another, a sentence broken
    over two lines) rather than start a paragraph of its own?"""
    if is_list_line(line.strip()):
        return is_list_line(previous.strip()) or previous[:1].isspace()
    if line[:1].isspace() and (is_list_line(previous.strip()) or previous[:1].isspace()):
        return True
    return bool(previous.strip()) and previous.rstrip()[-1:] not in ".!?:;" and line.strip()[:1].islower()


def read_layout(raw: list[str]) -> Layout:
    """The lines of a text (without line ends) as the tokenizer reads them, and the metadata of
    its layouts."""
    reader = _Pass(raw)
    reader.run()
    lines = ["" if index in reader.used else line for index, line in enumerate(reader.lines)]
    spaced = reader.spaced
    numbered: list[tuple[int, str]] = []
    previous = ""
    for index, line in enumerate(lines):
        if spaced and line.strip() and previous.strip() and not _continues(previous, line):
            numbered.append((0, ""))
        numbered.append((index + 1, line))
        previous = line
    return Layout(numbered, sorted(reader.meta, key=lambda t: t.line), spaced)
