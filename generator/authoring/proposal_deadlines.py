"""Deadlines stated in a routine's Swedish text, proposed as ``deadlines:`` rules for review.

What is read, sentence by sentence: a time limit ("inom två vardagar", "senast inom 5
arbetsdagar", "inom 24 timmar", "inom tre dygn", "besvaras direkt") in a sentence about handling
cases (besvara, handlägga, återkoppla, skicka, registrera, …, or a case type of the catalog
named). Each limit of a sentence belongs to the case types named in its own part of the sentence
("Kontakta mig besvaras inom 24 timmar, övriga ärenden inom två arbetsdagar": ``kontakta-mig``
within 24 hours, then ``*``), or named right after it ("en (1) vardag för Synpunkter och
klagomål"). "Övriga ärenden" (andra, resterande) is every case type, except those that have a
deadline of their own in the same document: the general rule never overrides a specific one.
A sentence that names no case type and no ärende ("Den som lämnat synpunkten ska få en
bekräftelse inom två arbetsdagar") is about the case types the paragraph named last.

Arbetsdagar count as vardagar (said in the rule's ``note``); timmar and dygn are
``within_timmar`` and ``within_dygn``. A time limit in patient care ("provtagning ska ske inom 3
dygn", "behandling inom 24 timmar") is no case deadline: it is noted, not proposed; so is one
with a verb that is case handling only among cases ("registreras", "skickas") in a paragraph
that names no case (no ärende, no case type).
"""

from __future__ import annotations

import re
from typing import Any

from generator.authoring.import_tokens import Block
from generator.authoring.proposal_text import (
    DAYS,
    DIRECT,
    FOR_SERVICE,
    PARTIAL,
    Terms,
    number,
    plain,
    review_text,
    sentences,
)
from generator.core.messages import Msg, msg

CASE_WORDS = re.compile(r"besvar|handläg|handlag|ärende|återkoppl|delsvar|\bsvar(?:a|as|et|en)?\b|bekräft",
                        re.IGNORECASE)
"""Words of case handling: a sentence with one of these is about cases, whatever else it says."""
HANDLING = re.compile(r"hanter|åtgärd|behandl|skicka|registrer|diarieför|expedier|vidarebefordr|kontakt"
                      r"|ring(?:a|as|s)?\s+upp|hör(?:a|s)?\s+av|återkomm", re.IGNORECASE)
"""Verbs that may be case handling (or care: "behandla")."""
CLINICAL = re.compile(r"provtag|blodprov|\bprov(?:et|er|svar)?\b|\bvård(?:as|ad|ade|en|tid|tiden)?\b|omvårdnad"
                      r"|behandl|läkemedel|operation|opere|undersök|inlägg|inskriv|utskriv|nutrition|födointag"
                      r"|besök|\bdos(?:en|er)?\b|infusion|injektion|\bsår\b|symtom|feber|odling|röntgen"
                      r"|remiss(?:en|er)?\b|remitter|smitt|isoler|bedöm|antibiotika|triager", re.IGNORECASE)
"""Words of patient care: a time limit in a sentence of these (and no case word) is no case deadline."""
GENERAL = re.compile(r"\b(?:övriga|andra|resterande|alla\s+andra|samtliga\s+övriga)\b", re.IGNORECASE)
WITHIN = {"vardag": "within_vardagar", "arbetsdag": "within_vardagar", "tim": "within_timmar",
          "dygn": "within_dygn"}
KEY_ORDER = ("id", "case_types", "except", "within_vardagar", "within_timmar", "within_dygn",
             "partial_answer_counts", "partial_answer_text", "note", "review")


def _within(unit: str) -> str:
    folded = unit.casefold()
    return next(key for stem, key in WITHIN.items() if folded.startswith(stem))


