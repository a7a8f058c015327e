"""Meeting records, their actions and agendas, and a meeting's detail: the record is kept by
the person the agreement names and read by the pair and their school leads. No HTTP here."""

import uuid
from collections.abc import Iterable

from sqlmodel import Session, col, select

from api.audit import service as audit
from api.auth.principals import Principal
from api.core import events
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.core.queries import first_visible
from api.core.wording import human_date
from api.meetings import policy, slots
from api.meetings import service as meetings
from api.meetings.events import MeetingRecorded
from api.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingAction,
    MeetingRecord,
    MeetingStatus,
)
from api.meetings.schemas import (
    ActionPublic,
    AgendaItemPublic,
    MeetingDetail,
    RecordPublic,
    RecordWrite,
)
from api.mentoring import service as mentoring
from api.mentoring.models import MentoringAgreement, Pairing, RecordKeeper
from api.org import people as org_people


def record_keeper_id(session: Session, pairing: Pairing) -> uuid.UUID:
    return record_keeper_ids(session, [pairing])[pairing.id]


def record_keeper_ids(session: Session, pairings: Iterable[Pairing]) -> dict[uuid.UUID, uuid.UUID]:
    """Who keeps each pairing's records, in one query: the mentor, unless the agreement in force
    names the mentee. Only an agreed version counts: a proposal does not move the record to the
    proposer."""
    by_id = {pairing.id: pairing for pairing in pairings}
    keepers = {pairing_id: pairing.mentor_id for pairing_id, pairing in by_id.items()}
    if not by_id:
        return keepers
    decided: set[uuid.UUID] = set()
    for pairing_id, keeper in session.exec(
        select(MentoringAgreement.pairing_id, MentoringAgreement.record_keeper)
        .where(
            col(MentoringAgreement.pairing_id).in_(by_id),
            col(MentoringAgreement.mentor_agreed_at).is_not(None),
            col(MentoringAgreement.mentee_agreed_at).is_not(None),
        )
        .order_by(col(MentoringAgreement.version).desc())
    ):
        if pairing_id in decided:
            continue
        decided.add(pairing_id)
        if keeper == RecordKeeper.mentee:
            keepers[pairing_id] = by_id[pairing_id].mentee_id
    return keepers


def save_record(
    session: Session, principal: Principal, meeting_id: uuid.UUID, body: RecordWrite
) -> MeetingDetail:
    meeting = meetings.get_meeting(session, principal, meeting_id)
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    keeper = record_keeper_id(session, pairing)
    if not policy.may_keep_record(principal, keeper):
        raise Forbidden("The agreement names someone else to keep the record of this meeting.")
    if meeting.status == MeetingStatus.cancelled:
        raise Conflict("This meeting was cancelled; there is nothing to record.")
    if meeting.starts_at > utcnow():
        raise Conflict("This meeting has not started yet; record it once it has happened.")
    record = session.get(MeetingRecord, meeting.id)
    if record is None:
        record = MeetingRecord(meeting_id=meeting.id, recorded_by=principal.id)
    else:
        record.updated_at = utcnow()
        record.recorded_by = principal.id
    record.notes, record.targets_reviewed = body.notes, body.targets_reviewed
    record.wellbeing_discussed = body.wellbeing_discussed
    session.add(record)
    meeting.status = body.status
    session.add(meeting)
    _save_actions(session, meeting, pairing, body)
    held = body.status == MeetingStatus.held
    events.publish(session, MeetingRecorded(pairing.id, meeting.id, held, principal))
    audit.record(
        session,
        principal,
        "meeting.recorded",
        object_type="meeting",
        object_id=meeting.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        # That it was recorded, and how it went, is what the meeting itself shows overseers.
        changes={"status": body.status},
    )
    session.flush()
    return meeting_detail(session, principal, meeting, keeper=keeper)


def _save_actions(session: Session, meeting: Meeting, pairing: Pairing, body: RecordWrite) -> None:
    """The record's actions: ones sent with an id are kept (and keep their done mark), new
    ones are added, and ones left out are removed."""
    existing = {
        a.id: a
        for a in session.exec(
            select(MeetingAction).where(MeetingAction.meeting_id == meeting.id)
        ).all()
    }
    owners = {"mentor": pairing.mentor_id, "mentee": pairing.mentee_id}
    kept: set[uuid.UUID] = set()
    today = slots.school_today(slots.school_zone(session, pairing))
    for index, written in enumerate(body.actions):
        action = existing.get(written.id) if written.id else None
        if written.id and action is None:
            raise Unprocessable(f"Action {written.id} is not one of this meeting's actions.")
        # A new or changed due date is today or later; one kept as it was may have passed.
        unchanged = action is not None and action.due_on == written.due_on
        if written.due_on is not None and written.due_on < today and not unchanged:
            raise Unprocessable(
                f"An action is due today ({human_date(today)}) or later, not on "
                f"{human_date(written.due_on)}.",
                errors=[FieldProblem(field=f"actions.{index}.due_on", detail="in the past")],
            )
        if action is None:
            action = MeetingAction(
                meeting_id=meeting.id, pairing_id=pairing.id, text="", owner_id=pairing.mentor_id
            )
        action.text, action.owner_id, action.due_on = (
            written.text,
            owners[written.owner],
            written.due_on,
        )
        session.add(action)
        kept.add(action.id)
    for action_id, action in existing.items():
        if action_id not in kept:
            session.delete(action)


