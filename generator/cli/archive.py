"""The ``archive`` subcommand: published, valid routines as PDF/A for the archive (wired in by
cli/app.py; the work is in handbook/archive.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.messages import Messages

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``archive`` on the subcommand parser."""
    archive = commands.add_parser("archive", help=t("help.archive"), description=t("help.archive"))
    common(archive, ("text", "json"))
    archive.add_argument("ids", nargs="*", metavar="ID", help=t("help.archive.ids"))
    archive.add_argument("--out", type=Path, required=True, metavar="DIR", help=t("help.archive.out"))


def run_archive(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines archive``: exit 1 when a routine named on the command line was not archived."""
    from generator.handbook.archive import VARIANT, archive

    t: Messages = args.t
    result = archive(args.root, args.out, cli_args.resolve_today(args), args.ids,
                     cache_dir=cli_args.cache_dir(args), jobs=args.jobs)
    part, conformance = VARIANT.removeprefix("pdf/a-")[:-1], VARIANT[-1].upper()
    if args.format == "json":
        payload = {"out": str(result.out), "variant": VARIANT,
                   "written": [{"id": w.id, "version": w.version, "title": w.title, "file": w.file,
                                "pages": w.pages} for w in result.written],
                   "skipped": [{"id": s.id, "why": t.text(s.why)} for s in result.skipped]}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        out.writelines(t("archive.wrote", file=w.file, title=w.title) + "\n"
                       for w in result.written)
        out.writelines(t("archive.skipped", id=s.id, why=s.why) + "\n" for s in result.skipped)
        out.write(t("archive.summary", written=t.n("routine", len(result.written)), part=part,
                    conformance=conformance.lower(), out=result.out,
                    skipped=t.n("routine", len(result.skipped))) + "\n")
    return 1 if result.named and result.skipped else 0