def deadline_rules(paragraphs: list[Block], case_types: Terms) -> tuple[list[dict[str, Any]], list[tuple[int, Msg]]]:
    """The deadline rules the paragraphs state (general ones excepting the specific ones), and
    notes on time limits that are not case deadlines."""
    found: list[dict[str, Any]] = []
    notes: list[tuple[int, Msg]] = []
    for block in paragraphs:
        parts = sentences(block.text)
        earlier: list[tuple[int, int, str]] = []
        """The case types the paragraph's last sentence that named some named."""
        for index, sentence in enumerate(parts):
            text = plain(sentence)
            if "frånvar" in text.casefold():
                continue
            named = case_types.find(text)
            matches = list(DAYS.finditer(text))
            if matches and not CASE_WORDS.search(text) and not named and CLINICAL.search(text):
                notes.append((block.line, msg("import.clinical_deadline", sentence=sentence)))
                continue
            if not (matches or DIRECT.search(text)) or not (CASE_WORDS.search(text) or HANDLING.search(text)
                                                             or named):
                earlier = named or earlier
                continue
            if matches and not CASE_WORDS.search(text) and not named and not _about_cases(block, case_types):
                notes.append((block.line, msg("import.deadline_no_case", sentence=sentence)))
                continue
            if named:
                earlier = named
            elif earlier and not re.search(r"ärende", text, re.IGNORECASE) and not GENERAL.search(text):
                named = [(-1, -1, cid) for _, _, cid in earlier]  # "Den som lämnat synpunkten ska …"
            partial_from = [s for s in parts[index:] if PARTIAL.search(plain(s))]
            sources = [sentence, *[s for s in partial_from[:2] if s != sentence]]
            partial = bool(partial_from)
            if matches:
                found.extend(_limits(text, matches, named, partial, sources))
            elif named and CASE_WORDS.search(text):
                found.append(_direct(sentence, text, named, partial, sources))
    specific = [ct for rule in found if rule["case_types"] != "*" for ct in rule["case_types"]]
    for rule in found:
        if rule["case_types"] == "*" and specific:
            rule["except"] = list(dict.fromkeys(specific))
    return [{k: rule[k] for k in KEY_ORDER if k in rule} for rule in found], notes


def _about_cases(block: Block, case_types: Terms) -> bool:
    """Does the paragraph speak of cases (a verb such as "registreras" is case handling there)?"""
    text = plain(block.text)
    return bool(re.search(r"ärende", text, re.IGNORECASE) or case_types.find(text))


def _limits(text: str, matches: list[re.Match[str]], named: list[tuple[int, int, str]], partial: bool,
            sources: list[str]) -> list[dict[str, Any]]:
    """A rule for each time limit of a sentence, for the case types of its own part of it."""
    rules: list[dict[str, Any]] = []
    for position, match in enumerate(matches):
        start = matches[position - 1].end() if position else 0
        own = text[start:match.start()]
        specific = FOR_SERVICE.match(text[match.end():])
        case_types: list[str] = []
        if specific:
            offset = match.end() + specific.end()
            case_types = [cid for begin, _, cid in named if begin == offset]
        if not case_types and not GENERAL.search(own):
            case_types = [cid for begin, _, cid in named if start <= begin < match.start()]
            if not case_types and len(matches) == 1:
                case_types = [cid for _, _, cid in named]
        rule: dict[str, Any] = {"id": "svarstid" if not case_types else f"svarstid-{'-'.join(case_types)}",
                                "case_types": list(dict.fromkeys(case_types)) or "*",
                                _within(match["unit"]): number(match), "partial_answer_counts": partial,
                                "review": review_text(sources)}
        if "arbetsdag" in match["unit"].casefold():
            rule["note"] = "Texten säger arbetsdagar: räknas som vardagar."
        rules.append(rule)
    return rules


def _direct(sentence: str, text: str, named: list[tuple[int, int, str]], partial: bool,
            sources: list[str]) -> dict[str, Any]:
    """"Besvaras direkt med ett delsvar": one vardag (a delsvar with its quoted text)."""
    case_types = list(dict.fromkeys(cid for _, _, cid in named))
    rule: dict[str, Any] = {"id": f"svarstid-{'-'.join(case_types)}", "case_types": case_types,
                            "within_vardagar": 1, "partial_answer_counts": partial}
    quoted = re.search(r"\*([^*]+)\*", sentence)
    if partial and quoted:
        rule["partial_answer_text"] = " ".join(quoted[1].split())
    word = DIRECT.search(text)[0]  # type: ignore[index]
    rule["note"] = f"”{word}” läst som inom en vardag."
    rule["review"] = review_text(sources)
    return rule
