"""Excel workbooks: what is said about one that cannot be read (generator/content/workbook.py),
and the sheets and column headers of the reports written as workbooks (``--format xlsx``), in
Swedish and English.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

SHEETS: dict[str, Text] = {
    # reading a workbook (content/workbook.py), for case exports and rosters alike
    "workbook.old_xls": (("{path} är en gammal Excel-fil (.xls), som inte kan läsas; öppna den i Excel och spara "
                          "den som Excel-arbetsbok (.xlsx) eller som CSV UTF-8"),
                         ("{path} is an old Excel file (.xls), which cannot be read; open it in Excel and save it "
                          "as an Excel Workbook (.xlsx) or as CSV UTF-8")),
    "workbook.password": (("{path} är skyddad med lösenord och kan inte läsas; spara en kopia utan lösenord "
                           "(Arkiv > Information > Skydda arbetsbok) eller som CSV"),
                          ("{path} is protected by a password and cannot be read; save a copy without the "
                           "password (File > Info > Protect Workbook) or as CSV")),
    "workbook.corrupt": ("{path} är ingen läsbar .xlsx-fil ({reason}); spara den på nytt från Excel",
                         "{path} is not a readable .xlsx workbook ({reason}); save it again from Excel"),
    "workbook.not_xlsx": (("{path} är ett zip-arkiv men ingen .xlsx-fil (kanske .ods eller .xlsb); öppna den och "
                           "spara den som Excel-arbetsbok (.xlsx) eller som CSV UTF-8"),
                          ("{path} is a zip archive but no .xlsx workbook (perhaps .ods or .xlsb); open it and "
                           "save it as an Excel Workbook (.xlsx) or as CSV UTF-8")),
    "workbook.too_large": (("{path} packar upp till {size} MB, mer än en arbetsbok med ärenden eller bemanning "
                            "gör; den läses inte (spara bladet som CSV)"),
                           ("{path} unpacks to {size} MB, more than a workbook of cases or a roster does; it is "
                            "not read (save the sheet as CSV)")),
    "workbook.zip_damaged": ("zip-arkivet är skadat eller ofullständigt", "the zip archive is damaged or cut short"),
    "workbook.not_zip": ("filen är inget zip-arkiv, som en .xlsx-fil är", "it is no zip archive, as an .xlsx file is"),
    "workbook.no_sheet_data": ("ett kalkylblad saknar sina rader", "a worksheet has no rows part"),
    "workbook.bad_string": ("en cell pekar på text nummer {index}, som inte finns",
                            "a cell refers to string {index}, which does not exist"),
    "workbook.no_sheets": ("{path} har inga kalkylblad", "{path} has no worksheets"),
    "workbook.merged": (("{path}: bladet {sheet} har sammanfogade celler ({cells}); varje rad ska ha en cell per "
                         "fält: dela upp cellerna (Start > Koppla och centrera) och fyll i varje rad"),
                        ("{path}: the sheet {sheet} has merged cells ({cells}); every row must have one cell per "
                         "field: unmerge them (Home > Merge & Center) and fill in every row")),
    "xlsx.needs_out": (("--format xlsx skriver en Excel-arbetsbok: ange filen med --out, till exempel "
                        "--out rapport.xlsx"),
                       "--format xlsx writes an Excel workbook: name the file with --out, e.g. --out report.xlsx"),
    "xlsx.out_suffix": ("--out {path}: en Excel-arbetsbok ska sluta på .xlsx",
                        "--out {path}: an Excel workbook's name ends in .xlsx"),
    "xlsx.out_only": ("--out gäller bara med --format xlsx", "--out only applies with --format xlsx"),
    "xlsx.cannot_write": ("kan inte skriva {path}: {reason}", "cannot write {path}: {reason}"),
    "xlsx.written": ("skrev {path} ({sheets})", "wrote {path} ({sheets})"),
    "help.deadlines.csv_delimiter": ("skiljetecknet i CSV som skrivs: ',' (standard), ';' för svensk Excel, eller tab",
                                     "the separator of the CSV written: ',' (default), ';' for a Swedish Excel, or tab"),
    "help.xlsx_out": ("Excel-arbetsboken som --format xlsx skriver", "the Excel workbook --format xlsx writes"),
    # columns shared by several reports
    "xlsx.unit": ("Enhet", "Unit"),
    "xlsx.unit_id": ("Enhetens id", "Unit id"),
    "xlsx.role": ("Roll", "Role"),
    "xlsx.person": ("Person", "Person"),
    "xlsx.routine": ("Rutin", "Routine"),
    "xlsx.routine_id": ("Dokument-ID", "Document id"),
    "xlsx.rule": ("Regel", "Rule"),
    "xlsx.file": ("Fil", "File"),
    "xlsx.line": ("Rad", "Line"),
    "xlsx.code": ("Kod", "Code"),
    "xlsx.message": ("Meddelande", "Message"),
    "xlsx.from": ("Från", "From"),
    "xlsx.to": ("Till", "To"),
    "xlsx.status": ("Status", "Status"),
    # roles --format xlsx
    "xlsx.roles_summary": ("Sammanfattning", "Summary"),
    "xlsx.roles_findings": ("Avvikelser", "Findings"),
    "xlsx.roles_errors": ("Fel i bemanningslistan", "Roster problems"),
    "xlsx.kind": ("Avvikelse", "Finding"),
    "xlsx.vardagar": ("Vardagar", "Working days"),
    "xlsx.first_day": ("Första dag", "First day"),
    "xlsx.last_day": ("Sista dag", "Last day"),
    "xlsx.findings_count": ("Avvikelser", "Findings"),
    # tasks --format xlsx
    "xlsx.tasks_occurrences": ("Tillfällen", "Occurrences"),
    "xlsx.tasks_errors": ("Fel i uppgiftsloggen", "Task log problems"),
    "xlsx.task": ("Uppgift", "Task"),
    "xlsx.every": ("Hur ofta", "How often"),
    "xlsx.period": ("Period", "Period"),
    "xlsx.due": ("Senast", "Due"),
    "xlsx.done_on": ("Klar", "Done on"),
    "xlsx.status_unknown": ("ingen logg", "no log"),
    # expiring --format xlsx
    "xlsx.expiring_routines": ("Rutiner", "Routines"),
    "xlsx.owner": ("Innehållsansvarig", "Owner"),
    "xlsx.title": ("Titel", "Title"),
    "xlsx.valid_to": ("Giltig till", "Valid to"),
    "xlsx.days_left": ("Dagar kvar", "Days left"),
    "xlsx.status_expired": ("utgången", "expired"),
    "xlsx.status_expiring": ("går snart ut", "expiring"),
    "xlsx.address": ("Adress", "Address"),
    # deadlines --format xlsx
    "xlsx.cases_summary": ("Sammanfattning", "Summary"),
    "xlsx.cases_late": ("Försenade och obesvarade", "Late and overdue"),
    "xlsx.cases_errors": ("Ej kontrollerade", "Not checked"),
    "xlsx.cases_unmatched": ("Utan regel", "No rule"),
    "xlsx.case_type": ("Ärendetyp", "Case type"),
    "xlsx.case_type_id": ("Ärendetypens id", "Case type id"),
    "xlsx.case_id": ("Ärende", "Case"),
    "xlsx.cases_count": ("Bedömda ärenden", "Cases judged"),
    "xlsx.case_met": ("i tid", "met"),
    "xlsx.case_late": ("försenat", "late"),
    "xlsx.case_open": ("öppet", "open"),
    "xlsx.case_overdue": ("obesvarat efter sista svarsdag", "overdue"),
    "xlsx.count_met": ("I tid", "Met"),
    "xlsx.count_late": ("Försenade", "Late"),
    "xlsx.count_open": ("Öppna", "Open"),
    "xlsx.count_overdue": ("Obesvarade efter sista svarsdag", "Overdue"),
    "xlsx.share_met": ("Andel i tid", "Share met"),
    "xlsx.due_date": ("Sista svarsdag", "Due"),
    "xlsx.responded": ("Besvarat", "Answered"),
    "xlsx.received": ("Inkommet", "Received"),
}
"""Spreadsheet reports."""
