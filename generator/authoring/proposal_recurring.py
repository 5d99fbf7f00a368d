"""Recurring duties stated in a routine's Swedish text, proposed as ``recurring:`` rules.

The phrases: "N gång/gånger per/i/om dag/vecka/månad/år" (also "1 gång/månad", "2 ggr/vecka",
"minst en gång per år"), "varje dag/vardag/vecka/månad/år", "varje måndag", "dagligen",
"veckovis", "månadsvis", "månatligen", "årligen". ``every:`` is the period (``day``, ``week``,
``month``, ``year``, SPEC 4): "3 gånger per vecka" stays ``every: week``, and the rule's ``note``
says the text's number (the schema has no count; a person decides whether to split the task).

The task is the sentence's main clause without the frequency: "X ansvarar för att <göra>",
"X ska <göra>" and "<frekvens> ska X <göra>" give "<Göra …>"; otherwise the main clause as
written. A subordinate clause is never the task: one that follows the frequency ("varje dag som
mottagningen är öppen") is left out of the task and quoted in the ``note``, one that opens the
sentence ("När mottagningen är öppen ska …") is left out, and a frequency inside a condition
("Om larmet går mer än en gång per vecka ska …") is no duty at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.authoring.import_tokens import Block, item_text
from generator.authoring.proposal_text import NUMBER_WORDS, Terms, plain, review_text, sentences
from generator.core.messages import Msg, msg

_N = r"(?P<n>\d{1,2}|" + "|".join(w for w in sorted(NUMBER_WORDS, key=len, reverse=True) if NUMBER_WORDS[w] <= 12) + ")"
_UNITS = {"day": r"dag(?:en)?|dygn(?:et)?", "week": r"vecka|veckan|v\.?", "month": r"månad(?:en)?|mån\.?",
          "year": r"år(?:et)?"}
_TIMES = re.compile(r"(?<!\w)(?:(?:minst|högst|cirka|ca|ungefär)\s+)?" + _N
                    + r"\s*(?:gång(?:er)?|ggr)\s*(?:per|i|om|/)\s*(?:" + "|".join(
                        f"(?P<{every}>{units})" for every, units in _UNITS.items()) + r")(?!\w)", re.IGNORECASE)
_WORDS = [
    ("day", r"varje\s+(?:dag|vardag|arbetsdag|dygn|morgon|förmiddag|eftermiddag|kväll)|dagligen"),
    ("week", r"varje\s+(?:vecka|måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)|veckovis|veckligen"),
    ("month", r"varje\s+månad|månadsvis|månatligen"),
    ("year", r"varje\s+år|årligen|årsvis"),
]
_WORD = re.compile(r"(?<!\w)(?:minst\s+)?(?:" + "|".join(f"(?P<{every}>{words})" for every, words in _WORDS)
                   + r")(?!\w)", re.IGNORECASE)
IDS = {"day": "daglig-genomgang", "week": "veckogenomgang", "month": "manadsgenomgang", "year": "arsgenomgang"}
PERIOD = {"day": "dag", "week": "vecka", "month": "månad", "year": "år"}
_MODAL = re.compile(r"\b(?:ska|skall|bör|måste)\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:om|när|då|innan|efter\s+att|eftersom|medan|så\s+länge|ifall|vid\s+behov)\b",
                   re.IGNORECASE)
_AFTER = re.compile(r"^\s*(?:som|när|då|där|om)\b", re.IGNORECASE)
_SUBJECT = re.compile(r"^(?:man|vi|du|personalen|medarbetaren|medarbetarna|ansvarig(?:a)?|den\s+ansvariga?)\s+",
                      re.IGNORECASE)


@dataclass
class Frequency:
    every: str
    count: int
    start: int
    end: int
    phrase: str


def frequency(text: str) -> Frequency | None:
    """The first frequency phrase of a sentence."""
    found = [m for m in (_TIMES.search(text), _WORD.search(text)) if m]
    if not found:
        return None
    match = min(found, key=lambda m: m.start())
    every = next(key for key in _UNITS if match.groupdict().get(key))
    count = 1
    if match.re is _TIMES:
        count = int(match["n"]) if match["n"].isdigit() else NUMBER_WORDS[match["n"].casefold()]
    return Frequency(every, count, match.start(), match.end(), match[0])


def task_of(text: str, found: Frequency, roles: Terms) -> tuple[str, str] | None:
    """(task, the subordinate clause left out of it) of a sentence with a frequency; None when the
    frequency is part of a condition."""
    text = text.rstrip(" .")
    start, end = found.start, found.end
    after = text[end:]
    qualifier = ""
    if _AFTER.match(after):  # "varje dag som mottagningen är öppen"
        comma = after.find(",")
        modal = _MODAL.search(after) if not text[:start].strip() else None
        stop = comma if comma >= 0 else (modal.start() if modal else len(after))
        qualifier, end = after[:stop].strip(" ,"), end + stop
    lead = _LEAD.match(text)
    if lead:
        comma = text.find(",")
        modal = _MODAL.search(text)
        stop = min([i for i in (comma, modal.start() if modal else -1) if i >= 0], default=len(text))
        if start < stop:
            return None  # "Om larmet går mer än en gång per vecka ska …": a condition, no duty
    rest = " ".join((text[:start] + " " + text[end:]).split()).strip(" ,;:")
    if lead:
        cut = re.match(r"^[^,]*,\s*", rest) or re.match(r"^.*?(?=\b(?:ska|skall|bör|måste)\b)", rest,
                                                        re.IGNORECASE)
        rest = rest[cut.end():] if cut else rest
    task = _main_verb_phrase(rest, roles)
    if len(task.split()) < 2:
        task = rest
    return task[:1].upper() + task[1:], qualifier


def _main_verb_phrase(clause: str, roles: Terms) -> str:
    """"X ansvarar för att se över …", "X ska se över …", "ska X se över …" → "se över …"."""
    duty = re.search(r"\bansvara[rs]?\s+(?:också\s+)?för\s+att\s+(.+)$", clause, re.IGNORECASE)
    if duty:
        return _MODAL.sub("", duty[1], count=1).strip() if _MODAL.match(duty[1]) else duty[1]
    inverted = re.match(r"^(?:ska|skall|bör|måste)\s+(.+)$", clause, re.IGNORECASE)
    if inverted:
        rest = inverted[1]
        mentions = roles.find(rest)
        if mentions and mentions[0][0] == 0:
            return rest[mentions[0][1]:].strip()
        return _SUBJECT.sub("", rest, count=1)
    subject = re.match(r"^((?:\S+\s+){0,4}?\S+)\s+(?:ska|skall|bör|måste)\s+(.+)$", clause, re.IGNORECASE)
    if subject and not re.match(r"^\w+as\b", subject[2]):  # "Bedömningen ska följas upp": passive, whole
        return subject[2]
    return clause


def recurring_rules(blocks: list[Block], roles: Terms, units_for: Callable[[str, str], dict[str, Any] | None]
                    ) -> tuple[list[dict[str, Any]], list[tuple[int, Msg]]]:
    """The recurring duties of the paragraphs and list items (the role named in the sentence, or in
    the paragraph's first sentence, or in a list's lead-in), and notes on duties without a role."""
    rules: list[dict[str, Any]] = []
    notes: list[tuple[int, Msg]] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "paragraph":
            parts = sentences(block.text)
            fallback = plain(parts[0]).split("–")[0] if parts else ""
            candidates = [(s, fallback) for s in parts]
        elif block.kind == "list":
            lead = plain(previous.text) if previous is not None and previous.kind == "paragraph" else ""
            candidates = [(item_text(i), lead) for i in block.items]
        else:
            candidates = []
        previous = block
        for sentence, fallback in candidates:
            text = plain(sentence)
            found = frequency(text)
            if found is None:
                continue
            read = task_of(text, found, roles)
            if read is None:
                continue
            named = roles.ids(text) or roles.ids(fallback)
            if not named:
                notes.append((block.line, msg("import.recurring_no_role", sentence=sentence)))
                continue
            task, qualifier = read
            rule: dict[str, Any] = {"id": IDS[found.every], "role": named[0]}
            units = units_for(named[0], text)
            if units:
                rule["units"] = units
            rule.update({"every": found.every, "task": task})
            said = []
            if found.count > 1:
                said.append(f"Texten säger ”{found.phrase}”; regeln ger ett tillfälle per {PERIOD[found.every]}.")
            if qualifier:
                said.append(f"Texten säger också ”{qualifier}”.")
            if said:
                rule["note"] = " ".join(said)
            rule["review"] = review_text([sentence])
            rules.append(rule)
    return rules, notes
