"""Checks across files: references, duplicates, people, validity, expiry, links, offerings.

Each check is a pure function of the loaded project and the day, yielding diagnostics; they
run in the order of :data:`CHECKS`, and can be picked by name.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from generator.checks.people import check_people_file
from generator.content.attachments import Attachments
from generator.content.history import History, read_history
from generator.content.link_scan import body_lines, line_among
from generator.content.project import Project, read_body
from generator.content.rootpath import within
from generator.core.calendar import longest_valid_to
from generator.core.diagnostics import Diagnostic, Severity
from generator.core.errors import GeneratorError
from generator.core.links import Link
from generator.core.messages import Msg, counted, msg, one_of
from generator.core.model import Person, Routine
from generator.core.obligations import Resolver, offers_trace
from generator.core.organisation import matches
from generator.core.rules import Deadline, Offer, Offering, Recurring, Responsibility, RoleRule
from generator.core.suggest import unknown


@dataclass
class Context:
    """What every check may look at."""

    project: Project
    today: dt.date
    notes: list[Msg | str] = field(default_factory=list)
    """Warnings about the run itself (a shallow clone), for the command to print once."""
    known_history: History | None = None
    _body_lines: dict[str, list[int]] = field(default_factory=dict, repr=False)
    """Per routine file: the lines of its body's links, once :meth:`line_of` looked them up."""

    @cached_property
    def resolver(self) -> Resolver:
        """Obligations of published routines (whatever their dates; expiry is its own check)."""
        p = self.project
        return Resolver(p.routines, p.organisation, p.catalog)

    @cached_property
    def history(self) -> History:
        """The git history of the root (empty outside a repository)."""
        return self.known_history or read_history(self.project.root, self.project.cache_dir)

    @cached_property
    def by_file(self) -> dict[str, Routine]:
        return {r.file: r for r in self.project.routines}

    def line_of(self, routine: Routine, link: Link) -> int:
        """The file line of ``link``: a body link's is looked up here, once per file, when a
        finding names it (:func:`~generator.content.link_scan.with_lines`); where the file
        changed since it was read, the body's first line."""
        if link.line or not link.in_body:
            return link.line
        lines = self._body_lines.get(routine.file)
        if lines is None:
            try:
                lines = body_lines(read_body(self.project, routine.file), routine.body_line)
            except GeneratorError:
                lines = []
            self._body_lines[routine.file] = lines
        return line_among(link, lines, routine.body_line)


Check = Callable[[Context], Iterable[Diagnostic]]


def _diag(routine: Routine, ptr: str, severity: Severity, code: str, message: Msg) -> Diagnostic:
    return Diagnostic(routine.file, routine.line(ptr), severity, code, message)


def check_duplicate_ids(ctx: Context) -> Iterator[Diagnostic]:
    """Two routines with one Dokument-ID."""
    first: dict[str, Routine] = {}
    for routine in ctx.project.routines:
        if routine.id is None:
            continue
        if routine.id in first:
            other = first[routine.id]
            yield _diag(routine, "/id", "error", "duplicate-id",
                        msg("check.duplicate_id", id=routine.id, other=f"{other.file}:{other.line('/id')}"))
        else:
            first[routine.id] = routine


def check_references(ctx: Context) -> Iterator[Diagnostic]:
    """Units, roles and case types that rules and ``applies_to`` name must exist."""
    org, catalog = ctx.project.organisation, ctx.project.catalog
    for routine in ctx.project.routines:
        if org.loaded:
            for index, unit_id in enumerate(routine.applies_to):
                if unit_id not in org.units:
                    yield _diag(routine, f"/applies_to/{index}", "error", "unknown-unit",
                                unknown("unit", unit_id, org, "organisation.yaml", where=msg("suggest.in_applies_to"),
                                        ids_only=True))
        if not catalog.loaded:
            continue
        for rule in routine.rules.all:
            for ptr, role in _roles_named(rule):
                if role not in catalog.roles:
                    yield _diag(routine, ptr, "error", "unknown-role",
                                unknown("role", role, catalog.roles, "catalog.yaml", where=msg("suggest.in_rule", rule=rule.id),
                                        ids_only=True))
            for ptr, case_type in _case_types_named(rule):
                if case_type not in catalog.case_types:
                    yield _diag(routine, ptr, "error", "unknown-case-type",
                                unknown("case-type", case_type, catalog.case_types, "catalog.yaml",
                                        where=msg("suggest.in_rule", rule=rule.id), ids_only=True))


