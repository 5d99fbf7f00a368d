"""History: one ``git log`` walk against one ``git log -- FILE`` per routine (budget 3 s).

A repository of 10,000 routines and 20,000 commits is written with ``git fast-import``
(seconds, where 20,000 ``git commit`` calls would take minutes).
"""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

from bench.build_bench import BIN, OUT
from bench.corpus import generate
from bench.measure import timed

ROUTINES, COMMITS, SAMPLE = 10_000, 20_000, 100


def history_repo() -> Path:
    """The benchmark repository, made once under bench/out/."""
    repo = OUT / f"history-{ROUTINES}-{COMMITS}"
    if (repo / ".git").is_dir() and (repo / ".complete").exists():
        return repo
    subprocess.run(["rm", "-rf", str(repo)], check=True)
    generate(repo, ROUTINES)
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "routines").rglob("*") if p.is_file())
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    rng = random.Random(5)
    stream = []
    mark = 0

    def commit(message: str, changes: list[tuple[str, bytes]], when: int) -> None:
        nonlocal mark
        mark += 1
        text = message.encode()
        stream.append(f"commit refs/heads/main\nmark :{mark}\n"
                      f"author Bench <bench@example.se> {when} +0100\ncommitter Bench <bench@example.se> {when} +0100\n"
                      f"data {len(text)}\n".encode() + text + b"\n")
        if mark > 1:
            stream.append(f"from :{mark - 1}\n".encode())
        for path, data in changes:
            stream.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        stream.append(b"\n")

    start = 1_700_000_000
    commit("Alla rutiner", [(f, (repo / f).read_bytes()) for f in files], start)
    routines = [f for f in files if f.endswith(".md")]
    for i in range(1, COMMITS):
        path = rng.choice(routines)
        data = (repo / path).read_bytes() + f"\nÄndring {i}.\n".encode()
        commit(f"Ändring {i} av {path}", [(path, data)], start + i * 600)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True)
    (repo / ".complete").write_text("ok")
    return repo


def bench_history() -> None:
    repo = history_repo()
    print(f"history: {ROUTINES:,} routines, {COMMITS:,} commits")
    one = timed([sys.executable, "-c", ("import sys; from pathlib import Path; from generator.content.history import "
                 "read_history; h = read_history(Path(sys.argv[1])); assert len(h.by_file) > 9000"),
                 str(repo)])
    verdict = "ok" if one.seconds <= 3 else "OVER BUDGET"
    print(f"  {'one git log walk (read_history)':<42} {one.seconds:7.2f} s  {one.peak_mb:6.0f} MB  budget 3 s {verdict}")
    files = sorted(p.relative_to(repo).as_posix() for p in (repo / "routines").rglob("*.md"))[:SAMPLE]
    started = time.perf_counter()
    for file in files:
        subprocess.run(["git", "log", "--format=%H %as %an %s", "--follow", "--", file], cwd=repo,
                       capture_output=True, check=True)
    per_file = (time.perf_counter() - started) / len(files) * ROUTINES
    print(f"  {'one git log -- FILE per routine (estimated)':<42} {per_file:7.2f} s  "
          f"(timed on {SAMPLE} routines, times {ROUTINES // SAMPLE})")
    print(f"  ratio: per-file / one walk = {per_file / one.seconds:.0f}x")
    check = [str(BIN / "routines"), "check", "--root", str(repo), "--today", "2026-11-22"]
    cache = OUT / "history-cache"
    subprocess.run(["rm", "-rf", str(cache)], check=True)
    cold = timed([*check, "--cache-dir", str(cache)])
    warm = timed([*check, "--cache-dir", str(cache)])
    print(f"  {'routines check in this repository, cold':<42} {cold.seconds:7.2f} s  {cold.peak_mb:6.0f} MB")
    print(f"  {'the same, cached (change control included)':<42} {warm.seconds:7.2f} s  {warm.peak_mb:6.0f} MB")
