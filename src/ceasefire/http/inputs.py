"""Hostile input refused at the door, once for every route (API and pages): NUL characters in
the path, the query, a JSON or form body; whole numbers in the path or the query beyond what
both stores hold; and, as the last line, the store's or the parser's own refusals (a value out
of range, nesting too deep) answered 422 instead of a crash.

The checks are pure functions over the request's bytes (`request_problem`, `body_problem`); the
middleware only reads the body of the kinds it checks (bounded by the body size limit around it)
and hands it on unchanged."""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ceasefire.errors import CeasefireError
from ceasefire.http.errors import ErrorPage, json_error

#: The largest whole number a path or query parameter may be: PostgreSQL's `integer` (the
#: narrower of the two stores' id columns; SQLite's reach 2**63 - 1).
MAX_INTEGER = 2**31 - 1
_INTEGER = re.compile(r"^[+-]?\d+$")
# a JSON string escape \u0000 (not preceded by an escaping backslash)
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
CHECKED_BODIES = ("application/json", "application/x-www-form-urlencoded")


def _integer_problem(where: str, value: str) -> str | None:
    if not _INTEGER.match(value):
        return None
    digits = value.lstrip("+-").lstrip("0")
    if len(digits) > len(str(MAX_INTEGER)) or abs(int(value)) > MAX_INTEGER:
        return f"{where}: {value[:40]} is out of range (a whole number up to {MAX_INTEGER})"
    return None


def request_problem(path: str, query_string: bytes) -> str | None:
    """Why the path (percent-decoded, as ASGI gives it) or the query string is refused, or None."""
    if "\x00" in path:
        return "path: NUL character refused"
    for segment in path.split("/"):
        problem = _integer_problem("path", segment)
        if problem:
            return problem
    query = query_string.decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True, errors="replace"):
        if "\x00" in name or "\x00" in value:
            return f"query parameter {name.strip(chr(0))[:40]!r}: NUL character refused"
        problem = _integer_problem(f"query parameter {name[:40]!r}", value.strip())
        if problem:
            return problem
    return None


class _NotANumberError(ValueError):
    pass


def _constant(name: str) -> Any:
    raise _NotANumberError(f"request body: {name} is not a number JSON allows")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _NotANumberError(f"request body: {text[:40]} is not a finite number")
    return value


def json_problem(body: bytes) -> str | None:
    """Why a JSON body is refused: NaN, Infinity or a number no float holds (1e400), which
    Python's parser would let through and no JSON answer could carry back; nesting past the
    parser's recursion limit. Not JSON at all is left to the route to say."""
    try:
        json.loads(body, parse_constant=_constant, parse_float=_finite)
    except _NotANumberError as exc:
        return str(exc)
    except RecursionError:
        return "request body: JSON nested deeper than the parser allows"
    except ValueError:
        return None
    return None


def body_problem(content_type: str, body: bytes) -> str | None:
    """Why a JSON or form body is refused (a NUL character in it, `json_problem`), or None."""
    if b"\x00" in body:
        return "request body: NUL character refused"
    if content_type.endswith("json") and _JSON_NUL.search(body):
        return "request body: NUL character (\\u0000) refused in a JSON string"
    if content_type.endswith("json"):
        return json_problem(body)
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qsl(body.decode("latin-1"), keep_blank_values=True, errors="replace")
        for name, value in form:
            if "\x00" in name or "\x00" in value:
                return f"form field {name.strip(chr(0))[:40]!r}: NUL character refused"
    return None


def _content_type(scope: Scope) -> str:
    for key, value in scope.get("headers", []):
        if key == b"content-type":
            return str(value.decode("latin-1").split(";")[0].strip().lower())
    return ""


def _checked(content_type: str) -> bool:
    return content_type in CHECKED_BODIES or content_type.endswith("+json")


class InputGuard:
    """Refuses (422, JSON) a request that `request_problem` or `body_problem` finds fault with."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        problem = request_problem(scope.get("path", ""), scope.get("query_string", b""))
        if problem:
            await _refuse(send, problem)
            return
        kind = _content_type(scope)
        if not _checked(kind):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        problem = body_problem(kind, body)
        if problem:
            await _refuse(send, problem)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _refuse(send: Send, problem: str) -> None:
    response = JSONResponse({"detail": problem}, status_code=422)
    headers: list[Any] = list(response.raw_headers)
    await send({"type": "http.response.start", "status": 422, "headers": headers})
    await send({"type": "http.response.body", "body": response.body})


def install(app: FastAPI, *, page: ErrorPage | None = None, json_prefix: str = "/api/") -> None:
    """The guard, and the last line behind it: what the store refuses as a value (PostgreSQL's
    range or NUL checks, SQLite's 64-bit integers) and JSON nested past the parser's recursion
    limit answer 422, on the API as JSON and on the pages as the error page."""

    def refused(request: Request, message: str) -> Response:
        error = CeasefireError(message)
        if page is None or request.url.path.startswith(json_prefix):
            return json_error(error)
        return page(request, error, 422)

    async def data_error(request: Request, _exc: Exception) -> Response:
        return refused(request, "a value is out of range or holds a character the store refuses")

    async def overflow(request: Request, _exc: Exception) -> Response:
        return refused(request, f"a number is out of range (a whole number up to {MAX_INTEGER})")

    async def too_deep(request: Request, _exc: Exception) -> Response:
        return refused(request, "the request nests too deep")

    app.add_exception_handler(DataError, data_error)
    app.add_exception_handler(OverflowError, overflow)
    app.add_exception_handler(RecursionError, too_deep)
    app.add_middleware(InputGuard)
