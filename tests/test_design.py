"""The design of the handbook: [theme] in routines.toml (colour, logo), the favicon, the meta description,
and the colour tokens of style.css meeting WCAG AA."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.content.config import contrast_with_white, darker, load_config
from tests.conftest import REPO, TODAY, copy_demo, run

SU = "rutiner/SU9771-677637494-103.html"
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#fff"/></svg>'


def _build(root: Path) -> Path:
    out = root.parent / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err
    return out


def _check(root: Path) -> list[dict[str, object]]:
    diagnostics: list[dict[str, object]] = json.loads(
        run("check", "--root", str(root), "--today", TODAY, "--format", "json").out)["diagnostics"]
    return diagnostics


def test_every_page_has_a_favicon_a_description_and_the_header_search(tmp_path: Path) -> None:
    out = _build(copy_demo(tmp_path))
    assert (out / "assets/favicon.svg").read_text(encoding="utf-8").startswith("<svg")
    for page in [p for p in out.rglob("*.html") if "pagefind" not in p.parts]:
        text = page.read_text(encoding="utf-8")
        assert 'rel="icon"' in text and 'assets/favicon.svg"' in text, page
        assert re.search(r'<meta name="description" content="[^"]+">', text), page
        assert 'class="header-search search"' in text and 'name="q"' in text, page
        assert "--color-primary:" not in text  # no [theme]: style.css's own colours
        assert "<img" not in text.split("</header>")[0]


def test_theme_primary_and_logo_from_routines_toml(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "bilder").mkdir()
    (root / "bilder/logo.svg").write_text(LOGO, encoding="utf-8")
    (root / "routines.toml").write_text('title = "Region Demo"\n[theme]\nprimary = "#00594C"\nlogo = "bilder/logo.svg"\n',
                                        encoding="utf-8")
    assert [d for d in _check(root) if str(d["code"]).startswith("theme")] == []
    out = _build(root)
    assert (out / "assets/logo.svg").read_text(encoding="utf-8") == LOGO
    routine = (out / SU).read_text(encoding="utf-8")
    assert f"--color-primary: #00594c; --color-primary-dark: {darker('#00594c')};" in routine
    header = routine.split("</header>")[0]
    assert '<img src="../assets/logo.svg" alt="">' in header and "Region Demo" in header


def test_a_primary_colour_white_text_cannot_be_read_on_is_a_warning_and_the_default_is_used(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines.toml").write_text('[theme]\nprimary = "#ffdd00"\n', encoding="utf-8")
    found = [d for d in _check(root) if d["code"] == "theme-contrast"]
    assert len(found) == 1 and found[0]["severity"] == "warning" and found[0]["line"] == 2
    assert "#ffdd00" in str(found[0]["message"]) and "4.5:1" in str(found[0]["message"])
    config, _ = load_config(root)
    assert config.theme_primary is None
    assert "--color-primary:" not in (_build(root) / "index.html").read_text(encoding="utf-8")


def test_a_logo_that_could_run_script_or_lies_outside_the_root_is_refused(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', encoding="utf-8")
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "link.png").symlink_to(tmp_path / "outside.png")
    for logo, words in (("bad.svg", "script"), ("link.png", "outside"), ("saknas.png", "")):
        (root / "routines.toml").write_text(f'[theme]\nlogo = "{logo}"\n', encoding="utf-8")
        found = [d for d in _check(root) if d["code"] == "theme-logo"]
        assert len(found) == 1 and words in str(found[0]["message"]), (logo, found)
        assert load_config(root)[0].theme_logo is None
    out = _build(root)
    assert not list((out / "assets").glob("logo.*"))
    for logo in ("../x.svg", "/etc/x.png", ".hidden/x.svg", "logo.gif"):
        (root / "routines.toml").write_text(f'[theme]\nlogo = "{logo}"\n', encoding="utf-8")
        assert any(d["code"] == "schema" for d in _check(root)), logo


def test_the_colour_tokens_meet_wcag_aa() -> None:
    css = (REPO / "site/static/style.css").read_text(encoding="utf-8")
    tokens = dict(re.findall(r"--(color-[a-z-]+):\s*(#[0-9a-f]{6})", css))

    def luminance(colour: str) -> float:
        return 1.05 / contrast_with_white(colour) - 0.05

    def ratio(a: str, b: str) -> float:
        la, lb = sorted((luminance(tokens[a]), luminance(tokens[b])), reverse=True)
        return (la + 0.05) / (lb + 0.05)

    pairs = [("color-text", "color-bg"), ("color-text-secondary", "color-bg"), ("color-text-secondary", "color-surface"),
             ("color-link", "color-bg"), ("color-link", "color-surface"), ("color-link-visited", "color-bg"),
             ("color-on-primary", "color-primary"), ("color-on-primary", "color-primary-dark"),
             ("color-focus-text", "color-focus")]
    pairs += [(f"color-{k}", f"color-{k}-bg") for k in ("ok", "warn", "bad", "info", "off")]
    low = {(a, b): round(ratio(a, b), 2) for a, b in pairs if ratio(a, b) < 4.5}
    assert low == {}
    assert ratio("color-border-strong", "color-bg") >= 3
