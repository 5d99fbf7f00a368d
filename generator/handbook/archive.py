"""``routines archive``: each published, valid routine as PDF/A-2b, for the archive.

Governing documents are archived, and PDF/A is the format Swedish public archives take. A
routine's archive copy is its handbook page (the theme's templates and stylesheets, print.css
included) printed by WeasyPrint: every sheet carries the printed-copy notice, the document id
and version, and "sida x av y". The routine's metadata (title, id, version, owner, approver,
valid from and to) goes into the document information and into the XMP packet, the fields
without a predefined XMP property described by a PDF/A extension schema (:mod:`archive_xmp`).

Nothing is fetched: the page's stylesheets are served from the theme's own folders, and any
other address (an image on the net, a file elsewhere) is refused. Files are written
atomically, named ``<id>-v<version>.pdf``, and never outside ``--out``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.checks.cross_file import run_checks
from generator.content.atomic_write import confined, write_atomically
from generator.content.history import read_history
from generator.content.project import Project, load_project, read_body
from generator.content.rootpath import within
from generator.core.errors import GeneratorError
from generator.core.messages import Msg, messages, msg
from generator.core.model import Routine
from generator.core.suggest import did_you_mean, nearest
from generator.handbook.archive_xmp import RoutineFacts, routine_metadata
from generator.handbook.render import (
    body_html,
    make_environment,
    relative_base,
    render_page,
    theme_dirs,
    theme_root,
)
from generator.handbook.site_pages import Page
from generator.handbook.site_plan import plan_site

VARIANT = "pdf/a-2b"
"""PDF/A-2, level B (visual appearance): what WeasyPrint writes and the archives take."""
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SITE = "https://routines.invalid/"
"""The made-up address the page is rendered at (``.invalid``: never a real host); its stylesheets
are ``…/assets/NAME``, served by :func:`_theme_fetcher` from the theme, never from the net."""


@dataclass(frozen=True)
class Written:
    """One archive file written."""

    id: str
    version: str
    title: str
    file: str
    pages: int


@dataclass(frozen=True)
class Skipped:
    """A routine not archived, and why."""

    id: str
    why: Msg


@dataclass
class ArchiveResult:
    """What an archive run did."""

    out: Path
    written: list[Written] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    named: bool = False
    """True when the routines were named (``archive ID…``): a skipped one is then a failure."""


def file_name(routine_id: str, version: str) -> str:
    """``<id>-v<version>.pdf``, anything but letters, digits, ``.``, ``_`` and ``-`` made ``_``."""
    name = f"{_SAFE.sub('_', routine_id)}-v{_SAFE.sub('_', version)}.pdf"
    return "_" + name if name.startswith(".") else name


def _select(project: Project, ids: Sequence[str]) -> list[Routine]:
    by_id = {r.id: r for r in project.routines if r.id}
    if not ids:
        return sorted((r for r in project.routines if r.published), key=lambda r: r.id or r.file)
    chosen: list[Routine] = []
    for given in ids:
        routine = by_id.get(given) or by_id.get(given.strip())
        if routine is None:
            close = nearest(given, {i.casefold(): i for i in by_id})
            raise GeneratorError(msg("archive.no_routine", id=given, hint=did_you_mean(close)))
        if routine not in chosen:
            chosen.append(routine)
    return chosen


def _why_not(routine: Routine, errors: set[str], today: dt.date) -> Msg | None:
    if not routine.published:
        return msg("archive.why_not_published")
    if not routine.id or not routine.version:
        return msg("archive.why_no_id")
    if not routine.in_force(today):
        return msg("archive.why_not_in_force", today=today.isoformat())
    if routine.file in errors:
        return msg("archive.why_errors")
    return None


def check_out(out: Path, root: Path) -> None:
    """Refuse an ``--out`` inside the content's own folder (``routines/``)."""
    if within(os.path.abspath(out), os.path.abspath(root / "routines")) or \
            within(os.path.realpath(out), os.path.realpath(root / "routines")):
        raise GeneratorError(msg("archive.out_in_root", out=str(out)))


def archive(root: Path, out: Path, today: dt.date, ids: Sequence[str] = (), *,
            cache_dir: Path | None = None, jobs: int | None = None) -> ArchiveResult:
    """Write the archive copies of ``root``'s routines (all published and valid ones, or
    ``ids``) into ``out``."""
    check_out(out, root)
    project = load_project(root, cache_dir=cache_dir, jobs=jobs)
    chosen = _select(project, ids)
    history = read_history(root, cache_dir)
    diagnostics = run_checks(project, today, history=history)
    errors = {d.file for d in diagnostics if d.severity == "error"}
    plan = plan_site(project, diagnostics, history, today)
    pages = {p.body_file: p for p in plan.pages if p.template == "routine.html" and p.body_file}
    result = ArchiveResult(out, named=bool(ids))
    todo = []
    for routine in chosen:
        why = _why_not(routine, errors, today)
        if why is None:
            todo.append(routine)
        else:
            result.skipped.append(Skipped(routine.label, why))
    if not todo:
        return result
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise GeneratorError(msg("archive.cannot_write", out=str(out), why=error.strerror or str(error))) from None
    env = make_environment(root, project.config.language)
    with _quiet_weasyprint():
        for routine in todo:
            result.written.append(_archive_one(project, routine, pages[routine.file], env, out, today))
    return result


