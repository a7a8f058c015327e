"""Training as a measure source for entitlements, every figure worked out by hand.

Autumn 2026 at one school; London is on summer time (UTC+1) until 25 Oct. Ash's course dates:

    1. Thu 10 Sep, 09:00-15:30: attended, release approved. 6 h 30 = 6.5 hours; 1 release day.
    2. Mon 12 Oct 09:00 to Tue 13 Oct 17:00: attended, release approved. 32 hours elapsed, but a
       course day counts 7 h 30 at most: 2 x 7.5 = 15 hours; 2 release days (two weekdays).
    3. Wed 14 Oct, 09:00-12:00: attended, release still pending: 3 hours, no release day.
    4. Thu 15 Oct, 09:00-12:00: not attended: nothing.
    5. Fri 16 Oct, 09:00-12:00: attended, but the provider cancelled it: nothing.
    6. Mon 4 Jan 2027: attended, but after the range (1 Sep to 31 Dec): nothing.

Ash logged 90 minutes on Mon 14 Sep (1.5 hours) and 60 minutes on 1 Aug (before the range).
Bea attended course date 1 with no release asked: 6.5 hours, no release day.

So Ash's hours: week of 7 Sep 6.5; week of 14 Sep 1.5; week of 12 Oct 15 + 3 = 18. His release
days: week of 7 Sep 1; week of 12 Oct 2. Bea: week of 7 Sep 6.5 hours, no release days.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from api.domains import register_domains
from api.measures.sources import source_of
from api.org.models import School, Trust
from api.providers.models import Provider, ProviderKind
from api.training.measures import HOURS, RELEASE_DAYS, TrainingMeasures
from api.training.models import (
    ConcernRole,
    CoverRequest,
    CoverStatus,
    ItemKind,
    TrainingHours,
    TrainingItem,
    TrainingItemPerson,
    TrainingKind,
)
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
START, END = date(2026, 9, 1), date(2026, 12, 31)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON).astimezone(UTC)


def _world(session: Session):  # type: ignore[no-untyped-def]
    trust = Trust(name="Training Trust")
    school = School(trust_id=trust.id, name="Training Academy", urn="300777", phase="secondary")
    session.add_all([trust, school])
    ash, bea = make_user(session, trust, "ash_t"), make_user(session, trust, "bea_t")
    provider = Provider(trust_id=trust.id, name="North University", kind=ProviderKind.hei)
    session.add(provider)
    session.flush()
    courses = [
        # (starts, ends, cancelled, [(person, attended, cover status or None)])
        (_at(date(2026, 9, 10), 9), _at(date(2026, 9, 10), 15, 30), False,
         [(ash, True, CoverStatus.approved), (bea, True, None)]),
        (_at(date(2026, 10, 12), 9), _at(date(2026, 10, 13), 17), False,
         [(ash, True, CoverStatus.approved)]),
        (_at(date(2026, 10, 14), 9), _at(date(2026, 10, 14), 12), False,
         [(ash, True, CoverStatus.pending)]),
        (_at(date(2026, 10, 15), 9), _at(date(2026, 10, 15), 12), False,
         [(ash, False, CoverStatus.approved)]),
        (_at(date(2026, 10, 16), 9), _at(date(2026, 10, 16), 12), True,
         [(ash, True, CoverStatus.approved)]),
        (_at(date(2027, 1, 4), 9), _at(date(2027, 1, 4), 12), False,
         [(ash, True, CoverStatus.approved)]),
    ]  # fmt: skip
    for n, (starts, ends, cancelled, people) in enumerate(courses):
        item = TrainingItem(
            trust_id=trust.id,
            provider_id=provider.id,
            kind=ItemKind.course_date,
            external_id=f"C{n}",
            title=f"Mentor training {n}",
            starts_at=starts,
            ends_at=ends,
            requires_release=True,
            version=starts,
            cancelled_at=starts if cancelled else None,
        )
        session.add(item)
        session.flush()
        for person, attended, cover in people:
            session.add(
                TrainingItemPerson(
                    item_id=item.id,
                    user_id=person.id,
                    school_id=school.id,
                    role=ConcernRole.mentor,
                    attended=attended,
                )
            )
            if cover is not None:
                session.add(
                    CoverRequest(
                        item_id=item.id, user_id=person.id, school_id=school.id, status=cover
                    )
                )
    for day, minutes in ((date(2026, 9, 14), 90), (date(2026, 8, 1), 60)):
        session.add(
            TrainingHours(
                mentor_id=ash.id,
                school_id=school.id,
                training_kind=TrainingKind.initial,
                title="Reading on feedback",
                taken_on=day,
                minutes=minutes,
                created_by=ash.id,
            )
        )
    session.commit()
    return ash, bea


def _weeks(answer, measure, person):  # type: ignore[no-untyped-def]
    return {week: a.delivered for week, a in answer[measure].get(person.id, {}).items()}


def test_training_hours_and_release_days_by_week(session):
    ash, bea = _world(session)
    answer = TrainingMeasures().delivered(
        session, [HOURS, RELEASE_DAYS], {ash.id, bea.id}, START, END
    )
    assert _weeks(answer, HOURS, ash) == {
        date(2026, 9, 7): 6.5,
        date(2026, 9, 14): 1.5,
        date(2026, 10, 12): 18,
    }
    assert _weeks(answer, RELEASE_DAYS, ash) == {date(2026, 9, 7): 1, date(2026, 10, 12): 2}
    assert _weeks(answer, HOURS, bea) == {date(2026, 9, 7): 6.5}
    assert _weeks(answer, RELEASE_DAYS, bea) == {}


def test_only_the_measures_asked_for_are_answered(session):
    ash, _ = _world(session)
    answer = TrainingMeasures().delivered(session, [RELEASE_DAYS], {ash.id}, START, END)
    assert set(answer) == {RELEASE_DAYS}
    assert _weeks(answer, RELEASE_DAYS, ash) == {date(2026, 9, 7): 1, date(2026, 10, 12): 2}


def test_training_registers_its_measures():
    register_domains()
    source = source_of(HOURS)
    assert source is not None and source.name == "training"
    assert source_of(RELEASE_DAYS) is source
    assert {m.unit for m in source.measures} == {"hours", "days"}
