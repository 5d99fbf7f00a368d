"""``make bench``: times ``routines check`` on a synthetic corpus, beside MkDocs.

Prints; never fails. Usage: ``python -m bench [--n 10000] [--no-peers]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.corpus import generate
from bench.measure import Run, timed
from bench.stages import stage_times

OUT = Path(__file__).resolve().parent / "out"
BIN = Path(sys.executable).parent


def corpus(n: int) -> Path:
    """The synthetic corpus of ``n`` routines, generated once and kept in bench/out/."""
    root = OUT / f"corpus-{n}"
    marker = root / ".complete"
    if not marker.exists():
        shutil.rmtree(root, ignore_errors=True)
        generate(root, n)
        marker.write_text("ok")
    return root


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
        # nav: a single page, or MkDocs puts all N pages into every page's navigation
        # (quadratic output), which would measure that rather than parsing and rendering.
        config.write_text(f"site_name: Bench\ndocs_dir: {root / 'routines'}\nsite_dir: {work}/site\n"
                          "nav: [v00/r00000.md]\nvalidation: {nav: {omitted_files: ignore}, "
                          "links: {not_found: ignore, unrecognized_links: ignore}}\n", encoding="utf-8")
        return timed([str(mkdocs), "build", "-q", "-f", str(config)])


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench")
    parser.add_argument("--n", type=int, default=10_000, help="number of routines (default 10,000)")
    parser.add_argument("--no-peers", action="store_true", help="skip MkDocs")
    args = parser.parse_args()
    bench_check(args.n, not args.no_peers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
