"""Demo data for training: an early career teacher entitlement lead provider of the trust, with
Hillcrest's mentors and mentees linked to it, and what it has sent, through the same handler a
verified delivery reaches: a course date next week in the school day that needs release (so it
clashes with the pair's protected Wednesday meeting and waits for the lead's cover decision), a
past session the mentor attended, an online one after school, and a deadline for the mentee.
The mentor has also logged some reading by hand."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from api.auth.principals import load_user_principal
from api.core import events
from api.core.models import utcnow
from api.org.models import School, User
from api.providers import service as providers
from api.providers.events import ItemData, ProviderItemReceived
from api.scheduling.terms import term_calendar
from api.training import records
from api.training import service as training
from api.training.models import TrainingItem
from api.training.schemas import AttendanceWrite, HoursWrite

PROVIDER = "Northern Teacher Training"


def _deliver(
    session: Session, provider_id: uuid.UUID, trust_id: uuid.UUID, kind: str, **data: object
) -> None:
    events.publish(
        session,
        ProviderItemReceived(
            provider_id=provider_id,
            trust_id=trust_id,
            delivery_id=uuid.uuid4(),
            kind=kind,  # type: ignore[arg-type]
            action="created",
            sent_at=utcnow(),
            data=ItemData.model_validate(data),
        ),
    )


def seed_training(session: Session, school: School, users: dict[str, User]) -> None:
    admin = load_user_principal(session, users["admin"])
    provider, _ = providers.create_provider(session, admin, PROVIDER, "ecte_lead_provider")
    people = ["mentor", "mentee", "daniel.brooks", "emily.clarke"]
    providers.link_people(session, admin, provider.id, [users[k].id for k in people])
    zone = ZoneInfo(school.timezone)
    today = utcnow().astimezone(zone).date()
    calendar = term_calendar(session, school.id)

    def term_day(weekday: int, after: date) -> date | None:
        day = after + timedelta(days=(weekday - after.weekday()) % 7 or 7)
        for _ in range(12):
            if calendar.is_term_day(day):
                return day
            day += timedelta(weeks=1)
        return None

    def at(day: date, hh: int, mm: int = 0) -> str:
        return datetime.combine(day, time(hh, mm), tzinfo=zone).isoformat()

    trust_id = school.trust_id
    wednesday = term_day(2, today)  # the pair's protected meeting is Wednesdays at 15:30
    if wednesday:
        _deliver(
            session,
            provider.id,
            trust_id,
            "course_date",
            id="ecte-2-coaching",
            title="Early career mentoring: instructional coaching",
            starts_at=at(wednesday, 13, 30),
            ends_at=at(wednesday, 16, 30),
            audience="both",
            location="Northern Teacher Training, Leeds",
            requires_release=True,
            participants=[
                {"trn": users["mentor"].trn, "role": "mentor"},
                {"trn": users["mentee"].trn, "role": "mentee"},
            ],
        )
    past = term_day(1, today - timedelta(weeks=4))
    if past and past < today:
        _deliver(
            session,
            provider.id,
            trust_id,
            "course_date",
            id="ecte-1-induction",
            title="Early career mentoring: induction session",
            starts_at=at(past, 16, 0),
            ends_at=at(past, 18, 0),
            audience="mentors",
            online_url="https://training.example.org/sessions/induction",
            participants=[{"trn": users["mentor"].trn, "role": "mentor"}],
        )
        found = session.exec(
            select(TrainingItem).where(
                TrainingItem.provider_id == provider.id,
                TrainingItem.external_id == "ecte-1-induction",
            )
        ).first()
        lead = load_user_principal(session, users["lead"])
        if found is not None:
            training.mark_attendance(
                session,
                lead,
                found.id,
                AttendanceWrite(user_id=users["mentor"].id, attended=True, standards=[1, 2]),
            )
    later = term_day(3, today + timedelta(weeks=2))
    if later:
        _deliver(
            session,
            provider.id,
            trust_id,
            "course_date",
            id="ecte-3-feedback",
            title="Early career mentoring: feedback that moves practice on",
            starts_at=at(later, 16, 15),
            ends_at=at(later, 17, 45),
            audience="mentors",
            online_url="https://training.example.org/sessions/feedback",
            schools=[school.urn],
        )
    due = today + timedelta(days=10)
    _deliver(
        session,
        provider.id,
        trust_id,
        "deadline",
        id="ect-review-1",
        title="ECT progress review: upload to the provider's portal",
        due_at=datetime.combine(due, time(17, 0), tzinfo=zone).astimezone(UTC).isoformat(),
        audience="mentees",
        participants=[{"trn": users["mentee"].trn, "role": "mentee"}],
    )
    mentor = load_user_principal(session, users["mentor"])
    records.log_hours(
        session,
        mentor,
        mentor.id,
        HoursWrite.model_validate(
            {
                "title": "Reading: the ECT framework's 'How pupils learn' strand",
                "training_kind": "initial",
                "taken_on": (today - timedelta(weeks=2)).isoformat(),
                "minutes": 90,
                "standards": [2, 4],
                "evidence": "Notes on the reading, discussed at supervision",
            }
        ),
    )
