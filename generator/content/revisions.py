"""One state of a routine file as change control compares it: its ``version``, its
``valid_from`` and a digest of its body and rules."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from generator.content import frontmatter
from generator.content.front_fields import FrontFields, rules_json, whole_fields
from generator.content.history import blob_id
from generator.content.textfile import TextProblem

_WEEK_DATE = re.compile(rb"[0-9]{4}-W[0-9]{2}-[0-9]")


def file_blob(data: bytes, like: str = "") -> str:
    """The git blob id of a routine file's bytes (SHA-1, or the hash of the id ``like``), when a
    commit of these bytes is the routine as loaded; empty when the file holds a week date
    (``2025-W10-1``): a ``valid_from`` written so is loaded as another text than the revision's."""
    return "" if b"-W" in data and _WEEK_DATE.search(data) else blob_id(data, like)


@dataclass(frozen=True, slots=True)
class Revision:
    """What change control compares in one state of a routine file."""

    version: str | None
    valid_from: str | None
    content: str
    """A digest of the body and the rules: what a new version must accompany."""

    def to_cache(self) -> list[str | None]:
        return [self.version, self.valid_from, self.content]


def revision(data: bytes | str, fronts: FrontFields | None = None) -> Revision | None:
    """The comparable parts of a routine file's text, or None if it cannot be read. With
    ``fronts``, a front matter (or an entry of one) met before is not parsed again: a commit
    that changed the body alone has the front matter of the one before it, a new version
    changes a line or two of it."""
    parts = frontmatter.split_file(data)
    if isinstance(parts, TextProblem):
        return None
    front = whole_fields(parts.front_matter) if fronts is None else fronts.read(parts.front_matter)
    return None if front is None else Revision(front[0], front[1], _digest(parts.body, front[2]))


def content_digest(body: str, rules: object) -> str:
    """A digest of what a new version must accompany: the body and the rules (a rule's ``review``
    mark is not content: removing it after checking the rule needs no new version)."""
    return _digest(body, rules_json(rules))


def _digest(body: str, rules: str) -> str:
    canonical = body.strip() + "\n\x00" + rules
    return hashlib.blake2b(canonical.encode("utf-8"), digest_size=16).hexdigest()


def version_key(version: str) -> tuple[int, ...] | None:
    """``"6.10"`` as ``(6, 10)``, to compare versions; None when it is not numbers and dots."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


def cached_revision(raw: Any) -> Revision | bool:
    """A cached revision (``[version, valid_from, content]``, or ``[]`` for an unreadable one);
    raises when the entry is not of that shape. False stands for the unreadable one."""
    if raw == []:
        return False
    if (type(raw) is not list or len(raw) != 3 or not all(v is None or type(v) is str for v in raw[:2])
            or type(raw[2]) is not str):
        raise ValueError("cached revision: not [version, valid_from, content]")
    return Revision(raw[0], raw[1], raw[2])
