"""Answers kept and given again: a repeated read costs one query while nothing has changed.

A GET is answered from memory when the very same request (path, query and every header but the
request id, in their order) was answered within the last second, nothing at all has been written
since (the data version, read fresh on every request, is unchanged) and its terms still hold.
Anything that can change an answer is a write: a password change, a removed role, a deactivated
account, a revoked client or feed link all add one to the data version as they commit, so they
take effect on the very next request, in every process. What can change with time alone is
bounded instead: an answer is given again for a second at most from when its making began, and
never past the expiry of the token it was given for. Kept answers past their second are dropped
from memory within another, so restricted content does not linger there.

An answer is kept only when its route allowed it (`keep_answer`, which the sign-in check calls
for every authenticated read) before it began, it was a 200 or a 304 without cookies, its body
arrived whole and answering it wrote nothing. A route that counts each request (a rate limit)
gives a check to run on every repeat (`on_every_repeat`), so a repeat still counts.
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
from api.db import read_data_version, watching_writes

KEPT_SECONDS = 1.0
_TERMS = "mentorhub.answer_terms"
# Headers that differ from one identical request to the next, or describe the connection only.
_NOT_IN_KEY = frozenset({b"x-request-id", b"connection", b"keep-alive"})
_KEEPABLE_STATUSES = frozenset({200, 304})


@dataclass(frozen=True)
class _Check:
    run: Callable[[], object]
    in_thread: bool  # it may wait for I/O (a rate limit kept in Redis), so never on the loop


@dataclass
class _Terms:
    """What the route said about its answer while it was being made."""

    allowed: bool = False
    until: float = math.inf
    on_repeat: list[_Check] = field(default_factory=list)


@dataclass(frozen=True)
class _Kept:
    version: int
    until: float
    start: Message
    body: bytes
    on_repeat: tuple[_Check, ...]
    cost: int


def keep_answer(scope: Scope, *, until: float = math.inf) -> None:
    """Lets this request's answer be kept, until the given time (seconds since the epoch) at the
    latest. Does nothing where answers are not kept (writes, or keeping turned off)."""
    terms: _Terms | None = scope.get(_TERMS)
    if terms is not None:
        terms.allowed = True
        terms.until = min(terms.until, until)


def on_every_repeat(scope: Scope, check: Callable[[], object], *, in_thread: bool = False) -> None:
    """Runs `check` whenever this answer is given again; a ProblemError it raises is the answer.
    `in_thread` for a check that may wait for I/O."""
    terms: _Terms | None = scope.get(_TERMS)
    if terms is not None:
        terms.on_repeat.append(_Check(check, in_thread))


# What a kept answer holds beside its body: its key, the start message, the checks and what
# they keep alive (the token), the dictionaries around them; measured, and rounded up.
_OVERHEAD_BYTES = 2048


def _cost(start: Message, body: bytes) -> int:
    return len(body) + sum(len(k) + len(v) for k, v in start["headers"]) + _OVERHEAD_BYTES


def _key(scope: Scope) -> bytes:
    # In their order: of two Authorization headers, the first is the one that counts.
    headers = [(k, v) for k, v in scope["headers"] if k not in _NOT_IN_KEY]
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
        self.making: dict[tuple[bytes, int], tuple[_Terms, anyio.Event]] = {}
        self.next_sweep = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(self.prefix)
        ):
            await self.app(scope, receive, send)
            return
        # Read before the answer is made, so a write committed meanwhile makes it stale at once.
        version = await read_data_version()
        if version is None:
            await self.app(scope, receive, send)
            return
        self._sweep()
        key = _key(scope)
        kept = self._still_good(key, version)
        making = self.making.get((key, version))
        if kept is None and making is not None and making[0].allowed:
            # The same answer is being made from data at least this new, and may be kept: wait
            # for it (a little), rather than make it again beside it (a burst of repeats after
            # a change made it once each). Answers no route lets be kept are never waited for.
            with anyio.move_on_after(KEPT_SECONDS):
                await making[1].wait()
            kept = self._still_good(key, version)
        if kept is not None:
            await self._give_again(kept, scope, receive, send)
            return
        # Whoever waited for an answer that could not be kept makes their own, side by side.
        terms = _Terms()
        leading = (key, version) not in self.making
        if leading:
            made = anyio.Event()
            self.making[(key, version)] = (terms, made)
        try:
            await self._answer_and_keep(key, version, terms, scope, receive, send)
        finally:
            if leading:
                del self.making[(key, version)]
                made.set()

    def _still_good(self, key: bytes, version: int) -> _Kept | None:
        kept = self.kept.get(key)
        if kept is None:
            return None
        if kept.version != version or time.time() >= kept.until:
            self._drop(key)
            return None
        self.kept.move_to_end(key)
        return kept

    async def _give_again(self, kept: _Kept, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            for check in kept.on_repeat:
                if check.in_thread:
                    await anyio.to_thread.run_sync(check.run)
                else:
                    check.run()
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
        self,
        key: bytes,
        version: int,
        terms: _Terms,
        scope: Scope,
        receive: Receive,
        send: Send,
    ) -> None:
        scope[_TERMS] = terms
        # Its second counts from now: the answer is made from data at least this new.
        until = time.time() + KEPT_SECONDS
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keepable = complete = False

        async def capturing_send(message: Message) -> None:
            nonlocal start, size, keepable, complete
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                start = {**message, "headers": headers}
                # Decided before the body: an answer that cannot be kept is never held.
                keepable = (
                    terms.allowed
                    and not writes
                    and message["status"] in _KEEPABLE_STATUSES
                    and not any(name.lower() == b"set-cookie" for name, _ in headers)
                )
            elif message["type"] == "http.response.body" and keepable:
                body = message.get("body", b"")
                size += len(body)
                # One answer may take a sixteenth of the room at most; a larger one streams on.
                keepable = size <= self.max_bytes // 16
                if keepable:
                    chunks.append(body)
                else:
                    chunks.clear()
                # A stream cut short (the client went away) ends without its last part.
                complete = keepable and not message.get("more_body", False)
            await send(message)

        with watching_writes() as writes:
            await self.app(scope, receive, capturing_send)
        if keepable and complete and start is not None and not writes:
            body = b"".join(chunks)
            kept = _Kept(
                version,
                min(terms.until, until),
                start,
                body,
                tuple(terms.on_repeat),
                _cost(start, body),
            )
            self._keep(key, kept)

    def _keep(self, key: bytes, kept: _Kept) -> None:
        self._drop(key)
        self.kept[key] = kept
        self.kept_bytes += kept.cost
        while self.kept_bytes > self.max_bytes and self.kept:
            self._drop(next(iter(self.kept)))
        self._sweep()

    def _sweep(self) -> None:
        """Drops every answer past its time, once a second at most."""
        now = time.time()
        if now < self.next_sweep:
            return
        self.next_sweep = now + KEPT_SECONDS
        for key in [key for key, kept in self.kept.items() if now >= kept.until]:
            self._drop(key)

    def _drop(self, key: bytes) -> None:
        dropped = self.kept.pop(key, None)
        if dropped is not None:
            self.kept_bytes -= dropped.cost
