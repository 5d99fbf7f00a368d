"""The texts of case exports, deadlines, due, rosters, roles and recurring tasks (deadlines, due, roles, tasks and the Svarstider and Bemanning pages), in Swedish and English.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

CASES: dict[str, Text] = {
    # argparse help of deadlines, due, roles and tasks
    "help.deadlines": ("kontrollera en ärendeexport mot reglerna för svarstider",
                       "check a case export against the deadline rules"),
    "help.deadlines.cases": ("ärendeexporten (CSV eller .xlsx, SPEC 6)", "the case export (CSV or .xlsx, SPEC 6)"),
    "help.deadlines.delimiter": (("fälten i CSV-filen skiljs åt med det här tecknet (standard: utläses ur "
                                  "rubrikraden, eller [cases] delimiter i routines.toml)"),
                                 ("the CSV file's fields are separated by this character (default: told from the "
                                  "header line, or [cases] delimiter in routines.toml)")),
    "help.deadlines.sheet": ("läs det här bladet i en .xlsx-fil (standard: det första)",
                             "read this sheet of an .xlsx workbook (default: the first)"),
    "help.deadlines.now": (("bedöm öppna ärenden per den här tidpunkten (standard: nu; utan tidszon: lokal tid i "
                            "den inställda tidszonen)"),
                           ("judge open cases as of this instant (default: now; without an offset: local time in "
                            "the configured zone)")),
    "help.due": ("när ska ett ärende av den här typen, inkommet nu (eller vid --at), vara besvarat?",
                 "when is a case of this type, received now (or at --at), due?"),
    "help.due.unit": ("enhetens id, namn eller alias", "unit id, name or alias"),
    "help.due.case_type": ("ärendetypens id, namn eller alias", "case type id, name or alias"),
    "help.due.at": (("när ärendet kom in (standard: nu; utan tidszon: lokal tid i den inställda tidszonen)"),
                    ("when the case was received (default: now; without an offset: local time in the "
                     "configured zone)")),
    "help.roles": ("kontrollera en bemanningslista mot reglerna för roller", "check a roster against the role rules"),
    "help.roles.roster": (("bemanningslistan: YAML, en Excel-arbetsbok (.xlsx: bladen Bemanning, Frånvaro, Personer) "
                           "eller en CSV-fil med uppdragen (SPEC 6)"),
                          ("the roster: YAML, an Excel workbook (.xlsx: sheets Bemanning, Frånvaro, Personer) or a "
                           "CSV file of assignments (SPEC 6)")),
    "help.roles.absences": ("en CSV-fil med frånvaron, till en bemanningslista i CSV",
                            "a CSV file of absences, beside a roster in CSV"),
    "help.roles.from": ("periodens första dag", "first day of the period"),
    "help.roles.to": ("periodens sista dag (den räknas med)", "last day of the period (included)"),
    "help.tasks": ("återkommande uppgifter per enhet och roll", "occurrences of recurring tasks per unit and role"),
    "help.tasks.from": ("periodens första dag", "first day of the period"),
    "help.tasks.to": ("periodens sista dag (den räknas med)", "last day of the period (included)"),
    "help.tasks.log": ("en uppgiftslogg (CSV: task,unit,done_on): visar missade tillfällen",
                       "a task log (CSV: task,unit,done_on): reports missed occurrences"),
    # errors shared by the commands
    "cases.to_before_from": ("--to {end} ligger före --from {start}", "--to {end} is before --from {start}"),
    "cases.at": ("{where}: {message}", "{where}: {message}"),
    "cases.unreadable": ("{path} kan inte läsas: {reason}", "cannot read {path}: {reason}"),
    "cases.not_utf8": ("{path} är inte text i UTF-8 (byte 0x{byte}); exportera filen som CSV i UTF-8",
                       "{path} is not UTF-8 text (byte 0x{byte}); export it as UTF-8 CSV"),
    "cases.not_cp1252": (("{path} är varken text i UTF-8 eller i Windows-1252 (byte 0x{byte}); spara filen som "
                          "CSV UTF-8 eller .xlsx"),
                         ("{path} is neither UTF-8 nor Windows-1252 text (byte 0x{byte}); save it as CSV UTF-8 or "
                          ".xlsx")),
    "cases.not_text": (("{path} är ingen textfil (byte 0x{byte} i första raden); en ärendeexport är en CSV-fil "
                        "(UTF-8 eller Windows-1252) eller en .xlsx-fil"),
                       ("{path} is not a text file (byte 0x{byte} on its first line); a case export is a CSV file "
                        "(UTF-8 or Windows-1252) or an .xlsx workbook")),
    "cases.utf16": (("{path} är text i UTF-16 (Excels \"Unicode-text\"); spara filen som \"CSV UTF-8\" eller "
                     "som .xlsx"),
                    "{path} is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" or as .xlsx"),
    "cases.read_as_cp1252": (("{path} är inte UTF-8 och lästes som Windows-1252 (det ett svenskt Excel sparar); "
                              "å, ä och ö blir rätt om filen kommer därifrån"),
                             ("{path} is not UTF-8 and was read as Windows-1252 (what a Swedish Excel saves); "
                              "å, ä and ö come out right if that is where it comes from")),
    "cases.note": ("routines: obs: {message}", "routines: note: {message}"),
    "cases.no_separator": (("{where}: det går inte att se vilket tecken som skiljer kolumnerna åt; rubrikraden "
                            "({line}) har varken , eller ; mellan rubrikerna. En ärendeexport har rubrikraden "
                            "{header}; ange --delimiter om filen använder ett annat tecken"),
                           ("{where}: cannot tell what separates the columns: the header line ({line}) has neither "
                            ", nor ; between its names. A case export's header is {header}; give --delimiter if "
                            "the file uses another character")),
    "cases.which_separator": (("{where}: det går inte att se vilket tecken som skiljer kolumnerna åt; rubrikraden "
                               "({line}) kan delas med {separators}. Ange --delimiter, eller delimiter under "
                               "[cases] i routines.toml"),
                              ("{where}: cannot tell what separates the columns: the header line ({line}) splits "
                               "at {separators}. Give --delimiter, or delimiter under [cases] in routines.toml")),
    "cases.unknown_header": (("{where}: rubrikraden saknar {columns} {missing}. Rubrikerna som finns: {found}. "
                              "En ärendeexport har kolumnerna {header} eller rubrikerna {swedish}; heter "
                              "kolumnerna något annat hos er, skriv vad de heter i routines.toml:\n"
                              "[cases.columns]\n{lines}"),
                             ("{where}: the header lacks the {columns} {missing}. Headers found: {found}. A case "
                              "export has the columns {header} or the headers {swedish}; if yours are named "
                              "otherwise, write their names in routines.toml:\n[cases.columns]\n{lines}")),
    "cases.mapped_missing": (("{where}: [cases.columns] i routines.toml anger {mapping}, men rubrikraden har "
                              "ingen sådan kolumn. Rubrikerna som finns: {found}"),
                             ("{where}: [cases.columns] in routines.toml says {mapping}, but the header has no "
                              "such column. Headers found: {found}")),
    "cases.first_sheet": ("{path}: läste bladet {sheet}, det första av {sheets}; ange ett annat med --sheet",
                          "{path}: read the sheet {sheet}, the first of {sheets}; give another with --sheet"),
    "cases.sheet_row": ("{path}: blad {sheet}, rad {row}", "{path}: sheet {sheet}, row {row}"),
    "cases.xlsx_no_such_sheet": ("{path} har inget blad som heter '{sheet}'; bladen är {sheets}",
                                 "{path} has no sheet '{sheet}'; its sheets are {sheets}"),
    "cases.xlsx_empty": ("{path}: bladet {sheet} är tomt; en ärendeexport börjar med rubrikraden {header}",
                         "{path}: the sheet {sheet} is empty; a case export starts with the header {header}"),
    # MAX_HEADER of generator.deadlines.cases
    "cases.header_too_long": (("{path}:1: rubrikraden är längre än 1 000 000 byte; en ärendeexport har "
                               "rubrikraden {header}"),
                              ("{path}:1: the header line is longer than 1,000,000 bytes; a case export's "
                               "header is {header}")),
    "cases.empty": ("{path} är tom; en ärendeexport börjar med rubrikraden {header}",
                    "{path} is empty; a case export starts with the header {header}"),
    "cases.not_csv": ("{path} är ingen CSV-fil: {reason}", "{path} is not a CSV file: {reason}"),
    "cases.lacks_columns": ("{path}:1: rubrikraden saknar {columns} {missing}; {what} har rubrikraden {header}",
                            "{path}:1: the header lacks the {columns} {missing}; {what} has the header {header}"),
    "cases.a_case_export": ("en ärendeexport", "a case export"),
    "cases.a_task_log": ("en uppgiftslogg", "a task log"),
    # rows that could not be checked (case exports and task logs)
    "row.width": ("raden har {fields} fält men rubrikraden har {width}", "{fields} fields where the header has {width}"),
    "row.empty": ("kolumnen {column} är tom", "{column} is empty"),
    "row.cell_not_a_time": (("cellen i kolumnen {column} håller talet {value}, ingen tidpunkt; formatera "
                             "kolumnen som datum och tid eller skriv till exempel 2026-04-02 09:15"),
                            ("the cell of {column} holds the number {value}, not a date and time; format the "
                             "column as date and time or write for example 2026-04-02 09:15")),
    "row.not_a_time": ("'{value}' i kolumnen {column} är ingen tidpunkt; skriv till exempel 2026-04-02T09:15:00+02:00",
                       "'{value}' is not a timestamp such as 2026-04-02T09:15:00+02:00 (column {column})"),
    "row.of_case": ("{problem} (ärende {case})", "{problem} (case {case})"),
    "row.before_received": ("{column} ligger före received_at (ärende {case})",
                            "{column} is before received_at (case {case})"),
    "row.outside_dates": (("received_at {time} ligger utanför de datum som stöds, {first} till {last}, de år som "
                           "den svenska helgdagskalendern omfattar (ärende {case})"),
                          ("received_at {time} is outside the supported dates, {first} to {last}, the years the "
                           "Swedish holiday calendar covers (case {case})")),
    "row.line": ("  rad {line}: {message}", "  line {line}: {message}"),
    "row.sheet_row": ("  blad {sheet}, rad {line}: {message}", "  sheet {sheet}, row {line}: {message}"),
    "csv.problem": ("ogiltig CSV: {reason}{where}", "not valid CSV: {reason}{where}"),
    "csv.record_lines": (("; posten går över raderna {first}–{last} (ett fält inom citattecken) och ingen del av "
                          "den lästes"), "; the record runs over lines {first}-{last} (a quoted field), none of it read"),
    # MAX_FIELD of generator.content.csv_records
    "csv.field_too_long": ("ett fält är längre än 10 000 tecken", "a field is longer than 10,000 characters"),
    "csv.unexpected_end": ("filen tar slut inne i ett fält inom citattecken", "unexpected end of data"),
    "csv.nul": ("raden innehåller en NUL-byte", "line contains NUL"),
    "csv.quote": (("ett citattecken står mitt i ett fält; ett fält inom citattecken skrivs \"så här\" och ett "
                   "citattecken i det som \"\""),
                  "a quote inside a field; a quoted field is written \"like this\", a quote in it as \"\""),
    # the deadline report
    "deadlines.heading": ("Svarstider per {now}. {counts}", "Deadlines as of {now}. {counts}"),
    "deadlines.counts": (("Lästa rader: {rows}. Bedömda ärenden: {judged}. Rader som inte kunde kontrolleras: "
                          "{not_checked}. Ärenden som ingen regel täcker: {not_covered}."),
                         ("Rows read: {rows}. Cases judged: {judged}. Rows that could not be checked: "
                          "{not_checked}. Cases no rule covers: {not_covered}.")),
    "deadlines.meaning": (("Ett ärende räknas en gång under sin enhet och ärendetyp, med det sämsta utfallet "
                           "under de regler som bedömt det, och en gång under varje rutin som bedömt det."),
                          ("A case counts once under its unit and case type, with its worst result under the rules "
                           "that judged it, and once under each routine that judged it.")),
    "deadlines.unit": ("{name} ({id}): {cases}", "{name} ({id}): {cases}"),
    "deadlines.group": ("  {case_type}: {tally}", "  {case_type}: {tally}"),
    "deadlines.routine": ("    enligt {title} ({routine}): {tally}", "    under {title} ({routine}): {tally}"),
    "deadlines.tally": (("{cases}, {share} besvarade i tid; försenade {late}, obesvarade efter sista svarsdag "
                         "{overdue}, öppna {open}"),
                        "{cases}, {share} met, {late} late, {overdue} overdue, {open} open"),
    "deadlines.page_under": ("enligt {title} ({routine})", "under {title} ({routine})"),
    "deadlines.page_more_late": ("Här visas de {shown} första av {total} försenade och obesvarade ärendena, i exportens ordning. Alla finns i arbetsboken som kommandot här skriver:",
                                 "The first {shown} of {total} late and overdue cases are shown, in the export's order. The workbook this command writes has them all:"),
    "deadlines.page_more_unmatched": ("Här visas de {shown} första av {total} ärendena som ingen regel täcker. Alla finns i arbetsboken som kommandot här skriver:",
                                      "The first {shown} of {total} cases no rule covers are shown. The workbook this command writes has them all:"),
    "deadlines.page_more_errors": ("Här visas de {shown} första av {total} raderna som inte kunde kontrolleras. Alla finns i arbetsboken som kommandot här skriver:",
                                   "The first {shown} of {total} rows that could not be checked are shown. The workbook this command writes has them all:"),
    "deadlines.page_command": ("routines deadlines --cases EXPORT --format xlsx --out ärenden.xlsx",
                               "routines deadlines --cases EXPORT --format xlsx --out cases.xlsx"),
    "deadlines.late_heading": ("Försenade och obesvarade efter sista svarsdag:", "Late and overdue:"),
    "deadlines.late": ("  rad {line}: {case} ({unit}, {case_type}): {under}{answered}",
                       "  line {line}: {case} ({unit}, {case_type}): {under}{answered}"),
    "deadlines.under_late": ("besvarat för sent, sista svarsdag {due}, enligt {title} ({routine}#{rule})",
                             "late, due {due} under {title} ({routine}#{rule})"),
    "deadlines.under_overdue": ("obesvarat efter sista svarsdag {due}, enligt {title} ({routine}#{rule})",
                                "overdue, due {due} under {title} ({routine}#{rule})"),
    "deadlines.answered": (", svaret kom {at}", ", answered {at}"),
    "deadlines.due_before": ("{due} före kl. {time}", "{due} before {time}"),
    "xlsx.respond_before": ("Tidsgräns (svar före)", "Deadline (answer before)"),
    "deadlines.unmatched_heading": ("Ärenden som ingen regel för svarstid täcker:", "No deadline rule covers:"),
    "deadlines.unmatched": ("  rad {line}: {case} ({unit}, {case_type}, inkommet {received})",
                            "  line {line}: {case} ({unit}, {case_type}, received {received})"),
    "deadlines.errors_heading": ("Rader som inte kunde kontrolleras:", "Rows that could not be checked:"),
    "deadlines.stderr": ("{rows} kunde inte kontrolleras och {cases} täcks inte av någon regel ({where})",
                         "{rows} could not be checked, {cases} no rule covers ({where})"),
    "deadlines.see_below": ("raderna står nedan", "bad rows below"),
    "deadlines.see_report": ("se rapporten", "see the report"),
    # routines due
    "due.heading": ("{case_type} vid {unit}, inkommet {received}:", "{case_type} at {unit}, received {received}:"),
    "due.none": ("  ingen gällande regel för svarstid täcker det här ärendet",
                 "  no deadline rule in force covers this case"),
    "due.rule": ("  sista svarsdag {due} (före {deadline}): {within}{partial}, enligt {title} ({routine}#{rule})",
                 "  due {due} (before {deadline}): {within}{partial}, under {title} ({routine}#{rule})"),
    "due.partial": (", ett delsvar räcker", ", a partial answer (delsvar) counts"),
    # rosters and routines roles
    "roster.not_a_roster": (("{path}:{line}: {reason}; en bemanningslista är en YAML-fil med 'assignments' (person, "
                             "role, unit, from, to) och vid behov 'absences' och 'people' (SPEC 6); ingenting "
                             "kontrollerades"),
                            ("{path}:{line}: {reason}; a roster is a YAML file with 'assignments' (person, role, "
                             "unit, from, to) and, if any, 'absences' and 'people' (SPEC 6); nothing was checked")),
    "roster.no_assignments": ("filen har inga 'assignments'", "it has no assignments"),
    "roster.absence_order": ("frånvaron för '{person}': to {end} ligger före from {start}",
                             "absence of '{person}': to {end} is before from {start}"),
    "roster.assignment_order": ("uppdraget för '{person}': to {end} ligger före from {start}",
                                "assignment of '{person}': to {end} is before from {start}"),
    "roster.unknown_person": ("okänd person '{person}' (finns inte under 'people')",
                              "unknown person '{person}' (not in people)"),
    "roster.absent_without_role": (("'{person}' är frånvarande men har ingen roll i bemanningslistan; lägg till "
                                    "uppdraget eller ta bort frånvaron"),
                                   ("'{person}' is absent but holds no role in this roster; add the assignment or "
                                    "remove the absence")),
    "roster.overlap": (("den här frånvaron för '{person}' ({start} – {end}) överlappar den på rad {line} "
                        "({earlier_start} – {earlier_end}); slå ihop dem"),
                       ("this absence of '{person}' ({start} to {end}) overlaps the one at line {line} "
                        "({earlier_start} to {earlier_end}); merge them")),
    "roles.heading": ("Bemanning {start} – {end}: {findings}", "Roles {start} to {end}: {findings}"),
    "roles.finding": ("  {unit}: {role}{who}: {what} {days} ({spans}), enligt {title} ({routine}#{rule})",
                      "  {unit}: {role}{who}: {what} on {days} ({spans}), under {title} ({routine}#{rule})"),
    "roles.kind_unstaffed": ("obemannad under", "unstaffed"),
    "roles.kind_uncovered_absence": ("frånvarande utan ersättare under", "absence not covered"),
    "roles.kind_covered_by_verksamhet": ("ersatt från verksamheten under", "covered from the verksamhet"),
    "roles.problems_heading": ("Uppgifter i bemanningslistan som inte kunde användas:", "Roster problems:"),
    "roles.stderr": ("{entries} kunde inte användas (se rapporten)", "{entries} could not be used (see the report)"),
    # recurring tasks and the task log
    "tasks.heading": ("Återkommande uppgifter {start} – {end} (i dag {today}): {occurrences}",
                      "Recurring tasks {start} to {end} (today {today}): {occurrences}"),
    "tasks.none": ("  ingen återkommande uppgift i en gällande rutin infaller under perioden",
                   "  no recurring task of a routine in force falls in this period"),
    "tasks.task": ("    {task}: {every}, enligt {title} ({routine}#{rule})",
                   "    {task}: {every}, under {title} ({routine}#{rule})"),
    "tasks.every_day": ("varje dag", "daily"),
    "tasks.every_week": ("varje vecka", "weekly"),
    "tasks.every_month": ("varje månad", "monthly"),
    "tasks.every_year": ("varje år", "yearly"),
    "tasks.span": ("{label} {first} – {last}", "{label} {first} to {last}"),
    "tasks.occurrence": ("      {span}  senast {day}{status}", "      {span}  due {day}{status}"),
    "tasks.weekdays": ("mån,tis,ons,tor,fre,lör,sön", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
    "tasks.status_done": ("klar", "done"),
    "tasks.status_missed": ("missad", "missed"),
    "tasks.status_pending": ("återstår", "pending"),
    "tasks.tally": ("Uppgiftslogg: {rows}; klara {done}, missade {missed}, återstår {pending}",
                    "Task log: {rows}; done {done}, missed {missed}, pending {pending}"),
    "tasks.errors_heading": ("Rader som inte kunde användas ({n}):", "Rows that could not be used ({n}):"),
    "tasks.stderr": ("{rows} i uppgiftsloggen kunde inte användas (se rapporten)",
                     "{rows} of the task log could not be used (see the report)"),
    "tasks.log_empty": ("{path} är tom; en uppgiftslogg börjar med rubrikraden {header}",
                        "{path} is empty; a task log starts with the header {header}"),
    "tasks.log_not_csv": ("{path}:1: ingen CSV-fil: {reason}", "{path}:1: not a CSV file: {reason}"),
    "tasks.unknown_task": (("okänd uppgift '{label}'; ange id:t för en återkommande regel, RUTIN#REGEL eller "
                            "uppgiftens text"),
                           "unknown task '{label}'; give the id of a recurring rule, ROUTINE#RULE, or the task's text"),
    "tasks.not_at_unit": ("uppgiften '{label}' ({names}) gäller inte enheten '{unit}'",
                          "the task '{label}' ({names}) does not apply to unit '{unit}'"),
    "tasks.ambiguous": ("uppgiften '{label}' kan avse flera uppgifter vid enheten '{unit}' ({names}); skriv RUTIN#REGEL",
                        "the task '{label}' is ambiguous at unit '{unit}' ({names}); write ROUTINE#RULE"),
    "tasks.bad_date": ("done_on '{value}' är inget datum på formen ÅÅÅÅ-MM-DD",
                       "done_on '{value}' is not a date as YYYY-MM-DD"),
    "tasks.future": ("done_on {value} ligger efter i dag ({today}) och räknas inte",
                     "done_on {value} is after today ({today}); not counted"),
    # rosters from spreadsheets (staffing/roster_sheets.py)
    "roster.no_sheet": (("{path}: arbetsboken har inget blad Bemanning (eller assignments); bladen heter {sheets}. "
                         "Döp om bladet med bemanningen till Bemanning"),
                        ("{path}: the workbook has no sheet Bemanning (or assignments); its sheets are {sheets}. "
                         "Rename the sheet of assignments to Bemanning")),
    "roster.unreadable": ("{path}: {reason}", "{path}: {reason}"),
    "roster.no_header": (("{place}: första raden ska vara rubriker, till exempel {columns}",
                          "{place}: the first row must be the headers, for example {columns}")),
    "roster.missing_columns": (("{place}:1: kolumnen för {missing} saknas; rubrikerna är {found}. Rubriker som "
                                "läses: {known}"),
                               ("{place}:1: no column for {missing}; the headers are {found}. Headers read: "
                                "{known}")),
    "roster.known_headers": ("{headers}", "{headers}"),
}
"""Named messages of this part of the catalog."""
