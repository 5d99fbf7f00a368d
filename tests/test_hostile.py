"""Hostile content builds into an inert site: no script but ours, no script-capable link, no leak."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import TODAY, run
from tests.hostile import PWN, hostile_root

_DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:text", "data:application")


class _Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") or "").endswith("assets/site.js"):
            self.problems.append(f"<script {values}>")
        if tag in ("iframe", "object", "embed", "svg", "math", "base"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name}={value!r} on <{tag}>")
            dangerous = value is not None and value.strip().lower().startswith(_DANGEROUS_SCHEMES)
            if name in ("href", "src", "action", "formaction") and dangerous:
                self.problems.append(f"{name}={value!r} on <{tag}>")


def test_hostile_content_builds_inert(tmp_path: Path) -> None:
    root = hostile_root(tmp_path)
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--format", "json")
    assert result.code == 0, result.err
    pages = list(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        if "pagefind" in page.parts:
            continue
        text = page.read_text(encoding="utf-8")
        audit = _Audit()
        audit.feed(text)
        assert audit.problems == [], (page, audit.problems)
        assert f"<script>{PWN}" not in text
    routine = (out / "rutiner/EVIL-1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in routine  # shown as text, not run
    assert not (out / "filer").exists() or not any((out / "filer").rglob("passwd"))
    assert not any(p.name == "secret.png" for p in out.rglob("*"))
    assert "root:" not in "".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()
                                  and p.suffix in (".html", ".png", ""))


def test_hostile_content_check_reports_without_crashing(tmp_path: Path) -> None:
    root = hostile_root(tmp_path)
    result = run("check", "--root", str(root), "--today", TODAY, "--format", "json")
    codes = {d["code"] for d in json.loads(result.out)["diagnostics"]}
    assert {"unsafe-link", "broken-link"} <= codes
    assert "Traceback" not in result.err


def test_pathological_markdown_builds_bounded(tmp_path: Path) -> None:
    """Huge numbers of headings, deep lists and quotes nested 100,000 deep (which crash the Rust
    parser) build in bounded time and size, and the site stays inert."""
    import time

    from tests.conftest import CASES, make_root

    root = make_root(tmp_path)
    template = (CASES / "valid/minimal/routines/a.md").read_text(encoding="utf-8")
    bodies = {
        "headings": "# Rubrik\n" * 20_000,
        "lists": "".join("  " * i + "- punkt\n" for i in range(5_000)),
        "quotes": "> " * 100_000 + "<script>window.__pwned=1</script>\n",
        "brackets": "[" * 50_000 + "x" + "]" * 50_000 + "\n",
    }
    for i, (name, body) in enumerate(bodies.items()):
        (root / f"routines/{name}.md").write_text(template.replace("T-1", f"T-{i}") + "\n" + body,
                                                  encoding="utf-8")
    out = tmp_path / "site"
    started = time.perf_counter()
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err
    assert time.perf_counter() - started < 60
    for page in (out / "rutiner").glob("*.html"):
        assert page.stat().st_size < 3_000_000
        audit = _Audit()
        audit.feed(page.read_text(encoding="utf-8"))
        assert audit.problems == []
