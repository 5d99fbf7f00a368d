"""The Rust validator (fast path) and python-jsonschema (messages) agree on what is valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.content import frontmatter, schemas
from generator.content.yamlsafe import load_yaml
from tests.conftest import CASES, REPO


def _front_matters() -> list[tuple[str, object]]:
    docs = []
    for path in sorted([*CASES.rglob("*.md"), *(REPO / "routines").rglob("*.md")]):
        try:
            parts = frontmatter.split(path.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff"))
        except UnicodeDecodeError:
            continue
        if isinstance(parts, frontmatter.Split):
            doc = load_yaml(parts.front_matter)
            if doc.ok and isinstance(doc.data, dict):
                docs.append((str(path.relative_to(REPO)), doc.data))
    return docs


@pytest.mark.parametrize(("name", "data"), _front_matters(), ids=lambda v: v if isinstance(v, str) else "")
def test_fast_and_reference_validators_agree(name: str, data: object) -> None:
    fast = schemas.fast_validator("routine").is_valid(data)
    reference = not list(schemas.validator("routine").iter_errors(data))
    assert fast == reference, name


def test_the_cases_include_invalid_documents() -> None:
    assert any(not schemas.fast_validator("routine").is_valid(d) for _, d in _front_matters())




json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 500) | st.floats(allow_nan=False) |
    st.sampled_from(["", "*", "2026-02-30", "2026-01-01", "su", "Su", "öppenvård", "rutin", "6.0", "x y"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["id", "name", "title", "role", "units", "every", "task", "case_types", "min",
                         "within_vardagar", "any_of", "x"]), inner, max_size=4),
    max_leaves=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([d for _, d in _front_matters()]), st.sampled_from(
    ["id", "title", "type", "version", "status", "applies_to", "owner", "approver", "valid_from", "valid_to",
     "related", "tags", "rules", "reviewers", "unknown"]), json_values)
def test_agreement_on_mutated_documents(data: object, key: str, value: object) -> None:
    mutated = {**data, key: value}  # type: ignore[dict-item]
    fast = schemas.fast_validator("routine").is_valid(mutated)
    reference = not list(schemas.validator("routine").iter_errors(mutated))
    assert fast == reference
