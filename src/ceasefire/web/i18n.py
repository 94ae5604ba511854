"""Translation of UI text: every string shown to people goes through `_()` from here.

English is the only language today; Russian and Turkish catalogues can be installed later with
`set_translations()` without touching the pages.
"""

from __future__ import annotations

import gettext

_translations: gettext.NullTranslations = gettext.NullTranslations()


def set_translations(translations: gettext.NullTranslations) -> None:
    """Use `translations` (e.g. `gettext.translation("ceasefire", localedir, ["ru"])`) from now on."""
    global _translations
    _translations = translations


def _(message: str) -> str:
    """The UI text `message` in the current language."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)
