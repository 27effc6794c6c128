"""ASGI middleware for the two checks that must run before any route reads the body: size and token.

Both are plain ASGI (not ``BaseHTTPMiddleware``) so an oversized upload is refused while it streams,
not after it has been read into memory.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from samestory.api.errors import error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "samestory_token"
OPEN_PATHS = frozenset({"/health"})
PAGE_PREFIXES = ("/ui/",)
"""HTML pages: the only GETs that may carry ``?token=`` (a browser cannot set a header on a page load)."""


async def _send_json(send: Send, status: int, body: dict[str, Any], headers: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(body).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                *headers,
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413, by Content-Length or while streaming.

    The body is read here (at most ``max_bytes``) and replayed to the app: an error raised inside the
    app's own read would be turned into a generic 400 by FastAPI's body parsing.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _message(self) -> dict[str, Any]:
        return error_body(
            "payload_too_large",
            f"request body is over the {self.max_bytes:,}-byte limit; send fewer or shorter articles "
            "(the server's limit is set with --max-body-bytes)",
        )

    async def _refuse(self, send: Send) -> None:
        await _send_json(send, 413, self._message(), [(b"connection", b"close")])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared > self.max_bytes:
                    await self._refuse(send)
                    return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await self._refuse(send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _presented_token(scope: Scope) -> str | None:
    """The token from ``Authorization: Bearer …`` or, for the browser pages, from the login cookie."""
    cookie_header = ""
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip()
        elif name == b"cookie":
            cookie_header = value.decode("latin-1")
    if cookie_header:
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(cookie_header)
        except Exception:  # a malformed cookie header is just no token
            return None
        if TOKEN_COOKIE in cookies:
            return cookies[TOKEN_COOKIE].value
    return None


def token_matches(presented: str | None, expected: str) -> bool:
    """Constant-time comparison, so response timing does not leak the token."""
    return presented is not None and hmac.compare_digest(presented.encode(), expected.encode())


class TokenMiddleware:
    """When a token is configured, every path but ``/health`` needs it (bearer header or cookie).

    A browser cannot add a header to a page load, so ``/?token=…`` sets an HttpOnly, SameSite=Strict
    cookie (see the web pages) and later requests carry it.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        if token_matches(_presented_token(scope), self.token) or self._query_token_ok(scope):
            await self.app(scope, receive, send)
            return
        body = error_body(
            "unauthorized",
            "this server requires a token: send 'Authorization: Bearer <token>' "
            "(the token given to 'samestory serve --token' or SAMESTORY_TOKEN)",
        )
        await _send_json(send, 401, body, [(b"www-authenticate", b'Bearer realm="samestory"')])

    def _query_token_ok(self, scope: Scope) -> bool:
        """Only page loads (GET of an HTML page) may carry the token in the query string."""
        path = str(scope.get("path", ""))
        if scope.get("method") != "GET" or not (path == "/" or path.startswith(PAGE_PREFIXES)):
            return False
        from urllib.parse import parse_qs

        values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        return bool(values) and token_matches(values[0], self.token)
