"""The API's contract made whole: every status the shell can answer, the one error body it
answers them with, and how a request says who it is (the OpenAPI security schemes).

FastAPI documents a route's success and its 422 (as a list of validation errors); our routes
also answer 401, 403, 404, 409, 413 and 503, and our own 422s carry a string `detail` (with
`problems` for a refused file). `install` rewrites the generated document once, from what each
route depends on, so that every answer the API gives is one its document names (schemathesis
checks it in tests/api/test_fuzz.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from ceasefire.http.auth import CSRF_HEADER, SESSION_COOKIE, optional_user, require_user

ERROR_SCHEMA = "ErrorPublic"
BEARER = "bearerToken"
COOKIE = "sessionCookie"

_ERROR: dict[str, Any] = {
    "title": ERROR_SCHEMA,
    "type": "object",
    "description": "Every refused request: `detail` says why (a list of field errors when the "
    "request did not match its schema); `problems` names each problem of a refused file.",
    "required": ["detail"],
    "properties": {
        "detail": {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"$ref": "#/components/schemas/ValidationError"}},
            ]
        },
        "problems": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["message"],
                "properties": {
                    "file": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                    "line": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                    "message": {"type": "string"},
                },
            },
        },
    },
}

_SECURITY_SCHEMES: dict[str, Any] = {
    BEARER: {
        "type": "http",
        "scheme": "bearer",
        "description": "An API token (`ceasefire tokens create USER`), acting as its user.",
    },
    COOKIE: {
        "type": "apiKey",
        "in": "cookie",
        "name": SESSION_COOKIE,
        "description": "The session of a signed-in user (POST /api/v1/session). Unsafe requests "
        f"must repeat the CSRF token in the `{CSRF_HEADER}` header.",
    },
}

_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before retrying.",
        "schema": {"type": "integer"},
    }
}

#: status -> (description, applies to (method, has a body, authenticates))
_STATUSES: dict[int, tuple[str, Callable[[str, bool, bool], bool]]] = {
    401: ("Not signed in, a bad or revoked token, or wrong credentials.", lambda *_: True),
    403: (
        "Not allowed for your role or party, or a missing CSRF token.",
        lambda _m, _b, auth: auth,
    ),
    404: ("No such object (or not one you may see).", lambda _m, _b, _a: True),
    409: (
        "Conflicts with the object's state or a concurrent change.",
        lambda m, _b, _a: m != "get",
    ),
    413: ("The request body is larger than the server accepts.", lambda _m, body, _a: body),
    422: ("The request is refused: `detail` says why.", lambda _m, _b, _a: True),
    503: (
        "The server is busy: nothing was done; retry after Retry-After seconds.",
        lambda *_: True,
    ),
}


def _calls(dependant: Dependant) -> set[Any]:
    found = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


def _authentication(route: APIRoute) -> str:
    """What the route asks of the caller: "required", "optional" or "none"."""
    calls = _calls(route.dependant)
    if require_user in calls:
        return "required"
    return "optional" if optional_user in calls else "none"


def complete(document: dict[str, Any], routes: dict[tuple[str, str], APIRoute]) -> None:
    """Rewrite the generated `document` in place (see the module's docstring)."""
    components = document.setdefault("components", {})
    schemas = components.setdefault("schemas", {})
    schemas[ERROR_SCHEMA] = _ERROR
    schemas.pop("HTTPValidationError", None)
    components["securitySchemes"] = _SECURITY_SCHEMES
    error_body = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}}}
    for path, operations in document.get("paths", {}).items():
        for method, operation in operations.items():
            route = routes.get((path, method))
            if route is None:
                continue
            auth = _authentication(route)
            if auth == "none":
                operation["security"] = []
            else:
                operation["security"] = [{BEARER: []}, {COOKIE: []}] + (
                    [{}] if auth == "optional" else []
                )
            responses = operation.setdefault("responses", {})
            has_body = "requestBody" in operation
            for status, (description, applies) in _STATUSES.items():
                if not applies(method, has_body, auth != "none"):
                    continue
                answer = responses.setdefault(str(status), {"description": description})
                answer["content"] = error_body
                if status == 422:
                    answer["description"] = description
                if status == 503:
                    answer["headers"] = _RETRY_AFTER


def install(app: FastAPI, *, routers: list[tuple[str, APIRouter]]) -> None:
    """Serve the completed document for `routers`, each (prefix, router) included under its
    prefix."""
    generate = app.openapi
    routes = {
        (prefix + route.path, method.lower()): route
        for prefix, router in routers
        for route in router.routes
        if isinstance(route, APIRoute)
        for method in route.methods or ()
    }

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = generate()
            complete(document, routes)
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
