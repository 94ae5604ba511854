"""Bytes of a file or feed to text: UTF-8 (or a BOM's encoding) when they are that, else the
single-byte encoding charset-normalizer finds among those the center's sources use; a text that
no encoding reads cleanly, or that is mojibake (UTF-8 read once as cp1252 or cp1251 and saved
again), is refused naming the file and the problem, never garbled silently.

Pure: the caller keeps the bytes as received and stores the encoding they were read in.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from ceasefire.errors import InvalidInputError, Problem

#: The encodings looked for beyond UTF-8, the first preferred where two read a text equally well
#: (a Turkish "ş" in cp1254 is "þ" in cp1252; no source of the center writes Icelandic).
ENCODINGS = (
    "cp1251", "koi8_r", "koi8_u", "cp1254", "cp1252", "iso8859_9", "iso8859_5", "mac_cyrillic",
    "cp866", "iso8859_1",
)  # fmt: skip
#: charset-normalizer's "mess" of a decoding (0: clean) above which it is refused.
MAX_CHAOS = 0.1
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf_32"), (codecs.BOM_UTF32_BE, "utf_32"),
    (codecs.BOM_UTF8, "utf_8_sig"), (codecs.BOM_UTF16_LE, "utf_16"),
    (codecs.BOM_UTF16_BE, "utf_16"),
)  # fmt: skip
#: What a UTF-8 text is mistakenly read as, making mojibake ("Ð—Ð°" or "Р—Р°" for "За").
_MISREAD_AS = ("cp1252", "cp1251")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # Python's canonical codec name: utf-8, utf-16, cp1251, koi8-r, cp1254, ...


def canonical(encoding: str) -> str:
    """One spelling of an encoding's name, whoever named it (`koi8_r`, `KOI8-R` -> `koi8-r`)."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()


def _refuse(name: str, line: int, message: str) -> InvalidInputError:
    return InvalidInputError([Problem(name, line, message)])


def mojibake(text: str) -> tuple[str, int] | None:
    """How a UTF-8 text was misread, and where the first misread word starts, when at least two
    of its words are UTF-8 bytes shown in cp1252 or cp1251 ("Ð¡Ð»Ð¾Ð²Ð¾"); else None."""
    for wrong in _MISREAD_AS:
        found: list[tuple[str, str, int]] = []
        for match in re.finditer(r"\S+", text):
            word = match.group()
            if word.isascii():
                continue
            try:
                fixed = word.encode(wrong).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if fixed != word:
                found.append((word, fixed, match.start()))
            if len(found) >= 2:
                word, fixed, start = found[0]
                return f"UTF-8 text read as {wrong} and saved again ({word!r} for {fixed!r})", start
    return None


def check_text(name: str, line: int, text: str) -> None:
    """Refuse a text that is garbled already: replacement characters, or mojibake."""
    if "\ufffd" in text:
        where = text[: text.index("\ufffd")].count("\n")
        raise _refuse(
            name, line + where, "has replacement characters (\ufffd): it was garbled before it "
            "reached us; send the original file",
        )  # fmt: skip
    wrong = mojibake(text)
    if wrong:
        how, start = wrong
        raise _refuse(name, line + text[:start].count("\n"),
                      f"mojibake: {how}; send the original file")  # fmt: skip


def decode(raw: bytes, name: str) -> Decoded:
    """The text of `raw` and the encoding it was read in. Raises InvalidInputError naming `name`
    (and the line of the first byte that is not UTF-8) when no encoding reads it cleanly."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError as exc:
                said = canonical(encoding)
                raise _refuse(name, 0, f"starts as {said} (its byte-order mark) but is not "
                              f"{said}: {exc.reason} at byte {exc.start}") from exc  # fmt: skip
            check_text(name, 1, text)
            return Decoded(text, canonical(encoding))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        text, encoding = _single_byte(raw, name, raw[: exc.start].count(b"\n") + 1, exc.start)
    else:
        encoding = "utf_8"
    check_text(name, 1, text)
    return Decoded(text, canonical(encoding))


def _choose(raw: bytes) -> tuple[str, float] | None:
    matches = list(from_bytes(raw, cp_isolation=list(ENCODINGS)))
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    clean = {m.encoding for m in matches if m.chaos <= least + 0.01}
    encoding = next((e for e in ENCODINGS if e in clean), matches[0].encoding)
    return encoding, least


def _single_byte(raw: bytes, name: str, line: int, offset: int) -> tuple[str, str]:
    chosen = _choose(raw)
    if chosen is None or chosen[1] > MAX_CHAOS:
        raise _refuse(
            name, line, f"not UTF-8 (byte 0x{raw[offset]:02x} at offset {offset}), and no "
            f"encoding of {', '.join(ENCODINGS)} reads it cleanly: save it as UTF-8",
        )  # fmt: skip
    return raw.decode(chosen[0]), chosen[0]
