"""The MIS pull (contract 3), in process, on SQLite and PostgreSQL: every grouping's exact
counts on the crafted world of tests/helpers_counts.py, paging, scope, updated_since, CSV,
ETags, validation and the per-client rate limit. tests/test_observation_counts_live.py checks
the contract again over HTTP against a live server."""

from datetime import UTC, date, datetime
from typing import Any

import pytest

from api.config import get_settings
from api.core.caching import etag_of
from api.integrations.schemas import ObservationCounts
from tests.conftest import refresh
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

WEEK = {"from": "2024-09-16", "to": "2024-09-20"}


@pytest.fixture
def counts(client, session) -> CountsWorld:  # type: ignore[no-untyped-def]
    world = build(session)

    def sign_in(who: str) -> dict[str, str]:
        response = client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "password",
                "username": world.people[who].email,
                "password": PASSWORD,
            },
        )
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    schedule_and_record_the_early_one(client, world, sign_in)
    return world


def client_headers(client, world: CountsWorld, key: str = "mis") -> dict[str, str]:  # type: ignore[no-untyped-def]
    api_client, secret = world.clients[key]
    response = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials"},
        auth=(str(api_client.id), secret),
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def expected(world: CountsWorld, group_by: str) -> list[dict[str, Any]]:
    everything = by_kind(formal=1, drop_in=1, joint=1, learning_walk=1)
    rows: dict[str, list[dict[str, Any]]] = {
        "school": [{"school_id": str(world.school.id), "count": 4, "by_kind": everything}],
        "mentee": [
            {
                "mentee_id": world.id("mina"),
                "trn": "3000003",
                "count": 2,
                "by_kind": by_kind(formal=1, drop_in=1),
            },
            {
                "mentee_id": world.id("noor"),
                "trn": None,
                "count": 2,
                "by_kind": by_kind(joint=1, learning_walk=1),
            },
        ],
        "mentor": [
            {"mentor_id": world.id("ravi"), "trn": "3000002", "count": 4, "by_kind": everything}
        ],
        "observer_role": [
            {"observer_role": "mentor", "count": 1, "by_kind": by_kind(formal=1)},
            {"observer_role": "senco", "count": 1, "by_kind": by_kind(drop_in=1)},
            {"observer_role": "senior_leader", "count": 1, "by_kind": by_kind(learning_walk=1)},
            {"observer_role": "subject_colleague", "count": 1, "by_kind": by_kind(joint=1)},
        ],
        "week": [{"week_start": "2024-09-16", "count": 4, "by_kind": everything}],
    }
    key = next(iter(rows[group_by][0]))
    return sorted(rows[group_by], key=lambda item: item[key])


@pytest.mark.parametrize("group_by", ["school", "mentee", "mentor", "observer_role", "week"])
def test_each_grouping_counts_what_took_place_in_the_dates(client, counts, group_by):
    response = client.get(
        COUNTS, params=WEEK | {"group_by": group_by}, headers=client_headers(client, counts)
    )
    assert response.status_code == 200, response.text
    body = response.json()
    items = expected(counts, group_by)
    assert body == {
        "from": "2024-09-16",
        "to": "2024-09-20",
        "group_by": group_by,
        "total": len(items),
        "limit": 50,
        "offset": 0,
        "items": items,
    }


