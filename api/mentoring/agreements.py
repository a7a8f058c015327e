"""Mentoring agreements (contracting): versioned, proposed by either side or a lead, agreed by
both; only the newest agreed version is in force. No HTTP here."""

import uuid

from sqlmodel import Session, col, func, select
from sqlmodel.sql.expression import SelectOfScalar

from api.audit import service as audit
from api.auth.principals import Principal
from api.core.models import utcnow
from api.core.problems import Conflict, Forbidden
from api.core.queries import first_visible
from api.mentoring import policy
from api.mentoring import service as pairings
from api.mentoring.models import (
    MentoringAgreement,
    Pairing,
)
from api.mentoring.schemas import (
    AgreementPublic,
    AgreementTerms,
)


def agreements_query(
    session: Session, principal: Principal, pairing_id: uuid.UUID
) -> SelectOfScalar[MentoringAgreement]:
    """Every version of a pairing's agreement, newest first."""
    pairing = pairings.get_pairing(session, principal, pairing_id)  # 404 when out of sight
    return (
        select(MentoringAgreement)
        .where(MentoringAgreement.pairing_id == pairing.id)
        .order_by(col(MentoringAgreement.version).desc())
    )


def agreements_public(
    session: Session, agreements: list[MentoringAgreement]
) -> list[AgreementPublic]:
    """The newest version of a pairing's agreement is the current one, on whichever page."""
    latest = dict(
        session.exec(
            select(MentoringAgreement.pairing_id, func.max(MentoringAgreement.version))
            .where(col(MentoringAgreement.pairing_id).in_({a.pairing_id for a in agreements}))
            .group_by(col(MentoringAgreement.pairing_id))
        ).all()
    )
    return [_agreement_public(a, current=a.version == latest[a.pairing_id]) for a in agreements]


def _agreement_public(agreement: MentoringAgreement, *, current: bool) -> AgreementPublic:
    agreed = agreement.mentor_agreed_at is not None and agreement.mentee_agreed_at is not None
    return AgreementPublic.model_validate(
        {**agreement.model_dump(), "agreed": agreed, "current": current}
    )


def propose_agreement(
    session: Session, principal: Principal, pairing_id: uuid.UUID, body: AgreementTerms
) -> AgreementPublic:
    pairing = pairings.get_pairing(session, principal, pairing_id)
    if not policy.may_act_on(principal, pairing):
        raise Forbidden("Only the mentor, the mentee or a school lead can do this.")
    latest = session.exec(
        select(func.max(MentoringAgreement.version)).where(
            MentoringAgreement.pairing_id == pairing.id
        )
    ).one()
    agreement = MentoringAgreement(
        pairing_id=pairing.id,
        version=(latest or 0) + 1,
        created_by=principal.id,
        **body.model_dump(),
    )
    # Proposing is agreeing, for whichever side proposes; the other side agrees in turn.
    _mark_agreed(agreement, pairing, principal)
    session.add(agreement)
    audit.record(
        session,
        principal,
        "agreement.proposed",
        object_type="mentoring_agreement",
        object_id=agreement.id,
        trust_id=pairings.trust_id_of(session, pairing),
        changes={"pairing_id": pairing.id, "version": agreement.version},
    )
    return _agreement_public(agreement, current=True)


def agree(session: Session, principal: Principal, agreement_id: uuid.UUID) -> AgreementPublic:
    found: tuple[MentoringAgreement, Pairing] = first_visible(
        session,
        select(MentoringAgreement, Pairing)
        .join(Pairing, col(Pairing.id) == MentoringAgreement.pairing_id)
        .where(MentoringAgreement.id == agreement_id, policy.visible_pairings(principal)),
        "agreement",
        agreement_id,
    )
    agreement, pairing = found
    current = pairings.current_agreement(session, pairing.id)
    if not policy.may_agree(principal, pairing, current):
        raise Forbidden("Only the mentor and the mentee agree their agreement.")
    if current is None or current.id != agreement.id:
        raise Conflict(f"Version {agreement.version} has been replaced; agree the newest one.")
    _mark_agreed(agreement, pairing, principal)
    session.add(agreement)
    audit.record(
        session,
        principal,
        "agreement.agreed",
        object_type="mentoring_agreement",
        object_id=agreement.id,
        trust_id=pairings.trust_id_of(session, pairing),
        changes={"version": agreement.version},
    )
    return _agreement_public(agreement, current=True)


def _mark_agreed(agreement: MentoringAgreement, pairing: Pairing, principal: Principal) -> None:
    now = utcnow()
    if principal.id == pairing.mentor_id and agreement.mentor_agreed_at is None:
        agreement.mentor_agreed_at = now
    if principal.id == pairing.mentee_id and agreement.mentee_agreed_at is None:
        agreement.mentee_agreed_at = now
