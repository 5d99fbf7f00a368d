"""The browser editor's configuration (issue 18): derived from the schema and the demo's
organisation and catalog, never written by hand; every required field of the schema has a
widget that requires it."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.project import load_project
from generator.core.messages import messages
from generator.handbook.editor_config import config_yaml, editor_config
from tests.conftest import REPO

GOLDEN = Path(__file__).parent / "golden" / "editor"
SCHEMA = json.loads((REPO / "schemas" / "routine.schema.json").read_text(encoding="utf-8"))


def _config(language: str = "sv", editor: Mapping[str, Any] | None = None) -> dict[str, Any]:
    project = load_project(REPO)
    return editor_config(SCHEMA, project.organisation, project.catalog, editor or {}, messages(language))


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_demo_config_is_the_golden_file(language: str) -> None:
    text = config_yaml(_config(language, {"backend": "github", "repo": "region/rutiner"}))
    golden = GOLDEN / f"config.{language}.yml"
    if os.environ.get("REGEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["locale"] == language


def _resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node or "allOf" in node:
        target = SCHEMA["$defs"][node["$ref"].rsplit("/", 1)[-1]] if "$ref" in node else node["allOf"][0]
        node = {**target, **{k: v for k, v in node.items() if k not in ("$ref", "allOf")},
                "required": [*target.get("required", []), *node.get("required", [])]}
    return node


def _required(node: Mapping[str, Any], fields: list[dict[str, Any]], path: str) -> Iterator[tuple[str, dict | None]]:
    """(path, its field or None) for every required property of the schema, at every depth the
    form reaches (objects and lists of objects)."""
    node = _resolve(node)
    by_name = {f["name"]: f for f in fields}
    for name, sub in node.get("properties", {}).items():
        field = by_name.get(name)
        if name in node.get("required", []):
            yield f"{path}{name}", field
        if field is None or "fields" not in field:
            continue
        sub = _resolve(sub)
        if sub.get("type") == "array":
            sub = _resolve(sub["items"])
        yield from _required(sub, field["fields"], f"{path}{name}.")


def test_every_required_field_of_the_schema_has_a_widget_that_requires_it() -> None:
    fields = _config()["collections"][0]["fields"]
    found = list(_required(SCHEMA, fields, ""))
    assert {p for p, _ in found} >= {"id", "title", "type", "version", "applies_to", "owner", "owner.id", "owner.name",
                                     "approver", "valid_from", "valid_to", "rules.deadlines.id",
                                     "rules.deadlines.case_types", "rules.roles.role", "rules.recurring.every"}
    missing = [p for p, f in found if f is None or f.get("required") is not True or not f.get("widget")]
    assert missing == []
    assert fields[-1] == {"label": "Innehåll", "name": "body", "widget": "markdown", "modes": ["raw", "rich_text"]}


def test_choices_come_from_the_organisation_and_the_catalog() -> None:
    fields = {f["name"]: f for f in _config()["collections"][0]["fields"]}
    units = fields["applies_to"]
    assert units["widget"] == "select" and units["multiple"] is True
    assert {"label": "Barncancercentrum öppenvårdsmottagning (su-bcc-mott)", "value": "su-bcc-mott"} in units["options"]
    rules = {f["name"]: f for f in fields["rules"]["fields"]}
    deadline = {f["name"]: f for f in rules["deadlines"]["fields"]}
    assert deadline["case_types"]["options"][0] == {"label": "Alla ärendetyper", "value": "*"}
    assert deadline["case_types"]["widget"] == "arendetyper" and deadline["case_types"]["multiple"] is True
    assert deadline["within_vardagar"] == {"label": "Inom vardagar", "name": "within_vardagar", "required": False,
                                           "hint": deadline["within_vardagar"]["hint"], "widget": "number",
                                           "value_type": "int", "min": 1, "max": 366}
    selector = {f["name"]: f for f in deadline["units"]["fields"]}
    assert selector["care"]["options"] == [{"label": "Slutenvård", "value": "slutenvård"},
                                           {"label": "Öppenvård", "value": "öppenvård"}]
    assert selector["webbtidboken"] == {"label": "Ansluten till Webbtidboken", "name": "webbtidboken",
                                        "required": False, "widget": "boolean"}
    assert fields["valid_to"]["widget"] == "datetime" and fields["valid_to"]["time_format"] is False
    assert fields["id"]["pattern"][0] == SCHEMA["properties"]["id"]["pattern"]


@pytest.mark.parametrize(("editor", "expected"), [
    ({}, {"name": "github", "branch": "main"}),
    ({"backend": "gitlab", "repo": "vard/rutiner", "branch": "huvud", "base_url": "https://gitlab.region.se",
      "api_root": "https://gitlab.region.se/api/v4"},
     {"name": "gitlab", "repo": "vard/rutiner", "branch": "huvud", "base_url": "https://gitlab.region.se",
      "api_root": "https://gitlab.region.se/api/v4"}),
])
def test_the_backend_is_the_one_routines_toml_names(editor: dict[str, str], expected: dict[str, str]) -> None:
    config = _config("sv", editor)
    assert config["backend"] == expected
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config
