"""No English on the Swedish handbook (issue 14): every page of a Swedish site, with findings of
every common kind on it, the Svarstider and Bemanning pages, reads in Swedish (WCAG 3.1.2: the
pages say ``lang="sv"``); only proper names, ids and codes (in ``<code>``) may be in another
language."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_demo, run

_ENGLISH_WORDS = """
an the and or but not no yes of to is are was were be been has have had does do did will would
should must can could may this that these those which who whose with without within from into for
by on at as if than then there here when where what why how any every each some none only also
please give write remove add use found expected missing unknown required invalid wrong error errors
warning warnings field fields value values link links placeholder address page pages file files
line lines rule rules routine routines unit units role roles case cases owner owners reviewer
approver valid validity expired expires expiring withdrawn draft before after days day weeks week
true false offer offers offering required until since date dates number text list empty duplicate
same other another instead again revise review reviewed approved search results result
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
"""English words that are not also Swedish ones (so no "in", "per", "under", "dag")."""

ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "content", "value")


class _Words(HTMLParser):
    """The words of a page a person reads: text outside code, scripts and styles, and the
    attributes that are read aloud or shown."""

    SKIP = frozenset({"code", "script", "style", "pre", "kbd", "samp"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        names = dict(attrs)
        if tag == "meta" and names.get("name") not in ("description",):
            return
        for name in ATTRIBUTES:
            if names.get(name) and not (tag == "input" and name == "value"):
                self._add(names[name] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self._add(data)

    def _add(self, text: str) -> None:
        text = re.sub(r"https?://\S+|\S+\.(?:md|yaml|toml|html|csv)\b|'[^']*'|\"[^\"]*\"", " ", text)
        self.words += [w for w in re.findall(r"[\w-]+", text) if not any(c.isdigit() for c in w)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("sv")
    root = copy_demo(tmp)
    routine = root / "routines" / "su-ogon" / "1177-e-tjanster-ogonmottagningen.md"
    text = routine.read_text(encoding="utf-8").replace("applies_to: [su-ogon-mott]", "applies_to: [su-ogon-mot]")
    text = re.sub(r"^version: .*$", "version: ett", text, count=1, flags=re.MULTILINE)
    routine.write_text(text + "\n[Trasig länk](finns-inte.md)\n", encoding="utf-8")
    out = tmp / "site"
    built = run("build", "--root", str(root), "--out", str(out), "--today", "2027-03-12", "--no-search",
                "--cases", str(REPO / "examples" / "cases-demo.csv"), "--now", "2026-04-20T12:00:00+02:00",
                "--roster", str(REPO / "examples" / "roster-demo.yaml"), "--roster-from", "2026-06-08",
                "--roster-to", "2026-07-03", "--lang", "en")  # the site's language is the content's, not the CLI's
    assert built.code == 0, built.err
    return out


def test_every_page_of_the_swedish_site_reads_in_swedish(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    english: dict[str, list[str]] = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<html lang="sv"' in text, page
        parser = _Words()
        parser.feed(text)
        found = sorted({w for w in parser.words if w.lower() in ENGLISH})
        if found:
            english[str(page.relative_to(site))] = found
    assert english == {}


def test_the_findings_on_the_site_are_the_broken_routines(site: Path) -> None:
    findings = next(p for p in site.rglob("*.html") if "Fynd" in p.read_text(encoding="utf-8")
                    and "Okänd enhet" in p.read_text(encoding="utf-8"))
    assert "finns-inte.md" in findings.read_text(encoding="utf-8")
