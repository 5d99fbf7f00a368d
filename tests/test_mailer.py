"""``routines remind --email`` against a small SMTP responder on 127.0.0.1, started per test.

No test depends on the real date: every run passes ``--today``.
"""

from __future__ import annotations

import base64
import json
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from generator.content import schemas
from generator.content.config import EmailConfig, load_config
from tests.conftest import copy_demo
from tests.test_github_issues import FakeGh
from tests.test_reminders import BCC, OGON, SU, routines_cli


@dataclass
class Mailbox:
    """What the responder received."""

    messages: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    """(MAIL FROM, RCPT TO..., DATA) per message."""
    auth: list[str] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)
    """Recipients answered with 550."""
    offer_auth: bool = False


class _Handler(socketserver.StreamRequestHandler):
    """Enough of RFC 5321 for smtplib: EHLO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT."""

    server: _Server

    def reply(self, text: str) -> None:
        self.wfile.write(text.encode("ascii") + b"\r\n")

    def handle(self) -> None:
        box = self.server.box
        self.reply("220 127.0.0.1 test SMTP")
        sender, recipients = "", list[str]()
        while line := self.rfile.readline():
            command = line.decode("utf-8").rstrip("\r\n")
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self.reply("250-127.0.0.1\r\n250-8BITMIME" + ("\r\n250 AUTH PLAIN" if box.offer_auth else "\r\n250 OK"))
            elif verb == "HELO" or verb in ("RSET", "NOOP"):
                sender, recipients = ("", []) if verb == "RSET" else (sender, recipients)
                self.reply("250 OK")
            elif verb == "AUTH":
                box.auth.append(base64.b64decode(command.split()[2]).decode("utf-8"))
                self.reply("235 2.7.0 Authentication successful")
            elif verb == "MAIL":
                sender, recipients = command[10:].split(">")[0].lstrip("<"), []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = command[8:].split(">")[0].lstrip("<")
                if address in box.refuse:
                    self.reply("550 5.1.1 No such user")
                else:
                    recipients.append(address)
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                box.messages.append((sender, recipients, b"".join(data)))
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    box: Mailbox


@pytest.fixture
def smtp() -> Iterator[tuple[int, Mailbox]]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.box = Mailbox()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], server.box
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def email_root(tmp_path: Path, port: int, extra: str = "") -> Path:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text(
        f'title = "Rutinhandboken"\n[email]\nhost = "127.0.0.1"\nport = {port}\nfrom = "rutiner@example.se"\n'
        f'starttls = false\n{extra}[email.owners]\nmarer154 = "maria.eriksson@example.se"\n'
        'demo01 = "eva.demo@example.se"\n', encoding="utf-8")
    return root


def parse(data: bytes) -> EmailMessage:
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


# 2027-12-01: SU's routine has expired; the Ögon and BCC routines are at their 90-day stage.
TODAY = "2027-12-01"


