"""Compliance over a crafted autumn term, every figure worked out by hand.

The term at Crafted Academy (one TermDate, 7 Sept to 4 Dec 2026):

    W1  7 Sep   W2 14 Sep   W3 21 Sep   W4 28 Sep   W5  5 Oct   W6 12 Oct
        (19 Oct: half-term closure, the whole week: not a term week)
    W7 26 Oct   W8  2 Nov   W9  9 Nov   W10 16 Nov  W11 23 Nov  W12 30 Nov
    An INSET day on Wednesday 11 Nov (W9): W9 keeps four term days, so it is still a term week.

So 12 term weeks; the half terms are W1-W6 and W7-W12, and the fortnights F1 (W1, W2),
F2 (W3, W4), F3 (W5, W6), F4 (W7, W8), F5 (W9, W10), F6 (W11, W12).

People: the ECT mentee Mo (FTE 1.0, profile from 7 Sep); mentor Ash (FTE 1.0) mentors Mo from
7 Sep to 16 Oct; after half term mentor Bea (FTE 0.6) mentors Mo from 26 Oct to 4 Dec.

The Wednesday meetings (60 minutes each):
    Ash and Mo: 9 Sep held; 16 Sep held; 23 Sep moved to Thursday 24 Sep and held; 30 Sep held;
                7 Oct called off (lost); 14 Oct held.
    Bea and Mo: 28 Oct held; 4 Nov held; 11 Nov cancelled for the INSET day (school closed);
                18 Nov did not take place (missed); 25 Nov called off (lost); 2 Dec held.
Observations that took place: 10 Sep of Mo by Ash (W1); 1 Oct of Mo by a SENCO (W4); 12 Nov of
Mo by Bea (W9); and one of Mo on 15 Oct (W6) was cancelled, which counts for nobody.
Supervision held: Ash on 15 Oct (W6); Bea on 19 Nov (W10).
Wellbeing check-ins by Mo: 8 Sep (W1), 22 Sep (W3), 13 Oct (W6), 3 Nov (W8).
Provisions: Ash's job description on file from 1 Sep; Mo's 10% timetable reduction from 7 Sep.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from api.entitlements import service
from api.entitlements.models import (
    EntitlementItem,
    EntitlementPolicy,
    Period,
    PolicyAdoption,
    PolicyAudience,
    PolicyStatus,
    Provision,
    ProvisionKind,
)
from api.meetings.models import CancelReason, Meeting, MeetingStatus
from api.mentoring.models import MenteeProfile, MentorProfile, Pairing, PairingKind
from api.observations.models import Observation, ObservationKind, ObservationStatus, ObserverRole
from api.org.models import Membership, Phase, Role, School, TermDate, TermKind, Trust, User
from api.supervision.models import SupervisionSession, SupervisionStatus
from api.wellbeing.models import CheckInRole, WellbeingCheckIn
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
START, END = date(2026, 9, 1), date(2026, 12, 31)
AFTER_TERM = date(2026, 12, 7)
W = {n: date(2026, 9, 7) + timedelta(weeks=n - 1) for n in range(1, 7)} | {
    n: date(2026, 10, 26) + timedelta(weeks=n - 7) for n in range(7, 13)
}


class Crafted:
    school: School
    trust: Trust
    ash: User
    bea: User
    mo: User
    lead: User
    pairing_ash: Pairing
    pairing_bea: Pairing


def _at(day: date, hour: int = 15) -> datetime:
    return datetime.combine(day, time(hour, 30), tzinfo=LONDON)


def _policy(session, trust, admin, audience, items, **version):  # type: ignore[no-untyped-def]
    row = EntitlementPolicy(
        trust_id=trust.id,
        audience=audience,
        version=version.pop("version", 1),
        **version,
        name=f"{audience} entitlement",
        status=PolicyStatus.approved,
        created_by=admin.id,
        decided_by=admin.id,
        decided_at=datetime(2026, 7, 1, tzinfo=UTC),
        decision_note="Approved by the board on 1 July",
    )
    session.add(row)
    session.flush()
    for position, (category, measure, target, period, pro_rata) in enumerate(items):
        session.add(
            EntitlementItem(
                policy_id=row.id,
                position=position,
                category=category,
                promise=category.replace("_", " "),
                measure=measure,
                target=target,
                period=period,
                pro_rata=pro_rata,
            )
        )
    return row


@pytest.fixture
def crafted(session: Session) -> Crafted:
    c = Crafted()
    c.trust = Trust(name="Crafted Trust")
    c.school = School(
        trust_id=c.trust.id, name="Crafted Academy", urn="300001", phase=Phase.secondary
    )
    session.add_all([c.trust, c.school])
    session.add_all(
        [
            TermDate(
                school_id=c.school.id,
                kind=TermKind.term,
                name="Autumn",
                starts_on=date(2026, 9, 7),
                ends_on=date(2026, 12, 4),
            ),
            TermDate(
                school_id=c.school.id,
                kind=TermKind.closure,
                name="Half term",
                starts_on=date(2026, 10, 19),
                ends_on=date(2026, 10, 23),
            ),
            TermDate(
                school_id=c.school.id,
                kind=TermKind.closure,
                name="INSET day",
                starts_on=date(2026, 11, 11),
                ends_on=date(2026, 11, 11),
            ),
        ]
    )
    admin = make_user(session, c.trust, "crafted_admin")
    c.lead = make_user(session, c.trust, "crafted_lead")
    c.ash, c.bea, c.mo = (make_user(session, c.trust, k) for k in ("ash", "bea", "mo"))
    senco = make_user(session, c.trust, "senco")
    session.flush()
    for user, role in (
        (c.lead, Role.school_lead),
        (c.ash, Role.mentor),
        (c.bea, Role.mentor),
        (c.mo, Role.mentee),
        (senco, Role.observer),
    ):
        session.add(
            Membership(user_id=user.id, trust_id=c.trust.id, school_id=c.school.id, role=role)
        )
    session.add(Membership(user_id=admin.id, trust_id=c.trust.id, role=Role.trust_admin))
    session.add_all(
        [
            MentorProfile(user_id=c.ash.id, school_id=c.school.id, starts_on=date(2026, 9, 1)),
            MentorProfile(
                user_id=c.bea.id, school_id=c.school.id, fte=0.6, starts_on=date(2026, 9, 1)
            ),
            MenteeProfile(
                user_id=c.mo.id,
                school_id=c.school.id,
                pathway="ect",
                induction_year=1,
                starts_on=date(2026, 9, 7),
            ),
        ]
    )
    c.pairing_ash = Pairing(
        school_id=c.school.id,
        mentor_id=c.ash.id,
        mentee_id=c.mo.id,
        kind=PairingKind.induction_mentor,
        starts_on=date(2026, 9, 7),
        ends_on=date(2026, 10, 16),
    )
    c.pairing_bea = Pairing(
        school_id=c.school.id,
        mentor_id=c.bea.id,
        mentee_id=c.mo.id,
        kind=PairingKind.induction_mentor,
        starts_on=date(2026, 10, 26),
        ends_on=date(2026, 12, 4),
    )
    session.add_all([c.pairing_ash, c.pairing_bea])
    session.flush()

    def meeting(pairing, day, status=MeetingStatus.held, held_on=None, **extra):  # type: ignore[no-untyped-def]
        held = held_on or day
        session.add(
            Meeting(
                pairing_id=pairing.id,
                occurrence_date=day,
                starts_at=_at(held),
                ends_at=_at(held) + timedelta(minutes=60),
                location="Room 1",
                status=status,
                **extra,
            )
        )

    for n in (1, 2, 4, 6):
        meeting(c.pairing_ash, W[n] + timedelta(days=2))
    meeting(c.pairing_ash, date(2026, 9, 23), held_on=date(2026, 9, 24), moved_from=_at(W[3]))
    meeting(
        c.pairing_ash,
        date(2026, 10, 7),
        MeetingStatus.cancelled,
        cancel_reason=CancelReason.called_off,
        lost=True,
    )
    for n in (7, 8, 12):
        meeting(c.pairing_bea, W[n] + timedelta(days=2))
    meeting(
        c.pairing_bea,
        date(2026, 11, 11),
        MeetingStatus.cancelled,
        cancel_reason=CancelReason.school_closed,
    )
    meeting(c.pairing_bea, date(2026, 11, 18), MeetingStatus.missed)
    meeting(
        c.pairing_bea,
        date(2026, 11, 25),
        MeetingStatus.cancelled,
        cancel_reason=CancelReason.called_off,
        lost=True,
    )

    def observation(pairing, observer, role, day, status=ObservationStatus.completed):  # type: ignore[no-untyped-def]
        session.add(
            Observation(
                school_id=c.school.id,
                pairing_id=pairing.id,
                mentee_id=c.mo.id,
                mentor_id=pairing.mentor_id,
                observer_id=observer.id,
                observer_role=role,
                kind=ObservationKind.formal,
                starts_at=_at(day, 10),
                ends_at=_at(day, 11),
                observed_on=day,
                week_start=day - timedelta(days=day.weekday()),
                class_name="9A",
                subject="Maths",
                year_group="Year 9",
                status=status,
                scheduled_by=c.lead.id,
            )
        )

    observation(c.pairing_ash, c.ash, ObserverRole.mentor, date(2026, 9, 10))
    observation(c.pairing_ash, senco, ObserverRole.senco, date(2026, 10, 1))
    observation(c.pairing_bea, c.bea, ObserverRole.mentor, date(2026, 11, 12))
    observation(
        c.pairing_ash, senco, ObserverRole.senco, date(2026, 10, 15), ObservationStatus.cancelled
    )

    for mentor, day in ((c.ash, date(2026, 10, 15)), (c.bea, date(2026, 11, 19))):
        session.add(
            SupervisionSession(
                school_id=c.school.id,
                mentor_id=mentor.id,
                supervisor_id=c.lead.id,
                starts_at=_at(day, 16),
                ends_at=_at(day, 17),
                status=SupervisionStatus.held,
                held_on=day,
                created_by=c.lead.id,
            )
        )
    for day in (date(2026, 9, 8), date(2026, 9, 22), date(2026, 10, 13), date(2026, 11, 3)):
        session.add(
            WellbeingCheckIn(
                subject_id=c.mo.id,
                school_id=c.school.id,
                subject_role=CheckInRole.mentee,
                checked_in_on=day,
                week_start=day - timedelta(days=day.weekday()),
                wellbeing_score=4,
                workload_score=3,
                wellbeing_note="private words that never leave wellbeing",
            )
        )
    session.add_all(
        [
            Provision(
                school_id=c.school.id,
                user_id=c.ash.id,
                kind=ProvisionKind.job_description,
                amount=1,
                effective_from=date(2026, 9, 1),
                evidence="Signed job description, HR file",
                recorded_by=c.lead.id,
            ),
            Provision(
                school_id=c.school.id,
                user_id=c.mo.id,
                kind=ProvisionKind.timetable_reduction,
                amount=10,
                effective_from=date(2026, 9, 7),
                evidence="Timetable, autumn 2026",
                recorded_by=c.lead.id,
            ),
        ]
    )
    mentor_policy = _policy(
        session,
        c.trust,
        admin,
        PolicyAudience.mentor,
        [
            ("protected_weekly_meeting", "meetings.protected_minutes", 60, Period.week, False),
            ("share_of_observations", "observations.made", 1, Period.fortnight, True),
            ("supervision", "supervision.sessions", 2, Period.term, True),
            ("job_description", "recorded.job_description", 1, Period.once, False),
            ("training_release", "training.hours", 20, Period.year, False),
        ],
    )
    ect_policy = _policy(
        session,
        c.trust,
        admin,
        PolicyAudience.ect,
        [
            ("mentoring_time", "meetings.protected_minutes", 60, Period.week, False),
            ("observations", "observations.received", 1, Period.fortnight, False),
            ("contact_time", "recorded.timetable_reduction", 10, Period.year, False),
            ("welfare", "wellbeing.check_ins", 2, Period.half_term, False),
        ],
    )
    session.flush()
    for row in (mentor_policy, ect_policy):
        session.add(
            PolicyAdoption(
                school_id=c.school.id,
                policy_id=row.id,
                adopted_from=date(2026, 9, 1),
                adopted_by=c.lead.id,
            )
        )
    session.commit()
    return c


def _results(session, crafted, as_of):  # type: ignore[no-untyped-def]
    results = service.compute(session, {crafted.school.id}, None, START, END, as_of)
    return {
        (r.subject.person_id, r.subject.role): {i.item.category: i for i in r.items}
        for r in results
    }


def _periods(item):  # type: ignore[no-untyped-def]
    return [(p.starts_on, round(p.promised, 4), p.delivered, p.status) for p in item.periods]


def test_the_crafted_term_after_it_ended(session, crafted):
    got = _results(session, crafted, AFTER_TERM)
    ash = got[(crafted.ash.id, "mentor")]
    bea = got[(crafted.bea.id, "mentor")]
    mo = got[(crafted.mo.id, "mentee")]

    # Ash, weekly meeting, 60 a week while his pairing runs: W1-W6 (the half-term week is no
    # term week; from W7 he mentors nobody). W3's meeting moved to Thursday and was held: it
    # fills W3. W5's was called off: 0, missed. Promised 6 x 60 = 360, delivered 5 x 60 = 300.
    meeting = ash["protected_weekly_meeting"]
    assert _periods(meeting) == [
        (W[1], 60, 60, "met"),
        (W[2], 60, 60, "met"),
        (W[3], 60, 60, "met"),
        (W[4], 60, 60, "met"),
        (W[5], 60, 0, "missed"),
        (W[6], 60, 60, "met"),
    ]
    assert (meeting.promised, meeting.delivered, meeting.status) == (360, 300, "missed")
    assert [(w.week, w.reasons) for w in meeting.short_weeks] == [
        (W[5], ("The meeting on 7 Oct 2026 was called off.",))
    ]

    # Bea, weekly meeting: W7-W12, but W9 is not owed (its meeting was cancelled for the INSET
    # day): W7, W8, W10, W11, W12 owed, 5 x 60 = 300. Held W7, W8, W12: 180. W10 did not take
    # place, W11 called off. Not pro rata: her 0.6 FTE does not change it.
    meeting = bea["protected_weekly_meeting"]
    assert [p.starts_on for p in meeting.periods] == [W[7], W[8], W[10], W[11], W[12]]
    assert (meeting.promised, meeting.delivered, meeting.status) == (300, 180, "missed")
    assert [(w.week, w.reasons) for w in meeting.short_weeks] == [
        (W[10], ("The meeting on 18 Nov 2026 did not take place.",)),
        (W[11], ("The meeting on 25 Nov 2026 was called off.",)),
    ]

    # Mo, mentoring time, 60 a week for the whole term whoever mentors: W1-W12 less W9 = 11
    # weeks, 660 promised; delivered W1-W4, W6, W7, W8, W12 = 8 x 60 = 480; short W5, W10, W11.
    mentoring = mo["mentoring_time"]
    assert (mentoring.promised, mentoring.delivered, mentoring.status) == (660, 480, "missed")
    assert [w.week for w in mentoring.short_weeks] == [W[5], W[10], W[11]]

    # Observations made, 1 a fortnight, pro rata. Ash (1.0) owed F1-F3, 1 each; he observed on
    # 10 Sep (F1): F1 met, F2 and F3 missed. Observations come whole: half way through a
    # fortnight (W3, W5) half of one is not yet owed, so those weeks are not short; by each
    # unmet fortnight's last week (W4, W6) its one observation is owed and none came.
    made = ash["share_of_observations"]
    assert _periods(made) == [
        (W[1], 1, 1, "met"),
        (W[3], 1, 0, "missed"),
        (W[5], 1, 0, "missed"),
    ]
    assert [(w.week, w.promised) for w in made.short_weeks] == [
        (W[4], 0.5),
        (W[6], 0.5),
    ]
    # Bea (0.6) owed F4-F6, 1 x 0.6 = 0.6 each; she observed on 12 Nov (F5): 1 >= 0.6, met.
    made = bea["share_of_observations"]
    assert _periods(made) == [
        (W[7], 0.6, 0, "missed"),
        (W[9], 0.6, 1, "met"),
        (W[11], 0.6, 0, "missed"),
    ]
    assert (round(made.promised, 4), made.delivered, made.status) == (1.8, 1, "missed")

    # Supervision, 2 a term, pro rata: the term has 12 weeks. Ash owed 6 of them at 1.0:
    # 2 x 1.0 x 6/12 = 1; held 15 Oct: met. Bea 6 of them at 0.6: 2 x 0.6 x 6/12 = 0.6; held
    # 19 Nov: met.
    assert _periods(ash["supervision"]) == [(W[1], 1, 1, "met")]
    assert _periods(bea["supervision"]) == [(W[1], 0.6, 1, "met")]  # the term starts in W1
    assert ash["supervision"].status == bea["supervision"].status == "met"

    # Job description, once: Ash's is on file (1 >= 1), Bea has none.
    assert (ash["job_description"].delivered, ash["job_description"].status) == (1, "met")
    assert (bea["job_description"].delivered, bea["job_description"].status) == (0, "missed")

    # Training hours, 20 a year, not pro rata: the year here is the term's 12 weeks. Ash owed 6
    # of them: 20 x 6/12 = 10 hours promised; he attended and logged none: 0, missed. Bea the
    # same: 10 promised, 0, missed.
    assert _periods(ash["training_release"]) == [(W[1], 10, 0, "missed")]
    assert _periods(bea["training_release"]) == [(W[1], 10, 0, "missed")]

    # Mo's observations, 1 a fortnight for the whole term: 10 Sep (F1), 1 Oct (F2), 12 Nov (F5)
    # took place; the cancelled one on 15 Oct counts for nothing. F3, F4, F6 missed. 6 promised,
    # 3 delivered.
    received = mo["observations"]
    assert [p.status for p in received.periods] == [
        "met",
        "met",
        "missed",
        "missed",
        "met",
        "missed",
    ]
    assert (received.promised, received.delivered, received.status) == (6, 3, "missed")

    # Timetable reduction, 10% a year: 10 recorded from 7 Sep: met.
    assert (mo["contact_time"].delivered, mo["contact_time"].status) == (10, "met")

    # Check-ins, 2 each half term: W1, W3, W6 in the first (3, met); W8 in the second (1,
    # missed). 4 promised and 4 delivered over the term, but over-delivery in one half term
    # does not make up for the other: missed.
    welfare = mo["welfare"]
    assert _periods(welfare) == [(W[1], 2, 3, "met"), (W[7], 2, 1, "missed")]
    assert (welfare.promised, welfare.delivered, welfare.status) == (4, 4, "missed")


def test_plural_names_one_in_the_singular():
    from api.core.wording import plural

    assert [plural(n, "observation") for n in (0, 1, 2, 0.5)] == [
        "0 observations",
        "1 observation",
        "2 observations",
        "0.5 observations",
    ]
    assert plural(1, "time") == "1 time"


def test_the_crafted_term_in_its_tenth_week(session, crafted):
    # As of Thursday 19 Nov (W10 runs to Friday 20 Nov, so it has not ended).
    got = _results(session, crafted, date(2026, 11, 19))
    ash = got[(crafted.ash.id, "mentor")]
    bea = got[(crafted.bea.id, "mentor")]
    mo = got[(crafted.mo.id, "mentee")]

    # Ash's part is over (his last owed week, W6, ended): judged missed, not at risk.
    assert ash["protected_weekly_meeting"].status == "missed"
    # Bea: W7, W8 met; W10 is still running, but its meeting on 18 Nov did not take place: a
    # loss that already happened is a shortfall now, so W10 is short and the item at risk.
    # Promised so far W7, W8, W10 = 180; delivered 120.
    meeting = bea["protected_weekly_meeting"]
    assert [p.status for p in meeting.periods] == ["met", "met", "at_risk"]
    assert (meeting.promised, meeting.delivered, meeting.status) == (180, 120, "at_risk")
    assert [(w.week, w.reasons) for w in meeting.short_weeks] == [
        (W[10], ("The meeting on 18 Nov 2026 did not take place.",))
    ]
    # Mo: W5 was missed and the term runs on: at risk. Promised W1-W8 and W10 = 9 x 60 = 540;
    # delivered W1-W4, W6, W7, W8 = 420.
    mentoring = mo["mentoring_time"]
    assert (mentoring.promised, mentoring.delivered, mentoring.status) == (540, 420, "at_risk")
    # Mo's second half term of check-ins: 2 promised over its 6 weeks, so each week owes 2/6;
    # W7, W8 and W9 have ended: 3 x 2/6 = 1.0 owed so far, and 1 made (W8): on track.
    assert [p.status for p in mo["welfare"].periods] == ["met", "on_track"]
    assert mo["welfare"].status == "on_track"
    # Bea's supervision: 0.6 promised for the term; hers was held today, 19 Nov: met already.
    assert bea["supervision"].status == "met"


def test_the_school_roll_up_counts_people_by_status(session, crafted):
    results = service.compute(session, {crafted.school.id}, None, START, END, AFTER_TERM)
    from api.entitlements.compliance import roll_up

    cells = roll_up(results)[crafted.school.id]
    # Ash and Bea both missed their weekly meetings; Mo (another audience) has mentoring_time.
    assert cells["protected_weekly_meeting"].counts == {"missed": 2}
    assert cells["supervision"].counts == {"met": 2}
    assert cells["job_description"].counts == {"met": 1, "missed": 1}
    assert cells["training_release"].counts == {"missed": 2}
    assert cells["mentoring_time"].counts == {"missed": 1}
    assert cells["job_description"].status == "missed"


def test_early_warnings_reach_the_lead_home(session, crafted, client, monkeypatch):
    from tests.conftest import mint_user_token

    # Friday 4 Dec: the meetings of 18 Nov (did not take place) and 25 Nov (called off) are
    # two lost in the four weeks (28 days) since 6 Nov. Mo's last observation was on 12 Nov,
    # 22 days before: none in the three weeks (21 days) since 13 Nov, so not observed.
    monkeypatch.setattr(
        "api.entitlements.todos.utcnow", lambda: datetime(2026, 12, 4, 14, tzinfo=UTC)
    )
    token = mint_user_token(crafted.lead, {Role.school_lead})
    todos = client.get("/api/v1/me/todos", headers={"Authorization": f"Bearer {token}"}).json()
    mine = [t for t in todos["items"] if t["kind"].startswith("entitlement.")]
    assert [(t["kind"], t["target_id"]) for t in mine] == [
        ("entitlement.meetings_lost", str(crafted.pairing_bea.id)),
        ("entitlement.not_observed", str(crafted.pairing_bea.id)),
    ]
    assert mine[0]["text"] == (
        "Mo's protected meetings with Bea were lost 2 times since 6 Nov 2026: their "
        "entitlement is at risk."
    )


def test_compliance_costs_a_fixed_number_of_queries(session, crafted):
    from sqlalchemy import event

    statements: list[str] = []

    def note(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        service.compute(session, {crafted.school.id}, None, START, END, AFTER_TERM)
    finally:
        event.remove(engine, "before_cursor_execute", note)
    # Adoptions, published policies, items, pairings, mentor and mentee profiles, term dates,
    # and one per measure source asked (meetings, observations, supervision, wellbeing,
    # recorded provisions), training two (course dates attended, hours logged).
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 14, selects


# --- the engine alone, over small crafted terms ------------------------------------------------

from api.entitlements import compliance as engine  # noqa: E402
from api.measures.sources import Measure, WeekAmount  # noqa: E402
from api.scheduling.terms import TermCalendar  # noqa: E402

MINUTES = Measure("meetings.protected_minutes", "Protected minutes", "minutes", per_pairing=True)
OBSERVED = Measure("observations.received", "Observations received", "observations", whole=True)


def _subject(person, school, starts_on=date(2026, 8, 24)):  # type: ignore[no-untyped-def]
    return engine.Subject(person, school, "mentee", "ect", 1.0, (engine.Spell(starts_on, None),))


def _item(measure, target, period, policy_id, version=1):  # type: ignore[no-untyped-def]
    import uuid

    return engine.Item(
        uuid.uuid4(),
        policy_id,
        measure.name,
        "promise",
        measure.name,
        target,
        period,
        False,
        version,
    )


def test_a_new_version_takes_over_from_its_date_and_each_result_names_its_version():
    import uuid

    # The term 7 Sep to 4 Dec 2026 with half term 19-23 Oct: W1-W6, W7-W12 as above (no INSET
    # here). Version 1 runs 1 Sep to 1 Nov; version 2 from Monday 2 Nov (W8).
    # Weekly meeting, 60 a week, in both; observations 3 a term in both.
    # Meetings held every week W1-W12 except W3 and W10. Observations in W2, W5 and W9.
    school, mo = uuid.uuid4(), uuid.uuid4()
    v1, v2 = uuid.uuid4(), uuid.uuid4()
    calendar = TermCalendar(
        ((date(2026, 9, 7), date(2026, 12, 4)),), ((date(2026, 10, 19), date(2026, 10, 23)),)
    )
    items1 = (_item(MINUTES, 60, Period.week, v1, 1), _item(OBSERVED, 3, Period.term, v1, 1))
    items2 = (_item(MINUTES, 60, Period.week, v2, 2), _item(OBSERVED, 3, Period.term, v2, 2))
    segments = {
        (school, "ect"): [
            engine.Segment(date(2026, 9, 1), date(2026, 11, 1), items1),
            engine.Segment(date(2026, 11, 2), date(2026, 12, 31), items2),
        ]
    }
    meetings = {W[n]: WeekAmount(60) for n in range(1, 13) if n not in (3, 10)}
    observed = {W[2]: WeekAmount(1), W[5]: WeekAmount(1), W[9]: WeekAmount(1)}
    answers = {MINUTES.name: {mo: meetings}, OBSERVED.name: {mo: observed}}
    (person,) = engine.compute(
        [_subject(mo, school)],
        segments,
        {school: calendar},
        {m.name: m for m in (MINUTES, OBSERVED)},
        answers,
        START,
        END,
        AFTER_TERM,
    )
    by = {(i.item.version, i.item.measure): i for i in person.items}
    meet1, meet2 = by[(1, MINUTES.name)], by[(2, MINUTES.name)]
    # Version 1's meeting: W1-W7 (7 weeks, 420), held all but W3: 360, W3 short, missed.
    assert [p.starts_on for p in meet1.periods] == [W[n] for n in range(1, 8)]
    assert (meet1.promised, meet1.delivered, meet1.status) == (420, 360, "missed")
    assert [w.week for w in meet1.short_weeks] == [W[3]]
    # Version 2's: W8-W12 (5 weeks, 300), all but W10: 240. No week judged under both.
    assert [p.starts_on for p in meet2.periods] == [W[n] for n in range(8, 13)]
    assert (meet2.promised, meet2.delivered, meet2.status) == (300, 240, "missed")
    assert [w.week for w in meet2.short_weeks] == [W[10]]
    # Observations, 3 a term of 12 weeks: version 1 owns W1-W7, 3 x 7/12 = 1.75, got W2 and W5
    # = 2: met. Version 2 owns W8-W12, 3 x 5/12 = 1.25, got W9 = 1: missed; cumulatively the
    # share is 0.25 a week, and observations come whole: by W8 0.25 is owed, no whole one (not
    # short); W9 0.5 (got 1), W10 0.75, W11 1.0 (got 1: not short); W12 is the period's last
    # week, so all 1.25 is owed: 1 < 1.25 and W12 got nothing: short.
    obs1, obs2 = by[(1, OBSERVED.name)], by[(2, OBSERVED.name)]
    assert (round(obs1.promised, 4), obs1.delivered, obs1.status) == (1.75, 2, "met")
    assert (round(obs2.promised, 4), obs2.delivered, obs2.status) == (1.25, 1, "missed")
    assert [w.week for w in obs2.short_weeks] == [W[12]]


def test_a_fractional_share_is_judged_over_its_period():
    import uuid

    # A 13-week term, 7 Sep to 4 Dec 2026 with no half term; 4 observations promised a term,
    # so 4/13 a week. Five took place, in W1, W2, W3, W4 and W5.
    school, mo, v1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    calendar = TermCalendar(((date(2026, 9, 7), date(2026, 12, 4)),), ())
    weeks = [date(2026, 9, 7) + timedelta(weeks=n) for n in range(13)]
    item = _item(OBSERVED, 4, Period.term, v1)
    segments = {(school, "ect"): [engine.Segment(START, END, (item,))]}

    def run(observed, as_of):  # type: ignore[no-untyped-def]
        (person,) = engine.compute(
            [_subject(mo, school)],
            segments,
            {school: calendar},
            {OBSERVED.name: OBSERVED},
            {OBSERVED.name: {mo: observed}},
            START,
            END,
            as_of,
        )
        return person.items[0]

    five = {weeks[n]: WeekAmount(1) for n in range(5)}
    # In W10 (as of Wed 11 Nov): 5 >= 4 already: met, no short week.
    during = run(five, date(2026, 11, 11))
    assert (during.promised, during.delivered, during.status) == (4, 5, "met")
    assert during.short_weeks == []
    # Three, in W1, W4 and W7, as of Wed 11 Nov (W10 running, W1-W9 ended): owed so far
    # 9 x 4/13 = 2.77, got 3: on track and nothing short yet (each week's cumulative 4k/13 is
    # at most what had been delivered by then: W3 owes 0.92 of 1, W6 1.85 of 2, W9 2.77 of 3).
    three = {weeks[0]: WeekAmount(1), weeks[3]: WeekAmount(1), weeks[6]: WeekAmount(1)}
    running = run(three, date(2026, 11, 11))
    assert (running.status, running.short_weeks) == ("on_track", [])
    # After the term: 3 < 4, missed. Observations come whole: W10 owes 40/13 = 3.08, W11 3.38,
    # W12 3.69, whole ones 3 each, and 3 came: not short. W13, the term's last week, owes all 4
    # and gave none: short. W1-W9 were never behind.
    after = run(three, AFTER_TERM)
    assert after.status == "missed"
    assert [w.week for w in after.short_weeks] == [weeks[12]]
    assert {round(w.promised, 4) for w in after.short_weeks} == {round(4 / 13, 4)}


def test_a_week_partly_in_term_is_owed_and_a_week_before_term_is_not():
    import uuid

    # The term starts on Tuesday 1 Sep 2026 and runs to 23 Oct; the range starts on Monday 24
    # Aug. The week of 24 Aug has no term day: not owed. The week of 31 Aug has four (Tue-Fri):
    # a meeting is still owed in it. A closure on Mon 28 Sep - Fri 2 Oct (a whole week) drops
    # that week; an INSET day on Wed 14 Oct keeps its week (four days) owed.
    # Meetings of 60 held in every owed week except that of 31 Aug and that of 12 Oct.
    school, mo, v1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    calendar = TermCalendar(
        ((date(2026, 9, 1), date(2026, 10, 23)),),
        ((date(2026, 9, 28), date(2026, 10, 2)), (date(2026, 10, 14), date(2026, 10, 14))),
    )
    owed = [date(2026, 8, 31) + timedelta(weeks=n) for n in range(8) if n != 4]
    assert date(2026, 9, 28) not in owed
    item = _item(MINUTES, 60, Period.week, v1)
    held = {w: WeekAmount(60) for w in owed if w not in (date(2026, 8, 31), date(2026, 10, 12))}
    (person,) = engine.compute(
        [_subject(mo, school)],
        {(school, "ect"): [engine.Segment(date(2026, 8, 24), END, (item,))]},
        {school: calendar},
        {MINUTES.name: MINUTES},
        {MINUTES.name: {mo: held}},
        date(2026, 8, 24),
        END,
        date(2026, 11, 2),
    )
    meeting = person.items[0]
    # 7 owed weeks, 420 promised; 5 held, 300; short: 31 Aug and 12 Oct.
    assert [p.starts_on for p in meeting.periods] == owed
    assert (meeting.promised, meeting.delivered, meeting.status) == (420, 300, "missed")
    assert [(w.week, w.reasons) for w in meeting.short_weeks] == [
        # Four term days (Tue-Fri): owed, and the reason says the week was short.
        (
            date(2026, 8, 31),
            (
                "Nothing recorded that week (a short week: 4 term days, 1 Sept 2026 to 4 Sept "
                "2026).",
            ),
        ),
        # The INSET day leaves four: the same.
        (
            date(2026, 10, 12),
            (
                "Nothing recorded that week (a short week: 4 term days, 12 Oct 2026 to 16 Oct "
                "2026).",
            ),
        ),
    ]


def test_a_lost_meeting_in_the_running_week_is_short_now_and_an_unheld_one_is_not():
    import uuid

    # The crafted term's W1-W3 only (7-25 Sep); as of Wednesday 23 Sep, W3 running.
    # Mo's meetings: W1 held (60); W2 lost (called off); W3, first case: lost already on
    # Tuesday 22 Sep; second case: nothing yet (its meeting is on Thursday).
    school, mo, v1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    calendar = TermCalendar(((date(2026, 9, 7), date(2026, 9, 25)),), ())
    item = _item(MINUTES, 60, Period.week, v1)
    called_off = "The meeting on {} was called off."

    def run(w3):  # type: ignore[no-untyped-def]
        weeks = {W[1]: WeekAmount(60), W[2]: WeekAmount(0, lost=1, notes=[called_off.format(2)])}
        if w3 is not None:
            weeks[W[3]] = w3
        (person,) = engine.compute(
            [_subject(mo, school)],
            {(school, "ect"): [engine.Segment(START, END, (item,))]},
            {school: calendar},
            {MINUTES.name: MINUTES},
            {MINUTES.name: {mo: weeks}},
            START,
            END,
            date(2026, 9, 23),
        )
        return person.items[0]

    lost = run(WeekAmount(0, lost=1, notes=[called_off.format(3)]))
    # Both losses are short weeks: W2 (missed) and W3 (at risk, though it runs on).
    assert [(p.starts_on, p.status) for p in lost.periods] == [
        (W[1], "met"),
        (W[2], "missed"),
        (W[3], "at_risk"),
    ]
    assert [w.week for w in lost.short_weeks] == [W[2], W[3]]
    assert lost.status == "at_risk"
    # Nothing yet in W3: in progress, not short; only W2 is.
    waiting = run(None)
    assert [(p.starts_on, p.status) for p in waiting.periods][2] == (W[3], "on_track")
    assert [w.week for w in waiting.short_weeks] == [W[2]]


def test_a_superseding_version_splits_the_crafted_term_between_versions(session, crafted):
    from sqlmodel import select

    from api.org import people as org_people

    # The mentor policy's version 2 (the same weekly meeting of 60) supersedes version 1 from
    # Monday 2 Nov (W8). Bea (W7-W12) is judged under v1 for W7 and under v2 for W8, W10, W11,
    # W12 (W9 excused): never both for the same week. v1: W7 held, 60 of 60, met. v2: 4 x 60 =
    # 240 promised, held W8 and W12 = 120, short W10 and W11: missed.
    v1 = session.exec(
        select(EntitlementPolicy).where(EntitlementPolicy.audience == PolicyAudience.mentor)
    ).one()
    admin = session.get(User, v1.created_by)
    v2 = _policy(
        session,
        crafted.trust,
        admin,
        PolicyAudience.mentor,
        [("protected_weekly_meeting", "meetings.protected_minutes", 60, Period.week, False)],
        version=2,
        supersedes_id=v1.id,
        effective_from=W[8],
    )
    session.commit()
    results = service.compute(
        session, {crafted.school.id}, {crafted.bea.id}, START, END, AFTER_TERM
    )
    (bea,) = results
    meetings = [i for i in bea.items if i.item.category == "protected_weekly_meeting"]
    assert [(i.item.version, [p.starts_on for p in i.periods]) for i in meetings] == [
        (1, [W[7]]),
        (2, [W[8], W[10], W[11], W[12]]),
    ]
    assert [(i.promised, i.delivered, i.status) for i in meetings] == [
        (60, 60, "met"),
        (240, 120, "missed"),
    ]
    names = org_people.people_refs(session, {crafted.bea.id})
    public = service._person_public(bea, names, with_periods=False)
    shown = [i for i in public.items if i.category == "protected_weekly_meeting"]
    assert [(i.policy_id, i.version, i.starts_on, i.ends_on) for i in shown] == [
        (v1.id, 1, W[7], W[7] + timedelta(days=4)),
        (v2.id, 2, W[8], W[12] + timedelta(days=4)),
    ]
    # Before version 2 takes over nothing of it is owed yet, but its items still say which weeks
    # it will cover, so a screen can show it as the version to come.
    (early,) = service.compute(session, {crafted.school.id}, {crafted.bea.id}, START, END, W[7])
    shown = service._person_public(early, names, with_periods=False).items
    assert [
        (i.version, i.starts_on, i.ends_on, i.status)
        for i in shown
        if i.category == "protected_weekly_meeting"
    ] == [
        (1, W[7], W[7] + timedelta(days=4), "met"),
        (2, W[8], W[12] + timedelta(days=4), "not_owed"),
    ]


def test_things_delivered_one_at_a_time_are_owed_whole_and_hours_are_not():
    import uuid

    # A half term of 7 weeks, Mon 7 Sep to Fri 23 Oct 2026 (W1-W7). One supervision session
    # promised a half term (share 1/7 a week, counted whole) and 7 training hours a half term
    # (1 hour a week, not whole). Nothing was delivered of either.
    sessions = Measure("supervision.sessions", "Supervision sessions", "sessions", whole=True)
    hours = Measure("training.hours", "Training hours", "hours")
    school, mo, v1 = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    calendar = TermCalendar(((date(2026, 9, 7), date(2026, 10, 23)),), ())
    weeks = [date(2026, 9, 7) + timedelta(weeks=n) for n in range(7)]
    items = (_item(sessions, 1, Period.half_term, v1), _item(hours, 7, Period.half_term, v1))
    segments = {(school, "ect"): [engine.Segment(START, END, items)]}

    def run(as_of):  # type: ignore[no-untyped-def]
        (person,) = engine.compute(
            [_subject(mo, school)],
            segments,
            {school: calendar},
            {sessions.name: sessions, hours.name: hours},
            {sessions.name: {mo: {}}, hours.name: {mo: {}}},
            START,
            END,
            as_of,
        )
        return {r.item.measure: r for r in person.items}

    # As of Wed 23 Sep (W3 running; W1, W2 ended). Sessions: 2/7 = 0.29 owed so far, no whole
    # one: on track, nothing short. Hours: 2 owed so far, 0 got: at risk, W1 and W2 short.
    early = run(date(2026, 9, 23))
    assert (early[sessions.name].status, early[sessions.name].short_weeks) == ("on_track", [])
    assert early[hours.name].status == "at_risk"
    assert [w.week for w in early[hours.name].short_weeks] == weeks[:2]
    # As of Wed 21 Oct (W7, the last week, running; 6/7 = 0.86 owed so far): still no whole
    # session owed, and one may yet be held this week: on track.
    late = run(date(2026, 10, 21))
    assert (late[sessions.name].status, late[sessions.name].short_weeks) == ("on_track", [])
    # After the half term: 0 < 1, missed; only W7, its last week, owed the whole session.
    after = run(AFTER_TERM)
    assert after[sessions.name].status == "missed"
    assert [w.week for w in after[sessions.name].short_weeks] == [weeks[6]]
    assert [w.week for w in after[hours.name].short_weeks] == weeks
