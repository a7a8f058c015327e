"""Answers kept in memory and given again (api/core/answers.py): a repeat costs no statement of
its own, and anything that could change the answer (a write anywhere, the token's expiry, time)
makes the next request answer afresh."""

import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import anyio
import pytest
import time_machine
from sqlalchemy import event, text
from sqlmodel import select

from api.auth.tokens import issue_access_token
from api.core.answers import AnswerCache, keep_answer
from api.db import _version_reader, data_version, get_engine, get_read_engine
from api.org.models import Membership, Role, User
from tests.conftest import IS_POSTGRES, PASSWORD, mint_user_token


@contextmanager
def statements() -> Iterator[list[str]]:
    """Every statement the app's engines run while the block is active."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        seen.append(statement)

    engines = {id(e): e for e in (get_engine(), get_read_engine())}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", note)


def test_a_repeated_read_is_answered_without_running_its_statements(client, world):
    headers = world.headers("mentor")
    with statements() as first:
        answer = client.get("/api/v1/me", headers=headers)
    with statements() as repeat:
        again = client.get("/api/v1/me", headers=headers)
    assert answer.status_code == again.status_code == 200
    assert first, "the first answer reads the account"
    assert repeat == []
    assert again.content == answer.content
    assert again.headers["content-type"] == answer.headers["content-type"]
    # What wraps the kept answer still runs for the repeat.
    assert again.headers["x-request-id"] != answer.headers["x-request-id"]
    assert again.headers["cache-control"] == "no-store"


def test_any_committed_write_makes_the_next_read_fresh(client, world, session):
    headers = world.headers("mentor")
    assert client.get("/api/v1/me", headers=headers).json()["full_name"] == "Mentor"
    before = data_version()
    mentor = session.get(User, world.people["mentor"].id)
    mentor.full_name = "Mentor Renamed"
    session.add(mentor)
    session.commit()
    assert data_version() == before + 1
    assert client.get("/api/v1/me", headers=headers).json()["full_name"] == "Mentor Renamed"


def test_a_read_never_moves_the_data_version(client, world):
    before = data_version()
    for path in ("/api/v1/me", "/api/v1/meetings", "/api/v1/pairings"):
        assert client.get(path, headers=world.headers("mentor")).status_code == 200
    assert data_version() == before


def test_a_deactivated_account_is_refused_on_the_very_next_request(client, world, session):
    headers = world.headers("mentor")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    mentor = session.get(User, world.people["mentor"].id)
    mentor.active = False
    session.add(mentor)
    session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_removed_role_counts_on_the_very_next_request(client, world, session):
    headers = world.headers("mentor")
    assert client.get("/api/v1/pairings", headers=headers).status_code == 200
    user_id = world.people["mentor"].id
    for membership in session.exec(select(Membership).where(Membership.user_id == user_id)):
        session.delete(membership)
    session.commit()
    assert client.get("/api/v1/pairings", headers=headers).status_code == 403
    assert client.get("/api/v1/me", headers=headers).json()["roles"] == []


def test_a_password_change_ends_the_old_session_on_the_very_next_request(client, world):
    headers = world.headers("mentor")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    changed = client.post(
        "/api/v1/auth/password",
        headers=headers,
        json={"current_password": PASSWORD, "new_password": "a-long-new-password"},
    )
    assert changed.status_code == 204
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_kept_answer_is_not_given_once_its_token_has_expired(client, world):
    # On a whole second: a token's expiry is a whole second too.
    with time_machine.travel(float(int(time.time())), tick=False) as clock:
        token, _ = issue_access_token(
            world.people["mentor"].id,
            kind="user",
            scopes=frozenset({"mentoring:read"}),
            lifetime=timedelta(seconds=10),
            session_version=world.people["mentor"].session_version,
        )
        headers = {"Authorization": f"Bearer {token}"}
        clock.shift(9.7)  # kept for a second from here, but the token ends in 0.3 s
        assert client.get("/api/v1/me", headers=headers).status_code == 200
        clock.shift(0.5)
        assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_kept_answer_lasts_a_second_at_most(client, world):
    headers = world.headers("mentor")
    with time_machine.travel(time.time(), tick=False) as clock:
        client.get("/api/v1/me", headers=headers)
        clock.shift(0.5)
        with statements() as within:
            client.get("/api/v1/me", headers=headers)
        clock.shift(0.6)
        with statements() as after:
            client.get("/api/v1/me", headers=headers)
    assert within == []
    assert after, "a second on, the answer is made again"


def test_people_never_get_each_others_kept_answers(client, world):
    meeting = f"/api/v1/meetings/{world.next_meeting.id}"
    mentor, other_lead = world.headers("mentor"), world.headers("other_lead")
    assert client.get(meeting, headers=mentor).status_code == 200
    assert client.get(meeting, headers=mentor).status_code == 200
    assert client.get(meeting, headers=other_lead).status_code == 404
    assert client.get(meeting, headers=world.headers("foreign_admin")).status_code == 404
    mine = client.get("/api/v1/me", headers=mentor).json()
    theirs = client.get("/api/v1/me", headers=world.headers("mentee")).json()
    assert mine["id"] == str(world.people["mentor"].id)
    assert theirs["id"] == str(world.people["mentee"].id)


def test_a_refusal_is_never_kept(client, world):
    meeting = f"/api/v1/meetings/{world.next_meeting.id}"
    outsider = world.headers("other_lead")
    assert client.get(meeting, headers=outsider).status_code == 404
    with statements() as again:
        assert client.get(meeting, headers=outsider).status_code == 404
    assert again, "a 404 is worked out afresh each time"


def test_a_fresh_token_for_the_same_person_reads_afresh(client, world):
    user = world.people["mentor"]
    first = {"Authorization": f"Bearer {mint_user_token(user, {Role.mentor})}"}
    second = {"Authorization": f"Bearer {mint_user_token(user, {Role.mentor})}"}
    client.get("/api/v1/me", headers=first)
    with statements() as fresh:
        client.get("/api/v1/me", headers=second)
    assert fresh


def test_a_refused_write_leaves_the_data_version_alone(client, world):
    before = data_version()
    refused = client.post(
        "/api/v1/auth/password",
        headers=world.headers("mentor"),
        json={"current_password": "not-it", "new_password": "a-long-new-password"},
    )
    assert refused.status_code == 422
    assert data_version() == before


def test_each_committed_write_moves_the_data_version_once(client, world):
    before = data_version()
    changed = client.post(
        "/api/v1/auth/password",
        headers=world.headers("mentor"),
        json={"current_password": PASSWORD, "new_password": "a-long-new-password"},
    )
    assert changed.status_code == 204
    assert data_version() == before + 1


def _serve_at_once(app, times: int) -> list[bytes]:  # type: ignore[no-untyped-def]
    """Sends the same GET `times` times at once through an AnswerCache; the bodies it answered."""
    cache = AnswerCache(app, max_bytes=1024 * 1024)
    bodies: list[bytes] = []

    async def one() -> None:
        scope = {
            "type": "http",
            "method": "GET",
            "path": "/api/v1/x",
            "query_string": b"",
            "headers": [(b"authorization", b"Bearer same")],
        }

        async def receive():  # type: ignore[no-untyped-def]
            return {"type": "http.request", "body": b""}

        async def send(message):  # type: ignore[no-untyped-def]
            if message["type"] == "http.response.body":
                bodies.append(message["body"])

        await cache(scope, receive, send)

    async def all_at_once() -> None:
        async with anyio.create_task_group() as group:
            for _ in range(times):
                group.start_soon(one)

    anyio.run(all_at_once)
    return bodies


def _slow_app(made: list[int], status: int):  # type: ignore[no-untyped-def]
    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        made.append(1)
        keep_answer(scope)
        await anyio.sleep(0.05)
        await send({"type": "http.response.start", "status": status, "headers": []})
        await send({"type": "http.response.body", "body": b"made"})

    return app


def test_a_burst_of_the_same_read_makes_its_answer_once(world):
    made: list[int] = []
    assert _serve_at_once(_slow_app(made, 200), 5) == [b"made"] * 5
    assert len(made) == 1


def test_a_burst_of_a_read_whose_answer_cannot_be_kept_makes_each_its_own(world):
    made: list[int] = []
    assert _serve_at_once(_slow_app(made, 404), 5) == [b"made"] * 5
    assert len(made) == 5


def test_a_lost_version_connection_is_made_again(client, world):
    before = data_version()
    reader = _version_reader()
    assert reader.connection is not None
    reader.connection.dbapi_connection.close()  # type: ignore[union-attr]
    assert data_version() is None, "the request that finds it lost is answered afresh"
    assert data_version() == before
    assert client.get("/api/v1/me", headers=world.headers("mentor")).status_code == 200


async def _one(app, headers=(), *, cut_short: bool = False):  # type: ignore[no-untyped-def]
    """One GET through `app`; the status and the body the client received."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/api/v1/x",
        "query_string": b"",
        "headers": [(b"authorization", b"Bearer same"), *headers],
    }
    received = {"status": 0, "body": b""}

    async def receive():  # type: ignore[no-untyped-def]
        return {"type": "http.request", "body": b""}

    async def send(message):  # type: ignore[no-untyped-def]
        if message["type"] == "http.response.start":
            received["status"] = message["status"]
        elif message["type"] == "http.response.body":
            received["body"] += message.get("body", b"")

    await app(scope, receive, send)
    return received["status"], received["body"]


