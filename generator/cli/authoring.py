"""The ``import`` and ``export`` subcommands (wired into the parser by cli/app.py)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from generator.cli import args as cli_args
from generator.core.messages import Messages, all_of, counted, msg

Common = Callable[[argparse.ArgumentParser, tuple[str, ...]], None]

QUOTE_SHOWN = 160
"""Longest quotation of a sentence in the text report (the file has all of it)."""


def add_parsers(commands: Any, common: Common, t: Messages) -> None:
    """Register ``import`` and ``export`` on the subcommand parser."""
    imp = commands.add_parser("import", help=t("help.import"), description=t("help.import"))
    common(imp, ("text", "json"))
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE", help=t("help.import.files"))
    imp.add_argument("--out", type=Path, metavar="DIR", help=t("help.import.out"))
    imp.add_argument("--force", action="store_true", help=t("help.import.force"))
    imp.add_argument("--dry-run", action="store_true", help=t("help.import.dry_run"))
    imp.add_argument("--title", help=t("help.import.title"))
    exp = commands.add_parser("export", help=t("help.export"), description=t("help.export"))
    common(exp, ("text", "json"))
    exp.add_argument("ids", nargs="+", metavar="ID", help=t("help.export.ids"))
    exp.add_argument("--out", type=Path, metavar="DIR", help=t("help.export.out"))
    exp.add_argument("--force", action="store_true", help=t("help.export.force"))


def _short(text: str) -> str:
    return text if len(text) <= QUOTE_SHOWN else text[:QUOTE_SHOWN - 1].rstrip() + "…"


def run_import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines import``: exit 2 when a file could not be imported, else 1 when anything needs
    review (every proposed rule does), else 0."""
    from generator.authoring import importer
    from generator.core.errors import GeneratorError

    if args.title is not None and len(args.files) != 1:
        raise GeneratorError(msg("import.title_one_file"))
    project = cli_args.load(args)
    known = {r.id: r.file for r in project.routines if r.id}
    results = importer.import_files(list(args.files), args.root, project.organisation, project.catalog,
                                    out_dir=args.out, title=args.title, known_ids=known,
                                    language=project.config.language)
    importer.write_imports(results, force=args.force, dry_run=args.dry_run, root=args.root)
    copied = []
    if args.out is not None and not args.dry_run and any(r.status == "written" for r in results):
        copied = importer.complete_root(args.out, args.root)
    failed = [r for r in results if r.error]
    review = sum(len(r.findings) for r in results if not r.error)
    t: Messages = args.t
    if args.format == "json":
        summary = {"files": len(results), "written": sum(r.status == "written" for r in results),
                   "would_write": sum(r.status == "would-write" for r in results),
                   "review": review, "errors": len(failed), "copied": copied}
        payload = {"imports": [_json(r, args.dry_run, t) for r in results], "summary": summary}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        _text(results, out, err, t)
        done = sum(not r.error for r in results)
        err.write(t("import.summary_would_write" if args.dry_run else "import.summary_wrote", done=done,
                    files=t.n("file", len(results)), points=t.n("point", review),
                    advice=t("import.summary_advice") if review else "") + "\n")

    if copied:
        err.write(t("import.copied", files=all_of(copied), root=args.root, out=args.out) + "\n")
    if failed:
        return 2
    return 1 if review else 0


def _text(results: list[Any], out: TextIO, err: TextIO, t: Messages) -> None:
    for result in results:
        if result.error:
            err.write(t("cli.error", message=f"{result.source_label}: {t.text(result.error)}") + "\n")
            continue
        if result.status == "would-write":
            out.write(t("import.would_write", target=result.target_label, source=result.source_label) + "\n")
            out.write(result.text)
            out.write("---\n")
        else:
            out.write(t("import.wrote", target=result.target_label, source=result.source_label) + "\n")
            if result.kept:
                err.write(t("authoring.note", message=msg("import.kept", target=result.target_label,
                                                          kept=result.kept)) + "\n")
        for finding in result.findings:
            where = result.target_label if finding.where == "target" else result.source_label
            quote = t("import.quote", quote=_short(finding.quote)) if finding.quote else ""
            out.write(t("import.review", where=where, line=finding.line, message=finding.message, quote=quote) + "\n")


def _json(result: Any, dry_run: bool, t: Messages) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "source": result.source_label, "file": result.target_label or None, "status": result.status,
        "id": result.data.get("id"), "title": result.data.get("title"),
        "review": [{"file": result.target_label if f.where == "target" else result.source_label,
                    "line": f.line, "message": t.text(f.message), "rule": f.rule or None, "quote": f.quote or None}
                   for f in result.findings] if not result.error else [],
        "error": t.text(result.error) if result.error else None,
        "kept": result.kept or None,
    }
    if dry_run and not result.error:
        entry["content"] = result.text
    return entry


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``routines export``: exit 2 when a routine could not be exported."""
    from generator.authoring.exporter import export_routines
    from generator.content.atomic_write import confined, write_atomically
    from generator.core.errors import GeneratorError

    project = cli_args.load(args)
    models = {r.file: r for r in project.routines}
    files = {f.file: models.get(f.file) for f in project.files}
    results = export_routines(list(args.ids), args.root, files, project.organisation)
    t: Messages = args.t
    if args.out is not None:
        for result in results:
            if result.error:
                continue
            name = result.id if result.id and "/" not in result.id and not result.id.startswith(".") \
                else Path(result.file).stem
            target = args.out / f"{name}.txt"
            result.target = target
            if target.exists() and not args.force:
                result.error = msg("authoring.exists", file=str(target))
                result.status = "error"
                continue
            try:
                real = confined(target, args.root, str(target))
                real.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(real, result.text.encode("utf-8"))
            except GeneratorError as error:
                result.error, result.status = error.message, "error"
                continue
            except OSError as error:
                result.error = msg("authoring.cannot_write", file=str(target), reason=error.strerror or str(error))
                result.status = "error"
                continue
            result.status = "written"
    if args.format == "json":
        payload = {"routines": [{"id": r.id or None, "file": r.file or None, "status": r.status,
                                 "out": str(r.target) if r.target else None,
                                 "text": r.text if args.out is None and not r.error else None,
                                 "rules_left_out": r.rules, "error": t.text(r.error) if r.error else None}
                                for r in results]}
        out.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    else:
        texts = [r.text for r in results if not r.error and args.out is None]
        out.write("\f\n".join(texts))
        for result in results:
            if result.error:
                err.write(t("cli.error", message=f"{result.wanted}: {t.text(result.error)}") + "\n")
                continue
            if result.status == "written":
                out.write(t("export.wrote", target=result.target, file=result.file) + "\n")
            if result.rules:
                left_out = msg("export.rules_left_out", routine=result.id or result.file,
                               rules=counted("rule_is", result.rules))
                err.write(t("authoring.note", message=left_out) + "\n")
    return 2 if any(r.error for r in results) else 0
