"""The in-memory moving window behind the sign-in and integration rate limits: it counts as
`limits`' moving window does, keeps keys apart and forgets keys whose hits have all expired."""

import threading

from limits import parse, storage, strategies

from api.auth import ratelimit
from api.auth.ratelimit import MemoryMovingWindow


class Clock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def test_a_window_holds_its_limit_and_frees_a_place_as_the_oldest_hit_leaves(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ratelimit.time, "time", clock)
    window, item = MemoryMovingWindow(), parse("3/minute")
    assert window.hit(item, "ns", "a") is True
    clock.now += 5
    assert [window.hit(item, "ns", "a") for _ in range(3)] == [True, True, False]
    clock.now += 5
    assert window.hit(item, "ns", "a") is False
    # The first hit leaves 60 s after it was made, 50 s from now.
    assert window.get_window_stats(item, "ns", "a") == (clock.now + 50, 0)
    clock.now += 50  # exactly one window after the first hit: still inside, as in `limits`
    assert window.hit(item, "ns", "a") is False
    clock.now += 0.001
    assert window.hit(item, "ns", "a") is True
    assert window.hit(item, "ns", "a") is False
    assert window.get_window_stats(item, "ns", "a") == (clock.now - 0.001 + 5, 0)


def test_it_answers_what_limits_moving_window_answers(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ratelimit.time, "time", clock)  # the one time module, `limits`' too
    theirs = strategies.MovingWindowRateLimiter(storage.MemoryStorage())
    ours, item = MemoryMovingWindow(), parse("5/10 seconds")
    steps = [0.5, 0.1, 3, 0, 0, 2.2, 4.1, 0.3, 0.05, 1, 6, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 9.9]
    for step in steps:
        clock.now += step
        assert ours.hit(item, "ns", "k") == theirs.hit(item, "ns", "k"), clock.now
        assert (
            ours.get_window_stats(item, "ns", "k")[1]
            == theirs.get_window_stats(item, "ns", "k").remaining
        )


def test_keys_and_limits_are_counted_apart_and_expired_keys_are_forgotten(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(ratelimit.time, "time", clock)
    window, per_minute, per_hour = MemoryMovingWindow(), parse("1/minute"), parse("1/hour")
    assert window.hit(per_minute, "ns", "a") and window.hit(per_minute, "ns", "b")
    assert window.hit(per_hour, "ns", "a")
    assert not window.hit(per_minute, "ns", "a") and not window.hit(per_hour, "ns", "a")
    assert window.get_window_stats(per_minute, "ns", "c") == (clock.now, 1)
    clock.now += ratelimit.SWEEP_SECONDS + 1
    window.hit(per_minute, "ns", "d")  # a hit after a minute sweeps
    kept = {key for key in window._hits}
    assert kept == {per_hour.key_for("ns", "a"), per_minute.key_for("ns", "d")}
    window.reset()
    assert window.hit(per_hour, "ns", "a")


def test_concurrent_hits_never_pass_the_limit():
    window, item = MemoryMovingWindow(), parse("500/hour")
    passed: list[bool] = []

    def hammer() -> None:
        for _ in range(200):
            passed.append(window.hit(item, "ns", "shared"))

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert passed.count(True) == 500 and len(passed) == 1600


def test_the_server_uses_the_in_memory_window_for_memory_storage():
    assert isinstance(ratelimit._limiter(), MemoryMovingWindow)
