"""The metadata of a Word file: read from its tables, its page headers and footers.

Document systems put a routine's facts (Dokument-ID, Version, Innehållsansvarig, Giltig till …)
in a table at the top of the document or at its end, or in the page header or footer, in one of
these layouts, each read here into ``(label, value)`` pairs:

- **label | value**: a label cell with its value in the next cell of the row (two columns, or
  four: label, value, label, value);
- **a row of labels over a row of values** (Barium's "Doknr. i Barium | Dokumentserie | Giltigt
  fr o m | Version", the values below each in the next row);
- **a cell of ``Etikett: värde`` lines**, or a cell whose first line is the label and the rest
  its value ("Dokument-ID" over "SU-123"); and in a header or footer, ``Etikett: värde``
  paragraphs (several on one line, separated by tabs).

A label is one the text importer knows (:func:`generator.authoring.import_labels.field_of`). A
table of the body is metadata only when it is mostly labels and values (at least two, in at
least half of its cells): a table of roles with one row "Innehållsansvarig | ser till att …" or
a revision history "Version | Datum | Ändring" stays in the body. In a header or footer any
known label counts.

The text is read from the XML itself (python-docx's elements are lxml elements), so that text in
content controls, fields and text boxes is read too, and text boxes once (not again from the
fallback copy Word writes beside them).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.authoring.import_labels import field_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = frozenset({FALLBACK, f"{W}del", f"{W}instrText", f"{W}pPr", f"{W}rPr", f"{W}txbxContent"})
"""Not walked for a paragraph's text: deleted text, field codes, properties (their tab stops),
the fallback copy of a text box, and a text box's own paragraphs (read as paragraphs of their own)."""
MAX_LABEL = 60
"""Characters a label cell may have (more is a sentence, not a label)."""
MAX_VALUE = 2000
"""Characters of a value kept (a cell of a metadata table is a name, a date, a list of units)."""


@dataclass
class Metadata:
    """What a Word file states about itself, outside its body text."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    """(label as written, value) in the order found, each once."""
    tables: list[Any] = field(default_factory=list)
    """The body's metadata tables (``w:tbl`` elements): they leave the body."""

    def add(self, found: list[tuple[str, str]]) -> None:
        for pair in found:
            if pair not in self.pairs:
                self.pairs.append(pair)


