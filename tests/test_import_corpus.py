"""The import corpus (issue 17): invented routines in the layouts of other Swedish document systems
(the older SU Barium/Alfresco template, Landstinget Västernorrland, Region Östergötland, Region
Skåne, Region Jönköpings län's Evolution, municipal care), each imported against the corpus'
own organisation and catalog and compared with its golden files:

- ``NAME.expected.yaml``: the front matter the import writes (rules included),
- ``NAME.review.txt``: what the import says to review, in English.

``REGEN=1 .venv/bin/python -m pytest -q tests/test_import_corpus.py`` writes them again (read the
diff before committing it). No word of any document is lost: each is in the written routine,
in its front matter or its body.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.authoring.exporter import export_routines
from generator.authoring.import_labels import (
    FALLBACK_LABELS,
    INFO_HEADINGS,
    LABEL_OF,
    label_key,
    labels_of,
)
from generator.authoring.importer import (
    Imported,
    build_import,
    complete_root,
    import_files,
    write_imports,
)
from generator.content.frontmatter import split
from generator.content.project import load_project
from generator.content.yamlsafe import load_yaml
from generator.core.messages import messages
from tests.conftest import run

CORPUS = Path(__file__).resolve().parent / "import_corpus"
DOCUMENTS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and not p.name.endswith(".review.txt"))
REGEN = bool(os.environ.get("REGEN"))
EN = messages("en")
SU_LAYOUTS = ["su_barium_mall.txt", "su_barium_pdf.txt", "su_seed_layout.txt", "su_markdown_flera_personer.md"]
"""The SU layouts (the older Barium template, its PDF text, the seeds' export, Markdown): the
export round trip holds for them."""


def test_the_corpus_has_at_least_fifteen_documents_in_every_layout() -> None:
    assert len(DOCUMENTS) >= 15
    prefixes = {p.name.split("_")[0] for p in DOCUMENTS}
    assert {"su", "lvn", "rog", "rs", "rjl", "kommun"} <= prefixes
    assert all(name in {p.name for p in DOCUMENTS} for name in SU_LAYOUTS)


def _imported(source: Path, out: Path | None = None) -> Imported:
    project = load_project(CORPUS)
    [result] = import_files([source], CORPUS, project.organisation, project.catalog, out_dir=out)
    assert not result.error, EN.text(result.error)
    return result


def _front_matter(text: str) -> str:
    return text.split("\n---\n", 1)[0].removeprefix("---\n") + "\n"


def _review(result: Imported) -> str:
    return "".join(f"{f.where}:{f.line}: {EN.text(f.message)}\n" for f in result.findings)


def _golden(path: Path, actual: str) -> None:
    if REGEN:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"{path.name} is missing: run with REGEN=1"
    assert actual == path.read_text(encoding="utf-8"), f"{path.name} differs: run with REGEN=1 and read the diff"


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.name)
def test_each_document_gives_its_golden_front_matter_and_review(source: Path) -> None:
    result = _imported(source)
    _golden(CORPUS / f"{source.stem}.expected.yaml", _front_matter(result.text))
    _golden(CORPUS / f"{source.stem}.review.txt", _review(result))


# --- no word is lost ----------------------------------------------------------------------------

MONTHS = {"januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
          "augusti": 8, "aug": 8, "september": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
          "december": 12, "dec": 12}
WRITTEN_DATE = re.compile(r"(?:den\s+)?(\d{1,2})\s+(" + "|".join(MONTHS) + r")\.?\s+(\d{4})", re.IGNORECASE)
FIELD_LABELS = {label_key(label) for name in LABEL_OF for label in labels_of(name)} | {
    label_key(label) for labels in FALLBACK_LABELS.values() for label in labels} | {
    label_key(h) for h in INFO_HEADINGS}
"""The labels a field takes (the label becomes the field's key, so its words leave the text)."""


def _cells(line: str) -> Iterator[str]:
    for cell in re.split(r"\t| {2,}", line):
        yield from cell.split(" / ")


def _without_labels(line: str) -> str:
    """A line without the labels of fields that start it or its cells (what the import turns into
    front-matter keys), read here independently of the importer's layouts."""
    kept = []
    for cell in _cells(line):
        words = re.sub(r"[*#]", " ", cell).split()
        size = next((k for k in range(min(6, len(words)), 0, -1) if label_key(" ".join(words[:k])) in FIELD_LABELS), 0)
        kept.append(" ".join(words[size:]))
    return " ".join(kept)


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"\w+", text)}


