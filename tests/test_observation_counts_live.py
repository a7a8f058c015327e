"""Contract 3, the MIS pull, as an MIS vendor meets it: `mentorhub serve` on a free loopback
port over its own SQLite file (the server of scripts/api_contract.py), a token taken by the
client-credentials grant over HTTP, and exact counts on the crafted world of
tests/helpers_counts.py, whose 00:30 BST observation is scheduled and recorded through the API.

The tests of this module share one server and run in order: the later ones change the data."""

import importlib.util
import os
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlmodel import Session

from api.db import make_engine
from tests.helpers_counts import (
    COUNTS,
    PASSWORD,
    CountsWorld,
    build,
    by_kind,
    cancel_in_database,
    csv_rows,
    flattened,
    schedule_and_record_the_early_one,
)

ROOT = Path(__file__).resolve().parent.parent
RATE = 40  # requests a minute per client on the live server
WEEK = {"from": "2024-09-16", "to": "2024-09-20"}


def _contract_script() -> Any:
    spec = importlib.util.spec_from_file_location(
        "api_contract", ROOT / "scripts" / "api_contract.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Live:
    def __init__(self, base: str, world: CountsWorld, session: Session) -> None:
        self.http = httpx.Client(base_url=base, timeout=30)
        self.world = world
        self.session = session

    def sign_in(self, who: str) -> dict[str, str]:
        response = self.http.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": self.world.people[who].email,
                "password": PASSWORD,
            },
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def client_token(self, key: str, **form: str) -> httpx.Response:
        api_client, secret = self.world.clients[key]
        return self.http.post(
            "/api/v1/auth/token",
            data={"grant_type": "client_credentials", **form},
            auth=(str(api_client.id), secret),
        )

    def headers(self, key: str = "mis") -> dict[str, str]:
        response = self.client_token(key)
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    def counts(self, headers: dict[str, str], **params: Any) -> httpx.Response:
        return self.http.get(COUNTS, params=params, headers=headers)


@pytest.fixture(scope="module")
def live(real_clock: None) -> Iterator[Live]:
    contract = _contract_script()
    work = Path(tempfile.mkdtemp(prefix="mentorhub-counts-live-"))
    database = work / "live.db"
    os.environ["MENTORHUB_INTEGRATION_RATE_LIMIT_PER_CLIENT"] = f"{RATE}/minute"
    try:
        server = contract.Server(database, work / "server.log")
    finally:
        del os.environ["MENTORHUB_INTEGRATION_RATE_LIMIT_PER_CLIENT"]
    engine = None
    try:
        server.wait_ready()  # it has migrated the file
        engine = make_engine(f"sqlite:///{database}", immediate_transactions=False)
        with Session(engine, expire_on_commit=False) as session:
            world = build(session)
            live = Live(server.base, world, session)
            schedule_and_record_the_early_one(live.http, world, live.sign_in)
            yield live
            live.http.close()
    finally:
        server.stop()
        if engine is not None:
            engine.dispose()


def test_a_token_by_client_credentials_reads_exact_counts(live):
    token = live.client_token("mis", scope="observations:read")
    assert token.status_code == 200
    assert token.json()["token_type"] == "bearer"
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    body = live.counts(headers, **WEEK).json()
    mina, noor = live.world.id("mina"), live.world.id("noor")
    items = sorted(
        [
            {
                "mentee_id": mina,
                "trn": "3000003",
                "count": 2,
                "by_kind": by_kind(formal=1, drop_in=1),
            },
            {
                "mentee_id": noor,
                "trn": None,
                "count": 2,
                "by_kind": by_kind(joint=1, learning_walk=1),
            },
        ],
        key=lambda item: item["mentee_id"],
    )
    assert body == {
        "from": "2024-09-16",
        "to": "2024-09-20",
        "group_by": "mentee",
        "total": 2,
        "limit": 50,
        "offset": 0,
        "items": items,
    }


def test_00_30_bst_counts_on_its_local_date(live):
    headers = live.headers()
    monday = live.counts(headers, **{"from": "2024-09-16", "to": "2024-09-16"}).json()
    assert monday["items"] == [
        {
            "mentee_id": live.world.id("mina"),
            "trn": "3000003",
            "count": 1,
            "by_kind": by_kind(drop_in=1),
        }
    ]
    # Sunday 15th, the UTC date of 23:30Z, holds nothing.
    sunday = live.counts(headers, **{"from": "2024-09-15", "to": "2024-09-15"}).json()
    assert (sunday["total"], sunday["items"]) == (0, [])


def test_scheduled_and_cancelled_do_not_count_and_to_is_inclusive(live):
    headers = live.headers()
    week = live.counts(headers, group_by="week", **WEEK).json()["items"]
    # Mina's scheduled (Wednesday) and cancelled (Thursday) observations are not among the 4.
    assert week == [
        {
            "week_start": "2024-09-16",
            "count": 4,
            "by_kind": by_kind(formal=1, drop_in=1, joint=1, learning_walk=1),
        }
    ]
    to_thursday = live.counts(
        headers, group_by="week", **{"from": "2024-09-16", "to": "2024-09-19"}
    )
    assert to_thursday.json()["items"][0]["count"] == 3  # Friday's observation left out
    to_friday = live.counts(headers, group_by="school", **WEEK).json()
    assert to_friday["items"] == [
        {"school_id": str(live.world.school.id), "count": 4, "by_kind": week[0]["by_kind"]}
    ]


