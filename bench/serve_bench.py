"""``make bench``, the preview: from a routine's save to its new text being served, by
``routines serve`` and by ``hugo server`` on the same corpus (issue 19, item 1).

Each server is started on a copy of the corpus and left to finish its first build; then one
routine is edited three times (a sentence appended, the file written and closed), and the page
is fetched every 5 ms until the sentence is in it. Between edits, the previous edit's work is
let finish (for ``routines serve``, the incremental rebuild that follows its quick page).
Prints; never fails.
"""

from __future__ import annotations

import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from bench.build_bench import BIN, HUGO, HUGO_LAYOUTS, TODAY, _link_or_copy, corpus

BUDGET = 0.2
"""Seconds from the save to the new text served, median of three (issue 19)."""
EDITS = 3


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(check: Callable[[], bool], timeout: float, step: float = 0.005) -> float | None:
    """Seconds until ``check()`` holds, or None after ``timeout``."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if check():
            return time.perf_counter() - started
        time.sleep(step)
    return None


class _Lines:
    """A child's standard error, line by line, counted (``routines serve`` logs each rebuild)."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stderr is not None
        stream = process.stderr
        threading.Thread(target=lambda: self.lines.extend(iter(stream.readline, "")), daemon=True).start()


def _edits(file: Path, url: str, settle: Callable[[int], None], label: str) -> list[float]:
    """Three edits of ``file``, each timed from its save until ``url`` serves the new text."""
    seconds = []
    for i in range(EDITS):
        sentence = f"Mätningens mening nummer {i} {time.time_ns()}."
        with file.open("a", encoding="utf-8") as handle:
            handle.write(f"\n{sentence}\n")
        saved = time.perf_counter()
        found = _wait_for(lambda sentence=sentence: sentence in (_get(url) or ""), 60)
        if found is None:
            print(f"  {label}: the edit was not served within 60 s")
            return seconds
        seconds.append(time.perf_counter() - saved)
        settle(i)
    return seconds


def bench_routines_serve(source: Path, work: Path) -> list[float]:
    root = work / "routines-root"
    shutil.copytree(source, root)
    port = _port()
    process = subprocess.Popen(
        [str(BIN / "routines"), "serve", "--root", str(root), "--out", str(work / "serve-out"), "--port", str(port),
         "--today", TODAY], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    log = _Lines(process)
    try:
        base = f"http://127.0.0.1:{port}/"
        if _wait_for(lambda: _get(base) is not None, 600, 0.2) is None:
            print("  routines serve: did not come up within 600 s")
            return []
        built = len(log.lines)

        def settle(i: int) -> None:  # the rebuild after each edit has been logged
            _wait_for(lambda: len(log.lines) > built + i, 120, 0.05)

        return _edits(root / "routines" / "v00" / "r05000.md", base + "rutiner/SYN-05000.html", settle,
                      "routines serve")
    finally:
        process.terminate()
        process.wait(30)


def bench_hugo_server(source: Path, work: Path) -> list[float] | None:
    if not Path(HUGO).exists():
        print(f"  Hugo: not installed ({HUGO}), no ratio")
        return None
    site = work / "hugo-site"
    (site / "layouts" / "_default").mkdir(parents=True)
    port = _port()
    (site / "hugo.toml").write_text(
        f'baseURL = "http://127.0.0.1:{port}/"\ntitle = "Bench"\n'
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n', encoding="utf-8")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    shutil.copytree(source / "routines", site / "content", copy_function=_link_or_copy,
                    ignore=shutil.ignore_patterns("*.yaml"))
    file = site / "content" / "v00" / "r05000.md"
    text = file.read_text(encoding="utf-8")
    file.unlink()  # a file of its own, not a link into the kept corpus
    file.write_text(text, encoding="utf-8")
    process = subprocess.Popen(
        [HUGO, "server", "-s", str(site), "--bind", "127.0.0.1", "--port", str(port), "--disableLiveReload",
         "--cacheDir", str(work / "hugo-cache")], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}/"
        if _wait_for(lambda: _get(base) is not None, 600, 0.2) is None:
            print("  hugo server: did not come up within 600 s")
            return None
        return _edits(file, base + "v00/r05000/", lambda i: time.sleep(2), "hugo server")
    finally:
        process.terminate()
        process.wait(30)


def _show(label: str, seconds: list[float], budget: float | None = None) -> None:
    if not seconds:
        return
    median = statistics.median(seconds)
    each = " / ".join(f"{s:.2f}" for s in seconds)
    verdict = f"  budget {budget:g} s {'ok' if median <= budget else 'OVER BUDGET'}" if budget else ""
    print(f"  {label:<46} {median:7.2f} s  (each: {each}){verdict}")


def bench_serve(n: int, peers: bool) -> None:
    source = corpus(n)
    print(f"preview: from a routine's save to its new text served, {n:,} routines, median of {EDITS}")
    with tempfile.TemporaryDirectory(prefix="routines-bench-serve-") as tmp:
        work = Path(tmp)
        ours = bench_routines_serve(source, work)
        _show("routines serve", ours, BUDGET if n == 10_000 else None)
        hugo = bench_hugo_server(source, work) if peers else None
        if hugo:
            _show("hugo server (minimal templates)", hugo)
            if ours:
                print(f"  ratio: routines serve / hugo server = "
                      f"{statistics.median(ours) / statistics.median(hugo):.1f}x")
