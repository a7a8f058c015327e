"""Demo data: one trust, three schools with this year's term dates, a login for every role."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlmodel import Session, select

from api.audit import service as audit
from api.auth.passwords import hash_password
from api.core.models import utcnow
from api.meetings.models import Meeting, MeetingAction, MeetingRecord, MeetingStatus, ProtectedSlot
from api.meetings.schemas import SlotCreate
from api.meetings.service import plan_slot
from api.mentoring.models import (
    FeedbackTiming,
    MenteeProfile,
    MentoringAgreement,
    MentorProfile,
    Pairing,
    PairingKind,
    Pathway,
    RecordKeeper,
)
from api.org.calendar import academic_year_start, typical_year
from api.org.models import Membership, Phase, Role, School, TermDate, TermKind, Trust, User

DEMO_TRUST = "Northern Lights Learning Trust"
DEMO_PASSWORD = "mentorhub-demo"  # noqa: S105  (development only; seeding refuses production)

SCHOOLS = [
    ("Riverside Primary School", "900001", Phase.primary),
    ("Hillcrest Academy", "900002", Phase.secondary),
    ("Meadowbank School", "900003", Phase.all_through),
]

# (email, name, TRN, role, index of school or None for trust-wide)
PEOPLE = [
    ("admin@demo.mentorhub.test", "Priya Shah", None, Role.trust_admin, None),
    ("lead@demo.mentorhub.test", "Tom Okafor", "1000001", Role.school_lead, 1),
    ("mentor@demo.mentorhub.test", "Sarah Evans", "1000002", Role.mentor, 1),
    ("mentee@demo.mentorhub.test", "James Patel", "1000003", Role.mentee, 1),
    ("observer@demo.mentorhub.test", "Aisha Rahman", "1000004", Role.observer, 1),
    ("lead.riverside@demo.mentorhub.test", "Grace Holloway", "1000005", Role.school_lead, 0),
    ("daniel.brooks@demo.mentorhub.test", "Daniel Brooks", "1000006", Role.mentor, 1),
    ("emily.clarke@demo.mentorhub.test", "Emily Clarke", "1000007", Role.mentee, 1),
]
PRINTED_LOGINS = 6  # the rest are colleagues who make the school look lived-in


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str
    school: str | None


def seed_demo(session: Session, today: date | None = None) -> list[DemoLogin] | None:
    """Creates the demo once; returns the logins, or None when the demo is already there."""
    if session.exec(select(Trust).where(Trust.name == DEMO_TRUST)).first() is not None:
        return None
    trust = Trust(name=DEMO_TRUST)
    session.add(trust)
    schools = [School(trust_id=trust.id, name=n, urn=u, phase=p) for n, u, p in SCHOOLS]
    session.add_all(schools)
    year = academic_year_start(today or date.today())
    for school in schools:
        session.add_all(
            TermDate(school_id=school.id, kind=kind, name=name, starts_on=start, ends_on=end)
            for kind, name, start, end in typical_year(year)
        )
    password_hash = hash_password(DEMO_PASSWORD)
    logins = []
    users = {}
    for email, name, trn, role, school_index in PEOPLE:
        user = User(
            trust_id=trust.id,
            email=email,
            full_name=name,
            trn=trn,
            password_hash=password_hash,
            must_change_password=False,
            password_changed_at=utcnow(),
        )
        school = schools[school_index] if school_index is not None else None
        session.add(user)
        session.add(
            Membership(
                user_id=user.id,
                trust_id=trust.id,
                role=role,
                school_id=school.id if school else None,
            )
        )
        users[email.split("@")[0]] = user
        if len(logins) < PRINTED_LOGINS:
            where = school.name if school else None
            logins.append(DemoLogin(role.value, email, DEMO_PASSWORD, where))
    session.flush()
    _seed_mentoring(session, schools[1], users, year, today or date.today())
    audit.record(
        session, None, "demo.seeded", object_type="trust", object_id=trust.id, trust_id=trust.id
    )
    session.commit()
    return logins


def _seed_mentoring(
    session: Session, school: School, users: dict[str, User], year: int, today: date
) -> None:
    """Two pairs at Hillcrest with weekly slots, and this term's past meetings: most held and
    recorded, one moved, one lost."""
    terms = [t for t in typical_year(year) if t[0] == TermKind.term]
    year_start, year_end = terms[0][2], terms[-1][3]
    pairs = [
        ("mentor", "mentee", PairingKind.induction_mentor, 2, time(15, 30), "Room 12", Pathway.ect),
        (
            "daniel.brooks",
            "emily.clarke",
            PairingKind.subject_mentor,
            1,
            time(12, 30),
            "Science prep room",
            Pathway.itt,
        ),
    ]
    for mentor_key, mentee_key, kind, weekday, at, room, pathway in pairs:
        mentor, mentee = users[mentor_key], users[mentee_key]
        session.add(
            MentorProfile(
                user_id=mentor.id,
                school_id=school.id,
                subjects=["Science"],
                trained=True,
                starts_on=year_start,
            )
        )
        session.add(
            MenteeProfile(
                user_id=mentee.id,
                school_id=school.id,
                pathway=pathway,
                starts_on=year_start,
                ends_on=year_end,
                induction_year=1 if pathway == Pathway.ect else None,
                programme="Early career framework" if pathway == Pathway.ect else "PGCE",
                provider="Northern Teacher Training",
                subject="Science",
            )
        )
        pairing = Pairing(
            school_id=school.id,
            mentor_id=mentor.id,
            mentee_id=mentee.id,
            kind=kind,
            starts_on=year_start,
            ends_on=year_end,
        )
        session.add(pairing)
        now = utcnow()
        session.add(
            MentoringAgreement(
                pairing_id=pairing.id,
                version=1,
                meeting_frequency="weekly",
                meeting_day=weekday,
                meeting_time=at,
                meeting_location=room,
                feedback_timing=FeedbackTiming.same_day,
                mentor_prepares="Notes from any observation and one thing to celebrate",
                mentee_prepares="A short reflection on the week and questions",
                record_keeper=RecordKeeper.mentor,
                agenda_setting="Open actions first, then items either of us adds beforehand",
                feedback_approach="Strengths first, then one development point with a next step",
                wellbeing_frequency="every meeting",
                concern_route="Say so at the meeting, or speak to the induction tutor",
                mentor_agreed_at=now,
                mentee_agreed_at=now,
                created_by=mentor.id,
            )
        )
        session.flush()
        slot_body = SlotCreate(
            weekday=weekday, start_time=at, location=room, starts_on=year_start, ends_on=year_end
        )
        slot = ProtectedSlot(pairing_id=pairing.id, created_by=mentor.id, **slot_body.model_dump())
        session.add(slot)
        past = 0
        for planned in plan_slot(session, pairing, slot_body):
            meeting = Meeting(
                pairing_id=pairing.id,
                slot_id=slot.id,
                occurrence_date=planned.occurrence_date,
                starts_at=planned.starts_at,
                ends_at=planned.ends_at,
                location=room,
            )
            session.add(meeting)
            if planned.ends_at < now:
                _past_meeting(session, meeting, pairing, past)
                past += 1


def _past_meeting(session: Session, meeting: Meeting, pairing: Pairing, index: int) -> None:
    if index == 3:  # parents' evening: moved to the next day
        meeting.moved_from = meeting.starts_at
        meeting.starts_at += timedelta(days=1)
        meeting.ends_at += timedelta(days=1)
        meeting.change_reason = "Parents' evening"
        meeting.changed_by = pairing.mentor_id
    if index == 5:  # cover: lost
        meeting.status = MeetingStatus.cancelled
        meeting.lost = True
        meeting.change_reason = "Mentor called to cover a lesson"
        meeting.changed_by = pairing.mentor_id
        return
    meeting.status = MeetingStatus.held
    session.add(
        MeetingRecord(
            meeting_id=meeting.id,
            recorded_by=pairing.mentor_id,
            notes=f"Week {index + 1}: reviewed last week's lessons and agreed next steps.",
            targets_reviewed="TS4 planning; TS7 behaviour routines",
            wellbeing_discussed=index % 2 == 0,
        )
    )
    session.add(
        MeetingAction(
            meeting_id=meeting.id,
            pairing_id=pairing.id,
            text="Observe a colleague's starter activity",
            owner_id=pairing.mentee_id,
            done=index > 1,
        )
    )
