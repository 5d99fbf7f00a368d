"""``routines build``: the staff handbook, built in a temporary directory and swapped in.

The pipeline: load the root, run every check, read the history, then plan as plain data the
pages whose inputs changed since the previous build (:mod:`generator.handbook.manifest`: the
manifest it left says what each page was made from), and render those whose digest (templates
and context) changed, into a fresh directory. A small change goes into the previous tree file
by file (one atomic rename each, :func:`generator.handbook.page_writer.commit_in_place`); a
large one, or a build with search, makes a whole new tree (unchanged pages hard-linked from the
previous one), indexes it and swaps it in. Any failure leaves the old site as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.checks.cross_file import run_checks
from generator.content.attachments import Attachments, copy_theme_files
from generator.content.body_spill import close_spills
from generator.content.config import Config, logo_file, theme_values
from generator.content.history import read_history
from generator.content.project import Project, load_project
from generator.content.theme_files import copy_regular
from generator.core.diagnostics import Diagnostic, sort_diagnostics
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, msg
from generator.handbook.manifest import (
    MANIFEST,
    Manifest,
    Scope,
    carried,
    read_manifest,
    scope_of,
    write_manifest,
)
from generator.handbook.page_names import page_slugs
from generator.handbook.page_shares import ShareJob, settle_all
from generator.handbook.page_writer import commit_in_place, files_under, reuse
from generator.handbook.render import (
    make_environment,
    theme_digest,
    theme_dirs,
    theme_root,
)
from generator.handbook.site_plan import in_scope, planner_for

IN_PLACE_PAGES = 200
"""Up to this many pages to render, a build without search writes them into the previous tree
(one atomic rename each); more, and it builds a whole new tree and swaps it in."""
BACKGROUND_DELETE = 2000
"""Sites with this many pages or more are deleted in the background after a swap."""


@dataclass
class BuildResult:
    """What a build did."""

    out: Path
    pages: int = 0
    rendered: int = 0
    reused: int = 0
    planned: int = 0
    """Pages planned (their context made): the others' inputs had not changed since the previous build."""
    in_place: bool = False
    """True when the pages went into the previous tree file by file, not a new tree swapped in."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    warnings: list[Msg | str] = field(default_factory=list)
    """Notes on the run (a note of the checks, a roster's problems), told in a language when shown."""
    search: str = "skipped"
    seconds: dict[str, float] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    """Routine files that could not be read and so have no page (their findings have)."""
    loaded: Any = None
    """(project, history, Jinja environment) the pages were made from, for ``serve`` to keep."""
    slugs: dict[str, str] = field(default_factory=dict)
    """Per routine file, the name of its page (:func:`~generator.handbook.page_names.page_slugs`)."""


def check_out_dir(out: Path, root: Path) -> None:
    """Refuse to replace anything that is not an earlier build of ours."""
    resolved, root_resolved = out.resolve(), root.resolve()
    if resolved == root_resolved or resolved in root_resolved.parents:
        raise GeneratorError(msg("build.out_is_root", out=str(out)))
    if resolved.is_relative_to(root_resolved / "routines") or resolved.is_relative_to(root_resolved / "site"):
        raise GeneratorError(msg("build.out_in_content", out=str(out)))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise GeneratorError(msg("build.out_not_dir", out=str(out)))
    if out.is_dir() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise GeneratorError(msg("build.out_not_ours", out=str(out), manifest=MANIFEST))


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """One build at a time per output directory."""
    lock_path = out.parent / f".{out.name}.lock"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_path.open("w")
    except OSError as error:
        raise GeneratorError(msg("build.cannot_write", out=str(out), why=error.strerror or str(error))) from None
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _copy_assets(root: Path, tmp: Path, linked: dict[str, list[str]], config: Config) -> None:
    """Theme files, then the linked files the publishing rule allows (whether or not check passed).

    Only regular files are copied, and symbolic links only while they stay inside the root (the
    default theme: inside itself); hidden files and named pipes are never opened."""
    for theme in reversed(theme_dirs(root)):  # default first, then the root's overrides
        static = theme / "static"
        if static.is_dir():
            copy_theme_files(static, tmp / "assets", theme_root(theme, root))
    if config.theme_logo and isinstance(real := logo_file(root, config.theme_logo), str):
        copy_regular(real, tmp / "assets" / str(theme_values(config)["logo"]))
    attachments = Attachments(root, config)
    for file in sorted({f for files in linked.values() for f in files}):
        attachments.copy(file, tmp / "filer" / file)


def _index_search(tmp: Path) -> str:
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(tmp), "--output-subdir",
                                 "pagefind", "--keep-index-url", "--silent"],
                                capture_output=True, text=True, timeout=900, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise GeneratorError(msg("build.search_could_not_run", why=str(error))) from None
    if result.returncode != 0:
        raise GeneratorError(msg("build.search_failed", why=(result.stderr or result.stdout).strip()[:500]))
    return "indexed"


