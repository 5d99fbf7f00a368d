"""Expected failures: a clean one-line message and exit status 2, never a traceback."""

from __future__ import annotations

from generator.core.messages import Msg


class GeneratorError(Exception):
    """Input that cannot be read or a usage problem; the message says what to do, told in the
    reader's language when it is shown (``str()`` of the error is English, for logs)."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
