"""A large build shares its pages out (:mod:`generator.handbook.page_shares`): the build's own
process and a forked worker plan, digest and render them in turns. The site is byte for byte the
one a single process makes, every page once; a worker's failure stops the build cleanly."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bench.corpus import generate
from generator.content.body_spill import close_spills
from generator.content.markdown import render_fast
from generator.content.project import load_project, loaded_html, read_body
from generator.core.errors import GeneratorError
from generator.handbook.build import build_site
from generator.handbook.manifest import MANIFEST
from generator.handbook.page_shares import BATCH, PARALLEL_PAGES

DAY = dt.date(2026, 11, 22)
COUNT = PARALLEL_PAGES + 2 * BATCH + 17  # over the threshold, and a last batch that is not full


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("shares") / "root", COUNT)


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in path.rglob("*") if p.is_file()}


def test_two_processes_build_what_one_builds(corpus: Path, tmp_path: Path) -> None:
    one = build_site(corpus, tmp_path / "one", DAY, cache_dir=tmp_path / "c1", jobs=1, search=False)
    two = build_site(corpus, tmp_path / "two", DAY, cache_dir=tmp_path / "c2", jobs=2, search=False)
    assert two.pages == one.pages == two.rendered == two.planned > COUNT
    assert _tree(tmp_path / "one") == _tree(tmp_path / "two")  # the manifest too: every page once
    manifest = json.loads((tmp_path / "two" / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["routine_pages"]) == COUNT


def test_a_shared_rebuild_renders_only_what_changed(corpus: Path, tmp_path: Path) -> None:
    root, out, cache = tmp_path / "root", tmp_path / "site", tmp_path / "cache"
    shutil.copytree(corpus, root)
    build_site(root, out, DAY, cache_dir=cache, jobs=2, search=False)
    before = _tree(out)
    (root / "routines" / "anteckningar.txt").write_text("Inte en rutin.\n", encoding="utf-8")
    first = min(root.glob("routines/**/r*.md"))
    first.write_text(first.read_text(encoding="utf-8") + "\nEtt nytt stycke.\n", encoding="utf-8")
    again = build_site(root, out, DAY, cache_dir=cache, jobs=2, search=False)
    assert again.planned == again.pages  # a file beside the routines: every page planned, in shares
    after = _tree(out)
    changed = {p for p in after if p != MANIFEST and before.get(p) != after[p]}
    assert f"rutiner/{first.stem.replace('r', 'SYN-')}.html" in changed
    assert again.rendered == len(changed) < 10  # the edited routine's page and what shows its text, no more
    clean = build_site(root, tmp_path / "clean", DAY, cache_dir=tmp_path / "cache2", jobs=1, search=False)
    assert clean.pages == again.pages
    assert _tree(out) == _tree(tmp_path / "clean")


def test_a_template_failing_in_a_worker_stops_the_build_and_keeps_the_site(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(corpus, out, DAY, cache_dir=tmp_path / "cache", jobs=2, search=False)
    before = _tree(out)
    root = tmp_path / "root"
    shutil.copytree(corpus, root)
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    # Fails on the first routine's page (the first batch, which the worker takes while the build's
    # own process plans the pages made of many routines) and on the last one's.
    first, last = "SYN-00000.html", f"SYN-{COUNT - 1:05d}.html"
    (templates / "routine.html").write_text(
        '{% extends "base.html" %}{% block main %}'
        f'{{% if routine.url.endswith("{first}") or routine.url.endswith("{last}") %}}{{{{ routine.missing.deeper }}}}'
        "{% endif %}{{ body }}{% endblock %}", encoding="utf-8")
    with pytest.raises(GeneratorError) as raised:
        build_site(root, out, DAY, cache_dir=tmp_path / "cache2", jobs=2, search=False)
    assert "site/templates/routine.html:1" in str(raised.value)
    assert _tree(out) == before
    assert not list(tmp_path.glob(".site.tmp-*"))


def test_bodies_from_the_load_are_the_bodies_rendered_again(corpus: Path, tmp_path: Path) -> None:
    """A cold build takes each body's HTML from the scan that found its links (spilled to a
    folder of the build's by the processes that analyse the files); a build whose routines all
    come from the cache renders the bodies again: the same site."""
    spill = tmp_path / "spill"
    spill.mkdir()
    project = load_project(corpus, jobs=2, spill_to=str(spill))
    assert len(project.bodies) == COUNT and len(list(spill.iterdir())) == 2  # a file per analysing process
    for routine in project.routines[:: COUNT // 7]:
        assert loaded_html(project, routine.file) == render_fast(read_body(project, routine.file))
    cold = build_site(corpus, tmp_path / "cold", DAY, cache_dir=tmp_path / "cache", jobs=2, search=False)
    cached = build_site(corpus, tmp_path / "cached", DAY, cache_dir=tmp_path / "cache", jobs=2, search=False)
    assert cached.rendered == cold.rendered  # a new output folder: every page rendered again
    assert _tree(tmp_path / "cold") == _tree(tmp_path / "cached")
    assert cold.loaded is not None and not cold.loaded[0].bodies  # the folder went with the build


def test_a_body_whose_spill_is_gone_is_rendered_again(corpus: Path, tmp_path: Path) -> None:
    spill = tmp_path / "spill"
    spill.mkdir()
    project = load_project(corpus, jobs=1, spill_to=str(spill))
    file = project.routines[0].file
    close_spills(str(spill))
    shutil.rmtree(spill)
    assert loaded_html(project, file) is None
