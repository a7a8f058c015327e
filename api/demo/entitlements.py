"""The demo's entitlements: the trust's mentor, ECT and ITT policies drafted from the starter
templates, submitted and approved by the headteachers' board (recorded by the trust admin),
adopted by Hillcrest from the start of the year, with the provisions its lead has recorded.
Built through the service, so the demo leaves the audit trail a real trust would. What the
compliance shows comes from the demo's own meetings and observations: most held, one moved,
one lost, so some items are met, some at risk and some missed."""

from datetime import date

from sqlmodel import Session

from api.auth.principals import load_user_principal
from api.entitlements import service
from api.entitlements.models import PolicyAudience, ProvisionKind
from api.entitlements.schemas import AdoptionInput, DecisionInput, PolicyCreate, ProvisionInput
from api.org.models import School, User

POLICIES = (
    (PolicyAudience.mentor, "mentor", "Mentor entitlement"),
    (PolicyAudience.ect, "ect", "Early career teacher entitlement"),
    (PolicyAudience.itt, "itt", "Trainee teacher entitlement"),
)


def seed_entitlements(
    session: Session, school: School, users: dict[str, User], year_start: date
) -> None:
    admin = load_user_principal(session, users["admin"])
    lead = load_user_principal(session, users["lead"])
    for audience, key, name in POLICIES:
        row = service.create_policy(
            session, admin, PolicyCreate(audience=audience, name=name, template=key)
        )
        service.submit_policy(session, admin, row.id)
        service.decide_policy(
            session,
            admin,
            row.id,
            DecisionInput(
                approve=True,
                note=f"Approved by the headteachers' board before the year began ({name}).",
            ),
        )
        service.adopt(
            session, lead, school.id, AdoptionInput(policy_id=row.id, adopted_from=year_start)
        )
    for person, kind, amount, evidence in (
        ("mentee", ProvisionKind.timetable_reduction, 10, "Timetable for the year, page 3"),
        ("mentor", ProvisionKind.job_description, 1, "Signed mentor job description, HR file"),
        ("mentor", ProvisionKind.tlr_payment, 1500, "TLR 3 letter of appointment"),
    ):
        service.record_provision(
            session,
            lead,
            school.id,
            ProvisionInput(
                user_id=users[person].id,
                kind=kind,
                amount=amount,
                effective_from=year_start,
                evidence=evidence,
            ),
        )
    session.flush()