def _streaming_app(made: list[int], *, keep: bool = True, parts: int = 3):  # type: ignore[no-untyped-def]
    """Streams `parts` parts; the first time it is asked, it stops after one (a client that
    went away: Starlette ends the stream and returns normally)."""

    async def app(scope, receive, send):  # type: ignore[no-untyped-def]
        made.append(1)
        if keep:
            keep_answer(scope)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for _ in range(1 if len(made) == 1 else parts):
            await send({"type": "http.response.body", "body": b"part;", "more_body": True})
        if len(made) > 1:
            await send({"type": "http.response.body", "body": b"", "more_body": False})

    return app


def test_a_stream_cut_short_is_never_kept(world):
    made: list[int] = []
    cache = AnswerCache(_streaming_app(made), max_bytes=1024 * 1024)

    async def three() -> list[tuple[int, bytes]]:
        return [await _one(cache), await _one(cache), await _one(cache)]

    cut, whole, repeat = anyio.run(three)
    assert cut == (200, b"part;")
    assert whole == repeat == (200, b"part;part;part;")
    assert len(made) == 2, "the cut answer was made afresh, the whole one kept"


def test_answers_past_their_second_leave_memory(world):
    made: list[int] = []
    cache = AnswerCache(_slow_app(made, 200), max_bytes=1024 * 1024)
    with time_machine.travel(time.time(), tick=False) as clock:
        anyio.run(_one, cache)
        assert len(cache.kept) == 1
        clock.shift(2.5)
        anyio.run(_one, cache, [(b"x-other", b"1")])  # any later request sweeps
        assert len(cache.kept) == 1, "only the answer just made is held"
        assert cache.kept_bytes == next(iter(cache.kept.values())).cost


