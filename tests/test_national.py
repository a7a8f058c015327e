"""The national-scale data generator: exact sizes, the same data from the same seed, rows that
keep the schema's constraints and the app's rules, and an empty database only."""

import hashlib
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import JSON, Boolean, Date, Uuid
from sqlalchemy.dialects import sqlite
from sqlmodel import Session, SQLModel, func, select

from api.auth.models import ApiClient, ApiClientSchool
from api.cli import main
from api.core.models import UTCDateTime
from api.demo import national
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
from api.observations.models import TOOK_PLACE, Observation, ObservationStatus, ObserverRole
from api.org.models import Membership, Role, School, TermDate, TermKind, Trust, User

YEAR = 2025
SMALL = national.Plan(seed=7, scale=0.002, year=YEAR)  # 44 schools, 170 mentees, 7,000 obs


def _empty(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())


def _fingerprint(session: Session) -> str:
    digest = hashlib.sha256()
    for model in (Trust, School, User, Pairing, Observation):
        for row_id in session.exec(select(model.id).order_by(model.id)):  # type: ignore[attr-defined]
            digest.update(row_id.bytes)
    for o in session.exec(select(Observation).order_by(Observation.id)):  # type: ignore[arg-type]
        digest.update(f"{o.starts_at}{o.status}{o.observer_role}{o.kind}".encode())
    return digest.hexdigest()


def test_national_sizes_add_up_exactly() -> None:
    plan = national.Plan(seed=1, scale=1.0, year=YEAR)
    trusts = national.trust_sizes(plan)
    sizes = dict(trusts)
    assert sum(size for _, size in trusts) == 22_000
    assert sizes[national.BENCH_TRUST] == 40
    assert [name for name, _ in trusts].count(national.BENCH_TRUST) == 1
    assert sum(1 for _, size in trusts if size > 40) >= 5
    assert sum(1 for _, size in trusts if size == 1) > 1000  # single-academy trusts
    schools = national.school_plans(plan, trusts)
    assert sum(s.mentees for s in schools) == 85_000
    assert max(s.mentees for s in schools) <= national.MAX_MENTEES_PER_SCHOOL
    assert sum(national.observation_counts(plan)) == 3_500_000


def test_apportion_is_exact_and_capped() -> None:
    assert national.apportion([1, 1, 1], 10) == [4, 3, 3]
    assert sum(national.apportion([5, 1, 1, 1], 20, cap=6)) == 20
    assert max(national.apportion([5, 1, 1, 1], 20, cap=6)) <= 6


def test_a_school_year_has_school_days_only() -> None:
    rng = national._stream(1, "school", 0)
    terms, days = national.school_year(rng, YEAR)
    closures = [(s, e) for k, _, s, e in terms if k == "closure"]
    assert 185 <= len(days) <= 195
    assert all(d.weekday() < 5 for d in days)
    assert not any(s <= d <= e for d in days for s, e in closures)
    assert date(2026, 5, 4) not in days  # the early May bank holiday
    assert sum(1 for _, name, _, _ in terms if name == "INSET day") >= 1


def test_sqlite_values_are_what_sqlalchemy_would_store() -> None:
    dialect = sqlite.dialect()
    samples = {
        UTCDateTime(): [
            datetime(2025, 9, 3, 7, 50, tzinfo=UTC),
            datetime(2026, 3, 29, 1, 30, 5, 120, tzinfo=ZoneInfo("Europe/London")),
        ],
        Uuid(): [uuid.uuid4()],
        Date(): [date(2025, 9, 3)],
        JSON(): [[1, 4, 8], []],
        Boolean(): [True, False],
    }
    for column_type, values in samples.items():
        ours = national.sqlite_converter(column_type)
        theirs = column_type._cached_bind_processor(dialect)
        assert ours is not None and theirs is not None
        for value in values:
            assert ours(value) == theirs(value), (column_type, value)


