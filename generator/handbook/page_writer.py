"""Writing pages: rendered (in the turns of :mod:`.page_shares`), hard-linked from the previous
build, or put into the previous build's tree file by file.

A build renders what changed into a temporary directory beside the output first; nothing of the
output is touched until every page rendered. Then either the temporary directory becomes the
new site (:func:`generator.handbook.build._swap`, unchanged pages hard-linked into it), or
(:func:`commit_in_place`) each new file is renamed into the previous tree, one atomic rename per
file, so a reader sees each page either as it was or as it is now, never half written; pages and
files the build no longer makes are removed, and the manifest is written last.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, TemplateError
from markupsafe import Markup

from generator.content.project import Project, loaded_html, read_body
from generator.core.messages import msg
from generator.handbook.render import (
    body_html,
    linked_html,
    relative_base,
    render_page,
    row_maker,
    template_failure,
)
from generator.handbook.site_pages import Page, SitePlan


@dataclass(frozen=True)
class RenderJob:
    """What rendering the pages of a plan needs."""

    pages: list[Page]
    plan: SitePlan
    project: Project
    env: Environment
    tmp: Path
    made: set[str] = field(default_factory=set)
    """The folders of ``tmp`` made so far."""
    rows: dict[tuple[int, str], tuple[Any, Markup]] = field(default_factory=dict)
    """The rows made so far (:func:`~generator.handbook.render.row_maker`)."""


def render_one(job: RenderJob, index: int) -> None:
    """Render a page of the plan into ``job.tmp``."""
    page = job.pages[index]
    body = None
    if page.body_file is not None:
        links, base = job.plan.link_maps.get(page.body_file, {}), relative_base(page.path)
        loaded = loaded_html(job.project, page.body_file)
        body = linked_html(loaded, links, base) if loaded is not None else \
            body_html(read_body(job.project, page.body_file), links, base)
    try:
        row = row_maker(job.env, page.rows, page.path, job.rows) if page.rows is not None else None
        data = render_page(job.env, page.template, page.context, page.path, body, row)
    except TemplateError as error:
        raise template_failure(error, job.project.root, msg("render.doing_page", path=page.path),
                               msg("render.outcome_site")) from None
    _folder_of(str(job.tmp), page.path, job.made)
    _write_new(os.path.join(job.tmp, page.path), data)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)


def _write_new(path: str, data: bytes) -> None:
    """Write a page into the build's own temporary folder: a descriptor and its writes, without
    the buffered file object (its status and terminal checks) that ten thousand pages would make."""
    fd = os.open(path, _NEW, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)


def _folder_of(top: str, path: str, made: set[str]) -> None:
    """Make the folder of root-relative ``path`` under ``top``, once per folder in ``made``."""
    folder = os.path.dirname(path)
    if folder not in made:
        os.makedirs(os.path.join(top, folder), exist_ok=True)
        made.add(folder)


def reuse(old: str, new: str, path: str, made: set[str]) -> bool:
    """Hard-link an unchanged page from the previous build; False when it is not there."""
    _folder_of(new, path, made)
    try:
        os.link(os.path.join(old, path), os.path.join(new, path))
    except FileNotFoundError:
        return False
    except OSError:
        try:
            shutil.copy2(os.path.join(old, path), os.path.join(new, path))
        except FileNotFoundError:
            return False
    return True


def files_under(top: Path) -> list[str]:
    """Every file under ``top``, root-relative with ``/``, sorted."""
    found: list[str] = []
    for directory, _, names in os.walk(top):
        rel = os.path.relpath(directory, top)
        found.extend(name if rel == "." else f"{rel}/{name}".replace(os.sep, "/") for name in names)
    return sorted(found)


def commit_in_place(tmp: Path, out: Path, rendered: list[str], assets: list[str], gone: list[str]) -> None:
    """Rename the ``rendered`` pages of ``tmp`` into ``out``, and those of its ``assets`` that
    differ from the copies there; remove the files of ``gone`` (and folders they leave empty)."""
    made: set[str] = set()
    for rel in rendered:
        _put(tmp, out, rel, made)
    for rel in assets:
        target = out / rel
        if target.is_file() and not target.is_symlink() and filecmp.cmp(tmp / rel, target, shallow=False):
            continue
        _put(tmp, out, rel, made)
    folders = set()
    for rel in gone:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(out / rel)
        folders.add(os.path.dirname(rel))
    for folder in sorted(folders, key=len, reverse=True):
        while folder:
            try:
                os.rmdir(out / folder)
            except OSError:
                break
            folder = os.path.dirname(folder)


def _put(tmp: Path, out: Path, rel: str, made: set[str]) -> None:
    folder = os.path.dirname(rel)
    if folder not in made:
        target = out / folder
        if (target.exists() and not target.is_dir()) or target.is_symlink():
            os.unlink(target)  # a page where a folder must be now (never followed)
        target.mkdir(parents=True, exist_ok=True)
        made.add(folder)
    os.replace(tmp / rel, out / rel)