def _roles_named(rule: object) -> Iterator[tuple[str, str]]:
    if isinstance(rule, RoleRule | Recurring | Responsibility):
        yield f"{rule.pointer}/role", rule.role


def _case_types_named(rule: object) -> Iterator[tuple[str, str]]:
    if isinstance(rule, Offering):
        for i, alternatives in enumerate(rule.must_offer):
            for j, case_type in enumerate(alternatives):
                yield (f"{rule.pointer}/must_offer/{i}" + (f"/any_of/{j}" if len(alternatives) > 1 else "")), case_type
        for i, (_, drop) in enumerate(rule.unless):
            for j, case_type in enumerate(drop):
                yield f"{rule.pointer}/unless/{i}/drop/{j}", case_type
    elif isinstance(rule, Offer):
        for i, case_type in enumerate(rule.case_types):
            yield f"{rule.pointer}/case_types/{i}", case_type
    elif isinstance(rule, Deadline):
        for i, case_type in enumerate(rule.case_types or ()):
            yield f"{rule.pointer}/case_types/{i}", case_type
        for i, case_type in enumerate(rule.except_):
            yield f"{rule.pointer}/except/{i}", case_type


def check_selectors(ctx: Context) -> Iterator[Diagnostic]:
    """A rule whose ``units`` selector picks no unit in the routine's scope does nothing."""
    org = ctx.project.organisation
    if not org.loaded:
        return
    found: dict[tuple[str, tuple[tuple[str, Any], ...]], bool] = {}
    """(a unit, a selector's entries) -> whether the selector picks a unit in its subtree."""

    def picks(top: str, selector: Mapping[str, Any]) -> bool:
        key = (top, tuple(selector.items()))
        try:
            return found[key]
        except KeyError:
            found[key] = any(matches(org.units[u], selector) for u in org.subtree(top))
        except TypeError:  # a value that is a list or a mapping: asked afresh
            return any(matches(org.units[u], selector) for u in org.subtree(top))
        return found[key]

    for routine in ctx.project.routines:
        selectors = [(rule, selector) for rule in routine.rules.all
                     if (selector := getattr(rule, "units", None))]
        if not selectors:
            continue
        scope = [a for a in routine.applies_to if a in org.units]
        if not scope:
            continue
        for rule, selector in selectors:
            if not any(picks(top, selector) for top in scope):
                shown = ", ".join(f"{k}: {v}" for k, v in selector.items())
                yield _diag(routine, f"{rule.pointer}/units", "warning", "empty-selector",
                            msg("check.empty_selector", rule=rule.id, shown=shown))


def _people(routine: Routine) -> Iterator[tuple[str, Person]]:
    for ptr, person in (("/owner", routine.owner), ("/approver", routine.approver)):
        if person is not None:
            yield ptr, person
    for key, people in (("reviewers", routine.reviewers), ("content_reviewers", routine.content_reviewers)):
        for index, person in enumerate(people):
            yield f"/{key}/{index}", person


def check_people(ctx: Context) -> Iterator[Diagnostic]:
    """One person id must always carry the same name."""
    first: dict[str, tuple[str, Routine, str]] = {}
    for routine in ctx.project.routines:
        for ptr, person in _people(routine):
            if person.id is None:
                continue
            known = first.setdefault(person.id, (person.name, routine, ptr))
            if known[0] != person.name:
                other = known[1]
                yield _diag(routine, ptr, "error", "person-name",
                            msg("check.person_name", id=person.id, name=person.name, known=known[0],
                                other=f"{other.file}:{other.line(known[2])}"))


