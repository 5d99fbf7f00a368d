"""The build's manifest (issue 19, item 2): after a change, only the pages whose inputs changed
are planned, only changed files are written into the previous tree, and the tree is byte for
byte what a clean build makes, whatever kind of change it was."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from generator.handbook.build import BuildResult, build_site
from generator.handbook.manifest import MANIFEST
from tests.conftest import TODAY, copy_demo

DAY = dt.date.fromisoformat(TODAY)
OGON = "routines/su-ogon/1177-e-tjanster-ogonmottagningen.md"
OGON_PAGE = "rutiner/DEMO-OGON-1177.html"


def _build(root: Path, out: Path, cache: Path | None, day: dt.date = DAY) -> BuildResult:
    return build_site(root, out, day, cache_dir=cache, jobs=1, search=False)


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*")
            if p.is_file() and p.name != MANIFEST}


def _same_as_clean(root: Path, out: Path, tmp_path: Path, day: dt.date = DAY) -> None:
    clean = tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}"
    _build(root, clean, None, day)
    assert _tree(out) == _tree(clean)
    # the manifests agree on every page too (the next build starts from the right digests)
    assert (out / MANIFEST).read_bytes() == (clean / MANIFEST).read_bytes()


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_body_edit_plans_and_writes_one_page_in_place(tmp_path: Path) -> None:
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    first = _build(root, out, cache)
    assert first.planned == first.pages == first.rendered and not first.in_place
    inodes = {p: os.stat(out / p).st_ino for p in ("index.html", "enheter.html", "rutiner.html")}
    nothing = _build(root, out, cache)
    assert (nothing.planned, nothing.rendered, nothing.reused) == (0, 0, first.pages)
    _edit(root, OGON, "## Syfte", "## Syfte\n\nEn mening som bara står i brödtexten.\n")
    body = _build(root, out, cache)
    assert (body.planned, body.rendered, body.pages) == (1, 1, first.pages) and body.in_place
    assert "En mening som bara står i brödtexten." in (out / OGON_PAGE).read_text(encoding="utf-8")
    # nothing else was written again: the unchanged pages are the same files as before
    assert {p: os.stat(out / p).st_ino for p in inodes} == inodes
    _same_as_clean(root, out, tmp_path)


def test_a_front_matter_edit_plans_the_pages_made_of_many_routines(tmp_path: Path) -> None:
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    first = _build(root, out, cache)
    _edit(root, OGON, "title: 1177 e-tjänster på Ögonmottagningen Mölndal", "title: Ögonmottagningens e-tjänster")
    front = _build(root, out, cache)
    routine_pages = sum(1 for _ in (out / "rutiner").glob("*.html"))
    assert front.planned == first.pages - routine_pages + 1, "the other routines' pages are not planned"
    assert 1 < front.rendered < first.pages
    assert "Ögonmottagningens e-tjänster" in (out / "rutiner.html").read_text(encoding="utf-8")
    _same_as_clean(root, out, tmp_path)


def test_a_new_routine_and_a_removed_one_plan_everything(tmp_path: Path) -> None:
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    first = _build(root, out, cache)
    text = (root / OGON).read_text(encoding="utf-8").replace("id: DEMO-OGON-1177", "id: DEMO-OGON-2")
    (root / "routines/su-ogon/andra.md").write_text(text, encoding="utf-8")
    added = _build(root, out, cache)
    assert added.planned == added.pages == first.pages + 1
    assert (out / "rutiner/DEMO-OGON-2.html").is_file()
    _same_as_clean(root, out, tmp_path)
    (root / "routines/su-ogon/andra.md").unlink()
    removed = _build(root, out, cache)
    assert removed.pages == first.pages and not (out / "rutiner/DEMO-OGON-2.html").exists()
    _same_as_clean(root, out, tmp_path)


def test_a_linked_file_appears_and_goes_with_its_link(tmp_path: Path) -> None:
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    _build(root, out, cache)
    (root / "routines/su-ogon/blankett.pdf").write_bytes(b"%PDF-1.4\n% en blankett\n")
    _edit(root, OGON, "## Syfte", "## Syfte\n\nFyll i [blanketten](blankett.pdf).\n")
    _build(root, out, cache)
    assert (out / "filer/routines/su-ogon/blankett.pdf").read_bytes() == b"%PDF-1.4\n% en blankett\n"
    _same_as_clean(root, out, tmp_path)
    _edit(root, OGON, "Fyll i [blanketten](blankett.pdf).\n", "")
    _build(root, out, cache)
    assert not (out / "filer/routines/su-ogon/blankett.pdf").exists()
    _same_as_clean(root, out, tmp_path)


def test_global_inputs_plan_every_page(tmp_path: Path) -> None:
    """The organisation, a template of the root, and the day: each changes pages of every kind."""
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    first = _build(root, out, cache)
    _edit(root, "routines/organisation.yaml", "name: Ögonmottagningen", "name: Ögonmottagning Mölndal")
    unit = _build(root, out, cache)
    assert unit.planned == first.pages and unit.rendered > 1
    _same_as_clean(root, out, tmp_path)
    (root / "site/templates").mkdir(parents=True)
    (root / "site/templates/withdrawn.html").write_text(
        "{% extends 'base.html' %}{% block title %}X{% endblock %}{% block main %}<h1>Egen</h1>{% endblock %}")
    theme = _build(root, out, cache)
    assert theme.planned == first.pages and theme.rendered == first.pages
    _same_as_clean(root, out, tmp_path)
    later = DAY + dt.timedelta(days=800)
    moved = _build(root, out, cache, later)
    assert moved.planned == first.pages
    _same_as_clean(root, out, tmp_path, later)


def test_a_finding_about_another_file_changes_that_files_page(tmp_path: Path) -> None:
    """One routine takes another's id: both get a finding (duplicate-id), so the other
    routine's page changes too, though its own file did not."""
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    _build(root, out, cache)
    _edit(root, OGON, "id: DEMO-OGON-1177", "id: SU9771-677637494-103")
    _build(root, out, cache)
    # the other routine's page (named -2 now: the edited one sorts first and takes the name)
    assert "sev-error" in (out / "rutiner/SU9771-677637494-103-2.html").read_text(encoding="utf-8")
    _same_as_clean(root, out, tmp_path)
    _edit(root, OGON, "id: SU9771-677637494-103", "id: DEMO-OGON-1177")
    _build(root, out, cache)
    assert "sev-error" not in (out / "rutiner/SU9771-677637494-103.html").read_text(encoding="utf-8")
    assert not (out / "rutiner/SU9771-677637494-103-2.html").exists()
    _same_as_clean(root, out, tmp_path)


def test_an_old_manifest_without_inputs_plans_everything(tmp_path: Path) -> None:
    root, out, cache = copy_demo(tmp_path), tmp_path / "site", tmp_path / "cache"
    first = _build(root, out, cache)
    manifest = json.loads((out / MANIFEST).read_text())
    (out / MANIFEST).write_text(json.dumps({"generator": "routines", "pages": manifest["pages"]}))
    again = _build(root, out, cache)
    assert again.planned == first.pages and again.rendered == 0 and not again.in_place
    _same_as_clean(root, out, tmp_path)
