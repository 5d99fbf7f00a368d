"""The texts of import, export, new and renew: their questions, findings and reports, in Swedish and English.

Part of the one message catalog, :mod:`generator.core.messages`. The metadata labels of the
plain-text format (``Gäller för``, ``Innehållsansvar``) are Swedish in both languages: they are
what the text a person imports says.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

AUTHORING: dict[str, Text] = {
    # the comment an imported routine gets over its proposed rules (in the content's language)
    "import.rules_comment": (("# Föreslaget av `routines import` ur texten: jämför varje regel med texten och ta\n"
                              "  # sedan bort dess rad `review:` (`routines check` varnar tills det är gjort)."),
                             ("# Proposed by `routines import` from the text: check each rule against the body, then\n"
                              "  # remove its `review:` line (`routines check` warns until you do).")),
    # the command line: help
    "help.import": ("gör om rutiner i oformaterad text (export från Word eller intranätet) till rutinfiler",
                    "turn plain-text routines (Word or intranet exports) into routine files"),
    "help.import.files": ("rutiner i oformaterad text (UTF-8) eller Word-filer (.docx)",
                          "plain-text routines (UTF-8) or Word files (.docx)"),
    "help.import.out": ("skriv i mappen DIR i stället för ROOT/routines (samma uppdelning: DIR/<enhet>/<titel>.md)",
                        "write into DIR instead of ROOT/routines (same layout: DIR/<unit>/<title>.md)"),
    "help.import.force": ("skriv över filer som redan finns", "overwrite files that exist"),
    "help.import.dry_run": ("visa vad som skulle skrivas; skriv ingenting", "show what would be written; write nothing"),
    "help.import.title": ("rutinens titel, för en text som saknar titel (bara en FILE)",
                          "the routine's title, for a text that has none (one FILE only)"),
    "help.export": ("skriv rutiner i det oformaterade textformatet (import läser in dem igen)",
                    "write routines in the plain-text format (import reads it back)"),
    "help.export.ids": ("ett Dokument-ID (fältet id) eller en rutins fil", "a Dokument-ID (id:) or a routine's file"),
    "help.export.out": ("skriv DIR/<id>.txt för varje rutin (annars till standard ut)",
                        "write DIR/<id>.txt for each routine (default: print to standard output)"),
    "help.export.force": ("skriv över filer som redan finns i --out", "overwrite files that exist in --out"),
    "help.new": ("börja en ny rutin från mallen, giltig från i dag",
                 "start a new routine from the template, valid at once"),
    "help.new.title": ("rutinens titel (frågas efter om den saknas och kommandot körs i en terminal)",
                       "the routine's title (asked for when missing and run in a terminal)"),
    "help.new.type": ("handlingstyp: rutin (standard), riktlinje, instruktion, policy, …",
                      "Handlingstyp: rutin (default), riktlinje, instruktion, policy, ..."),
    "help.new.unit": ("enheten rutinen gäller för: id, namn eller alias från organisation.yaml",
                      "the unit it applies to: id, name or alias from organisation.yaml"),
    "help.new.owner": ("innehållsansvarig, till exempel 'Anna Andersson, (anna01), Enhetschef'",
                       "Innehållsansvar, e.g. 'Anna Andersson, (anna01), Enhetschef'"),
    "help.new.approver": ("godkänd av: någon annan än den innehållsansvarige",
                          "Godkänd av: someone other than the owner"),
    "help.new.id": ("Dokument-ID (standard: ett nytt RUT-<enhet>-<år>-<nnn>)",
                    "the Dokument-ID (default: a fresh RUT-<unit>-<year>-<nnn>)"),
    "help.new.force": ("skriv över filen om den redan finns", "overwrite the file if it exists"),
    "help.new.dry_run": ("skriv ut rutinen i stället för att spara den", "print the routine instead of writing it"),
    "help.renew": ("börja en ny giltighetsperiod för en rutin (ny version och nya datum)",
                   "start a new validity period for a routine (new version and dates)"),
    "help.renew.id": ("rutinens id (Dokument-ID)", "the routine's id (Dokument-ID)"),
    "help.renew.version": ("den nya versionen (standard: nästa huvudversion, 6.0 -> 7.0)",
                           "the new version (default: the next major one, 6.0 -> 7.0)"),
    "help.renew.valid_from": ("första giltiga dag (standard: i dag)", "first valid day (default: today)"),
    "help.renew.valid_to": ("sista giltiga dag (standard: den längsta tid handlingstypen tillåter)",
                            "last valid day (default: the longest the document type allows)"),
    "help.renew.note": (("revideringsanteckningen, vad som ändrats i den här versionen (frågas efter om den "
                         "saknas och kommandot körs i en terminal)"),
                        ("the revision note, what changed in this version (asked for when missing and run in "
                         "a terminal)")),
    "help.renew.dry_run": ("visa ändringen som en diff; skriv ingenting", "show the change as a diff, write nothing"),
    # shared by the four commands
    "authoring.note": ("routines: obs: {message}", "routines: note: {message}"),
    "authoring.in_file": ("{file}: {message}", "{file}: {message}"),
    "authoring.at_line": ("{file}:{line}: {message}", "{file}:{line}: {message}"),
    "authoring.exists": ("{file} finns redan; ange --force för att skriva över den",
                         "{file} already exists; give --force to overwrite it"),
    "authoring.cannot_write": ("kan inte skriva {file}: {reason}", "cannot write {file}: {reason}"),
    # import: the report
    "import.title_one_file": ("--title gäller en rutin: ange exakt en FILE tillsammans med den",
                              "--title names one routine: give exactly one FILE with it"),
    "import.would_write": ("--- skulle skriva {target} (från {source}):", "--- would write {target} (from {source}):"),
    "import.wrote": ("skrev {target} (från {source})", "wrote {target} (from {source})"),
    "import.kept": (("{target} ersattes; det tidigare innehållet, som var annorlunda, finns kvar i {kept} "
                     "(jämför de två och ta sedan bort {kept})"),
                    ("{target} was replaced; its previous content, which differed, is kept as {kept} "
                     "(compare the two, then delete it)")),
    "import.review": ("  {where}:{line}: granska: {message}{quote}", "  {where}:{line}: review: {message}{quote}"),
    "import.quote": (" ur '{quote}'", " from '{quote}'"),
    "import.summary_wrote": ("skrev {done} av {files}; {points} att granska{advice}",
                             "wrote {done} of {files}; {points} to review{advice}"),
    "import.summary_would_write": ("skulle skriva {done} av {files}; {points} att granska{advice}",
                                   "would write {done} of {files}; {points} to review{advice}"),
    "import.summary_advice": (": jämför varje föreslagen regel med texten och ta sedan bort dess rad `review:`",
                              ": check each proposed rule against the text, then remove its `review:` line"),
    "import.copied": ("kopierade {files} från {root} till {out}, så att 'routines check --root {out}' fungerar",
                      "copied {files} from {root} into {out}, so that 'routines check --root {out}' works"),
    # import: why a file is not imported
    "import.not_utf8": (("filen är inte sparad som UTF-8: byte 0x{byte}{guess} på rad {line}, kolumn {column} "
                         "(byte {offset} räknat från början); spara den som UTF-8 (i Word: Spara som, Oformaterad "
                         "text, Unicode UTF-8) och importera den igen"),
                        ("the file is not UTF-8: byte 0x{byte}{guess} at line {line}, column {column} (byte offset "
                         "{offset}); save it as UTF-8 (in Word: Spara som, Oformaterad text, Unicode UTF-8) and "
                         "import it again")),
    "import.cp1252": (" ('{char}' i Windows-1252)", " ('{char}' in Windows-1252)"),
    "import.empty": ("filen är tom; exportera rutinen som text igen", "the file is empty; export the routine as text again"),
    "import.already_routine": (("det här är redan en rutinfil (den börjar med fält mellan två rader ---); kopiera "
                                "den till routines/ i stället för att importera den"),
                               ("this is already a routine file (it starts with front matter); copy it into "
                                "routines/ instead of importing it")),
    "import.not_a_routine": (("{source} är ingen rutin: texten anger inget av det en rutin anger (Dokument-ID, "
                              "Gäller för, Innehållsansvar, Godkänd av, Giltig från, Giltig till, Version); "
                              "importera den exporterade texten av en rutin, eller börja en ny med 'routines new'"),
                             ("{source} is not a routine: none of what a routine states (Dokument-ID, Gäller för, "
                              "Innehållsansvar, Godkänd av, Giltig från, Giltig till, Version) is in the text; "
                              "import a routine's exported text, or start one with 'routines new'")),
    "import.no_name": (("varken titel eller Dokument-ID: rutinen har inget att heta; lägg till en rad '# Titel' "
                        "eller 'Dokument-ID: …' i texten, eller ange --title"),
                       ("no title and no Dokument-ID: nothing to name the routine by; add a line '# Titel' or "
                        "'Dokument-ID: …' to the text, or give --title")),
    "import.same_target": (("{target} är också platsen för {other} i den här körningen; importera dem en i "
                            "taget, eller ge dem olika titlar"),
                           ("{target} is also where {other} goes in this run; import them one at a time, or give "
                            "them different titles")),
    # import: what to review
    "import.id_used": (("Dokument-ID {id} används redan av {other}; två rutiner med samma id är ett fel (ta bort "
                        "en av dem)"),
                       ("Dokument-ID {id} is already used by {other}; two routines with one id are an error "
                        "(remove one of them)")),
    "import.check": ("{code}: {message}", "{code}: {message}"),
    "import.proposed_rule": ("föreslagen regel {kind} '{name}' ({description})",
                             "proposed rule {kind} '{name}' ({description})"),
    "import.bad_status": ("Status '{status}' är inte Publicerad, Utkast eller Upphävd; rutinen skrivs som publicerad",
                          ("Status '{status}' is not one of Publicerad, Utkast, Upphävd; the routine is "
                           "written as published")),
    "import.no_person_id": ("{label} '{value}' saknar id: skriv det som 'Namn, (id), Titel' (id:t inom parentes)",
                            "{label} '{value}' has no id: write it as 'Namn, (id), Titel' (the id in parentheses)"),
    "import.not_a_date": ("{label} '{value}' är inte ett datum som ÅÅÅÅ-MM-DD",
                          "{label} '{value}' is not a date as YYYY-MM-DD"),
    "import.bad_related": ("kunde inte läsa en titel och en adress ur Relaterad information '{value}'; utelämnad",
                           "could not read a title and an address from Relaterad information '{value}'; left out"),
    "import.related_kept": (("kunde inte läsa en titel och en adress ur '{value}' under Relaterad information; "
                             "texten står kvar i brödtexten"),
                            ("could not read a title and an address from '{value}' under Relaterad information; "
                             "kept in the body")),
    "import.no_title": (("ingen titel: texten har varken en rad '# Titel' eller en rad 'Titel:'; lägg till "
                         "fältet `title:` i rutinen (eller importera den igen med --title)"),
                        ("no title: the text has no '# Titel' line nor a 'Titel:' line; add `title:` to the "
                         "routine (or import it again with --title)")),
    "import.missing": ("saknas i texten: {labels}; lägg till {fields} i rutinen",
                       "not in the text: {labels}; add {fields} to the routine"),
    "import.missing_near": (("saknas i texten: {label} (`{field}:`); närmast kommer '{quote}' på rad {line}: är "
                             "det {label}?"),
                            ("not in the text: {label} (`{field}:`); the closest is '{quote}' on line {line}: read "
                             "it as {label}?")),
    "import.title_first_line": (("titeln är läst ur raden '{title}' (texten har ingen titelrad och ingen etikett "
                                 "för titeln); kontrollera att det är rutinens titel"),
                                ("the title is read from the line '{title}' (the text has no title line nor label); "
                                 "check that it is the routine's")),
    "import.several_people": (("{label} '{value}' nämner flera personer; den första ({first}) används och raden "
                               "står kvar under Övriga uppgifter om dokumentet"),
                              ("{label} '{value}' names several persons; the first ({first}) is used and the line "
                               "is kept under Övriga uppgifter om dokumentet")),
    "import.kept_other": (("står kvar i brödtexten under Övriga uppgifter om dokumentet (fälten rymmer dem inte, "
                           "eller inte helt): {labels}"),
                          ("kept in the body under Övriga uppgifter om dokumentet (no field holds them, or not all "
                           "of them): {labels}")),
    "import.different": (("{label} anges med olika värden: {shown}; det första används, kontrollera vilket "
                          "som stämmer"),
                         "{label} is given with different values: {shown}; the first is used, check which is right"),
    "import.value_at": ("'{value}' (rad {line})", "'{value}' (line {line})"),
    "import.unknown_unit": (("Gäller för '{piece}' är inte namnet eller ett alias för en enhet i {where}{hint}; "
                             "skrivs som '{unit}', vilket check rapporterar tills du ersätter det med ett "
                             "enhets-id (eller lägger till enheten)"),
                            ("Gäller för '{piece}' is not a unit in {where} by name or alias{hint}; written as "
                             "'{unit}', which check reports until you replace it by a unit id (or add the unit)")),
    "import.org_unread": ("routines/organisation.yaml, som inte kunde läsas,",
                          "routines/organisation.yaml, which could not be read,"),
    "import.absence_no_role": (("'{sentence}' låter som en frånvaroregel men nämner ingen roll i "
                                "routines/catalog.yaml; inte föreslagen (lägg till regeln för hand)"),
                               ("'{sentence}' reads like an absence rule but names no role of "
                                "routines/catalog.yaml; not proposed (add the rule by hand)")),
    "import.recurring_no_role": (("'{sentence}' låter som en återkommande uppgift men nämner ingen roll i "
                                  "routines/catalog.yaml; inte föreslagen (lägg till regeln för hand)"),
                                 ("'{sentence}' reads like a recurring duty but names no role of "
                                  "routines/catalog.yaml; not proposed (add the rule by hand)")),
    "import.clinical_deadline": (("'{sentence}' låter som en tidsgräns i vården av patienten, inte en svarstid för "
                                  "ärenden; inte föreslagen som regel"),
                                 ("'{sentence}' reads like a time limit in patient care, not a deadline for cases; "
                                  "not proposed as a rule")),
    "import.deadline_no_case": (("'{sentence}' låter som en tidsgräns men nämner inget ärende eller någon ärendetyp; "
                                 "inte föreslagen som regel"),
                                ("'{sentence}' reads like a time limit but names no case nor case type; not proposed "
                                 "as a rule")),
    "import.unknown_service": (("tjänsten '{text}' är inte namnet eller ett alias för en ärendetyp i "
                                "routines/catalog.yaml; skrivs som '{found}', vilket check rapporterar tills du "
                                "ersätter det med ett id för en ärendetyp (eller lägger till den i katalogen)"),
                               ("service '{text}' is not a case type in routines/catalog.yaml (by name or alias); "
                                "written as '{found}', which check reports until you replace it by a case type "
                                "id (or add it to the catalog)")),
    # import: a proposed rule in a few words
    "import.rule_deadline": ("{which} inom {days}{partial}", "{which} within {days}{partial}"),
    "import.rule_all_types": ("alla ärendetyper", "every case type"),
    "import.rule_except": ("{which} utom {names}", "{which} except {names}"),
    "import.rule_partial": (", ett delsvar räcker", ", a partial answer counts"),
    "import.rule_where": (" vid enheter med {attrs}", " at units with {attrs}"),
    "import.rule_offerings": ("ska erbjuda {services}{where}", "must offer {services}{where}"),
    "import.rule_offers": ("erbjuder {services}{where}", "offers {services}{where}"),
    "import.rule_role": ("{role}, {staffed}{where}, frånvaro över {days} täcks från {cover}",
                         "{role}, {staffed}{where}, absences over {days} covered from {cover}"),
    "import.rule_at_least": ("minst {n}", "at least {n}"),
    "import.rule_not_required": ("inget krav", "not required"),
    "import.rule_recurring": ("{role} {every}{where}: {task}", "{role} {every}{where}: {task}"),
    "import.every_day": ("varje dag", "every day"),
    "import.every_week": ("varje vecka", "every week"),
    "import.every_month": ("varje månad", "every month"),
    "import.every_year": ("varje år", "every year"),
    # export
    "export.no_routine": (("ingen rutin har id:t eller filen '{name}' i {root}/routines; ange ett Dokument-ID "
                           "(fältet `id:` i rutinen) eller en rutins fil"),
                          ("no routine with the id or file '{name}' in {root}/routines; give a Dokument-ID (the "
                           "`id:` of the front matter) or a routine's file")),
    "export.unreadable": ("{file} kan inte läsas som en rutin; kör `routines check` för att se varför",
                          "{file} cannot be read as a routine; run `routines check` to see why"),
    "export.wrote": ("skrev {target} (från {file})", "wrote {target} (from {file})"),
    "export.rules_left_out": (("{routine}: rutinens {rules} inte med i textformatet; en import föreslår regler ur "
                               "texten igen, för granskning"),
                              ("{routine}: its {rules} not part of the plain-text format; an import proposes "
                               "rules again from the text, for review")),
    # new: questions and report
    "new.ask_title": ("Titel", "Title (titel)"),
    "new.ask_unit": ("Enhet: id, namn eller alias", "Unit: id, name or alias (enhet)"),
    "new.ask_owner": ("Innehållsansvarig som 'Namn, (id), Titel'", "Owner (innehållsansvarig) as 'Namn, (id), Titel'"),
    "new.ask_approver": ("Godkänd av som 'Namn, (id), Titel'", "Approver (godkänd av) as 'Namn, (id), Titel'"),
    "new.no_answer": ("inget användbart svar på '{question}' efter {tries}; ingenting skrevs",
                      "no usable answer to '{question}' after {tries}; nothing was written"),
    "new.not_asked": (("ange {options}: standard in är ingen terminal, så frågorna kan inte ställas"),
                      "missing {options} (standard input is not a terminal, so they cannot be asked for)"),
    "new.dry_run": ("provkörning: {file} skrevs inte", "dry run: {file} was not written"),
    "new.wrote": ("skrev {file} ({id}), giltig från {valid_from} till {valid_to}",
                  "wrote {file} ({id}), valid {valid_from} to {valid_to}"),
    "new.next": ("nästa steg: skriv avsnitten och kör sedan 'routines check'",
                 "next: write the sections, then run 'routines check'"),
    # new: what cannot be written
    "new.short_validity": (("den längsta giltighetstiden för typen '{type}' i routines.toml är för kort för att "
                            "börja en rutin"),
                           "the longest validity for type '{type}' in routines.toml is too short to start a routine"),
    "new.exists": ("{file} finns redan; ange en annan --title, eller --force för att skriva över den",
                   "{file} already exists; give another --title, or pass --force to overwrite it"),
    "new.would_fail": ("den nya rutinen skulle inte klara check: {problem}",
                       "the new routine would not pass check: {problem}"),
    "new.title_empty": ("--title är tom; ange rutinens titel", "--title is empty; give the routine's title"),
    "new.title_long": ("--title är {length} lång; högst 300 tecken är tillåtna",
                       "--title is {length} long; at most 300 are allowed"),
    "new.bad_type": (("--type '{type}' måste vara ett ord med små bokstäver, till exempel rutin, riktlinje, "
                      "instruktion eller policy"),
                     ("--type '{type}' must be a lower-case word such as rutin, riktlinje, instruktion or "
                      "policy")),
    "new.same_person": (("innehållsansvarig och godkännare är samma person; en rutin ska godkännas av någon "
                         "annan än den innehållsansvarige"),
                        ("the owner and the approver are the same person; a routine must be approved by "
                         "someone other than its owner")),
    "new.bad_id": ("--id '{id}' får bara innehålla bokstäver, siffror, '.', '_' och '-' (högst 100 tecken)",
                   "--id '{id}' must be letters, digits, '.', '_' or '-' (at most 100)"),
    "new.id_used": (("--id '{id}' används redan av en annan rutin; varje rutin behöver ett eget Dokument-ID "
                     "(utelämna --id så får rutinen ett nytt)"),
                    ("--id '{id}' is already used by another routine; every routine needs its own Dokument-ID "
                     "(leave --id out for a fresh one)")),
    # a person on the command line
    "person.form": ("{option} '{value}' är inte skrivet som 'Namn, (id), Titel'; till exempel {example}",
                    "{option} '{value}' is not 'Namn, (id), Titel'; for example {example}"),
    "person.no_name": ("{option} '{value}' har inget namn före id:t; till exempel {example}",
                       "{option} '{value}' has no name before the id; for example {example}"),
    "person.bad_id": (("{option} '{value}': id:t '{id}' får bara innehålla bokstäver, siffror, '.', '_' och '-' "
                       "(högst 50 tecken); till exempel {example}"),
                      ("{option} '{value}': the id '{id}' must be letters, digits, '.', '_' or '-' (at most 50); "
                       "for example {example}")),
    "person.too_long": ("{option} '{value}': namnet och titeln får vara högst 200 tecken var",
                        "{option} '{value}': the name and the title may be at most 200 characters"),
    "person.other_name": (("{option}: person-id:t '{id}' heter '{known}' i {file}, inte '{name}'; stava namnet "
                           "likadant överallt"),
                          "{option}: the person id '{id}' is '{known}' in {file}, not '{name}'; use one spelling"),
    # renew
    "renew.ask_note": ("Revideringar i version {version}",
                       "Revision note for version {version} (revideringar i denna version)"),
    "renew.not_asked": (("ange --note, revideringsanteckningen: standard in är ingen terminal, så frågan kan "
                         "inte ställas"),
                        ("missing --note, the revision note (standard input is not a terminal, so it cannot be "
                         "asked for)")),
    "renew.renewed": ("förnyade {file} ({id}): version {old} -> {new}, giltig från {valid_from} till {valid_to}",
                      "renewed {file} ({id}): version {old} -> {new}, valid {valid_from} to {valid_to}"),
    "renew.note_empty": ("revideringsanteckningen är tom; skriv vad som ändrats i den här versionen (--note)",
                         "the revision note is empty; say what changed in this version (--note)"),
    "renew.note_long": ("revideringsanteckningen är längre än 10 000 tecken",
                        "the revision note is longer than 10,000 characters"),
    "renew.changed": ("{file} ändrades på disken medan förnyelsen förbereddes; ingenting skrevs, kör renew igen",
                      "{file} changed on disk while the renewal was prepared; nothing was written, run renew again"),
    "renew.changed_read": ("{file} ändrades på disken medan den lästes; kör renew igen",
                           "{file} changed on disk while it was read; run renew again"),
    "renew.bad_date": (("{file}: fältet {field} saknas eller är inte ett datum som ÅÅÅÅ-MM-DD; kör 'routines "
                        "check' för att se varför, och rätta det innan du förnyar rutinen"),
                       ("{file}: {field} is missing or not a date as YYYY-MM-DD; run 'routines check' to see "
                        "why, and correct it before renewing")),
    "renew.bad_version": (("{file}: versionen måste vara ett tal inom citattecken, till exempel \"6.0\", innan "
                           "rutinen kan förnyas"),
                          ("{file}: the version must be a quoted number such as \"6.0\" before the routine "
                           "can be renewed")),
    "renew.from_before": (("valid_from {new} ligger före nuvarande valid_from {old}; en ny giltighetsperiod kan "
                           "inte börja före den den ersätter (ange ett --valid-from samma dag eller senare)"),
                          ("valid_from {new} is before the current valid_from {old}; a new validity period cannot "
                           "start before the one it replaces (give a --valid-from on or after it)")),
    "renew.has_errors": ("rutinen '{id}' ({file}) har fel i sina fält; rätta först det som check rapporterar",
                         "routine '{id}' ({file}) has errors in its front matter; fix what check reports first"),
    "renew.no_routine": (("ingen rutin har id:t '{id}'{hint}; ange id:t som står i rutinens fält id (routines "
                          "check listar varje fil)"),
                         ("no routine has the id '{id}'{hint}; give the id from its front matter (routines check "
                          "lists every file)")),
    "renew.id_twice": ("id:t '{id}' används av {files}; gör id:na unika först",
                       "the id '{id}' is used by {files}; make the ids unique first"),
    "renew.unsafe": ("{file}: rutinens fält kan inte läsas säkert; rätta först det som check rapporterar",
                     "{file}: the front matter cannot be read safely; fix what check reports first"),
    "renew.version_form": ("--version '{version}' måste vara tal med punkter, till exempel 7.0",
                           "--version '{version}' must be numbers with dots, such as 7.0"),
    "renew.not_higher": (("--version {new} är inte högre än nuvarande version {old}; en förnyelse kräver en ny "
                          "version"),
                         ("--version {new} is not higher than the current version {old}; a renewal needs a new "
                          "version")),
    "renew.to_not_after": ("valid_to {to} ligger inte efter valid_from {start}",
                           "valid_to {to} is not after valid_from {start}"),
    "renew.to_too_late": (("valid_to {to} ligger mer än {years} efter valid_from {start}; den längsta "
                           "giltighetstiden för typen '{type}' slutar {latest}"),
                          ("valid_to {to} is more than {years} after valid_from {start}; the longest validity "
                           "for type '{type}' ends {latest}")),
    "renew.to_past": ("valid_to {to} ligger före i dag ({today}): rutinen skulle ha gått ut direkt",
                      "valid_to {to} is before today ({today}): the routine would be expired at once"),
    # renew: editing the front matter as text
    "edit.unsafe": ("{file}: kan inte ändra '{key}' säkert ({why}); ändra filen för hand",
                    "{file}: cannot edit '{key}' safely ({why}); edit the file by hand"),
    "edit.why_not_line_start": ("nyckeln står inte först på sin rad", "the key does not start its line"),
    "edit.why_line_breaks": ("ovanliga radbrytningar bland fälten", "unusual line breaks in the front matter"),
    "edit.why_not_single": ("värdet är inte ett enkelt värde", "its value is not a single value"),
    "edit.why_anchor": ("värdet har ett ankare eller en tagg", "its value has an anchor or a tag"),
    "edit.why_block": ("värdet är skrivet som ett block av rader", "it is written as a block of lines"),
    "edit.why_header_line": ("blockets huvud står inte på nyckelns rad", "its block header is not on the key's line"),
    "edit.why_header_unusual": ("blockets huvud är ovanligt", "its block header is unusual"),
    "edit.why_spans": ("värdet sträcker sig över flera rader", "its value spans lines"),
    "edit.why_not_on_key_line": ("värdet står inte på nyckelns rad", "its value is not on the key's line"),
    "edit.why_between": ("en kommentar eller text står mellan nyckeln och värdet",
                         "a comment or text stands between the key and its value"),
    "edit.why_not_text": ("värdet är inte text", "its value is not text"),
    "edit.why_last_line": ("valid_to är sista raden bland fälten och saknar radslut",
                           "valid_to is the last line of the front matter without a line end"),
    "edit.unreadable": ("{file}: rutinens fält kan inte läsas ({error})", "{file}: the front matter cannot be read ({error})"),
    "edit.not_lines": ("{file}: rutinens fält är inte skrivna som rader 'nyckel: värde'; ändra filen för hand",
                       "{file}: the front matter is not written as 'key: value' lines; edit it by hand"),
    "edit.twice": ("{file}: nyckeln '{key}' anges två gånger; rätta först det som check rapporterar",
                   "{file}: the key '{key}' is given twice; fix what check reports first"),
    "edit.no_key": ("{file}: fältet '{key}' saknas", "{file}: the front matter has no '{key}'"),
    "edit.not_utf8": ("{file} är inte sparad som UTF-8", "{file} is not UTF-8"),
    "edit.no_front_matter": ("{file}: filen har inga fält att ändra (ingen rad --- först)", "{file}: no front matter to edit"),
    "edit.never_closed": ("{file}: fälten avslutas aldrig med en rad ---", "{file}: the front matter is never closed"),
    "edit.overlap": ("{file}: de ändrade värdena överlappar; ändra filen för hand",
                     "{file}: the edited values overlap; edit the file by hand"),
    "edit.would_break": ("{file}: ändringen skulle förstöra rutinens fält; ingenting skrevs",
                         "{file}: the edit would break the front matter; nothing was written"),
    "edit.more_changed": (("{file}: ändringen skulle ändra mer än version, datum och revideringsanteckning; "
                           "ingenting skrevs, ändra filen för hand"),
                          ("{file}: the edit would change more than the version, dates and revision note; "
                           "nothing was written, edit the file by hand")),
    "edit.new_error": ("{file}: efter ändringen skulle check rapportera {code}; ingenting skrevs",
                       "{file}: after the edit check would report {code}; nothing was written"),
}
"""Named messages of this part of the catalog."""