@pytest.mark.parametrize("group_by", ["school", "mentee", "mentor", "observer_role", "week"])
def test_the_json_is_byte_for_byte_what_the_schema_serialises(client, counts, group_by):
    """The page is written straight from the rows read; it must equal the validated schema's
    own serialisation (ids, TRNs or none, roles, dates, every kind), or the tags would drift."""
    response = client.get(
        COUNTS,
        params=WEEK | {"group_by": group_by, "limit": 1},
        headers=client_headers(client, counts),
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert len(body["items"]) == 1
    page = ObservationCounts.model_validate(body)
    assert response.content == page.model_dump_json(by_alias=True).encode()
    whole = client.get(
        COUNTS, params=WEEK | {"group_by": group_by}, headers=client_headers(client, counts)
    )
    again = ObservationCounts.model_validate(whole.json())
    assert whole.content == again.model_dump_json(by_alias=True).encode()
    assert whole.headers["etag"] == etag_of(again.model_dump_json(by_alias=True).encode())


def test_mentee_is_the_default_grouping(client, counts):
    response = client.get(COUNTS, params=WEEK, headers=client_headers(client, counts))
    assert response.json()["group_by"] == "mentee"
    assert response.json()["items"] == expected(counts, "mentee")


def test_the_date_is_the_schools_local_date_and_to_is_inclusive(client, counts):
    headers = client_headers(client, counts)

    def mina(start: str, end: str) -> dict[str, Any] | None:
        body = client.get(COUNTS, params={"from": start, "to": end}, headers=headers).json()
        return next((i for i in body["items"] if i["mentee_id"] == counts.id("mina")), None)

    # 00:30 BST on Monday 16th is Sunday 15th in UTC: it counts on the 16th, not the 15th.
    assert mina("2024-09-16", "2024-09-16") == {
        "mentee_id": counts.id("mina"),
        "trn": "3000003",
        "count": 1,
        "by_kind": by_kind(drop_in=1),
    }
    assert mina("2024-09-15", "2024-09-15") is None
    # Friday's shared observation counts when `to` is that Friday, not the day before.
    assert mina("2024-09-16", "2024-09-20")["count"] == 2  # type: ignore[index]
    assert mina("2024-09-16", "2024-09-19")["count"] == 1  # type: ignore[index]
    # The peer observation of the next week, once the dates reach it.
    assert mina("2024-09-16", "2024-09-23")["by_kind"] == by_kind(formal=1, drop_in=1, peer=1)  # type: ignore[index]


def test_weeks_run_monday_to_sunday_and_count_only_the_dates_asked(client, counts):
    headers = client_headers(client, counts)
    body = client.get(
        COUNTS,
        params={"from": "2024-09-18", "to": "2024-09-23", "group_by": "week"},
        headers=headers,
    ).json()
    assert [(i["week_start"], i["count"]) for i in body["items"]] == [
        ("2024-09-16", 2),  # Wednesday's learning walk and Friday's formal one
        ("2024-09-23", 1),
    ]


def test_other_schools_are_invisible_and_a_school_id_outside_the_client_is_404(client, counts):
    headers = client_headers(client, counts)
    school = client.get(COUNTS, params=WEEK | {"group_by": "school"}, headers=headers).json()
    assert [i["school_id"] for i in school["items"]] == [str(counts.school.id)]
    for hidden in (
        counts.other_school.id,
        counts.foreign_school.id,
        "0" * 8 + "-0000-4000-8000-" + "0" * 12,
    ):
        response = client.get(COUNTS, params=WEEK | {"school_id": str(hidden)}, headers=headers)
        assert response.status_code == 404, hidden
        assert response.headers["content-type"] == "application/problem+json"
        assert "Riverside" not in response.text
    own = client.get(COUNTS, params=WEEK | {"school_id": str(counts.school.id)}, headers=headers)
    assert own.json()["items"] == expected(counts, "mentee")


def test_a_client_of_two_schools_counts_both_or_one(client, counts):
    headers = client_headers(client, counts, "both")
    both = client.get(COUNTS, params=WEEK | {"group_by": "school"}, headers=headers).json()
    assert sorted((i["school_id"], i["count"]) for i in both["items"]) == sorted(
        [(str(counts.school.id), 4), (str(counts.other_school.id), 1)]
    )
    one = client.get(
        COUNTS,
        params=WEEK | {"group_by": "mentor", "school_id": str(counts.other_school.id)},
        headers=headers,
    ).json()
    assert one["items"] == [
        {
            "mentor_id": counts.id("riverside_mentor"),
            "trn": "3000004",
            "count": 1,
            "by_kind": by_kind(formal=1),
        }
    ]


def test_nothing_but_ids_trns_and_counts(client, counts):
    headers = client_headers(client, counts, "both")
    for group_by in ("school", "mentee", "mentor", "observer_role", "week"):
        for accept in ("application/json", "text/csv"):
            response = client.get(
                COUNTS, params=WEEK | {"group_by": group_by}, headers=headers | {"accept": accept}
            )
            for secret in ("Person", "@counts.example.org", "Private", "Hillcrest", "History"):
                assert secret not in response.text, (group_by, accept, secret)


def test_pages_and_their_total(client, counts):
    headers = client_headers(client, counts)
    params = WEEK | {"group_by": "observer_role"}
    first = client.get(COUNTS, params=params | {"limit": 3}, headers=headers).json()
    second = client.get(COUNTS, params=params | {"limit": 3, "offset": 3}, headers=headers).json()
    beyond = client.get(COUNTS, params=params | {"offset": 10}, headers=headers).json()
    assert (first["total"], second["total"], beyond["total"]) == (4, 4, 4)
    assert first["items"] + second["items"] == expected(counts, "observer_role")
    assert (second["limit"], second["offset"], beyond["items"]) == (3, 3, [])
    too_big = client.get(COUNTS, params=params | {"limit": 10_000}, headers=headers)
    assert too_big.status_code == 422


def test_updated_since_answers_the_changed_groups_with_their_full_counts(client, counts, session):
    headers = client_headers(client, counts)
    noor = counts.observations["noor_joint"]
    since = cancel_in_database(session, noor.id)
    changed = client.get(
        COUNTS, params=WEEK | {"updated_since": since.isoformat()}, headers=headers
    )
    assert changed.json()["items"] == [
        {
            "mentee_id": counts.id("noor"),
            "trn": None,
            "count": 1,
            "by_kind": by_kind(learning_walk=1),
        }
    ]
    assert changed.json()["total"] == 1
    # Every observation of the group cancelled: it still answers, with nothing counted.
    since = cancel_in_database(session, counts.observations["noor_walk"].id)
    for group_by, key in (("mentee", "mentee_id"), ("observer_role", "observer_role")):
        emptied = client.get(
            COUNTS,
            params=WEEK | {"updated_since": since.isoformat(), "group_by": group_by},
            headers=headers,
        ).json()
        assert emptied["items"] == [
            {
                key: counts.id("noor") if key == "mentee_id" else "senior_leader",
                **({"trn": None} if key == "mentee_id" else {}),
                "count": 0,
                "by_kind": by_kind(),
            }
        ]
    # Without updated_since a group with nothing counted is not listed.
    mina = [i for i in expected(counts, "mentee") if i["mentee_id"] == counts.id("mina")]
    assert client.get(COUNTS, params=WEEK, headers=headers).json()["items"] == mina
    # Nothing changed since now.
    later = client.get(
        COUNTS, params=WEEK | {"updated_since": "2099-01-01T00:00:00Z"}, headers=headers
    )
    assert later.json()["items"] == [] and later.json()["total"] == 0


def test_updated_since_sees_a_scheduled_one_cancelled_through_the_api(client, counts, session):
    headers = client_headers(client, counts)
    lead = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": counts.people["lead"].email,
            "password": PASSWORD,
        },
    ).json()["access_token"]
    before = datetime.now(UTC)
    cancelled = client.post(
        f"/api/v1/observations/{counts.observations['mina_scheduled'].id}/cancel",
        headers={"Authorization": f"Bearer {lead}"},
        json={"reason": "Mock exams"},
    )
    assert cancelled.status_code == 200, cancelled.text
    refresh(session)
    body = client.get(
        COUNTS, params=WEEK | {"updated_since": before.isoformat()}, headers=headers
    ).json()
    assert body["items"] == [
        {
            "mentee_id": counts.id("mina"),
            "trn": "3000003",
            "count": 2,
            "by_kind": by_kind(formal=1, drop_in=1),
        }
    ]


