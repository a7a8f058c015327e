"""The `mentorhub` command on the browser tests' clock (frontend/e2e/server.mjs runs `seed` and
`serve` through it): `python tests/clocked_mentorhub.py serve --port 8765`.

The clock is the real one moved by E2E_CLOCK_OFFSET_MS milliseconds, which
frontend/playwright.config.ts sets once per run so that the server, the test runner and the
browsers all read the same time: the instant in tests/suite-clock.json at the moment the run
starts, then ticking, as the Python tests' clock does (tests/conftest.py). Demo data seeded
"today" and the app's "this week" are then the same whatever the real date.

The clock lives in this process only, so the server must run in it: more than one worker, or
--reload, would start processes on the real date, and is refused."""

import os
import sys
import time
from collections.abc import Mapping
from datetime import UTC, datetime

import time_machine

OFFSET_VARIABLE = "E2E_CLOCK_OFFSET_MS"


def clock_start(environ: Mapping[str, str]) -> datetime:
    """Where the clock stands now: the real time moved by the run's offset."""
    raw = environ.get(OFFSET_VARIABLE)
    if raw is None:
        sys.exit(f"{OFFSET_VARIABLE} is not set: frontend/playwright.config.ts sets it.")
    try:
        offset_ms = float(raw)
    except ValueError:
        sys.exit(f"{OFFSET_VARIABLE} must be a number of milliseconds, not {raw!r}.")
    return datetime.fromtimestamp(time.time() + offset_ms / 1000, UTC)


def refuse_other_processes(argv: list[str], environ: Mapping[str, str]) -> None:
    workers = environ.get("WEB_CONCURRENCY", "1")
    if argv[:1] == ["serve"] and (
        "--reload" in argv
        or any(arg == "--workers" or arg.startswith("--workers=") for arg in argv)
        or workers.strip() != "1"
    ):
        sys.exit(
            "The browser tests' clock reaches this process only: serve without --reload or "
            "--workers, with WEB_CONCURRENCY unset or 1."
        )


def main(argv: list[str]) -> None:
    refuse_other_processes(argv, os.environ)
    with time_machine.travel(clock_start(os.environ), tick=True):
        from api.cli import main as mentorhub

        mentorhub(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
