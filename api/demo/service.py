"""Demo data: one trust, three schools with this year's term dates, a login for every role."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from api.audit import service as audit
from api.auth.passwords import hash_password
from api.auth.principals import Principal, load_user_principal
from api.core.models import utcnow
from api.demo import support, training
from api.demo.entitlements import seed_entitlements
from api.demo.resources import seed_resources
from api.meetings import records, slots
from api.meetings import service as meetings
from api.meetings.models import Meeting, MeetingAction, MeetingStatus
from api.meetings.schemas import (
    ActionWrite,
    CancelOutcome,
    MeetingCancel,
    RecordWrite,
    SlotCreate,
)
from api.mentoring import agreements
from api.mentoring import service as mentoring
from api.mentoring.models import FeedbackTiming, Pairing, PairingKind, Pathway, RecordKeeper
from api.mentoring.schemas import (
    AgreementTerms,
    MenteeProfileCreate,
    MentorProfileCreate,
    PairingCreate,
)
from api.observations import service as observations
from api.observations import targets
from api.observations.models import ObservationKind, ObserverRole, TargetSource
from api.observations.schemas import (
    ObservationCreate,
    ObservationRecordWrite,
    ReflectionWrite,
    TargetCreate,
)
from api.org.models import Membership, Phase, Role, School, TermDate, TermKind, Trust, User
from api.org.school_year import academic_year_start, typical_year
from api.scheduling.terms import term_calendar

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
    logins: list[DemoLogin] = []
    users: dict[str, User] = {}
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
        at = schools[school_index] if school_index is not None else None
        session.add(user)
        session.add(
            Membership(
                user_id=user.id,
                trust_id=trust.id,
                role=role,
                school_id=at.id if at else None,
            )
        )
        users[email.split("@")[0]] = user
        if len(logins) < PRINTED_LOGINS:
            where = at.name if at else None
            logins.append(DemoLogin(role.value, email, DEMO_PASSWORD, where))
    session.flush()
    _seed_mentoring(session, schools[1], users, year, today or date.today())
    seed_resources(session, trust)
    support.seed_support(session, schools[1], users)
    year_start = min(s for k, _, s, _ in typical_year(year) if k == TermKind.term)
    seed_entitlements(session, schools[1], users, year_start)
    training.seed_training(session, schools[1], users)
    audit.record(
        session, None, "demo.seeded", object_type="trust", object_id=trust.id, trust_id=trust.id
    )
    session.commit()
    return logins


def _seed_mentoring(
    session: Session, school: School, users: dict[str, User], year: int, today: date
) -> None:
    """Two pairs at Hillcrest with weekly slots, and this term's past meetings: most held and
    recorded, one moved, one lost. Built through the services, as the people themselves would,
    so the demo obeys every rule and leaves the audit trail a real school would."""
    terms = [t for t in typical_year(year) if t[0] == TermKind.term]
    year_start, year_end = terms[0][2], terms[-1][3]
    lead = load_user_principal(session, users["lead"])
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
        mentor = load_user_principal(session, users[mentor_key])
        mentee = load_user_principal(session, users[mentee_key])
        mentoring.create_profile(
            session,
            lead,
            school.id,
            MentorProfileCreate(
                user_id=mentor.id, subjects=["Science"], trained=True, starts_on=year_start
            ),
        )
        mentoring.create_profile(
            session,
            lead,
            school.id,
            MenteeProfileCreate(
                user_id=mentee.id,
                pathway=pathway,
                starts_on=year_start,
                ends_on=year_end,
                induction_year=1 if pathway == Pathway.ect else None,
                programme="Early career framework" if pathway == Pathway.ect else "PGCE",
                provider="Northern Teacher Training",
                subject="Science",
            ),
        )
        pairing = mentoring.create_pairing(
            session,
            lead,
            PairingCreate(
                school_id=school.id,
                mentor_id=mentor.id,
                mentee_id=mentee.id,
                kind=kind,
                starts_on=year_start,
                ends_on=year_end,
            ),
        )
        session.flush()
        agreement = agreements.propose_agreement(
            session, mentor, pairing.id, _agreement(weekday, at, room)
        )
        session.flush()
        agreements.agree(session, mentee, agreement.id)
        slot = SlotCreate(
            weekday=weekday, start_time=at, location=room, starts_on=year_start, ends_on=year_end
        )
        # Scheduled at the start of the year, as the pair would have done then.
        scheduled_at = datetime.combine(year_start, time(9, 0), tzinfo=UTC)
        created = slots.schedule_slot(
            session, mentor, pairing.id, slot, dry_run=False, as_of=scheduled_at
        )
        assert isinstance(created, tuple)
        session.flush()
        now = utcnow()
        past = [m for m in created[1] if m.ends_at < now]
        for index, meeting in enumerate(past):
            _past_meeting(session, mentor, mentee, meeting, index)
        _observations(session, school, pairing, users, today)


def _agreement(weekday: int, at: time, room: str) -> AgreementTerms:
    return AgreementTerms(
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
    )


def _past_meeting(
    session: Session, mentor: Principal, mentee: Principal, meeting: Meeting, index: int
) -> None:
    """The mentor keeps the record: week 4 moved to the next day for parents' evening, week 6
    lost to cover, the rest held and recorded with an action for the mentee."""
    if index == 3:
        meetings.cancel_meeting(
            session,
            mentor,
            meeting.id,
            MeetingCancel(
                reason="Parents' evening",
                outcome=CancelOutcome.moved,
                new_starts_at=meeting.starts_at + timedelta(days=1),
            ),
            dry_run=False,
            as_of=meeting.starts_at - timedelta(days=2),  # moved while it was still ahead
        )
    if index == 5:
        meetings.cancel_meeting(
            session,
            mentor,
            meeting.id,
            MeetingCancel(reason="Mentor called to cover a lesson", outcome=CancelOutcome.lost),
            dry_run=False,
        )
        return
    session.flush()
    if meeting.starts_at > utcnow():  # moved to a time still to come
        return
    records.save_record(
        session,
        mentor,
        meeting.id,
        RecordWrite(
            status=MeetingStatus.held,
            notes=f"Week {index + 1}: reviewed last week's lessons and agreed next steps.",
            targets_reviewed="TS4 planning; TS7 behaviour routines",
            wellbeing_discussed=index % 2 == 0,
            actions=[ActionWrite(text="Observe a colleague's starter activity", owner="mentee")],
        ),
    )
    if index > 1:
        session.flush()
        for action in session.exec(
            select(MeetingAction).where(MeetingAction.meeting_id == meeting.id)
        ):
            records.set_action_done(session, mentee, action.id, True)


# Who observes each mentee, week by week: (observer's key, role, kind), in turn. The mentor
# drops in most weeks; a SENCO, a subject colleague and a senior leader share the load.
OBSERVERS = {
    "mentee": [
        ("mentor", ObserverRole.mentor, ObservationKind.drop_in),
        ("observer", ObserverRole.senco, ObservationKind.formal),
        ("mentor", ObserverRole.mentor, ObservationKind.drop_in),
        ("daniel.brooks", ObserverRole.subject_colleague, ObservationKind.peer),
        ("mentor", ObserverRole.mentor, ObservationKind.formal),
        ("lead", ObserverRole.senior_leader, ObservationKind.learning_walk),
    ],
    "emily.clarke": [
        ("daniel.brooks", ObserverRole.mentor, ObservationKind.drop_in),
        ("mentor", ObserverRole.subject_colleague, ObservationKind.joint),
        ("daniel.brooks", ObserverRole.mentor, ObservationKind.formal),
        ("observer", ObserverRole.eal_specialist, ObservationKind.drop_in),
    ],
}
STRENGTHS = [
    "Calm, consistent routines at the door; the class settled within two minutes.",
    "Clear modelling of the worked example, with questions pitched at different levels.",
    "Warm relationships: pupils volunteered answers and took risks.",
]
TO_DEVELOP = [
    "Check understanding before moving to independent work (mini whiteboards).",
    "Tighten transitions between tasks to protect learning time.",
    "Adapt the task for the two pupils with EAL: key vocabulary on the board.",
]


def _observations(
    session: Session, school: School, pairing: Pairing, users: dict[str, User], today: date
) -> None:
    """This term's observations of the mentee, one a week on Thursdays (Fridays for the second
    mentee), by the observers above in turn: the past ones recorded, most shared and reflected
    on, some with a target; the next two still to come. Through the services, as people would."""
    lead = load_user_principal(session, users["lead"])
    mentee_key = next(k for k, u in users.items() if u.id == pairing.mentee_id)
    mentee = load_user_principal(session, users[mentee_key])
    mentor = load_user_principal(
        session, users[next(k for k, u in users.items() if u.id == pairing.mentor_id)]
    )
    weekday = 3 if mentee_key == "mentee" else 4
    zone = ZoneInfo(school.timezone)
    start = max(pairing.starts_on, today - timedelta(weeks=12))
    end = min(pairing.ends_on, today + timedelta(weeks=2))
    days = term_calendar(session, school.id).weekly_dates(weekday, start, end)
    rota = OBSERVERS[mentee_key]
    now = utcnow()
    for index, day in enumerate(days):
        observer_key, role, kind = rota[index % len(rota)]
        observer = load_user_principal(session, users[observer_key])
        starts = datetime.combine(day, time(10, 0), tzinfo=zone).astimezone(UTC)
        observation = observations.schedule(
            session,
            lead,
            ObservationCreate(
                pairing_id=pairing.id,
                observer_id=observer.id,
                observer_role=role,
                kind=kind,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=20 if kind == ObservationKind.drop_in else 50),
                class_name=["8B2", "9C1", "10X3", "7A"][index % 4],
                subject="Science",
                year_group=["Year 8", "Year 9", "Year 10", "Year 7"][index % 4],
            ),
            as_of=starts - timedelta(days=7),  # scheduled a week ahead, as the lead would
        )
        session.flush()
        if observation.ends_at + timedelta(hours=2) > now:
            continue  # still to come, or today: the observer writes it up later
        observations.save_record(
            session,
            observer,
            observation.id,
            ObservationRecordWrite(
                focus_standards=sorted({[4, 5, 7][index % 3], [1, 2, 6][index % 3]}),
                strengths=STRENGTHS[index % 3],
                points_to_develop=TO_DEVELOP[index % 3],
                feedback_given_at=observation.ends_at + timedelta(hours=1),
            ),
        )
        session.flush()
        if index == len(days) - 3:
            continue  # the newest recorded one waits to be shared
        observations.share(session, mentor, observation.id)
        session.flush()
        if index % 3 != 2:
            observations.reflect(
                session,
                mentee,
                observation.id,
                ReflectionWrite(
                    reflection="I agree; next week I will plan hinge questions before each task."
                ),
            )
        if index % 2 == 0:
            targets.create_target(
                session,
                mentor,
                TargetCreate(
                    source_type=TargetSource.observation,
                    source_id=observation.id,
                    standards=[[4, 5, 7][index % 3]],
                    text=TO_DEVELOP[index % 3].split(" (")[0],
                    # Targets are due from the real today on, whatever day the demo is set at.
                    due_on=max(today, now.astimezone(zone).date()) + timedelta(days=14 + index),
                ),
            )
        session.flush()
