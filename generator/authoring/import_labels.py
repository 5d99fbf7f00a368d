"""The metadata labels of plain-text routines and the front-matter fields they fill.

Shared by the importer (which reads the labels) and the exporter (which writes them): the
Swedish labels of the seeds' metadata lines and their synonyms in the other document systems
(SOFIA, Evolution, Platina, Centuri, DocPlus, Barium and the regions' and municipalities' Word
templates), which fields take lists, people or sections, the fields every routine needs, their
order in the front matter, and the words for a status.

A label is looked up by :func:`label_key`: case, spaces, periods and dashes ignored, so that
"Giltig fr.o.m.", "Giltig fr o m", "Giltig from" and "GILTIG FR. O. M." are one label.
"""

from __future__ import annotations

import re

_FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "applies_to": ("Gäller för", "Denna rutin gäller för", "Detta dokument gäller för", "Dokumentet gäller för",
                   "Rutinen gäller för", "Berörda enheter", "Berörd enhet", "Berörda verksamheter", "Giltig för",
                   "Gäller för enhet", "Gäller för enheter", "Gäller för verksamhet"),
    "owner": ("Innehållsansvar", "Innehållsansvarig", "Dokumentansvarig", "Dokumentansvar", "Dokumentägare",
              "Processägare", "Innehållsägare", "Rutinansvarig", "Ansvarig för rutinen", "Ansvarig för rutin",
              "Ansvarig för dokumentet"),
    "reviewers": ("Granskad av", "Granskat av", "Granskare", "Granskade av"),
    "content_reviewers": ("Innehållsgranskare",),
    "approver": ("Godkänd av", "Godkänt av", "Godkännare", "Fastställd av", "Fastställt av", "Fastställda av",
                 "Fastställare", "Beslutad av", "Beslutat av", "Beslutsfattare"),
    "valid_from": ("Giltig från", "Giltigt från", "Gäller från", "Giltig fr.o.m.", "Giltigt fr.o.m.",
                   "Gäller fr.o.m.", "Giltig från och med", "Giltigt från och med", "Gäller från och med",
                   "Gäller from", "Giltighetstid från", "Ikraftträdande"),
    "valid_to": ("Giltig till", "Giltigt till", "Gäller till", "Giltig t.o.m.", "Giltigt t.o.m.", "Gäller t.o.m.",
                 "Giltig till och med", "Giltigt till och med", "Gäller till och med", "Revideras senast",
                 "Omprövas senast", "Nästa revision", "Giltighetstid till"),
    "id": ("Dokument-ID", "Dokumentid", "Dokumentnummer", "Dokumentnr", "Dok.nr", "Doknr", "Doknr. i Barium",
           "Dokumentnummer i Barium", "Dokument nr", "Dokumentets ID"),
    "version": ("Version", "Versionsnummer", "Versionsnr", "Utgåva"),
    "type": ("Handlingstyp", "Dokumenttyp", "Dokumentkategori", "Typ av dokument", "Dokumentslag"),
    "revision_note": ("Revideringar i denna version", "Ändringar i denna version", "Ändringar sedan föregående version",
                      "Förändringar sedan föregående version", "Revideringar"),
    "related": ("Relaterad information", "Relaterade dokument", "Relaterat innehåll"),
    "title": ("Titel", "Dokumentnamn", "Dokumentrubrik", "Dokumenttitel", "Rubrik på dokumentet"),
    "status": ("Status", "Dokumentstatus"),
    "tags": ("Nyckelord", "Sökord", "Ämnesord"),
}
"""Each field's labels as document systems write them (the first is the seeds')."""

FALLBACK_LABELS: dict[str, tuple[str, ...]] = {
    "id": ("Diarienummer", "Diarienr", "Dnr", "Ärendenummer"),
}
"""Labels that fill a field only when none of its own labels is given (a Diarienummer is the
Dokument-ID of a document that has no Dokumentnummer); otherwise their value is kept as
another fact of the document."""

OTHER_LABELS: tuple[str, ...] = (
    "Dokumentserie", "Handlingsslag", "Källa", "Utfärdande enhet", "Utfärdande PE", "Målgrupp", "Handläggare",
    "Framtagen av", "Framtaget av", "Utarbetad av", "Upprättad av", "Författare", "Huvudförfattare", "Reviderat",
    "Reviderad", "Senast reviderad", "Fastställt", "Fastställd", "Fastställd datum", "Beslutsdatum", "Upprättad",
    "Upprättat", "Sida", "ICD-10 kod", "Kön", "Ålder", "Dokumentansvarig förvaltning", "Ansvarig enhet",
    "Ansvarig förvaltning", "Ansvarig verksamhet", "Process", "Processområde", "Ytterligare information",
)
"""Labels of document systems with no field in a routine: their values are kept in the body
(under :data:`OTHER_HEADING`), never lost and never taken for a heading."""

HINTS: dict[str, tuple[str, ...]] = {
    "owner": ("Handläggare", "Framtagen av", "Framtaget av", "Utarbetad av", "Upprättad av", "Författare",
              "Huvudförfattare", "Ansvarig enhet", "Ansvarig"),
    "approver": ("Beslutsdatum", "Fastställt", "Fastställd"),
    "valid_from": ("Fastställt", "Fastställd", "Fastställd datum", "Beslutsdatum", "Upprättad", "Upprättat",
                   "Reviderat", "Reviderad", "Senast reviderad"),
    "applies_to": ("Utfärdande enhet", "Målgrupp", "Dokumentansvarig förvaltning", "Ansvarig förvaltning",
                   "Ansvarig verksamhet", "Omfattning"),
    "id": ("Diarienummer", "Diarienr", "Dnr"),
}
"""Labels that may be what a document means by a field it lacks: named in the note about the
missing field ("'Handläggare: …' on line 7: read as Innehållsansvar?"), never read as it."""


