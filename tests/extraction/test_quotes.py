"""Quotes and their speakers over plain text with given person mentions, no model."""

from __future__ import annotations

from ceasefire.extraction.quotes import Person, attribute, find_quotes, with_surnames


def persons_in(text: str, *names: str) -> list[Person]:
    out = []
    for name in names:
        start = text.index(name)
        out.append(Person(start, start + len(name), name))
    return with_surnames(text, out)


def speakers(text: str, *names: str) -> list[tuple[str | None, str]]:
    return [
        (q.speaker, q.text) for q in attribute(text, find_quotes(text), persons_in(text, *names))
    ]


def test_speaker_named_after_the_quote() -> None:
    text = '"This is a very important step," said Ilham Aliyev, President of Azerbaijan.'
    assert speakers(text, "Ilham Aliyev") == [("Ilham Aliyev", "This is a very important step,")]


def test_pronoun_speaker_is_the_last_named_person() -> None:
    text = 'Ilham Aliyev spoke first.\n\n"We have achieved this," he declared.'
    assert speakers(text, "Ilham Aliyev")[0][0] == "Ilham Aliyev"


def test_speaker_before_the_quote_in_the_same_sentence() -> None:
    text = (
        "Nikol Pashinyan spoke late.\n\nIlham Aliyev too.\n\n"
        'Pashinyan described the deal as "painful for me", while Aliyev called it a "capitulation".'
    )
    assert [s for s, _ in speakers(text, "Nikol Pashinyan", "Ilham Aliyev")] == [
        "Nikol Pashinyan",
        "Ilham Aliyev",
    ]


def test_a_quote_that_continues_over_paragraphs_is_one_quote() -> None:
    text = '"First paragraph of the speech.\n\n"Second paragraph of it," said Aliyev Ilham.'
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert "Second paragraph" in quotes[0].text


def test_next_paragraph_quote_keeps_the_speaker() -> None:
    text = '"One," said Ilham Aliyev, President of Azerbaijan.\n\n"Two more sentences. And more."'
    assert [s for s, _ in speakers(text, "Ilham Aliyev")] == ["Ilham Aliyev", "Ilham Aliyev"]


def test_unattributed_quote_has_no_speaker() -> None:
    assert speakers('The word "capitulation" was everywhere.') == [(None, "capitulation")]