def test_generates_a_dataset_that_keeps_the_rules(database, session: Session) -> None:
    summary = national.generate(database, SMALL)

    def count(model) -> int:  # type: ignore[no-untyped-def]
        return session.exec(select(func.count()).select_from(model)).one()

    assert count(School) == summary.schools == SMALL.schools == 44
    assert count(MenteeProfile) == count(Pairing) == SMALL.mentees == 170
    assert count(Observation) == summary.observations == SMALL.observations == 7_000
    assert count(MentorProfile) >= 85
    assert count(Trust) == summary.trusts
    bench = session.exec(select(Trust).where(Trust.name == national.BENCH_TRUST)).one()
    assert bench.id == summary.bench_trust_id
    assert session.exec(select(func.count()).where(School.trust_id == bench.id)).one() == 14

    london = ZoneInfo("Europe/London")
    pairings = {p.id: p for p in session.exec(select(Pairing))}
    at_school = {(m.user_id, m.school_id) for m in session.exec(select(Membership))}
    days: dict[uuid.UUID, list[tuple[str, date, date]]] = {}
    for t in session.exec(select(TermDate)):
        days.setdefault(t.school_id, []).append((t.kind, t.starts_on, t.ends_on))
    statuses: Counter[str] = Counter()
    roles: Counter[str] = Counter()
    for o in session.exec(select(Observation)):
        statuses[o.status] += 1
        roles[o.observer_role] += 1
        local = o.starts_at.astimezone(london)
        assert o.observed_on == local.date()
        assert o.week_start == o.observed_on - timedelta(days=o.observed_on.weekday())
        assert time_in_lessons(local)
        assert o.ends_at > o.starts_at
        assert o.observed_on.weekday() < 5
        terms = days[o.school_id]
        assert any(k == TermKind.term and s <= o.observed_on <= e for k, s, e in terms)
        assert not any(k == TermKind.closure and s <= o.observed_on <= e for k, s, e in terms)
        pairing = pairings[o.pairing_id]
        assert (pairing.school_id, pairing.mentee_id, pairing.mentor_id) == (
            o.school_id,
            o.mentee_id,
            o.mentor_id,
        )
        assert pairing.starts_on <= o.observed_on <= pairing.ends_on
        assert (o.observer_id, o.school_id) in at_school
        assert o.observer_id != o.mentee_id
        if o.observer_role == ObserverRole.mentor:
            assert o.observer_id == o.mentor_id
        assert o.created_at <= o.updated_at
        if o.status == ObservationStatus.cancelled:
            assert o.cancel_reason and o.cancelled_at == o.updated_at
            assert o.recorded_at is None
        elif o.status in TOOK_PLACE:
            assert o.recorded_at is not None and o.feedback_given_at is not None
            assert 1 <= len(o.focus_standards) <= 3
            assert all(1 <= s <= 8 for s in o.focus_standards)
            assert o.updated_at >= o.recorded_at
            assert (o.shared_at is not None) == (o.status == ObservationStatus.shared)
        else:
            assert o.recorded_at is None and o.cancelled_at is None
    total = sum(statuses.values())
    assert statuses["shared"] > total / 2
    assert 0 < statuses["scheduled"] < total / 10
    assert 0 < statuses["cancelled"] < total / 10
    assert set(roles) == set(ObserverRole)
    assert roles["mentor"] > total / 3

    trns = [u.trn for u in session.exec(select(User)) if u.trn]
    assert len(trns) == len(set(trns)) and all(len(t) == 7 and t.isdigit() for t in trns)
    mentee_roles = session.exec(
        select(func.count()).select_from(Membership).where(Membership.role == Role.mentee)
    ).one()
    assert mentee_roles == SMALL.mentees


def time_in_lessons(local: datetime) -> bool:
    return 8 <= local.hour <= 15


def test_the_same_seed_gives_the_same_data(database, session: Session) -> None:
    national.generate(database, SMALL)
    first = _fingerprint(session)
    session.rollback()
    _empty(database)
    national.generate(database, SMALL)
    assert _fingerprint(session) == first
    session.rollback()
    _empty(database)
    national.generate(database, national.Plan(seed=8, scale=SMALL.scale, year=YEAR))
    assert _fingerprint(session) != first


def test_refuses_a_database_that_holds_data(database, world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(national.DatabaseNotEmpty):
        national.generate(database, SMALL)


def test_the_command_fills_an_empty_database_once_and_makes_a_client(
    database, session: Session, client, capsys
) -> None:  # type: ignore[no-untyped-def]
    main(["generate-national", "--seed", "3", "--scale", "0.0005", "--year", "2025", "--quiet",
          "--client"])  # fmt: skip
    out = capsys.readouterr().out
    assert "Wrote" in out and "11 schools" in out and "1,750 observations" in out
    assert "10%: RSS" in out and "100%: RSS" in out
    client_id = out.split("client_id")[1].split()[0]
    secret = out.split("client_secret")[1].split()[0]
    api_client = session.get(ApiClient, uuid.UUID(client_id))
    assert api_client is not None and api_client.scopes == ["observations:read"]
    bench = session.exec(select(Trust).where(Trust.name == national.BENCH_TRUST)).one()
    linked = set(
        session.exec(
            select(ApiClientSchool.school_id).where(ApiClientSchool.client_id == api_client.id)
        )
    )
    assert linked == set(session.exec(select(School.id).where(School.trust_id == bench.id)))
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "scope": "observations:read"},
        auth=(client_id, secret),
    )
    assert token.status_code == 200, token.text

    with pytest.raises(SystemExit, match="empty database only"):
        main(["generate-national", "--scale", "0.0005", "--quiet"])
