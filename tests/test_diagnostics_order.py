"""Findings in one order, whatever order they were found in: by file, line, severity and code,
then message; exact duplicates once (``sort_diagnostics``, which looks at messages only among
ties, against the full sort it stands for)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.core.diagnostics import SEVERITY_ORDER, Diagnostic, sort_diagnostics
from generator.core.messages import msg

_MESSAGES = [msg("check.stray_file"), msg("check.temp_file"), msg("check.duplicate_id", id="R-1", other="a.md:2"),
             msg("check.duplicate_id", id="R-2", other="a.md:2"), msg("check.not_a_mapping")]
_FINDINGS = st.builds(Diagnostic, st.sampled_from(["routines/a.md", "routines/b.md"]), st.integers(1, 3),
                      st.sampled_from(["error", "warning", "info"]), st.sampled_from(["x", "y"]),
                      st.sampled_from(_MESSAGES))


@given(st.lists(_FINDINGS, max_size=40))
def test_the_order_is_the_full_sort_whatever_the_order_found(found: list[Diagnostic]) -> None:
    full = sorted(set(found), key=lambda d: (d.file, d.line, SEVERITY_ORDER[d.severity], d.code, repr(d.message)))
    assert sort_diagnostics(found) == full
    assert sort_diagnostics(reversed(found)) == full
