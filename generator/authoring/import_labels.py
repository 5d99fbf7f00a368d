"""The metadata labels of plain-text routines and the front-matter fields they fill.

Shared by the importer (which reads the labels) and the exporter (which writes them): the
Swedish labels of the seeds' metadata lines, which fields take lists, people or sections, the
fields every routine needs, their order in the front matter, and the words for a status.
"""

from __future__ import annotations

LABELS: dict[str, str] = {
    "gäller för": "applies_to",
    "innehållsansvar": "owner",
    "innehållsansvarig": "owner",
    "granskad av": "reviewers",
    "godkänd av": "approver",
    "giltig från": "valid_from",
    "giltig till": "valid_to",
    "dokument-id": "id",
    "dokumentid": "id",
    "version": "version",
    "handlingstyp": "type",
    "dokumenttyp": "type",
    "innehållsgranskare": "content_reviewers",
    "revideringar i denna version": "revision_note",
    "relaterad information": "related",
    "titel": "title",
    "status": "status",
    "nyckelord": "tags",
}
"""Metadata labels (case ignored) and the front-matter field each fills."""

LABEL_OF: dict[str, str] = {
    "applies_to": "Gäller för", "owner": "Innehållsansvar", "reviewers": "Granskad av",
    "approver": "Godkänd av", "valid_from": "Giltig från", "valid_to": "Giltig till",
    "id": "Dokument-ID", "version": "Version", "type": "Handlingstyp",
    "content_reviewers": "Innehållsgranskare", "revision_note": "Revideringar i denna version",
    "related": "Relaterad information", "title": "Titel", "status": "Status", "tags": "Nyckelord",
}
"""The label each field is written with (by the exporter, and in messages)."""

INFO_HEADING = "Information om handlingen"
LIST_FIELDS = ("reviewers", "content_reviewers", "related", "tags")
"""Fields that take every value given (each once); the others take one."""
SECTION_FIELDS = ("applies_to", "owner", "reviewers", "approver", "valid_from", "valid_to",
                  "content_reviewers", "revision_note", "related")
"""Fields that may also be given as a heading with the value below it (the BCC seed's
"Innehållsgranskare", "Relaterad information"); the others only as ``Etikett: värde`` lines."""
PERSON_FIELDS = ("owner", "approver", "reviewers", "content_reviewers")
REQUIRED = ("id", "title", "type", "version", "applies_to", "owner", "approver", "valid_from", "valid_to")
FIELD_ORDER = ("id", "title", "type", "version", "status", "applies_to", "owner", "reviewers",
               "content_reviewers", "approver", "valid_from", "valid_to", "revision_note", "related",
               "tags", "rules")
STATUS_WORDS = {"publicerad": "published", "gällande": "published", "fastställd": "published",
                "published": "published", "utkast": "draft", "draft": "draft", "upphävd": "withdrawn",
                "arkiverad": "withdrawn", "withdrawn": "withdrawn"}
STATUS_LABELS = {"draft": "Utkast", "withdrawn": "Upphävd", "published": "Publicerad"}

TOP_SECTIONS = frozenset({
    "syfte", "bakgrund", "omfattning", "mål", "definitioner", "begrepp", "arbetsbeskrivning",
    "arbetsflöde", "roller", "ansvar", "ansvar och roller", "dokumentation", "uppföljning",
    "uppföljning, utvärdering och revision", "referenser", "bilagor", "kontakt", "läs mer",
})
"""Section names of the regions' routine template: a bare heading with one of these names is a
top-level section (``##``), whatever came before it."""
