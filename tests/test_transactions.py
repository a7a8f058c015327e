"""Reads never wait for writes; writers never deadlock; a read request cannot write."""

import threading
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import select

from api.calendar.models import CalendarFeed
from api.core.models import utcnow
from api.db import SQLITE_BUSY_TIMEOUT_MS, SessionDep, get_engine, request_session
from api.main import create_app
from api.org.models import Trust
from tests.conftest import IS_POSTGRES, refresh

sqlite_only = pytest.mark.skipif(IS_POSTGRES, reason="SQLite's write lock")


@sqlite_only
def test_a_read_answers_promptly_while_another_connection_holds_the_write_lock(client, world):
    with get_engine().connect() as writer:
        writer.execute(
            text("UPDATE trusts SET name = 'Renamed, not committed' WHERE name LIKE 'N%'")
        )
        started = time.perf_counter()
        me = client.get("/api/v1/me", headers=world.headers("mentor"))
        meetings = client.get("/api/v1/meetings", headers=world.headers("mentor"))
        elapsed = time.perf_counter() - started
        writer.rollback()
    assert me.status_code == 200 and meetings.status_code == 200
    assert me.json()["trust_name"] == "Northern Trust"  # the last commit, not the open write
    assert elapsed < SQLITE_BUSY_TIMEOUT_MS / 1000 / 10


def test_two_writers_that_read_first_never_deadlock(world):
    """Each writer reads, then writes. With read locks upgraded to write locks, the second to
    write would fail at once (a deadlock SQLite refuses); with the write lock taken up front,
    it waits its turn and both succeed."""
    first_has_read, second_has_read = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def writer(name: str, read: threading.Event, wait_for: threading.Event) -> None:
        try:
            with request_session(read_only=False) as session:
                session.exec(select(Trust)).all()
                read.set()
                wait_for.wait(timeout=0.5)  # give the other writer its chance to read too
                session.add(Trust(name=name))
        except BaseException as exc:  # noqa: BLE001  (reported below)
            errors.append(exc)

    first = threading.Thread(target=writer, args=("First", first_has_read, second_has_read))
    first.start()
    assert first_has_read.wait(timeout=5)
    second = threading.Thread(target=writer, args=("Second", second_has_read, threading.Event()))
    second.start()
    first.join(timeout=10)
    second.join(timeout=10)
    assert errors == []
    with request_session(read_only=True) as session:
        names = set(session.exec(select(Trust.name)).all())
    assert {"First", "Second"} <= names


def test_concurrent_write_requests_all_succeed(client, world):
    url = f"/api/v1/meetings/{world.next_meeting.id}/agenda-items"
    headers = world.headers("mentor")
    statuses: list[int] = []

    def add(n: int) -> None:
        statuses.append(client.post(url, headers=headers, json={"text": f"Item {n}"}).status_code)

    threads = [threading.Thread(target=add, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert statuses == [201] * 8


def test_a_get_that_writes_fails_loudly_and_commits_nothing(world, session):
    from api.config import get_settings

    app = create_app(get_settings())

    @app.get("/test-only/sneaky-write")
    def sneaky_write(db: SessionDep) -> dict[str, str]:
        db.add(Trust(name="Written by a GET"))
        db.flush()
        return {"status": "written"}

    @app.get("/test-only/sneaky-update")
    def sneaky_update(db: SessionDep) -> dict[str, str]:
        db.exec(text("UPDATE trusts SET name = 'Renamed by a GET' WHERE name = 'Northern Trust'"))  # type: ignore[call-overload]
        return {"status": "written"}

    with TestClient(app, raise_server_exceptions=False) as test_client:
        assert test_client.get("/test-only/sneaky-write").status_code == 500
        assert test_client.get("/test-only/sneaky-update").status_code == 500
    refresh(session)
    names = set(session.exec(select(Trust.name)).all())
    assert names == {"Northern Trust", "Southern Trust"}


def test_a_writing_request_after_a_reading_one_can_write(world):
    """Reading connections go back to the pool read-only; writing ones stay writable."""
    for _ in range(3):
        with request_session(read_only=True) as session:
            session.exec(select(Trust)).all()
        with request_session(read_only=False) as session:
            session.add(Trust(name=f"Trust {_}"))


def test_the_feed_notes_its_use_without_writing_on_every_fetch(client, world, session):
    created = client.post("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    path = created["url"].removeprefix("http://testserver")
    assert client.get(path).status_code == 200
    first = client.get("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    assert first["last_used_at"] is not None
    assert client.get(path).status_code == 200
    again = client.get("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    assert again["last_used_at"] == first["last_used_at"]  # a fetch moments later writes nothing
    feed = session.exec(select(CalendarFeed)).one()
    feed.last_used_at = utcnow() - timedelta(hours=2)
    session.add(feed)
    session.commit()
    assert client.get(path).status_code == 200
    later = client.get("/api/v1/me/calendar-feed", headers=world.headers("mentor")).json()
    assert later["last_used_at"] > first["last_used_at"]


def test_a_page_past_the_end_still_counts_every_row(client, world):
    headers = world.headers("admin")
    first = client.get("/api/v1/schools?limit=1", headers=headers).json()
    assert first["total"] == 2 and len(first["items"]) == 1
    past = client.get("/api/v1/schools?limit=1&offset=5", headers=headers).json()
    assert past["total"] == 2 and past["items"] == []