@pytest.mark.parametrize("group_by", ["school", "mentee", "mentor", "observer_role", "week"])
def test_the_csv_has_every_row_of_the_json_in_the_same_shape(client, counts, group_by):
    headers = client_headers(client, counts)
    params = {"from": "2024-09-02", "to": "2024-09-30", "group_by": group_by}
    every = client.get(COUNTS, params=params, headers=headers).json()["items"]
    as_csv = client.get(
        COUNTS, params=params | {"limit": 1}, headers=headers | {"accept": "text/csv"}
    )
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert "attachment" in as_csv.headers["content-disposition"]
    assert csv_rows(as_csv.text) == flattened(every)  # every row, not one page
    header = as_csv.text.splitlines()[0].split(",")
    assert header[-6:] == [
        "count",
        "by_kind.formal",
        "by_kind.drop_in",
        "by_kind.peer",
        "by_kind.joint",
        "by_kind.learning_walk",
    ]


def test_an_empty_csv_has_its_header(client, counts):
    response = client.get(
        COUNTS,
        params={"from": "2025-01-01", "to": "2025-01-31", "group_by": "week"},
        headers=client_headers(client, counts) | {"accept": "text/csv"},
    )
    assert response.text == (
        "week_start,count,by_kind.formal,by_kind.drop_in,by_kind.peer,by_kind.joint,"
        "by_kind.learning_walk\r\n"
    )


