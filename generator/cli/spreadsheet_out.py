"""``--format xlsx`` on the command line: the workbook goes to the file ``--out`` names (never
to a terminal), written atomically, and one line on standard error says what was written."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from generator.core.errors import GeneratorError
from generator.core.messages import Messages, msg
from generator.core.spreadsheet import Sheet, write_workbook


def add_out_option(parser: argparse.ArgumentParser, t: Messages) -> None:
    """``--out FILE.xlsx`` for a command that has ``--format xlsx``."""
    parser.add_argument("--out", type=Path, metavar="FILE.xlsx", help=t("help.xlsx_out"))


def check_out(args: argparse.Namespace) -> None:
    """Before any work: ``--format xlsx`` needs ``--out FILE.xlsx``, and ``--out`` needs it."""
    if args.format == "xlsx":
        if args.out is None:
            raise GeneratorError(msg("xlsx.needs_out"))
        if args.out.suffix.lower() != ".xlsx":
            raise GeneratorError(msg("xlsx.out_suffix", path=str(args.out)))
    elif args.out is not None:
        raise GeneratorError(msg("xlsx.out_only"))


def write_xlsx(args: argparse.Namespace, sheets: Sequence[Sheet], err: TextIO) -> None:
    """The workbook into ``--out``, replacing the file only once it is whole."""
    from generator.content.atomic_write import write_atomically
    from generator.content.textfile import describe_os_error

    t: Messages = args.t
    written: list[int] = []
    try:
        write_atomically(args.out, lambda handle: written.append(write_workbook(sheets, handle)))
    except OSError as error:
        raise GeneratorError(msg("xlsx.cannot_write", path=str(args.out), reason=describe_os_error(error))) from None
    err.write(t("xlsx.written", path=str(args.out), sheets=t.n("sheet", written[0])) + "\n")