def _remove_stale(out: Path) -> None:
    """Temporary trees of builds that were killed (we hold the lock: no build is running)."""
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _swap(tmp: Path, out: Path, pages: int, keep: str | None = None) -> None:
    """Put ``tmp`` in the place of ``out``; ``keep`` names a folder of ``out`` that moves over."""
    moved = False
    if keep and (out / keep).is_dir() and not (tmp / keep).exists():
        os.rename(out / keep, tmp / keep)  # one rename, just before the swap
        moved = True
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    try:
        if out.exists():
            os.rename(out, old)
        os.rename(tmp, out)
    except OSError:
        if old.exists() and not out.exists():
            os.rename(old, out)
        if moved:
            os.rename(tmp / keep, out / keep)  # type: ignore[operator]
        raise
    _remove_later(old, pages)


def _remove_later(old: Path, pages: int) -> None:
    """Delete the replaced site; a large one in a detached process, so the build returns at once."""
    if not old.exists():
        return
    if pages >= BACKGROUND_DELETE:
        with contextlib.suppress(OSError):
            subprocess.Popen(["rm", "-rf", "--", str(old)], start_new_session=True,
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            return
    shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, out: Path, today: dt.date, *, cache_dir: Path | None = None,
               jobs: int | None = None, search: bool = True, cases: Path | None = None,
               now: dt.datetime | None = None, roster: Path | None = None,
               roster_from: dt.date | None = None, roster_to: dt.date | None = None,
               editor: str | None = None) -> BuildResult:
    """Build the handbook of ``root`` into ``out``; with the browser editor in ``admin/`` when
    routines.toml has ``[editor]``, or ``editor`` (the local backend's address, ``serve --edit``)."""
    # The bodies' HTML that the load renders, for the pages (generator.content.body_spill)
    with tempfile.TemporaryDirectory(prefix="routines-bodies-") as spill:
        try:
            return _build(root, out, today, spill, cache_dir=cache_dir, jobs=jobs, search=search, cases=cases,
                          now=now, roster=roster, roster_from=roster_from, roster_to=roster_to, editor=editor)
        finally:
            close_spills(spill)


def _build(root: Path, out: Path, today: dt.date, spill: str, *, cache_dir: Path | None, jobs: int | None,
           search: bool, cases: Path | None, now: dt.datetime | None, roster: Path | None,
           roster_from: dt.date | None, roster_to: dt.date | None, editor: str | None) -> BuildResult:
    result = BuildResult(out)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[name] = now - clock
        clock = now

    project = load_project(root, cache_dir=cache_dir, jobs=jobs, spill_to=spill)
    history = read_history(root, cache_dir)
    notes: list[Msg | str] = []
    result.diagnostics = sort_diagnostics(run_checks(project, today, notes=notes, history=history))
    result.warnings.extend(notes)
    read = {routine.file for routine in project.routines}
    result.left_out = sorted(f.file for f in project.files if f.file not in read)
    lap("load and check")
    if cases is not None and now is None:
        raise GeneratorError(msg("build.cases_need_now"))
    report = _case_report(project, cases, now) if cases is not None and now is not None else None
    staffing = None
    if roster is not None:
        first = roster_from or today
        staffing, roster_diags = _staffing(project, roster, (first, roster_to or first + dt.timedelta(weeks=8)))
        result.warnings.extend(msg("build.roster_problem", file=d.file, line=d.line, message=d.message)
                               for d in roster_diags)
    looks = theme_values(project.config)
    env = make_environment(root, project.config.language, looks, cache_dir)
    theme = theme_digest(root) + json.dumps(looks, sort_keys=True)
    check_out_dir(out, root)
    with _locked(out):
        check_out_dir(out, root)
        previous = read_manifest(out)
        result.slugs = page_slugs(project.routines)
        scope = scope_of(project, result.diagnostics, history, today, theme, result.slugs,
                         previous, everything=search or report is not None or staffing is not None)
        planner = planner_for(project, result.diagnostics, history, today, report, staffing, scope.files,
                              scope.aggregates, result.slugs)
        result.loaded = (project, history, env)
        lap("plan")
        _remove_stale(out)
        tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        try:
            tmp.mkdir(parents=True)
        except OSError as error:
            raise GeneratorError(msg("build.cannot_write", out=str(out), why=error.strerror or str(error))) from None
        try:
            job = ShareJob(planner, in_scope(project, scope.files), scope.aggregates, report, staffing, env, theme,
                           previous.pages, out, tmp)
            manifest, rendered, in_place = _write_pages(
                job, previous, scope, jobs or os.cpu_count() or 1, result,
                in_place=not search and previous.complete and out.is_dir())
            lap("render")
            pages = set(manifest.pages)
            _copy_assets(root, tmp, manifest.linked, project.config)
            if editor is not None or project.config.editor is not None:
                from generator.handbook.editor_site import write_editor

                write_editor(tmp, project, editor)
            manifest.assets = [f for f in files_under(tmp) if f not in pages]
            result.in_place = in_place
            if in_place:
                gone = [p for p in (*previous.pages, *previous.assets) if p not in pages and p not in manifest.assets]
                commit_in_place(tmp, out, rendered, manifest.assets, gone)
                write_manifest(out / MANIFEST, manifest)
                shutil.rmtree(tmp, ignore_errors=True)
                result.search = "kept from the previous build" if (out / "pagefind").is_dir() else "skipped"
            else:
                write_manifest(tmp / MANIFEST, manifest)
                if search and any(r.published for r in project.routines):
                    result.search = _index_search(tmp)
                    lap("search index")
                    _swap(tmp, out, len(pages))
                else:
                    # Without indexing, the previous index moves over: search goes on working, a little stale.
                    result.search = "kept from the previous build" if (out / "pagefind").is_dir() else "skipped"
                    _swap(tmp, out, len(pages), keep="pagefind")
            lap("write")
        except OSError as error:
            shutil.rmtree(tmp, ignore_errors=True)
            where = f" ({error.filename})" if error.filename else ""
            raise GeneratorError(msg("build.cannot_write_kept", out=str(out), why=error.strerror or str(error),
                                     where=where)) from None
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        finally:
            project.bodies.clear()  # their folder goes with the build; a later page (serve's) renders its body
    return result