def check_validity(ctx: Context) -> Iterator[Diagnostic]:
    """A validity period may not be longer than allowed for the document type."""
    config = ctx.project.config
    for routine in ctx.project.routines:
        if routine.valid_from is None or routine.valid_to is None:
            continue
        years = config.max_validity_years(routine.type)
        latest = longest_valid_to(routine.valid_from, years)
        if routine.valid_to > latest:
            yield _diag(routine, "/valid_to", "error", "validity-too-long",
                        msg("check.validity_too_long", valid_to=routine.valid_to.isoformat(),
                            years=counted("check.year", years), type=routine.type or "",
                            latest=latest.isoformat()))


def check_expiry(ctx: Context) -> Iterator[Diagnostic]:
    """Expired published routines are errors; those expiring soon are warnings."""
    window = ctx.project.config.warn_within_days
    for routine in ctx.project.routines:
        if not routine.published or routine.valid_to is None:
            continue
        days = (routine.valid_to - ctx.today).days
        if days < 0:
            yield _diag(routine, "/valid_to", "error", "expired",
                        msg("check.expired", date=routine.valid_to.isoformat(), days=counted("day", -days)))
        elif days <= window:
            when = msg("check.expiring_today") if days == 0 else msg("check.expiring_in", days=counted("day", days))
            yield _diag(routine, "/valid_to", "warning", "expiring",
                        msg("check.expiring", date=routine.valid_to.isoformat(), when=when))


def check_links(ctx: Context) -> Iterator[Diagnostic]:
    """Relative links must reach a routine, or a file the handbook publishes (see
    :mod:`generator.content.attachments`), in the root, and not a withdrawn routine."""
    root = str(ctx.project.root)
    routine_files = {f.file for f in ctx.project.files}
    known = {*routine_files, *ctx.project.other_files}
    attachments = Attachments(ctx.project.root, ctx.project.config)
    refused: dict[str, Msg | str | None] = {}
    """Per linked file that is not a routine: why it is not published (None: it is)."""
    for routine in ctx.project.routines:
        for link in routine.links:
            if link.kind != "relative":
                continue
            target = link.target
            if target is None:
                yield Diagnostic(routine.file, ctx.line_of(routine, link), "error", "broken-link",
                                 msg("check.link_outside", text=link.text, url=link.url))
                continue
            if target in routine_files:  # found by discovery, which follows no link out of the root
                linked = ctx.by_file.get(target)
                if linked is not None and linked.status == "withdrawn" and routine.published:
                    yield Diagnostic(routine.file, ctx.line_of(routine, link), "error", "withdrawn-link",
                                     msg("check.withdrawn_link", text=link.text, label=linked.label))
                continue
            if target not in refused:
                refused[target] = _file_problem(root, target, known, attachments)
            if (reason := refused[target]) is None:
                continue
            if isinstance(reason, str):
                yield Diagnostic(routine.file, ctx.line_of(routine, link), "error", "broken-link", msg(
                    "check.link_missing" if reason is _MISSING else "check.link_escapes", text=link.text,
                    target=target))
            else:
                yield Diagnostic(routine.file, ctx.line_of(routine, link), "error", "private-link",
                                 msg("check.private_link", text=link.text, target=target, reason=reason,
                                     rule=attachments.rule()))


_MISSING = "missing"
_OUTSIDE = "outside"


def _file_problem(root: str, target: str, known: set[str], attachments: Attachments) -> Msg | str | None:
    """Why a linked file that is not a routine is broken (:data:`_MISSING`, :data:`_OUTSIDE`) or
    not published (the reason), or None when it is published. Asked once per file."""
    if target not in known and not os.path.exists(os.path.join(root, target)):
        return _MISSING
    if not within(os.path.realpath(os.path.join(root, target)), attachments.resolved_root):
        return _OUTSIDE
    return attachments.refusal(target)


