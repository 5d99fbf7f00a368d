"""``routines roles`` with 5,000 people, 500 units and one year (budget 5 s)."""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from bench.build_bench import BIN, OUT
from bench.measure import timed

REPO = Path(__file__).resolve().parents[1]
ROLES = ["arendemottagare", "arendehanterare", "lokal-administrator", "behorighetsadministrator"]


def roles_root(people: int = 5000, verksamheter: int = 83, seed: int = 11) -> tuple[Path, Path, int]:
    """A content root (units, catalog, SU's 1177 routine) and a roster; (root, roster, units)."""
    root = OUT / f"roles-{people}"
    roster = root / "roster.yaml"
    units = ["reg", "sjh"]
    lines = ["units:", "  - {id: reg, name: Region, kind: region}", "  - {id: sjh, name: Sjukhuset, kind: sjukhus, parent: reg}"]
    mottagningar: list[str] = []
    for v in range(verksamheter):
        lines.append(f"  - {{id: v{v}, name: Verksamhet {v}, kind: verksamhet, parent: sjh}}")
        units.append(f"v{v}")
        for m in range(5):
            lines.append(f"  - {{id: v{v}-m{m}, name: Mottagning {v}.{m}, kind: mottagning, parent: v{v}, care: öppenvård}}")
            units.append(f"v{v}-m{m}")
            mottagningar.append(f"v{v}-m{m}")
    if roster.exists():
        return root, roster, len(units)
    shutil.rmtree(root, ignore_errors=True)
    (root / "routines").mkdir(parents=True)
    (root / "routines/organisation.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(REPO / "routines/catalog.yaml", root / "routines/catalog.yaml")
    text = (REPO / "routines/su/1177-e-tjanster-rollbeskrivning.md").read_text(encoding="utf-8")
    (root / "routines/rutin.md").write_text(text.replace("applies_to: [su]", "applies_to: [sjh]"), encoding="utf-8")
    rng = random.Random(seed)
    out = ["assignments:"]
    absences = ["absences:"]
    start = dt.date(2026, 1, 1)
    for i in range(people):
        person = f"p{i:05d}"
        for role in rng.sample(ROLES, rng.choice((1, 1, 2))):
            out.append(f"  - {{person: {person}, role: {role}, unit: {rng.choice(mottagningar)}}}")
        day = start + dt.timedelta(days=rng.randrange(0, 30))
        while day.year == 2026:
            length = rng.choice((1, 2, 3, 5, 10, 15, 25))
            absences.append(f"  - {{person: {person}, from: {day}, to: {day + dt.timedelta(days=length - 1)}}}")
            day += dt.timedelta(days=length + rng.randrange(20, 120))
    roster.write_text("\n".join(out + absences) + "\n", encoding="utf-8")
    return root, roster, len(units)


def bench_roles() -> None:
    root, roster, units = roles_root()
    print(f"routines roles: 5,000 people, {units} units, 2026-01-01 to 2026-12-31")
    for fmt in ("text", "json"):
        run = timed([str(BIN / "routines"), "roles", "--root", str(root), "--roster", str(roster),
                     "--from", "2026-01-01", "--to", "2026-12-31", "--format", fmt, "--no-cache"])
        verdict = "ok" if run.seconds <= 5 else "OVER BUDGET"
        print(f"  {'--format ' + fmt:<42} {run.seconds:7.2f} s  {run.peak_mb:6.0f} MB  budget 5 s {verdict}")
