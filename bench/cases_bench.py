"""``routines deadlines`` on a million cases: time and peak memory (budget 5 s, 300 MB)."""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from bench.build_bench import BIN, OUT
from bench.measure import timed

REPO = Path(__file__).resolve().parents[1]
UNITS = ["su-bcc-mott", "su-bcc-avd321", "su-ogon-mott", "Barncancercentrum öppenvårdsmottagning"]
TYPES = ["Förnya recept", "begar-intyg", "Synpunkter och klagomål", "egenremiss", "Av/omboka tid",
         "skicka-meddelande", "kontakt-bokning"]


def cases_file(n: int, seed: int = 7) -> Path:
    """A case export of ``n`` rows over 2026 for the demo units, generated once."""
    path = OUT / f"cases-{n}.csv"
    if path.exists():
        return path
    OUT.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    start = dt.datetime(2026, 2, 17, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        out.write("case_id,unit,case_type,received_at,answered_at,partial_answer_at\n")
        for i in range(n):
            received = start + dt.timedelta(minutes=rng.randrange(300 * 24 * 60))
            # nine answers in ten within a day, most others within four days, a few never
            hours = rng.randrange(1, 24) if rng.random() < 0.9 else rng.randrange(24, 24 * 4)
            answered = received + dt.timedelta(hours=hours) if rng.random() < 0.98 else None
            partial = received + dt.timedelta(hours=rng.randrange(1, 30)) if rng.random() < 0.2 else None
            out.write(f"C-{i},{rng.choice(UNITS)},{rng.choice(TYPES)},{received.isoformat()},"
                      f"{answered.isoformat() if answered else ''},{partial.isoformat() if partial else ''}\n")
    tmp.rename(path)
    return path


def xlsx_file(n: int) -> Path:
    """The cases of :func:`cases_file` as an .xlsx workbook (sheet Ärenden, Swedish headers, the
    times as date cells in local time), written once with openpyxl's write-only mode."""
    path = OUT / f"cases-{n}.xlsx"
    if path.exists():
        return path
    import csv
    from zoneinfo import ZoneInfo

    from openpyxl import Workbook

    zone = ZoneInfo("Europe/Stockholm")
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Ärenden")
    sheet.append(["Ärendenummer", "Enhet", "Ärendetyp", "Inkom", "Besvarad", "Delsvar"])
    with cases_file(n).open(encoding="utf-8", newline="") as source:
        rows = csv.reader(source)
        next(rows)
        for case_id, unit, case_type, *times in rows:
            cells = [dt.datetime.fromisoformat(t).astimezone(zone).replace(tzinfo=None) if t else None for t in times]
            sheet.append([case_id, unit, case_type, *cells])
    tmp = path.with_suffix(".tmp")
    book.save(tmp)
    tmp.rename(path)
    return path


def bench_cases(n: int) -> None:
    path = cases_file(n)
    size = path.stat().st_size / 1_048_576
    print(f"routines deadlines: {n:,} cases ({size:.0f} MB CSV) against the demo routines")
    for fmt in ("text", "json"):
        run = timed([str(BIN / "routines"), "deadlines", "--root", str(REPO), "--cases", str(path),
                     "--now", "2026-12-15T12:00:00+01:00", "--format", fmt, "--no-cache"])
        budget = "  budget 5 s " + ("ok" if run.seconds <= 5 else "OVER BUDGET") if n == 1_000_000 else ""
        memory = ("  budget 300 MB " + ("ok" if run.peak_mb <= 300 else "OVER BUDGET")) if n == 1_000_000 else ""
        print(f"  {'--format ' + fmt:<42} {run.seconds:7.2f} s  {run.peak_mb:6.0f} MB{budget}{memory}")
    book = xlsx_file(n)
    run = timed([str(BIN / "routines"), "deadlines", "--root", str(REPO), "--cases", str(book),
                 "--now", "2026-12-15T12:00:00+01:00", "--format", "text", "--no-cache"])
    print(f"  {'.xlsx (' + f'{book.stat().st_size / 1_048_576:.0f} MB), --format text':<42} {run.seconds:7.2f} s  "
          f"{run.peak_mb:6.0f} MB")
    sys.stdout.flush()