def _iso(match: re.Match[str]) -> str:
    return f"{match[3]}-{MONTHS[match[2].casefold()]:02d}-{int(match[1]):02d}"


@pytest.mark.parametrize("source", DOCUMENTS, ids=lambda p: p.name)
def test_no_word_of_a_document_is_lost(source: Path) -> None:
    result = _imported(source)
    written = _words(result.text)
    text = source.read_text(encoding="utf-8")
    for match in WRITTEN_DATE.finditer(text):  # a date in words is written as YYYY-MM-DD
        assert _iso(match) in result.text
    text = WRITTEN_DATE.sub(_iso, text)
    organisation = load_project(CORPUS).organisation
    units = set()  # the names of the units Gäller för resolved to: written as their ids
    for unit in result.data.get("applies_to", []):
        if unit in organisation.units:
            units |= _words(" ".join([organisation.units[unit].name, *organisation.units[unit].aliases]))
    lost = {word for line in text.split("\n") for word in _words(_without_labels(line))} - written - units
    assert not lost, f"{source.name}: lost {sorted(lost)}"


# --- the export round trip ----------------------------------------------------------------------


@pytest.mark.parametrize("name", SU_LAYOUTS)
def test_the_export_round_trip_holds_for_the_su_layouts(name: str, tmp_path: Path) -> None:
    result = _imported(CORPUS / name, tmp_path)
    write_imports([result])
    complete_root(tmp_path, CORPUS)
    project = load_project(tmp_path)
    routines = {r.file: r for r in project.routines}
    [exported] = export_routines(sorted(routines), tmp_path, routines, project.organisation)
    assert not exported.error
    data, body, _ = build_import(exported.text, project.organisation, project.catalog)
    written = split(result.text)
    assert {k: v for k, v in data.items() if k != "rules"} == {
        k: v for k, v in load_yaml(written.front_matter).data.items() if k != "rules"}
    assert body.strip() == written.body.strip()


# --- the proposed rules pass check ----------------------------------------------------------------


def test_the_proposed_rules_of_the_whole_corpus_pass_check(tmp_path: Path) -> None:
    """Imported into a content root of their own, the corpus' routines have errors only where the
    documents lack a field (what the import reported); none in the rules it proposed (timmar, dygn,
    "*" with except, roles and case types of the catalog), which check warns about until reviewed."""
    out = tmp_path / "corpus"
    imported = run("import", "--root", str(CORPUS), "--out", str(out), "--format", "json", *map(str, DOCUMENTS))
    assert imported.code == 1, imported.err  # every document was written; they need review
    assert {e["status"] for e in json.loads(imported.out)["imports"]} == {"written"}
    checked = json.loads(run("check", "--root", str(out), "--today", "2026-06-01", "--format", "json").out)
    reviews = 0
    for diagnostic in checked["diagnostics"]:
        lines = (out / diagnostic["file"]).read_text(encoding="utf-8").split("\n")
        rules = lines.index("rules:") + 1 if "rules:" in lines else len(lines)
        if diagnostic["line"] > rules:
            assert (diagnostic["severity"], diagnostic["code"]) == ("warning", "needs-review"), diagnostic
            reviews += 1
    golden = [(CORPUS / f"{p.stem}.review.txt").read_text(encoding="utf-8") for p in DOCUMENTS]
    assert reviews == sum(text.count(": proposed rule ") for text in golden) > 0
