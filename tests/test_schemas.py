"""Every schema is valid JSON Schema 2020-12, and accepts what it documents."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator

from generator.content import schemas
from generator.content.resources import data_dir


@pytest.mark.parametrize("name", schemas.SCHEMA_NAMES)
def test_schema_is_valid_against_its_metaschema(name: str) -> None:
    schema = schemas.schema(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_schema_file_is_listed() -> None:
    files = {p.name.removesuffix(".schema.json") for p in data_dir("schemas").glob("*.schema.json")}
    assert files == set(schemas.SCHEMA_NAMES)


def test_roster_schema_accepts_the_spec_example() -> None:
    roster = {
        "assignments": [{"person": "anna01", "role": "arendemottagare", "unit": "su-bcc-mott",
                         "from": "2026-01-01", "to": "2026-12-31"}],
        "absences": [{"person": "anna01", "from": "2026-07-01", "to": "2026-07-28"}],
    }
    assert schemas.problems("roster", roster) == []
    roster["absences"][0]["to"] = "2026-07-32"
    assert [p.code for p in schemas.problems("roster", roster)] == ["date"]


def test_config_schema_accepts_a_full_configuration() -> None:
    config = {"title": "Rutiner", "base_url": "https://rutiner.example.se/", "language": "en",
              "timezone": "Europe/Stockholm", "reminders": {"days_before": [90, 14, 7, 1]},
              "validity": {"default_max_years": 2, "max_years": {"policy": 4}, "warn_within_days": 60},
              "calendar": {"closed_days": ["2026-12-28"]}}
    assert schemas.problems("config", config) == []
