"""The targets a mentoring meeting reviewed, by reference: which of the mentee's open targets,
a progress note for each (restricted, like the record), and any status the review gave it.
Meetings know nothing of targets; reviews name the meeting by its id, and whoever keeps the
meeting's record writes them. No HTTP here."""

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, FieldProblem, Forbidden, Unprocessable
from api.meetings import service as meetings
from api.meetings.models import Meeting, MeetingStatus
from api.mentoring import service as mentoring
from api.mentoring.models import Pairing, RecordKeeper
from api.observations import policy
from api.observations.models import Target, TargetReview, TargetStatus
from api.observations.schemas import ReviewedTarget, TargetReviewPublic, TargetReviewsWrite
from api.org import people as org_people


def record_keeper_id(session: Session, pairing: Pairing) -> uuid.UUID:
    """The mentor, unless the agreement in force (both sides agreed) names the mentee: the
    same person the meeting's record is kept by."""
    agreed = mentoring.agreed_agreement(session, pairing.id)
    if agreed is not None and agreed.record_keeper == RecordKeeper.mentee:
        return pairing.mentee_id
    return pairing.mentor_id


def _meeting_and_pairing(
    session: Session, principal: Principal, meeting_id: uuid.UUID
) -> tuple[Meeting, Pairing]:
    meeting = meetings.get_meeting(session, principal, meeting_id)
    pairing = session.get(Pairing, meeting.pairing_id)
    assert pairing is not None
    return meeting, pairing


def reviews_query(
    session: Session, principal: Principal, meeting_id: uuid.UUID
) -> SelectOfScalar[TargetReview]:
    """404 unless the meeting is visible; 403 for those who see it but not what it said."""
    _, pairing = _meeting_and_pairing(session, principal, meeting_id)
    if not policy.may_read_reviews(principal, pairing):
        raise Forbidden("What a meeting reviewed stays with the pair and their school's leads.")
    return (
        select(TargetReview)
        .where(TargetReview.meeting_id == meeting_id)
        .order_by(col(TargetReview.reviewed_at), col(TargetReview.id))
    )


def reviews_public(session: Session, rows: Sequence[TargetReview]) -> list[TargetReviewPublic]:
    targets = {
        t.id: t
        for t in session.exec(
            select(Target).where(col(Target.id).in_({r.target_id for r in rows}))
        ).all()
    }
    people = org_people.people_refs(session, {r.reviewed_by for r in rows})
    return [
        TargetReviewPublic(
            id=r.id,
            meeting_id=r.meeting_id,
            target=ReviewedTarget.model_validate(targets[r.target_id], from_attributes=True),
            note=r.note,
            status_set=r.status_set,
            reviewed_by=people[r.reviewed_by],
            reviewed_at=r.reviewed_at,
        )
        for r in rows
    ]


def save_reviews(
    session: Session, principal: Principal, meeting_id: uuid.UUID, body: TargetReviewsWrite
) -> list[TargetReview]:
    """The record keeper lists the targets the held meeting reviewed. Each is one of the
    mentee's targets at the school, open (or already reviewed in this meeting); ones left out
    are no longer listed. A status given here moves the target on, in the same transaction."""
    meeting, pairing = _meeting_and_pairing(session, principal, meeting_id)
    if not policy.may_review_targets(principal, record_keeper_id(session, pairing)):
        raise Forbidden("Whoever keeps this meeting's record says which targets it reviewed.")
    if meeting.status != MeetingStatus.held:
        raise Conflict("Record the meeting as held first; then say which targets it reviewed.")
    existing = {
        r.target_id: r
        for r in session.exec(
            select(TargetReview).where(TargetReview.meeting_id == meeting.id)
        ).all()
    }
    wanted = [r.target_id for r in body.reviews]
    targets = {
        t.id: t
        for t in session.exec(
            select(Target).where(
                col(Target.id).in_(wanted),
                Target.mentee_id == pairing.mentee_id,
                Target.school_id == pairing.school_id,
            )
        ).all()
    }
    for index, written in enumerate(body.reviews):
        target = targets.get(written.target_id)
        field = f"reviews.{index}.target_id"
        if target is None:
            raise Unprocessable(
                "That target is not one of this mentee's; choose from their open targets.",
                errors=[FieldProblem(field=field, detail="not this mentee's target")],
            )
        if target.status != TargetStatus.open and target.id not in existing:
            raise Unprocessable(
                f"That target is {target.status.value} already; a meeting reviews open targets.",
                errors=[FieldProblem(field=field, detail=f"{target.status.value} already")],
            )
    trust_id = mentoring.trust_id_of(session, pairing)
    now = utcnow()
    saved: list[TargetReview] = []
    for written in body.reviews:
        target = targets[written.target_id]
        review = existing.get(target.id)
        if review is None:
            review = TargetReview(
                meeting_id=meeting.id, target_id=target.id, reviewed_by=principal.id
            )
        else:
            review.reviewed_by, review.reviewed_at = principal.id, now
        review.note = written.note
        if written.status is not None and written.status != target.status:
            review.status_set = written.status
            audit.apply_changes(
                session,
                principal,
                target,
                {"status": written.status},
                object_type="target",
                trust_id=trust_id,
            )
        session.add(review)
        saved.append(review)
    removed = [r for target_id, r in existing.items() if target_id not in targets]
    for review in removed:
        session.delete(review)
    audit.record(
        session,
        principal,
        "meeting.targets_reviewed",
        object_type="meeting",
        object_id=meeting.id,
        trust_id=trust_id,
        # Which targets, and what became of them; the notes stay with the record.
        changes={
            "targets": [str(r.target_id) for r in saved],
            "status_set": {str(r.target_id): r.status_set for r in saved if r.status_set},
            "removed": len(removed),
        },
    )
    session.flush()
    return saved
