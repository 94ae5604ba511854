"""Boilerplate in news text: share and follow lines, "N min read", photo captions, a repeated title.

Pure functions over plain text; they return character ranges so the text itself is never changed
(an article is kept as received and every span points into it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_READ_TIME = re.compile(r"^\s*\d{1,3}\s*(?:-|\s)?(?:min|mins|minute|minutes)\s+read\s*$", re.I)
_SHARE = re.compile(
    r"^\s*(?:follow\s+us|share\s+(?:this|on|via)|share\s*$|subscribe\b|sign\s+up\b|click\s+here\b|"
    r"read\s+more\b|related\s*:|advertisement\s*$|listen\s+to\s+this\s+article|"
    r"join\s+(?:us|our)\b.*\b(?:telegram|whatsapp|facebook|twitter|newsletter)|"
    r"(?:facebook|twitter|whatsapp|telegram|linkedin|email|print)(?:\s*[|/·,]?\s*(?:facebook|twitter|"
    r"whatsapp|telegram|linkedin|email|print))+\s*$)",
    re.I,
)
_CREDIT = (
    r"getty(?:\s+images)?|afp|reuters|ap|associated\s+press|epa|anadolu(?:\s+agency)?|"
    r"tass|ria\s+novosti|sputnik|photo|file\s+photo|shutterstock|xinhua|twitter|facebook|"
    r"handout|archive"
)
_CAPTION = re.compile(
    rf"(?:\[\s*(?:{_CREDIT})[^\]]{{0,60}}\]|\(\s*(?:{_CREDIT})[^)]{{0,60}}\)|"
    rf"(?:photo|image|picture)\s*(?:credit)?\s*:\s*[^.]{{0,60}})\s*$",
    re.I,
)
_CAPTION_START = re.compile(r"^\s*(?:photo|image|picture|file photo)\s*:", re.I)


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """Every line of `text` with its character range (newline excluded)."""
    out: list[Line] = []
    start = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        out.append(Line(start, start + len(body), body))
        start += len(raw)
    return out


def _norm(value: str) -> str:
    return re.sub(r"\W+", " ", value).strip().lower()


def boilerplate_reason(
    line: str, *, title: str | None = None, seen_title: bool = False
) -> str | None:
    """Why `line` is boilerplate (`read-time`, `share`, `caption`, `repeated-title`), else None."""
    if not line.strip():
        return None
    if _READ_TIME.match(line):
        return "read-time"
    if _SHARE.match(line):
        return "share"
    if _CAPTION.search(line) or _CAPTION_START.match(line):
        return "caption"
    if title and seen_title and _norm(line) == _norm(title):
        return "repeated-title"
    return None


def title_of(text: str) -> str | None:
    """The article's title: its first non-empty line, when that line reads like a headline."""
    for line in lines(text):
        stripped = line.text.strip()
        if stripped:
            if len(stripped) <= 200 and not stripped.endswith((".", '?"', '."')):
                return stripped
            return None
    return None


def boilerplate_ranges(text: str, *, title: str | None = None) -> list[tuple[int, int, str]]:
    """Character ranges `(start, end, reason)` of the boilerplate lines of `text`."""
    title = title if title is not None else title_of(text)
    seen_title = False
    out: list[tuple[int, int, str]] = []
    for line in lines(text):
        reason = boilerplate_reason(line.text, title=title, seen_title=seen_title)
        if reason:
            out.append((line.start, line.end, reason))
        elif title and _norm(line.text) == _norm(title):
            seen_title = True
    return out


def clean_text(text: str, *, title: str | None = None) -> str:
    """`text` with boilerplate lines blanked by spaces, so every offset still points into the original."""
    chars = list(text)
    for start, end, _ in boilerplate_ranges(text, title=title):
        chars[start:end] = " " * (end - start)
    return "".join(chars)
