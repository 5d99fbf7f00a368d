"""The build's persistent manifest: each page's digest, and the digests of what pages are made from.

A build writes ``.routines-build.json`` into its output: every page with the digest of its
template and context, and the inputs it was planned from, in three parts:

- ``global``: what every page may show (the theme and the program, ``routines.toml``, the
  organisation, the catalog, people.yaml, the other files under ``routines/``, the findings
  about files that are no routines, the day, the history's availability, the set of routine
  files and their page addresses);
- per routine file: its content key (its bytes), a digest of its front matter as read (what
  every list, index and unit page shows of it) and a digest of what is told about it beside
  its text (its findings, its commits and approvals);
- per routine file: its page and the files its links publish.

The next build compares those before planning anything (:func:`scope_of`): nothing changed but
routine bodies, so only those routines' pages are planned; a front matter, a finding or a commit
changed, so those routines' pages and the pages made of many routines (units, roles, owners,
indexes, lists, start); anything global, so every page. A page that is not planned keeps its
entry; one that is planned is rendered only when its digest changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from generator.content.history import History
from generator.content.project import Project
from generator.content.routine_file import RoutineFile
from generator.content.theme_files import open_regular
from generator.core.diagnostics import Diagnostic

MANIFEST = ".routines-build.json"
FORMAT = 2
"""The manifest's layout; an older one (pages only) means every page is planned."""
DATA_FILES = ("routines.toml", "routines/organisation.yaml", "routines/catalog.yaml", "routines/people.yaml")


_ENCODE = msgspec.json.Encoder(enc_hook=str)
json_bytes = _ENCODE.encode
"""``value`` as compact JSON, its mappings in their own order: what digests are made of. Each
mapping is made in an order the program or the file fixes (front matter as written, findings
sorted, files in path order), never from a set's. Unsorted on purpose: msgspec's sorted keys
take quadratic time on keys nearly in order, and sorting in Python costs more than the encoding."""


def _hash(value: Any) -> str:
    """A digest of ``value`` as JSON (:data:`json_bytes`)."""
    return hashlib.blake2b(json_bytes(value), digest_size=16).hexdigest()


@dataclass
class Manifest:
    """What a previous build left in its output (empty when there is none or it cannot be read)."""

    pages: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, Any] = field(default_factory=dict)
    routine_pages: dict[str, str] = field(default_factory=dict)
    """Routine file -> its page."""
    linked: dict[str, list[str]] = field(default_factory=dict)
    """Routine file -> the files under ``routines/`` its links publish into ``filer/``."""
    assets: list[str] = field(default_factory=list)
    """Every file of the output that is not a page (theme files, ``filer/``, ``admin/``)."""
    complete: bool = False
    """True for a manifest of this layout (it knows every file it wrote)."""

    def to_json(self) -> dict[str, Any]:
        return {"generator": "routines", "format": FORMAT, "pages": self.pages, "inputs": self.inputs,
                "routine_pages": self.routine_pages, "linked": self.linked, "assets": self.assets}


class _Stored(msgspec.Struct):
    """A manifest of this layout as :meth:`Manifest.to_json` writes it, each part of its type."""

    format: int
    pages: dict[str, str]
    inputs: dict[str, Any]
    routine_pages: dict[str, str]
    linked: dict[str, list[str]]
    assets: list[str]


_STORED = msgspec.json.Decoder(_Stored)


def read_manifest(out: Path) -> Manifest:
    try:
        data = (out / MANIFEST).read_bytes()
    except OSError:
        return Manifest()
    try:
        stored = _STORED.decode(data)
    except msgspec.DecodeError:  # an older layout, or not a manifest at all
        return _older(data)
    if stored.format != FORMAT:
        return Manifest(stored.pages)
    return Manifest(stored.pages, stored.inputs, stored.routine_pages, stored.linked, stored.assets, complete=True)


def _older(data: bytes) -> Manifest:
    """The pages of a manifest of another layout (every page is planned), else nothing."""
    try:
        raw = msgspec.json.decode(data)
    except msgspec.DecodeError:
        return Manifest()
    if not isinstance(raw, dict) or not isinstance(raw.get("pages"), dict):
        return Manifest()
    return Manifest({str(k): str(v) for k, v in raw["pages"].items()})


