"""Entitlement compliance for a 40-school trust with 500 mentoring pairs over a full school year,
on SQLite and PostgreSQL: the aim is under one second for the whole trust.

The data is generated in bulk (SQLAlchemy Core, a batch per table) from a seed: 40 schools with
a typical English school year (terms, half terms, INSET days, bank holidays), 500 pairs (an ECT
and a mentor each, some mentors with two mentees), a weekly protected meeting in every term week
(most held, some moved, some called off, some missed, those on a closure cancelled), an
observation most fortnights, supervision each half term, wellbeing check-ins, a training day
each term (most attended, with release) and hours logged by hand, recorded provisions, and
the mentor and ECT starter policies approved and adopted by every school.

Measured: `service.compute` for every school of the trust over the school year (policies,
people, term dates, then one batch per measure source), and the roll-up per school and item;
the median and best of several runs, and the number of queries.

    .venv/bin/python benchmarks/entitlements.py [--databases sqlite,postgres] [--runs 7]
        [--postgres-url postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench_entitlements]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCHOOLS, PAIRS, SEED, YEAR = 40, 500, 20261202, 2026
AIM_SECONDS = 1.0
DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres:postgres@127.0.0.1:5432/bench_entitlements"


def _prepare(url: str) -> None:
    os.environ.update(
        MENTORHUB_ENVIRONMENT="test",
        MENTORHUB_DATABASE_URL=url,
        MENTORHUB_SECRET_KEY="bench-secret-key-that-is-long-enough-0123456789",  # noqa: S106
        MENTORHUB_LOG_LEVEL="WARNING",
    )


def _reset(url: str) -> None:
    from alembic import command
    from sqlalchemy import text

    from api.db import make_engine
    from api.health.service import alembic_config

    if url.startswith("postgresql"):
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    config = alembic_config()
    config.attributes["database_url"] = url
    command.upgrade(config, "head")


def generate(url: str) -> tuple[uuid.UUID, int]:
    """Writes the trust; answers its id and how many rows were written."""
    from sqlmodel import SQLModel

    import api.models  # noqa: F401
    from api.db import make_engine
    from api.entitlements.models import (
        EntitlementItem,
        EntitlementPolicy,
        PolicyAdoption,
        Provision,
    )
    from api.entitlements.templates import template
    from api.meetings.models import Meeting
    from api.mentoring.models import MenteeProfile, MentorProfile, Pairing
    from api.observations.models import Observation
    from api.org.models import Membership, School, TermDate, TermKind, Trust, User
    from api.org.school_year import typical_year
    from api.providers.models import Provider
    from api.scheduling.terms import TermCalendar
    from api.supervision.models import SupervisionSession
    from api.training.models import (
        CoverRequest,
        TrainingHours,
        TrainingItem,
        TrainingItemPerson,
    )
    from api.wellbeing.models import WellbeingCheckIn

    rng = random.Random(SEED)  # noqa: S311  (reproducible data, not secrets)
    london = ZoneInfo("Europe/London")
    now = datetime.now(UTC)
    rows: dict[type, list[dict]] = {}

    def add(model: type, **values: object) -> uuid.UUID:
        values.setdefault("id", uuid.UUID(int=rng.getrandbits(128), version=4))
        if "created_at" in SQLModel.metadata.tables[model.__tablename__].c:  # type: ignore[attr-defined]
            values.setdefault("created_at", now)
        rows.setdefault(model, []).append(values)
        return values["id"]  # type: ignore[return-value]

    trust = add(Trust, name="Forty Schools Academy Trust")
    admin = add(User, trust_id=trust, email="admin@forty.example", full_name="Trust Admin")
    year = typical_year(YEAR)
    terms = tuple(sorted((s, e) for k, _, s, e in year if k == TermKind.term))
    closures = tuple(sorted((s, e) for k, _, s, e in year if k == TermKind.closure))
    calendar = TermCalendar(terms, closures)
    start, end = date(YEAR, 9, 1), date(YEAR + 1, 8, 31)
    wednesdays = [
        start + timedelta(days=(2 - start.weekday()) % 7) + timedelta(weeks=n) for n in range(53)
    ]
    wednesdays = [d for d in wednesdays if d <= end and terms[0][0] <= d <= terms[-1][1]]
    provider = add(Provider, trust_id=trust, name="North University", kind="hei")
    courses = []  # a mentor training day each term, 09:00-15:30
    for n, (first, _) in enumerate(terms):
        day = first + timedelta(weeks=3, days=(3 - first.weekday()) % 7)
        courses.append(
            add(
                TrainingItem,
                trust_id=trust,
                provider_id=provider,
                kind="course_date",
                external_id=f"MT-{n}",
                title=f"Mentor training day {n + 1}",
                starts_at=datetime(day.year, day.month, day.day, 9, tzinfo=london),
                ends_at=datetime(day.year, day.month, day.day, 15, 30, tzinfo=london),
                audience="mentors",
                requires_release=True,
                version=now,
            )
        )
    policies = {}
    for audience, key in (("mentor", "mentor"), ("ect", "ect")):
        pid = add(
            EntitlementPolicy,
            trust_id=trust,
            audience=audience,
            version=1,
            name=f"{audience} entitlement",
            status="approved",
            created_by=admin,
            decided_by=admin,
            decided_at=now,
            decision_note="Approved by the board",
        )
        chosen = template(key)
        assert chosen is not None
        for position, item in enumerate(chosen.items):
            add(
                EntitlementItem,
                policy_id=pid,
                position=position,
                category=item.category,
                promise=item.promise,
                measure=item.measure,
                target=item.target,
                period=item.period.value,
                pro_rata=item.pro_rata,
            )
        policies[audience] = pid
    per_school = [PAIRS // SCHOOLS + (1 if n < PAIRS % SCHOOLS else 0) for n in range(SCHOOLS)]
    for n, pairs in enumerate(per_school):
        school = add(
            School,
            trust_id=trust,
            name=f"School {n + 1:02d}",
            urn=f"{700000 + n}",
            phase="secondary",
            timezone="Europe/London",
            active=True,
        )
        for kind, name, s, e in year:
            add(TermDate, school_id=school, kind=kind.value, name=name, starts_on=s, ends_on=e)
        lead = add(User, trust_id=trust, email=f"lead{n}@forty.example", full_name=f"Lead {n}")
        add(Membership, user_id=lead, trust_id=trust, school_id=school, role="school_lead")
        for audience, pid in policies.items():
            del audience
            add(
                PolicyAdoption, school_id=school, policy_id=pid, adopted_from=start, adopted_by=lead
            )
        mentors: list[uuid.UUID] = []
        for p in range(pairs):
            # Every third mentor takes a second mentee.
            if p % 3 == 2 and mentors:
                mentor = mentors[-1]
            else:
                mentor = add(
                    User,
                    trust_id=trust,
                    email=f"mentor{n}-{p}@forty.example",
                    full_name=f"Mentor {n}-{p}",
                )
                add(Membership, user_id=mentor, trust_id=trust, school_id=school, role="mentor")
                add(
                    MentorProfile,
                    user_id=mentor,
                    school_id=school,
                    subjects=[],
                    trained=True,
                    fte=rng.choice([1.0, 1.0, 1.0, 0.8, 0.6]),
                    starts_on=start,
                )
                add(
                    Provision,
                    school_id=school,
                    user_id=mentor,
                    kind="job_description",
                    amount=1,
                    effective_from=start,
                    evidence="HR file",
                    recorded_by=lead,
                )
                for half in range(6):
                    day = wednesdays[min(len(wednesdays) - 1, half * 6 + 3)]
                    held = rng.random() < 0.8
                    add(
                        SupervisionSession,
                        school_id=school,
                        mentor_id=mentor,
                        supervisor_id=lead,
                        starts_at=datetime(day.year, day.month, day.day, 16, tzinfo=london),
                        ends_at=datetime(day.year, day.month, day.day, 17, tzinfo=london),
                        location="",
                        status="held" if held else "not_held",
                        held_on=day if held else None,
                        supervision_note="",
                        created_by=lead,
                    )
                for course in courses:
                    attended = rng.random() < 0.8
                    add(
                        TrainingItemPerson,
                        item_id=course,
                        user_id=mentor,
                        school_id=school,
                        role="mentor",
                        attended=attended,
                        standards=[],
                    )
                    add(
                        CoverRequest,
                        item_id=course,
                        user_id=mentor,
                        school_id=school,
                        status="approved" if attended else "declined",
                    )
                for week in range(0, len(wednesdays), 8):
                    add(
                        TrainingHours,
                        mentor_id=mentor,
                        school_id=school,
                        provider_name="",
                        training_kind="initial",
                        title="Reading",
                        taken_on=wednesdays[week],
                        minutes=90,
                        standards=[],
                        evidence="",
                        created_by=mentor,
                    )
                mentors.append(mentor)
            mentee = add(
                User,
                trust_id=trust,
                email=f"mentee{n}-{p}@forty.example",
                full_name=f"Mentee {n}-{p}",
            )
            add(Membership, user_id=mentee, trust_id=trust, school_id=school, role="mentee")
            add(
                MenteeProfile,
                user_id=mentee,
                school_id=school,
                pathway="ect",
                induction_year=1,
                fte=1.0,
                starts_on=start,
            )
            add(
                Provision,
                school_id=school,
                user_id=mentee,
                kind="timetable_reduction",
                amount=rng.choice([10, 10, 10, 5]),
                effective_from=start,
                evidence="Timetable",
                recorded_by=lead,
            )
            pairing = add(
                Pairing,
                school_id=school,
                mentor_id=mentor,
                mentee_id=mentee,
                kind="induction_mentor",
                starts_on=start,
                ends_on=end,
            )
            for day in wednesdays:
                roll = rng.random()
                status, reason, lost, held_on = "held", None, False, day
                if not calendar.is_term_day(day):
                    if not any(
                        calendar.is_term_day(day + timedelta(days=d)) for d in (-2, -1, 1, 2)
                    ):
                        continue  # a holiday week: no meeting
                    status, reason = "cancelled", "school_closed"
                elif roll < 0.05:
                    status, reason, lost = "cancelled", "called_off", True
                elif roll < 0.09:
                    status = "missed"
                elif roll < 0.15:
                    held_on = day + timedelta(days=1)  # moved to Thursday, held
                starts = datetime(held_on.year, held_on.month, held_on.day, 15, 30, tzinfo=london)
                add(
                    Meeting,
                    pairing_id=pairing,
                    occurrence_date=day,
                    starts_at=starts,
                    ends_at=starts + timedelta(minutes=60),
                    location="Room",
                    status=status,
                    moved_from=None,
                    lost=lost,
                    cancel_reason=reason,
                )
                if calendar.is_term_day(day) and rng.random() < 0.55:
                    observed = day + timedelta(days=1)
                    add(
                        Observation,
                        school_id=school,
                        pairing_id=pairing,
                        mentee_id=mentee,
                        mentor_id=mentor,
                        observer_id=mentor,
                        observer_role="mentor",
                        kind="drop_in",
                        starts_at=datetime(
                            observed.year, observed.month, observed.day, 10, tzinfo=london
                        ),
                        ends_at=datetime(
                            observed.year, observed.month, observed.day, 10, 20, tzinfo=london
                        ),
                        observed_on=observed,
                        week_start=observed - timedelta(days=observed.weekday()),
                        class_name="9A",
                        subject="Maths",
                        year_group="Year 9",
                        status="shared",
                        focus_standards=[],
                        strengths="",
                        points_to_develop="",
                        reflection="",
                        scheduled_by=mentor,
                        updated_at=now,
                    )
                if calendar.is_term_day(day) and rng.random() < 0.35:
                    add(
                        WellbeingCheckIn,
                        subject_id=mentee,
                        school_id=school,
                        subject_role="mentee",
                        checked_in_on=day,
                        week_start=day - timedelta(days=day.weekday()),
                        wellbeing_score=4,
                        workload_score=3,
                        wellbeing_note="",
                        wellbeing_note_shared=False,
                        wants_to_talk=False,
                    )
    engine = make_engine(url)
    total = 0
    order = [
        Trust,
        School,
        TermDate,
        User,
        Membership,
        Provider,
        TrainingItem,
        EntitlementPolicy,
        EntitlementItem,
        PolicyAdoption,
        MentorProfile,
        MenteeProfile,
        Pairing,
        Provision,
        SupervisionSession,
        TrainingItemPerson,
        CoverRequest,
        TrainingHours,
        Meeting,
        Observation,
        WellbeingCheckIn,
    ]
    with engine.begin() as connection:
        for model in order:
            table = SQLModel.metadata.tables[model.__tablename__]  # type: ignore[attr-defined]
            batch = rows.get(model, [])
            for i in range(0, len(batch), 5000):
                connection.execute(table.insert(), batch[i : i + 5000])
            total += len(batch)
    with engine.begin() as connection:
        from sqlalchemy import text

        connection.execute(text("ANALYZE"))
    engine.dispose()
    return trust, total


def measure(url: str, trust_id: uuid.UUID, runs: int) -> dict[str, float]:
    from sqlalchemy import event
    from sqlmodel import Session, col, select

    from api.db import make_engine
    from api.domains import register_domains
    from api.entitlements import compliance, service
    from api.org.models import School

    register_domains()
    engine = make_engine(url)
    start, end = date(YEAR, 9, 1), date(YEAR + 1, 8, 31)
    as_of = date(YEAR + 1, 7, 31)
    timings, cpus, queries = [], [], 0
    people = cells = 0
    for run in range(runs):
        with Session(engine) as session:
            schools = set(session.exec(select(School.id).where(col(School.trust_id) == trust_id)))
            statements: list[str] = []

            def note(_conn, _cursor, statement, *_args, _into=statements):  # type: ignore[no-untyped-def]
                _into.append(statement)

            event.listen(engine, "before_cursor_execute", note)
            began, cpu = time.perf_counter(), time.process_time()
            results = service.compute(session, schools, None, start, end, as_of)
            rolled = compliance.roll_up(results)
            timings.append(time.perf_counter() - began)
            cpus.append(time.process_time() - cpu)
            event.remove(engine, "before_cursor_execute", note)
            queries = len([s for s in statements if s.lstrip().upper().startswith("SELECT")])
            people = len(results)
            cells = sum(len(c) for c in rolled.values())
            del run
    engine.dispose()
    return {
        "median_s": statistics.median(timings),
        "best_s": min(timings),
        "first_s": timings[0],
        "cpu_median_s": statistics.median(cpus),
        "queries": queries,
        "people": people,
        "cells": cells,
    }


def run_one(name: str, url: str, runs: int) -> None:
    _prepare(url)
    began = time.perf_counter()
    _reset(url)
    trust, written = generate(url)
    generated = time.perf_counter() - began
    figures = measure(url, trust, runs)
    verdict = "under" if figures["median_s"] < AIM_SECONDS else "OVER"
    print(
        f"{name}: {SCHOOLS} schools, {PAIRS} pairs, school year {YEAR}/{YEAR + 1}; "
        f"{written:,} rows generated in {generated:.1f} s\n"
        f"  compliance of {figures['people']:.0f} people, {figures['cells']:.0f} school x item "
        f"cells, {figures['queries']:.0f} queries: median {figures['median_s'] * 1000:.0f} ms, "
        f"best {figures['best_s'] * 1000:.0f} ms, first {figures['first_s'] * 1000:.0f} ms "
        f"({verdict} the {AIM_SECONDS:.0f} s aim); this process's CPU, median "
        f"{figures['cpu_median_s'] * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES_URL)
    parser.add_argument(
        "--sqlite-path", default=str(Path(tempfile.gettempdir()) / "mentorhub-entitlements.db")
    )
    args = parser.parse_args()
    for name in args.databases.split(","):
        if name == "sqlite":
            Path(args.sqlite_path).unlink(missing_ok=True)
            run_one("SQLite", f"sqlite:///{args.sqlite_path}", args.runs)
        elif name == "postgres":
            run_one("PostgreSQL", args.postgres_url, args.runs)


if __name__ == "__main__":
    main()
