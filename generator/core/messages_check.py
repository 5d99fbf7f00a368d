"""What ``routines check`` finds, in Swedish and English: the diagnostics of loading and of the
checks across files (the ``code`` of a diagnostic stays its stable English id).

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

CHECK: dict[str, Text] = {
    "check.severity_error": ("fel", "error"),
    "check.severity_warning": ("varning", "warning"),
    "check.severity_info": ("info", "info"),
    "check.summary": ("{errors}, {warnings} i {files}", "{errors}, {warnings} in {files}"),
    # references the command line and the content make (generator.core.suggest)
    "suggest.did_you_mean": (" (menade du {names}?)", " (did you mean {names}?)"),
    "suggest.kind_unit": ("enhet", "unit"),
    "suggest.kind_role": ("roll", "role"),
    "suggest.kind_case-type": ("ärendetyp", "case type"),
    "suggest.unknown": ("okänd {kind} '{label}'{where}{hint}; ange ett id, ett namn eller ett alias från {file}",
                        "unknown {kind} '{label}'{where}{hint}; give an id, name or alias from {file}"),
    "suggest.unknown_ids": ("okänd {kind} '{label}'{where}{hint}; använd ett id från {file}",
                            "unknown {kind} '{label}'{where}{hint}; use an id from {file}"),
}
"""Diagnostics and the references they name."""
