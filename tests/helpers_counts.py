"""A crafted world for observation counts, the same in process and against a live server.

Hillcrest (Europe/London) is the client's school; Riverside is another school of the same trust
and Seaside a school of another trust, each with an observation the client must never count.
In the week of Monday 16 September 2024 at Hillcrest:

- Mina (mentored by Ravi): an observation at 00:30 British Summer Time on Monday 16th (23:30
  UTC on Sunday 15th), a drop-in by the SENCO, scheduled and recorded through the API (see
  `schedule_and_record_the_early_one`); a shared formal one by Ravi on Friday 20th; a scheduled
  one on Wednesday 18th and a cancelled one on Thursday 19th (neither counts); and a peer
  observation on Monday 23rd, the week after.
- Noor (mentored by Ravi too): a completed joint observation by a subject colleague on Tuesday
  17th and a shared learning walk by a senior leader on Wednesday 18th.
"""

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.auth.models import ApiClient, ApiClientSchool
from api.auth.passwords import hash_password
from api.auth.tokens import hash_secret
from api.mentoring.models import Pairing, PairingKind
from api.observations.models import Observation, ObservationKind, ObservationStatus, ObserverRole
from api.org.models import Membership, Phase, Role, School, Trust, User

LONDON = ZoneInfo("Europe/London")
PASSWORD = "counting-horse-battery"
WEEK = date(2024, 9, 16)
# 00:30 British Summer Time on Monday 16 September 2024: Sunday 15th in UTC.
EARLY_START = datetime(2024, 9, 15, 23, 30, tzinfo=UTC)
COUNTS = "/api/v1/integrations/observation-counts"


@dataclass
class CountsWorld:
    trust: Trust
    school: School
    other_school: School
    foreign_school: School
    people: dict[str, User]
    pairings: dict[str, Pairing]
    observations: dict[str, Observation]
    clients: dict[str, tuple[ApiClient, str]] = field(default_factory=dict)

    def id(self, who: str) -> str:
        return str(self.people[who].id)

    def trn(self, who: str) -> str | None:
        return self.people[who].trn


def by_kind(**counts: int) -> dict[str, int]:
    kinds = {kind.value: 0 for kind in ObservationKind}
    return kinds | counts


def build(session: Session) -> CountsWorld:
    trust, foreign_trust = Trust(name="Counting Trust"), Trust(name="Elsewhere Trust")
    school = School(trust_id=trust.id, name="Hillcrest", urn="400001", phase=Phase.secondary)
    other = School(trust_id=trust.id, name="Riverside", urn="400002", phase=Phase.primary)
    foreign = School(trust_id=foreign_trust.id, name="Seaside", urn="500001", phase=Phase.primary)
    session.add_all([trust, foreign_trust, school, other, foreign])
    password_hash = hash_password(PASSWORD)
    roles = {
        "lead": (trust, Role.school_lead, school, "3000001"),
        "senco": (trust, Role.observer, school, None),
        "colleague": (trust, Role.observer, school, None),
        "ravi": (trust, Role.mentor, school, "3000002"),
        "mina": (trust, Role.mentee, school, "3000003"),
        "noor": (trust, Role.mentee, school, None),  # no TRN yet
        "riverside_mentor": (trust, Role.mentor, other, "3000004"),
        "riverside_mentee": (trust, Role.mentee, other, "3000005"),
        "seaside_mentor": (foreign_trust, Role.mentor, foreign, "3000006"),
        "seaside_mentee": (foreign_trust, Role.mentee, foreign, "3000007"),
    }
    people = {}
    for key, (owner, role, at, trn) in roles.items():
        user = User(
            trust_id=owner.id,
            email=f"{key}@counts.example.org",
            full_name=f"{key.title()} Person",
            trn=trn,
            password_hash=password_hash,
            must_change_password=False,
        )
        session.add(user)
        session.add(Membership(user_id=user.id, trust_id=owner.id, role=role, school_id=at.id))
        people[key] = user

    def pairing(at: School, mentor: str, mentee: str) -> Pairing:
        made = Pairing(
            school_id=at.id,
            mentor_id=people[mentor].id,
            mentee_id=people[mentee].id,
            kind=PairingKind.induction_mentor,
            starts_on=date(2024, 9, 2),
            ends_on=date(2025, 7, 18),
        )
        session.add(made)
        return made

    pairings = {
        "mina": pairing(school, "ravi", "mina"),
        "noor": pairing(school, "ravi", "noor"),
        "riverside": pairing(other, "riverside_mentor", "riverside_mentee"),
        "seaside": pairing(foreign, "seaside_mentor", "seaside_mentee"),
    }
    session.flush()

    def observation(
        key: str,
        day: date,
        observer: str,
        role: ObserverRole,
        kind: ObservationKind,
        status: ObservationStatus,
    ) -> Observation:
        made = pairings[key]
        starts = datetime.combine(day, time(10, 0), tzinfo=LONDON)
        recorded = starts + timedelta(hours=2) if status != ObservationStatus.scheduled else None
        obs = Observation(
            school_id=made.school_id,
            pairing_id=made.id,
            mentee_id=made.mentee_id,
            mentor_id=made.mentor_id,
            observer_id=people[observer].id,
            observer_role=role,
            kind=kind,
            starts_at=starts,
            ends_at=starts + timedelta(hours=1),
            observed_on=day,
            week_start=day - timedelta(days=day.weekday()),
            class_name="9X1",
            subject="History",
            year_group="Year 9",
            status=status,
            strengths="Private strengths text",
            points_to_develop="Private points text",
            recorded_at=recorded if status != ObservationStatus.cancelled else None,
            cancel_reason="Trip" if status == ObservationStatus.cancelled else None,
            scheduled_by=people["lead"].id,
            created_at=starts - timedelta(days=7),
            updated_at=recorded or starts - timedelta(days=7),
        )
        session.add(obs)
        return obs

    k, r, s = ObservationKind, ObserverRole, ObservationStatus
    observations = {
        "mina_friday": observation("mina", date(2024, 9, 20), "ravi", r.mentor, k.formal, s.shared),
        "mina_scheduled": observation(
            "mina", date(2024, 9, 18), "senco", r.senco, k.formal, s.scheduled
        ),
        "mina_cancelled": observation(
            "mina", date(2024, 9, 19), "senco", r.senco, k.formal, s.cancelled
        ),
        "mina_next_week": observation(
            "mina", date(2024, 9, 23), "colleague", r.peer, k.peer, s.completed
        ),
        "noor_joint": observation(
            "noor", date(2024, 9, 17), "colleague", r.subject_colleague, k.joint, s.completed
        ),
        "noor_walk": observation(
            "noor", date(2024, 9, 18), "lead", r.senior_leader, k.learning_walk, s.shared
        ),
        "riverside": observation(
            "riverside", date(2024, 9, 17), "riverside_mentor", r.mentor, k.formal, s.completed
        ),
        "seaside": observation(
            "seaside", date(2024, 9, 17), "seaside_mentor", r.mentor, k.formal, s.completed
        ),
    }
    world = CountsWorld(trust, school, other, foreign, people, pairings, observations)
    add_client(session, world, "mis", [school], ["org:read", "observations:read"])
    add_client(session, world, "burst", [school], ["observations:read"])
    add_client(session, world, "no_scope", [school], ["org:read"])
    add_client(session, world, "both", [school, other], ["observations:read"])
    session.commit()
    return world