def check_stray_files(ctx: Context) -> Iterator[Diagnostic]:
    """Files in ``routines/`` that no routine links to are probably misplaced."""
    linked = {link.target for r in ctx.project.routines for link in r.links}
    for file in ctx.project.other_files:
        if file not in linked:
            yield Diagnostic(file, 1, "warning", "stray-file", msg("check.stray_file"))


def _service_names(ctx: Context, alternatives: tuple[str, ...]) -> Msg:
    return one_of(ctx.project.catalog.case_types.name(c) for c in alternatives)


def check_offerings(ctx: Context) -> Iterator[Diagnostic]:
    """Each unit an offerings rule selects must be declared to offer every required service."""
    if not ctx.project.organisation.loaded:
        return
    resolver = ctx.resolver
    for unit_id in resolver.units_under(Offering):
        obligations = resolver.for_unit(unit_id, (Offering, Offer))
        missing = obligations.missing
        if not missing:
            continue
        unit = obligations.unit
        where = offers_trace(obligations)
        by_rule: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        origin = {}
        for requirement in missing:
            key = (requirement.trace.routine, requirement.trace.rule)
            by_rule.setdefault(key, []).append(requirement.alternatives)
            origin[key] = requirement.trace
        for key, gaps in by_rule.items():
            trace = origin[key]
            services = tuple(_service_names(ctx, g) for g in gaps)
            at = where or trace
            declared = "" if where else msg("check.no_offers_declared")
            yield Diagnostic(at.file, at.line, "warning", "offerings",
                             msg("check.offerings", unit=unit.name, id=unit.id, services=services,
                                 rule=trace.rule, routine=trace.routine, declared=declared))


def check_review_marks(ctx: Context) -> Iterator[Diagnostic]:
    """Rules that ``routines import`` proposed and no person has checked yet (``review:``)."""
    for routine in ctx.project.routines:
        for rule in routine.rules.all:
            if rule.review:
                sentence = " ".join(rule.review.split())
                if len(sentence) > 200:
                    sentence = sentence[:199].rstrip() + "…"
                yield _diag(routine, rule.pointer, "warning", "needs-review",
                            msg("check.needs_review", sentence=sentence))


def check_changes(ctx: Context) -> Iterator[Diagnostic]:
    """In a git repository: changes without a new version, lowered versions, earlier valid_from."""
    from generator.content.change_control import check_change_control

    history = ctx.history
    if history.warning:
        ctx.notes.append(history.warning)
    yield from check_change_control(ctx.project.routines, history, ctx.project.root, ctx.project.cache_dir)


CHECKS: list[tuple[str, Check]] = [
    ("duplicate-ids", check_duplicate_ids),
    ("references", check_references),
    ("selectors", check_selectors),
    ("people", check_people),
    ("people-file", check_people_file),
    ("validity", check_validity),
    ("expiry", check_expiry),
    ("links", check_links),
    ("stray-files", check_stray_files),
    ("offerings", check_offerings),
    ("review-marks", check_review_marks),
    ("change-control", check_changes),
]
"""The cross-file checks, in the order they run."""


def run_checks(project: Project, today: dt.date, *, skip: Iterable[str] = (),
               notes: list[Msg | str] | None = None, history: History | None = None) -> list[Diagnostic]:
    """Every diagnostic of the project: the loading stage's, then each check's; warnings about the
    run itself go to ``notes``; ``history`` saves reading it again when the caller has it."""
    ctx = Context(project, today, notes if notes is not None else [], history)
    skipped = set(skip)
    diagnostics = list(project.diagnostics)
    for name, check in CHECKS:
        if name not in skipped:
            diagnostics.extend(check(ctx))
    return diagnostics
