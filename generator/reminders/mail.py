"""E-mail digests (``routines remind --email``): each owner's Markdown digest as plain text, by SMTP.

Settings come from ``routines.toml`` ``[email]``; the password only from the environment
variable named there. Owners without an address in ``[email.owners]`` are skipped (and listed).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from generator.content.config import EmailConfig
from generator.core.errors import GeneratorError
from generator.core.messages import Messages, Msg, counted, messages, msg
from generator.reminders.due import Entry, Owner, digest_markdown

TIMEOUT = 60.0
_NOT_IN_HEADER = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
"""Line breaks and other control characters: in a header they would end it, or start another."""


class MailError(GeneratorError):
    """The SMTP server could not be reached, or refused us."""


@dataclass
class MailResult:
    sent: list[tuple[Owner, str]] = field(default_factory=list)
    """(owner, address) of each digest sent."""
    skipped: list[Owner] = field(default_factory=list)
    """Owners with reminders but no address in ``[email.owners]``."""
    failed: list[tuple[Owner, Msg | str]] = field(default_factory=list)
    """(owner, why) of each digest the server refused."""

    def to_json(self, t: Messages) -> dict[str, object]:
        """What was sent, skipped and refused; ``reason`` and ``error`` in ``t``'s language."""
        return {"sent": [{"owner": o.to_json(), "to": a} for o, a in self.sent],
                "skipped": [{"owner": o.to_json(), "reason": t("mail.no_address")} for o in self.skipped],
                "failed": [{"owner": o.to_json(), "error": t.text(e)} for o, e in self.failed]}

    def lines(self, t: Messages) -> list[str]:
        """One line per owner: sent, skipped or failed."""
        return ([t("mail.sent", owner=o.told(t), to=a) for o, a in self.sent]
                + [t("mail.skipped", owner=o.told(t)) for o in self.skipped]
                + [t("mail.failed", owner=o.told(t), why=e) for o, e in self.failed])


def header_value(value: str, setting: str, header: str) -> str:
    """``value`` for the ``header`` line, or a MailError naming the ``routines.toml`` setting it
    came from when it holds a line break or another control character."""
    bad = _NOT_IN_HEADER.search(value)
    if bad is not None:
        what = msg("mail.line_break") if bad.group() in "\r\n\u2028\u2029" else msg("mail.control_character")
        raise MailError(msg("mail.bad_header", setting=setting, what=what, code=f"U+{ord(bad.group()):04X}",
                            header=header))
    return value


def subject(group: Sequence[Entry], site_title: str, today: dt.date, language: str) -> str:
    t = messages(language)
    return t("mail.subject", site=site_title, routines=t.n("routine", len(group)), today=today.isoformat())


def digest_text(owner: Owner, group: Sequence[Entry], today: dt.date, language: str) -> str:
    t = messages(language)
    head, foot = t("mail.greeting", name=owner.name, today=today.isoformat()), t("mail.footer")
    return f"{head}\n{digest_markdown(owner, group, language, level=1)}\n-- \n{foot}\n"


def build_message(owner: Owner, group: Sequence[Entry], to: str, settings: EmailConfig, site_title: str,
                  today: dt.date, language: str) -> EmailMessage:
    """One owner's digest as a plain-text UTF-8 message."""
    message = EmailMessage()
    message["From"] = header_value(settings.sender, "email.from", "From")
    message["To"] = header_value(to, f"email.owners.{owner.id}", "To")
    header_value(site_title, "title", "Subject")
    message["Subject"] = subject(group, site_title, today, language)
    message["Date"] = formatdate(usegmt=True)  # when it is sent: the one time a real clock is right
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2])
    message.set_content(digest_text(owner, group, today, language))
    return message


def _password(settings: EmailConfig, environ: Mapping[str, str]) -> str | None:
    if settings.password_env is None:
        return None
    password = environ.get(settings.password_env)
    if not password:
        raise MailError(msg("mail.no_password", variable=settings.password_env))
    return password


def send_digests(groups: Sequence[tuple[Owner, list[Entry]]], settings: EmailConfig, site_title: str,
                 today: dt.date, language: str = "sv",
                 environ: Mapping[str, str] | None = None) -> MailResult:
    """Send each owner with an address their digest, over one SMTP connection."""
    result = MailResult()
    if groups:  # the settings every message uses: one error, before anything is sent
        header_value(site_title, "title", "Subject")
        header_value(settings.sender, "email.from", "From")
    todo = []
    for owner, group in groups:
        address = settings.owners.get(owner.id) if owner.id else None
        if address is None:
            result.skipped.append(owner)
            continue
        try:
            todo.append((owner, address, build_message(owner, group, address, settings, site_title, today,
                                                       language)))
        except MailError as error:  # this owner's address: the others still get theirs
            result.failed.append((owner, error.message))
    if not todo:
        return result
    password = _password(settings, os.environ if environ is None else environ)
    where = f"{settings.host}:{settings.port}"
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username is not None and password is not None:
                smtp.login(settings.username, password)
            for owner, address, message in todo:
                try:
                    smtp.send_message(message)
                    result.sent.append((owner, address))
                except smtplib.SMTPServerDisconnected:
                    raise
                except smtplib.SMTPException as error:
                    why = _smtp_error(error)
                    result.failed.append((owner, why if address in why else f"{address}: {why}"))
    except smtplib.SMTPNotSupportedError:
        raise MailError(msg("mail.no_starttls", where=where)) from None
    except (OSError, smtplib.SMTPException) as error:
        raise MailError(msg("mail.server_failed", where=where, why=_smtp_error(error), sent=len(result.sent),
                            digests=counted("digest", len(todo)))) from None
    return result


def _smtp_error(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPResponseException):
        text = error.smtp_error.decode("utf-8", "replace") if isinstance(error.smtp_error, bytes) else error.smtp_error
        return f"{error.smtp_code} {text}"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace')}"
                         for addr, (code, msg) in error.recipients.items())
    return str(error) or type(error).__name__
