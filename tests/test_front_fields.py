"""Front matter read quickly, as it was read before: change control reads it entry by entry
(what it reads is what YAML reads whole), and a file is cut at its fences without cutting it
into lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.content.front_fields import FrontFields, entries, whole_fields
from generator.content.frontmatter import FENCE, Split, split
from generator.content.textfile import TextProblem

LINES = [
    'version: "1.0"', "version: 2.0", "version: 1.1", "valid_from: 2025-01-01", "valid_from: '2025-01-02'",
    "valid_from:", "rules:", "  deadlines:", "    - id: svarstid", "      within_vardagar: 2", "      review: true",
    '      case_types: "*"', "rules: {deadlines: [{id: x, review: 1}]}", "- x", "  - y", "title: Rutin *ny*",
    'title: "två', 'rader"', "title: 'en", "valid_from: 2025'", "tags: [a,", "b]", "  c]", "# kommentar", "",
    "   ", "owner: &o {id: p1}", "approver: *o", "version: *o", "? nyckel", ": värde", "\tflik: 1", "---", "...",
    "version: |", "  1.2", "key", "null: 1", "true: x", "x: ]", "ä: 1", "rules:\r", "a: b: c", "%YAML 1.2",
    "owner: {id: p1,", "valid_from: 2026-01-01}", "version: !!str 3", "valid_from: !tagg 2025-05-05",
    "version: \u2028 1", "tags:", "- a", "-", "-b",
]


def _same(texts: list[str]) -> None:
    fields = FrontFields()
    for text in texts:
        assert fields.read(text) == whole_fields(text), text


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(LINES), min_size=1, max_size=12), st.booleans()),
                min_size=1, max_size=4))
def test_entry_by_entry_is_the_whole_reading(documents: list[tuple[list[str], bool]]) -> None:
    """Random front matters, most of them broken in some way, read through one reader (its
    entries met before are not parsed again) and each read whole: the same fields."""
    _same(["\n".join(lines) + ("\n" if newline else "") for lines, newline in documents])


_SCALAR = st.text(alphabet=list("aZ09 .,;()/+_-åÖé\"'#:!&*?|>%@`\\\t~[]{}ñ€\u00a0xeE"), max_size=8)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(_SCALAR, st.sampled_from(['"', "'", ""]), st.sampled_from(["", " ", "\n"])),
                min_size=2, max_size=2))
def test_one_line_scalars_read_as_the_yaml_reader_reads_them(values: list[tuple[str, str, str]]) -> None:
    """Entries of one line are read without the YAML reader when they are plainly one scalar;
    random ones (quotes, marks, numbers, trailing spaces) read as the whole text reads."""
    (version, vq, vend), (valid_from, fq, fend) = values
    _same([f"id: X\nversion: {vq}{version}{vq}{vend}\nvalid_from: {fq}{valid_from}{fq}{fend}\ntitle: T\n"])


def test_the_cases_that_must_be_read_whole() -> None:
    assert entries("owner: &o {id: p1}\napprover: *o") is None  # an alias may name another entry's anchor
    assert entries('title: "två\nrader: x"\nversion: "1.0"') is not None  # cut, but the first entry ...
    _same(['title: "två\nrader: x"\nversion: "1.0"'])  # ... does not read as itself: read whole
    _same(["version: |\n  1.2\ntitle: x", "version: |+\n  1.2\n\n\ntitle: x", "version: >-\n  1.2\n",
           "tags: [a,\nb]\nversion: x", "version: 1\nversion: 2", "  version: 1\nvalid_from: 2", "? a\n: b"])


def test_a_routine_s_revisions_share_their_entries() -> None:
    fields = FrontFields()
    base = ('id: R-1\ntitle: Rutin\nversion: "{v}"\nvalid_from: 2025-0{v}-01\nrules:\n  deadlines:\n'
            '    - id: svarstid\n      case_types: "*"\n      within_vardagar: 2\n')
    for v in range(1, 6):
        text = base.format(v=v)
        read = fields.read(text)
        assert read == whole_fields(text) and read is not None and read[:2] == (str(v), f"2025-0{v}-01")
    assert len(fields.entries) == 3 + 2 * 5  # id, title, rules once; version and valid_from each time


def _split_by_lines(text: str) -> tuple[str, int, str, int] | str:
    """The way files were cut before: into lines, the first fence line after the first."""
    if not text.strip():
        return "empty-file"
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return "front-matter"
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return "\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2
    return "unclosed"


def _as_tuple(found: Split | TextProblem) -> tuple[str, int, str, int] | str:
    if isinstance(found, TextProblem):
        return "unclosed" if found.message.name == "check.front_matter_unclosed" else found.code
    return found.front_matter, found.front_matter_line, found.body, found.body_line


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["---", "...", "--- ", "---\t", "----", " ---", "..", "a: 1", "", " ", "\x1f",
                                 "\u2028", "---x", "...\u00a0", "text"]), max_size=8),
       st.sampled_from(["\n", ""]))
def test_a_file_is_cut_at_its_fences_as_before(lines: list[str], end: str) -> None:
    text = "\n".join(lines) + end
    assert _as_tuple(split(text)) == _split_by_lines(text)
