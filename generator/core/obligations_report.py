"""``routines obligations``: a unit's derived obligations as JSON or text."""

from __future__ import annotations

from typing import Any

from generator.core.catalog import Catalog
from generator.core.messages import messages
from generator.core.obligations import UnitObligations


def to_json(ob: UnitObligations, catalog: Catalog) -> dict[str, Any]:
    """The JSON shape of one unit's obligations (documented in the README)."""
    unit = ob.unit
    return {
        "unit": {"id": unit.id, "name": unit.name, "kind": unit.kind},
        "routines": [{"id": a.routine.label, "title": a.routine.title, "file": a.routine.file,
                      "via": a.via, "inherited": a.inherited} for a in ob.routines],
        "deadlines": [
            {"case_type": ct, "name": catalog.case_types.name(ct),
             "rules": [{**t.to_json(), "within_vardagar": d.within_vardagar,
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


_EVERY = {"day": "varje dag", "week": "varje vecka", "month": "varje månad", "year": "varje år"}


def to_text(ob: UnitObligations, catalog: Catalog) -> str:
    """A readable summary of one unit's obligations."""
    unit = ob.unit
    out = [f"{unit.name} ({unit.id}, {unit.kind})"]
    out.append("  Routines:")
    for a in ob.routines:
        how = f"inherited from {a.via}" if a.inherited else "applies directly"
        out.append(f"    {a.routine.label}  {a.routine.title}  ({how})")
    if ob.deadlines:
        out.append("  Deadlines:")
        for ct, rules in sorted(ob.deadlines.items()):
            parts = [f"{messages('sv').n('vardag', d.within_vardagar)}"
                     f"{', delsvar counts' if d.partial_answer_counts else ''}"
                     f" [{t.routine}#{t.rule}]" for d, t in rules]
            out.append(f"    {catalog.case_types.name(ct)}: " + "; ".join(parts))
    if ob.roles:
        out.append("  Roles:")
        for r, t in ob.roles:
            cover = (f", cover absences over {r.cover_absence_over_arbetsdagar} arbetsdagar from "
                     f"{' then '.join(r.cover_from)}" if r.cover_absence_over_arbetsdagar is not None else "")
            out.append(f"    {catalog.roles.name(r.role)}: at least {r.min}{cover} [{t.routine}#{t.rule}]")
    if ob.required or ob.declared:
        out.append("  Services:")
        out.append("    declared: " + (", ".join(catalog.case_types.name(c) for c in sorted(ob.declared)) or "none"))
        missing = ob.missing
        for need in ob.required:
            names = " or ".join(catalog.case_types.name(c) for c in need.alternatives)
            state = "MISSING" if need in missing else "ok"
            out.append(f"    required: {names} [{need.trace.routine}#{need.trace.rule}] {state}")
    if ob.recurring:
        out.append("  Recurring tasks:")
        for task, t in ob.recurring:
            out.append(f"    {catalog.roles.name(task.role)}, {_EVERY[task.every]}: {task.task} "
                       f"[{t.routine}#{t.rule}]")
    return "\n".join(out)
