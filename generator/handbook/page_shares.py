"""A build's pages planned, digested and rendered in turns that the build's own process and its
forked workers share out.

The work is a list of turns: the pages made of many routines (units, roles, owners, indexes,
lists, start) first, then the routines' pages in batches. Each process takes the next turn from
a shared counter until none is left; in a turn it plans the pages (:mod:`.site_plan`), digests
each (template and context) and renders those whose digest differs from the previous build's
into the temporary tree (:func:`generator.handbook.page_writer.render_one`). What comes back to
the build is a few facts per page (:class:`Settled`), never the contexts: no process holds the
plan of the whole site, and planning and digesting run on every core as rendering does.

Small builds (a few routines changed) take every turn in the build's own process: a fork costs
more than it saves.
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from generator.core.errors import GeneratorError
from generator.core.messages import msg
from generator.core.model import Routine
from generator.handbook.manifest import json_bytes
from generator.handbook.page_writer import RenderJob, render_one
from generator.handbook.site_pages import Planner, SitePlan
from generator.handbook.site_plan import plan_aggregates, plan_routines

PARALLEL_PAGES = 300
"""From this many pages to plan, the work is shared with worker processes."""
BATCH = 100
"""Routine pages per turn: small enough that the processes finish together."""


@dataclass(frozen=True)
class Settled:
    """One page of the build: what the build's manifest and writing need of it."""

    path: str
    digest: str
    body_file: str | None
    """For a routine page: its routine file."""
    linked: list[str]
    """For a routine page: the files its links publish."""
    rendered: bool
    """True when it was rendered into the temporary tree (its digest changed, or the previous
    build has no such file); False when the previous build's file is this page."""


@dataclass(frozen=True)
class ShareJob:
    """What every turn needs; a forked worker inherits it."""

    planner: Planner
    routines: list[Routine]
    """The routines whose pages are planned."""
    aggregates: bool
    """Whether the pages made of many routines are planned."""
    report: dict[str, Any] | None
    staffing: dict[str, Any] | None
    env: Environment
    theme: str
    """The digest of the templates, static files and program, in every page's digest."""
    previous: dict[str, str]
    """The previous build's pages and their digests."""
    out: Path
    tmp: Path


Turn = range | None
"""A batch of :attr:`ShareJob.routines` (their indexes), or None for the pages made of many routines."""


def page_digest(theme: str, template: str, context: Any, extra: Any) -> str:
    """The digest of a page: the theme's, its template and its context (built in a fixed order,
    so no key sorting is needed for a stable digest; msgspec's JSON, a third of the time of
    the standard library's)."""
    digest = hashlib.blake2b(theme.encode("utf-8"), digest_size=20)
    digest.update(json_bytes([template, context, extra]))
    return digest.hexdigest()


def settle_all(job: ShareJob, jobs: int) -> list[Settled]:
    """Every page of ``job``, rendered where it changed, with ``jobs`` processes at most."""
    turns: list[Turn] = [None] if job.aggregates else []
    turns += [range(i, min(i + BATCH, len(job.routines))) for i in range(0, len(job.routines), BATCH)]
    if jobs <= 1 or len(job.routines) < PARALLEL_PAGES:
        return _take_turns(job, turns, None)
    return _shared(job, turns, jobs)


def _take_turn(job: ShareJob, turn: Turn) -> list[Settled]:
    plan = SitePlan()
    if turn is None:
        plan_aggregates(job.planner, plan, job.report, job.staffing)
    else:
        plan_routines(job.planner, (job.routines[i] for i in turn), plan)
    render = RenderJob(plan.pages, plan, job.planner.project, job.env, job.tmp)
    content_keys = job.planner.project.content_keys
    settled = []
    for index, page in enumerate(plan.pages):
        extra: Any = None
        linked: list[str] = []
        if page.body_file is not None:
            extra = [content_keys.get(page.body_file), plan.link_maps.get(page.body_file, {})]
            linked = plan.linked_by_file.get(page.body_file, [])
        digest = page_digest(job.theme, page.template, page.context, extra)
        rendered = job.previous.get(page.path) != digest or not os.path.isfile(job.out / page.path)
        if rendered:
            render_one(render, index)
        settled.append(Settled(page.path, digest, page.body_file, linked, rendered))
    return settled


def _take_turns(job: ShareJob, turns: Sequence[Turn], counter: Any, parent: int | None = None) -> list[Settled]:
    """Take turns until none is left: every turn in order without a ``counter``, else the next
    one the shared counter gives out; in a worker, until its ``parent`` (the build) is gone."""
    settled: list[Settled] = []
    for mine in range(len(turns)):
        taken = mine
        if parent is not None and os.getppid() != parent:
            break  # the build was killed: no one waits for these pages (nor holds its lock but us)
        if counter is not None:
            with counter.get_lock():
                taken = counter.value
                counter.value = taken + 1
        if taken >= len(turns):
            break
        settled += _take_turn(job, turns[taken])
    return settled


def _worker(job: ShareJob, turns: Sequence[Turn], counter: Any, send: Any, receiving: list[Any],
            parent: int) -> None:
    for other in receiving:  # the build's ends of the pipes: a write must fail once the build is gone
        other.close()
    try:
        outcome: Any = _take_turns(job, turns, counter, parent)
    except GeneratorError as error:
        outcome = error
    except Exception as error:  # noqa: BLE001 - told to the build, which stops with it
        outcome = GeneratorError(msg("build.worker_lost", why=f"{type(error).__name__}: {error}"))
    with contextlib.suppress(OSError, pickle.PicklingError):  # the build has stopped listening
        send.send(outcome)


def _shared(job: ShareJob, turns: Sequence[Turn], jobs: int) -> list[Settled]:
    # fork: each worker inherits the job (the loaded project among it), nothing is pickled to it
    context = multiprocessing.get_context("fork")
    counter = context.Value("q", 0)
    workers: list[tuple[Any, Any]] = []
    try:
        for _ in range(jobs - 1):
            receive, send = context.Pipe(duplex=False)
            receiving = [r for _, r in workers] + [receive]
            process = context.Process(target=_worker, args=(job, turns, counter, send, receiving, os.getpid()),
                                      daemon=True)
            process.start()
            send.close()
            workers.append((process, receive))
        settled = _take_turns(job, turns, counter)
        for process, receive in workers:
            try:
                outcome = receive.recv()
            except EOFError:
                process.join()
                raise GeneratorError(msg("build.worker_lost", why=f"exit status {process.exitcode}")) from None
            if isinstance(outcome, BaseException):
                raise outcome
            settled += outcome
        return settled
    finally:
        for process, receive in workers:
            if process.is_alive():
                process.terminate()
            process.join()
            receive.close()
