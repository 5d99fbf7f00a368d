"""The handbook's pages as plain data: one :class:`Page` per file, its context JSON-able.

Contexts hold only what the page shows, so a digest of the context (with the templates')
tells whether a page must be rendered again; every collection is sorted, so output is
byte-stable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.content.attachments import Attachments
from generator.content.history import History
from generator.content.project import Project
from generator.core.diagnostics import Diagnostic, counts
from generator.core.messages import labels, messages
from generator.core.model import Person, Routine
from generator.core.obligations import Resolver, UnitObligations
from generator.core.rules_text import (
    Wording,
    attribute_label,
    deadline_short,
    recurring_text,
    role_requirement,
    rules_texts,
    wording_of,
)
from generator.handbook import index_pages
from generator.handbook.approval_history import approvals_by_file
from generator.handbook.page_names import SAFE_SLUG, page_slugs

INHERITED_LIST_LIMIT = 100
"""Inherited routines from one ancestor are listed one by one up to this many, then summarised."""
RECENT = 10


@dataclass
class Page:
    """One output file."""

    path: str
    """Root-relative output path, such as ``rutiner/SU9771-677637494-103.html``."""
    template: str
    context: dict[str, Any]
    body_file: str | None = None
    """For a routine page: the routine file whose body is rendered into it."""
    rows: str | None = None
    """A macro of ``macros.html`` that renders one item of the context's ``routines``: the
    template has it as ``row(item)``, each item's row made once for every page of a turn that
    shows it (Alla rutiner in its three orders)."""


@dataclass
class SitePlan:
    """Every page, and the non-routine files that routines link to (copied into ``filer/``)."""

    pages: list[Page] = field(default_factory=list)
    link_maps: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per routine file: relative link URL -> root-relative site path it becomes."""
    linked_by_file: dict[str, list[str]] = field(default_factory=dict)
    """Per routine file planned: the files its links publish."""


def validity(routine: Routine, today: dt.date, warn_days: int) -> tuple[str, int | None]:
    """(status, days left): ``withdrawn``, ``draft``, ``expired``, ``expiring``, ``future`` or ``valid``."""
    if routine.status in ("withdrawn", "draft"):
        return routine.status, None
    if routine.valid_to is None:
        return "valid", None
    days = (routine.valid_to - today).days
    if days < 0:
        return "expired", days
    if routine.valid_from is not None and routine.valid_from > today:
        return "future", days
    return ("expiring" if days <= warn_days else "valid"), days


