"""A national-scale dataset for benchmarks: 22,000 schools in trusts of realistic sizes, 85,000
mentees with their mentors, and 3.5 million observations over one school year.

Everything comes from the seed: each school draws from its own random stream, so the same seed,
scale and year give the same rows (ids included), and a school's rows never depend on how many
were written before it. Rows are made and written a school at a time and sent in batches
(SQLAlchemy Core executemany; COPY on PostgreSQL), committed batch by batch, so memory stays flat
however large the run. Only small per-school and per-mentee numbers are planned up front.

Observations follow the app's rules: on a school day of the school's own terms (no weekends,
half-terms, INSET days or bank holidays), inside the pairing, in lesson time; `observed_on` is
the date of the start time in the school's timezone and `week_start` that date's Monday, as
scheduling computes them; `updated_at` is the last change (recording, sharing, a reflection or
the cancellation).
"""

import json
import math
import operator
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import JSON, Boolean, Connection, Date, Engine, Table, Uuid, func, select
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel

from api.auth.models import ApiClient, ApiClientSchool
from api.auth.tokens import hash_secret, new_secret
from api.core.models import UTCDateTime
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
from api.observations.models import Observation
from api.org.models import Membership, School, TermDate, Trust, User
from api.org.school_year import typical_year

SCHOOLS = 22_000
MENTEES = 85_000
OBSERVATIONS = 3_500_000
# The trust benchmarks look for by name: exactly 40 schools whenever the run has 100 or more.
BENCH_TRUST = "Forty Schools Academy Trust"
BENCH_TRUST_SCHOOLS = 40
TIMEZONE = "Europe/London"
BATCH_OBSERVATIONS = 20_000

# The largest multi-academy trusts in England run 40 to 90 schools.
LARGE_TRUSTS = [
    ("Northern Lights Learning Trust", 92),
    ("Greater Shires Academies", 78),
    ("Oak and Ash Education Trust", 61),
    ("Harbour Schools Partnership", 55),
    ("Pennine Ridge Academy Trust", 51),
    ("Riverside Learning Alliance", 47),
    ("Three Counties Schools Trust", 44),
    ("Meridian Academies", 42),
]
# Everyone else: many single-academy trusts, a long tail of small and mid-sized ones.
TRUST_SIZES = [(1, 0.36), (2, 0.10), (3, 0.09), (4, 0.07), (5, 0.06), (6, 0.05)]
TRUST_SIZES += [(n, 0.035) for n in range(7, 11)]
TRUST_SIZES += [(n, 0.008) for n in range(11, 26)]
TRUST_SIZES += [(n, 0.0015) for n in range(26, 39)]

PHASES = [
    ("primary", 0.74),
    ("secondary", 0.16),
    ("special", 0.045),
    ("all_through", 0.02),
    ("alternative_provision", 0.015),
    ("nursery", 0.01),
    ("post_16", 0.01),
]
# Relative number of trainees and early career teachers a school of each phase takes on.
PHASE_MENTEE_WEIGHT = {
    "primary": 2.6,
    "secondary": 9.5,
    "special": 2.2,
    "all_through": 11.0,
    "alternative_provision": 1.5,
    "nursery": 1.0,
    "post_16": 5.0,
}
MAX_MENTEES_PER_SCHOOL = 40

OBSERVER_ROLES = [
    ("mentor", 0.52),
    ("subject_colleague", 0.14),
    ("senior_leader", 0.11),
    ("senco", 0.07),
    ("eal_specialist", 0.04),
    ("peer", 0.08),
    ("external", 0.04),
]
KINDS_BY_ROLE = {
    "mentor": [("drop_in", 0.45), ("formal", 0.35), ("joint", 0.1), ("learning_walk", 0.1)],
    "subject_colleague": [("drop_in", 0.5), ("formal", 0.3), ("joint", 0.2)],
    "senior_leader": [("formal", 0.45), ("learning_walk", 0.4), ("drop_in", 0.15)],
    "senco": [("drop_in", 0.55), ("formal", 0.25), ("learning_walk", 0.2)],
    "eal_specialist": [("drop_in", 0.6), ("formal", 0.25), ("learning_walk", 0.15)],
    "peer": [("peer", 0.9), ("joint", 0.1)],
    "external": [("formal", 0.7), ("joint", 0.3)],
}
STATUSES = [("shared", 0.70), ("completed", 0.18), ("cancelled", 0.07), ("scheduled", 0.05)]
# Lesson starts (local time) and lengths in minutes by kind.
PERIODS = [time(8, 50), time(9, 50), time(11, 10), time(12, 10), time(13, 40), time(14, 40)]
MINUTES = {"formal": 60, "drop_in": 20, "peer": 50, "joint": 60, "learning_walk": 30}

