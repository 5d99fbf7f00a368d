"""``routines.toml``: the optional configuration of a content root (SPEC 9)."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.rootpath import escape, outside, real_root
from generator.content.textfile import MAX_DATA_BYTES, TextProblem, read_text
from generator.core.diagnostics import Diagnostic
from generator.core.messages import msg

CONFIG_FILE = "routines.toml"
ATTACHMENT_KINDS = ("pdf", "png", "jpg", "jpeg", "gif", "webp", "txt", "csv", "rtf", "doc", "docx",
                    "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp")
"""Kinds (file name endings) of linked files the handbook publishes by default."""
SCRIPT_KINDS = frozenset({"html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "xslt",
                          "js", "mjs", "swf"})
"""Kinds a browser may run script in, on the handbook's own address: never published."""


@dataclass(frozen=True)
class EmailConfig:
    """``[email]``: how ``routines remind --email`` sends the owners' digests (SMTP)."""

    host: str
    sender: str
    """The ``From`` address (``from`` in the file)."""
    port: int = 587
    starttls: bool = True
    username: str | None = None
    password_env: str | None = None
    """The name of the environment variable that holds the password (never the password)."""
    owners: dict[str, str] = field(default_factory=dict)
    """Owner id -> e-mail address (``[email.owners]``)."""


@dataclass(frozen=True)
class Config:
    """Settings with their defaults filled in."""

    title: str = "Rutinhandboken"
    base_url: str = ""
    language: str = "sv"
    timezone: str = "Europe/Stockholm"
    reminder_days: tuple[int, ...] = (90, 14, 7, 1)
    """Reminder stages, days before ``valid_to``, largest first."""
    default_max_years: int = 2
    max_years: dict[str, int] = field(default_factory=dict)
    """Longest validity per document type; types not named get ``default_max_years``."""
    warn_within_days: int = 90
    closed_days: frozenset[dt.date] = frozenset()
    """Extra days that are not vardagar."""
    email: EmailConfig | None = None
    """``[email]``, when given."""
    attachment_folder: str | None = None
    """``[attachments] folder``: a root-relative folder whose linked files are published besides
    those under ``routines/``."""
    attachment_kinds: tuple[str, ...] = ATTACHMENT_KINDS
    """``[attachments] kinds``: the file name endings of linked files that are published."""

    def max_validity_years(self, doc_type: str | None) -> int:
        """The longest validity allowed for a document type."""
        return self.max_years.get(doc_type or "", self.default_max_years)


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def load_config(root: Path) -> tuple[Config, list[Diagnostic]]:
    """The root's configuration, or the defaults when there is no ``routines.toml``."""
    path = root / CONFIG_FILE
    if (target := escape(path, real_root(root))) is not None:
        return Config(), [Diagnostic(CONFIG_FILE, 1, "error", "symlink-outside",
                                     outside(CONFIG_FILE, target))]
    if not path.exists():
        return Config(), []
    text = read_text(path, MAX_DATA_BYTES)
    if isinstance(text, TextProblem):
        return Config(), [Diagnostic(CONFIG_FILE, text.line, "error", text.code, text.message)]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else 1
        return Config(), [Diagnostic(CONFIG_FILE, line, "error", "toml-syntax", msg("check.toml_syntax", error=str(error)))]
    from generator.content import schemas  # deferred: most roots have no routines.toml

    found = schemas.problems("config", raw)
    diags = [Diagnostic(CONFIG_FILE, _key_line(text, p.pointer.rsplit("/", 1)[-1]), "error", p.code, p.message)
             for p in found]
    attachments = raw.get("attachments", {})
    attachments = attachments if isinstance(attachments, dict) else {}
    kinds = attachments.get("kinds", [])
    script = [k for k in kinds if isinstance(k, str) and k.lower() in SCRIPT_KINDS] if isinstance(kinds, list) else []
    diags.extend(Diagnostic(CONFIG_FILE, _key_line(text, "kinds"), "error", "schema",
                            msg("check.script_kind", kind=k)) for k in script)
    if diags:
        return Config(), diags
    reminders = raw.get("reminders", {})
    validity = raw.get("validity", {})
    calendar = raw.get("calendar", {})
    email = raw.get("email")
    return Config(
        title=raw.get("title", Config.title),
        base_url=raw.get("base_url", ""),
        language=raw.get("language", "sv"),
        timezone=raw.get("timezone", Config.timezone),
        reminder_days=tuple(sorted(reminders.get("days_before", Config.reminder_days), reverse=True)),
        default_max_years=validity.get("default_max_years", 2),
        max_years=dict(validity.get("max_years", {})),
        warn_within_days=validity.get("warn_within_days", 90),
        closed_days=frozenset(dt.date.fromisoformat(d) for d in calendar.get("closed_days", [])),
        email=None if email is None else EmailConfig(
            host=email["host"], sender=email["from"], port=email.get("port", 587),
            starttls=email.get("starttls", True), username=email.get("username"),
            password_env=email.get("password_env"), owners=dict(email.get("owners", {}))),
        attachment_folder=attachments.get("folder"),
        attachment_kinds=tuple(k.lower() for k in attachments.get("kinds", ATTACHMENT_KINDS)),
    ), diags
