"""One JSON error shape for every 4xx/5xx: ``{"error": {"code", "message", "details"?}}``.

Clients (the web page included) show ``message`` as is, so each message names the field or limit at
fault and says what to change; ``code`` is stable for programs to branch on.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from samestory.errors import (
    CorruptStoreError,
    InputError,
    ModelUnavailableError,
    SamestoryError,
    ScorerError,
    StoreError,
)

log = logging.getLogger("samestory.api")


class ApiError(Exception):
    """An error a route raises on purpose, with its HTTP status and stable code."""

    def __init__(
        self, status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def error_body(code: str, message: str, details: Any = None) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


def error_response(
    status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    """``("body", "a", "text")`` → ``a.text``: the path a client wrote, without FastAPI's prefix."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path"}:
        parts = parts[1:] if parts[0] == "body" or len(parts) > 1 else parts
    return ".".join(parts) or "body"


_SHAPE_ERRORS = {"missing", "extra_forbidden", "model_type", "dict_type"}


def _union_branch(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """For a body that may be one of several models, keep the errors of the model the client meant.

    Pydantic reports every branch (``body.ArticlesRequest.articles: missing`` *and*
    ``body.ArticleIn.text: …``); the branch with the fewest shape errors (missing or unknown fields)
    is the one the client was writing, and its name is dropped from the locations.
    """
    branches: dict[str, list[dict[str, Any]]] = {}
    for error in errors:
        loc = error.get("loc", ())
        if len(loc) < 2 or loc[0] != "body" or not isinstance(loc[1], str) or not loc[1][:1].isupper():
            return errors
        branches.setdefault(loc[1], []).append(error)
    if len(branches) < 2:
        return errors

    def shape_errors(name: str) -> tuple[int, int]:
        found = branches[name]
        return sum(1 for e in found if len(e["loc"]) <= 3 and e.get("type") in _SHAPE_ERRORS), len(found)

    chosen = min(branches, key=shape_errors)
    return [{**e, "loc": ("body", *e["loc"][2:])} for e in branches[chosen]]


def _validation_details(error: RequestValidationError) -> list[dict[str, str]]:
    errors = _union_branch(list(error.errors()))
    return [_detail(e) for e in errors]


def _detail(error: dict[str, Any]) -> dict[str, str]:
    """One problem as ``{"field", "message"}``; a body that is not JSON at all is the body's problem, at a
    character position (FastAPI puts that position where the field name goes)."""
    if error.get("type") == "json_invalid":
        position = error.get("loc", ("body", "?"))[-1]
        reason = (error.get("ctx") or {}).get("error", "JSON decode error")
        return {"field": "body", "message": f"not valid JSON ({reason} at character {position})"}
    message = str(error.get("msg", "invalid")).removeprefix("Value error, ")
    return {"field": _location(error.get("loc", ())), "message": message}


_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
}

_SAMESTORY_STATUS: list[tuple[type[SamestoryError], int, str]] = [
    (InputError, 422, "invalid_article"),
    (ModelUnavailableError, 503, "model_unavailable"),
    (CorruptStoreError, 500, "corrupt_store"),
    (StoreError, 503, "store_unavailable"),
    (ScorerError, 503, "scorer_unavailable"),
]


def install_error_handlers(app: FastAPI) -> None:
    """Replace FastAPI's ``{"detail": ...}`` bodies with the one shape above."""

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        first = details[0] if details else {"field": "body", "message": "invalid"}
        message = f"{first['field']}: {first['message']}"
        if len(details) > 1:
            message += f" (and {len(details) - 1} more problem(s), see details)"
        return error_response(422, "invalid_request", message, details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if exc.status_code in (404, 405) and message in ("Not Found", "Method Not Allowed"):
            message = f"no route {request.method} {request.url.path}; the routes are listed in /openapi.json"
        elif exc.status_code == 400 and message == "There was an error parsing the body":
            # FastAPI's answer to a body that is not text at all; bad JSON is a 422 already.
            return error_response(422, "invalid_request", "body: not a UTF-8 JSON document")
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(SamestoryError)
    async def _samestory(_: Request, exc: SamestoryError) -> JSONResponse:
        for kind, status, code in _SAMESTORY_STATUS:
            if isinstance(exc, kind):
                return error_response(status, code, str(exc))
        return error_response(500, "samestory_error", str(exc))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "the server failed on this request; see the server log")
