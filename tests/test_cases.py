"""Case directories: each content root's diagnostics must equal its expected.txt exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import CASES, TODAY, make_root, run

CASE_DIRS = sorted(p for kind in ("valid", "invalid") for p in (CASES / kind).iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASE_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_case(case: Path, tmp_path: Path) -> None:
    root = make_root(tmp_path, case, base=not (case / "no-base").exists())
    today = (case / "today").read_text().strip() if (case / "today").exists() else TODAY
    result = run("check", "--root", str(root), "--today", today)
    expected_file = case / "expected.txt"
    if os.environ.get("REGEN"):
        expected_file.write_text(result.out, encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8")
    assert result.out == expected
    assert "Traceback" not in result.err
    if case.parent.name == "valid":
        assert result.code == 0
        assert not [line for line in result.out.splitlines() if ": error[" in line]
    else:
        assert result.out, "an invalid case must produce diagnostics"
        has_error = ": error[" in result.out
        assert result.code == (1 if has_error else 0)
