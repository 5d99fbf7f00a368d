"""A synthetic content root: N routines with realistic Swedish bodies of 3-6 KB.

Deterministic for a given N and seed, so runs compare. The organisation has verksamheter
with mottagningar and avdelningar; routines apply to units at every level and carry rules.
"""

from __future__ import annotations

import random
from pathlib import Path

SUBJECTS = ["Ärendemottagaren", "Verksamhetschefen", "Sjuksköterskan", "Den ansvariga läkaren",
            "Enhetschefen", "Medicinska sekreteraren", "Undersköterskan", "Avdelningschefen",
            "Kontaktsjuksköterskan", "Systemsamordnaren"]
VERBS = ["säkerställer att", "ansvarar för att", "kontrollerar att", "dokumenterar att",
         "följer upp att", "informerar om att", "bevakar att", "rapporterar när"]
OBJECTS = ["inkomna ärenden fördelas samma dag", "patientens journal är uppdaterad",
           "avvikelser rapporteras i MedControl PRO", "läkemedelslistan stäms av vid inskrivning",
           "remissen besvaras inom angiven tid", "vårdplanen är känd för patienten och närstående",
           "provsvar signeras inom två vardagar", "behörigheter tas bort när anställningen upphör",
           "samtycke inhämtas och dokumenteras", "hygienrutinerna följs vid varje patientkontakt",
           "ersättare utses vid frånvaro längre än två arbetsdagar", "tolk bokas i god tid"]
TAILS = ["", " enligt gällande riktlinjer", " i samråd med patienten", " under ordinarie arbetstid",
         " och att detta dokumenteras i Melior", " inom den egna verksamheten", " vid behov"]
SECTIONS = ["Syfte", "Bakgrund", "Arbetsbeskrivning", "Roller", "Ansvar", "Dokumentation",
            "Uppföljning, utvärdering och revision"]
TYPES = ["rutin", "rutin", "rutin", "riktlinje", "instruktion"]
CASE_TYPES = ["begar-intyg", "egenremiss", "fraga-om-remiss", "fornya-recept", "kontakt-bokning",
              "skicka-meddelande", "synpunkter-klagomal"]
FIRST = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Per", "Lena", "Olof", "Sara", "Nils"]
LAST = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson"]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}{rng.choice(TAILS)}."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 5)))


def body(rng: random.Random, index: int, total: int) -> str:
    """A routine body of about 3-6 KB: sections, paragraphs, lists, steps and links."""
    target = rng.randint(3000, 6000)
    parts: list[str] = []
    size = 0
    section = 0
    while size < target:
        heading = SECTIONS[section % len(SECTIONS)] + ("" if section < len(SECTIONS) else f" {section}")
        block = [f"## {heading}", "", _paragraph(rng), ""]
        if rng.random() < 0.5:
            block += [f"- {_sentence(rng)}" for _ in range(rng.randint(3, 6))] + [""]
        if rng.random() < 0.3:
            block += [f"{n}. {_sentence(rng)}" for n in range(1, rng.randint(3, 7))] + [""]
        if rng.random() < 0.3:
            other = rng.randrange(total)
            block += [(f"Se även [rutin {other}](../v{other % 50:02d}/r{other:05d}.md) och "
                       f"[Vårdhandboken](https://www.vardhandboken.se/{index})."), ""]
        text = "\n".join(block)
        parts.append(text)
        size += len(text.encode())
        section += 1
    return "\n".join(parts)


def _person(rng: random.Random, people: list[tuple[str, str]]) -> str:
    pid, name = rng.choice(people)
    return f"{{id: {pid}, name: {name}, title: Enhetschef}}"


def front_matter(rng: random.Random, index: int, units: list[str], people: list[tuple[str, str]]) -> str:
    year = rng.choice([2025, 2026])
    start = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    end = f"{year + 2}-{start[5:7]}-{int(start[8:]) - 1 or 1:02d}"
    owner = _person(rng, people)
    approver = _person(rng, people)
    while approver == owner:
        approver = _person(rng, people)
    lines = [
        "---", f"id: SYN-{index:05d}", f"title: Rutin {index} för {rng.choice(OBJECTS)}",
        f"type: {rng.choice(TYPES)}", f'version: "{rng.randint(1, 9)}.0"',
        f"applies_to: [{rng.choice(units)}]", f"owner: {owner}", f"approver: {approver}",
        f"valid_from: {start}", f"valid_to: {end}", "revision_note: Språkliga justeringar.",
        "tags: [syntetisk]",
    ]
    if rng.random() < 0.3:
        lines += ["rules:", "  deadlines:", "    - id: svarstid", '      case_types: "*"',
                  "      except: [synpunkter-klagomal]", f"      within_vardagar: {rng.randint(1, 5)}",
                  "  roles:", "    - id: mottagare", "      role: arendemottagare",
                  "      units: {kind: mottagning}", "      min: 1", "      cover_absence_over_arbetsdagar: 2",
                  "      cover_from: [unit, verksamhet]"]
    if rng.random() < 0.1:
        offered = rng.sample(CASE_TYPES, 5)
        lines += ["  offers:" if "rules:" in lines else "rules:\n  offers:",
                  "    - units: {care: öppenvård}", f"      case_types: [{', '.join(offered)}]"]
    lines.append("---")
    return "\n".join(lines)


def organisation(verksamheter: int) -> tuple[str, list[str]]:
    """organisation.yaml text and the unit ids."""
    lines = ["units:", "  - {id: reg, name: Region Syntetisk, kind: region}",
             "  - {id: sjh, name: Syntetiska sjukhuset, kind: sjukhus, parent: reg}"]
    ids = ["reg", "sjh"]
    for v in range(verksamheter):
        vid = f"v{v:02d}"
        lines.append(f"  - {{id: {vid}, name: Verksamhet {v}, kind: verksamhet, parent: sjh}}")
        ids.append(vid)
        for m in range(4):
            lines.append(f"  - {{id: {vid}-m{m}, name: Mottagning {v}.{m}, kind: mottagning, "
                         f"parent: {vid}, care: öppenvård}}")
            ids.append(f"{vid}-m{m}")
        for a in range(2):
            lines.append(f"  - {{id: {vid}-a{a}, name: Avdelning {v}.{a}, kind: avdelning, "
                         f"parent: {vid}, care: slutenvård}}")
            ids.append(f"{vid}-a{a}")
    return "\n".join(lines) + "\n", ids


CATALOG = """roles:
  - {id: arendemottagare, name: Ärendemottagare}
  - {id: arendehanterare, name: Ärendehanterare}
case_types:
""" + "".join(f"  - {{id: {c}, name: {c.replace('-', ' ').capitalize()}}}\n" for c in CASE_TYPES)


def generate(root: Path, count: int, seed: int = 1) -> Path:
    """Write a content root with ``count`` routines under ``root``; returns ``root``."""
    rng = random.Random(seed)
    org_text, units = organisation(50)
    routines = root / "routines"
    routines.mkdir(parents=True, exist_ok=True)
    (routines / "organisation.yaml").write_text(org_text, encoding="utf-8")
    (routines / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
    people = [(f"p{i:04d}", f"{rng.choice(FIRST)} {rng.choice(LAST)}") for i in range(400)]
    for index in range(count):
        folder = routines / f"v{index % 50:02d}"
        folder.mkdir(exist_ok=True)
        text = front_matter(rng, index, units, people) + "\n\n" + body(rng, index, count) + "\n"
        (folder / f"r{index:05d}.md").write_text(text, encoding="utf-8")
    return root
