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
          timeout: float = 1800) -> Run:
    """Run ``argv`` with output discarded; its wall time and peak resident memory."""
    started = time.perf_counter()
    process = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            process.kill()
            pid, status, usage = os.wait4(process.pid, 0)
            return Run(float("inf"), usage.ru_maxrss / 1024, -9)
        time.sleep(0.01)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(time.perf_counter() - started, usage.ru_maxrss / 1024, process.returncode)
