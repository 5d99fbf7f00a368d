"""The one message catalog: both languages of every message, every name the code uses, no
plurals by hand."""

from __future__ import annotations

import re
import string

import pytest

from generator.core.messages import LANGUAGES, MESSAGES, labels, messages
from generator.core.messages_text import PLURALS
from tests.conftest import REPO

SOURCES = {p: p.read_text(encoding="utf-8") for p in (REPO / "generator").rglob("*.py")}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_fields() -> None:
    for name, (sv, en) in MESSAGES.items():
        assert sv.strip() and en.strip(), name
        assert _fields(sv) == _fields(en), name


def test_every_plural_has_both_forms_in_both_languages() -> None:
    for name, forms in PLURALS.items():
        texts = [text for language in forms for text in language]
        assert len(texts) == 4 and all(t.strip() for t in texts), name
        assert len({frozenset(_fields(t)) for t in texts}) == 1, name


def test_plurals_agree_with_the_count() -> None:
    sv, en = messages("sv"), messages("en")
    assert [sv.n("routine", n) for n in (0, 1, 2)] == ["0 rutiner", "1 rutin", "2 rutiner"]
    assert [en.n("error", n) for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert sv.n("error", 2) == "2 fel" and sv.n("case", 1) == "1 ärende"
    assert messages("de").language == "sv"  # anything else reads as Swedish


def test_every_name_the_code_uses_is_in_the_catalog() -> None:
    used, counted = set(), set()
    for text in SOURCES.values():
        used |= set(re.findall(r"\bt\(\s*[\"']([\w.]+)[\"']", text))
        used |= set(re.findall(r"messages\([^()]*\)\(\s*[\"']([\w.-]+)[\"']", text))
        used |= set(re.findall(r"\bmsg\(\s*f?[\"']([\w.-]+)[\"']", text))
        counted |= set(re.findall(r"(?:\.n|\bcounted)\(\s*[\"']([\w.-]+)[\"']", text))
    assert used and counted
    # a name built in the code ("check.severity_" + severity) must at least begin some names
    prefixes = {name for name in used if name.endswith(("_", "."))}
    assert sorted(p for p in prefixes if not any(key.startswith(p) for key in MESSAGES)) == []
    assert sorted(used - prefixes - MESSAGES.keys()) == []
    assert sorted(counted - PLURALS.keys()) == []


def test_every_label_the_templates_use_is_in_the_catalog() -> None:
    used, counted = set(), set()
    for template in (REPO / "site" / "templates").rglob("*.html"):
        used |= set(re.findall(r"\bt\.(\w+)", template.read_text(encoding="utf-8")))
        counted |= set(re.findall(r"\bn\(\s*[\"'](\w+)[\"']", template.read_text(encoding="utf-8")))
    assert used and counted
    for language in LANGUAGES:
        assert sorted(used - labels(language).keys()) == []
    assert sorted(counted - PLURALS.keys()) == []


@pytest.mark.parametrize("pattern", [r"'s' \* \(", r"\(er\)", r"language == \"en\"",
                                     r"'ar' if", r"language != \"en\""])
def test_no_plurals_or_languages_by_hand(pattern: str) -> None:
    found = [str(path.relative_to(REPO)) for path, text in SOURCES.items()
             if re.search(pattern, text) and not path.name.startswith("messages")]
    assert found == []


def test_no_name_is_defined_in_two_parts_of_the_catalog() -> None:
    from generator.core import (
        messages_approvals,
        messages_archive,
        messages_authoring,
        messages_cases,
        messages_check,
        messages_cli,
        messages_docx,
        messages_editor,
        messages_sheets,
        messages_site,
        messages_text,
    )

    parts = [{f"site.{k}" for k in messages_site.SITE}, {f"rules.{k}" for k in messages_text.RULES},
             set(messages_text.REPORTS), set(messages_check.CHECK), set(messages_cli.CLI),
             set(messages_cases.CASES), set(messages_authoring.AUTHORING),
             set(messages_archive.ARCHIVE), set(messages_approvals.APPROVALS), set(messages_sheets.SHEETS),
             set(messages_docx.DOCX), set(messages_editor.EDITOR)]
    assert sum(len(part) for part in parts) == len(MESSAGES)  # a second definition would hide the first


def test_a_message_is_told_when_shown_and_survives_the_cache() -> None:
    from generator.core.messages import counted, from_json, msg, one_of

    found = msg("suggest.unknown", kind=msg("suggest.kind_unit"), label="su-x", where="",
                hint=msg("suggest.did_you_mean", names=one_of(["'su-a'", "'su-b'"])), file="routines/organisation.yaml")
    assert messages("sv").text(found) == ("okänd enhet 'su-x' (menade du 'su-a' eller 'su-b'?); ange ett id, "
                                         "ett namn eller ett alias från routines/organisation.yaml")
    assert messages("en").text(found) == ("unknown unit 'su-x' (did you mean 'su-a' or 'su-b'?); give an id, "
                                         "name or alias from routines/organisation.yaml")
    assert from_json(found.to_json()) == found
    assert messages("sv").text(from_json(counted("case", 2).to_json())) == "2 ärenden"
    with pytest.raises(KeyError):
        msg("no.such.message")
    with pytest.raises(ValueError):  # a cache entry naming a message this version does not have
        from_json({"name": "no.such.message", "fields": {}})
