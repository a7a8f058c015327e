"""Who may read and act on meetings, their records, agendas and actions. Services enforce these
predicates; meeting details send them to the web app as `can`, so the two never disagree."""

import uuid
from datetime import datetime

from sqlalchemy import ColumnElement, false, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.auth.principals import Principal
from api.meetings.models import AgendaItem, Meeting, MeetingAction, MeetingStatus, ProtectedSlot
from api.meetings.schemas import MeetingCan
from api.mentoring import policy as pairings
from api.mentoring.models import Pairing
from api.org.models import Role

visible_meetings = pairings.visible_pairings  # a meeting is visible with its pairing


def may_read_record(principal: Principal, pairing: Pairing) -> bool:
    """What was said stays with the pair and the leads of their school; trust admins see that a
    meeting was recorded, not what it holds (`readable_records` is the same rule in SQL)."""
    return pairings.is_in_pair(principal, pairing) or pairings.leads_school_of(principal, pairing)


def readable_records(principal: Principal) -> ColumnElement[bool]:
    """Pairings whose meeting records (notes, agenda, actions) the principal may read."""
    if not principal.is_user:
        return false()
    conditions: list[ColumnElement[bool]] = [
        col(Pairing.mentor_id) == principal.id,
        col(Pairing.mentee_id) == principal.id,
    ]
    lead_of = principal.school_ids_with(Role.school_lead)
    if lead_of:
        conditions.append(col(Pairing.school_id).in_(lead_of))
    return or_(*conditions)


def may_change(principal: Principal, pairing: Pairing) -> bool:
    """Move or lose meetings: the pair, or a lead of their school."""
    return pairings.may_act_on(principal, pairing)


def may_let_go(principal: Principal, school_id: uuid.UUID) -> bool:
    """Letting meetings go for a school closure: the school's leads."""
    return pairings.ACT in principal.scopes and school_id in principal.school_ids_with(
        Role.school_lead
    )


def may_backfill(principal: Principal, pairing: Pairing) -> bool:
    """Adding meetings that are already past inflates what counts as delivered: only a lead of
    the pair's school does it, on purpose and with a reason."""
    return pairings.ACT in principal.scopes and pairings.leads_school_of(principal, pairing)


def may_keep_record(principal: Principal, keeper_id: uuid.UUID) -> bool:
    return pairings.ACT in principal.scopes and principal.id == keeper_id


def may_add_to_agenda(principal: Principal, pairing: Pairing) -> bool:
    """The agenda, and ticking off actions, belong to the pair themselves."""
    return pairings.ACT in principal.scopes and pairings.is_in_pair(principal, pairing)


may_tick_actions = may_add_to_agenda


def is_changeable(meeting: Meeting) -> bool:
    return meeting.status == MeetingStatus.scheduled


def is_movable(meeting: Meeting, now: datetime) -> bool:
    """A meeting that has started (or ended) stays in its week's record; it cannot move."""
    return is_changeable(meeting) and meeting.starts_at > now


def is_recordable(meeting: Meeting, now: datetime) -> bool:
    return meeting.status != MeetingStatus.cancelled and meeting.starts_at <= now


def meeting_can(
    principal: Principal, pairing: Pairing, meeting: Meeting, keeper_id: uuid.UUID, now: datetime
) -> MeetingCan:
    return MeetingCan(
        record=may_keep_record(principal, keeper_id) and is_recordable(meeting, now),
        cancel=may_change(principal, pairing) and is_changeable(meeting),
        move=may_change(principal, pairing) and is_movable(meeting, now),
        add_agenda_item=may_add_to_agenda(principal, pairing) and is_changeable(meeting),
        tick_actions=may_tick_actions(principal, pairing),
    )


# Audit events about meetings are read by whoever sees the thing itself; those about record
# content (agenda items, actions) only by whoever may read the record.


def meetings_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return (
        select(Meeting.id)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .where(visible_meetings(principal))
    )


def slots_seen(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return (
        select(ProtectedSlot.id)
        .join(Pairing, col(Pairing.id) == ProtectedSlot.pairing_id)
        .where(visible_meetings(principal))
    )


def agenda_items_read(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return (
        select(AgendaItem.id)
        .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
        .join(Pairing, col(Pairing.id) == Meeting.pairing_id)
        .where(readable_records(principal))
    )


def actions_read(principal: Principal) -> SelectOfScalar[uuid.UUID]:
    return (
        select(MeetingAction.id)
        .join(Pairing, col(Pairing.id) == MeetingAction.pairing_id)
        .where(readable_records(principal))
    )
