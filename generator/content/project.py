"""Loading a content root: configuration, organisation, catalog and every routine file."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from generator.content import cache_shapes
from generator.content.body_spill import Spilled, flush_spills, read_spilled
from generator.content.cache import Cache, content_key, entry_bytes
from generator.content.config import Config, load_config
from generator.content.datafile import DataFile, load_data_file, usable_items
from generator.content.discover import ROUTINES_DIR, discover
from generator.content.people import PEOPLE_PATH, People, load_people
from generator.content.revisions import file_blob
from generator.content.routine_file import RoutineFile, analyse
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.core.catalog import Catalog, build_entries
from generator.core.diagnostics import Diagnostic
from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.core.model import Routine
from generator.core.organisation import Organisation, build_units

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

PARALLEL_THRESHOLD = 300
"""Below this many files to analyse, worker processes cost more than they save."""


@dataclass
class Project:
    """A content root, read."""

    root: Path
    config: Config
    organisation: Organisation
    catalog: Catalog
    files: list[RoutineFile]
    routines: list[Routine]
    """Routines whose front matter could be read, in file order."""
    other_files: list[str]
    """Files in ``routines/`` that are neither routines nor data files."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Everything the loading stage found, per-file diagnostics included."""
    content_keys: dict[str, str] = field(default_factory=dict)
    """Per routine file that could be read: the digest of its path and bytes."""
    cache_dir: Path | None = None
    """Where caches are kept (None: no cache)."""
    people: People = field(default_factory=People)
    """``routines/people.yaml`` (empty when there is none)."""
    bodies: dict[str, Spilled] = field(default_factory=dict)
    """With ``load_project(..., spill_to=FOLDER)``: per content key (of :attr:`content_keys`) of a
    file read and analysed now (not taken from the cache), where its body's HTML was spilled
    (:func:`loaded_html`). Keyed by content, so a project whose files changed since never shows
    the old text."""
    spill: str | None = None
    """The folder of :attr:`bodies`."""


def _organisation(root: Path, cache: Cache) -> tuple[Organisation, DataFile]:
    source = load_data_file(root / ROUTINES_DIR / "organisation.yaml", f"{ROUTINES_DIR}/organisation.yaml",
                            "organisation", missing_hint=msg("check.hint_organisation"),
                            cache=cache, root=root)
    items = usable_items(source, "units")
    units = build_units([i if i is not None else {} for i in items], source.lines)
    wording = source.data.get("wording") if source.usable("/wording") else None
    organisation = Organisation(units, loaded=source.ok, wording=wording if isinstance(wording, dict) else None)
    seen: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, item in enumerate(items):
        if item is None:
            continue
        line = source.line(f"/units/{index}")
        uid = item["id"]
        if uid in seen:
            source.error(line, "duplicate-id", msg("check.duplicate_unit", id=uid, first=seen[uid]))
            continue
        seen[uid] = line
        parent = item.get("parent")
        if parent is not None and parent not in organisation.units:
            source.error(source.line(f"/units/{index}/parent"), "unknown-unit",
                         msg("check.unknown_parent", parent=parent, unit=uid))
        elif parent is not None and uid in [*organisation.ancestors(parent), parent]:
            source.error(source.line(f"/units/{index}/parent"), "unit-cycle",
                         msg("check.unit_cycle", unit=uid, parent=parent))
        for label in (item["name"], *item.get("aliases", [])):
            key = label.strip().casefold()
            if labels.setdefault(key, uid) != uid:
                source.error(line, "ambiguous-name",
                             msg("check.ambiguous_unit", label=label, first=labels[key], second=uid))
    return organisation, source


def _catalog(root: Path, cache: Cache) -> tuple[Catalog, DataFile]:
    source = load_data_file(root / ROUTINES_DIR / "catalog.yaml", f"{ROUTINES_DIR}/catalog.yaml",
                            "catalog", missing_hint=msg("check.hint_catalog"),
                            cache=cache, root=root)
    vocabularies = []
    for key in ("roles", "case_types"):
        items = [i if i is not None else {} for i in usable_items(source, key)]
        entries = build_entries(items, f"/{key}", source.lines)
        seen: dict[str, int] = {}
        labels: dict[str, str] = {}
        for entry in entries:
            if entry.id in seen:
                source.error(entry.line, "duplicate-id",
                             msg("check.duplicate_entry", key=key, id=entry.id, first=seen[entry.id]))
                continue
            seen[entry.id] = entry.line
            for label in (entry.name, *entry.aliases):
                folded = label.strip().casefold()
                if labels.setdefault(folded, entry.id) != entry.id:
                    source.error(entry.line, "ambiguous-name", msg("check.ambiguous_entry", label=label,
                                                                   first=labels[folded], second=entry.id, key=key))
        vocabularies.append(entries)
    return Catalog(vocabularies[0], vocabularies[1], loaded=source.ok), source


