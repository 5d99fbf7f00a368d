"""Everything else a person reads, in Swedish and English: the words rules are told in, reminder
digests, GitHub issue texts, e-mails and calendar entries, and the plurals.

Part of the one message catalog, :mod:`generator.core.messages`. Texts are format strings
with named fields (``{today}``); both languages of one entry have the same fields (tested).
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""
Plural = tuple[tuple[str, str], tuple[str, str]]
"""((Swedish one, Swedish many), (English one, English many)), each with ``{n}``."""

RULES: dict[str, Text] = {
    "cases": ("Ärenden", "Cases"),
    "answered": ("besvaras inom", "are answered within"),
    "within": ("inom", "within"),
    "partial": ("ett delsvar räcker", "a partial answer counts"),
    "except": ("utom", "except"),
    "or": ("eller", "or"),
    "at_least": ("minst", "at least"),
    "per": ("per", "per"),
    "unit": ("enhet", "unit"),
    "absence": ("frånvaro över", "absence over"),
    "needs_cover": ("kräver ersättare", "needs a deputy"),
    "cover_from": ("Ersättare tas i första hand från", "Deputies come first from"),
    "then": ("därefter från", "then from"),
    "from_unit": ("enheten", "the unit"),
    "from_verksamhet": ("verksamheten", "the verksamhet"),
    "true": ("ja", "yes"),
    "false": ("nej", "no"),
    "day_every": ("Varje dag", "Every day"),
    "week_every": ("Varje vecka", "Every week"),
    "month_every": ("Varje månad", "Every month"),
    "year_every": ("Varje år", "Every year"),
    "must_offer": ("Ska erbjuda", "Must offer"),
    "unless": ("Utom för enheter med", "Except for units with"),
    "not": ("inte", "not"),
    "offers": ("Erbjuder", "Offers"),
    "responsible": ("ansvarar för", "is responsible for"),
}
"""The words rules are told in: "Ärenden besvaras inom 2 vardagar"."""

REPORTS: dict[str, Text] = {
    # the Markdown digest of reminders (remind --format markdown, e-mail, GitHub issues)
    "digest.heading": ("Rutiner att revidera", "Routines to revise"),
    "digest.intro": ("Påminnelser den {today}: {routines} för {owners}.",
                     "Reminders on {today}: {routines} for {owners}."),
    "digest.none": ("Ingen publicerad rutin har nått ett påminnelsesteg.",
                    "No published routine has reached a reminder stage."),
    "digest.columns": ("| Rutin | Steg | Giltig till | Dagar kvar | Fil |",
                       "| Routine | Stage | Valid to | Days left | File |"),
    "digest.expired": ("utgången", "expired"),
    "digest.before": ("{days} före", "{days} before"),
    "digest.todo": (("**Att göra:** revidera rutinen, låt den godkännas och sätt en ny giltighetsperiod "
                    "(`valid_from`, `valid_to`), eller upphäv den (`status: withdrawn`)."),
                    ("**To do:** revise the routine, have it approved and set a new validity period "
                    "(`valid_from`, `valid_to`), or withdraw it (`status: withdrawn`).")),
    # the expiring calendar (expiring --format ics)
    "ics.summary": ("Sista giltighetsdag: {title}", "Last valid day: {title}"),
    "ics.description": ("Rutin: {title} ({id})\nInnehållsansvarig: {owner}\nGiltig till: {valid_to}\nFil: {file}",
                        "Routine: {title} ({id})\nOwner: {owner}\nValid to: {valid_to}\nFile: {file}"),
    "ics.alarm": ("{title}: sista giltighetsdag om {days}", "{title}: last valid day in {days}"),
    "ics.tasks": ("{site}: återkommande uppgifter", "{site}: recurring tasks"),
    "ics.task": (("Enhet: {unit_name} ({unit})\nRoll: {role}\nPeriod: {period} ({first} – {last})\nSenast: {due}"
                 "\nRutin: {title} ({routine}#{rule})"),
                 ("Unit: {unit_name} ({unit})\nRole: {role}\nPeriod: {period} ({first} to {last})\nDue: {due}"
                 "\nRoutine: {title} ({routine}#{rule})")),
    # reminder issues on GitHub
    "issue.title": ("Revidera rutinen {title} ({id}), giltig till {valid_to}",
                    "Revise the routine {title} ({id}), valid to {valid_to}"),
    "issue.valid": ("**{title}** ({id}) gäller till och med {valid_to}.",
                    "**{title}** ({id}) is valid until {valid_to} (inclusive)."),
    "issue.owner": ("- Innehållsansvarig: {owner}", "- Owner: {owner}"),
    "issue.stage": ("- Påminnelsesteg: {stage} (dagar kvar den {today}: {days_left})",
                    "- Reminder stage: {stage} (days left on {today}: {days_left})"),
    "issue.file": ("- Fil: {file}", "- File: {file}"),
    "issue.footer": (("_Skapad och uppdaterad av `routines remind --github`: ett ärende per rutin och "
                     "giltighetsperiod, som stängs när rutinen förnyas. Den dolda markeringen överst i texten "
                     "känner igen ärendet; ändra den inte._"),
                     ("_Opened and updated by `routines remind --github`: one issue per routine and validity "
                     "period, closed when the routine is renewed. The hidden marker at the top of the text "
                     "identifies the issue; do not change it._")),
    "issue.moved": ("Påminnelse till {owner}: rutinen har nått steget **{stage}** ({days_left} kvar den {today}).",
                    "Reminder: {owner}, the routine is now at the stage **{stage}** ({days_left} left on {today})."),
    "issue.withdrawn": ("Rutinen är upphävd; påminnelsen stängs.",
                        "The routine has been withdrawn (upphävd); this reminder is closed."),
    "issue.renewed": (("Rutinen är förnyad: ny giltighetsperiod till {new}. Påminnelsen för perioden till "
                      "{old} stängs."),
                      ("Renewed (förnyad): the routine is now valid to {new}. This reminder, for the period "
                      "to {old}, is closed.")),
    # reminder e-mails
    "mail.subject": ("{site}: {routines} att revidera ({today})", "{site}: {routines} to revise ({today})"),
    "mail.greeting": (("Hej {name}!\n\nDe här rutinerna som du är innehållsansvarig för behöver revideras "
                      "(den {today}):\n"),
                      "Hello {name},\n\nThese routines you own are due for revision (as of {today}):\n"),
    "mail.footer": ("Skickat av `routines remind --email`.", "Sent by `routines remind --email`."),
    "mail.sent": ("skickat         {owner} <{to}>", "e-mail sent     {owner} <{to}>"),
    "mail.skipped": ("hoppades över   {owner}: ingen adress i [email.owners] i routines.toml",
                     "e-mail skipped  {owner}: no address in [email.owners] of routines.toml"),
    "mail.failed": ("MISSLYCKADES    {owner}: {why}", "e-mail FAILED   {owner}: {why}"),
    "mail.no_address": ("ingen adress i [email.owners]", "no address in [email.owners]"),
    "mail.line_break": ("en radbrytning", "a line break"),
    "mail.control_character": ("ett styrtecken", "a control character"),
    "mail.bad_header": (("routines.toml: {setting} innehåller {what} ({code}), som inte kan stå i e-postens "
                         "{header}-rad; ta bort det"),
                        ("routines.toml: {setting} contains {what} ({code}), which cannot go into the {header} "
                         "header of an e-mail; remove it")),
    "mail.no_password": (("miljövariabeln {variable} (email.password_env i routines.toml) är inte satt: den ska "
                          "innehålla lösenordet till SMTP-servern"),
                         ("the environment variable {variable} (email.password_env in routines.toml) is not set: "
                          "it must hold the SMTP password")),
    "mail.no_starttls": (("SMTP-servern {where} erbjuder inte STARTTLS; sätt starttls = false i [email] bara om "
                          "förbindelsen är skyddad på annat sätt"),
                         ("SMTP server {where} does not offer STARTTLS; set starttls = false in [email] only if the "
                          "connection is otherwise protected")),
    "mail.server_failed": ("SMTP-servern {where}: {why} ({sent} av {digests} skickades innan dess)",
                           "SMTP server {where}: {why} ({sent} of {digests} sent before it)"),
    # the expiring report and calendar (routines expiring)
    "expiring.heading": (("Utgångna och snart utgående rutiner den {today} (inom {days}): {expired} har gått ut, "
                         "{expiring} går snart ut"),
                         ("Expired and expiring routines on {today} (within {days}): {expired} expired, "
                         "{expiring} expiring")),
    "expiring.none": ("  inga: alla publicerade rutiner gäller längre än så",
                      "  none: every published routine is valid for longer"),
    "expiring.line": ("  giltig till {valid_to}, {when}: {title} ({id})  {file}",
                      "  valid to {valid_to}, {when}: {title} ({id})  {file}"),
    "reminders.expired_ago": ("gick ut för {days} sedan", "expired {days} ago"),
    "reminders.expires_today": ("går ut i dag (sista giltighetsdagen)", "expires today (its last valid day)"),
    "reminders.expires_in": ("går ut om {days}", "expires in {days}"),
    "reminders.no_owner": ("(ingen innehållsansvarig)", "(no owner)"),
    "ics.name": ("{site}: rutiner som går ut", "{site}: expiring routines"),
    # the reminders report (routines remind)
    "remind.heading": ("Påminnelser den {today}: {routines}, {owners}", "Reminders due on {today}: {routines}, {owners}"),
    "remind.none": ("  inga: ingen publicerad rutin har nått ett påminnelsesteg",
                    "  none: no published routine has reached a reminder stage"),
    "remind.line": ("  steg {stage:<8}  giltig till {valid_to}, {when}: {title} ({id})  {file}",
                    "  stage {stage:<7}  valid to {valid_to}, {when}: {title} ({id})  {file}"),
    "remind.github": ("GitHub-ärenden:", "GitHub issues:"),
    "remind.github_nothing": ("  inget att göra", "  nothing to do"),
    "remind.email": ("Sammanställningar per e-post:", "E-mail digests:"),
    "remind.email_none": ("inga att skicka", "none to send"),
    "remind.mail_to": ("e-post till {owner}: {why}", "e-mail to {owner}: {why}"),
    "remind.gh_without_github": ("--gh gäller bara tillsammans med --github", "--gh only applies with --github"),
    "remind.no_email": ("--email kräver ett avsnitt [email] i routines.toml (host, from, owners); se README",
                        "--email needs an [email] section in routines.toml (host, from, owners); see the README"),
    "remind.toml_errors": ("routines.toml har fel, så inställningarna i [email] kan inte användas: {problems}",
                           "routines.toml has errors, so its [email] settings cannot be used: {problems}"),
    "remind.toml_error": ("rad {line}: {message}", "line {line}: {message}"),
    # GitHub issues: the report of a run, and gh's failures (routines remind --github)
    "github.action_line": ("{action:<11} {number:<6} {routine} valid_to={valid_to}{detail}",
                           "{action:<9} {number:<6} {routine} valid_to={valid_to}{detail}"),
    "github.created": ("skapat", "created"),
    "github.updated": ("uppdaterat", "updated"),
    "github.reopened": ("återöppnat", "reopened"),
    "github.unchanged": ("oförändrat", "unchanged"),
    "github.closed": ("stängt", "closed"),
    "github.ignored": ("förbigått", "ignored"),
    "github.closed_at": ("{label}, stängt", "{label}, closed"),
    "github.withdrawn": ("upphävd", "withdrawn"),
    "github.renewed": ("förnyad", "renewed"),
    "github.not_ours": ("har markeringen men är inte vårt: {why}", "has the marker but is not ours: {why}"),
    "github.without_label": ("saknar etiketten {label}", "without the label {label}"),
    "github.opened_by": ("skapat av {author}, inte {me}", "opened by {author}, not {me}"),
    "github.unknown_author": ("okänd", "unknown"),
    "github.no_gh": ("'gh' finns inte i PATH; installera GitHub CLI (https://cli.github.com/) eller ange --gh PATH",
                     "'gh' is not on PATH; install the GitHub CLI (https://cli.github.com/) or pass --gh PATH"),
    "github.no_gh_file": (("'{gh}' är ingen körbar fil; installera GitHub CLI (https://cli.github.com/) eller ange "
                           "--gh PATH"),
                          ("'{gh}' is not an executable file; install the GitHub CLI (https://cli.github.com/) or "
                           "pass --gh PATH")),
    "github.could_not_run": ("{shown}: kunde inte köra {gh}: {why}", "{shown}: could not run {gh}: {why}"),
    "github.failed": ("{shown} misslyckades (slutstatus {code}): {why}", "{shown} failed (exit {code}): {why}"),
    "github.no_message": ("inget meddelande", "no message"),
    "github.not_a_list": ("gh issue list gav ingen JSON-lista", "gh issue list did not return a JSON list"),
    "github.unexpected": ("{command}: oväntat svar ({why})", "{command}: unexpected output ({why})"),
    "github.no_login": ("gh api graphql: inget användarnamn för kontot som token hör till (fick {got})",
                        "gh api graphql: no login for the account the token belongs to (got {got})"),
    "github.label_base": ("routines: påminnelse om revision", "routines: revision reminder"),
    "github.label_stage": ("routines: påminnelsesteg", "routines: reminder stage"),
    # the obligations report (routines obligations)
    "obligations.routines": ("  Rutiner:", "  Routines:"),
    "obligations.inherited": ("ärvd från {via}", "inherited from {via}"),
    "obligations.direct": ("gäller direkt", "applies directly"),
    "obligations.deadlines": ("  Svarstider:", "  Deadlines:"),
    "obligations.roles": ("  Roller:", "  Roles:"),
    "obligations.cover": (", frånvaro över {days} kräver ersättare från {places}",
                          ", absences over {days} need a deputy from {places}"),
    "obligations.services": ("  Tjänster:", "  Services:"),
    "obligations.declared": ("    erbjuds: {services}", "    declared: {services}"),
    "obligations.none": ("inga", "none"),
    "obligations.required": ("    krävs: {services} [{source}] {state}", "    required: {services} [{source}] {state}"),
    "obligations.missing": ("SAKNAS", "MISSING"),
    "obligations.ok": ("finns", "ok"),
    "obligations.recurring": ("  Återkommande uppgifter:", "  Recurring tasks:"),
    "obligations.every_day": ("varje dag", "every day"),
    "obligations.every_week": ("varje vecka", "every week"),
    "obligations.every_month": ("varje månad", "every month"),
    "obligations.every_year": ("varje år", "every year"),
}
"""Reports, issues, e-mails and calendars."""

PLURALS: dict[str, Plural] = {
    "routine": (("{n} rutin", "{n} rutiner"), ("{n} routine", "{n} routines")),
    "owner": (("{n} ägare", "{n} ägare"), ("{n} owner", "{n} owners")),
    "day": (("{n} dag", "{n} dagar"), ("{n} day", "{n} days")),
    "vardag": (("{n} vardag", "{n} vardagar"), ("{n} working day", "{n} working days")),
    "arbetsdag": (("{n} arbetsdag", "{n} arbetsdagar"), ("{n} working day", "{n} working days")),
    "digest.todo_expired": (("**{n} rutin har gått ut** och gäller inte längre: revidera den nu eller upphäv den.",
                             "**{n} rutiner har gått ut** och gäller inte längre: revidera dem nu eller upphäv dem."),
                            ("**{n} routine has expired** and no longer applies: revise or withdraw it now.",
                             "**{n} routines have expired** and no longer apply: revise or withdraw them now.")),
    "error": (("{n} fel", "{n} fel"), ("{n} error", "{n} errors")),
    "warning": (("{n} varning", "{n} varningar"), ("{n} warning", "{n} warnings")),
    "routine_file": (("{n} rutinfil", "{n} rutinfiler"), ("{n} routine file", "{n} routine files")),
    "file": (("{n} fil", "{n} filer"), ("{n} file", "{n} files")),
    "point": (("{n} punkt", "{n} punkter"), ("{n} point", "{n} points")),
    "row": (("{n} rad", "{n} rader"), ("{n} row", "{n} rows")),
    "occurrence": (("{n} tillfälle", "{n} tillfällen"), ("{n} occurrence", "{n} occurrences")),
    "missed_occurrence": (("{n} missat tillfälle", "{n} missade tillfällen"),
                          ("{n} missed occurrence", "{n} missed occurrences")),
    "rule": (("{n} regel", "{n} regler"), ("{n} rule", "{n} rules")),
    "case": (("{n} ärende", "{n} ärenden"), ("{n} case", "{n} cases")),
    "service": (("{n} tjänst", "{n} tjänster"), ("{n} service", "{n} services")),
    "column": (("kolumnen", "kolumnerna"), ("column", "columns")),
    "rule_is": (("{n} regel är", "{n} regler är"), ("{n} rule is", "{n} rules are")),
    # routines check: lengths and counts in schema problems (generator.content.schemas)
    "check.character": (("{n} tecken", "{n} tecken"), ("{n} character", "{n} characters")),
    "check.item": (("{n} värde", "{n} värden"), ("{n} item", "{n} items")),
    "check.field": (("{n} fält", "{n} fält"), ("{n} field", "{n} fields")),
    "check.year": (("{n} år", "{n} år"), ("{n} year", "{n} years")),
    # import, export, new and renew
    "authoring.attempt": (("{n} försök", "{n} försök"), ("{n} try", "{n} tries")),
    "authoring.year": (("{n} år", "{n} år"), ("{n} year", "{n} years")),
    "authoring.character": (("{n} tecken", "{n} tecken"), ("{n} character", "{n} characters")),
    # build, serve, expiring and remind
    "page": (("{n} sida", "{n} sidor"), ("{n} page", "{n} pages")),
    "content_owner": (("{n} innehållsansvarig", "{n} innehållsansvariga"), ("{n} owner", "{n} owners")),
    "digest": (("{n} sammanställning", "{n} sammanställningar"), ("{n} digest", "{n} digests")),
    # case exports, deadlines, rosters and recurring tasks (messages_cases)
    "judged_case": (("{n} ärende", "{n} ärenden"), ("{n} judged", "{n} judged")),
    "finding": (("{n} avvikelse", "{n} avvikelser"), ("{n} finding", "{n} findings")),
    "roster_entry": (("{n} post i bemanningslistan", "{n} poster i bemanningslistan"),
                     ("{n} roster entry", "{n} roster entries")),
    # the handbook (templates read these as n("name", count))
    "inherited_many": (("{n} rutin ärvs från {unit}; se enhetssidan.", "{n} rutiner ärvs från {unit}; se enhetssidan."),
                       ("{n} routine is inherited from {unit}; see its page.",
                        "{n} routines are inherited from {unit}; see its page.")),
    # spreadsheet reports (--format xlsx)
    "sheet": (("{n} blad", "{n} blad"), ("{n} sheet", "{n} sheets")),
    # deadline rules in elapsed time (within_timmar, within_dygn; rules_text.within_text)
    "timme": (("{n} timme", "{n} timmar"), ("{n} hour", "{n} hours")),
    "dygn": (("{n} dygn", "{n} dygn"), ("{n} day of 24 hours", "{n} days of 24 hours")),
}
"""Counted things: ``{n}`` and the noun in the right number."""
