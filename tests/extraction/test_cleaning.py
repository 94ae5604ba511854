"""Boilerplate lines: a case table over plain lines, and offsets kept."""

from __future__ import annotations

import pytest

from ceasefire.extraction.cleaning import boilerplate_ranges, boilerplate_reason, clean_text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("3 min read", "read-time"),
        ("12 minutes read", "read-time"),
        ("Follow us on FacebookTwitter and Instagram to stay connected", "share"),
        ("Share this article", "share"),
        ("Facebook Twitter WhatsApp Email", "share"),
        ("Subscribe to our newsletter", "share"),
        (
            "IYI Party Meral Aksener makes a speech during her party's group meeting [Getty]",
            "caption",
        ),
        ("Soldiers near the line of contact (AFP/File)", "caption"),
        ("Photo: a convoy on the Lachin road", "caption"),
        ("Russian peacekeepers arrived in Stepanakert on Tuesday.", None),
        ("The meeting came after the deal was signed [in Moscow].", None),
        ("", None),
    ],
)
def test_boilerplate_reason(line: str, reason: str | None) -> None:
    assert boilerplate_reason(line) == reason


def test_repeated_title_only_after_its_first_appearance() -> None:
    text = "Big news today\n\nBig news today\nBody text here."
    ranges = boilerplate_ranges(text)
    assert [(text[s:e], r) for s, e, r in ranges] == [("Big news today", "repeated-title")]
    assert ranges[0][0] == text.index("Big news today", 1)


def test_clean_text_keeps_every_offset() -> None:
    text = "Title\n3 min read\nA caption [Getty]\nBody."
    cleaned = clean_text(text)
    assert len(cleaned) == len(text)
    assert cleaned.index("Body.") == text.index("Body.")
    assert "Getty" not in cleaned
    assert "min read" not in cleaned
