"""The lines that came closest to a field the text does not give.

When a required field is missing after every layout has been read, the note about it names the
line a person should look at: a label spelled nearly like one of the field's ("Dokumentansvaig:
…", read as Innehållsansvar?), or a label that may mean it ("Handläggare: …" for the owner,
"Fastställt 2017-06-01" for the first valid day). Nothing is read as the field: the person
decides.
"""

from __future__ import annotations

import difflib
import re

from generator.authoring.import_labels import HINTS, OTHER, field_of, label_key, labels_of
from generator.authoring.import_tokens import strip_emphasis

CUTOFF = 0.8
"""How alike a label and one of the field's labels must be (difflib's ratio of their keys)."""
HINT_SCORE = 0.7
"""The score of a label that may mean the field (:data:`HINTS`): below a near spelling."""
QUOTE_MAX = 60


def _candidates(line: str) -> list[tuple[str, str]]:
    """(label, the line as quoted) for the ways a line may start with a label: before its colon,
    or its first one to four words."""
    text = " ".join(strip_emphasis(line).split())
    if not text or text.startswith("#") or len(text) > 300:
        return []
    found: list[tuple[str, str]] = []
    colon = re.match(r"^([^:]{2,40}):\s*(.*)$", text)
    if colon:
        found.append((colon[1], f"{colon[1]}: …" if colon[2] else f"{colon[1]}:"))
    words = text.split()
    for size in range(1, min(4, len(words)) + 1):
        label = " ".join(words[:size])
        found.append((label, label + (" …" if size < len(words) else "")))
    return found


def closest_line(lines: list[str], others: list[tuple[int, str, str]], name: str,
                 taken: set[int]) -> tuple[int, str] | None:
    """(line number, quote) of the line that came closest to giving ``name``, or None: among the
    values no field took (``others``: line, label, value) one whose label may mean the field, or a
    line that starts with a label spelled nearly like one of the field's (not another field's)."""
    keys = [label_key(label) for label in labels_of(name)]
    hints = {label_key(label) for label in HINTS.get(name, ())}
    best: tuple[float, int, str] | None = None
    for number, label, value in others:
        if label_key(label) in hints:
            best = best or (HINT_SCORE, number, _short(f"{label}: {value}"))
    for number, line in enumerate(lines, 1):
        candidates = _candidates(line)
        whole = field_of(line.split(":", 1)[0]) if line.strip() else None
        if number in taken or whole not in (None, OTHER, name):
            continue  # a line of another field's ("Giltig fr o m: …", "Gäller från" are no Gäller för)
        for label, quote in candidates:
            key = label_key(label)
            known = field_of(label)
            if not key or (known is not None and known != OTHER and known != name):
                continue
            score = max((difflib.SequenceMatcher(None, key, k).ratio() for k in keys), default=0.0)
            if key in keys or score < CUTOFF:
                score = 0.0  # the label itself (its value was read, or was none) or nothing like it
            if key in hints:
                score = max(score, HINT_SCORE)
            if score and (best is None or score > best[0]):
                best = (score, number, _short(quote))
    return (best[1], best[2]) if best else None


def _short(quote: str) -> str:
    return quote if len(quote) <= QUOTE_MAX else quote[:QUOTE_MAX - 1] + "…"
