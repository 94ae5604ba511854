"""The interface's languages: the catalogues, the language of the work in hand, dates and numbers.

The language is per request, never per process: the web shell opens a `Current` holder for each
request (`begin`), the dependency that knows the signed-in user may change it (`set_language`),
and `_()` reads it. A holder in a context variable, not the variable itself, is changed, because
FastAPI runs sync dependencies in worker threads with a copy of the context: a value set there
would be lost, a holder shared by the copies is not. Outside a request (the CLI, a worker) the
language is English unless `use_language` says otherwise.

The catalogues are the `.po` files under `web/locale/`; each is compiled in memory with Babel the
first time it is needed, so a fresh clone needs no build step and no generated `.mo` is kept.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from babel.messages import mofile, pofile
from markupsafe import Markup, escape

DEFAULT = "en"
#: the interface's languages, and each one's name in itself (for the switcher)
LANGUAGES: dict[str, str] = {"en": "English", "ru": "Русский", "tr": "Türkçe"}
DOMAIN = "ceasefire"
LOCALE_DIR = ("web", "locale")


@dataclass
class Current:
    """The language of one request (or one piece of work)."""

    language: str = DEFAULT


_current: ContextVar[Current | None] = ContextVar("ceasefire_language", default=None)


def is_language(value: str | None) -> bool:
    return value in LANGUAGES


def check_language(value: str) -> str:
    """`value` as an interface language, or a ValueError naming the ones there are."""
    language = value.strip().lower()
    if language not in LANGUAGES:
        raise ValueError(f"language {value!r}: one of {', '.join(LANGUAGES)}")
    return language


def po_file(language: str) -> resources.abc.Traversable:
    return resources.files("ceasefire").joinpath(
        *LOCALE_DIR, language, "LC_MESSAGES", f"{DOMAIN}.po"
    )


@lru_cache(maxsize=len(LANGUAGES))
def catalogue(language: str) -> gettext.NullTranslations:
    """The translations of `language`, compiled from its `.po` (English: the msgids themselves)."""
    if language == DEFAULT or language not in LANGUAGES:
        return gettext.NullTranslations()
    with po_file(language).open("rb") as source:
        messages = pofile.read_po(source, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    # fuzzy entries are not translations yet: they are left out and the English shows
    mofile.write_mo(compiled, messages, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def negotiate(accept_language: str | None) -> str:
    """The interface language a browser's Accept-Language asks for most (`en` when none fits)."""
    best, best_q = DEFAULT, 0.0
    for position, item in enumerate((accept_language or "").split(",")[:20]):
        tag, _sep, params = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        quality = 1.0
        for param in params.split(";"):
            name, _eq, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        # equal qualities: the earlier tag wins
        score = quality - position * 1e-6
        if primary in LANGUAGES and quality > 0 and score > best_q:
            best, best_q = primary, score
    return best


def begin(language: str) -> Token[Current | None]:
    """Open the holder of a new request's language; `end(token)` when the request is done."""
    return _current.set(Current(language if language in LANGUAGES else DEFAULT))


def end(token: Token[Current | None]) -> None:
    _current.reset(token)


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Work in `language` inside the block (a report rendered for one reader, a test)."""
    token = begin(language)
    try:
        yield
    finally:
        end(token)


def language() -> str:
    """The language of the work in hand."""
    current = _current.get()
    return current.language if current is not None else DEFAULT


def set_language(language: str) -> None:
    """Change the language of the request in hand (e.g. to the signed-in user's)."""
    current = _current.get()
    if current is None:
        _current.set(Current(language if language in LANGUAGES else DEFAULT))
    elif language in LANGUAGES:
        current.language = language


def _(message: str) -> str:
    """The UI text `message` in the language of the work in hand."""
    return catalogue(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return catalogue(language()).ngettext(singular, plural, n)


def escaped_gettext(message: str) -> Markup:
    """`_()` for autoescaped templates: the translation is text, escaped (a translator's `<` or
    `'` is never markup), then safe to format further (Markup escapes what is formatted in)."""
    return escape(_(message))


def escaped_ngettext(singular: str, plural: str, n: int) -> Markup:
    return escape(ngettext(singular, plural, n))


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark for extraction only"
    """Mark `message` for the catalogue without translating it here (it is translated when shown)."""
    return message


def _locale() -> Locale:
    return Locale.parse(language())


def format_date(value: dt.date | dt.datetime, form: str = "medium") -> str:
    """A date as the reader's language writes it ("11 дек. 2020 г.", "11 Ara 2020")."""
    return babel_dates.format_date(value, format=form, locale=_locale())


def format_datetime(
    value: dt.datetime, form: str = "medium", *, zone: dt.tzinfo | None = None
) -> str:
    """A moment as the reader's language writes it, in `zone` (UTC when not given)."""
    return babel_dates.format_datetime(value, format=form, tzinfo=zone or dt.UTC, locale=_locale())


def format_number(value: float) -> str:
    """A number with the reader's language's separators ("1 234", "1.234")."""
    return babel_numbers.format_decimal(value, locale=_locale())
