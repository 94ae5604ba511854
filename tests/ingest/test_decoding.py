"""Bytes to text: UTF-8, BOMs, the single-byte encodings of the center's sources, and bytes that
no encoding reads cleanly or that are mojibake, refused naming the file."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from ceasefire.errors import InvalidInputError
from ceasefire.ingest.decoding import decode, mojibake
from ceasefire.ingest.readers import read_path

RUSSIAN = (
    "Министерство обороны России: за прошедшие сутки зафиксировано два нарушения режима "
    "прекращения огня в Мартунинском районе."
)
TURKISH = (
    "Milli Savunma Bakanlığı: Ermenistan ordusu gece boyunca ateşkesi iki kez ihlal etti, "
    "şehit ya da yaralı askerimiz yok."
)


@pytest.mark.parametrize(
    ("raw", "encoding", "text"),
    [
        (RUSSIAN.encode(), "utf-8", RUSSIAN),
        (RUSSIAN.encode("utf-8-sig"), "utf-8-sig", RUSSIAN),
        (RUSSIAN.encode("cp1251"), "cp1251", RUSSIAN),
        (RUSSIAN.encode("koi8-r"), "koi8-r", RUSSIAN),
        ("Обстрел в Мартуни.".encode("koi8-r"), "koi8-r", "Обстрел в Мартуни."),
        ("Обстрел в Мартуни.".encode("cp1251"), "cp1251", "Обстрел в Мартуни."),
        (TURKISH.encode("cp1254"), "cp1254", TURKISH),
        ("Ateşkes ihlal edildi.".encode("cp1254"), "cp1254", "Ateşkes ihlal edildi."),
        (RUSSIAN.encode("utf-16"), "utf-16", RUSSIAN),
        (TURKISH.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16", TURKISH),
        ("Café shelled, Nov 2020.".encode("cp1252"), "cp1252", "Café shelled, Nov 2020."),
        (b"Plain ASCII bulletin.", "utf-8", "Plain ASCII bulletin."),
    ],
)
def test_bytes_are_read_in_their_encoding(raw: bytes, encoding: str, text: str) -> None:
    decoded = decode(raw, "bulletin.txt")
    assert (decoded.text, decoded.encoding) == (text, encoding)


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"Line one\nline two " + bytes(range(0x80, 0x100)), 2, "no encoding"),
        (
            b"report\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\xff\xd8" * 4,
            2,
            "no encoding",
        ),
        (bytes([0, 1, 2, 3, 0xFF, 0xFE, 0x10, 0x80]) * 10, 1, "no encoding"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8A\x00", 0, "not utf-16"),  # a BOM, then a lone half
        (RUSSIAN.encode() + b"\n" + RUSSIAN.encode("cp1251"), 2, "no encoding"),  # two in one
        (RUSSIAN.encode().decode("cp1252", errors="ignore").encode(), 1, "mojibake"),
        (RUSSIAN.encode().decode("cp1251").encode(), 1, "read as cp1251"),
        ("Обстрел \ufffd\ufffd в Мартуни".encode(), 1, "replacement characters"),
    ],
)
def test_bytes_that_cannot_be_read_cleanly_are_refused_naming_the_file(
    raw: bytes, line: int, words: str
) -> None:
    with pytest.raises(InvalidInputError) as caught:
        decode(raw, "in/bulletin.txt")
    (problem,) = caught.value.problems
    assert problem.file == "in/bulletin.txt"
    assert problem.line == line
    assert words in problem.message, problem.message


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (RUSSIAN, False),
        (TURKISH, False),
        ("Café crème, São Paulo, Zürich", False),
        ("Ð—Ð° Ð¿Ñ€Ð¾ÑˆÐµÐ´ÑˆÐ¸Ðµ ÑÑƒÑ‚ÐºÐ¸", True),
        (
            "Ateşkes".encode().decode("cp1252") + " ihlal " + "Bakanlığı".encode().decode("cp1252"),
            True,
        ),
        ("Р—Р° РїСЂРѕС€РµРґС€РёРµ СЃСѓС‚РєРё", True),
    ],
)
def test_mojibake_is_told_from_text(text: str, found: bool) -> None:
    assert (mojibake(text) is not None) == found


def test_a_file_is_kept_as_received_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mod.txt"
    path.write_bytes(RUSSIAN.encode("koi8-r"))
    (article,) = read_path(path)
    assert (article.raw, article.text, article.encoding) == (
        RUSSIAN.encode("koi8-r"),
        RUSSIAN,
        "koi8-r",
    )


def test_a_json_lines_file_in_cp1251_keeps_each_line_s_bytes(tmp_path: Path) -> None:
    lines = [f'{{"text": "{RUSSIAN}"}}', '{"text": "Патрулирование по четырём маршрутам."}']
    raw = "\n".join(lines).encode("cp1251")
    path = tmp_path / "feed.jsonl"
    path.write_bytes(raw)
    articles = list(read_path(path))
    assert [a.raw for a in articles] == [line.encode("cp1251") for line in lines]
    assert {a.encoding for a in articles} == {"cp1251"}
    assert articles[0].text == RUSSIAN


def test_a_mojibake_line_of_json_lines_is_refused_with_its_line(tmp_path: Path) -> None:
    bad = RUSSIAN.encode().decode("cp1251")
    path = tmp_path / "feed.jsonl"
    path.write_text(f'{{"text": "{RUSSIAN}"}}\n{{"text": "{bad}"}}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        list(read_path(path))
    assert [(p.file, p.line) for p in caught.value.problems] == [(str(path), 2)]
