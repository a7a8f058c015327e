"""Test set-up: one database (SQLite by default, PostgreSQL when MENTORHUB_TEST_DATABASE_URL
says so) built by `alembic upgrade head`, emptied after every test, and a small world of two
trusts with a person for every role."""

import json
import os
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

# The whole suite runs on one clock that starts at the same instant every run, so that "today",
# "next week" and the world's autumn term below agree whatever the real date: a run in the
# Christmas holidays or next year gives the same answers as one on this day. The clock ticks, so
# tokens, rate limits and timeouts still see time pass. The instant is in suite-clock.json, which
# the browser tests read too (frontend/playwright.config.ts): their server and browsers keep the
# same clock.
SUITE_STARTS_AT = datetime.fromisoformat(
    json.loads((Path(__file__).parent / "suite-clock.json").read_text())["starts_at"]
)
_suite_clock = time_machine.travel(SUITE_STARTS_AT, tick=True)
_suite_clock.start()


@pytest.fixture(scope="module")
def real_clock() -> Iterator[None]:
    """The real clock, for tests against a server in another process: that server keeps real
    time, so the test must too (signature timestamps, "updated since" instants)."""
    _suite_clock.stop()
    try:
        yield
    finally:
        _suite_clock.start()


_tmp = Path(tempfile.mkdtemp(prefix="mentorhub-tests-"))
TEST_DATABASE_URL = os.environ.get("MENTORHUB_TEST_DATABASE_URL") or f"sqlite:///{_tmp / 'test.db'}"
os.environ.update(
    MENTORHUB_ENVIRONMENT="test",
    MENTORHUB_DATABASE_URL=TEST_DATABASE_URL,
    MENTORHUB_SECRET_KEY="test-secret-key-that-is-long-enough-0123456789",
    MENTORHUB_SERVE_FRONTEND="false",
    MENTORHUB_LOG_LEVEL="WARNING",
)

from alembic import command  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import text  # noqa: E402
from sqlmodel import Session, SQLModel, select  # noqa: E402

import api.models  # noqa: E402, F401
from api.auth import ratelimit  # noqa: E402
from api.auth.models import ApiClient, ApiClientSchool  # noqa: E402
from api.auth.passwords import hash_password  # noqa: E402
from api.auth.scopes import scopes_for_roles  # noqa: E402
from api.auth.tokens import hash_secret, issue_access_token  # noqa: E402
from api.db import get_engine, make_engine, new_session  # noqa: E402
from api.domains import register_domains  # noqa: E402
from api.entitlements.models import EntitlementPolicy  # noqa: E402
from api.health.service import alembic_config  # noqa: E402
from api.meetings.models import (  # noqa: E402
    Meeting,
    MeetingAction,
    MeetingRecord,
    MeetingStatus,
    ProtectedSlot,
)
from api.mentoring.models import (  # noqa: E402
    MenteeProfile,
    MentoringAgreement,
    MentorProfile,
    Pairing,
    PairingKind,
)
from api.observations.models import (  # noqa: E402
    Observation,
    ObservationKind,
    ObservationStatus,
    ObserverRole,
    Target,
    TargetSource,
)
from api.org.models import Membership, Phase, Role, School, TermDate, TermKind, Trust, User  # noqa: E402
from api.providers.models import Provider, ProviderLink, WebhookDelivery  # noqa: E402
from api.resources.models import Resource, ResourceKind  # noqa: E402
from api.supervision.models import SupervisionSession  # noqa: E402
from api.training.models import CoverRequest, TrainingItem  # noqa: E402
from api.wellbeing.models import WellbeingCheckIn, WellbeingLead  # noqa: E402
from tests.helpers_entitlements import entitlements_world  # noqa: E402
from tests.helpers_providers import providers_world  # noqa: E402
from tests.helpers_training import training_world  # noqa: E402
from tests.helpers_wellbeing import wellbeing_world  # noqa: E402

PASSWORD = "correct-horse-battery"
_PASSWORD_HASH = hash_password(PASSWORD)
RAISE_SERVER_EXCEPTIONS = os.environ.get("MENTORHUB_TEST_RAISE") == "1"
IS_POSTGRES = TEST_DATABASE_URL.startswith("postgresql")


def pytest_report_header(config):  # type: ignore[no-untyped-def]
    return f"database: {'PostgreSQL' if IS_POSTGRES else 'SQLite'} ({TEST_DATABASE_URL})"


def _reset_schema() -> None:
    engine = get_engine()
    if IS_POSTGRES:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    command.upgrade(alembic_config(), "head")


