"""Actors: what role words say about a sector, and which country a word points at.

Sectors follow CAMEO's actor codes: GOV (government), MIL (military and peacekeepers), REB
(rebels, separatists), CVL (civilians, protesters), IGO (intergovernmental), MED (media),
NGO, PTY (political party), POL (police), JUD (courts).
"""

from __future__ import annotations

import re

SECTOR_WORDS: list[tuple[str, str]] = [
    (
        "MIL",
        r"defen[cs]e ministry|ministry of defen[cs]e|defen[cs]e ministers?|armed forces|army|armies|military|troops|soldiers|servicemen|peacekeep\w*|forces|units|battalions?|brigades?|commanders?|generals?|navy|air force|artillery|marines|gendarmerie|national guard|border guards?",
    ),
    ("POL", r"police\w*|policemen|riot police|security services|interior ministry"),
    (
        "REB",
        r"rebels?|separatists?|militants?|insurgents?|militias?|militiamen|fighters|guerrillas?|jihadists?|gunmen|armed group",
    ),
    (
        "IGO",
        r"united nations|\bun\b|osce|minsk group|nato|european union|\beu\b|african union|\bicrc\b|red cross|red crescent|security council|unhcr|unicef|world bank|imf",
    ),
    (
        "MED",
        r"journalists?|reporters?|media|news agency|newspaper|correspondents?|tass|reuters|afp|associated press|anadolu|ria novosti|interfax|bbc|al jazeera",
    ),
    ("NGO", r"human rights watch|amnesty|ngos?|charity|aid workers?|activists?"),
    ("PTY", r"party|opposition|parliamentar\w+ group"),
    ("JUD", r"courts?|judges?|prosecutors?"),
    (
        "CVL",
        r"civilians?|protesters?|demonstrators?|residents?|villagers?|refugees?|people|citizens?|students?|workers?|farmers?|families|children|women|crowds?|displaced",
    ),
    (
        "GOV",
        r"presidents?|prime ministers?|premier|ministers?|ministry|government|foreign office|kremlin|parliament|leaders?|officials?|authorities|governors?|mayors?|ambassadors?|diplomats?|spokes(?:man|woman|person)|envoys?|chancellor|king|emir|administration|cabinet|delegation|state department|white house|head of state",
    ),
]
_SECTOR_PATTERNS = [(sector, re.compile(rf"\b(?:{p})\b", re.I)) for sector, p in SECTOR_WORDS]

TITLES = re.compile(
    r"\b(?:president|prime minister|premier|(?:foreign|defen[cs]e|interior|deputy) minister|minister|"
    r"spokes(?:man|woman|person)|ambassador|chancellor|general|commander|colonel|major|governor|"
    r"mayor|leader|chief|secretary|envoy|king|emir|sheikh|pope|senator)\b",
    re.I,
)


def sector_of(words: str) -> str | None:
    """The sector the role words in `words` point at, the most specific first."""
    for sector, pattern in _SECTOR_PATTERNS:
        if pattern.search(words):
            return sector
    return None
