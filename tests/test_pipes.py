"""``routines … | head``: every command into a pipe whose reader has gone exits quietly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_demo

CASES = REPO / "examples" / "cases-demo.csv"
ROSTER = REPO / "examples" / "roster-demo.yaml"
SU = "SU9771-677637494-103"
COMMANDS = {
    "check": ["check"],
    "check-json": ["check", "--format", "json"],
    "obligations": ["obligations", "--unit", "su-bcc-mott"],
    "build": ["build", "--no-search", "--out", "{tmp}/site"],
    "deadlines": ["deadlines", "--cases", str(CASES), "--now", "2026-04-20T12:00:00+02:00"],
    "deadlines-csv": ["deadlines", "--cases", str(CASES), "--now", "2026-04-20T12:00:00+02:00", "--format", "csv"],
    "deadlines-json": ["deadlines", "--cases", str(CASES), "--now", "2026-04-20T12:00:00+02:00", "--format", "json"],
    "due": ["due", "--unit", "su-bcc-mott", "--case-type", "Förnya recept", "--at", "2026-04-02T09:15"],
    "roles": ["roles", "--roster", str(ROSTER), "--from", "2026-06-08", "--to", "2026-07-03"],
    "tasks": ["tasks", "--from", "2026-03-30", "--to", "2026-04-26"],
    "tasks-ics": ["tasks", "--from", "2026-03-30", "--to", "2026-04-26", "--format", "ics"],
    "expiring": ["expiring", "--within", "1000"],
    "remind": ["remind", "--format", "markdown"],
    "export": ["export", SU],
    "archive": ["archive", SU, "--out", "{tmp}/arkiv"],
    "new": ["new", "--title", "Prov", "--unit", "su-bcc", "--owner", "Anna Andersson, (anna01), Enhetschef",
            "--approver", "Thorsteinn Gunnarsson, (thogu14), Verksamhetschef", "--dry-run"],
    "renew": ["renew", SU, "--note", "Ny period.", "--dry-run"],
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_command_into_a_closed_pipe_exits_quietly(tmp_path: Path, name: str) -> None:
    root = copy_demo(tmp_path)
    argv = [a.replace("{tmp}", str(tmp_path)) for a in COMMANDS[name]]
    today = ["--today", "2027-03-12"] if name not in ("deadlines", "deadlines-csv", "deadlines-json", "due") else []
    process = subprocess.Popen([sys.executable, "-m", "generator", *argv, "--root", str(root), *today],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before anything is written
    with process.stderr:
        err = process.stderr.read().decode("utf-8")
    code = process.wait(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err and "BrokenPipe" not in err, err
    assert code == 141, (code, err)