@pytest.fixture(scope="session", autouse=True)
def database():  # type: ignore[no-untyped-def]
    if os.environ.get("MENTORHUB_REQUIRE_POSTGRES") == "1" and not IS_POSTGRES:
        pytest.exit("MENTORHUB_REQUIRE_POSTGRES=1 but the tests are not on PostgreSQL", 2)
    _reset_schema()
    register_domains()
    yield get_engine()


@pytest.fixture(autouse=True)
def clean_tables(database):  # type: ignore[no-untyped-def]
    ratelimit.reset_all()
    yield
    with database.begin() as connection:
        for table in reversed(SQLModel.metadata.sorted_tables):
            connection.execute(table.delete())


@pytest.fixture(scope="session")
def test_engine():  # type: ignore[no-untyped-def]
    # Deferred transactions, so a test that reads while the app writes does not hold the
    # SQLite write lock against it.
    engine = make_engine(TEST_DATABASE_URL, immediate_transactions=False)
    yield engine
    engine.dispose()


@pytest.fixture
def session(database, test_engine):  # type: ignore[no-untyped-def]
    with Session(test_engine, expire_on_commit=False) as session:
        yield session


@pytest.fixture(scope="session")
def app():  # type: ignore[no-untyped-def]
    from api.main import create_app

    return create_app()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=RAISE_SERVER_EXCEPTIONS) as test_client:
        yield test_client


@dataclass
class World:
    trust: Trust
    school: School  # Hillcrest: where most people are
    other_school: School  # Riverside: same trust, led by other_lead
    foreign_school: School  # in another trust altogether
    term: TermDate
    people: dict[str, User]
    memberships: dict[str, Membership]
    api_client: ApiClient
    api_client_secret: str
    mentor_profile: MentorProfile
    mentee_profile: MenteeProfile
    pairing: Pairing
    agreement: MentoringAgreement
    slot: ProtectedSlot
    past_meeting: Meeting
    next_meeting: Meeting
    action: MeetingAction
    observation: Observation  # the observer observes the mentee the Friday after next
    past_observation: Observation  # recorded by the observer, not shared yet
    shared_observation: Observation  # recorded and shared, not reflected on yet
    target: Target  # set from the past observation
    resource: Resource  # Hillcrest's own, kept by its lead
    trust_resource: Resource  # trust-wide, kept by the trust admin
    check_in: WellbeingCheckIn  # the mentee's, asking to talk, with an unshared note
    supervision: SupervisionSession  # the lead with the mentor in September, not recorded
    wellbeing_lead: WellbeingLead  # the lead, at Hillcrest
    entitlement_policy: EntitlementPolicy  # mentor v1: approved, adopted by Hillcrest
    draft_policy: EntitlementPolicy  # mentor v2: a draft superseding v1 from 4 Jan 2027
    ect_policy: EntitlementPolicy  # ECT v1: approved, not adopted
    submitted_policy: EntitlementPolicy  # ECT v2: submitted to the board
    provider: Provider  # Northern University, an HEI of the trust; the mentee is linked to it
    provider_secret: str  # its one signing secret
    disabled_provider: Provider  # Old SCITT, disabled
    provider_link: ProviderLink  # the mentee, to Northern University
    delivery: WebhookDelivery  # from Northern University, rejected, not processed again yet
    training_item: TrainingItem  # its course date last Tuesday, for the mentor and mentee
    cover_request: CoverRequest  # the mentor's release for it, waiting for the lead

    def token(self, who: str) -> str:
        if who == "client":
            return mint_client_token(self.api_client)
        user = self.people[who]
        roles = {m.role for m in self.memberships.values() if m.user_id == user.id}
        return mint_user_token(user, roles)

    def headers(self, who: str) -> dict[str, str]:
        return {} if who == "anon" else {"Authorization": f"Bearer {self.token(who)}"}


def mint_user_token(user: User, roles: set[Role]) -> str:
    """A token for the account as it is now: with its current session version, read from the
    database (a password change since the test began has moved it on)."""
    # A reading session: minting a token must not wait for (or take) the write lock.
    with new_session(read_only=True) as session:
        current = session.exec(select(User.session_version).where(User.id == user.id)).first()
    token, _ = issue_access_token(
        user.id,
        kind="user",
        scopes=scopes_for_roles(roles),
        lifetime=timedelta(minutes=5),
        session_version=user.session_version if current is None else current,
    )
    return token


def mint_client_token(client: ApiClient) -> str:
    token, _ = issue_access_token(
        client.id, kind="client", scopes=frozenset(client.scopes), lifetime=timedelta(minutes=5)
    )
    return token


def make_user(
    session: Session, trust: Trust, key: str, *, trn: str | None = None, must_change: bool = False
) -> User:
    user = User(
        trust_id=trust.id,
        email=f"{key}@example.org",
        full_name=key.replace("_", " ").title(),
        trn=trn,
        password_hash=_PASSWORD_HASH,
        must_change_password=must_change,
    )
    session.add(user)
    return user


