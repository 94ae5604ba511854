"""Security headers of every response (API and pages): a content security policy that allows no
other host.

No inline scripts or styles, no CDN: scripts, styles, images and data come from the server itself;
the optional tile server (setting `tile_url`) is the single exception, for images only.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from fastapi import FastAPI, Request, Response

from ceasefire.settings import Settings

# Nothing is exempt from the policy (the CDN-based interactive API explorer is switched off).
_EXEMPT_PREFIXES: tuple[str, ...] = ()


def tile_origin(tile_url: str) -> str | None:
    """`https://tiles.example.org` for a tile URL template, None when there is none."""
    if not tile_url:
        return None
    parts = urlsplit(tile_url.replace("{s}", "a"))
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return None
    host = parts.netloc
    if "{s}" in tile_url:  # subdomains a/b/c of the same server
        host = "*." + host.split(".", 1)[1] if "." in host else host
    return f"{parts.scheme}://{host}"


def content_security_policy(settings: Settings) -> str:
    images = "'self' data:"
    origin = tile_origin(settings.tile_url)
    if origin:
        images += f" {origin}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def install(app: FastAPI, settings: Settings) -> None:
    policy = content_security_policy(settings)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if not request.url.path.startswith(_EXEMPT_PREFIXES):
            response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response