def write_manifest(target: Path, manifest: Manifest) -> None:
    """Written whole under another name, then renamed over the old one."""
    part = target.with_name(target.name + ".part")
    # compact: the C encoder (an indent would take the pure-Python one, ten times slower)
    part.write_text(json.dumps(manifest.to_json(), sort_keys=True, separators=(",", ":")), encoding="utf-8")
    os.replace(part, target)


def front_digest(routine_file: RoutineFile) -> str:
    """What pages other than its own show of a routine: its front matter as read (values,
    lines, what the schema refused, where the body starts, the links of the front matter)."""
    front_links = [link.to_json() for link in routine_file.links if not link.in_body]
    return _hash([routine_file.data, routine_file.lines, routine_file.invalid, routine_file.body_line, front_links])


def _side_digests(project: Project, diagnostics: list[Diagnostic], history: History) -> dict[str, str]:
    """Per routine file: a digest of its findings and its commits (empty when it has neither)."""
    found: dict[str, list[Any]] = {}
    for d in diagnostics:
        found.setdefault(d.file, []).append(d.stored())
    result: dict[str, str] = {}
    for file in project.content_keys:
        commits = history.commits(file)
        if file in found or commits:
            result[file] = _hash([found.get(file, []), [[c.sha, c.date, c.author, c.message, c.blob, c.approved_by]
                                                         for c in commits]])
    return result


def _global_digest(project: Project, diagnostics: list[Diagnostic], history: History, today: dt.date,
                   theme: str, slugs: dict[str, str]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in (theme, today.isoformat(), repr(project.config), str(history.available), repr(history.warning),
                 repr(sorted((f.file, f.data is not None) for f in project.files)), _hash(slugs)):
        digest.update(part.encode("utf-8") + b"\0")
    for name in DATA_FILES:  # read only when a regular file (a named pipe would block: never opened)
        handle = open_regular(os.path.realpath(project.root / name))
        if handle is None:
            digest.update(b"\0missing")
        else:
            with handle:
                digest.update(handle.read())
        digest.update(b"\0")
    for other in sorted(project.other_files):
        try:
            stat = os.stat(project.root / "routines" / other)
            digest.update(f"{other}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}\0".encode())
        except OSError:
            digest.update(f"{other}\0gone\0".encode())
    routine_files = project.content_keys.keys() | {f.file for f in project.files}
    digest.update(_hash([d.stored() for d in diagnostics if d.file not in routine_files]).encode())
    return digest.hexdigest()


@dataclass
class Scope:
    """Which pages a build plans: None for every page; else the routine pages of ``files``,
    and the pages made of many routines when ``aggregates``."""

    files: set[str] | None = None
    aggregates: bool = True
    inputs: dict[str, Any] = field(default_factory=dict)
    """This build's inputs, for its manifest."""


def scope_of(project: Project, diagnostics: list[Diagnostic], history: History, today: dt.date, theme: str,
             slugs: dict[str, str], previous: Manifest, everything: bool) -> Scope:
    """What must be planned, given the previous build's manifest (``everything``: all of it)."""
    old = previous.inputs if previous.complete else {}
    old_files: dict[str, list[str]] = old.get("files", {}) if isinstance(old.get("files"), dict) else {}
    files: dict[str, list[str]] = {}
    by_file = {f.file: f for f in project.files}
    for file, key in project.content_keys.items():
        known = old_files.get(file)
        front = known[1] if known and known[0] == key else front_digest(by_file[file])
        files[file] = [key, front, ""]
    for file, side in _side_digests(project, diagnostics, history).items():
        if file in files:
            files[file][2] = side
    inputs = {"global": _global_digest(project, diagnostics, history, today, theme, slugs), "files": files}
    if everything or not old or old.get("global") != inputs["global"] or old_files.keys() != files.keys():
        return Scope(None, True, inputs)
    changed = {f for f, keys in files.items() if old_files[f] != keys}
    aggregates = any(old_files[f][1:] != files[f][1:] for f in changed)
    return Scope(changed, aggregates, inputs)


def carried(previous: Manifest, scope: Scope, planned: Iterable[str]) -> dict[str, str]:
    """The previous build's pages that this build did not plan, with their digests."""
    if scope.files is None:
        return {}
    skip = set(planned)
    keep = {previous.routine_pages[f] for f in previous.routine_pages if f not in scope.files}
    if not scope.aggregates:
        routine_pages = set(previous.routine_pages.values())
        keep |= {p for p in previous.pages if p not in routine_pages}
    return {p: d for p, d in previous.pages.items() if p in keep and p not in skip}