def label_key(text: str) -> str:
    """The form labels are compared in: ``Giltig fr. o. m.:`` → ``giltigfrom``."""
    text = re.sub(r"[*_\[\]]", "", text).strip().rstrip(":").casefold()
    return re.sub(r"[\s.\-–_]+", "", text)


LABELS: dict[str, str] = {label_key(label): name for name, labels in _FIELD_LABELS.items() for label in labels}
"""Metadata labels (by :func:`label_key`) and the front-matter field each fills."""
FALLBACKS: dict[str, str] = {label_key(label): name for name, labels in FALLBACK_LABELS.items() for label in labels}
OTHERS: frozenset[str] = frozenset(label_key(label) for label in OTHER_LABELS)
OTHER = "other"
"""The pseudo-field of a label in :data:`OTHER_LABELS` (and of values no field takes)."""
OTHER_HEADING = "Övriga uppgifter om dokumentet"
"""The body section that keeps what the document states and no field of a routine holds."""


def field_of(label: str) -> str | None:
    """The field a label fills (``id`` for a Diarienummer too), :data:`OTHER` for a known label
    without a field, None for text that is no label."""
    key = label_key(label)
    if not key:
        return None
    return LABELS.get(key) or FALLBACKS.get(key) or (OTHER if key in OTHERS else None)


def is_fallback(label: str) -> bool:
    return label_key(label) in FALLBACKS


def labels_of(name: str) -> tuple[str, ...]:
    """Every label of a field (its own and its fallbacks)."""
    return _FIELD_LABELS.get(name, ()) + FALLBACK_LABELS.get(name, ())


LABEL_OF: dict[str, str] = {
    "applies_to": "Gäller för", "owner": "Innehållsansvar", "reviewers": "Granskad av",
    "approver": "Godkänd av", "valid_from": "Giltig från", "valid_to": "Giltig till",
    "id": "Dokument-ID", "version": "Version", "type": "Handlingstyp",
    "content_reviewers": "Innehållsgranskare", "revision_note": "Revideringar i denna version",
    "related": "Relaterad information", "title": "Titel", "status": "Status", "tags": "Nyckelord",
}
"""The label each field is written with (by the exporter, and in messages)."""

INFO_HEADINGS = ("Information om handlingen", "Sidinformation", "Dokumentinformation", "Information om dokumentet",
                 "Om dokumentet", "Dokumentuppgifter")
"""Headings of a block of metadata (the seeds' "Information om handlingen", Evolution's
"Sidinformation"): the heading leaves the body with the metadata under it."""
INFO_HEADING = INFO_HEADINGS[0]
LIST_FIELDS = ("reviewers", "content_reviewers", "related", "tags")
"""Fields that take every value given (each once); the others take one."""
SECTION_FIELDS = ("applies_to", "owner", "reviewers", "approver", "valid_from", "valid_to",
                  "content_reviewers", "revision_note", "related")
"""Fields that may also be given as a heading with the value below it (the BCC seed's
"Innehållsgranskare", "Relaterad information") after a blank line; the others (and the
labels without a field) only as ``Etikett: värde`` or with the value on the very next line."""
PERSON_FIELDS = ("owner", "approver", "reviewers", "content_reviewers")
REQUIRED = ("id", "title", "type", "version", "applies_to", "owner", "approver", "valid_from", "valid_to")
FIELD_ORDER = ("id", "title", "type", "version", "status", "applies_to", "owner", "reviewers",
               "content_reviewers", "approver", "valid_from", "valid_to", "revision_note", "related",
               "tags", "rules")
STATUS_WORDS = {"publicerad": "published", "gällande": "published", "fastställd": "published",
                "published": "published", "godkänd": "published", "utkast": "draft", "draft": "draft",
                "under arbete": "draft", "upphävd": "withdrawn", "arkiverad": "withdrawn", "withdrawn": "withdrawn"}
STATUS_LABELS = {"draft": "Utkast", "withdrawn": "Upphävd", "published": "Publicerad"}

TYPE_WORDS = frozenset({"rutin", "riktlinje", "riktlinjer", "instruktion", "policy", "pm", "vårdrutin",
                        "vårdprogram", "anvisning", "checklista", "handbok", "processbeskrivning", "regel"})
"""Document types a template prints alone on a line above the title (the older SU template's
"RUTIN" over "Melior Läkemedelsmodul avdelning 18")."""

TOP_SECTIONS = frozenset({
    "syfte", "bakgrund", "omfattning", "mål", "definitioner", "begrepp", "arbetsbeskrivning",
    "arbetsflöde", "roller", "ansvar", "ansvar och roller", "dokumentation", "uppföljning",
    "uppföljning, utvärdering och revision", "referenser", "bilagor", "kontakt", "läs mer",
    "syfte och mål", "inledning", "genomförande", "tillvägagångssätt", "metod", "ansvarsfördelning",
    "målgrupp", "utförande", "förutsättningar", "avvikelser", "kvalitetssäkring",
})
"""Section names of the regions' routine templates: a bare heading with one of these names is a
top-level section (``##``), whatever came before it."""
