"""The browser tests' server runs the mentorhub command on a clock of their own
(tests/clocked_mentorhub.py): the real time moved by the run's offset, in this process only."""

import time

import pytest

from tests.clocked_mentorhub import clock_start, refuse_other_processes


def test_the_clock_starts_at_the_real_time_moved_by_the_offset() -> None:
    start = clock_start({"E2E_CLOCK_OFFSET_MS": str(-3 * 86_400_000)})
    assert abs(start.timestamp() - (time.time() - 3 * 86_400)) < 5


@pytest.mark.parametrize("offset", [None, "", "soon"])
def test_no_offset_or_a_bad_one_stops_before_anything_runs(offset: str | None) -> None:
    environ = {} if offset is None else {"E2E_CLOCK_OFFSET_MS": offset}
    with pytest.raises(SystemExit, match="E2E_CLOCK_OFFSET_MS"):
        clock_start(environ)


@pytest.mark.parametrize(
    ("argv", "environ"),
    [
        (["serve", "--workers", "2"], {}),
        (["serve", "--workers=2"], {}),
        (["serve", "--reload"], {}),
        (["serve"], {"WEB_CONCURRENCY": "2"}),
    ],
)
def test_serving_in_more_processes_than_this_one_is_refused(
    argv: list[str], environ: dict[str, str]
) -> None:
    with pytest.raises(SystemExit, match="clock reaches this process only"):
        refuse_other_processes(argv, environ)


@pytest.mark.parametrize(
    ("argv", "environ"),
    [
        (["serve", "--port", "8765"], {}),
        (["serve"], {"WEB_CONCURRENCY": "1"}),
        (["seed", "--demo"], {}),
    ],
)
def test_one_process_is_allowed(argv: list[str], environ: dict[str, str]) -> None:
    refuse_other_processes(argv, environ)
