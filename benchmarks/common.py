"""A throwaway database with a trust, a school with this year's term dates and its people,
for the benchmarks. Never the project's own database."""

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_tmp = Path(tempfile.mkdtemp(prefix="mentorhub-bench-"))
os.environ.setdefault("MENTORHUB_DATABASE_URL", f"sqlite:///{_tmp / 'bench.db'}")
os.environ.setdefault("MENTORHUB_LOG_LEVEL", "WARNING")

from api.cli import migrate  # noqa: E402
from api.db import new_session  # noqa: E402


def fresh_database() -> None:
    migrate()


def session():  # type: ignore[no-untyped-def]
    return new_session()


def timed(label: str, run: Callable[[], object], repeats: int) -> float:
    """Runs `run` `repeats` times and prints the median and the spread in milliseconds."""
    run()  # warm caches and imports
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    median = statistics.median(samples)
    print(
        f"{label}: median {median:.1f} ms, min {min(samples):.1f} ms, "
        f"max {max(samples):.1f} ms over {repeats} runs"
    )
    return median
