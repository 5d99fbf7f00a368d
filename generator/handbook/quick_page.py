"""``routines serve``'s first answer to an edit: the edited routine's page, from the model kept
in memory, before the full rebuild.

When only the bodies of routines changed (their front matter read as before), the preview
reads each of those files again (the per-file stage), puts it into the kept project, plans that
routine's page alone (:func:`generator.handbook.site_pages.plan_site` with ``files``) and
renders it with the kept Jinja environment (templates compiled once), then renames it over the
served page. Its findings are the file's own, read now, and the cross-file findings of the last
build; the incremental build that follows at once settles everything else (and this page again
if a cross-file finding changed). Anything else changed: None, and only the rebuild runs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from pathlib import Path

from generator.content.cache import content_key
from generator.content.routine_file import analyse
from generator.content.textfile import MAX_ROUTINE_BYTES, TextProblem, decode, read_bytes
from generator.core.diagnostics import Diagnostic, sort_diagnostics
from generator.handbook.build import BuildResult
from generator.handbook.manifest import front_digest
from generator.handbook.page_writer import RenderJob, render_one
from generator.handbook.site_plan import plan_site


def quick_pages(last: BuildResult, out: Path, changed: set[str] | None, today: dt.date) -> list[str] | None:
    """Render the pages of the routines whose bodies alone changed (``changed``: absolute paths)
    into ``out``; the pages written, or None when this cannot answer for the change."""
    if last.loaded is None or not changed:
        return None
    project, history, env = last.loaded
    by_file = {f.file: f for f in project.files}
    files = {}
    for path in changed:
        rel = Path(os.path.relpath(path, project.root)).as_posix()
        old = by_file.get(rel)
        if old is None or old.data is None:
            return None
        data = read_bytes(project.root / rel, MAX_ROUTINE_BYTES)
        if isinstance(data, TextProblem):
            return None
        text = decode(data)
        if isinstance(text, TextProblem):
            return None
        new = analyse(rel, text)
        if new.data is None or front_digest(new) != front_digest(old):
            return None
        files[rel] = (new, content_key(rel, data))
    routines = {f: new.routine() for f, (new, _) in files.items()}
    project = dataclasses.replace(
        project, files=[files[f.file][0] if f.file in files else f for f in project.files],
        routines=[routines.get(r.file) or r for r in project.routines],
        content_keys={**project.content_keys, **{f: key for f, (_, key) in files.items()}})
    # the page shows its own findings alone: the file's, read now, and the cross-file ones of the last build
    diagnostics: list[Diagnostic] = [d for d in last.diagnostics
                                     if d.file in files and d not in by_file[d.file].diagnostics]
    diagnostics += [d for new, _ in files.values() for d in new.diagnostics]
    plan = plan_site(project, sort_diagnostics(diagnostics), history, today, files=set(files), aggregates=False,
                     slugs=last.slugs or None)
    with tempfile.TemporaryDirectory(prefix=f".{out.name}.quick-", dir=out.parent) as tmp:
        job = RenderJob(plan.pages, plan, project, env, Path(tmp))
        for index, page in enumerate(plan.pages):
            render_one(job, index)
            os.replace(Path(tmp) / page.path, out / page.path)
    return [page.path for page in plan.pages]
