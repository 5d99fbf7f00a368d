"""The one message catalog: every text a person reads, in Swedish (the default) and English.

Messages are named (``digest.heading``, ``issue.title``) and hold a Swedish and an English
format string with the same named fields; counted things are plurals, a singular and a plural
form per language (``messages("sv").n("routine", 2)`` is ``2 rutiner``), never ``rutin(er)``.
The texts live in :mod:`generator.core.messages_site` (the handbook's labels, which templates
read as ``t.<name>``) and :mod:`generator.core.messages_text` (rules, reports, issues, e-mail,
calendars). A name that is not in the catalog is a ``KeyError`` at once, not a blank.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from generator.core.messages_site import SITE
from generator.core.messages_text import PLURALS, REPORTS, RULES, Text

LANGUAGES = ("sv", "en")
"""The languages of the catalog; anything else reads as Swedish."""

MESSAGES: dict[str, Text] = {
    **{f"site.{key}": text for key, text in SITE.items()},
    **{f"rules.{key}": text for key, text in RULES.items()},
    **REPORTS,
}
"""Every named message, by its name."""


class Messages:
    """The catalog in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "sv"
        self._index = LANGUAGES.index(self.language)

    def __call__(self, name: str, /, **fields: object) -> str:
        """The message ``name``, its fields filled in."""
        text = MESSAGES[name][self._index]
        return text.format(**fields) if fields else text

    def n(self, name: str, count: int, /, **fields: object) -> str:
        """The plural ``name`` for ``count`` (``1 rutin``, ``2 rutiner``), its fields filled in."""
        one, many = PLURALS[name][self._index]
        return (one if count == 1 else many).format(n=count, **fields)

    def section(self, prefix: str) -> Mapping[str, str]:
        """The messages named ``<prefix>.<key>``, by key: the site's labels for templates."""
        start = prefix + "."
        return {name[len(start):]: text[self._index] for name, text in MESSAGES.items() if name.startswith(start)}


@cache
def messages(language: str) -> Messages:
    """The catalog in ``language`` (``sv`` or ``en``; anything else: ``sv``)."""
    return Messages(language)


@cache
def labels(language: str) -> Mapping[str, str]:
    """The handbook's labels in ``language``, as templates read them: ``{{ t.nav_start }}``."""
    return messages(language).section("site")
