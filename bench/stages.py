"""Where the time of a cold ``check`` goes: each per-file stage timed alone, on one core."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from generator.checks.cross_file import run_checks
from generator.content import frontmatter, schemas
from generator.content.cache import content_key
from generator.content.discover import discover
from generator.content.link_scan import scan_body
from generator.content.project import load_project
from generator.content.textfile import MAX_ROUTINE_BYTES, decode, read_bytes
from generator.content.yamlsafe import load_yaml


def stage_times(root: Path) -> list[tuple[str, float]]:
    """Seconds per stage over every routine of ``root``, serially."""
    files = discover(root).routine_files
    times: dict[str, float] = {}

    def clock(name: str, start: float) -> float:
        now = time.perf_counter()
        times[name] = times.get(name, 0.0) + now - start
        return now

    for file in files:
        t = time.perf_counter()
        raw = read_bytes(root / file, MAX_ROUTINE_BYTES)
        assert isinstance(raw, bytes)
        content_key(file, raw)
        text = decode(raw)
        assert isinstance(text, str)
        t = clock("read, hash and decode", t)
        parts = frontmatter.split(text)
        assert not isinstance(parts, Exception) and hasattr(parts, "body")
        document = load_yaml(parts.front_matter, first_line=2)  # type: ignore[union-attr]
        t = clock("front matter: YAML with lines", t)
        schemas.problems("routine", document.data)
        t = clock("JSON Schema validation", t)
        scan_body(parts.body, parts.body_line, file)  # type: ignore[union-attr]
        clock("Markdown render, links read off it (Rust)", t)
    per_file = sum(times.values())
    t = time.perf_counter()
    project = load_project(root, cache_dir=None, jobs=1)
    t = clock("loading: the per-file stages above, again", t)
    times["loading: the rest (model, data files, walk)"] = max(0.0, times.pop(
        "loading: the per-file stages above, again") - per_file)
    t = time.perf_counter()
    run_checks(project, dt.date(2026, 11, 22))
    clock("cross-file checks (references, links, offerings, ...)", t)
    return list(times.items())
