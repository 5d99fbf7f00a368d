"""Timing a command in a child process: wall time and peak memory."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    peak_mb: float
    code: int


def timed(argv: Sequence[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
          timeout: float = 1800, sample: bool = True) -> Run:
    """Run ``argv`` with output discarded; its wall time and peak memory: of the whole process
    tree (a command's forked workers too), the larger of the biggest process's peak resident
    memory and the peak of the tree's proportional set size (PSS: a page that processes share
    counted once among them), the latter sampled every 25 ms. Without ``sample``, the biggest
    process's peak alone: reading the tree's PSS takes this machine's time (0.1-0.2 s of a
    second's run of three processes), so a time to compare is best measured without it."""
    started = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = started + timeout
    tree_peak = 0
    if not sample:  # wait without waking: the time of the command alone
        import threading

        timer = threading.Timer(timeout, process.kill)
        timer.start()
        pid, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        return Run(seconds if process.returncode != -9 else float("inf"), usage.ru_maxrss / 1024, process.returncode)
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            return Run(float("inf"), usage.ru_maxrss / 1024, -9)
        tree_peak = max(tree_peak, tree_pss_kb(process.pid))
        time.sleep(0.025)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(time.perf_counter() - started, max(usage.ru_maxrss, tree_peak) / 1024, process.returncode)


def tree_pss_kb(root: int) -> int:
    """The proportional set size (kB) of ``root`` and every process under it now (0 where
    /proc does not tell it)."""
    total, pending = 0, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pending.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return total
