"""The archive (``routines archive``) and the printed sheet in Swedish and English: the command's
help and report, and the words of every sheet's footer (``sida 2 av 3``), which the browser's
print (``site.*``: templates read them as ``t.print_page``) and the archive's PDF/A share.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

ARCHIVE: dict[str, Text] = {
    # the printed sheet's footer, in the handbook's print and in the archive
    "site.print_page": ("sida", "page"),
    "site.print_of": ("av", "of"),
    "archive.document": ("{id} version {version}", "{id} version {version}"),
    "archive.subject": ("Styrande dokument {id}, version {version}, giltigt {valid_from}–{valid_to}",
                        "Governing document {id}, version {version}, valid {valid_from}–{valid_to}"),
    # the command
    "help.archive": ("skriv publicerade, giltiga rutiner som PDF/A för arkivet",
                     "write published, valid routines as PDF/A for the archive"),
    "help.archive.ids": ("rutinernas dokument-id (standard: alla publicerade och giltiga)",
                         "the routines' document ids (default: every published, valid routine)"),
    "help.archive.out": ("mappen som PDF-filerna skrivs till (skapas vid behov)",
                         "the folder the PDF files are written to (made when missing)"),
    "archive.no_routine": ("ingen rutin med id '{id}'{hint}", "no routine with id '{id}'{hint}"),
    "archive.out_in_root": ("--out {out} ligger i innehållets egna mappar; välj en annan mapp",
                            "--out {out} is inside the content's own folders; choose another folder"),
    "archive.cannot_write": ("kan inte skriva arkivet till {out}: {why}", "cannot write the archive into {out}: {why}"),
    "archive.wrote": ("skrev {file} ({title})", "wrote {file} ({title})"),
    "archive.skipped": ("hoppade över {id}: {why}", "skipped {id}: {why}"),
    "archive.why_not_published": ("inte publicerad", "not published"),
    "archive.why_not_in_force": ("inte giltig {today}", "not valid on {today}"),
    "archive.why_errors": ("har fel (se routines check)", "has errors (see routines check)"),
    "archive.why_no_id": ("saknar dokument-id eller version", "has no document id or version"),
    "archive.summary": ("{written} i PDF/A-{part}{conformance} i {out}; {skipped} hoppades över",
                        "{written} as PDF/A-{part}{conformance} in {out}; {skipped} skipped"),
}
"""The archive's messages, by name."""
