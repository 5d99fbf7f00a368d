"""The command line in Swedish and English: help, usage errors, errors and the reports of the
commands.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

CLI: dict[str, Text] = {
    "list.or": (" eller ", " or "),
    "list.and": (" och ", " and "),
    "cli.error": ("routines: fel: {message}", "routines: error: {message}"),
    "cli.warning": ("routines: varning: {message}", "routines: warning: {message}"),
    "cli.interrupted": ("routines: avbrutet", "routines: interrupted"),
}
"""The command line."""
