"""The texts of case exports, deadlines, due, rosters, roles and recurring tasks (deadlines, due, roles, tasks and the Svarstider and Bemanning pages), in Swedish and English.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

CASES: dict[str, Text] = {
}
"""Named messages of this part of the catalog."""
