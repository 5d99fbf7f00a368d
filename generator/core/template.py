"""The template of a new routine (``routines new``): its standard sections, each with a line of
guidance that ``check`` recognises in a published routine whose text was never written."""

from __future__ import annotations

SECTIONS: tuple[tuple[str, str], ...] = (
    ("Syfte", "Beskriv varför rutinen finns och vad den ska uppnå."),
    ("Arbetsbeskrivning", "Beskriv steg för steg hur arbetet går till: vem gör vad, när och hur."),
    ("Roller", "Beskriv vilka roller som berörs av rutinen och vad varje roll gör."),
    ("Ansvar", "Beskriv vem som ansvarar för att rutinen följs, hålls aktuell och når alla berörda."),
    ("Uppföljning, utvärdering och revision",
     "Beskriv hur och när rutinen följs upp och utvärderas, och vem som reviderar den."),
)
"""The standard sections of a new routine, each with one line of guidance."""
