"""Splitting a routine file into its YAML front matter and its Markdown body."""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.textfile import TextProblem, decode
from generator.core.messages import msg

FENCE = "---"


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
    """Cut ``text`` at its ``---`` fences, or say why it has no front matter."""
    if not text.strip():
        return TextProblem(1, "empty-file", msg("check.empty_file"))
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return TextProblem(1, "front-matter", msg("check.no_front_matter"))
    for index in range(1, len(lines)):
        stripped = lines[index].rstrip()
        if stripped in (FENCE, "..."):
            return Split("\n".join(lines[1:index]), 2, "\n".join(lines[index + 1:]), index + 2)
    return TextProblem(1, "front-matter", msg("check.front_matter_unclosed"))


def split_file(data: bytes | str) -> Split | TextProblem:
    """:func:`split` of a routine file's bytes (decoded as every routine file is) or its text."""
    text = decode(data) if isinstance(data, bytes) else data
    return text if isinstance(text, TextProblem) else split(text)