def add_client(
    session: Session, world: CountsWorld, key: str, schools: list[School], scopes: list[str]
) -> None:
    secret = f"mhs_counts-{key}-" + uuid.uuid4().hex
    client = ApiClient(
        trust_id=world.trust.id, name=f"{key} MIS", secret_hash=hash_secret(secret), scopes=scopes
    )
    session.add(client)
    session.add_all(ApiClientSchool(client_id=client.id, school_id=s.id) for s in schools)
    world.clients[key] = (client, secret)


def schedule_and_record_the_early_one(http: Any, world: CountsWorld, sign_in: Any) -> str:
    """The lead schedules the 00:30 BST drop-in by the SENCO and the SENCO records it, through
    the API (which works out its local date); answers its id."""
    lead, senco = sign_in("lead"), sign_in("senco")
    scheduled = http.post(
        "/api/v1/observations",
        headers=lead,
        json={
            "pairing_id": str(world.pairings["mina"].id),
            "observer_id": world.id("senco"),
            "observer_role": "senco",
            "kind": "drop_in",
            "starts_at": EARLY_START.isoformat(),
            "ends_at": (EARLY_START + timedelta(minutes=20)).isoformat(),
            "class_name": "Homework club",
            "subject": "History",
            "year_group": "Year 9",
            "backfill_reason": "Written up from the observer's notes on the day",
        },
    )
    assert scheduled.status_code == 201, scheduled.text
    observation_id = scheduled.json()["id"]
    recorded = http.put(
        f"/api/v1/observations/{observation_id}/record",
        headers=senco,
        json={"focus_standards": [7], "strengths": "Settled quickly"},
    )
    assert recorded.status_code == 200, recorded.text
    assert recorded.json()["status"] == "completed"
    return observation_id


def cancel_in_database(session: Session, observation_id: uuid.UUID) -> datetime:
    """Cancels an observation that took place, as a correction written to the database would
    (the API cancels only scheduled ones); answers the moment just before."""
    before = datetime.now(UTC)
    observation = session.get(Observation, observation_id)
    assert observation is not None
    observation.status = ObservationStatus.cancelled
    observation.cancel_reason = "Recorded against the wrong class"
    observation.cancelled_at = observation.updated_at = datetime.now(UTC) + timedelta(
        microseconds=1
    )
    session.add(observation)
    session.commit()
    return before


def csv_rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


def flattened(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    """JSON items as the CSV writes them: by_kind flattened, every value as text."""
    rows = []
    for item in items:
        row = {k: "" if v is None else str(v) for k, v in item.items() if k != "by_kind"}
        row |= {f"by_kind.{kind}": str(n) for kind, n in item["by_kind"].items()}
        rows.append(row)
    return rows