def test_each_owner_with_an_address_gets_their_digest(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    result = routines_cli("remind", "--root", str(email_root(tmp_path, port)), "--today", TODAY, "--email",
                          "--lang", "sv")
    assert result.code == 0, result.err
    assert result.out.splitlines()[-4:] == [
        "Sammanställningar per e-post:",
        "  skickat         Eva Demo (demo01) <eva.demo@example.se>",
        "  skickat         Maria Eriksson (marer154) <maria.eriksson@example.se>",
        "  hoppades över   Madelene Nolbris (madno6): ingen adress i [email.owners] i routines.toml"]
    assert len(box.messages) == 2
    by_to = {rcpt[0]: (sender, parse(data)) for sender, rcpt, data in box.messages}
    sender, maria = by_to["maria.eriksson@example.se"]
    assert sender == "rutiner@example.se"
    assert maria["To"] == "maria.eriksson@example.se" and maria["From"] == "rutiner@example.se"
    assert maria["Subject"] == "Rutinhandboken: 1 rutin att revidera (2027-12-01)"
    assert maria.get_content_type() == "text/plain"
    body = maria.get_content().replace("\r\n", "\n")
    assert body.startswith("Hej Maria Eriksson!\n")
    assert "# Maria Eriksson (marer154)" in body
    assert f"| 1177 e-tjänster rollbeskrivning (`{SU}`) | utgången | 2027-03-25 | -251 |" in body
    assert "**Att göra:** revidera rutinen" in body
    _, eva = by_to["eva.demo@example.se"]
    assert f"(`{OGON}`) | 90 dagar före | 2028-01-14 | 44 |" in eva.get_content()
    assert BCC not in eva.get_content() and OGON not in body
    # Madelene Nolbris (BCC) has no address: skipped, and said so (above)


def test_password_only_from_the_environment(tmp_path: Path, smtp: tuple[int, Mailbox],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    port, box = smtp
    box.offer_auth = True
    root = email_root(tmp_path, port, 'username = "rutinbot"\npassword_env = "ROUTINES_TEST_SMTP_PASSWORD"\n')
    monkeypatch.delenv("ROUTINES_TEST_SMTP_PASSWORD", raising=False)
    missing = routines_cli("remind", "--root", str(root), "--today", TODAY, "--email")
    assert missing.code == 2
    assert "ROUTINES_TEST_SMTP_PASSWORD (email.password_env in routines.toml) is not set" in missing.err
    assert box.messages == []
    monkeypatch.setenv("ROUTINES_TEST_SMTP_PASSWORD", "hemligt")
    result = routines_cli("remind", "--root", str(root), "--today", TODAY, "--email", "--format", "json")
    assert result.code == 0, result.err
    assert box.auth == ["\0rutinbot\0hemligt"]
    payload = json.loads(result.out)
    assert [s["to"] for s in payload["email"]["sent"]] == ["eva.demo@example.se", "maria.eriksson@example.se"]
    assert payload["email"]["skipped"] == [{"owner": {"id": "madno6", "name": "Madelene Nolbris"},
                                            "reason": "no address in [email.owners]"}]


def test_a_refused_recipient_and_an_unreachable_server(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    box.refuse = {"eva.demo@example.se"}
    result = routines_cli("remind", "--root", str(email_root(tmp_path, port)), "--today", TODAY, "--email")
    assert result.code == 2
    assert "routines: error: e-mail to Eva Demo (demo01): eva.demo@example.se: 550 5.1.1 No such user" in result.err
    assert [m[1] for m in box.messages] == [["maria.eriksson@example.se"]]
    root = email_root(tmp_path / "b", 1)  # nothing listens on port 1
    down = routines_cli("remind", "--root", str(root), "--today", TODAY, "--email")
    assert down.code == 2 and "routines: error: SMTP server 127.0.0.1:1:" in down.err
    assert "Traceback" not in down.err


def test_starttls_not_offered(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    root = email_root(tmp_path, port)
    toml = root / "routines.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("starttls = false", "starttls = true"),
                    encoding="utf-8")
    result = routines_cli("remind", "--root", str(root), "--today", TODAY, "--email")
    assert result.code == 2 and "does not offer STARTTLS" in result.err
    assert box.messages == []


def test_with_github_only_new_reminders_are_mailed(tmp_path: Path, smtp: tuple[int, Mailbox]) -> None:
    port, box = smtp
    gh = FakeGh(tmp_path / "bin")
    root = email_root(tmp_path, port)
    argv = ("remind", "--root", str(root), "--github", "--gh", str(gh.path), "--email")
    assert routines_cli(*argv, "--today", TODAY).code == 0
    assert len(box.messages) == 2
    again = routines_cli(*argv, "--today", TODAY)  # nothing new: no second e-mail
    assert again.code == 0 and len(box.messages) == 2
    assert "E-mail digests:\n  none to send" in again.out
    later = routines_cli(*argv, "--today", "2028-01-01")  # Ögon reaches 14 days: only Eva hears
    assert later.code == 0, later.err
    assert [m[1] for m in box.messages[2:]] == [["eva.demo@example.se"]]


def test_email_needs_settings(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    result = routines_cli("remind", "--root", str(root), "--today", TODAY, "--email")
    assert result.code == 2 and "--email needs an [email] section in routines.toml" in result.err
    (root / "routines.toml").write_text('[email]\nhost = "x"\nfrom = "a@b.se"\nhsot = 1\n', encoding="utf-8")
    bad = routines_cli("remind", "--root", str(root), "--today", TODAY, "--email")
    assert bad.code == 2 and "routines.toml has errors" in bad.err and "hsot" in bad.err


def test_config_reads_the_email_section(tmp_path: Path) -> None:
    (tmp_path / "routines.toml").write_text(
        '[email]\nhost = "smtp.example.se"\nfrom = "rutiner@example.se"\nusername = "bot"\n'
        'password_env = "SMTP_PASSWORD"\n[email.owners]\nmarer154 = "m@example.se"\n', encoding="utf-8")
    config, diags = load_config(tmp_path)
    assert diags == []
    assert config.email == EmailConfig(host="smtp.example.se", sender="rutiner@example.se", port=587,
                                       starttls=True, username="bot", password_env="SMTP_PASSWORD",
                                       owners={"marer154": "m@example.se"})
    assert load_config(tmp_path / "none")[0].email is None


@pytest.mark.parametrize(("email", "code"), [
    ({"host": "h", "from": "a@b.se", "password": "x"}, "unknown-field"),
    ({"host": "h", "from": "a@b.se", "username": "u"}, "schema"),            # no password_env
    ({"host": "h", "from": "not an address"}, "schema"),
    ({"from": "a@b.se"}, "schema"),                                          # no host
    ({"host": "h", "from": "a@b.se", "owners": {"x": "a@b.se\nBcc: c@d.se"}}, "schema"),
])
def test_email_schema(email: dict[str, object], code: str) -> None:
    assert code in [p.code for p in schemas.problems("config", {"email": email})]