def paragraph_text(paragraph: Any) -> str:
    """A ``w:p``'s text: its runs, hyperlinks, fields' results and content controls, with tabs
    and line breaks (deleted text, field codes and the fallback copies of text boxes left out)."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag not in _SKIPPED and isinstance(tag, str):
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _paragraphs(element: Any) -> list[str]:
    """The non-empty paragraph texts inside ``element`` (a cell, a header), each stripped."""
    texts = []
    for paragraph in element.iter(f"{W}p"):
        if any(ancestor.tag == FALLBACK for ancestor in paragraph.iterancestors()):
            continue
        for line in paragraph_text(paragraph).split("\n"):
            if line.strip():
                texts.append(line.strip())
    return texts


@dataclass
class _Cell:
    column: int
    """The grid column it starts at."""
    span: int
    lines: list[str]

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.lines).split())


def _cells(row: Any) -> Iterator[_Cell]:
    column = 0
    for cell in _row_cells(row):
        span_element = cell.find(f"{W}tcPr/{W}gridSpan")
        try:
            span = max(1, int(span_element.get(f"{W}val"))) if span_element is not None else 1
        except (TypeError, ValueError):
            span = 1
        yield _Cell(column, span, _paragraphs(cell))
        column += span


def _row_cells(row: Any) -> Iterator[Any]:
    """The ``w:tc`` of a row, also those inside content controls (``w:sdt``)."""
    for child in row:
        if child.tag == f"{W}tc":
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _row_cells(content)


def _rows(table: Any) -> list[list[_Cell]]:
    return [list(_cells(row)) for row in table.iter(f"{W}tr") if _table_of(row) is table]


def _table_of(row: Any) -> Any:
    parent = row.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent


def is_label(text: str) -> bool:
    """Is ``text`` (a whole cell, a line) one of the labels the text importer knows?"""
    text = " ".join(text.split())
    return 0 < len(text) <= MAX_LABEL and field_of(text) is not None


def _value(lines: list[str]) -> str:
    """A value of several lines (units one per line, persons one per line) on one: joined by ``;``."""
    value = "; ".join(" ".join(line.split()) for line in lines if line.strip())
    return value[:MAX_VALUE]


def inline_pairs(text: str) -> list[tuple[str, str]]:
    """``Etikett: värde`` pieces of one line (pieces separated by tabs), with known labels."""
    found = []
    for piece in text.split("\t"):
        label, colon, value = piece.partition(":")
        if colon and value.strip() and is_label(label):
            found.append((" ".join(label.split()), _value([value])))
    return found


def _cell_pairs(cell: _Cell) -> list[tuple[str, str]]:
    """A cell of its own: ``Etikett: värde`` lines, or a label line over its value."""
    found: list[tuple[str, str]] = []
    lines = cell.lines
    if len(lines) > 1 and is_label(lines[0].rstrip(":")) and not inline_pairs(lines[1]):
        return [(" ".join(lines[0].rstrip(":").split()), _value(lines[1:]))]
    for line in lines:
        found.extend(inline_pairs(line))
    return found


def table_pairs(table: Any) -> tuple[list[tuple[str, str]], int, int]:
    """The (label, value) pairs of a table, how many of its non-empty cells they came from, and
    how many non-empty cells it has."""
    rows = _rows(table)
    pairs: list[tuple[str, str]] = []
    used = total = 0
    index = 0
    while index < len(rows):
        cells = [c for c in rows[index] if c.lines]
        total += len(cells)
        labels = [c for c in cells if is_label(c.text)]
        below = [c for c in rows[index + 1] if c.lines] if index + 1 < len(rows) else []
        if len(labels) >= 2 and len(labels) * 5 >= len(cells) * 3 and below and not any(is_label(c.text) for c in below):
            # a row of labels over a row of values: each value under its label's columns
            for label in labels:
                values = [c for c in below if label.column <= c.column < label.column + label.span]
                if values and any(v.lines for v in values):
                    pairs.append((label.text.rstrip(":").strip(), _value([line for v in values for line in v.lines])))
                    used += 1 + len(values)
            total += len(below)
            index += 2
            continue
        position = 0
        while position < len(cells):
            cell = cells[position]
            following = cells[position + 1] if position + 1 < len(cells) else None
            if is_label(cell.text.rstrip(":")) and following is not None and not is_label(following.text):
                pairs.append((cell.text.rstrip(":").strip(), _value(following.lines)))
                used += 2
                position += 2
                continue
            found = _cell_pairs(cell)
            if found:
                pairs.extend(found)
                used += 1
            position += 1
        index += 1
    return pairs, used, total


def body_tables(body: Any) -> Iterator[Any]:
    """The tables of a document's body, outer ones only (a table inside a cell is part of its table)."""
    for table in body.iter(f"{W}tbl"):
        if _table_of(table) is None:
            yield table


def read_metadata(document: Any) -> Metadata:
    """The metadata of a python-docx ``Document``: its headers' first, then its body's metadata
    tables, then its footers'."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    meta = Metadata()
    rels = sorted(((rel.rId, rel) for rel in document.part.rels.values() if not rel.is_external),
                  key=lambda item: (len(item[0]), item[0]))
    pages = [(rel.reltype, getattr(rel.target_part, "element", None)) for _, rel in rels]
    """Headers and footers (a part whose content type is not theirs has no XML: none)."""
    for kind, element in pages:
        if kind == RT.HEADER and element is not None:
            meta.add(_page_pairs(element))
    for table in body_tables(document.element.body):
        pairs, used, total = table_pairs(table)
        if len(pairs) >= 2 and used * 2 >= total:
            meta.add(pairs)
            meta.tables.append(table)
    for kind, element in pages:
        if kind == RT.FOOTER and element is not None:
            meta.add(_page_pairs(element))
    return meta


def _page_pairs(element: Any) -> list[tuple[str, str]]:
    """A header's or footer's pairs: from its tables (any known label counts) and its paragraphs."""
    pairs: list[tuple[str, str]] = []
    for table in element.iter(f"{W}tbl"):
        if _table_of(table) is None:
            pairs.extend(table_pairs(table)[0])
    for paragraph in element.iter(f"{W}p"):
        if _table_of(paragraph) is None and not any(a.tag == FALLBACK for a in paragraph.iterancestors()):
            for line in paragraph_text(paragraph).split("\n"):
                pairs.extend(inline_pairs(line))
    return pairs
