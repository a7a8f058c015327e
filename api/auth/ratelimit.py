"""Rate limits on sign-in and on integration clients: a moving window per key, kept in this
process's memory (one process) or in `limits` storage such as Redis (several)."""

import math
import threading
import time
from collections import deque
from functools import lru_cache

from limits import RateLimitItem, parse, storage, strategies

from api.config import get_settings
from api.core.problems import TooManyRequests

# How often the in-memory window forgets keys whose hits have all left their window.
SWEEP_SECONDS = 60.0


class MemoryMovingWindow:
    """The moving window of `limits` in this process's memory, for the hot path: an
    integration client's every request counts one hit.

    Each key keeps the times of its hits still inside its window, oldest first, so a hit
    costs a few deque operations under one lock. (`limits`' own memory storage inserts each
    hit at the front of a list and keeps a timer thread that it starts afresh every 10 ms:
    under load, about a third of the counts route's own time.) Keys whose hits have
    all expired are forgotten once a minute, so addresses that come and go never pile up.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._hits: dict[str, tuple[float, deque[float]]] = {}
        self._next_sweep = time.time() + SWEEP_SECONDS

    def _window(
        self, item: RateLimitItem, identifiers: tuple[str, ...], now: float
    ) -> deque[float]:
        """The key's hits inside its window (the caller holds the lock)."""
        key, window = item.key_for(*identifiers), item.get_expiry()
        if now >= self._next_sweep:
            self._sweep(now)
        entry = self._hits.get(key)
        if entry is None:
            entry = self._hits[key] = (window, deque())
        hits = entry[1]
        # As `limits` counts it: a hit exactly one window ago is still inside.
        while hits and hits[0] < now - window:
            hits.popleft()
        return hits

    def _sweep(self, now: float) -> None:
        self._next_sweep = now + SWEEP_SECONDS
        for key, (window, hits) in list(self._hits.items()):
            if not hits or hits[-1] < now - window:
                del self._hits[key]

    def hit(self, item: RateLimitItem, *identifiers: str) -> bool:
        """Counts one hit and answers True, or answers False (and counts nothing) when the
        window already holds its limit."""
        now = time.time()
        with self._lock:
            hits = self._window(item, identifiers, now)
            if len(hits) >= item.amount:
                return False
            hits.append(now)
            return True

    def get_window_stats(self, item: RateLimitItem, *identifiers: str) -> tuple[float, int]:
        """When the oldest hit leaves the window (a moment as from time.time()), and how many
        hits remain."""
        now = time.time()
        with self._lock:
            hits = self._window(item, identifiers, now)
            if not hits:
                return now, item.amount
            return hits[0] + item.get_expiry(), item.amount - len(hits)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()


@lru_cache
def _limiter() -> MemoryMovingWindow | strategies.MovingWindowRateLimiter:
    uri = get_settings().rate_limit_storage
    if uri.partition(":")[0] == "memory":
        return MemoryMovingWindow()
    return strategies.MovingWindowRateLimiter(storage.storage_from_string(uri))


@lru_cache
def _item(spec: str) -> RateLimitItem:
    return parse(spec)


def hit_or_raise(spec: str, namespace: str, key: str, what: str = "sign-in attempts") -> None:
    """Counts one attempt; raises 429 with Retry-After once the window is full."""
    limiter, item = _limiter(), _item(spec)
    if limiter.hit(item, namespace, key):
        return
    reset_at, _remaining = limiter.get_window_stats(item, namespace, key)
    retry_after = max(1, math.ceil(reset_at - time.time()))
    raise TooManyRequests(
        f"Too many {what}; try again in {retry_after} seconds.",
        headers={"Retry-After": str(retry_after)},
    )


def reset_all() -> None:
    """Forgets every counter (tests, and an operator after an incident)."""
    limiter = _limiter()
    if isinstance(limiter, MemoryMovingWindow):
        limiter.reset()
    else:
        limiter.storage.reset()
