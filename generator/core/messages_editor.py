"""The browser editor (Decap CMS, ``admin/config.yml``): the labels and hints of its form, in
Swedish and English, in the words of the routine template (SPEC 4).

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

EDITOR: dict[str, Text] = {
    "editor.collection": ("Rutiner", "Routines"),
    "editor.collection_singular": ("Rutin", "Routine"),
    "editor.collection_description": (("Styrande dokument per enhet. Varje ändring blir ett förslag som granskas "
                                       "och godkänns innan det publiceras."),
                                      ("Governing documents by unit. Every change becomes a proposal that is "
                                       "reviewed and approved before it is published.")),
    "editor.body": ("Innehåll", "Content"),
    "editor.regel_invalid": (("Texten är ingen giltig JSON: kontrollera citattecken, kommatecken och hakparenteser, "
                              "till exempel [\"begar-intyg\", \"egenremiss\"]"),
                             ("The text is no valid JSON: check the quotes, commas and brackets, e.g. "
                              "[\"begar-intyg\", \"egenremiss\"]")),
    "editor.page_title": ("Redigera rutiner – {site}", "Edit routines – {site}"),
    "editor.path": ("Mapp under routines/", "Folder under routines/"),
    "editor.hint.path": (("Mappen som rutinen ligger i, till exempel su-bcc; en ny rutin sparas där, med titeln "
                          "som filnamn"),
                         "The folder the routine is in, e.g. su-bcc; a new routine is saved there, named by its title"),
    "editor.every_case_type": ("Alla ärendetyper", "Every case type"),
    # the fields of a routine
    "editor.id": ("Dokument-ID", "Document id"),
    "editor.title": ("Titel", "Title"),
    "editor.type": ("Dokumenttyp", "Document type"),
    "editor.version": ("Version", "Version"),
    "editor.status": ("Status", "Status"),
    "editor.applies_to": ("Gäller för", "Applies to"),
    "editor.owner": ("Innehållsansvar", "Owner"),
    "editor.reviewers": ("Granskad av", "Reviewed by"),
    "editor.content_reviewers": ("Innehållsgranskare", "Content reviewers"),
    "editor.approver": ("Godkänd av", "Approved by"),
    "editor.valid_from": ("Giltig från", "Valid from"),
    "editor.valid_to": ("Giltig till", "Valid to"),
    "editor.revision_note": ("Revideringar i denna version", "Changes in this version"),
    "editor.related": ("Relaterad information", "Related information"),
    "editor.tags": ("Taggar", "Tags"),
    "editor.rules": ("Regler som kan kontrolleras", "Rules that can be checked"),
    "editor.name": ("Namn", "Name"),
    "editor.url": ("Adress", "Address"),
    "editor.units": ("Vilka enheter (urval)", "Which units (selection)"),
    "editor.note": ("Anmärkning", "Note"),
    "editor.review": ("Att granska (från importen)", "To review (from the import)"),
    "editor.owner.id": ("Person-ID", "Person id"),
    "editor.approver.id": ("Person-ID", "Person id"),
    "editor.reviewers.id": ("Person-ID", "Person id"),
    "editor.content_reviewers.id": ("Person-ID", "Person id"),
    "editor.any.id": ("Regelns id", "Rule id"),
    "editor.any.title": ("Befattning", "Job title"),
    "editor.related.title": ("Rubrik", "Title"),
    "editor.rules.offerings": ("Utbud som enheterna ska ha", "Services the units must offer"),
    "editor.rules.offers": ("Utbud som enheterna har", "Services the units offer"),
    "editor.rules.deadlines": ("Svarstider", "Deadlines"),
    "editor.rules.roles": ("Bemanning av roller", "Role staffing"),
    "editor.rules.recurring": ("Återkommande uppgifter", "Recurring tasks"),
    "editor.rules.responsibilities": ("Ansvar per roll", "Responsibilities by role"),
    "editor.case_types": ("Ärendetyper", "Case types"),
    "editor.except": ("Utom ärendetyperna", "Except the case types"),
    "editor.within_vardagar": ("Inom vardagar", "Within working days"),
    "editor.within_timmar": ("Inom timmar", "Within hours"),
    "editor.within_dygn": ("Inom dygn", "Within days of 24 hours"),
    "editor.partial_answer_counts": ("Ett delsvar räcker", "A partial answer counts"),
    "editor.partial_answer_text": ("Vad ett delsvar är", "What a partial answer is"),
    "editor.must_offer": ("Ska erbjuda", "Must offer"),
    "editor.unless": ("Utom för enheter där", "Except for units where"),
    "editor.when": ("Enheter med", "Units with"),
    "editor.drop": ("Behöver inte erbjuda", "Need not offer"),
    "editor.role": ("Roll", "Role"),
    "editor.min": ("Minst antal", "At least"),
    "editor.cover_absence_over_arbetsdagar": ("Ersättare vid frånvaro över (arbetsdagar)",
                                              "Cover for absences over (working days)"),
    "editor.cover_from": ("Ersättare hämtas från", "Cover comes from"),
    "editor.every": ("Hur ofta", "How often"),
    "editor.task": ("Uppgift", "Task"),
    "editor.duties": ("Ansvar", "Duties"),
    "editor.value.draft": ("Utkast", "Draft"),
    "editor.value.published": ("Publicerad", "Published"),
    "editor.value.withdrawn": ("Upphävd", "Withdrawn"),
    "editor.value.day": ("Varje dag", "Every day"),
    "editor.value.week": ("Varje vecka", "Every week"),
    "editor.value.month": ("Varje månad", "Every month"),
    "editor.value.year": ("Varje år", "Every year"),
    "editor.value.unit": ("Enheten", "The unit"),
    "editor.value.verksamhet": ("Verksamheten", "The department"),
    "editor.attribute.kind": ("Typ av enhet", "Kind of unit"),
    "help.serve.edit": (("med redigeraren på /admin/: ändringar i formuläret sparas direkt i rutinfilerna här "
                         "(granska dem sedan med git)"),
                        ("with the editor on /admin/: what the form saves is written into the routine files here "
                         "(review them with git)")),
    "serve.editor_ready": ("Redigera rutiner på {url}", "Edit routines at {url}"),
    # saving from the editor (authoring/editor_save.py, handbook/editor_backend.py)
    "editor.save_unreadable": ("{file}: det som redigeraren skickade går inte att läsa ({why})",
                               "{file}: what the editor sent cannot be read ({why})"),
    "editor.not_a_mapping": ("huvudet är ingen lista av fält", "the front matter is no mapping of fields"),
    "editor.save_mismatch": (("{file}: ändringen kunde inte skrivas så att filen läses tillbaka som formuläret; "
                              "filen är orörd"),
                             ("{file}: the change could not be written so that the file reads back as the form; "
                             "the file is untouched")),
    # hints under the fields
    "editor.hint.id": (("Bokstäver, siffror, punkt, bindestreck och understreck, till exempel SU9771-677637494-103; "
                        "unikt bland alla rutiner"),
                       "Letters, digits, dot, hyphen and underscore, e.g. SU9771-677637494-103; unique among all routines"),
    "editor.hint.version": ("Siffror med punkt, till exempel 6.0", "Digits with dots, e.g. 6.0"),
    "editor.hint.valid_to": (("Högst två år efter Giltig från, om inte routines.toml säger annat; en ny version "
                              "eller giltighet ska godkännas av den som står under Godkänd av"),
                             ("At most two years after Valid from unless routines.toml says otherwise; a new version "
                              "or validity must be approved by the person under Approved by")),
    "editor.hint.approver": (("Den som godkänner rutinen; en ny version publiceras först när hen har godkänt "
                              "ändringen"),
                             "Who approves the routine; a new version is published only once they approve the change"),
    "editor.hint.any.within_vardagar": (("Ange en av vardagar, timmar eller dygn. Vardagar: räknat från dagen efter att "
                                     "ärendet kom in; helgdagar räknas inte"),
                                    ("Give one of working days, hours or days of 24 hours. Working days: counted from "
                                     "the day after receipt; public holidays do not count")),
    "editor.hint.any.units": (("Lämna tomt för alla enheter som rutinen gäller för; annars de enheter som har alla "
                           "valda egenskaper"),
                          ("Leave empty for every unit the routine applies to; else the units that have every "
                           "property chosen")),
    "editor.hint.any.review": (("Skrivet av importen: ta bort texten när du har kontrollerat regeln mot rutinens text"),
                           ("Written by the import: remove the text once you have checked the rule against the "
                            "routine's text")),
    "editor.hint.any.must_offer": (("En lista i JSON med ärendetyperna inom citattecken, till exempel [\"begar-intyg\", "
                                "\"egenremiss\"]; när någon av flera räcker skrivs de som ett objekt med any_of och en lista; "
                                "routines check kontrollerar listan"),
                               ("A list in JSON of the case types in quotes, e.g. [\"begar-intyg\", \"egenremiss\"]; "
                                "when any one of several will do, write them as an object with any_of and a list; "
                                "routines check checks the list")),
    "editor.hint.person_id": (("Välj personen; namn och befattning fylls i från people.yaml när rutinen sparas"),
                              "Choose the person; the name and title are filled in from people.yaml on save"),
    "editor.hint.any.id": (("Ett kort namn för regeln, unikt i rutinen: små bokstäver, siffror och bindestreck, "
                            "till exempel svarstid"),
                           "A short name for the rule, unique in the routine: e.g. svarstid"),
    "editor.pattern": ("Värdet har inte rätt form: se hjälptexten", "The value does not have the right form: see the hint"),
}
"""Named messages of this part of the catalog."""