_Batch = list[tuple[str, str | TextProblem, str]]
"""Files to analyse: (file, text or why it could not be read, git blob of its bytes)."""


def _analyse_batch(batch: _Batch, spill_to: str | None = None) -> list[RoutineFile]:
    results = []
    for file, text, blob in batch:
        result = analyse(file, text, spill_to)
        result.blob = blob
        results.append(result)
    if spill_to is not None:
        flush_spills()  # before the results say where the bodies stand
    return results


def _analyse_sent(batch: _Batch, spill_to: str | None = None) -> list[tuple[bytes, Spilled | None]]:
    """:func:`_analyse_batch` in a worker process: each result as its cache entry's JSON (and
    where its body was spilled), which the build decodes as a cached run does, in a fifth of the
    time of unpickling the result (and a third of pickling it here)."""
    return [(entry_bytes(result.to_json()), result.html) for result in _analyse_batch(batch, spill_to)]


def _received(raw: bytes, html: Spilled | None) -> tuple[RoutineFile, msgspec.Raw]:
    entry = cache_shapes.ROUTINE_ENTRY.decode(raw)
    result = cache_shapes.routine_file(entry.file, entry)
    result.html = html
    return result, msgspec.Raw(raw)


class _Analyser:
    """Files to analyse, analysed in batches as they are read: by worker processes when there
    are many (``jobs`` of them, at most ``jobs + 1`` batches read ahead, so the texts of a large
    root are never all held at once), else at the end in this process."""

    def __init__(self, files: int, jobs: int, done: Callable[[RoutineFile, msgspec.Raw | None], None],
                 spill_to: str | None = None) -> None:
        self.spill_to = spill_to
        self.size = max(50, files // (jobs * 8))
        self.jobs = jobs if jobs > 1 and files >= PARALLEL_THRESHOLD else 1
        self.done = done
        """Called with each result, and its cache entry's JSON where a worker made it."""
        self.batch: _Batch = []
        self.pending: deque[Future[list[tuple[bytes, Spilled | None]]]] = deque()
        self.pool: ProcessPoolExecutor | None = None

    def add(self, file: str, text: str | TextProblem, blob: str = "") -> None:
        self.batch.append((file, text, blob))
        if self.jobs > 1 and len(self.batch) >= self.size:
            self._send()

    def _send(self) -> None:
        if self.pool is None:
            from concurrent.futures import ProcessPoolExecutor  # deferred: most runs are cached

            self.pool = ProcessPoolExecutor(max_workers=self.jobs)
        self.pending.append(self.pool.submit(_analyse_sent, self.batch, self.spill_to))
        self.batch = []
        while len(self.pending) > self.jobs:
            self._receive()

    def _receive(self) -> None:
        for raw, html in self.pending.popleft().result():
            self.done(*_received(raw, html))

    def finish(self) -> None:
        try:
            if self.jobs > 1 and self.batch:
                self._send()
            while self.pending:
                self._receive()
        finally:
            if self.pool is not None:
                self.pool.shutdown(cancel_futures=True)
        for result in _analyse_batch(self.batch, self.spill_to):
            self.done(result, None)


def _read_routine_files(root: Path, files: list[str], cache: Cache, jobs: int, keys: dict[str, str],
                        stats: dict[str, os.stat_result], spill_to: str | None = None) -> list[RoutineFile]:
    """Each routine file, from the cache where its ``stat`` (from discovery, in ``stats``) or
    else its bytes are as cached; read and analysed where not."""
    results: dict[str, RoutineFile] = {}

    def analysed(result: RoutineFile, entry: msgspec.Raw | None) -> None:
        results[result.file] = result
        if result.file in keys:
            cache.put(keys[result.file], entry if entry is not None else result.to_json())

    pending: list[tuple[str, str, os.stat_result | None]] = []
    base = str(root)
    for file in files:
        path = os.path.join(base, file)
        stat = stats.get(file)
        if stat is None:
            try:
                stat = os.stat(path)
            except OSError:
                stat = None
        key = cache.known_key(file, stat) if stat is not None else None
        if key is not None and (known := cache.load(key, partial(cache_shapes.routine_file, file), cache_shapes.ROUTINE_ENTRY)) is not None:
            keys[file] = key
            results[file] = known
            cache.remember(file, stat, key)  # type: ignore[arg-type]
            continue
        pending.append((file, path, stat))
    analyser = _Analyser(len(pending), jobs, analysed, spill_to)
    for file, path, stat in pending:
        data = read_bytes(path, MAX_ROUTINE_BYTES)
        if isinstance(data, TextProblem):
            analyser.add(file, data)
            continue
        key = keys[file] = content_key(file, data)
        if stat is not None:
            cache.remember(file, stat, key)
        cached = cache.load(key, partial(cache_shapes.routine_file, file), cache_shapes.ROUTINE_ENTRY)
        if cached is not None:
            results[file] = cached
        else:
            analyser.add(file, decode(data), file_blob(data))
    analyser.finish()
    return [results[file] for file in files]


def load_project(root: Path, *, cache_dir: Path | None = None, jobs: int | None = None,
                 spill_to: str | None = None) -> Project:
    """Read everything under ``root``; problems become diagnostics, never exceptions. With
    ``spill_to`` (a build's folder), the HTML of the bodies analysed now is kept there
    (:attr:`Project.bodies`).

    Raises :class:`GeneratorError` only when ``root`` is not a content root at all.
    """
    if not (root / ROUTINES_DIR).is_dir():
        raise GeneratorError(msg("check.no_routines_dir", root=str(root), folder=ROUTINES_DIR))
    cache = Cache(cache_dir, root, "check")
    config, config_diags = load_config(root)
    organisation, org_source = _organisation(root, cache)
    catalog, catalog_source = _catalog(root, cache)
    people, people_source = load_people(root, cache)
    found = discover(root)
    found.other_files = [f for f in found.other_files if f != PEOPLE_PATH]  # a data file, not a stray one
    keys: dict[str, str] = {}
    files = _read_routine_files(root, found.routine_files, cache, jobs or os.cpu_count() or 1, keys, found.stats,
                                spill_to)
    bodies = {}
    for file in files:
        if file.html is not None and file.file in keys:
            bodies[keys[file.file]] = file.html
        file.html = None
    cache.save()
    routines = [r for r in (f.routine() for f in files) if r is not None]
    diagnostics = [*config_diags, *org_source.diagnostics, *catalog_source.diagnostics,
                   *(people_source.diagnostics if people_source is not None else ()), *found.diagnostics]
    if cache.refused is not None and cache_dir is not None:
        diagnostics.append(Diagnostic(Path(os.path.relpath(cache_dir, root)).as_posix(), 1, "info",
                                      "cache-refused", cache.refused))
    for file in files:
        diagnostics.extend(file.diagnostics)
    return Project(root, config, organisation, catalog, files, routines, found.other_files, diagnostics,
                   keys, cache_dir, people, bodies, spill_to)


def loaded_html(project: Project, file: str) -> str | None:
    """The HTML of routine ``file``'s body as the load rendered it (:attr:`Project.bodies`), or
    None when it was not kept (then :func:`read_body` and render it)."""
    key = project.content_keys.get(file)
    where = project.bodies.get(key) if key is not None else None
    return read_spilled(project.spill, where) if where is not None and project.spill is not None else None


def read_body(project: Project, file: str) -> str:
    """The Markdown body of routine ``file`` as it was when ``project`` was loaded; a
    :class:`GeneratorError` when the file changed since (the page would not match its facts)."""
    from generator.content import frontmatter
    from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, read_bytes

    data = read_bytes(project.root / file, MAX_ROUTINE_BYTES)
    if isinstance(data, TextProblem) or content_key(file, data) != project.content_keys.get(file):
        raise GeneratorError(msg("build.changed", file=file))
    parts = frontmatter.split_file(data)
    if isinstance(parts, TextProblem):  # pragma: no cover - the file was readable when loaded
        raise GeneratorError(msg("build.file_problem", file=file, problem=parts.message))
    return parts.body
