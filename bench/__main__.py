"""``make bench``: times ``routines check`` and ``routines build`` on a synthetic corpus, beside
MkDocs (and, for the build, Hugo and MkDocs Material).

Prints; never fails. Usage: ``python -m bench [--n 10000] [--no-peers] [--only check|build|serve|cases|roles|history]``.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from bench.build_bench import BIN, bench_build, corpus, mkdocs_config
from bench.cases_bench import bench_cases
from bench.history_bench import bench_history
from bench.measure import Run, timed
from bench.roles_bench import bench_roles
from bench.serve_bench import bench_serve
from bench.stages import stage_times


def _line(label: str, run: Run, budget: float | None = None) -> str:
    verdict = ""
    if budget is not None:
        verdict = f"  budget {budget:g} s  {'ok' if run.seconds <= budget else 'OVER BUDGET'}"
    return f"  {label:<42} {run.seconds:7.2f} s  {run.peak_mb:6.0f} MB{verdict}"


def bench_check(n: int, peers: bool) -> None:
    root = corpus(n)
    size = sum(p.stat().st_size for p in (root / "routines").rglob("*.md")) / 1_048_576
    print(f"routines check: {n:,} synthetic routines ({size:.0f} MB of Markdown), {os.cpu_count()} cores")
    check = [str(BIN / "routines"), "check", "--root", str(root), "--today", "2026-11-22"]
    with tempfile.TemporaryDirectory() as cache:
        cold = timed([*check, "--cache-dir", cache])
        warm = timed([*check, "--cache-dir", cache])
    budgets = (15.0, 1.5) if n == 10_000 else (None, None)
    print(_line("cold run (empty cache)", cold, budgets[0]))
    print(_line("second run, nothing changed (cached)", warm, budgets[1]))
    if peers:
        mkdocs = bench_mkdocs(root)
        if mkdocs is not None:
            print(_line("MkDocs build of the same corpus", mkdocs))
            print(f"  ratio: MkDocs build / check cold = {mkdocs.seconds / cold.seconds:.1f}x, "
                  f"/ check cached = {mkdocs.seconds / warm.seconds:.1f}x")
    print("  where the time of a cold run goes (each stage alone, one core):")
    stages = stage_times(root)
    total = sum(s for _, s in stages)
    for name, seconds in stages:
        print(f"    {name:<40} {seconds:6.2f} s  {100 * seconds / total:4.0f} %")
    print(f"    {'total on one core':<40} {total:6.2f} s  (the cold run spreads the per-file work "
          "over all cores)")


def bench_mkdocs(root: Path) -> Run | None:
    """MkDocs' build of the corpus, or None when MkDocs is not installed."""
    mkdocs = BIN / "mkdocs"
    if not mkdocs.exists():
        print("  MkDocs: not installed (pip install mkdocs), no ratio")
        return None
    with tempfile.TemporaryDirectory() as work:
        config = Path(work) / "mkdocs.yml"
        config.write_text(mkdocs_config(root / "routines", Path(work) / "site"), encoding="utf-8")
        return timed([str(mkdocs), "build", "-q", "-f", str(config)])


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--n", type=int, default=10_000, help="number of routines (default 10,000)")
    parser.add_argument("--no-peers", action="store_true", help="skip MkDocs and Hugo")
    parser.add_argument("--only", choices=("check", "build", "serve", "cases", "roles", "history"), help="run one benchmark (default: all)")
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases for the deadline benchmark")
    args = parser.parse_args()
    if args.only in (None, "check"):
        bench_check(args.n, not args.no_peers)
        print()
    if args.only in (None, "build"):
        bench_build(args.n, not args.no_peers)
        print()
    if args.only in (None, "serve"):
        bench_serve(args.n, not args.no_peers)
        print()
    if args.only in (None, "cases"):
        bench_cases(args.cases)
        print()
    if args.only in (None, "roles"):
        bench_roles()
        print()
    if args.only in (None, "history"):
        bench_history()
    return 0


if __name__ == "__main__":
    sys.exit(main())
