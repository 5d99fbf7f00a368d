"""``routines obligations``: a unit's derived obligations as JSON or text."""

from __future__ import annotations

from typing import Any

from generator.core.catalog import Catalog
from generator.core.messages import Messages
from generator.core.obligations import UnitObligations
from generator.core.rules_text import deadline_short


def to_json(ob: UnitObligations, catalog: Catalog) -> dict[str, Any]:
    """The JSON shape of one unit's obligations (documented in the README)."""
    unit = ob.unit
    return {
        "unit": {"id": unit.id, "name": unit.name, "kind": unit.kind},
        "routines": [{"id": a.routine.label, "title": a.routine.title, "file": a.routine.file,
                      "via": a.via, "inherited": a.inherited} for a in ob.routines],
        "deadlines": [
            {"case_type": ct, "name": catalog.case_types.name(ct),
             "rules": [{**t.to_json(), d.key: d.within,
                        "partial_answer_counts": d.partial_answer_counts} for d, t in rules]}
            for ct, rules in sorted(ob.deadlines.items())],
        "roles": [{**t.to_json(), "role": r.role, "min": r.min,
                   "cover_absence_over_arbetsdagar": r.cover_absence_over_arbetsdagar,
                   "cover_from": list(r.cover_from)} for r, t in ob.roles],
        "services": {
            "required": [{**r.trace.to_json(), "any_of": list(r.alternatives)} for r in ob.required],
            "declared": [{"case_type": ct, "by": [t.to_json() for t in traces]}
                         for ct, traces in sorted(ob.declared.items())],
            "missing": [{**r.trace.to_json(), "any_of": list(r.alternatives)} for r in ob.missing],
        },
        "recurring": [{**t.to_json(), "role": r.role, "every": r.every, "task": r.task}
                      for r, t in ob.recurring],
        "responsibilities": [{**t.to_json(), "role": r.role, "duties": list(r.duties)}
                             for r, t in ob.responsibilities],
    }


def to_text(ob: UnitObligations, catalog: Catalog, t: Messages) -> str:
    """A readable summary of one unit's obligations, in ``t``'s language."""
    unit, w = ob.unit, t.section("rules")
    out = [f"{unit.name} ({unit.id}, {unit.kind})", t("obligations.routines")]
    for a in ob.routines:
        how = t("obligations.inherited", via=a.via) if a.inherited else t("obligations.direct")
        out.append(f"    {a.routine.label}  {a.routine.title}  ({how})")
    if ob.deadlines:
        out.append(t("obligations.deadlines"))
        for ct, rules in sorted(ob.deadlines.items()):
            parts = [f"{deadline_short(d, t.language)} [{r.routine}#{r.rule}]" for d, r in rules]
            out.append(f"    {catalog.case_types.name(ct)}: " + "; ".join(parts))
    if ob.roles:
        out.append(t("obligations.roles"))
        for role, r in ob.roles:
            line = f"    {catalog.roles.name(role.role)}: {w['at_least']} {role.min}"
            if role.cover_absence_over_arbetsdagar is not None:
                line += t("obligations.cover", days=t.n("arbetsdag", role.cover_absence_over_arbetsdagar),
                          places=f", {w['then']} ".join(w[f"from_{p}"] for p in role.cover_from))
            out.append(f"{line} [{r.routine}#{r.rule}]")
    if ob.required or ob.declared:
        out.append(t("obligations.services"))
        declared = ", ".join(catalog.case_types.name(c) for c in sorted(ob.declared))
        out.append(t("obligations.declared", services=declared or t("obligations.none")))
        missing = ob.missing
        for need in ob.required:
            names = f" {w['or']} ".join(catalog.case_types.name(c) for c in need.alternatives)
            state = t("obligations.missing") if need in missing else t("obligations.ok")
            out.append(t("obligations.required", services=names, source=f"{need.trace.routine}#{need.trace.rule}",
                         state=state))
    if ob.recurring:
        out.append(t("obligations.recurring"))
        for task, r in ob.recurring:
            out.append(f"    {catalog.roles.name(task.role)}, {t('obligations.every_' + task.every)}: {task.task} "
                       f"[{r.routine}#{r.rule}]")
    return "\n".join(out)