def _archive_one(project: Project, routine: Routine, page: Page, env: Any, out: Path, today: dt.date) -> Written:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    assert routine.id and routine.version
    language = project.config.language
    t = messages(language)
    body = body_html(read_body(project, routine.file), {}, relative_base(page.path))
    html = render_page(env, page.template, page.context, page.path, body).decode("utf-8")
    fetcher = _theme_fetcher(project.root)
    document = HTML(string=html, base_url=_SITE + page.path, url_fetcher=fetcher).render(
        stylesheets=[CSS(string=sheet_css(project, routine, page.path, today), url_fetcher=fetcher)])
    facts = RoutineFacts(
        id=routine.id, version=routine.version, title=routine.title,
        owner=routine.owner.name if routine.owner else "", approver=routine.approver.name if routine.approver else "",
        valid_from=routine.valid_from.isoformat() if routine.valid_from else "",
        valid_to=routine.valid_to.isoformat() if routine.valid_to else "",
        subject=t("archive.subject", id=routine.id, version=routine.version,
                  valid_from=routine.valid_from or "", valid_to=routine.valid_to or ""),
        keywords=(routine.id, *routine.tags), language=language, day=today.isoformat())
    document.metadata = routine_metadata(facts)
    _srgb_intent(document)
    data = document.write_pdf(pdf_variant=VARIANT, custom_metadata=True, output_intent=_INTENT)
    name = file_name(routine.id, routine.version)
    target = confined(out / name, out, name)
    try:
        write_atomically(target, data)
    except OSError as error:
        raise GeneratorError(msg("archive.cannot_write", out=str(out), why=error.strerror or str(error))) from None
    return Written(routine.id, routine.version, routine.title, name, len(document.pages))


_INTENT = "archive-srgb"


def _srgb_intent(document: Any) -> None:
    """The output intent PDF/A needs: WeasyPrint's own sRGB profile, read and closed here (its
    ``output_intent="srgb"`` leaves the profile's file open)."""
    from importlib.resources import files

    from weasyprint.css import ColorProfile  # type: ignore[import-untyped]

    icc = (files("weasyprint.pdf") / "sRGB2014.icc").read_bytes()
    document.color_profiles[_INTENT] = ColorProfile(io.BytesIO(icc), "sRGB2014.icc", "relative-colorimetric",
                                                    (["r"], ["g"], ["b"]))
    document.output_intent = _INTENT


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: quotes, backslashes and line breaks escaped."""
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\' or ord(c) < 0x20 or c == "\x7f" else c for c in text)
    return f'"{escaped}"'


def sheet_css(project: Project, routine: Routine, path: str, today: dt.date) -> str:
    """The footer of every sheet, as print.css has it, with the texts written in (WeasyPrint reads
    no ``attr()`` in a custom property)."""
    config = project.config
    labels = messages(config.language)
    address = f"{config.base_url.rstrip('/')}/{path}" if config.base_url else f"{config.title}: {path}"
    notice = f"{labels('site.print_copy')} {today.isoformat()} – {labels('site.print_current')} {address}"
    document = labels("archive.document", id=routine.id or "", version=routine.version or "")
    return (f"@page {{ @bottom-left {{ content: {css_string(notice)} !important; }}"
            f" @bottom-right {{ content: {css_string(document)} \"\\A\" {css_string(labels('site.print_page'))}"
            f" \" \" counter(page) \" \" {css_string(labels('site.print_of'))} \" \" counter(pages) !important; }} }}\n"
            ".site-footer { display: none !important; }\n"
            "body, main { font-family: \"DejaVu Sans\", sans-serif; }\n")


def _theme_fetcher(root: Path) -> Any:
    """WeasyPrint's fetcher for the page: ``{_SITE}assets/NAME`` from the theme's static
    folders (the root's overrides first), nothing else."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # type: ignore[import-untyped]

    from generator.content.theme_files import open_regular

    class ThemeFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            name = url.removeprefix(_SITE + "assets/")
            if name == url or not name or name.startswith((".", "/")) or ".." in name.split("/"):
                raise ValueError(f"not fetched: {url}")
            for theme in theme_dirs(root):
                static = theme / "static"
                real = os.path.realpath(static / name)
                if within(real, theme_root(theme, root)) and within(real, os.path.realpath(static)):
                    handle = open_regular(real)
                    if handle is not None:
                        with handle:
                            return URLFetcherResponse(url, body=handle.read(),
                                                      headers={"Content-Type": _media_type(name)})
            raise ValueError(f"not in the theme: {url}")

    return ThemeFetcher(allowed_protocols=("https",))


def _media_type(name: str) -> str:
    return {"css": "text/css", "svg": "image/svg+xml", "png": "image/png"}.get(name.rsplit(".", 1)[-1],
                                                                                "application/octet-stream")


@contextlib.contextmanager
def _quiet_weasyprint() -> Iterator[None]:
    """WeasyPrint's log (a CSS rule it does not know, an address refused) kept off standard error."""
    loggers = [logging.getLogger(name) for name in ("weasyprint", "weasyprint.progress")]
    saved = [(lg.handlers[:], lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.handlers = [logging.NullHandler()]
        lg.propagate = False
    try:
        yield
    finally:
        for lg, (handlers, propagate) in zip(loggers, saved, strict=True):
            lg.handlers, lg.propagate = handlers, propagate
