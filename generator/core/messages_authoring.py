"""The texts of import, export, new and renew: their questions, findings and reports, in Swedish and English.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

AUTHORING: dict[str, Text] = {
}
"""Named messages of this part of the catalog."""
