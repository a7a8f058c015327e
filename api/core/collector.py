"""Pausing Python's cyclic garbage collector around a batch computation.

A batch that builds tens of thousands of small, acyclic objects (a trust's compliance for a
school year) otherwise triggers the collector every few hundred allocations, and each full
collection walks every live object of the process: about half the batch's time. Reference
counting still frees everything as usual while paused; only the search for cycles waits until
the batch is done. Threads share the collector, so it comes back on when the last batch
running leaves, and only if it was on when the first one came in.
"""

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