SUBJECTS = ["English", "Maths", "Science", "History", "Geography", "Art", "Music", "PE", "French"]
SUBJECTS += ["Computing", "Design and Technology", "RE", "Drama", "Spanish", "Biology"]
PRIMARY_YEARS = ["Reception", "Year 1", "Year 2", "Year 3", "Year 4", "Year 5", "Year 6"]
SECONDARY_YEARS = ["Year 7", "Year 8", "Year 9", "Year 10", "Year 11", "Year 12", "Year 13"]
FIRST = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack", "Kofi"]
FIRST += ["Leah", "Mo", "Nina", "Owen", "Priya", "Quinn", "Ruby", "Sam", "Tariq", "Uma", "Zoe"]
LAST = ["Adams", "Begum", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Iqbal"]
LAST += ["Jones", "Khan", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Roberts", "Smith"]
LAST += ["Taylor", "Walker", "Wilson", "Young"]
TOWNS = ["Ashford", "Barnsley", "Carlisle", "Derby", "Exeter", "Frome", "Gateshead", "Hull"]
TOWNS += ["Ipswich", "Kendal", "Leeds", "Luton", "Margate", "Norwich", "Oldham", "Preston"]
TOWNS += ["Reading", "Stroud", "Truro", "Wigan", "York", "Bolton", "Crewe", "Dudley"]
STRENGTHS = [
    "Clear routines at the start of the lesson; pupils settled quickly.",
    "Good use of questioning to check understanding before moving on.",
    "Well-chosen examples that built on the last lesson.",
    "Calm, consistent handling of low-level disruption.",
]
TO_DEVELOP = [
    "Give pupils more time to think before taking answers.",
    "Check the understanding of the quieter pupils at the back.",
    "Plan the transition between the starter and the main task.",
    "Adapt the task for the pupils who finished early.",
]
REFLECTIONS = [
    "I will try wait time and cold calling next week.",
    "Useful: I had not noticed the back row drifting.",
    "Agreed; I will plan the transitions more carefully.",
]
CANCEL_REASONS = [
    "Observer covering an absent colleague.",
    "Mentee off sick.",
    "Class out on a trip.",
    "Fire drill.",
    "Mock exams in the hall.",
]
INSET_DAYS = 3


class DatabaseNotEmpty(Exception):
    """The generator fills an empty database only: it never mixes with real data."""


@dataclass(frozen=True)
class Plan:
    seed: int
    scale: float
    year: int  # the calendar year the school year starts in (September)

    @property
    def schools(self) -> int:
        return max(1, round(SCHOOLS * self.scale))

    @property
    def mentees(self) -> int:
        return max(1, round(MENTEES * self.scale))

    @property
    def observations(self) -> int:
        return max(0, round(OBSERVATIONS * self.scale))


@dataclass
class Summary:
    trusts: int = 0
    schools: int = 0
    term_dates: int = 0
    users: int = 0
    memberships: int = 0
    mentor_profiles: int = 0
    mentee_profiles: int = 0
    pairings: int = 0
    observations: int = 0
    bench_trust_id: uuid.UUID | None = None


def _stream(seed: int, *parts: object) -> random.Random:
    # String seeds are hashed with SHA-512, so streams do not depend on PYTHONHASHSEED.
    return random.Random(":".join(str(p) for p in (seed, *parts)))  # noqa: S311  (test data)


def _uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _pick(rng: random.Random, table: list[tuple[Any, float]]) -> Any:
    values, weights = zip(*table, strict=True)
    return rng.choices(values, weights)[0]


class _Picker:
    """Weighted choices through a cumulative table: quicker than random.choices per call."""

    def __init__(self, table: list[tuple[Any, float]]) -> None:
        self.values = [v for v, _ in table]
        total, self.bounds = 0.0, []
        for _, weight in table:
            total += weight
            self.bounds.append(total)
        self.total = total

    def __call__(self, rng: random.Random) -> Any:
        x = rng.random() * self.total
        for value, bound in zip(self.values, self.bounds, strict=True):
            if x < bound:
                return value
        return self.values[-1]


def apportion(weights: list[float], total: int, cap: int | None = None) -> list[int]:
    """Whole numbers in proportion to `weights` that add up to exactly `total` (largest
    remainder), none above `cap` when one is given."""
    if not weights:
        return []
    scale = total / sum(weights)
    shares = [w * scale for w in weights]
    counts = [math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    if cap is not None:
        spill = sum(max(0, c - cap) for c in counts)
        counts = [min(c, cap) for c in counts]
        i = 0
        while spill:
            if counts[i % len(counts)] < cap:
                counts[i % len(counts)] += 1
                spill -= 1
            i += 1
    return counts


def trust_sizes(plan: Plan) -> list[tuple[str, int]]:
    """Names and school counts of every trust, adding up to the plan's schools."""
    rng = _stream(plan.seed, "trusts")
    remaining = plan.schools
    bench = BENCH_TRUST_SCHOOLS if remaining >= 100 else max(1, remaining // 3)
    trusts = [(BENCH_TRUST, bench)]
    remaining -= bench
    for name, size in LARGE_TRUSTS:
        scaled = round(size * plan.scale)
        if 2 <= scaled <= remaining:
            trusts.append((name, scaled))
            remaining -= scaled
    picker = _Picker(TRUST_SIZES)
    while remaining > 0:
        size = min(picker(rng), remaining)
        name = f"{rng.choice(TOWNS)} {'Academy' if size == 1 else 'Learning'} Trust {len(trusts)}"
        trusts.append((name, size))
        remaining -= size
    return trusts


@dataclass
class _SchoolPlan:
    index: int
    trust_index: int
    phase: str
    mentees: int
    first_mentee: int  # the index of its first mentee among all mentees


def school_plans(plan: Plan, trusts: list[tuple[str, int]]) -> list[_SchoolPlan]:
    rng = _stream(plan.seed, "schools")
    phase_picker = _Picker(PHASES)
    phases, weights, owners = [], [], []
    for trust_index, (_, size) in enumerate(trusts):
        for _ in range(size):
            phase = phase_picker(rng)
            phases.append(phase)
            weights.append(PHASE_MENTEE_WEIGHT[phase] * rng.uniform(0.3, 1.7))
            owners.append(trust_index)
    counts = apportion(weights, plan.mentees, cap=MAX_MENTEES_PER_SCHOOL)
    plans, first = [], 0
    for index, (phase, count, owner) in enumerate(zip(phases, counts, owners, strict=True)):
        plans.append(_SchoolPlan(index, owner, phase, count, first))
        first += count
    return plans


def observation_counts(plan: Plan) -> list[int]:
    """How many observations each mentee has over the year: about one a school week, more for
    some (a cause for concern, a keen mentor), fewer for others."""
    rng = _stream(plan.seed, "observation-counts")
    weights = [rng.lognormvariate(0, 0.4) for _ in range(plan.mentees)]
    return apportion(weights, plan.observations)


def school_year(
    rng: random.Random, year: int
) -> tuple[list[tuple[str, str, date, date]], list[date]]:
    """One school's term dates (terms and closures, with its own start days, half-terms and
    INSET days) and its school days."""
    rows = []
    for kind, name, starts, ends in typical_year(year):
        if name.startswith("Autumn term"):
            starts += timedelta(days=rng.choice([-1, 0, 0, 0, 1]))
        if name == "Autumn half-term" and rng.random() < 0.15:
            starts, ends = starts - timedelta(days=7), ends - timedelta(days=7)
        if name == "Summer term" and rng.random() < 0.3:
            ends -= timedelta(days=rng.choice([1, 2, 3]))
        rows.append((kind.value, name, starts, ends))
    may_day = date(year + 1, 5, 1)
    may_day += timedelta(days=(7 - may_day.weekday()) % 7)  # first Monday in May
    rows.append(("closure", "Early May bank holiday", may_day, may_day))
    terms = [(s, e) for k, _, s, e in rows if k == "term"]
    closed = [(s, e) for k, _, s, e in rows if k == "closure"]
    days = [terms[0][0] + timedelta(days=n) for n in range((terms[-1][1] - terms[0][0]).days + 1)]
    days = [
        d
        for d in days
        if d.weekday() < 5
        and any(s <= d <= e for s, e in terms)
        and not any(s <= d <= e for s, e in closed)
    ]
    # INSET days: the first day of a term, or a Friday now and then.
    inset = sorted({rng.choice([s for s, _ in terms])} | set(rng.sample(days, INSET_DAYS - 1)))
    for day in inset:
        rows.append(("closure", "INSET day", day, day))
    days = [d for d in days if d not in set(inset)]
    return rows, days


def _table(model: type[SQLModel]) -> Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


def _sqlite_datetime(value: datetime) -> str:
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat(" ", "microseconds")[:26]  # without the "+00:00"


def sqlite_converter(column_type: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    """What SQLAlchemy's bind processor for this column type does on SQLite, for the types the
    generator writes, without its per-row overhead (a test compares the two)."""
    if isinstance(column_type, UTCDateTime):
        return _sqlite_datetime
    if isinstance(column_type, Uuid):
        return operator.attrgetter("hex")
    if isinstance(column_type, Date):
        return date.isoformat
    if isinstance(column_type, JSON):
        return json.dumps
    if isinstance(column_type, Boolean):
        return int
    return None


class _Writer:
    """Buffers rows per table and writes them in dependency order, a batch at a time."""

    ORDER: list[type[SQLModel]] = [
        Trust,
        School,
        TermDate,
        User,
        Membership,
        MentorProfile,
        MenteeProfile,
        Pairing,
        Observation,
    ]

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self.tables = {m: _table(m) for m in self.ORDER}
        self.rows: dict[type[SQLModel], list[dict[str, Any]]] = {m: [] for m in self.ORDER}
        self.json_columns = {
            m: {c.name for c in t.columns if c.type.__class__.__name__ == "JSON"}
            for m, t in self.tables.items()
        }

    def add(self, model: type[SQLModel], row: dict[str, Any]) -> None:
        self.rows[model].append(row)

    def pending(self, model: type[SQLModel]) -> int:
        return len(self.rows[model])

    def flush(self) -> None:
        for model in self.ORDER:
            rows = self.rows[model]
            if not rows:
                continue
            if self.postgres:
                self._copy(model, rows)
            else:
                self._insert(model, rows)
            self.rows[model] = []
        self.connection.commit()

    def _insert(self, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
        """One executemany per table, with the values already in the form SQLAlchemy's column
        types store them in on SQLite (`sqlite_value`), which is most of the time otherwise."""
        if not self.connection.in_transaction():
            self.connection.begin()  # BEGIN IMMEDIATE, as every write on SQLite
        table = self.tables[model]
        columns = list(rows[0])
        convert = [sqlite_converter(table.c[c].type) for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" for _ in columns)
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'  # noqa: S608  (our names)
        raw = self.connection.connection.driver_connection
        raw.executemany(  # type: ignore[union-attr]
            sql,
            [
                [v if f is None or v is None else f(v) for v, f in zip(r.values(), convert)]  # noqa: B905
                for r in rows
            ],
        )

    def _copy(self, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
        columns = list(rows[0])
        as_json = [c in self.json_columns[model] for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        raw = self.connection.connection.driver_connection
        with raw.cursor() as cursor:  # type: ignore[union-attr]
            sql = f'COPY "{_table(model).name}" ({names}) FROM STDIN'
            with cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(
                        [
                            json.dumps(v) if j else v
                            for v, j in zip(row.values(), as_json, strict=True)
                        ]
                    )


@dataclass
class _People:
    """One school's people, as ids."""

    mentors: list[uuid.UUID] = field(default_factory=list)
    mentees: list[uuid.UUID] = field(default_factory=list)
    pairings: list[uuid.UUID] = field(default_factory=list)
    pairing_mentor: list[uuid.UUID] = field(default_factory=list)
    staff: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    lead: uuid.UUID | None = None


def is_empty(connection: Connection) -> bool:
    for model in (Trust, School, User):
        table = _table(model)
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            return False
    return True


def generate(
    engine: Engine,
    plan: Plan,
    progress: Callable[[int, int], None] | None = None,
    batch: int = BATCH_OBSERVATIONS,
) -> Summary:
    """Fills an empty, migrated database with the plan's dataset. `progress(done, total)` is
    called as observations are written."""
    trusts = trust_sizes(plan)
    schools = school_plans(plan, trusts)
    counts = observation_counts(plan)
    summary = Summary()
    with engine.connect() as connection:
        if not is_empty(connection):
            raise DatabaseNotEmpty(
                "The database already holds trusts, schools or people; the national dataset "
                "goes into an empty database only."
            )
        if connection.dialect.name == "postgresql":
            # A bulk load: a crash loses at most the last batches, and commits do not wait
            # for the disk.
            connection.exec_driver_sql("SET synchronous_commit = off")
        connection.commit()
        writer = _Writer(connection)
        trust_ids = [
            _write_trust(writer, plan, index, name, summary)
            for index, (name, _) in enumerate(trusts)
        ]
        summary.bench_trust_id = trust_ids[0]
        done = 0
        for school in schools:
            done += _write_school(
                writer, plan, school, trust_ids[school.trust_index], counts, summary
            )
            if writer.pending(Observation) >= batch:
                writer.flush()
                if progress:
                    progress(done, plan.observations)
        writer.flush()
        if progress:
            progress(done, plan.observations)
        _analyze(connection)
    return summary


def _analyze(connection: Connection) -> None:
    """Fresh statistics for the planner, as autovacuum (PostgreSQL) or `ANALYZE` after a bulk
    load (SQLite) would give it."""
    connection.exec_driver_sql("ANALYZE")
    connection.commit()


def _at(day: date, hour: int = 7) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


def _write_trust(writer: _Writer, plan: Plan, index: int, name: str, summary: Summary) -> uuid.UUID:
    rng = _stream(plan.seed, "trust", index)
    trust_id = _uuid(rng)
    created = _at(date(plan.year, 7, 1))
    writer.add(Trust, {"id": trust_id, "name": name, "created_at": created})
    admin = _uuid(rng)
    writer.add(
        User,
        _user(admin, trust_id, f"admin.t{index}@national.mentorhub.test", rng, None, created),
    )
    writer.add(
        Membership,
        _membership(_uuid(rng), admin, trust_id, None, "trust_admin", created),
    )
    summary.trusts += 1
    summary.users += 1
    summary.memberships += 1
    return trust_id


def _user(
    user_id: uuid.UUID,
    trust_id: uuid.UUID,
    email: str,
    rng: random.Random,
    trn: str | None,
    created: datetime,
) -> dict[str, Any]:
    return {
        "id": user_id,
        "trust_id": trust_id,
        "email": email,
        "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        "trn": trn,
        "mis_staff_code": None,
        "active": True,
        "password_hash": None,
        "must_change_password": True,
        "password_changed_at": None,
        "session_version": 0,
        "created_at": created,
        "updated_at": None,
    }


def _membership(
    membership_id: uuid.UUID,
    user_id: uuid.UUID,
    trust_id: uuid.UUID,
    school_id: uuid.UUID | None,
    role: str,
    created: datetime,
) -> dict[str, Any]:
    return {
        "id": membership_id,
        "user_id": user_id,
        "trust_id": trust_id,
        "school_id": school_id,
        "role": role,
        "created_at": created,
    }


def _write_school(
    writer: _Writer,
    plan: Plan,
    school: _SchoolPlan,
    trust_id: uuid.UUID,
    counts: list[int],
    summary: Summary,
) -> int:
    """Writes one school with its terms, people, pairings and observations; answers how many
    observations."""
    rng = _stream(plan.seed, "school", school.index)
    school_id = _uuid(rng)
    urn = f"{100000 + school.index}"
    created = _at(date(plan.year, 7, 1))
    kind = {"primary": "Primary School", "secondary": "Academy", "special": "Special School"}
    writer.add(
        School,
        {
            "id": school_id,
            "trust_id": trust_id,
            "name": f"{rng.choice(TOWNS)} {rng.choice(LAST)} {kind.get(school.phase, 'School')}",
            "urn": urn,
            "phase": school.phase,
            "timezone": TIMEZONE,
            "active": True,
            "created_at": created,
            "updated_at": None,
        },
    )
    summary.schools += 1
    terms, days = school_year(rng, plan.year)
    for term_kind, name, starts, ends in terms:
        writer.add(
            TermDate,
            {
                "id": _uuid(rng),
                "school_id": school_id,
                "kind": term_kind,
                "name": name,
                "starts_on": starts,
                "ends_on": ends,
                "created_at": created,
            },
        )
    summary.term_dates += len(terms)
    year_starts = min(s for k, _, s, _ in terms if k == "term")
    year_ends = max(e for k, _, _, e in terms if k == "term")
    people = _write_people(writer, rng, school, school_id, trust_id, urn, created, year_starts,
                           year_ends, summary)  # fmt: skip
    written = 0
    zone = ZoneInfo(TIMEZONE)
    years = PRIMARY_YEARS if school.phase in ("primary", "nursery") else SECONDARY_YEARS
    role_picker = _Picker(OBSERVER_ROLES)
    status_picker = _Picker(STATUSES)
    kind_pickers = {role: _Picker(kinds) for role, kinds in KINDS_BY_ROLE.items()}
    for n in range(school.mentees):
        mentee = people.mentees[n]
        wanted = counts[school.first_mentee + n]
        chosen = sorted(
            rng.sample(days, wanted) if wanted <= len(days) else rng.choices(days, k=wanted)
        )
        subject = rng.choice(SUBJECTS)
        for day in chosen:
            role = role_picker(rng)
            if role == "mentor":
                observer = people.pairing_mentor[n]
            elif role == "peer" and len(people.mentees) > 1:
                observer = people.mentees[
                    (n + 1 + rng.randrange(len(people.mentees) - 1)) % len(people.mentees)
                ]
            else:
                observer = rng.choice(people.staff["peer" if role == "peer" else role])
            kind = kind_pickers[role](rng)
            starts_at = datetime.combine(day, rng.choice(PERIODS), tzinfo=zone).astimezone(UTC)
            ends_at = starts_at + timedelta(minutes=MINUTES[kind])
            observed_on = starts_at.astimezone(zone).date()
            status = status_picker(rng)
            created_at = starts_at - timedelta(days=rng.randint(2, 21), hours=rng.randint(0, 6))
            row = {
                "id": _uuid(rng),
                "school_id": school_id,
                "pairing_id": people.pairings[n],
                "mentee_id": mentee,
                "mentor_id": people.pairing_mentor[n],
                "observer_id": observer,
                "observer_role": role,
                "kind": kind,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "observed_on": observed_on,
                "week_start": observed_on - timedelta(days=observed_on.weekday()),
                "class_name": f"{years[rng.randrange(len(years))][-1]}{rng.choice('ABCDX')}",
                "subject": subject,
                "year_group": rng.choice(years),
                "status": status,
                "cancel_reason": None,
                "cancelled_at": None,
                "focus_standards": [],
                "strengths": "",
                "points_to_develop": "",
                "feedback_given_at": None,
                "recorded_at": None,
                "shared_at": None,
                "reflection": "",
                "reflected_at": None,
                "scheduled_by": people.pairing_mentor[n] if rng.random() < 0.8 else people.lead,
                "created_at": created_at,
                "updated_at": created_at,
            }
            if status == "cancelled":
                cancelled_at = max(created_at, starts_at - timedelta(hours=rng.randint(1, 72)))
                row.update(
                    cancel_reason=rng.choice(CANCEL_REASONS),
                    cancelled_at=cancelled_at,
                    updated_at=cancelled_at,
                )
            elif status != "scheduled":
                feedback = ends_at + timedelta(minutes=rng.randint(10, 240))
                recorded = feedback + timedelta(minutes=rng.randint(5, 600))
                row.update(
                    focus_standards=sorted(rng.sample(range(1, 9), rng.randint(1, 3))),
                    strengths=rng.choice(STRENGTHS),
                    points_to_develop=rng.choice(TO_DEVELOP),
                    feedback_given_at=feedback,
                    recorded_at=recorded,
                    updated_at=recorded,
                )
                if status == "shared":
                    shared = recorded + timedelta(hours=rng.randint(1, 72))
                    row.update(shared_at=shared, updated_at=shared)
                    if rng.random() < 0.7:
                        reflected = shared + timedelta(hours=rng.randint(2, 96))
                        row.update(
                            reflection=rng.choice(REFLECTIONS),
                            reflected_at=reflected,
                            updated_at=reflected,
                        )
            writer.add(Observation, row)
            written += 1
    summary.observations += written
    return written


STAFF_ROLES = ["senior_leader", "senco", "eal_specialist", "subject_colleague", "external"]


def _write_people(
    writer: _Writer,
    rng: random.Random,
    school: _SchoolPlan,
    school_id: uuid.UUID,
    trust_id: uuid.UUID,
    urn: str,
    created: datetime,
    year_starts: date,
    year_ends: date,
    summary: Summary,
) -> _People:
    people = _People()
    person = iter(range(100))

    def add_user(label: str, role: str, teacher: bool) -> uuid.UUID:
        k = next(person)
        user_id = _uuid(rng)
        trn = f"{10000 + school.index}{k:02d}" if teacher else None
        email = f"{label}{k}.{urn}@national.mentorhub.test"
        writer.add(User, _user(user_id, trust_id, email, rng, trn, created))
        writer.add(Membership, _membership(_uuid(rng), user_id, trust_id, school_id, role, created))
        summary.users += 1
        summary.memberships += 1
        return user_id

    people.lead = add_user("lead", "school_lead", True)
    people.staff = {
        "senior_leader": [people.lead, add_user("senior", "observer", True)],
        "senco": [add_user("senco", "observer", True)],
        "eal_specialist": [add_user("eal", "observer", True)],
        "subject_colleague": [add_user("colleague", "observer", True) for _ in range(2)],
        "external": [add_user("visitor", "observer", False)],
    }
    people.staff["peer"] = people.staff["subject_colleague"]
    phase = school.phase if school.phase in ("primary", "secondary") else None
    mentor_count = max(1, math.ceil(school.mentees / rng.choice([1.0, 1.3, 1.6, 2.0])))
    for _ in range(mentor_count if school.mentees else 0):
        mentor = add_user("mentor", "mentor", True)
        people.mentors.append(mentor)
        writer.add(
            MentorProfile,
            {
                "id": _uuid(rng),
                "user_id": mentor,
                "school_id": school_id,
                "subjects": sorted(rng.sample(SUBJECTS, rng.randint(1, 2))),
                "phase": phase,
                "trained": rng.random() < 0.85,
                "starts_on": year_starts,
                "ends_on": None,
                "created_at": created,
                "updated_at": None,
            },
        )
        summary.mentor_profiles += 1
    for n in range(school.mentees):
        mentee = add_user("mentee", "mentee", True)
        pathway = rng.choices(["itt", "ect", "rqt"], [0.4, 0.55, 0.05])[0]
        writer.add(
            MenteeProfile,
            {
                "id": _uuid(rng),
                "user_id": mentee,
                "school_id": school_id,
                "pathway": pathway,
                "programme": None,
                "induction_year": rng.choice([1, 2]) if pathway == "ect" else None,
                "provider": None,
                "subject": rng.choice(SUBJECTS),
                "phase": phase,
                "starts_on": year_starts,
                "ends_on": year_ends,
                "created_at": created,
                "updated_at": None,
            },
        )
        mentor = people.mentors[n % mentor_count]
        pairing = _uuid(rng)
        writer.add(
            Pairing,
            {
                "id": pairing,
                "school_id": school_id,
                "mentor_id": mentor,
                "mentee_id": mentee,
                "kind": "induction_mentor" if pathway == "ect" else "subject_mentor",
                "starts_on": year_starts,
                "ends_on": year_ends,
                "ended_early_reason": None,
                "created_at": created,
            },
        )
        people.mentees.append(mentee)
        people.pairings.append(pairing)
        people.pairing_mentor.append(mentor)
        summary.mentee_profiles += 1
        summary.pairings += 1
    return people


def find_trust(connection: Connection, name: str = BENCH_TRUST) -> uuid.UUID:
    table = _table(Trust)
    return connection.execute(select(table.c.id).where(table.c.name == name)).scalar_one()


def create_client(
    engine: Engine, trust_name: str = BENCH_TRUST, name: str = "Benchmark MIS"
) -> tuple[uuid.UUID, str]:
    """An integration client with `observations:read` over every school of the named trust.
    Answers its id and secret (the secret is stored only as a hash)."""
    clients = _table(ApiClient)
    links = _table(ApiClientSchool)
    schools = _table(School)
    secret = new_secret("mhs_")
    client_id = uuid.uuid4()
    with engine.begin() as connection:
        trust_id = find_trust(connection, trust_name)
        school_ids = connection.execute(
            select(schools.c.id).where(schools.c.trust_id == trust_id)
        ).scalars()
        connection.execute(
            clients.insert(),
            [
                {
                    "id": client_id,
                    "trust_id": trust_id,
                    "name": name,
                    "secret_hash": hash_secret(secret),
                    "scopes": ["observations:read"],
                    "created_at": datetime.now(UTC),
                }
            ],
        )
        connection.execute(
            links.insert(), [{"client_id": client_id, "school_id": s} for s in school_ids]
        )
    return client_id, secret
