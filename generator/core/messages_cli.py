"""The command line in Swedish and English: help, usage errors, errors and the reports of the
commands.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

CLI: dict[str, Text] = {
    "list.or": (" eller ", " or "),
    "list.and": (" och ", " and "),
    "cli.error": ("routines: fel: {message}", "routines: error: {message}"),
    "cli.warning": ("routines: varning: {message}", "routines: warning: {message}"),
    "cli.interrupted": ("routines: avbrutet", "routines: interrupted"),
    "cli.seconds": ("{seconds} s", "{seconds} s"),
    "cli.decimal_mark": (",", "."),
    "cli.no_answer": ("inget svar (indata tog slut)", "no answer (end of input)"),
    # argparse's own words (cli.args.Parser)
    "usage.prefix": ("användning: ", "usage: "),
    "usage.positionals": ("argument", "positional arguments"),
    "usage.options": ("flaggor", "options"),
    "usage.error": ("{prog}: fel: {message}", "{prog}: error: {message}"),
    "usage.argument": ("argumentet {name}: {message}", "argument {name}: {message}"),
    "usage.required": ("de här argumenten måste anges: {names}", "the following arguments are required: {names}"),
    "usage.one_required": ("ett av argumenten {names} måste anges", "one of the arguments {names} is required"),
    "usage.invalid_choice": ("ogiltigt val '{value}'; välj {choices}",
                             "invalid choice: '{value}' (choose from {choices})"),
    "usage.unrecognized": ("okända argument: {args}", "unrecognized arguments: {args}"),
    "usage.expected_one": ("ett värde måste anges", "expected one argument"),
    "usage.expected_at_most_one": ("högst ett värde får anges", "expected at most one argument"),
    "usage.expected_at_least_one": ("minst ett värde måste anges", "expected at least one argument"),
    "usage.invalid_value": ("'{value}' är inget giltigt värde (av typen {type})", "invalid {type} value: '{value}'"),
    "usage.not_allowed": ("kan inte anges tillsammans med {other}", "not allowed with argument {other}"),
    "usage.ignored_explicit": ("flaggan tar inget värde, men fick '{value}'", "ignored explicit argument '{value}'"),
    # the value types of the command line (cli.args)
    "value.day": ("'{value}' är inget datum på formen YYYY-MM-DD", "'{value}' is not a date as YYYY-MM-DD"),
    "value.supported": (("'{value}' ligger utanför de datum som stöds, {first} till {last} (de år som den "
                         "svenska helgdagskalendern omfattar)"),
                        ("'{value}' is outside the supported dates, {first} to {last}, the years the Swedish "
                         "holiday calendar covers")),
    "value.instant": ("'{value}' är ingen tidpunkt som till exempel 2026-04-02T09:15:00+02:00",
                      "'{value}' is not a timestamp such as 2026-04-02T09:15:00+02:00"),
    "value.instant_empty": ("tidpunkten är tom", "empty timestamp"),
    "value.not": ("'{value}' är inte {what}", "'{value}' is not {what}"),
    "value.port": ("ett portnummer från 0 till 65535", "a port number from 0 to 65535"),
    "value.jobs": ("ett antal arbetsprocesser från 1 till {max} (0: en per kärna)",
                   "a number of worker processes from 1 to {max} (0: one per core)"),
    "value.days": ("ett antal dagar från 0 till 36600 (100 år)", "a number of days from 0 to 36600 (100 years)"),
    # help: the command and the options every subcommand shares
    "help.description": (("Rutinhandboken: rutiner som granskade dokument, personalens handbok och kontroller "
                          "av svarstider, roller och påminnelser."),
                         ("Routine handbook: routines as validated documents, the staff handbook, and executable "
                          "checks of deadlines, roles and reminders.")),
    "help.help": ("visa den här hjälpen och avsluta", "show this help message and exit"),
    "help.version": ("visa programmets version och avsluta", "show the program's version number and exit"),
    "help.command": ("KOMMANDO", "COMMAND"),
    "help.root": ("innehållsroten: mappen som innehåller routines/ (standard: .)",
                  "the content root: the directory holding routines/ (default: .)"),
    "help.format": ("utdataformat (standard: text)", "output format (default: text)"),
    "help.today": (("dagen som giltigheten bedöms på (standard: dagens datum i den inställda tidszonen, eller "
                    "dagen för SOURCE_DATE_EPOCH)"),
                   ("the day to judge validity on (default: today in the configured time zone, or the day of "
                    "SOURCE_DATE_EPOCH)")),
    "help.cache_dir": ("var cachen sparas (standard: $ROUTINES_CACHE_DIR eller ~/.cache/routines)",
                       "where to keep the cache (default: $ROUTINES_CACHE_DIR or ~/.cache/routines)"),
    "help.no_cache": ("läs varje fil på nytt och skriv ingen cache", "read every file afresh, write no cache"),
    "help.jobs": ("antal arbetsprocesser (standard: en per kärna)", "worker processes (default: one per core)"),
    "help.lang": (("språk för utdata: sv eller en (standard: $ROUTINES_LANG, annars language i routines.toml, "
                   "annars sv)"),
                  ("language of the output: sv or en (default: $ROUTINES_LANG, else language in routines.toml, "
                   "else sv)")),
    # help: check, build, serve, obligations
    "help.check": ("kontrollera alla filer i innehållsroten", "validate every file of the content root"),
    "help.check.strict": ("även varningar räknas som fel (slutstatus 1)", "warnings fail too (exit 1)"),
    "help.build": ("bygg personalens handbok (webbplatsen)", "render the staff handbook site"),
    "help.build.out": ("mappen som handboken skrivs till (standard: ROOT/_site)",
                       "output directory (default: ROOT/_site)"),
    "help.build.strict": ("slutstatus 1 när en rutin har fel (webbplatsen byggs ändå), för CI",
                          "exit 1 when a routine has errors (the site is built all the same), for CI"),
    "help.build.no_search": ("hoppa över sökindexeringen (Pagefind)", "skip search indexing (Pagefind)"),
    "help.build.cases": ("en ärendeexport: lägger till rapporten Svarstider, länkad från enhetssidorna",
                         "a case export: adds the Svarstider report, linked from the unit pages"),
    "help.build.now": (("bedöm öppna ärenden vid den här tidpunkten (standard: nu; utan tidszon: lokal tid i den "
                        "inställda zonen)"),
                       ("judge open cases as of this instant (default: now; without an offset: local time in the "
                        "configured zone)")),
    "help.build.roster": ("ett bemanningsschema: lägger till kalendern Bemanning, länkad från enhetssidorna",
                          "a roster: adds the Bemanning calendar, linked from the unit pages"),
    "help.build.roster_from": ("första dagen i bemanningskalendern (standard: i dag)",
                               "first day of the staffing calendar (default: today)"),
    "help.build.roster_to": ("sista dagen i bemanningskalendern (standard: åtta veckor senare)",
                             "last day of the staffing calendar (default: eight weeks on)"),
    "help.serve": ("förhandsgranska handboken: bygg, visa och bygg om och ladda om vid ändringar",
                   "preview the handbook: build, serve, rebuild and reload on change"),
    "help.serve.host": ("adressen att lyssna på (standard: 127.0.0.1, bara den här datorn)",
                        "address to listen on (default: 127.0.0.1, this computer only)"),
    "help.serve.port": ("porten att lyssna på (standard: 8000; 0: valfri ledig port)",
                        "port to listen on (default: 8000; 0: any free one)"),
    "help.obligations": ("vad som gäller för en enhet efter arv", "what applies to a unit after inheritance"),
    "help.obligations.unit": ("en enhets id, namn eller alias (standard: alla enheter)",
                              "a unit id, name or alias (default: every unit)"),
    # help: expiring and remind
    "help.expiring": ("rutiner som har gått ut eller snart går ut, per innehållsansvarig",
                      "expired and soon-expiring routines, grouped by owner"),
    "help.expiring.within": (("visa rutiner som går ut inom DAYS dagar (standard: validity.warn_within_days i "
                              "routines.toml, 90)"),
                             ("list routines that expire within DAYS days (default: validity.warn_within_days "
                              "in routines.toml, 90)")),
    "help.remind": ("dagens påminnelser om revision, en sammanställning per innehållsansvarig",
                    "the revision reminders due today, one digest per owner"),
    "help.remind.github": ("skapa eller uppdatera ett GitHub-ärende per rutin och giltighetsperiod (gh CLI)",
                           "open or update one GitHub issue per routine and validity period (gh CLI)"),
    "help.remind.gh": ("programmet gh (standard: gh i PATH)", "the gh executable (default: gh on PATH)"),
    "help.remind.email": ("e-posta varje innehållsansvarig sin sammanställning (SMTP, [email] i routines.toml)",
                          "e-mail each owner their digest (SMTP, [email] in routines.toml)"),
    # check, build, serve
    "check.timed": ("{summary} ({seconds})", "{summary} ({seconds})"),
    "build.built": (("byggde {pages} i {target} ({rendered} nya, {reused} oförändrade; sökindex: {search}) på "
                    "{seconds}"),
                    ("built {pages} in {target} ({rendered} rendered, {reused} unchanged; search {search}) in "
                    "{seconds}")),
    "build.findings": ("fynd: {errors}, {warnings} (på sidan Fynd)", "findings: {errors}, {warnings} (on the Findings page)"),
    "build.left_out": (("utelämnade från webbplatsen eftersom de inte kunde läsas ({files}; deras fynd står på "
                       "sidan Fynd):"),
                       ("left out of the site, because they could not be read ({files}; their findings are on the "
                       "Findings page):")),
    "build.search_indexed": ("skapat", "indexed"),
    "build.search_skipped": ("hoppades över", "skipped"),
    "build.search_kept": ("behölls från förra bygget", "kept from the previous build"),
    "serve.public_host": ("--host {host}: förhandsvisningen kan nås från andra datorer",
                          "--host {host}: the preview may be reachable from other computers"),
    "serve.too_long": ("Adressen är för lång: ingen sida i handboken har en så lång adress.",
                       "The address is too long: no page of the handbook has one that long."),
    "serve.not_found": ("Sidan finns inte", "Page not found"),
    "serve.not_found_page": (('<!doctype html>\n<html lang="{lang}"><meta charset="utf-8"><title>{title}</title>\n'
                              "<h1>{title}</h1>\n<p>Handboken har ingen sida på adressen <code>{path}</code>. Den kan "
                              'ha flyttats eller tagits bort, eller inte byggts ännu.</p>\n<p><a href="/">Till '
                              "startsidan</a></p>\n"),
                             ('<!doctype html>\n<html lang="{lang}"><meta charset="utf-8"><title>{title}</title>\n'
                              "<h1>{title}</h1>\n<p>The handbook has no page at <code>{path}</code>. It may have "
                              'been moved or removed, or not built yet.</p>\n<p><a href="/">To the start '
                              "page</a></p>\n")),
    "serve.ready": ("handboken visas på {url} (avsluta med Ctrl-C)", "serving the handbook at {url} (Ctrl-C to stop)"),
    "serve.stopped": ("routines: avslutad", "routines: stopped"),
    "serve.summary": (("{pages} ({rendered} nya, {reused} oförändrade; sökindex: {search}) på {seconds}; fynd: "
                      "{errors}, {warnings}"),
                      ("{pages} ({rendered} rendered, {reused} unchanged; search {search}) in {seconds}; findings: "
                      "{errors}, {warnings}")),
    "serve.built": ("byggde {summary}", "built {summary}"),
    "serve.rebuilt": ("{stamp} byggde om {summary}", "{stamp} rebuilt {summary}"),
    "serve.rebuild_failed": ("{stamp} ombyggnaden misslyckades, den senaste fungerande versionen visas: {error}",
                             "{stamp} rebuild failed, still serving the last good site: {error}"),
    "serve.cannot": ("kan inte ta emot anrop på {host} port {port}: {why}", "cannot serve on {host} port {port}: {why}"),
    "serve.forbidden": (("Förbjudet: den här förhandsvisningen svarar bara på anrop till {url} (eller localhost "
                         "med samma port).\n"),
                        "Forbidden: this preview answers only requests for {url} (or localhost with its port).\n"),
    # build: errors and warnings (generator.handbook.build)
    "build.out_is_root": ("--out {out} skulle ersätta själva innehållsroten; välj en annan mapp",
                          "--out {out} would replace the content root itself; choose another directory"),
    "build.out_in_content": ("--out {out} ligger i innehållets egna mappar; välj en annan mapp",
                             "--out {out} is inside the content's own folders; choose another directory"),
    "build.out_not_dir": ("--out {out} är ingen mapp; den ersätts inte",
                          "--out {out} is not a directory; refusing to replace it"),
    "build.out_not_ours": (("--out {out} innehåller filer som inte kommer från ett tidigare bygge av handboken "
                            "(ingen {manifest}); mappen ersätts inte. Välj en tom eller ny mapp."),
                           ("--out {out} holds files that are not an earlier build of the handbook (no {manifest}); "
                            "refusing to replace it. Choose an empty or new directory.")),
    "build.cannot_write": ("kan inte skriva handboken till {out}: {why}", "cannot write the handbook into {out}: {why}"),
    "build.cannot_write_kept": (("kan inte skriva handboken till {out}: {why}{where}; den tidigare webbplatsen är kvar "
                                "som den var"),
                                ("cannot write the handbook into {out}: {why}{where}; the previous site is left as "
                                "it was")),
    "build.changed": ("{file} ändrades eller försvann under bygget; bygg igen",
                      "{file} changed or disappeared during the build; run the build again"),
    "build.file_problem": ("{file}: {problem}", "{file}: {problem}"),
    "build.search_could_not_run": ("sökindexeringen (Pagefind) kunde inte köras: {why}",
                                   "search indexing (Pagefind) could not run: {why}"),
    "build.search_failed": ("sökindexeringen (Pagefind) misslyckades: {why}", "search indexing (Pagefind) failed: {why}"),
    "build.cases_need_now": ("rapporten över ärenden behöver tidpunkten som öppna ärenden bedöms vid (now)",
                             "a case report needs the instant to judge open cases as of (now)"),
    "build.roster_problem": ("{file}:{line}: {message}", "{file}:{line}: {message}"),
    "build.worker_lost": (("en arbetsprocess för sidorna avslutades oväntat ({why}); ingenting skrevs. "
                          "Bygg igen, med --jobs 1 om det händer igen"),
                         ("a worker process for the pages ended unexpectedly ({why}); nothing was written. "
                          "Run the build again, with --jobs 1 if it happens again")),
    # templates (generator.handbook.render)
    "render.refused": ("{file}: mallen {problem}. Ingenting skrevs.", "{file}: this template is {problem}. Nothing was written."),
    "render.outside": (("är en symbolisk länk till {target}, utanför innehållsmappen; den följs inte (inget utanför "
                        "mappen läses eller publiceras). Kopiera det den pekar på in i mappen, eller ta bort länken"),
                       ("a symbolic link to {target}, outside the content root; it is not followed (nothing outside "
                        "the root is read or published). Copy what it points to into the root, or remove the link")),
    "render.not_regular": (("är ingen vanlig fil (en mapp, namngiven pipe, enhet eller socket) och läses inte. "
                            "Ersätt den med själva mallfilen"),
                           ("not a regular file (a folder, named pipe, device or socket); it is not read. Replace "
                            "it with the template file itself")),
    "render.too_large": ("är större än {mb} MB; en mall är uppmärkning, inte data: gör den mindre",
                         "larger than {mb} MB; a template is markup, not data: make it smaller"),
    "render.not_utf8": ("är inte UTF-8 (byte {byte}); spara den som UTF-8", "not UTF-8 (byte {byte}); save it as UTF-8"),
    "render.sandbox": (("{prefix}mallen nekades när {doing}: {message}. Mallar körs i en sandlåda och får bara visa "
                        "de data de får: ta bort uttrycket ur mallen. {outcome}"),
                       ("{prefix}template refused while {doing}: {message}. Templates run in a sandbox and may only "
                        "show the data they are given: remove that expression from the template. {outcome}")),
    "render.failed": ("{prefix}fel i mallen när {doing}: {message}. {outcome}",
                      "{prefix}template error while {doing}: {message}. {outcome}"),
    "render.no_macro": (("macros.html saknar makrot {macro}, som gör en rad i {path}: kopiera det från standardtemats "
                         "macros.html till temats. {outcome}"),
                        ("macros.html has no macro {macro}, which makes a row of {path}: copy it from the default "
                         "theme's macros.html into the theme's. {outcome}")),
    "render.doing_page": ("{path} skrevs", "rendering {path}"),
    "render.doing_report": ("rapporten ({kind}) skrevs", "rendering the {kind} report"),
    "render.outcome_site": ("Handboken skrevs inte; en tidigare webbplats är kvar som den var.",
                            "The handbook was not written; any previous site is left as it was."),
    "render.outcome_none": ("Ingenting skrevs.", "Nothing was written."),
}
"""The command line."""
