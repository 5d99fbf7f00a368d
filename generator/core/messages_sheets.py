"""The sheets and column headers of the reports written as Excel workbooks (``--format xlsx``),
in Swedish and English.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

SHEETS: dict[str, Text] = {
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