def test_an_answer_that_cannot_be_kept_is_not_held_while_it_streams(world):
    parts = 64

    async def big_stream(scope, receive, send):  # type: ignore[no-untyped-def]
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for _ in range(parts):
            await send({"type": "http.response.body", "body": bytes(64 * 1024), "more_body": True})
        await send({"type": "http.response.body", "body": b"", "more_body": False})

    def peak(app) -> int:  # type: ignore[no-untyped-def]
        tracemalloc.start()
        anyio.run(_one, app)
        _, highest = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return highest

    plain = peak(big_stream)
    through_the_cache = peak(AnswerCache(big_stream, max_bytes=32 * 1024 * 1024))
    assert through_the_cache < plain + 512 * 1024  # 4 MiB streamed, none of it held


def test_requests_whose_answers_cannot_be_kept_never_wait_for_each_other(world):
    made: list[int] = []

    async def not_kept(scope, receive, send):  # type: ignore[no-untyped-def]
        made.append(1)
        await anyio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"made"})

    assert _serve_at_once(not_kept, 5) == [b"made"] * 5
    assert len(made) == 5


def test_the_order_of_repeated_headers_makes_another_request(world):
    async def first_authorization(scope, receive, send):  # type: ignore[no-untyped-def]
        keep_answer(scope)
        said = next(v for k, v in scope["headers"] if k == b"authorization")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": said})

    cache = AnswerCache(first_authorization, max_bytes=1024 * 1024)

    async def both_orders() -> list[tuple[int, bytes]]:
        a, b = (b"authorization", b"Bearer a"), (b"authorization", b"Bearer b")
        return [await _one(cache, [a, b]), await _one(cache, [b, a])]

    # _one sends "Bearer same" first; these add two more after it, in either order.
    assert anyio.run(both_orders) == [(200, b"Bearer same"), (200, b"Bearer same")]
    assert len(cache.kept) == 2


@pytest.mark.parametrize(
    "statement",
    [
        "WITH chosen AS (SELECT 1) UPDATE users SET active = false WHERE trn = :trn",
        "/* by hand */ UPDATE users SET active = false WHERE trn = :trn",
        "-- by hand\nUPDATE users SET active = false WHERE trn = :trn",
    ],
)
def test_a_write_written_out_by_hand_still_moves_the_data_version(client, world, statement):
    headers = world.headers("mentor")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    before = data_version()
    with get_engine().begin() as connection:
        connection.execute(text(statement), {"trn": world.people["mentor"].trn})
    assert data_version() == before + 1
    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.skipif(not IS_POSTGRES, reason="a lock on the counter's row is PostgreSQL's")
def test_a_locked_data_version_is_not_waited_for(client, world):
    headers = world.headers("mentor")
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    locker = get_engine().connect()
    transaction = locker.begin()
    locker.execute(text("LOCK TABLE data_version IN ACCESS EXCLUSIVE MODE"))  # a migration, say
    try:
        started = time.monotonic()
        answered = client.get("/api/v1/me", headers=headers)
        waited = time.monotonic() - started
    finally:
        transaction.rollback()
        locker.close()
    assert answered.status_code == 200, "answered afresh"
    assert waited < 5, "the lock was held for as long as the test; the read gave up early"
    assert data_version() is not None, "and the next read finds the counter again"
