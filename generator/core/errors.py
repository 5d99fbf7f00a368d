"""Expected failures: a clean one-line message and exit status 2, never a traceback."""


class GeneratorError(Exception):
    """Input that cannot be read or a usage problem; the message says what to do."""