@pytest.fixture
def world(session: Session) -> World:
    trust = Trust(name="Northern Trust")
    foreign_trust = Trust(name="Southern Trust")
    school = School(
        trust_id=trust.id, name="Hillcrest Academy", urn="100001", phase=Phase.secondary
    )
    other = School(trust_id=trust.id, name="Riverside Primary", urn="100002", phase=Phase.primary)
    foreign = School(
        trust_id=foreign_trust.id, name="Seaside School", urn="200001", phase=Phase.primary
    )
    session.add_all([trust, foreign_trust, school, other, foreign])
    term = TermDate(
        school_id=school.id,
        kind=TermKind.term,
        name="Autumn term",
        starts_on=date(2026, 9, 2),
        ends_on=date(2026, 12, 18),
    )
    session.add(term)

    roles = {
        "admin": (trust, Role.trust_admin, None),
        "lead": (trust, Role.school_lead, school),
        "mentor": (trust, Role.mentor, school),
        "mentee": (trust, Role.mentee, school),
        "observer": (trust, Role.observer, school),
        "other_lead": (trust, Role.school_lead, other),
        "foreign_admin": (foreign_trust, Role.trust_admin, None),
        # Not signed in as in the matrix; people a lead can set up profiles and pairings for.
        "spare_mentor": (trust, Role.mentor, school),
        "spare_mentee": (trust, Role.mentee, school),
    }
    people, memberships = {}, {}
    for index, (key, (owner, role, at)) in enumerate(roles.items()):
        user = make_user(session, owner, key, trn=f"{1000000 + index}")
        people[key] = user
        membership = Membership(
            user_id=user.id, trust_id=owner.id, role=role, school_id=at.id if at else None
        )
        session.add(membership)
        memberships[key] = membership

    secret = "mhs_test-secret-" + uuid.uuid4().hex
    api_client = ApiClient(
        trust_id=trust.id,
        name="Arbor MIS",
        secret_hash=hash_secret(secret),
        scopes=["org:read", "observations:read"],
    )
    session.add(api_client)
    session.add(ApiClientSchool(client_id=api_client.id, school_id=school.id))
    mentoring = _mentoring(session, school, people)
    mentoring |= _observations(session, school, people, mentoring["pairing"])
    mentoring |= _resources(trust, school)
    session.flush()  # the trust and school first: resources name them without a relationship
    session.add_all([mentoring["resource"], mentoring["trust_resource"]])
    mentoring |= wellbeing_world(session, school, people)
    mentoring |= entitlements_world(session, trust, school, people)
    mentoring |= providers_world(session, trust, people)
    mentoring |= training_world(session, school, people, mentoring["provider"])
    session.commit()
    return World(
        trust, school, other, foreign, term, people, memberships, api_client, secret, **mentoring
    )


def _mentoring(session: Session, school: School, people: dict[str, User]) -> dict:
    """The mentor mentors the mentee: agreed, with a Wednesday slot, one meeting past (with a
    record and an open action) and one next week."""
    mentor, mentee = people["mentor"], people["mentee"]
    start = date(2026, 9, 1)
    mentor_profile = MentorProfile(
        user_id=mentor.id, school_id=school.id, subjects=["Science"], trained=True, starts_on=start
    )
    mentee_profile = MenteeProfile(
        user_id=mentee.id, school_id=school.id, pathway="ect", induction_year=1, starts_on=start
    )
    pairing = Pairing(
        school_id=school.id,
        mentor_id=mentor.id,
        mentee_id=mentee.id,
        kind=PairingKind.induction_mentor,
        starts_on=start,
        ends_on=date.today() + timedelta(days=400),
    )
    agreement = MentoringAgreement(
        pairing_id=pairing.id,
        version=1,
        meeting_frequency="weekly",
        meeting_day=2,
        meeting_time=time(15, 30),
        meeting_location="Room 12",
        feedback_timing="same_day",
        mentor_prepares="Notes",
        mentee_prepares="Reflections",
        record_keeper="mentor",
        agenda_setting="Together",
        feedback_approach="Strengths first",
        wellbeing_frequency="weekly",
        concern_route="Tell the induction tutor",
        mentor_agreed_at=datetime.now(UTC),
        created_by=mentor.id,
    )
    slot = ProtectedSlot(
        pairing_id=pairing.id,
        weekday=2,
        start_time=time(15, 30),
        location="Room 12",
        starts_on=start,
        ends_on=pairing.ends_on,
        created_by=mentor.id,
    )
    london = ZoneInfo("Europe/London")
    past_day = date(2026, 9, 9)
    next_day = date.today() + timedelta(days=(2 - date.today().weekday()) % 7 + 7)
    meetings = [
        Meeting(
            pairing_id=pairing.id,
            slot_id=slot.id,
            occurrence_date=day,
            starts_at=datetime.combine(day, time(15, 30), tzinfo=london),
            ends_at=datetime.combine(day, time(16, 30), tzinfo=london),
            location="Room 12",
        )
        for day in (past_day, next_day)
    ]
    meetings[0].status = MeetingStatus.held
    action = MeetingAction(
        meeting_id=meetings[0].id,
        pairing_id=pairing.id,
        text="Try cold calling",
        owner_id=mentee.id,
    )
    session.add_all(
        [
            mentor_profile,
            mentee_profile,
            pairing,
            agreement,
            slot,
            *meetings,
            MeetingRecord(meeting_id=meetings[0].id, notes="Good start", recorded_by=mentor.id),
            action,
        ]
    )
    return dict(
        mentor_profile=mentor_profile,
        mentee_profile=mentee_profile,
        pairing=pairing,
        agreement=agreement,
        slot=slot,
        past_meeting=meetings[0],
        next_meeting=meetings[1],
        action=action,
    )


