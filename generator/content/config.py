"""``routines.toml``: the optional configuration of a content root (SPEC 9)."""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.rootpath import escape, outside, real_root
from generator.content.textfile import MAX_DATA_BYTES, TextProblem, read_bytes, read_text
from generator.core.diagnostics import Diagnostic
from generator.core.messages import Msg, msg

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
    csv_delimiter: str = ","
    """``csv_delimiter``: the separator of the CSV files written (``;`` for a Swedish Excel)."""
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
    case_columns: dict[str, str] = field(default_factory=dict)
    """``[cases.columns]``: SPEC 6 column id -> the header a case export uses for it."""
    case_delimiter: str | None = None
    """``[cases] delimiter``: the separator of a CSV case export (None: told from its header)."""
    roster_sheets: dict[str, str] = field(default_factory=dict)
    """``[roster.sheets]``: assignments / absences / people -> the sheet of a roster workbook."""
    roster_columns: dict[str, str] = field(default_factory=dict)
    """``[roster.columns]``: person, role, unit, from, to, note, id, name -> the header used for it."""
    theme_primary: str | None = None
    """``[theme] primary``: the header's and buttons' colour (``#rrggbb``), when it passed the contrast check."""
    theme_logo: str | None = None
    """``[theme] logo``: a root-relative image shown in the header, when it passed the checks."""
    editor: dict[str, str] | None = None
    """``[editor]`` without ``enabled``: the browser editor's forge; None when there is no editor."""

    def max_validity_years(self, doc_type: str | None) -> int:
        """The longest validity allowed for a document type."""
        return self.max_years.get(doc_type or "", self.default_max_years)


def _key_line(text: str, key: str) -> int:
    match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


LOGO_KINDS = ("svg", "png", "jpg", "jpeg")
MAX_LOGO_BYTES = 1_048_576
"""Largest logo read (1 MB)."""
MIN_CONTRAST = 4.5
"""WCAG 2.2 AA for normal text: white text on ``[theme] primary``."""
_SVG_ACTIVE = re.compile(rb"<\s*script|<\s*foreignobject|<\s*iframe|<\s*embed|<\s*object|<!entity|\son[a-z]+\s*=|javascript:"
                         rb"|<\s*(?:image|use|feimage)\b[^>]*href\s*=\s*[\"'](?!#)", re.IGNORECASE)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of white text on ``#rrggbb``."""
    return 1.05 / (_luminance(colour) + 0.05)


def darker(colour: str, factor: float = 0.65) -> str:
    """``#rrggbb`` with each channel scaled by ``factor`` (the hover shade of the theme colour)."""
    return "#" + "".join(f"{round(int(colour[i:i + 2], 16) * factor):02x}" for i in (1, 3, 5))


def logo_file(root: Path, rel: str) -> str | Msg:
    """The resolved path of the ``[theme] logo`` file, or why it cannot be used: it must stay inside
    the root, be a regular file no larger than 1 MB of a kind in :data:`LOGO_KINDS`, and an SVG
    may carry no script, event handler or external reference (it is published on the handbook's address)."""
    kind = rel.rsplit(".", 1)[-1].lower() if "." in rel else ""
    if kind not in LOGO_KINDS:
        return msg("check.theme_logo_kind", kinds=", ".join(LOGO_KINDS))
    resolved_root = real_root(root)
    real = os.path.realpath(os.path.join(root, rel))
    if escape(os.path.join(root, rel), resolved_root) is not None:
        return msg("check.theme_logo_outside")
    data = read_bytes(real, MAX_LOGO_BYTES)
    if isinstance(data, TextProblem):
        return data.message
    if kind == "svg" and _SVG_ACTIVE.search(data):
        return msg("check.theme_logo_script")
    return real


def theme_values(config: Config) -> dict[str, str | None]:
    """What the templates read as ``theme``: the colour, its hover shade, the logo's name in ``assets/``."""
    primary = config.theme_primary
    logo = config.theme_logo
    return {"primary": primary, "primary_dark": darker(primary) if primary else None,
            "logo": "logo." + logo.rsplit(".", 1)[-1].lower() if logo else None}


def _theme(root: Path, raw: dict[str, object], text: str) -> tuple[str | None, str | None, list[Diagnostic]]:
    theme = raw.get("theme", {})
    theme = theme if isinstance(theme, dict) else {}
    diags: list[Diagnostic] = []
    primary, logo = theme.get("primary"), theme.get("logo")
    if isinstance(primary, str):
        ratio = contrast_with_white(primary)
        if ratio < MIN_CONTRAST:
            diags.append(Diagnostic(CONFIG_FILE, _key_line(text, "primary"), "warning", "theme-contrast",
                                    msg("check.theme_contrast", colour=primary, ratio=f"{ratio:.1f}")))
            primary = None
    if isinstance(logo, str):
        found = logo_file(root, logo)
        if isinstance(found, Msg):
            diags.append(Diagnostic(CONFIG_FILE, _key_line(text, "logo"), "warning", "theme-logo",
                                    msg("check.theme_logo", file=logo, problem=found)))
            logo = None
    return (primary if isinstance(primary, str) else None), (logo if isinstance(logo, str) else None), diags


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
    cases = raw.get("cases", {})
    roster = raw.get("roster", {})
    primary, logo, diags = _theme(root, raw, text)
    return Config(
        title=raw.get("title", Config.title),
        base_url=raw.get("base_url", ""),
        language=raw.get("language", "sv"),
        timezone=raw.get("timezone", Config.timezone),
        csv_delimiter=raw.get("csv_delimiter", ","),
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
        case_columns=dict(cases.get("columns", {})),
        case_delimiter=cases.get("delimiter"),
        roster_sheets=dict(roster.get("sheets", {})),
        roster_columns=dict(roster.get("columns", {})),
        theme_primary=primary.lower() if primary else None,
        theme_logo=logo,
        editor=_editor(raw.get("editor")),
    ), diags


def _editor(section: object) -> dict[str, str] | None:
    """``[editor]`` (checked by the schema): its settings, or None when absent or ``enabled = false``."""
    if not isinstance(section, dict) or section.get("enabled", True) is False:
        return None
    return {str(k): str(v) for k, v in section.items() if k != "enabled"}
