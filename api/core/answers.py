"""Answers kept and given again: a repeated read costs one query while nothing has changed.

A GET is answered from memory when the very same request (path, query and every header but the
request id) was answered within the last second, nothing at all has been written since (the data
version, read fresh on every request, is unchanged) and its terms still hold. Anything that can
change an answer is a write: a password change, a removed role, a deactivated account, a revoked
client or feed link all add one to the data version as they commit, so they take effect on the
very next request, in every process. What can change with time alone is bounded instead: an
answer is kept a second at most, and never past the expiry of the token it was given for.

An answer is kept only when its route allowed it (`keep_answer`, which the sign-in check calls
for every authenticated read), it was a 200 or a 304 without cookies, and answering it wrote
nothing. A route that counts each request (a rate limit) gives a check to run on every repeat
(`on_every_repeat`), so a repeat still counts.
"""

import hashlib
import math
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.problems import ProblemError, problem_response
from api.db import data_version, watching_writes

KEPT_SECONDS = 1.0
_TERMS = "mentorhub.answer_terms"
# Headers that differ from one identical request to the next, or describe the connection only.
_NOT_IN_KEY = frozenset({b"x-request-id", b"connection", b"keep-alive"})
_KEEPABLE_STATUSES = frozenset({200, 304})


@dataclass
class _Terms:
    """What the route said about its answer while it was being made."""

    allowed: bool = False
    until: float = math.inf
    on_repeat: list[Callable[[], object]] = field(default_factory=list)


@dataclass(frozen=True)
class _Kept:
    version: int
    until: float
    start: Message
    body: bytes
    on_repeat: tuple[Callable[[], object], ...]


def keep_answer(scope: Scope, *, until: float = math.inf) -> None:
    """Lets this request's answer be kept, until the given time (seconds since the epoch) at the
    latest. Does nothing where answers are not kept (writes, or keeping turned off)."""
    terms: _Terms | None = scope.get(_TERMS)
    if terms is not None:
        terms.allowed = True
        terms.until = min(terms.until, until)


def on_every_repeat(scope: Scope, check: Callable[[], object]) -> None:
    """Runs `check` whenever this answer is given again; a ProblemError it raises is the answer."""
    terms: _Terms | None = scope.get(_TERMS)
    if terms is not None:
        terms.on_repeat.append(check)


def _cost(kept: _Kept) -> int:
    """Bytes an answer takes, its headers and bookkeeping counted roughly."""
    return len(kept.body) + 64 * len(kept.start["headers"]) + 256


def _key(scope: Scope) -> bytes:
    headers = sorted((k, v) for k, v in scope["headers"] if k not in _NOT_IN_KEY)
    described = repr((scope["path"], scope["query_string"], headers)).encode()
    return hashlib.blake2b(described, digest_size=20).digest()


class AnswerCache:
    """Keeps the answers to reads under a path prefix, at most `max_bytes` of them, least
    recently given first out."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, prefix: str = "/api/") -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.kept: OrderedDict[bytes, _Kept] = OrderedDict()
        self.kept_bytes = 0
        self.making: dict[tuple[bytes, int], anyio.Event] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(self.prefix)
        ):
            await self.app(scope, receive, send)
            return
        # Read before the answer is made, so a write committed meanwhile makes it stale at once.
        version = data_version()
        if version is None:
            await self.app(scope, receive, send)
            return
        key = _key(scope)
        kept = self._still_good(key, version)
        if kept is None and (key, version) in self.making:
            # The same answer is being made from data at least this new: wait for it, rather
            # than make it again beside it (a burst of repeats after a change made it once each).
            await self.making[(key, version)].wait()
            kept = self._still_good(key, version)
        if kept is not None:
            await self._give_again(kept, scope, receive, send)
            return
        # Whoever waited for an answer that could not be kept makes their own, side by side.
        leading = (key, version) not in self.making
        if leading:
            made = self.making[(key, version)] = anyio.Event()
        try:
            await self._answer_and_keep(key, version, scope, receive, send)
        finally:
            if leading:
                del self.making[(key, version)]
                made.set()

    def _still_good(self, key: bytes, version: int) -> _Kept | None:
        kept = self.kept.get(key)
        if kept is None or kept.version != version or time.time() >= kept.until:
            return None
        self.kept.move_to_end(key)
        return kept

    async def _give_again(self, kept: _Kept, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            for check in kept.on_repeat:
                check()
        except ProblemError as problem:
            response = problem_response(
                problem.status,
                slug=problem.slug,
                title=problem.title,
                detail=problem.detail,
                headers=problem.headers,
                instance=scope["path"],
            )
            await response(scope, receive, send)
            return
        # A copy of the start message: the middlewares around this one add headers to it.
        await send({**kept.start, "headers": list(kept.start["headers"])})
        await send({"type": "http.response.body", "body": kept.body})

    async def _answer_and_keep(
        self, key: bytes, version: int, scope: Scope, receive: Receive, send: Send
    ) -> None:
        terms = _Terms()
        scope[_TERMS] = terms
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keepable = True

        async def capturing_send(message: Message) -> None:
            nonlocal start, size, keepable
            if message["type"] == "http.response.start":
                start = {**message, "headers": list(message.get("headers", ()))}
                keepable = message["status"] in _KEEPABLE_STATUSES and not any(
                    name.lower() == b"set-cookie" for name, _ in start["headers"]
                )
            elif message["type"] == "http.response.body" and keepable:
                body = message.get("body", b"")
                size += len(body)
                # One answer may take a sixteenth of the room at most; a larger one streams on.
                keepable = size <= self.max_bytes // 16
                chunks.append(body)
            await send(message)

        with watching_writes() as writes:
            await self.app(scope, receive, capturing_send)
        until = min(terms.until, time.time() + KEPT_SECONDS)
        if terms.allowed and keepable and start is not None and not writes:
            self._keep(key, _Kept(version, until, start, b"".join(chunks), tuple(terms.on_repeat)))

    def _keep(self, key: bytes, kept: _Kept) -> None:
        previous = self.kept.pop(key, None)
        if previous is not None:
            self.kept_bytes -= _cost(previous)
        self.kept[key] = kept
        self.kept_bytes += _cost(kept)
        while self.kept_bytes > self.max_bytes and self.kept:
            _, dropped = self.kept.popitem(last=False)
            self.kept_bytes -= _cost(dropped)
