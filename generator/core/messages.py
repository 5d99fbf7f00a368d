"""The one message catalog: every text a person reads, in Swedish (the default) and English.

Messages are named (``digest.heading``, ``issue.title``) and hold a Swedish and an English
format string with the same named fields; counted things are plurals, a singular and a plural
form per language (``messages("sv").n("routine", 2)`` is ``2 rutiner``), never ``rutin(er)``.
The texts live in the ``messages_*`` modules beside this one: the handbook's labels (which
templates read as ``t.<name>``), rules, reports, issues, e-mail and calendars, diagnostics
and the command line. A name that is not in the catalog is a ``KeyError`` at once, not a blank.

What is found before the language is known (a diagnostic while loading, an error deep in a
reader) is a :class:`Msg`: a name and its fields, told in a language only when it is shown,
so that one cached check serves the Swedish site and ``routines check --lang en`` alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, Union

from generator.core.messages_approvals import APPROVALS
from generator.core.messages_archive import ARCHIVE
from generator.core.messages_authoring import AUTHORING
from generator.core.messages_cases import CASES
from generator.core.messages_check import CHECK
from generator.core.messages_cli import CLI
from generator.core.messages_docx import DOCX
from generator.core.messages_editor import EDITOR
from generator.core.messages_sheets import SHEETS
from generator.core.messages_site import SITE
from generator.core.messages_text import PLURALS, REPORTS, RULES, Text

LANGUAGES = ("sv", "en")
"""The languages of the catalog; anything else reads as Swedish."""

MESSAGES: dict[str, Text] = {
    **{f"site.{key}": text for key, text in SITE.items()},
    **{f"rules.{key}": text for key, text in RULES.items()},
    **REPORTS,
    **CHECK,
    **CLI,
    **CASES,
    **AUTHORING,
    **APPROVALS,
    **SHEETS,
    **ARCHIVE,
    **DOCX,
    **EDITOR,
}
"""Every named message, by its name."""

Field = Union[str, int, float, "Msg", tuple["Field", ...]]
"""What a message's field holds: text, a number, another message, or a list (of a ``list.*``)."""

_LISTS = ("list.or", "list.and")


@dataclass(frozen=True)
class Msg:
    """A message not yet told in a language: a catalog name and its fields (see :func:`msg`)."""

    name: str
    fields: tuple[tuple[str, Field], ...] = ()
    count: int | None = None
    """For a plural (a name in ``PLURALS``): the number that chooses the form, as ``{n}``."""

    def to_json(self) -> dict[str, Any]:
        """The message as JSON (the cache keeps diagnostics this way)."""
        encoded: dict[str, Any] = {"name": self.name, "fields": {k: _encode(v) for k, v in self.fields}}
        if self.count is not None:
            encoded["count"] = self.count
        return encoded

    def __str__(self) -> str:  # a traceback or a log line, where no language was chosen
        return messages("en").text(self)


def msg(name: str, /, **fields: Field | Iterable[Field]) -> Msg:
    """The message ``name`` with ``fields``; a name not in the catalog is a ``KeyError`` here."""
    if name not in MESSAGES:
        raise KeyError(name)
    return Msg(name, tuple((key, _field(value)) for key, value in fields.items()))


def counted(name: str, count: int, /, **fields: Field) -> Msg:
    """The plural ``name`` for ``count`` (``1 rutin``, ``2 rutiner``), not yet in a language."""
    if name not in PLURALS:
        raise KeyError(name)
    return Msg(name, tuple((key, _field(value)) for key, value in fields.items()), count)


def one_of(items: Iterable[Field]) -> Msg:
    """A list told as alternatives: ``'a', 'b' eller 'c'`` / ``'a', 'b' or 'c'``."""
    return Msg("list.or", (("items", tuple(_field(i) for i in items)),))


def all_of(items: Iterable[Field]) -> Msg:
    """A list told as a whole: ``a, b och c`` / ``a, b and c``."""
    return Msg("list.and", (("items", tuple(_field(i) for i in items)),))


def _field(value: Any) -> Field:
    if isinstance(value, (str, int, float, Msg)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_field(v) for v in value)
    return str(value)  # a path, a date: as it prints


def _encode(value: Field) -> Any:
    if isinstance(value, Msg):
        return {"msg": value.to_json()}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def from_json(value: Any) -> Msg:
    """A message read back from :meth:`Msg.to_json`; ``ValueError`` for anything else (a cache
    entry written by another version, or tampered with)."""
    if type(value) is not dict or not {"name", "fields"} <= value.keys() <= {"name", "fields", "count"}:
        raise ValueError("not a message")
    name, fields, count = value["name"], value["fields"], value.get("count")
    if type(name) is not str or type(fields) is not dict or not (count is None or type(count) is int):
        raise ValueError("not a message")
    if name not in (PLURALS if count is not None else MESSAGES):
        raise ValueError(f"no message {name!r} in this version's catalog")
    return Msg(name, tuple((str(k), _decode(v)) for k, v in fields.items()), count)


def _decode(value: Any) -> Field:
    if type(value) in (str, int, float):
        return value  # type: ignore[no-any-return]
    if type(value) is list:
        return tuple(_decode(v) for v in value)
    if type(value) is dict and value.keys() == {"msg"}:
        return from_json(value["msg"])
    raise ValueError("not a message field")


class Messages:
    """The catalog in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "sv"
        self._index = LANGUAGES.index(self.language)

    def __call__(self, name: str, /, **fields: object) -> str:
        """The message ``name``, its fields filled in (a field may be a :class:`Msg`)."""
        text = MESSAGES[name][self._index]
        return text.format(**{k: self._value(v) for k, v in fields.items()}) if fields else text

    def n(self, name: str, count: int, /, **fields: object) -> str:
        """The plural ``name`` for ``count`` (``1 rutin``, ``2 rutiner``), its fields filled in."""
        one, many = PLURALS[name][self._index]
        return (one if count == 1 else many).format(n=count, **{k: self._value(v) for k, v in fields.items()})

    def text(self, message: Msg | str) -> str:
        """``message`` told in this language (a plain string is already told)."""
        if isinstance(message, str):
            return message
        if message.count is not None:
            return self.n(message.name, message.count, **dict(message.fields))
        if message.name in _LISTS:
            items = [self._value(v) for v in dict(message.fields)["items"]]  # type: ignore[union-attr]
            if len(items) < 2:
                return "".join(items)
            return ", ".join(items[:-1]) + self(message.name) + items[-1]
        return self(message.name, **dict(message.fields))

    def _value(self, value: object) -> str:
        if isinstance(value, Msg):
            return self.text(value)
        if isinstance(value, tuple):
            return ", ".join(self._value(v) for v in value)
        return str(value)

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
