"""One clock: SOURCE_DATE_EPOCH stands for the day and the instant alike, in every command."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

EPOCH = int(dt.datetime(2026, 4, 3, 10, 0, tzinfo=dt.UTC).timestamp())


def _routines(*argv: str, epoch: int = EPOCH) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "TZ": "America/New_York"}
    return subprocess.run([sys.executable, "-m", "generator", *argv], capture_output=True, text=True,
                          env=env, check=False, cwd=REPO, timeout=120)


def test_deadlines_judge_open_cases_as_of_the_epoch(tmp_path: Path) -> None:
    # Förnya recept at BCC's mottagning, received Thursday 2 April: due within two vardagar,
    # so on Friday 3 April (the epoch) it is open, on any later real day it would be overdue.
    cases = tmp_path / "cases.csv"
    cases.write_text("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n"
                     "A1,su-bcc-mott,Förnya recept,2026-04-02T09:15:00+02:00,,\n", encoding="utf-8")
    result = _routines("deadlines", "--root", str(REPO), "--cases", str(cases), "--format", "json", "--no-cache")
    assert result.returncode == 0, result.stderr
    results = json.loads(result.stdout)["results"]
    assert results and {r["status"] for r in results} == {"open"}  # under SU's rule and BCC's


def test_check_takes_the_epochs_day(tmp_path: Path) -> None:
    # The demo's SU routine is valid to 2027-03-25: 90 days before, it starts to expire.
    quiet = _routines("check", "--root", str(REPO), "--format", "json", "--no-cache")
    expiring = _routines("check", "--root", str(REPO), "--format", "json", "--no-cache",
                         epoch=int(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC).timestamp()))
    codes = [{d["code"] for d in json.loads(r.stdout)["diagnostics"]} for r in (quiet, expiring)]
    assert "expiring" not in codes[0] and "expiring" in codes[1]


def test_a_timestamp_without_offset_is_local_time_in_the_configured_zone(tmp_path: Path) -> None:
    from tests.conftest import copy_demo, run

    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('timezone = "Europe/Helsinki"\n', encoding="utf-8")
    result = run("due", "--root", str(root), "--unit", "su-bcc-mott", "--case-type", "Förnya recept",
                 "--at", "2026-04-02T23:30", "--format", "json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["received_at"] == "2026-04-02T23:30:00+03:00"
    offset = run("due", "--root", str(root), "--unit", "su-bcc-mott", "--case-type", "Förnya recept",
                 "--at", "2026-04-02T23:30+02:00", "--format", "json")
    assert json.loads(offset.out)["received_at"] == "2026-04-03T00:30:00+03:00"


def test_only_the_command_layer_reads_the_clock() -> None:
    """The library takes today and now as values; the commands resolve them (the preview server
    once per build, so that it moves on with the day)."""
    readers = sorted(str(p.relative_to(REPO)) for p in (REPO / "generator").rglob("*.py")
                     if "generator.core.clock import" in p.read_text(encoding="utf-8"))
    assert [r for r in readers if not r.startswith("generator/cli/")] == ["generator/handbook/serve.py"]
    clock = (REPO / "generator" / "core" / "clock.py").read_text(encoding="utf-8")
    others = [str(p.relative_to(REPO)) for p in (REPO / "generator").rglob("*.py") if p.name != "clock.py"
              and any(call in p.read_text(encoding="utf-8") for call in ("datetime.now(", "date.today(", "time.time("))]
    assert "datetime.now(" in clock and others == []


def test_reports_show_the_clock_to_the_second() -> None:
    # No --now: the deadline report's "as of" comes from the clock, which has no microseconds.
    result = subprocess.run([sys.executable, "-m", "generator", "due", "--root", str(REPO), "--unit", "su-bcc-mott",
                             "--case-type", "Förnya recept", "--format", "json"],
                            capture_output=True, text=True, check=False, cwd=REPO, timeout=120,
                            env={k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"})
    assert result.returncode == 0, result.stderr
    received = json.loads(result.stdout)["received_at"]
    assert len(received) == len("2026-12-01T12:34:56+01:00"), received
