"""ASGI middleware: request ids and access logs, a cap on request bodies, security headers.

Written as plain ASGI (not BaseHTTPMiddleware) so the body cap sees the stream as it arrives,
whether or not the client sent Content-Length.
"""

import logging
import re
import time
import uuid

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.logging import request_id_var
from api.core.problems import problem_response

access_log = logging.getLogger("mentorhub.access")
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Paths that carry a secret (calendar feed links) are logged without it.
_SECRET_IN_PATH = re.compile(r"(/calendar/)[^/]+(\.ics)$")

# The SPA is built to need nothing inline, so the policy can be strict.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _header(scope: Scope, name: bytes) -> bytes:
    """The last value of a request header (as a dict of them would keep), or b""."""
    found = b""
    for key, value in scope["headers"]:
        if key == name:
            found = value
    return found


class RequestContextMiddleware:
    """Takes X-Request-ID (or makes one), echoes it, and logs one JSON line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = _header(scope, b"x-request-id").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_holder = {"status": 500}

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                MutableHeaders(scope=message)["X-Request-ID"] = request_id
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            # Built only when it will be written.
            if access_log.isEnabledFor(logging.INFO):
                path = scope["path"]
                access_log.info(
                    "request",
                    extra={
                        "method": scope["method"],
                        "path": _SECRET_IN_PATH.sub(r"\1[redacted]\2", path)
                        if "/calendar/" in path
                        else path,
                        "status": status_holder["status"],
                        "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    },
                )
            request_id_var.reset(token)


class _BodyTooLarge(HTTPException):
    """An HTTPException so that body parsing lets it through to the problem handler."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, detail=f"Request bodies are limited to {max_bytes} bytes.")


class BodySizeLimitMiddleware:
    """Answers 413 when a request body passes the cap, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int, max_import_bytes: int) -> None:
        self.app = app
        self.default_max = max_bytes
        self.max_import_bytes = max_import_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_import_bytes if scope["path"].endswith("/imports") else self.default_max
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > limit:
            await self._reject(scope, receive, send, limit)
            return

        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if response_started:
                raise
            await self._reject(scope, receive, send, limit)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem_response(
            413,
            slug="payload-too-large",
            detail=f"Request bodies are limited to {limit} bytes.",
            instance=scope["path"],
        )
        await response(scope, receive, send)


class SecurityHeadersMiddleware:
    """API answers are never cached unless their route says how; app pages get a strict CSP.
    Both refuse framing."""

    def __init__(self, app: ASGIApp, api_prefix: str = "/api/") -> None:
        self.app = app
        self.api_prefix = api_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_api = scope["path"].startswith(self.api_prefix)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
                headers["X-Frame-Options"] = "DENY"
                if is_api:
                    # Unless the route says how its answer may be kept (and revalidated).
                    headers.setdefault("Cache-Control", "no-store")
                    headers.setdefault("Content-Security-Policy", "frame-ancestors 'none'")
                else:
                    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
            await send(message)

        await self.app(scope, receive, send_with_headers)