class Planner:
    """What pages are made of. With ``files`` and without ``aggregates`` (the pages of a few
    routines alone: ``serve``'s quick page, a one-edit build's first part), only those files'
    approvals and findings are gathered, and the obligations of units are not resolved."""

    def __init__(self, project: Project, diagnostics: list[Diagnostic], history: History,
                 today: dt.date, files: set[str] | None = None, aggregates: bool = True,
                 slugs: dict[str, str] | None = None) -> None:
        only = files if files is not None and not aggregates else None
        self.project = project
        self.diagnostics = diagnostics
        self.history = history
        self.approvals = approvals_by_file(project, history, only)
        self.today = today
        self.config = project.config
        self.catalog = project.catalog
        self.org = project.organisation
        self.language = self.config.language
        self.wording = _wording(project)
        self.resolver = Resolver(project.routines, self.org, self.catalog) if only is None else None
        self.slugs = slugs if slugs is not None else page_slugs(project.routines)
        self.by_file = {r.file: r for r in project.routines}
        self.attachments = Attachments(project.root, project.config)
        self.labels = labels(self.language)
        self._published: dict[str, bool] = {}
        self._summaries: dict[str, dict[str, Any]] = {}
        self.findings: dict[str, list[dict[str, Any]]] = {}
        told = messages(self.config.language)
        for d in diagnostics if only is None else (d for d in diagnostics if d.file in only):
            self.findings.setdefault(d.file, []).append(
                {"line": d.line, "severity": d.severity, "code": d.code, "message": _sentence(d.text(told))})
        self.site = {"title": self.config.title, "language": self.config.language,
                     "base_url": self.config.base_url, "today": today.isoformat(),
                     "warn_days": self.config.warn_within_days, "has_cases": False,
                     "has_staffing": False}

    # -- small views shared by pages

    def routine_url(self, routine: Routine) -> str:
        return f"rutiner/{self.slugs[routine.file]}.html"

    def unit_ref(self, unit_id: str) -> dict[str, Any]:
        unit = self.org.units.get(unit_id)
        if unit is None:
            return {"id": unit_id, "name": unit_id, "url": None}
        return {"id": unit.id, "name": unit.name, "url": f"enheter/{unit.id}.html"}

    def person(self, person: Person | None, owner: bool = False) -> dict[str, Any] | None:
        if person is None:
            return None
        url = f"agare/{person.id}.html" if owner and person.id and SAFE_SLUG.match(person.id) else None
        return {"name": person.name, "id": person.id, "title": person.title, "url": url}

    def summary(self, routine: Routine) -> dict[str, Any]:
        """The routine as lists show it (memoised: unit pages show the same routines again and again)."""
        known = self._summaries.get(routine.file)
        if known is None:
            known = self._summaries[routine.file] = self._summary(routine)
        return known

    def _summary(self, routine: Routine) -> dict[str, Any]:
        status, days = validity(routine, self.today, self.config.warn_within_days)
        valid_to, valid_from = (d.isoformat() if d else None for d in (routine.valid_to, routine.valid_from))
        return {"id": routine.label, "title": routine.title, "url": self.routine_url(routine),
                "status": status, "days_left": days, "valid_to": valid_to, "valid_from": valid_from,
                "badge": self._badge(status, valid_to, valid_from)}

    def _badge(self, status: str, valid_to: str | None, valid_from: str | None) -> str:
        """The badge macro's words (macros.html): made once per routine, not wherever it is listed."""
        if status in ("valid", "expiring", "expired") and valid_to:
            return str(self.labels["badge_" + status]).format(date=valid_to)
        if status == "future" and valid_from:
            return str(self.labels["badge_future"]).format(date=valid_from)
        return str(self.labels["status_" + status])

    def role_ref(self, role_id: str) -> dict[str, Any]:
        known = role_id in self.catalog.roles
        return {"id": role_id, "name": self.catalog.roles.name(role_id),
                "url": f"roller/{role_id}.html" if known else None}

    # -- pages

    def routine_page(self, routine: Routine) -> Page:
        lang = self.config.language
        rules = routine.rules
        sentences = rules_texts(rules, self.catalog, lang, responsibilities=False, wording=self.wording)
        responsibilities = [{"role": self.role_ref(r.role), "duties": list(r.duties)}
                            for r in rules.responsibilities]
        related = []
        for link in routine.links:
            if link.in_body:
                continue  # body links are rewritten in the body itself
            href = None
            if link.kind == "external":
                href = link.url
            elif link.kind == "relative" and link.target is not None:
                href = self._site_path_of(link.target)
            related.append({"title": link.text, "href": href, "url": link.url,
                            "external": link.kind == "external"})
        findings = self.findings.get(routine.file, [])
        context = {
            "site": self.site, "kind": "routine", "routine": self.summary(routine),
            "type": routine.type, "version": routine.version,
            "applies_to": [self.unit_ref(u) for u in routine.applies_to],
            "owner": self.person(routine.owner, owner=True), "approver": self.person(routine.approver),
            "reviewers": [self.person(p) for p in routine.reviewers],
            "content_reviewers": [self.person(p) for p in routine.content_reviewers],
            "revision_note": routine.revision_note, "rules": sentences,
            "responsibilities": responsibilities, "related": related,
            "history": [c.to_json() for c in self.history.commits(routine.file)],
            "history_available": self.history.available, "findings": findings,
            "approvals": self.approvals.get(routine.file, []),
            "searchable": routine.published, "file": routine.file, "tags": list(routine.tags),
            "units_data": " ".join(routine.applies_to), "roles_data": " ".join(index_pages.named_roles(routine)),
        }
        return Page(self.routine_url(routine), "routine.html", context, body_file=routine.file)

    def _site_path_of(self, target: str) -> str | None:
        """The routine page or the ``filer/`` copy a link target becomes; None for a file that is
        not published (hidden, outside ``routines/``, of a kind not allowed: see ``private-link``)."""
        linked = self.by_file.get(target.split("#")[0])
        if linked is not None:
            return self.routine_url(linked)
        if target not in self._published:
            self._published[target] = self.attachments.refusal(target) is None
        return "filer/" + target if self._published[target] else None

    def link_map(self, routine: Routine) -> dict[str, str]:
        """Relative body links of a routine and the site paths they become."""
        result = {}
        for link in routine.links:
            if not link.in_body or link.kind != "relative" or link.target is None:
                continue
            fragment = link.url.split("#", 1)[1] if "#" in link.url else ""
            path = self._site_path_of(link.target)
            if path is None:
                continue
            result[link.url] = path + (f"#{fragment}" if fragment and path.startswith("filer/") else "")
        return result

    def unit_page(self, unit_id: str, obligations: UnitObligations) -> Page:
        unit = self.org.units[unit_id]
        direct = [self.summary(a.routine) for a in obligations.routines if not a.inherited]
        groups: dict[str, list[Routine]] = {}
        for applied in obligations.routines:
            if applied.inherited:
                groups.setdefault(applied.via, []).append(applied.routine)
        inherited = []
        for via in self.org.ancestors(unit_id):
            routines = groups.get(via, [])
            if routines:
                shown = sorted((self.summary(r) for r in routines), key=lambda s: s["title"])
                inherited.append({"unit": self.unit_ref(via), "count": len(shown),
                                  "routines": shown if len(shown) <= INHERITED_LIST_LIMIT else []})
        context = {
            "site": self.site, "kind": "unit",
            "unit": {**self.unit_ref(unit_id), "kind": unit.kind,
                     "lineage_data": " ".join(self.org.lineage(unit_id)),
                     "attrs": sorted(attribute_label(k, v, self.language, self.wording) for k, v in unit.attrs.items()
                                     if k not in ("id", "name", "kind", "parent"))},
            "parent": self.unit_ref(unit.parent) if unit.parent in self.org.units else None,
            "lineage": [self.unit_ref(u) for u in reversed(self.org.ancestors(unit_id))],
            "children": [self.unit_ref(c) for c in sorted(self.org.children.get(unit_id, []))],
            "direct": sorted(direct, key=lambda s: s["title"]), "inherited": inherited,
            **self._obligations_view(obligations),
        }
        return Page(f"enheter/{unit_id}.html", "unit.html", context)

    def _rule_source(self, file: str, rule: str) -> dict[str, Any]:
        return {"routine": self.summary(self.by_file[file]), "rule": rule}

    def _obligations_view(self, ob: UnitObligations) -> dict[str, Any]:
        lang = self.config.language
        groups: dict[tuple[tuple[str, str], ...], dict[str, Any]] = {}
        for case_type, rules in ob.deadlines.items():
            key = tuple((t.file, t.rule) for _, t in rules)
            group = groups.setdefault(key, {"case_types": [], "rules": [
                {"text": deadline_short(d, lang), **self._rule_source(t.file, t.rule)} for d, t in rules]})
            group["case_types"].append(self.catalog.case_types.name(case_type))
        for group in groups.values():
            group["case_types"].sort()
        deadlines = sorted(groups.values(), key=lambda g: g["case_types"][0])
        roles = [{"role": self.role_ref(r.role), "text": role_requirement(r, lang, self.wording),
                  **self._rule_source(t.file, t.rule)} for r, t in ob.roles]
        missing = ob.missing
        services = []
        for need in ob.required:
            services.append({"names": [self.catalog.case_types.name(c) for c in need.alternatives],
                             "declared": need not in missing, **self._rule_source(need.trace.file, need.trace.rule)})
        required_ids = {c for need in ob.required for c in need.alternatives}
        extra = sorted(self.catalog.case_types.name(c) for c in ob.declared if c not in required_ids)
        recurring = [{"text": recurring_text(r, self.catalog, lang), **self._rule_source(t.file, t.rule)}
                     for r, t in ob.recurring]
        return {"deadlines": deadlines, "roles": roles, "services": services,
                "extra_services": extra, "recurring": recurring}

    def owner_pages(self) -> list[Page]:
        owned: dict[str, list[Routine]] = {}
        for routine in self.project.routines:
            owner = routine.owner
            if owner is not None and owner.id and SAFE_SLUG.match(owner.id):
                owned.setdefault(owner.id, []).append(routine)
        pages = []
        for owner_id in sorted(owned):
            routines = sorted(owned[owner_id], key=lambda r: (r.valid_to or dt.date.max, r.title))
            person = routines[0].owner
            context = {"site": self.site, "kind": "owner", "person": self.person(person),
                       "routines": [self.summary(r) for r in routines]}
            pages.append(Page(f"agare/{owner_id}.html", "owner.html", context))
        return pages

    def list_pages(self) -> list[Page]:
        summaries = [(r, self.summary(r)) for r in self.project.routines]
        expiring = sorted(({**s, "owner": self.person(r.owner, owner=True)} for r, s in summaries
                           if s["status"] in ("expired", "expiring")),
                          key=lambda s: (s["valid_to"] or "", s["title"]))
        withdrawn = sorted((s for _, s in summaries if s["status"] == "withdrawn"), key=lambda s: s["title"])
        findings = [{"file": f, "url": self.routine_url(self.by_file[f]) if f in self.by_file else None,
                     "entries": entries} for f, entries in sorted(self.findings.items())]
        return [
            Page("utgar.html", "expiring.html", {"site": self.site, "kind": "expiring", "routines": expiring}),
            Page("fynd.html", "findings.html", {"site": self.site, "kind": "findings", "files": findings,
                                                      "counts": counts(self.diagnostics)}),
            Page("upphavda.html", "withdrawn.html", {"site": self.site, "kind": "withdrawn",
                                                           "routines": withdrawn}),
        ]

    def start_page(self, direct_counts: Mapping[str, int], mine: dict[str, Any]) -> Page:
        statuses = [self.summary(r)["status"] for r in self.project.routines]
        tally = {s: statuses.count(s) for s in ("valid", "expiring", "expired", "future", "draft", "withdrawn")}
        context = {"site": self.site, "kind": "start", "tally": tally,
                   "published": sum(1 for r in self.project.routines if r.published),
                   "findings": counts(self.diagnostics), "tree_nodes": self._tree(direct_counts),
                   "recent": self._recent(), "mine": mine}
        return Page("index.html", "index.html", context)

    def _tree(self, direct_counts: Mapping[str, int]) -> list[dict[str, Any]]:
        def node(unit_id: str) -> dict[str, Any]:
            return {**self.unit_ref(unit_id), "count": direct_counts.get(unit_id, 0),
                    "children": [node(c) for c in sorted(self.org.children.get(unit_id, []))]}
        return [node(root) for root in self.org.roots()]

    def _recent(self) -> list[dict[str, Any]]:
        published = [r for r in self.project.routines if r.status != "withdrawn"]
        if self.history.available and self.history.by_file:
            dated = [(self.history.commits(r.file)[0].date, r) for r in published if self.history.commits(r.file)]
        else:
            dated = [(r.valid_from.isoformat(), r) for r in published if r.valid_from]
        dated.sort(key=lambda pair: (pair[0], pair[1].title), reverse=True)
        return [{**self.summary(r), "changed": date} for date, r in dated[:RECENT]]


def _wording(project: Project) -> Wording:
    """The organisation's own words for what rules select on (``wording:`` in organisation.yaml)."""
    return wording_of({"wording": project.organisation.wording}, project.organisation)


def _sentence(text: str) -> str:
    """A finding as the site's tables show it: a sentence, capitalised (the CLI keeps the
    lower-case ``path:line: varning[code] meddelande`` form)."""
    return text[:1].upper() + text[1:]
