"""What every subcommand shares: command-line value types and loading the content root."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.project import Project


def day(value: str) -> dt.date:
    """A ``YYYY-MM-DD`` date on the command line."""
    try:
        if len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date as YYYY-MM-DD") from None


def instant(value: str) -> dt.datetime:
    """An ISO 8601 timestamp on the command line (naive: Europe/Stockholm)."""
    from generator.calendar import parse_instant

    try:
        return parse_instant(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cache_dir(args: argparse.Namespace) -> Path | None:
    """``--cache-dir``, the default cache, or None with ``--no-cache``."""
    from generator.cache import default_dir

    return None if args.no_cache else (args.cache_dir or default_dir())


def load(args: argparse.Namespace) -> Project:
    """The content root of ``--root``, with the cache and ``--jobs`` the options ask for."""
    from generator.project import load_project

    return load_project(args.root, cache_dir=cache_dir(args), jobs=args.jobs)
