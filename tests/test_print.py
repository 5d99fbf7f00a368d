"""A routine printed in the browser: every sheet carries the printed-copy notice, the document id
and version, and "sida x av y" (print.css: @page margin boxes, fed from data attributes on
<html>). Printed to PDF in Debian's chromium through Playwright, each sheet's text read with pypdf.

Set ROUTINES_SKIP_BROWSER=1 to skip these on a machine without chromium; CI installs it.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, TODAY, copy_demo, run

if os.environ.get("ROUTINES_SKIP_BROWSER"):
    pytest.skip("ROUTINES_SKIP_BROWSER is set", allow_module_level=True)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
SU = "SU9771-677637494-103"
BASE_URL = "https://rutiner.example.org/"

OPENING = '<html lang="{{ site.language }}" data-base="{{ base }}">'
SHEET = ('<html lang="{{ site.language }}" data-base="{{ base }}" data-sheet-copy="{{ t.print_copy }}" '
         'data-sheet-date="{{ site.today }}" data-sheet-current="{{ t.print_current }} '
         '{% if site.base_url %}{{ site.base_url.rstrip("/") }}/{{ path }}{% else %}{{ site.title }}: {{ path }}{% endif %}"'
         '{% if kind == "routine" %} data-sheet-document="{{ routine.id }} {{ t.version|lower }} {{ version or "" }}"{% endif %}'
         ' data-sheet-page="{{ t.print_page }}" data-sheet-of="{{ t.print_of }}">')
"""The markup print.css reads (see the README, "Print"): until the theme's base.html has it,
the test lays it into a copy of the theme in the content root's site/."""


def _theme_with_sheet(root: Path) -> None:
    base = (REPO / "site" / "templates" / "base.html").read_text(encoding="utf-8")
    if "data-sheet-current" in base:
        return  # the default theme has the markup: build with it as it is
    assert OPENING in base, "base.html's <html> tag changed: update SHEET here"
    templates = root / "site" / "templates"
    templates.mkdir(parents=True)
    (templates / "base.html").write_text(base.replace(OPENING, SHEET), encoding="utf-8")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[str]]:
    """The text of each sheet of the SU routine printed to PDF in chromium."""
    sync_api = pytest.importorskip("playwright.sync_api")
    pypdf = pytest.importorskip("pypdf")
    assert Path(CHROMIUM).exists(), "chromium is missing: apt-get install chromium (or set ROUTINES_SKIP_BROWSER=1)"
    tmp = tmp_path_factory.mktemp("print")
    root = copy_demo(tmp)
    (root / "routines.toml").write_text(f'title = "Rutinhandboken"\nbase_url = "{BASE_URL}"\n', encoding="utf-8")
    _theme_with_sheet(root)
    out = tmp / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", TODAY, "--no-search")
    assert result.code == 0, result.err
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            # A narrow page area makes the routine run over several sheets.
            page.goto((out / "rutiner" / f"{SU}.html").as_uri())
            page.add_style_tag(content="@page { size: A6; }")
            data = page.pdf(prefer_css_page_size=True)
        finally:
            browser.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    yield [" ".join(unicodedata.normalize("NFKC", sheet.extract_text()).split()) for sheet in reader.pages]


def _today() -> str:
    import datetime as dt

    return dt.date.today().isoformat()


def test_every_sheet_carries_the_notice_the_document_and_its_number(printed: list[str]) -> None:
    assert len(printed) >= 3
    address = f"{BASE_URL}rutiner/{SU}.html"
    for number, text in enumerate(printed, 1):
        # site.js sets the day of printing where the build's day stood
        assert re.search(rf"Utskriven kopia ({TODAY}|{_today()}) – gällande version finns på {re.escape(address)}",
                         text), (number, text)
        assert f"{SU} version 6.0" in text, (number, text)
        assert f"sida {number} av {len(printed)}" in text, (number, text)


def test_the_notice_is_printed_once_per_sheet_not_again_at_the_end(printed: list[str]) -> None:
    assert [text.count("Utskriven kopia") for text in printed] == [1] * len(printed)


def test_the_menu_and_the_history_are_not_printed(printed: list[str]) -> None:
    text = " ".join(printed)
    assert "Upphävda" not in text and "Versionshistorik" not in text

