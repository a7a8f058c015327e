"""Mentors' training records: the course dates they attended and the hours they logged by hand,
totalled by provider, kind and national mentor standard, and, for mentors of early career
teachers, progress against the 20 hours of funded training over one year that the early
career teacher entitlement gives them (about 6 to 7 hours a term)."""

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import FieldProblem, Forbidden, NotFound, Unprocessable
from api.mentoring.models import MenteeProfile, Pairing, Pathway
from api.org import people as org_people
from api.org.models import Membership, Role, TermDate, TermKind, User
from api.org.schemas import PersonRef
from api.providers import service as providers
from api.providers.models import Provider
from api.training import policy
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
from api.training.schemas import (
    MENTOR_STANDARDS,
    BookedSession,
    EntitlementProgress,
    HoursWrite,
    MentorTrainingSummary,
    RecordEntry,
    Total,
    TrainingRecord,
    TrainingRecordCan,
)
from api.training.service import ZONE

ECT_MENTOR_MINUTES = 20 * 60  # funded training over one year
TERM_MINUTES = 400  # 6 hours 40 a term, three terms
LONGEST_DAY_MINUTES = 450  # a course day counts 7 hours 30 at most
KIND_LABELS = {TrainingKind.initial: "Initial", TrainingKind.refresher: "Refresher"}


def _mentor_schools(session: Session, principal: Principal, mentor_id: uuid.UUID) -> set[uuid.UUID]:
    """The schools the mentor mentors at, if the principal may see their record; else 404."""
    rows = session.exec(
        select(Membership.school_id).where(
            Membership.user_id == mentor_id,
            Membership.role == Role.mentor,
            policy.visible_mentors(principal),
        )
    ).all()
    if not rows:
        raise NotFound(f"No mentor with id {mentor_id} is visible to you.")
    return {s for s in rows if s is not None}


