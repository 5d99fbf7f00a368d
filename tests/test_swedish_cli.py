"""The command line in Swedish (the default) and in English (``--lang en``): help, usage errors
with what was probably meant, and the reports of expiring, remind, obligations and build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli.args import usage_message
from generator.core.messages import messages
from tests.conftest import REPO, copy_demo, run

SU = "SU9771-677637494-103"
SU_FILE = "routines/su/1177-e-tjanster-rollbeskrivning.md"


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """Help wrapped at a known width."""
    monkeypatch.setenv("COLUMNS", "100")


def test_help_is_swedish_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROUTINES_LANG")
    top = run("--help")
    assert top.code == 0
    lines = top.out.splitlines()
    assert lines[0] == "användning: routines [-h] [--version] [--lang {sv,en}] KOMMANDO ..."
    assert "Rutinhandboken: rutiner som granskade dokument, personalens handbok och kontroller av svarstider," in lines
    assert "argument:" in lines and "flaggor:" in lines
    assert "  -h, --help      visa den här hjälpen och avsluta" in lines
    assert "  --version       visa programmets version och avsluta" in lines
    assert "    check         kontrollera alla filer i innehållsroten" in lines
    assert "    remind        dagens påminnelser om revision, en sammanställning per innehållsansvarig" in lines
    check = run("check", "--help").out.splitlines()
    assert check[0].startswith("användning: routines check [-h] [--root ROOT]")
    assert "  --strict              även varningar räknas som fel (slutstatus 1)" in check
    assert "  --no-cache            läs varje fil på nytt och skriv ingen cache" in check
    assert "  -h, --help            visa den här hjälpen och avsluta" in check
    assert not any("usage" in line or "show this help" in line for line in check)


def test_help_in_english_on_request() -> None:
    lines = run("check", "--help", "--lang", "en").out.splitlines()
    assert lines[0].startswith("usage: routines check [-h] [--root ROOT]")
    assert "options:" in lines
    assert "  --strict              warnings fail too (exit 1)" in lines
    assert "  -h, --help            show this help message and exit" in lines


@pytest.mark.parametrize(("argv", "sv", "en"), [
    (("chek",), "routines: fel: argumentet KOMMANDO: ogiltigt val 'chek'; välj 'check', 'build', ",
     "routines: error: argument COMMAND: invalid choice: 'chek' (choose from 'check', 'build', "),
    (("check", "--stict"), "routines: fel: okända argument: --stict (menade du '--strict'?)",
     "routines: error: unrecognized arguments: --stict (did you mean '--strict'?)"),
    (("check", "--format", "jsn"),
     ("routines check: fel: argumentet --format: ogiltigt val 'jsn'; välj 'text', 'json' eller 'github' "
     "(menade du 'json'?)"),
     ("routines check: error: argument --format: invalid choice: 'jsn' (choose from 'text', 'json' or 'github') "
     "(did you mean 'json'?)")),
])
def test_a_usage_error_in_either_language(argv: tuple[str, ...], sv: str, en: str) -> None:
    swedish = run(*argv, "--root", str(REPO), "--lang", "sv")
    assert swedish.code == 2 and swedish.out == ""
    *usage, last = swedish.err.splitlines()
    assert usage[0].startswith("användning: routines")
    assert last.startswith(sv)
    english = run(*argv, "--root", str(REPO), "--lang", "en")
    assert english.code == 2
    assert english.err.splitlines()[0].startswith("usage: routines")
    assert english.err.splitlines()[-1].startswith(en)
    if argv == ("chek",):
        assert last.endswith("'archive' eller 'approvals' (menade du 'check'?)")
        assert english.err.rstrip().endswith("'archive' or 'approvals') (did you mean 'check'?)")


def test_value_errors_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    port = run("serve", "--port", "99999", "--lang", "sv")
    assert port.code == 2
    assert port.err.splitlines()[-1] == ("routines serve: fel: argumentet --port: '99999' är inte ett portnummer "
                                         "från 0 till 65535")
    day = run("check", "--today", "2026-13-01", "--lang", "sv")
    assert day.err.splitlines()[-1] == ("routines check: fel: argumentet --today: '2026-13-01' är inget datum på "
                                        "formen YYYY-MM-DD")
    missing = run("check", "--format", "--lang", "sv")
    assert missing.err.splitlines()[-1] == "routines check: fel: argumentet --format: ett värde måste anges"
    monkeypatch.delenv("ROUTINES_LANG")
    none = run()
    assert none.err.splitlines()[-1] == "routines: fel: de här argumenten måste anges: KOMMANDO"
    english = run("serve", "--port", "99999", "--lang", "en")
    assert english.err.splitlines()[-1] == ("routines serve: error: argument --port: '99999' is not a port number "
                                            "from 0 to 65535")


def test_argparse_wordings_of_later_pythons_are_understood() -> None:
    sv = messages("sv")
    # Python 3.12.8 and 3.13.1 on list the choices without quotes
    later = usage_message("argument --format: invalid choice: 'jsn' (choose from text, json, github)")
    assert sv.text(later) == "argumentet --format: ogiltigt val 'jsn'; välj 'text', 'json' eller 'github'"
    assert sv.text(usage_message("argument -x: not allowed with argument -y")) == (
        "argumentet -x: kan inte anges tillsammans med -y")
    assert sv.text(usage_message("argument --n: invalid int value: 'x'")) == (
        "argumentet --n: 'x' är inget giltigt värde (av typen int)")
    assert usage_message("something argparse says one day") == "something argparse says one day"


def test_expiring_and_remind_in_swedish() -> None:
    expiring = run("expiring", "--root", str(REPO), "--today", "2027-01-10", "--lang", "sv")
    assert expiring.code == 0
    assert expiring.out.splitlines()[:4] == [
        "Utgångna och snart utgående rutiner den 2027-01-10 (inom 90 dagar): 0 har gått ut, 1 går snart ut",
        "",
        "Maria Eriksson (marer154)",
        f"  giltig till 2027-03-25, går ut om 74 dagar: 1177 e-tjänster rollbeskrivning ({SU})  {SU_FILE}"]
    remind = run("remind", "--root", str(REPO), "--today", "2027-03-26", "--lang", "sv")
    assert remind.out.splitlines()[:4] == [
        "Påminnelser den 2027-03-26: 1 rutin, 1 innehållsansvarig",
        "",
        "Maria Eriksson (marer154)",
        (f"  steg utgången  giltig till 2027-03-25, gick ut för 1 dag sedan: 1177 e-tjänster rollbeskrivning ({SU})"
        f"  {SU_FILE}")]
    markdown = run("remind", "--root", str(REPO), "--today", "2027-03-12", "--format", "markdown", "--lang", "sv")
    lines = markdown.out.splitlines()
    assert lines[:7] == ["# Rutiner att revidera", "", "Påminnelser den 2027-03-12: 1 rutin för 1 innehållsansvarig.",
                         "", "## Maria Eriksson (marer154)", "", "| Rutin | Steg | Giltig till | Dagar kvar | Fil |"]
    assert lines[8].endswith(f"(`{SU}`) | 14 dagar före | 2027-03-25 | 13 | `{SU_FILE}` |")
    nothing = run("remind", "--root", str(REPO), "--today", "2026-06-01", "--lang", "sv")
    assert nothing.out.splitlines() == ["Påminnelser den 2026-06-01: 0 rutiner, 0 innehållsansvariga",
                                        "  inga: ingen publicerad rutin har nått ett påminnelsesteg"]
    gh = run("remind", "--root", str(REPO), "--today", "2026-06-01", "--gh", "gh", "--lang", "sv")
    assert gh.code == 2 and gh.err == "routines: fel: --gh gäller bara tillsammans med --github\n"


def test_obligations_in_swedish() -> None:
    result = run("obligations", "--root", str(REPO), "--unit", "su-bcc-mott", "--lang", "sv")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[:3] == ["Barncancercentrum öppenvårdsmottagning (su-bcc-mott, mottagning)", "  Rutiner:",
                         "    SU9774-1570060579-84  1177 Vårdguidens e-tjänster  (ärvd från su-bcc)"]
    assert "  Svarstider:" in lines and "  Roller:" in lines and "  Tjänster:" in lines
    assert ("    Synpunkter och klagomål: 1 vardag (ett delsvar räcker) [SU9774-1570060579-84#synpunkter-delsvar]; "
            f"1 vardag [{SU}#svarstid-synpunkter]") in lines
    assert ("    Ärendemottagare: minst 1, frånvaro över 2 arbetsdagar kräver ersättare från enheten, därefter från "
            f"verksamheten [{SU}#arendemottagare]") in lines
    assert f"    krävs: Egenremiss [{SU}#basutbud] SAKNAS" in lines
    assert f"    krävs: Begär intyg [{SU}#basutbud] finns" in lines
    assert any(line.startswith("  Återkommande uppgifter:") for line in lines)
    assert any(", varje vecka: " in line for line in lines)


def test_build_report_in_swedish(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    (root / "routines" / "su" / "trasig.md").write_text("---\nid: [\n---\nText\n", encoding="utf-8")
    out = tmp_path / "site"
    result = run("build", "--root", str(root), "--out", str(out), "--today", "2026-06-01", "--no-search",
                 "--lang", "sv")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert re.fullmatch(rf"byggde \d+ sidor i {re.escape(str(out))} \(\d+ nya, 0 oförändrade; sökindex: hoppades "
                        r"över\) på \d+,\d\d s", lines[0]), lines[0]
    assert re.fullmatch(r"fynd: \d+ fel, \d+ varning(ar)? \(på sidan Fynd\)", lines[1]), lines[1]
    assert lines[2:] == [("utelämnade från webbplatsen eftersom de inte kunde läsas (1 fil; deras fynd står på "
                         "sidan Fynd):"), "  routines/su/trasig.md"]
    refused = run("build", "--root", str(root), "--out", str(root), "--today", "2026-06-01", "--lang", "sv")
    assert refused.code == 2
    assert refused.err == (f"routines: fel: --out {root} skulle ersätta själva innehållsroten; välj en annan "
                           "mapp\n")


def test_the_language_may_be_chosen_before_the_command_too(tmp_path: Path) -> None:
    root = copy_demo(tmp_path)
    before = run("--lang", "sv", "check", "--root", str(root), "--today", "2027-03-12")
    after = run("check", "--root", str(root), "--today", "2027-03-12", "--lang", "sv")
    assert before.code == after.code == 0
    assert before.out == after.out and "varning[expiring] rutinen går ut 2027-03-25" in before.out
    both = run("--lang", "sv", "check", "--root", str(root), "--today", "2027-03-12", "--lang", "en")
    assert "warning[expiring]" in both.out  # the command's own option is the nearer one
