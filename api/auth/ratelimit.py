"""Rate limits on sign-in and on integration clients, kept in `limits` storage (memory for
one process, Redis for several)."""

import math
import time
from functools import lru_cache

from limits import RateLimitItem, parse, storage, strategies

from api.config import get_settings
from api.core.problems import TooManyRequests


@lru_cache
def _limiter() -> strategies.MovingWindowRateLimiter:
    return strategies.MovingWindowRateLimiter(
        storage.storage_from_string(get_settings().rate_limit_storage)
    )


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
    _limiter().storage.reset()
