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
    # routines approvals (generator.reminders.approvals, generator.cli.approvals)
    "help.approvals": ("kontrollera att godkännaren har godkänt nya versioner och giltighetstider",
                       "check that the approver approved new versions and validity periods"),
    "help.approvals.description": (
        ("i CI: misslyckas när en rutins version eller giltighet ändras utan godkännande av dess "
         "godkännare (granskning i pull requesten, annars Approved-by i commit-meddelandet)"),
        ("in CI: fails when a routine's version or validity changes without its approver's approval "
         "(a review of the pull request, else Approved-by in the commit message)")),
    "help.approvals.base": (
        "jämför från den här revisionen (standard: merge-basen med origin/$GITHUB_BASE_REF, annars origin/main)",
        "compare from this revision (default: the merge base with origin/$GITHUB_BASE_REF, else origin/main)"),
    "help.approvals.head": ("jämför till den här revisionen (standard: HEAD)",
                            "compare up to this revision (default: HEAD)"),
    "help.approvals.pr": (
        "pull requesten vars granskningar räknas (standard: från $GITHUB_EVENT_PATH eller $GITHUB_REF)",
        "the pull request whose reviews count (default: from $GITHUB_EVENT_PATH or $GITHUB_REF)"),
    "help.approvals.repo": (
        "repot på GitHub (standard: $GITHUB_REPOSITORY, annars git-remoten)",
        "the repository on GitHub (default: $GITHUB_REPOSITORY, else the git remote)"),
    "approvals.value_pr": ("ett nummer på en pull request", "a pull request number"),
    "approvals.what": ("{file}: {routine} version {version} ({changed})",
                       "{file}: {routine} version {version} ({changed})"),
    "approvals.changed_new": ("ny rutin", "new routine"),
    "approvals.changed_version": ("ny version", "new version"),
    "approvals.changed_valid_from": ("ändrat giltig från", "valid_from changed"),
    "approvals.changed_valid_to": ("ändrat giltig till", "valid_to changed"),
    "approvals.account": (", konto {account}", ", account {account}"),
    "approvals.approved": ("{what}: godkänd av {by} {at}", "{what}: approved by {by} {at}"),
    "approvals.missing": ("{what}: saknar godkännande av {approver}{account}; {how}",
                          "{what}: not approved by {approver}{account}; {how}"),
    "approvals.stale": (
        "{what}: {approver}{account} godkände en äldre commit ({sha}), inte ändringen som den ser ut nu; {how}",
        "{what}: {approver}{account} approved an older commit ({sha}), not the change as it is now; {how}"),
    "approvals.by_other": (
        "{what}: godkänd av {others}, men det är godkännaren {approver}{account} som ska godkänna",
        "{what}: approved by {others}, but it is the approver {approver}{account} who must approve"),
    "approvals.no_account": (
        ("{what}: godkännaren {approver} har inget konto i routines/people.yaml; lägg till account för '{id}' "
         "där (i en egen pull request: people.yaml räknas som den är i basen)"),
        ("{what}: the approver {approver} has no account in routines/people.yaml; add account for '{id}' "
         "there (in a pull request of its own: people.yaml counts as it is in the base)")),
    "approvals.how_review": ("be {approver} att granska och godkänna pull requesten",
                             "ask {approver} to review and approve the pull request"),
    "approvals.how_trailer": (
        "den som godkänner skriver raden 'Approved-by: {id}' sist i commit-meddelandet för ändringen",
        "the approver writes the line 'Approved-by: {id}' at the end of the change's commit message"),
    "approvals.heading_pr": ("Godkännanden i pull request {number} ({span}):",
                             "Approvals in pull request {number} ({span}):"),
    "approvals.heading_trailer": ("Godkännanden genom Approved-by i commit-meddelandena ({span}):",
                                  "Approvals by Approved-by in the commit messages ({span}):"),
    "approvals.summary": ("{approved} av {total} godkända.", "{approved} of {total} approved."),
    "approvals.nothing": ("Ingen rutin är ny eller har ny version eller giltighet ({span}): inget att godkänna.",
                          "No routine is new or has a new version or validity ({span}): nothing to approve."),
    "approvals.no_repository": ("{root} ligger inte i ett git-repo; approvals jämför revisioner i git",
                                "{root} is not in a git repository; approvals compares revisions in git"),
    "approvals.no_rev": ("'{rev}' är ingen commit i repot; ange en gren, tagg eller commit",
                         "'{rev}' is no commit of the repository; give a branch, tag or commit"),
    "approvals.no_base": (
        ("{target} finns inte; hämta hela historiken (actions/checkout med fetch-depth: 0) eller ange --base"),
        ("{target} does not exist; fetch the whole history (actions/checkout with fetch-depth: 0) or give --base")),
    "approvals.git_failed": ("{command} misslyckades: {why}", "{command} failed: {why}"),
    "approvals.bad_event": ("kan inte läsa händelsen {file}: {why}", "cannot read the event {file}: {why}"),
    "approvals.bad_repo": ("'{repo}' är inget repo; skriv ÄGARE/NAMN", "'{repo}' is no repository; write OWNER/NAME"),
    "approvals.gh_without_pr": ("--gh gäller granskningar i en pull request; ange också --pr",
                                "--gh is for the reviews of a pull request; give --pr too"),
    "approvals.bad_reviews": ("granskningarna av pull request {number} kunde inte läsas: {why}",
                              "the reviews of pull request {number} could not be read: {why}"),
    # the routine page (site/templates/routine.html reads them as t.<name>)
    "site.approvals_heading": ("Godkännanden", "Approvals"),
    "site.approval_line": ("Version {version} godkänd av {by} den {date}",
                           "Version {version} approved by {by} on {date}"),
}
"""Every message of this part, by name."""