def _case_report(project: Project, cases: Path, now: dt.datetime) -> dict[str, Any]:
    """The deadline report of a case export, for the handbook's Svarstider page."""
    from generator.core.calendar import SwedishCalendar, localized
    from generator.deadlines.cases import ReadOptions
    from generator.deadlines.judge import DeadlineChecker
    from generator.deadlines.run import check_export
    from generator.handbook.deadline_page import PAGE_CASES, report_context

    calendar = SwedishCalendar(project.config.closed_days, project.config.timezone)
    moment = localized(now, project.config.timezone)
    options = ReadOptions.of(project.config.case_columns, project.config.case_delimiter)
    summary, _ = check_export(cases, DeadlineChecker(project, calendar, moment), None, os.cpu_count() or 1, options)
    return report_context(summary, project, moment, limit=PAGE_CASES)


def _staffing(project: Project, roster: Path, period: tuple[dt.date, dt.date]) -> tuple[dict[str, Any], list[Diagnostic]]:
    """The staffing calendar of a roster, for the handbook's Bemanning page."""
    from generator.core.calendar import SwedishCalendar
    from generator.handbook.staffing_page import staffing_context
    from generator.staffing.roles import check_roles
    from generator.staffing.roster import load_roster

    calendar = SwedishCalendar(project.config.closed_days, project.config.timezone)
    loaded = load_roster(roster, project.organisation, project.catalog, config=project.config)
    findings = check_roles(project, loaded, calendar, *period)
    return staffing_context(findings, project, calendar, *period, roster=loaded), loaded.diagnostics


def _write_pages(job: ShareJob, previous: Manifest, scope: Scope, jobs: int, result: BuildResult,
                 in_place: bool) -> tuple[Manifest, list[str], bool]:
    """Plan the pages of ``scope`` and render into ``job.tmp`` those whose digest changed
    (:mod:`.page_shares`). Unless this is a small change that may go into the previous tree file
    by file (``in_place``), hard-link every other page from ``job.out`` too (a whole new tree).
    The new manifest, the pages rendered, and whether in place."""
    settled = settle_all(job, jobs)
    manifest = Manifest(inputs=scope.inputs)
    kept = carried(previous, scope, (page.path for page in settled))
    manifest.pages.update(kept)
    if scope.files is not None:
        for file, path in previous.routine_pages.items():
            if file not in scope.files:
                manifest.routine_pages[file] = path
                manifest.linked[file] = previous.linked.get(file, [])
    for page in settled:
        manifest.pages[page.path] = page.digest
        if page.body_file is not None:
            manifest.routine_pages[page.body_file] = page.path
            manifest.linked[page.body_file] = page.linked
    rendered = sorted(page.path for page in settled if page.rendered)
    in_place = in_place and len(rendered) <= IN_PLACE_PAGES
    if not in_place:
        old, new, made = str(job.out), str(job.tmp), set[str]()
        for path in [*kept, *(page.path for page in settled if not page.rendered)]:
            if not reuse(old, new, path, made):
                raise GeneratorError(msg("build.changed", file=path))
    result.planned = len(settled)
    result.rendered = len(rendered)
    result.reused = len(manifest.pages) - len(rendered)
    result.pages = len(manifest.pages)
    return manifest, rendered, in_place
