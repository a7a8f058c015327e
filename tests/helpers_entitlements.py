"""The world's entitlement policies: the mentor policy v1 approved and adopted by Hillcrest
from 1 Sept 2026 (a weekly protected meeting), its v2 a draft; the ECT policy v1 approved and
not adopted yet, its v2 submitted to the board."""

from datetime import UTC, date, datetime

from sqlmodel import Session

from api.entitlements.models import (
    EntitlementItem,
    EntitlementPolicy,
    Period,
    PolicyAdoption,
    PolicyAudience,
    PolicyStatus,
)
from api.org.models import School, Trust, User


def entitlements_world(
    session: Session, trust: Trust, school: School, people: dict[str, User]
) -> dict:
    admin = people["admin"]
    decided = dict(
        decided_by=admin.id,
        decided_at=datetime(2026, 7, 1, tzinfo=UTC),
        decision_note="Approved by the headteachers' board, 1 July 2026",
    )
    mentor_v1 = EntitlementPolicy(
        trust_id=trust.id,
        audience=PolicyAudience.mentor,
        version=1,
        name="Mentor entitlement",
        status=PolicyStatus.approved,
        created_by=admin.id,
        **decided,
    )
    mentor_v2 = EntitlementPolicy(
        trust_id=trust.id,
        audience=PolicyAudience.mentor,
        version=2,
        name="Mentor entitlement",
        supersedes_id=mentor_v1.id,
        effective_from=date(2027, 1, 4),
        created_by=admin.id,
    )
    ect_v1 = EntitlementPolicy(
        trust_id=trust.id,
        audience=PolicyAudience.ect,
        version=1,
        name="ECT entitlement",
        status=PolicyStatus.approved,
        created_by=admin.id,
        **decided,
    )
    ect_v2 = EntitlementPolicy(
        trust_id=trust.id,
        audience=PolicyAudience.ect,
        version=2,
        name="ECT entitlement",
        status=PolicyStatus.submitted,
        supersedes_id=ect_v1.id,
        effective_from=date(2027, 1, 4),
        submitted_by=admin.id,
        submitted_at=datetime(2026, 11, 1, tzinfo=UTC),
        created_by=admin.id,
    )
    session.add_all([mentor_v1, ect_v1])
    session.flush()
    session.add_all([mentor_v2, ect_v2])
    session.flush()
    for row in (mentor_v1, mentor_v2):
        session.add(
            EntitlementItem(
                policy_id=row.id,
                position=0,
                category="protected_weekly_meeting",
                promise="An hour a week protected for each mentee's meeting",
                measure="meetings.protected_minutes",
                target=60,
                period=Period.week,
            )
        )
    for row in (ect_v1, ect_v2):
        session.add(
            EntitlementItem(
                policy_id=row.id,
                position=0,
                category="mentoring_time",
                promise="A mentoring meeting of an hour every week",
                measure="meetings.protected_minutes",
                target=60,
                period=Period.week,
            )
        )
    session.add(
        PolicyAdoption(
            school_id=school.id,
            policy_id=mentor_v1.id,
            adopted_from=date(2026, 9, 1),
            adopted_by=people["lead"].id,
        )
    )
    return dict(
        entitlement_policy=mentor_v1,
        draft_policy=mentor_v2,
        ect_policy=ect_v1,
        submitted_policy=ect_v2,
    )
