"""The Swedish phrases the proposer looks for (time limits in vardagar, arbetsdagar, timmar and
dygn, absences, "samma rutin gäller för"), numbers written in words, sentences, and the names of
a vocabulary found in running text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.authoring.import_tokens import strip_emphasis
from generator.core.catalog import Vocabulary

NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30,
    "tjugofyra": 24, "trettiosex": 36, "fyrtioåtta": 48, "sjuttiotvå": 72,
}
_NUM = (r"(?P<num>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
        + r")(?:\s*\(\s*(?P<digits>\d{1,3})\s*\))?")
DAYS = re.compile(r"(?<!\w)" + _NUM + r"\s+(?P<unit>vardag(?:ar|en)?|arbetsdag(?:ar|en)?|timm(?:e|ar|en)|tim"
                  r"|dygn(?:et)?)(?!\w)", re.IGNORECASE)
"""A time limit: "två vardagar", "en (1) vardag", "5 arbetsdagar", "24 timmar", "tre dygn"."""
DIRECT = re.compile(r"\b(?:direkt|omgående|omedelbart|samma dag)\b", re.IGNORECASE)
FOR_SERVICE = re.compile(r"\s+för\s+(?:tjänsten\s+|ärendetypen\s+|ärenden\s+(?:i|om)\s+)?",
                          re.IGNORECASE)
"""After a deadline: "… en (1) vardag för <case type>"."""
PARTIAL = re.compile(r"delsvar|återkoppl", re.IGNORECASE)
ABSENCE = re.compile(r"frånvar\w*\s+(?:i\s+)?(?:mer|längre)\s+än\s+" + _NUM
                      + r"\s+(?P<unit>vardag(?:ar)?|arbetsdag(?:ar)?|dag(?:ar)?)(?!\w)", re.IGNORECASE)
SAME = re.compile(r"samma\s+(?:rutin|regel|sak)\s+gäller\s+(?:även\s+|också\s+)?för", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[*_”\"]*\s+(?=[\"”*_(]*[A-ZÅÄÖÉÜ0-9(])")
_ROLE_SUFFIX = r"(?:en|et|n|na|erna|arna|er|ar|s)?"
LIST_RESOLVE_SHARE = 0.5
"""At least this share of a list's items must be case types for it to be a service list."""
REVIEW_MAX = 2000


def number(match: re.Match[str]) -> int:
    """The number of a ``_NUM`` match: "en (1)" → 1, "två" → 2, "2" → 2."""
    if match["digits"]:
        return int(match["digits"])
    word = match["num"].casefold()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def sentences(text: str) -> list[str]:
    """A paragraph's sentences (lines joined)."""
    joined = " ".join(text.split())
    return [s.strip() for s in _SENTENCE_END.split(joined) if s.strip()]


def plain(text: str) -> str:
    """Text without Markdown emphasis and with links reduced to their text."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return strip_emphasis(text)


def review_text(parts: Iterable[str]) -> str:
    seen: list[str] = []
    for part in parts:
        part = " ".join(part.split())
        if part and part not in seen:
            seen.append(part)
    text = " ".join(seen)
    return text if len(text) <= REVIEW_MAX else text[:REVIEW_MAX - 1].rstrip() + "…"


class Terms:
    """Names and aliases of one vocabulary found in running text (longest first, no overlaps)."""

    def __init__(self, vocabulary: Vocabulary, *, inflected: bool) -> None:
        labels: list[tuple[str, str]] = []
        for entry in vocabulary.entries.values():
            for label in (entry.name, *entry.aliases):
                if label.strip():
                    labels.append((label.strip(), entry.id))
        labels.sort(key=lambda pair: len(pair[0]), reverse=True)
        suffix = _ROLE_SUFFIX if inflected else ""
        self.patterns = [(re.compile(r"(?<![\w-])" + re.escape(label).replace(r"\ ", r"\s+") + suffix
                                     + r"(?![\w])", re.IGNORECASE), entry_id) for label, entry_id in labels]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, id) of each mention, in text order."""
        taken: list[tuple[int, int, str]] = []
        for pattern, entry_id in self.patterns:
            for found in pattern.finditer(text):
                if not any(found.start() < end and start < found.end() for start, end, _ in taken):
                    taken.append((found.start(), found.end(), entry_id))
        return sorted(taken)

    def ids(self, text: str) -> list[str]:
        result: list[str] = []
        for _, _, entry_id in self.find(text):
            if entry_id not in result:
                result.append(entry_id)
        return result
