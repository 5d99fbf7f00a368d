"""Benchmarks: ``make bench`` (``python -m bench``). Not timed tests: they print, they do not fail."""
