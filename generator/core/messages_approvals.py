"""people.yaml and ``routines approvals``, in Swedish and English: the checks of people.yaml, the
approvals report, its errors and help, and the routine page's approvals.

Part of the one message catalog, :mod:`generator.core.messages`.
"""

from __future__ import annotations

Text = tuple[str, str]
"""(Swedish, English)."""

APPROVALS: dict[str, Text] = {
    # routines check: people.yaml (generator.content.people, generator.checks.people)
    "people.bad_account": (
        ("kontot '{account}' för '{id}' är inget användarnamn på forgen; skriv inloggningsnamnet som det står i "
        "profilen, utan @ och mellanslag (bokstäver, siffror och - . _)"),
        ("account '{account}' of '{id}' is not a user name on the forge; write the login as the profile shows it, "
        "without @ or spaces (letters, digits and - . _)")),
    "people.duplicate": (
        "personen '{id}' finns redan på rad {first}; lista varje person en gång",
        "person '{id}' is already listed on line {first}; list each person once"),
    "people.name_differs": (
        ("personen '{id}' heter '{name}' här men '{known}' i {where}; skriv namnet som i people.yaml, "
        "eller rätta people.yaml om det är där det är fel"),
        ("person '{id}' is named '{name}' here but '{known}' in {where}; write the name as people.yaml does, "
        "or correct people.yaml if it is wrong there")),
}
"""Every message of this part, by name."""
