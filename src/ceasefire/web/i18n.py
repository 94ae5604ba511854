"""The language of each page request: the account's, else the switcher's cookie, else the
browser's Accept-Language; every string shown to people goes through `_()` from here."""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from starlette.types import ASGIApp, Receive, Scope, Send

from ceasefire import i18n
from ceasefire.i18n import LANGUAGES, N_, _, ngettext

__all__ = ["COOKIE", "LANGUAGES", "N_", "LanguageMiddleware", "_", "ngettext", "request_language"]

#: the cookie the language switcher leaves when nobody is signed in
COOKIE = "ceasefire_lang"


def request_language(cookie_header: str | None, accept_language: str | None) -> str:
    """The language of a request before its user is known: the cookie's, else the browser's."""
    if cookie_header:
        try:
            cookies = SimpleCookie(cookie_header)
        except CookieError:  # a malformed cookie header only loses the preference
            cookies = SimpleCookie()
        chosen = cookies.get(COOKIE)
        if chosen is not None and i18n.is_language(chosen.value):
            return chosen.value
    return i18n.negotiate(accept_language)


class LanguageMiddleware:
    """Opens each HTTP request's language holder (pure ASGI, so the holder is seen by the
    handler, the dependencies in their threads and the error handlers alike)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        token = i18n.begin(request_language(headers.get("cookie"), headers.get("accept-language")))
        try:
            await self.app(scope, receive, send)
        finally:
            i18n.end(token)
