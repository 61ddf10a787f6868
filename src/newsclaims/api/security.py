"""ASGI middleware: security headers (CSP), bearer-token auth, request body size limit.

Written as plain ASGI callables rather than Starlette's `BaseHTTPMiddleware`, which costs a task and a copy
of every response: these run on every request of the load benchmark.
"""

from __future__ import annotations

import hmac
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""No inline script or style anywhere: the templates use external files and SVG attributes only."""

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
COOKIE = "newsclaims_token"


def _is_api(scope: Scope) -> bool:
    return scope["path"].startswith("/api")


async def send_error(
    scope: Scope, send: Send, status: int, message: str, headers: list | None = None
) -> None:
    """A complete error response: JSON under /api, a short HTML page elsewhere."""
    if _is_api(scope):
        body = json.dumps({"error": {"status": status, "message": message}}).encode()
        ctype = b"application/json"
    else:
        from markupsafe import escape

        body = (
            f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{status}</title>'
            f'<link rel="stylesheet" href="/static/app.css"></head><body><main class="error">'
            f"<h1>{status}</h1><p>{escape(message)}</p></main></body></html>"
        ).encode()
        ctype = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
            + SECURITY_HEADERS
            + (headers or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the CSP and related headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies above `max_bytes` with 413, by Content-Length or while streaming."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                if not value.isdigit() or int(value) > self.max_bytes:
                    await send_error(
                        scope, send, 413, f"request body above the limit of {self.max_bytes:,} bytes"
                    )
                    return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await send_error(
                    scope, send, 413, f"request body above the limit of {self.max_bytes:,} bytes"
                )


class BodyTooLarge(Exception):
    pass


class TokenAuth:
    """Every request needs the bearer token: an `Authorization: Bearer` header or the session cookie.

    A browser gets the cookie by opening any page once with `?token=...`: the server sets an HttpOnly,
    SameSite=Strict cookie and redirects to the same URL without the token, so it stays out of the history.
    """

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.token = token.encode()

    def _matches(self, candidate: str | bytes | None) -> bool:
        if not candidate:
            return False
        if isinstance(candidate, str):
            candidate = candidate.encode()
        return hmac.compare_digest(candidate, self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        auth = headers.get(b"authorization", b"")
        if auth[:7].lower() == b"bearer " and self._matches(auth[7:].strip()):
            await self.app(scope, receive, send)
            return
        cookie = SimpleCookie()
        try:
            cookie.load(headers.get(b"cookie", b"").decode("latin-1"))
        except Exception:  # a malformed cookie header is simply no cookie
            cookie = SimpleCookie()
        if COOKIE in cookie and self._matches(cookie[COOKIE].value):
            await self.app(scope, receive, send)
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = [v for k, v in query if k == "token"]
        if given and self._matches(given[-1]) and scope["method"] in ("GET", "HEAD"):
            rest = urlencode([(k, v) for k, v in query if k != "token"])
            location = scope["path"] + (f"?{rest}" if rest else "")
            cookie_value = f"{COOKIE}={self.token.decode()}; HttpOnly; SameSite=Strict; Path=/"
            await send(
                {
                    "type": "http.response.start",
                    "status": 303,
                    "headers": [
                        (b"location", location.encode("latin-1")),
                        (b"set-cookie", cookie_value.encode("latin-1")),
                        (b"content-length", b"0"),
                    ]
                    + SECURITY_HEADERS,
                }
            )
            await send({"type": "http.response.body", "body": b""})
            return
        message = (
            "a bearer token is required: send 'Authorization: Bearer TOKEN'"
            if _is_api(scope)
            else "a token is required: open this page once with ?token=TOKEN (the token the server was started with)"
        )
        await send_error(scope, send, 401, message, [(b"www-authenticate", b'Bearer realm="newsclaims"')])
