"""History: change control on a cold cache against one ``git log -- FILE`` per routine.

The repository (``bench/history_repo.py``): 10,000 routines over 30,000 commits in a realistic
mix. Budgets of issue 19, item 5: change control on a cold cache within 5 s and under 300 MB.
The anchor is per-file git, as per-file plugins read history: one ``git log --follow -- FILE``
per routine, timed on a sample in the same run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.build_bench import BIN, OUT
from bench.history_repo import write_history_repo
from bench.measure import Run, timed

ROUTINES, COMMITS, SAMPLE = 10_000, 30_000, 100
SECONDS, PEAK_MB = 5.0, 300.0
TODAY = "2026-11-22"

# Change control alone, in a process of its own: the routines loaded from a warm per-file
# cache (argv[2]), the history and the revisions from an empty one (argv[3]); the cyclic
# garbage collector off, as every command but serve runs (generator.cli.app.main).
CHANGE_CONTROL = """
import gc, json, resource, sys, time
gc.disable()
from pathlib import Path
from generator.content.change_control import ChangeControl
from generator.content.history import read_history
from generator.content.project import load_project
root, warm, cold = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
project = load_project(root, cache_dir=warm)
def cpu():
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
started, cpu_started = time.perf_counter(), cpu()
history = read_history(root, cold)
control = ChangeControl(history, root, cold)
found = list(control.check(project.routines))
seconds, cpu_seconds = time.perf_counter() - started, cpu() - cpu_started
print(json.dumps({"seconds": seconds, "cpu": cpu_seconds, "diagnostics": len(found), "read": control.read,
                  "revisions": sum(len(c) for c in history.by_file.values())}))
"""


def history_repo() -> tuple[Path, dict[str, int]]:
    """The benchmark repository, made once under bench/out/, and its size."""
    repo = OUT / f"history-{ROUTINES}-{COMMITS}"
    marker = repo / ".complete"
    if not ((repo / ".git").is_dir() and marker.exists()):
        subprocess.run(["rm", "-rf", str(repo)], check=True)
        commits, revisions = write_history_repo(repo, ROUTINES, COMMITS)
        marker.write_text(json.dumps({"commits": commits, "file_revisions": revisions}))
    return repo, json.loads(marker.read_text())


def _verdict(run: Run, seconds: float) -> str:
    return (f"budget {seconds:g} s {'ok' if run.seconds <= seconds else 'OVER'}  "
            f"budget {PEAK_MB:g} MB {'ok' if run.peak_mb <= PEAK_MB else 'OVER'}")


def _change_control(repo: Path, work: Path) -> tuple[Run, dict[str, float]]:
    """Change control on a cold cache: its own wall time (the load before it is cached) and
    the peak memory of the whole process."""
    warm, cold, output = work / "warm", work / "cold", work / "cc.json"
    subprocess.run([str(BIN / "routines"), "check", "--root", str(repo), "--today", TODAY,
                    "--cache-dir", str(warm)], capture_output=True, check=False)
    wrapped = ["sh", "-c", 'exec "$0" "$@" > "$OUTPUT"', sys.executable, "-c", CHANGE_CONTROL,
               str(repo), str(warm), str(cold)]
    run = timed(wrapped, env={**os.environ, "OUTPUT": str(output)})
    found = json.loads(output.read_text())
    run.seconds = found["seconds"]
    return run, found


def bench_history() -> None:
    repo, size = history_repo()
    print(f"history: {ROUTINES:,} routines, {size['commits']:,} commits, {size['file_revisions']:,} revisions "
          "of files (most commits touch one or two routines, some many; versions now and then)")
    walk = timed([sys.executable, "-c", ("import sys; from pathlib import Path; from generator.content.history import "
                  "read_history; h = read_history(Path(sys.argv[1])); assert len(h.by_file) > 9000"), str(repo)])
    print(f"  {'one git log walk (read_history)':<46} {walk.seconds:7.2f} s  {walk.peak_mb:6.0f} MB")
    with tempfile.TemporaryDirectory() as work:
        cc, found = _change_control(repo, Path(work))
    print(f"  {'change control, cold (walk and revisions)':<46} {cc.seconds:7.2f} s  {cc.peak_mb:6.0f} MB  "
          f"{_verdict(cc, SECONDS)}")
    print(f"    its processor time (git's included): {found['cpu']:.2f} s; "
          f"revisions read: {found['read']:,} of the {found['revisions']:,} the walk found; "
          f"{found['diagnostics']:,} findings (memory: the whole process, its cached load included)")
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "routines").rglob("*.md"))[:SAMPLE]
    started = time.perf_counter()
    for file in files:
        subprocess.run(["git", "log", "--format=%H %as %an %s", "--follow", "--", file], cwd=repo,
                       capture_output=True, check=True)
    per_file = (time.perf_counter() - started) / len(files) * ROUTINES
    print(f"  {'one git log -- FILE per routine (estimated)':<46} {per_file:7.2f} s  "
          f"(timed on {SAMPLE} routines, times {ROUTINES // SAMPLE})")
    print(f"  ratio: per-file git / change control cold = {per_file / cc.seconds:.0f}x, "
          f"/ one walk = {per_file / walk.seconds:.0f}x")
    check = [str(BIN / "routines"), "check", "--root", str(repo), "--today", TODAY]
    with tempfile.TemporaryDirectory() as cache:
        cold = timed([*check, "--cache-dir", cache])
        warm = timed([*check, "--cache-dir", cache])
    print(f"  {'routines check, everything cold':<46} {cold.seconds:7.2f} s  {cold.peak_mb:6.0f} MB")
    print(f"  {'the same, cached (change control included)':<46} {warm.seconds:7.2f} s  {warm.peak_mb:6.0f} MB")
