"""The text output of every command on the demo content, in Swedish and in English, as golden
files (tests/golden/cli/<command>.<language>.txt) to be read through as a person reads them.

``REGEN=1 ./dev test tests/test_golden_cli.py`` rewrites them; read the diff before committing.
Paths of the test's own directories are written ``<root>`` and ``<tmp>``, timings ``N s`` (``0,12 s`` in Swedish).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_demo, run

GOLDEN = REPO / "tests" / "golden" / "cli"
CASES = REPO / "examples" / "cases-demo.csv"
ROSTER = REPO / "examples" / "roster-demo.yaml"
TASK_LOG = REPO / "examples" / "task-log-demo.csv"
SEED = REPO / "tests" / "fixtures" / "seeds" / "000_a33dc2f7b08b9a2d.txt"
SU = "SU9771-677637494-103"
TODAY = ["--today", "2027-03-12"]
NOW = ["--now", "2026-04-20T12:00:00+02:00"]
OWNER = "Anna Andersson, (anna01), Enhetschef"
APPROVER = "Thorsteinn Gunnarsson, (thogu14), Verksamhetschef"

COMMANDS: dict[str, list[str]] = {
    "help": ["--help"],
    "check-help": ["check", "--help"],
    "usage-command": ["chek"],
    "usage-option": ["check", "--stict", "{root}"],
    "usage-value": ["check", "--format", "jsn", "{root}"],
    "usage-port": ["serve", "--port", "99999", "{root}"],
    "check": ["check", "{root}", *TODAY],
    "check-broken": ["check", "{root}", *TODAY, "{break}"],
    "build": ["build", "{root}", *TODAY, "--no-search", "--out", "{tmp}/site"],
    "obligations": ["obligations", "{root}", "--unit", "su-bcc-mott"],
    "obligations-unknown": ["obligations", "{root}", "--unit", "su-bcc-mot"],
    "deadlines": ["deadlines", "{root}", "--cases", str(CASES), *NOW],
    "due": ["due", "{root}", "--unit", "su-bcc-mott", "--case-type", "Förnya recept", "--at", "2026-04-02T09:15"],
    "roles": ["roles", "{root}", "--roster", str(ROSTER), "--from", "2026-06-08", "--to", "2026-07-03"],
    "tasks": ["tasks", "{root}", "--from", "2026-03-30", "--to", "2026-04-26", "--today", "2026-04-22",
              "--log", str(TASK_LOG)],
    "expiring": ["expiring", "{root}", *TODAY, "--within", "1000"],
    "remind": ["remind", "{root}", *TODAY],
    "remind-markdown": ["remind", "{root}", *TODAY, "--format", "markdown"],
    "import": ["import", "{root}", str(SEED), "--out", "{tmp}/imported", "--dry-run"],
    "export": ["export", "{root}", SU],
    "archive": ["archive", "{root}", *TODAY, "--out", "{tmp}/arkiv"],
    "new": ["new", "{root}", *TODAY, "--title", "Prov", "--unit", "su-bcc", "--owner", OWNER,
            "--approver", APPROVER, "--dry-run"],
    "new-unknown-unit": ["new", "{root}", *TODAY, "--title", "Prov", "--unit", "su-bcc-mot", "--owner", OWNER,
                         "--approver", APPROVER, "--dry-run"],
    "renew": ["renew", "{root}", SU, *TODAY, "--note", "Ny period.", "--dry-run"],
    "renew-unknown": ["renew", "{root}", "SU9771-677637494-10", *TODAY, "--note", "Ny period.", "--dry-run"],
}
"""Each command's arguments; ``{root}`` is ``--root <a copy of the demo>``, ``{break}`` breaks
one routine of it first (a missing field, a bad date, an unknown unit)."""


ARGPARSE_LAYOUT = ("help", "check-help", "usage-")
"""The golden files holding argparse's own layout, recorded on Python 3.11."""


def _argv(name: str, root: Path, tmp: Path) -> list[str]:
    argv: list[str] = []
    for arg in COMMANDS[name]:
        if arg == "{root}":
            argv += ["--root", str(root)]
        elif arg == "{break}":
            routine = root / "routines" / "su-ogon" / "1177-e-tjanster-ogonmottagningen.md"
            text = routine.read_text(encoding="utf-8")
            text = text.replace("applies_to: [su-ogon-mott]", "applies_to: [su-ogon-mot]")
            text = re.sub(r"^valid_from: .*$", "valid_from: 2026-13-01", text, count=1, flags=re.MULTILINE)
            text = re.sub(r"^owner:", "ownr:", text, count=1, flags=re.MULTILINE)
            routine.write_text(text, encoding="utf-8")
        else:
            argv.append(arg.replace("{tmp}", str(tmp)))
    return argv


def _normal(text: str, root: Path, tmp: Path) -> str:
    text = text.replace(str(root), "<root>").replace(str(tmp), "<tmp>").replace(str(REPO), "<repo>")
    return re.sub(r"\b\d+[.,]\d+ s\b", "N s", text)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_output_of_every_command(tmp_path: Path, name: str, language: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if name.startswith(ARGPARSE_LAYOUT) and sys.version_info[:2] != (3, 11):
        pytest.skip("argparse lays out help and usage a little differently after Python 3.11 "
                    "(tests/test_swedish_cli.py checks their words on every version)")
    monkeypatch.setenv("COLUMNS", "100")  # argparse wraps help at the terminal's width
    root = copy_demo(tmp_path)
    result = run(*_argv(name, root, tmp_path), "--lang", language)
    found = (f"$ routines {_normal(' '.join(COMMANDS[name]), root, tmp_path)}\n[exit {result.code}]\n"
             f"--- stdout\n{_normal(result.out, root, tmp_path)}--- stderr\n{_normal(result.err, root, tmp_path)}")
    golden = GOLDEN / f"{name}.{language}.txt"
    if os.environ.get("REGEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(found, encoding="utf-8")
    assert found == golden.read_text(encoding="utf-8")


def test_the_golden_files_are_those_of_the_commands() -> None:
    expected = {f"{name}.{language}.txt" for name in COMMANDS for language in ("sv", "en")}
    assert {p.name for p in GOLDEN.glob("*.txt")} == expected


def test_a_swedish_default_without_lang_or_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROUTINES_LANG")
    root = copy_demo(tmp_path)
    def summary(*argv: str) -> str:
        return _normal(run("check", "--root", str(root), *TODAY, *argv).err, root, tmp_path)

    assert summary() == summary("--lang", "sv") != summary("--lang", "en")
    (root / "routines.toml").write_text('language = "en"\n', encoding="utf-8")
    assert summary() == summary("--lang", "en")
    monkeypatch.setenv("ROUTINES_LANG", "sv")  # the environment before routines.toml
    assert summary() == summary("--lang", "sv")