def test_another_trusts_and_another_schools_observations_are_invisible(live):
    headers = live.headers()
    roles = live.counts(headers, group_by="observer_role", **WEEK).json()["items"]
    # Riverside's and Seaside's observations are by mentors, formal, on Tuesday 17th: only
    # Hillcrest's own formal one by a mentor (Friday) counts.
    assert [(i["observer_role"], i["count"]) for i in roles] == [
        ("mentor", 1),
        ("senco", 1),
        ("senior_leader", 1),
        ("subject_colleague", 1),
    ]
    mentors = live.counts(headers, group_by="mentor", **WEEK).json()["items"]
    assert [i["mentor_id"] for i in mentors] == [live.world.id("ravi")]
    for school in (live.world.other_school, live.world.foreign_school):
        hidden = live.counts(headers, school_id=str(school.id), **WEEK)
        assert hidden.status_code == 404
        assert hidden.headers["content-type"] == "application/problem+json"


def test_the_csv_has_the_same_rows_as_the_json(live):
    headers = live.headers()
    for group_by in ("school", "mentee", "mentor", "observer_role", "week"):
        params = {"from": "2024-09-02", "to": "2024-09-30", "group_by": group_by}
        as_json = live.counts(headers, **params).json()["items"]
        as_csv = live.http.get(
            COUNTS, params=params | {"limit": 1}, headers=headers | {"accept": "text/csv"}
        )
        assert as_csv.headers["content-type"].startswith("text/csv")
        assert csv_rows(as_csv.text) == flattened(as_json), group_by


def test_a_repeat_with_the_etag_gets_304(live):
    headers = live.headers()
    first = live.counts(headers, **WEEK)
    assert first.headers["vary"] == "Accept, Authorization"
    assert first.headers["cache-control"] == "private, no-cache"
    again = live.http.get(
        COUNTS, params=WEEK, headers=headers | {"if-none-match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]
    as_csv = live.http.get(COUNTS, params=WEEK, headers=headers | {"accept": "text/csv"})
    assert as_csv.headers["etag"] != first.headers["etag"]
    csv_again = live.http.get(
        COUNTS,
        params=WEEK,
        headers=headers | {"accept": "text/csv", "if-none-match": as_csv.headers["etag"]},
    )
    assert csv_again.status_code == 304 and csv_again.content == b""


def test_updated_since_after_a_cancellation_returns_the_group_with_its_lowered_count(live):
    headers = live.headers()
    noor = live.world.id("noor")
    since = cancel_in_database(live.session, live.world.observations["noor_joint"].id)
    before = live.counts(headers, **WEEK)
    lowered = live.counts(headers, updated_since=since.isoformat(), **WEEK).json()
    assert lowered["items"] == [
        {"mentee_id": noor, "trn": None, "count": 1, "by_kind": by_kind(learning_walk=1)}
    ]
    since = cancel_in_database(live.session, live.world.observations["noor_walk"].id)
    emptied = live.counts(headers, updated_since=since.isoformat(), **WEEK).json()
    assert emptied["items"] == [{"mentee_id": noor, "trn": None, "count": 0, "by_kind": by_kind()}]
    # The copy held is out of date now: the old tag answers the new counts.
    after = live.http.get(
        COUNTS, params=WEEK, headers=headers | {"if-none-match": before.headers["etag"]}
    )
    assert after.status_code == 200
    assert [i["mentee_id"] for i in after.json()["items"]] == [live.world.id("mina")]


def test_a_scheduled_one_cancelled_through_the_api_shows_its_group(live):
    headers = live.headers()
    lead = live.sign_in("lead")
    before = datetime.now(UTC)
    cancelled = live.http.post(
        f"/api/v1/observations/{live.world.observations['mina_scheduled'].id}/cancel",
        headers=lead,
        json={"reason": "Mock exams"},
    )
    assert cancelled.status_code == 200, cancelled.text
    body = live.counts(headers, updated_since=before.isoformat(), **WEEK).json()
    assert body["items"] == [
        {
            "mentee_id": live.world.id("mina"),
            "trn": "3000003",
            "count": 2,
            "by_kind": by_kind(formal=1, drop_in=1),
        }
    ]


def test_clients_without_the_scope_and_people_are_refused(live):
    assert live.counts(live.headers("no_scope"), **WEEK).status_code == 403
    assert live.counts(live.sign_in("lead"), **WEEK).status_code == 403
    assert live.counts({}, **WEEK).status_code == 401
    wrong = live.http.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(str(live.world.clients["mis"][0].id), "mhs_wrong"),
    )
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_client"


def test_the_rate_limit_gives_429_with_retry_after(live):
    headers = live.headers("burst")
    answers = [live.counts(headers, **WEEK).status_code for _ in range(RATE)]
    assert answers == [200] * RATE
    limited = live.counts(headers, **WEEK)
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    # Another client is not held up.
    assert live.counts(live.headers(), **WEEK).status_code == 200