def test_a_strong_etag_per_representation_and_304_while_unchanged(client, counts, session):
    headers = client_headers(client, counts)
    json_answer = client.get(COUNTS, params=WEEK, headers=headers)
    csv_answer = client.get(COUNTS, params=WEEK, headers=headers | {"accept": "text/csv"})
    for answer in (json_answer, csv_answer):
        assert answer.headers["etag"].startswith('"') and not answer.headers["etag"].startswith(
            "W/"
        )
        assert answer.headers["vary"] == "Accept, Authorization"
        assert answer.headers["cache-control"] == "private, no-cache"
    assert json_answer.headers["etag"] != csv_answer.headers["etag"]
    for answer, accept in ((json_answer, "application/json"), (csv_answer, "text/csv")):
        etag = answer.headers["etag"]
        for sent in (etag, f'"other", {etag}', f"W/{etag}", "*"):
            again = client.get(
                COUNTS, params=WEEK, headers=headers | {"accept": accept, "if-none-match": sent}
            )
            assert again.status_code == 304, sent
            assert again.content == b""
            assert again.headers["etag"] == etag
            assert again.headers["vary"] == "Accept, Authorization"
        # The other representation's tag does not match this one.
        other = csv_answer if answer is json_answer else json_answer
        mismatch = client.get(
            COUNTS,
            params=WEEK,
            headers=headers | {"accept": accept, "if-none-match": other.headers["etag"]},
        )
        assert mismatch.status_code == 200
    # Another page is another representation.
    page = client.get(COUNTS, params=WEEK | {"limit": 1}, headers=headers)
    assert page.headers["etag"] != json_answer.headers["etag"]
    cancel_in_database(session, counts.observations["mina_friday"].id)
    changed = client.get(
        COUNTS, params=WEEK, headers=headers | {"if-none-match": json_answer.headers["etag"]}
    )
    assert changed.status_code == 200
    assert changed.headers["etag"] != json_answer.headers["etag"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2024-09-20", "to": "2024-09-16"}, "from"),
        ({"from": "2024-09-01", "to": "2025-09-02"}, "to"),
        ({"from": "2024-09-16", "to": "2024-09-20", "group_by": "pupil"}, "group_by"),
        ({"to": "2024-09-20"}, "from"),
        ({"from": "16/09/2024", "to": "2024-09-20"}, "from"),
        ({"from": "2024-09-16", "to": "2024-09-20", "updated_since": "yesterday"}, "updated_since"),
        ({"from": "2024-09-16", "to": "2024-09-20", "school_id": "hillcrest"}, "school_id"),
    ],
)
def test_bad_queries_are_422_problems_in_plain_words(client, counts, params, field):
    response = client.get(COUNTS, params=params, headers=client_headers(client, counts))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == field
    assert response.json()["detail"]


def test_from_after_to_and_a_long_range_say_what_to_do(client, counts):
    headers = client_headers(client, counts)
    swapped = client.get(COUNTS, params={"from": "2024-09-20", "to": "2024-09-16"}, headers=headers)
    assert swapped.json()["detail"] == "from (20 Sept 2024) is after to (16 Sept 2024); swap them."
    year = client.get(COUNTS, params={"from": "2024-09-01", "to": "2025-08-31"}, headers=headers)
    assert year.status_code == 200  # a school year
    leap = client.get(COUNTS, params={"from": "2027-09-01", "to": "2028-08-31"}, headers=headers)
    assert leap.status_code == 200  # 366 days
    longer = client.get(COUNTS, params={"from": "2024-09-01", "to": "2025-09-02"}, headers=headers)
    assert longer.status_code == 422
    assert longer.json()["detail"] == (
        "from 1 Sept 2024 to 2 Sept 2025 is 367 days; ask for at most 366 days at a time."
    )


def test_people_and_clients_without_the_scope_are_refused(client, counts):
    no_scope = client.get(COUNTS, params=WEEK, headers=client_headers(client, counts, "no_scope"))
    assert no_scope.status_code == 403
    assert "observations:read" in no_scope.json()["detail"]
    assert client.get(COUNTS, params=WEEK).status_code == 401


def test_each_client_has_its_own_rate_limit(client, counts, monkeypatch):
    monkeypatch.setattr(get_settings(), "integration_rate_limit_per_client", "3/minute")
    burst, mis = client_headers(client, counts, "burst"), client_headers(client, counts)
    for _ in range(3):
        assert client.get(COUNTS, params=WEEK, headers=burst).status_code == 200
    limited = client.get(COUNTS, params=WEEK, headers=burst)
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert "integration client" in limited.json()["detail"]
    assert client.get(COUNTS, params=WEEK, headers=mis).status_code == 200


def test_a_date_range_reaches_no_other_year(client, counts):
    # The same week a year later holds nothing.
    body = client.get(
        COUNTS,
        params={"from": "2025-09-15", "to": "2025-09-19"},
        headers=client_headers(client, counts),
    ).json()
    assert (body["total"], body["items"]) == (0, [])
    assert date.fromisoformat(body["from"]) == date(2025, 9, 15)