def add_agenda_item(
    session: Session, principal: Principal, meeting_id: uuid.UUID, text: str
) -> MeetingDetail:
    meeting = meetings.get_meeting(session, principal, meeting_id)
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    if not policy.may_add_to_agenda(principal, pairing):
        raise Forbidden("Only the mentor and the mentee add to their agenda.")
    if not policy.is_changeable(meeting):
        raise Conflict(f"This meeting is {meeting.status.value}; its agenda is closed.")
    item = AgendaItem(meeting_id=meeting.id, text=text, added_by=principal.id)
    session.add(item)
    audit.record(
        session,
        principal,
        "agenda_item.added",
        object_type="agenda_item",
        object_id=item.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes={"meeting_id": meeting.id},
    )
    session.flush()
    return meeting_detail(session, principal, meeting)


def set_action_done(
    session: Session, principal: Principal, action_id: uuid.UUID, done: bool
) -> ActionPublic:
    found: tuple[MeetingAction, Pairing] = first_visible(
        session,
        select(MeetingAction, Pairing)
        .join(Pairing, col(Pairing.id) == MeetingAction.pairing_id)
        # Actions are record content: out of sight for whoever cannot read the record.
        .where(MeetingAction.id == action_id, policy.readable_records(principal)),
        "action",
        action_id,
    )
    action, pairing = found
    if not policy.may_tick_actions(principal, pairing):
        raise Forbidden("Only the mentor and the mentee tick off their actions.")
    action.done = done
    action.done_at = utcnow() if done else None
    session.add(action)
    audit.record(
        session,
        principal,
        "action.updated",
        object_type="meeting_action",
        object_id=action.id,
        trust_id=mentoring.trust_id_of(session, pairing),
        changes={"done": done},
    )
    return _actions_public(session, [action])[0]


def _actions_public(session: Session, actions: list[MeetingAction]) -> list[ActionPublic]:
    if not actions:  # most meetings carry none: nothing to look up
        return []
    people = org_people.people_refs(session, {a.owner_id for a in actions})
    weeks = dict(
        session.exec(
            select(col(Meeting.id), col(Meeting.occurrence_date)).where(
                col(Meeting.id).in_({a.meeting_id for a in actions})
            )
        ).all()
    )
    return [
        ActionPublic.model_validate(
            {**a.model_dump(), "owner": people[a.owner_id], "meeting_date": weeks[a.meeting_id]}
        )
        for a in actions
    ]


def meeting_detail(
    session: Session,
    principal: Principal,
    meeting: Meeting,
    *,
    keeper: uuid.UUID | None = None,
) -> MeetingDetail:
    """The meeting as its page shows it. A write that has just looked up the record keeper
    passes it in rather than have it read again."""
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    public = meetings.meetings_public(session, [meeting])[0]
    readable = policy.may_read_record(principal, pairing)
    carried = (
        session.exec(
            select(MeetingAction)
            .join(Meeting, col(Meeting.id) == MeetingAction.meeting_id)
            .where(
                MeetingAction.pairing_id == pairing.id,
                col(MeetingAction.done).is_(False),
                Meeting.starts_at < meeting.starts_at,
            )
            .order_by(col(Meeting.starts_at), col(MeetingAction.created_at))
        ).all()
        if readable
        else []
    )
    items = session.exec(
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting.id, readable)
        .order_by(col(AgendaItem.created_at))
    ).all()
    if keeper is None:
        keeper = record_keeper_id(session, pairing)
    people = org_people.people_refs(session, {i.added_by for i in items} | {keeper})
    record = session.get(MeetingRecord, meeting.id)
    record_public = None
    if record is not None and readable:
        actions = session.exec(
            select(MeetingAction)
            .where(MeetingAction.meeting_id == meeting.id)
            .order_by(col(MeetingAction.created_at))
        ).all()
        record_public = RecordPublic.model_validate(
            {**record.model_dump(), "actions": _actions_public(session, list(actions))}
        )
    return MeetingDetail.model_validate(
        {
            **public.model_dump(),
            "can": policy.meeting_can(principal, pairing, meeting, keeper, utcnow()),
            "content_visible": readable,
            "record_keeper": people[keeper],
            "carried_actions": _actions_public(session, list(carried)),
            "agenda_items": [
                AgendaItemPublic.model_validate({**i.model_dump(), "added_by": people[i.added_by]})
                for i in items
            ],
            "record": record_public,
        }
    )
