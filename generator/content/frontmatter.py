"""Splitting a routine file into its YAML front matter and its Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.textfile import TextProblem, decode
from generator.core.messages import msg

FENCE = "---"
_CLOSING = re.compile(r"\n(?:---|\.\.\.)")
"""A line that may close the front matter: the fence, or YAML's end of document."""


@dataclass
class Split:
    """A routine file cut at its front-matter fences."""

    front_matter: str
    front_matter_line: int
    """File line of the front matter's first line (2: just after the opening fence)."""
    body: str
    body_line: int
    """File line of the body's first line."""


def split(text: str) -> Split | TextProblem:
    """Cut ``text`` at its ``---`` fences, or say why it has no front matter.

    The first line is the opening fence; the first line after it that is ``---`` or ``...``
    (trailing white space allowed) closes it. Searched for, not found by cutting the whole
    file into lines: change control reads tens of thousands of revisions.
    """
    if not text.strip():
        return TextProblem(1, "empty-file", msg("check.empty_file"))
    first_end = text.find("\n")
    if (text if first_end < 0 else text[:first_end]).rstrip() != FENCE:
        return TextProblem(1, "front-matter", msg("check.no_front_matter"))
    at = first_end
    while at >= 0:
        match = _CLOSING.search(text, at)
        if match is None:
            break
        line_end = text.find("\n", match.end())
        if not text[match.end():len(text) if line_end < 0 else line_end].strip():
            index = text.count("\n", 0, match.start()) + 1
            body = "" if line_end < 0 else text[line_end + 1:]
            return Split(text[first_end + 1:match.start()], 2, body, index + 2)
        at = match.start() + 1
    return TextProblem(1, "front-matter", msg("check.front_matter_unclosed"))


def split_file(data: bytes | str) -> Split | TextProblem:
    """:func:`split` of a routine file's bytes (decoded as every routine file is) or its text."""
    text = decode(data) if isinstance(data, bytes) else data
    return text if isinstance(text, TextProblem) else split(text)
