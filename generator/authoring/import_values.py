"""Values as plain-text routines write them: people, dates, links, and slugs of titles.

``Namn, (id), Titel``, ``Namn, Titel, Enhet (id)``, ``Namn (id)`` and ``Titel <url>`` (with the
variants exported texts have) are read into the front matter's person and link mappings and
written back for the exporter; dates written out ("den 29 oktober 2013") become YYYY-MM-DD;
:func:`slug` makes file names and unit ids from titles and names.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from generator.authoring.import_tokens import strip_emphasis
from generator.core.model import Person, Related

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,49}")
_NAME_START = re.compile(r"^[A-ZÅÄÖÉÜ][\w'\u2019-]+\s+[A-ZÅÄÖÉÜ][\w'\u2019-]+")


def _is_id(text: str) -> bool:
    """``marer154``, ``abn042``, ``anna.berg``: a user id (lower case, or with a digit or a dot), not
    an abbreviation or a word in parentheses (``MAS``, ``Sjuksköterska``)."""
    return bool(_ID.fullmatch(text)) and (text.islower() or any(c.isdigit() or c in "._" for c in text))


def parse_person(text: str) -> dict[str, str]:
    """``Namn, (id), Titel``, ``Namn (id), Titel``, ``Namn, Titel, Enhet (id)`` and ``Namn (id)``
    → ``{id, name, title}``; ``Namn, Titel`` → ``{name, title}``."""
    text = " ".join(strip_emphasis(text).split()).strip(" ;,")
    pid = ""
    last = re.search(r"\s*\(\s*([^()]*?)\s*\)\s*$", text)
    if last and _is_id(last[1]) and "," in text[:last.start()]:  # "Namn, Titel, Enhet (id)"
        pid, text = last[1], text[:last.start()].rstrip(" ,")
    found = re.match(r"^(?P<name>[^,(]+?)\s*\((?P<id>[^()]*)\)\s*,?\s*(?P<title>.*)$", text)
    if not pid and found and (_is_id(found["id"].strip()) or not found["id"].strip()):  # "Namn (id), Titel"
        name, pid, title = found["name"], found["id"].strip(), found["title"]
    else:
        parts = [p.strip() for p in text.split(",")]
        name, rest = parts[0], parts[1:]
        paren = re.match(r"^\(\s*([^()]*?)\s*\)$", rest[0]) if rest else None
        if not pid and paren:  # "Namn, (id), Titel": the seeds' form says it is an id
            pid, rest = paren[1], rest[1:]
        title = ", ".join(p for p in rest if p)
    person = {"id": pid} if pid else {}
    person["name"] = name.strip().rstrip(",").strip()
    if title.strip():
        person["title"] = title.strip()
    return person


def split_people(text: str) -> list[str]:
    """The persons of one value: separated by ``;``, line breaks, or "och" / "samt" / "&" between
    two persons ("Karin Exempelsson (karex1) och Per Provsson (perpr2)"; not "Chef för hud och
    allergi")."""
    people: list[str] = []
    for part in re.split(r"\s*;\s*|\s*\n\s*", text):
        pieces = re.split(r"\s+(?:och|samt|&)\s+(?=[A-ZÅÄÖÉÜ][\w'\u2019-]+\s+[A-ZÅÄÖÉÜ])", part)
        joined: list[str] = []
        for piece in pieces:
            if joined and not _NAME_START.match(piece):
                joined[-1] += " och " + piece
            else:
                joined.append(piece)
        people.extend(p.strip(" ,") for p in joined if p.strip(" ,"))
    return people


def person_text(person: Person) -> str:
    """The seeds' ``Namn, (id), Titel``."""
    return ", ".join([person.name, *([f"({person.id})"] if person.id else []), *([person.title] if person.title else [])])


MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4, "apr": 4,
          "maj": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augusti": 8, "aug": 8, "september": 9,
          "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12}
_ISO = re.compile(r"(?<!\d)(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_WORDS = re.compile(r"(?<!\w)(?:den\s+)?(\d{1,2})(?::?[ae])?\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True))
                    + r")\.?\s+(\d{4})(?!\d)", re.IGNORECASE)


def parse_date(text: str) -> tuple[str, str] | None:
    """The first date in ``text`` as YYYY-MM-DD, and what of ``text`` is left around it:
    ``2025-9-1``, ``2025.09.01``, ``1 september 2025``, ``den 29 okt. 2013``; None when there is
    no real date."""
    for pattern, order in ((_ISO, (1, 2, 3)), (_WORDS, (3, 2, 1))):
        found = pattern.search(text)
        if not found:
            continue
        year, month, day = (found[i] for i in order)
        number = int(month) if month.isdigit() else MONTHS[month.casefold()]
        try:
            value = datetime.date(int(year), number, int(day)).isoformat()
        except ValueError:
            return None
        rest = (text[:found.start()] + " " + text[found.end():]).strip(" ,;()[]")
        return value, " ".join(rest.split())
    return None


def parse_link(text: str) -> dict[str, str] | None:
    """``Titel <url>``, ``[Titel](url)``, ``Titel: url``, ``Titel url`` or a bare address."""
    text = text.strip()
    text = re.sub(r"^[-*•–]\s+", "", text)
    found = (re.match(r"^\[(?P<title>[^\]]+)\]\((?P<url>[^)\s]+)\)\s*$", text)
             or re.match(r"^(?P<title>.+?)\s*<(?P<url>[^<>\s]+)>\s*$", text)
             or re.match(r"^(?P<title>.+?)\s*(?::\s+|\s+[-–]\s+|\s+)"
                         r"(?P<url>(?:https?://|www\.)\S+)$", text))
    if found:
        return {"title": strip_emphasis(found["title"]).strip(), "url": found["url"]}
    bare = re.match(r"^<?((?:https?://|www\.)[^\s<>]+)>?$", text)
    if bare:
        return {"title": bare[1], "url": bare[1]}
    return None


def link_text(link: Related) -> str:
    """The BCC seed's ``Titel <url>``."""
    return f"{link.title} <{link.url}>"


def slug(text: str, limit: int = 80) -> str:
    """``1177 Vårdguidens e-tjänster`` → ``1177-vardguidens-e-tjanster``."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return result[:limit].rstrip("-")