def _observations(session: Session, school: School, people: dict[str, User], pairing) -> dict:  # type: ignore[no-untyped-def]
    """The observer (a SENCO) observes the mentee: twice in September (one recorded and not yet
    shared, with a target set from it; one shared) and on Friday the week after next."""
    london = ZoneInfo("Europe/London")
    past_day = date(2026, 9, 10)
    next_day = date.today() + timedelta(days=(4 - date.today().weekday()) % 7 + 7)

    def observation(day: date, **extra) -> Observation:  # type: ignore[no-untyped-def]
        return Observation(
            school_id=school.id,
            pairing_id=pairing.id,
            mentee_id=people["mentee"].id,
            mentor_id=people["mentor"].id,
            observer_id=people["observer"].id,
            observer_role=ObserverRole.senco,
            kind=ObservationKind.formal,
            starts_at=datetime.combine(day, time(10, 0), tzinfo=london),
            ends_at=datetime.combine(day, time(11, 0), tzinfo=london),
            observed_on=day,
            week_start=day - timedelta(days=day.weekday()),
            class_name="8B2",
            subject="Science",
            year_group="Year 8",
            scheduled_by=people["lead"].id,
            **extra,
        )

    past = observation(
        past_day,
        status=ObservationStatus.completed,
        focus_standards=[5, 7],
        strengths="Calm start to the lesson",
        points_to_develop="Check understanding before moving on",
        recorded_at=datetime(2026, 9, 10, 12, tzinfo=UTC),
    )
    shared = observation(
        date(2026, 9, 17),
        status=ObservationStatus.shared,
        focus_standards=[1],
        strengths="High expectations from the door",
        points_to_develop="Pace in the middle of the lesson",
        recorded_at=datetime(2026, 9, 17, 12, tzinfo=UTC),
        shared_at=datetime(2026, 9, 17, 13, tzinfo=UTC),
    )
    upcoming = observation(next_day)
    target = Target(
        school_id=school.id,
        pairing_id=pairing.id,
        mentee_id=people["mentee"].id,
        source_type=TargetSource.observation,
        source_id=past.id,
        standards=[5],
        text="Use mini whiteboards to check understanding",
        due_on=date.today() + timedelta(days=30),
        set_by=people["observer"].id,
    )
    session.add_all([past, shared, upcoming, target])
    return dict(
        observation=upcoming, past_observation=past, shared_observation=shared, target=target
    )


def _resources(trust: Trust, school: School) -> dict:
    return dict(
        resource=Resource(
            trust_id=trust.id,
            school_id=school.id,
            title="Our behaviour routines",
            kind=ResourceKind.guide,
        ),
        trust_resource=Resource(
            trust_id=trust.id, title="Trust induction handbook", kind=ResourceKind.handbook
        ),
    )


def refresh(session: Session) -> None:
    """Forget what this test's session has read, so the next read sees what the app wrote
    (ending the transaction too: an open SQLite read keeps its old snapshot)."""
    session.rollback()
    session.expire_all()


@pytest.fixture
def before_autumn(monkeypatch):  # type: ignore[no-untyped-def]
    """Slots and meeting moves see today as 31 August 2026, for tests that schedule the autumn
    term from its start (slots start today or later)."""
    now = datetime(2026, 8, 31, 12, tzinfo=UTC)
    monkeypatch.setattr("api.meetings.slots.utcnow", lambda: now)
    monkeypatch.setattr("api.meetings.service.utcnow", lambda: now)
    return now
