"""Values as plain-text routines write them: people, links, and slugs of titles.

``Namn, (id), Titel`` and ``Titel <url>`` (with the variants exported texts have) are read into
the front matter's person and link mappings and written back for the exporter; :func:`slug`
makes file names and unit ids from titles and names.
"""

from __future__ import annotations

import re
import unicodedata

from generator.authoring.import_tokens import strip_emphasis
from generator.core.model import Person, Related

_PAREN_ID = re.compile(r"^\(\s*([^()]*?)\s*\)$")


def parse_person(text: str) -> dict[str, str]:
    """``Namn, (id), Titel`` → ``{id, name, title}``; ``Namn, Titel`` → ``{name, title}``."""
    text = " ".join(strip_emphasis(text).split())
    found = re.match(r"^(?P<name>[^,(]+?)\s*\((?P<id>[^()]*)\)\s*,?\s*(?P<title>.*)$", text)
    if found:  # "Namn (id), Titel"
        name, pid, title = found["name"], found["id"].strip(), found["title"]
    else:
        parts = [p.strip() for p in text.split(",")]
        name, pid, rest = parts[0], "", parts[1:]
        if rest and _PAREN_ID.match(rest[0]):
            pid = _PAREN_ID.match(rest[0])[1]  # type: ignore[index]
            rest = rest[1:]
        title = ", ".join(p for p in rest if p)
    person = {"id": pid} if pid else {}
    person["name"] = name.strip().rstrip(",").strip()
    if title.strip():
        person["title"] = title.strip()
    return person


def person_text(person: Person) -> str:
    """The seeds' ``Namn, (id), Titel``."""
    return ", ".join([person.name, *([f"({person.id})"] if person.id else []), *([person.title] if person.title else [])])


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