def _course_minutes(starts_at: datetime, ends_at: datetime) -> int:
    days = (ends_at.astimezone(ZONE).date() - starts_at.astimezone(ZONE).date()).days + 1
    return min(int((ends_at - starts_at).total_seconds() // 60), LONGEST_DAY_MINUTES * days)


def provider_names(session: Session, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(
        session.exec(
            select(col(Provider.id), col(Provider.name)).where(col(Provider.id).in_(wanted))
        ).all()
    )


def _entries(session: Session, mentor_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list]:
    found: dict[uuid.UUID, list[RecordEntry]] = defaultdict(list)
    sessions = session.exec(
        select(TrainingItem, TrainingItemPerson)
        .join(TrainingItemPerson, col(TrainingItemPerson.item_id) == TrainingItem.id)
        .where(
            col(TrainingItemPerson.user_id).in_(mentor_ids),
            TrainingItemPerson.role == ConcernRole.mentor,
            col(TrainingItemPerson.attended).is_(True),
            TrainingItem.kind == ItemKind.course_date,
            col(TrainingItem.cancelled_at).is_(None),
        )
    ).all()
    logged = session.exec(
        select(TrainingHours).where(col(TrainingHours.mentor_id).in_(mentor_ids))
    ).all()
    names = provider_names(
        session,
        {i.provider_id for i, _ in sessions} | {r.provider_id for r in logged if r.provider_id},
    )
    for item, person in sessions:
        assert item.starts_at is not None and item.ends_at is not None
        found[person.user_id].append(
            RecordEntry(
                source="session",
                id=item.id,
                title=item.title,
                taken_on=item.starts_at.astimezone(ZONE).date(),
                minutes=_course_minutes(item.starts_at, item.ends_at),
                provider=names.get(item.provider_id, "Training provider"),
                training_kind=person.training_kind,
                standards=person.standards,
                evidence=None,
                evidence_url=None,
            )
        )
    for row in logged:
        found[row.mentor_id].append(
            RecordEntry(
                source="logged",
                id=row.id,
                title=row.title,
                taken_on=row.taken_on,
                minutes=row.minutes,
                provider=names.get(row.provider_id, row.provider_name)
                if row.provider_id
                else row.provider_name or "Not said",
                training_kind=row.training_kind,
                standards=row.standards,
                evidence=row.evidence,
                evidence_url=row.evidence_url,
            )
        )
    for entries in found.values():
        entries.sort(key=lambda e: (e.taken_on, e.title), reverse=True)
    return found


def _a_year_on(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class _Window:
    starts_on: date
    ends_on: date
    school_id: uuid.UUID


def _ect_windows(session: Session, mentor_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, _Window]:
    """The year of funded training: from the start of the mentor's first pairing with an ECT
    that is still running (or ended less than a year after it began)."""
    today = utcnow().astimezone(ZONE).date()
    rows = session.exec(
        select(col(Pairing.mentor_id), col(Pairing.starts_on), col(Pairing.school_id))
        .join(
            MenteeProfile,
            (col(MenteeProfile.user_id) == Pairing.mentee_id)
            & (col(MenteeProfile.school_id) == Pairing.school_id),
        )
        .where(
            col(Pairing.mentor_id).in_(mentor_ids),
            MenteeProfile.pathway == Pathway.ect,
            Pairing.ends_on >= today - timedelta(days=365),
        )
        .order_by(col(Pairing.starts_on))
    ).all()
    windows: dict[uuid.UUID, _Window] = {}
    for mentor_id, starts_on, school_id in rows:
        if mentor_id not in windows:
            ends_on = _a_year_on(starts_on) - timedelta(days=1)
            windows[mentor_id] = _Window(starts_on, ends_on, school_id)
    return windows


def _term_label(term: TermDate) -> str:
    """The term's name, with its year unless the name says it."""
    return (
        term.name if str(term.starts_on.year) in term.name else f"{term.name} {term.starts_on.year}"
    )


def _progress(
    session: Session, window: _Window | None, entries: list[RecordEntry]
) -> EntitlementProgress:
    if window is None:
        return EntitlementProgress(
            applies=False,
            starts_on=None,
            ends_on=None,
            target_minutes=ECT_MENTOR_MINUTES,
            done_minutes=0,
            expected_minutes_by_now=0,
            on_track=True,
            by_term=[],
        )
    today = utcnow().astimezone(ZONE).date()
    inside = [e for e in entries if window.starts_on <= e.taken_on <= window.ends_on]
    done = sum(e.minutes for e in inside)
    terms = session.exec(
        select(TermDate)
        .where(
            TermDate.school_id == window.school_id,
            TermDate.kind == TermKind.term,
            TermDate.ends_on >= window.starts_on,
            TermDate.starts_on <= window.ends_on,
        )
        .order_by(col(TermDate.starts_on))
    ).all()
    by_term, expected = [], 0.0
    for term in terms:
        minutes = sum(e.minutes for e in inside if term.starts_on <= e.taken_on <= term.ends_on)
        by_term.append(Total(key=str(term.id), label=_term_label(term), minutes=minutes))
        if today > term.ends_on:
            expected += TERM_MINUTES
        elif today >= term.starts_on:
            length = (term.ends_on - term.starts_on).days + 1
            expected += TERM_MINUTES * ((today - term.starts_on).days + 1) / length
    if not terms:  # no term dates: an even pace over the year
        elapsed = min(max((today - window.starts_on).days + 1, 0), 365)
        expected = ECT_MENTOR_MINUTES * elapsed / 365
    expected_minutes = min(int(expected), ECT_MENTOR_MINUTES)
    return EntitlementProgress(
        applies=True,
        starts_on=window.starts_on,
        ends_on=window.ends_on,
        target_minutes=ECT_MENTOR_MINUTES,
        done_minutes=done,
        expected_minutes_by_now=expected_minutes,
        on_track=done >= expected_minutes,
        by_term=by_term,
    )


def _totals(entries: list[RecordEntry]) -> tuple[list[Total], list[Total], list[Total]]:
    providers: dict[str, int] = defaultdict(int)
    kinds: dict[str, int] = defaultdict(int)
    standards: dict[int, int] = defaultdict(int)
    for e in entries:
        providers[e.provider] += e.minutes
        kinds[e.training_kind.value if e.training_kind else "not_said"] += e.minutes
        for s in e.standards:  # training against two standards counts under both
            standards[s] += e.minutes
    by_provider = [Total(key=p, label=p, minutes=m) for p, m in sorted(providers.items())]
    by_kind = [
        Total(key=k.value, label=KIND_LABELS[k], minutes=kinds.get(k.value, 0))
        for k in TrainingKind
    ]
    if kinds.get("not_said"):
        by_kind.append(Total(key="not_said", label="Not said", minutes=kinds["not_said"]))
    by_standard = [
        Total(key=str(n), label=f"{n} {name}", minutes=standards.get(n, 0))
        for n, name in MENTOR_STANDARDS.items()
    ]
    return by_provider, by_kind, by_standard


def _booked(session: Session, mentor_id: uuid.UUID) -> list[BookedSession]:
    rows = session.exec(
        select(TrainingItem, CoverRequest.status)
        .join(TrainingItemPerson, col(TrainingItemPerson.item_id) == TrainingItem.id)
        .outerjoin(
            CoverRequest,
            (col(CoverRequest.item_id) == TrainingItem.id)
            & (col(CoverRequest.user_id) == TrainingItemPerson.user_id),
        )
        .where(
            TrainingItemPerson.user_id == mentor_id,
            TrainingItem.kind == ItemKind.course_date,
            col(TrainingItem.cancelled_at).is_(None),
            col(TrainingItem.ends_at) > utcnow(),
        )
        .order_by(col(TrainingItem.starts_at))
    ).all()
    names = provider_names(session, {i.provider_id for i, _ in rows})
    return [
        BookedSession(
            id=item.id,
            title=item.title,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            provider=names.get(item.provider_id, "Training provider"),
            release=status if status != CoverStatus.withdrawn else None,
        )
        for item, status in rows
        if item.starts_at and item.ends_at
    ]


def training_record(session: Session, principal: Principal, mentor_id: uuid.UUID) -> TrainingRecord:
    schools = _mentor_schools(session, principal, mentor_id)
    entries = _entries(session, [mentor_id]).get(mentor_id, [])
    window = _ect_windows(session, [mentor_id]).get(mentor_id)
    by_provider, by_kind, by_standard = _totals(entries)
    linked = providers.provider_of(session, mentor_id)
    return TrainingRecord(
        mentor=org_people.people_refs(session, {mentor_id})[mentor_id],
        provider=linked.name if linked else None,
        entries=entries,
        booked=_booked(session, mentor_id),
        total_minutes=sum(e.minutes for e in entries),
        by_provider=by_provider,
        by_kind=by_kind,
        by_standard=by_standard,
        ect_entitlement=_progress(session, window, entries),
        can=TrainingRecordCan(log_hours=policy.may_log_for(principal, mentor_id, schools)),
    )


def mentors_query(principal: Principal, school_id: uuid.UUID | None) -> SelectOfScalar[User]:
    visible = select(Membership.user_id).where(
        Membership.role == Role.mentor, policy.visible_mentors(principal)
    )
    if school_id:
        visible = visible.where(Membership.school_id == school_id)
    return (
        select(User)
        .where(col(User.id).in_(visible), col(User.active).is_(True))
        .order_by(col(User.full_name), col(User.id))
    )


def _done_in(window: _Window | None, entries: list[RecordEntry]) -> int:
    if window is None:
        return 0
    return sum(e.minutes for e in entries if window.starts_on <= e.taken_on <= window.ends_on)


def summaries(session: Session, users: Sequence[User]) -> list[MentorTrainingSummary]:
    ids = [u.id for u in users]
    entries = _entries(session, ids)
    windows = _ect_windows(session, ids)
    out = []
    for user in users:
        mine = entries.get(user.id, [])
        window = windows.get(user.id)
        out.append(
            MentorTrainingSummary(
                mentor=PersonRef(id=user.id, full_name=user.full_name, email=user.email),
                total_minutes=sum(e.minutes for e in mine),
                entitlement_applies=window is not None,
                entitlement_done_minutes=_done_in(window, mine),
            )
        )
    return out


def log_hours(
    session: Session, principal: Principal, mentor_id: uuid.UUID, body: HoursWrite
) -> TrainingHours:
    schools = _mentor_schools(session, principal, mentor_id)
    if not policy.may_log_for(principal, mentor_id, schools):
        raise Forbidden("A mentor logs their own training, or a lead their school's mentors'.")
    led = schools & principal.school_ids_with(Role.school_lead)
    school_id = sorted(led or schools)[0]
    trust_id = session.exec(select(User.trust_id).where(User.id == mentor_id)).one()
    provider_id = body.provider_id
    if provider_id is not None:
        known = session.exec(
            select(Provider.id).where(Provider.id == provider_id, Provider.trust_id == trust_id)
        ).first()
        if known is None:
            raise Unprocessable(
                "Choose one of the trust's providers, or name the provider instead.",
                errors=[FieldProblem(field="provider_id", detail="not a provider of the trust")],
            )
    elif not body.provider_name:
        linked = providers.provider_of(session, mentor_id)
        provider_id = linked.id if linked else None
    row = TrainingHours(
        mentor_id=mentor_id,
        school_id=school_id,
        provider_id=provider_id,
        provider_name=body.provider_name,
        training_kind=body.training_kind,
        title=body.title,
        taken_on=body.taken_on,
        minutes=body.minutes,
        standards=body.standards,
        evidence=body.evidence,
        evidence_url=body.evidence_url or None,
        created_by=principal.id,
    )
    session.add(row)
    audit.record(
        session,
        principal,
        "training_hours.logged",
        object_type="training_hours",
        object_id=row.id,
        trust_id=trust_id,
        changes={
            "mentor_id": mentor_id,
            "title": body.title,
            "training_kind": body.training_kind,
            "taken_on": body.taken_on,
            "minutes": body.minutes,
            "standards": body.standards,
        },
    )
    session.flush()
    return row
