"""HTTP for entitlement policies, their approval and adoption, recorded provisions, and
compliance (JSON and a streamed CSV)."""

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status
from fastapi.responses import StreamingResponse

from api.auth.principals import EntitlementAdopter, EntitlementManager, EntitlementReader
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS, Unprocessable
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import SchoolDate
from api.db import SessionDep
from api.entitlements import service
from api.entitlements.models import PolicyAudience, PolicyStatus
from api.entitlements.schemas import (
    AdoptionInput,
    AdoptionPublic,
    Catalogue,
    DecisionInput,
    PersonDetailCompliance,
    PolicyCreate,
    PolicyDetail,
    PolicyPatch,
    PolicyPublic,
    ProvisionInput,
    ProvisionPublic,
    RevisionInput,
    SchoolPeopleCompliance,
    TrustCompliance,
)

router = APIRouter(tags=["entitlements"], route_class=BodyAfterAuthRoute)

From = Annotated[
    SchoolDate | None,
    Query(
        alias="from", description="The first day judged (default 1 September of this school year)"
    ),
]
To = Annotated[
    SchoolDate | None,
    Query(description="The last day judged, inclusive (default 31 August of this school year)"),
]
AsOf = Annotated[
    SchoolDate | None,
    Query(description="Judge as things stood on this day (default today): later weeks not yet"),
]


def _range(from_: date | None, to: date | None, as_of: date | None) -> tuple[date, date, date]:
    today = date.today()
    first, last = service.default_range(as_of or today)
    first, last = from_ or first, to or last
    if last < first:
        raise Unprocessable("`to` comes on or after `from`.")
    if (last - first).days > 400:
        raise Unprocessable("Ask for a school year at most.")
    return first, last, as_of or today


@router.get(
    "/entitlements/catalogue",
    operation_id="get_entitlement_catalogue",
    summary="The starter templates, each audience's categories, and the measures known",
    response_model=Catalogue,
    responses=WRITE_ERRORS,
)
def get_entitlement_catalogue(principal: EntitlementReader) -> Catalogue:
    return service.catalogue()


@router.get(
    "/entitlements/policies",
    operation_id="list_entitlement_policies",
    summary="Your trust's entitlement policies (drafts for trust admins only)",
    response_model=Page[PolicyPublic],
    responses=WRITE_ERRORS,
)
def list_entitlement_policies(
    session: SessionDep,
    principal: EntitlementReader,
    page: PageQuery,
    audience: PolicyAudience | None = None,
    status: PolicyStatus | None = None,
) -> Page[PolicyPublic]:
    query = service.policies_query(principal, audience, status)
    return page_of(session, query, page, lambda rows: service.policies_public(session, rows))


@router.post(
    "/entitlements/policies",
    operation_id="create_entitlement_policy",
    summary="Draft a policy (a new version of the audience's), from a template or items",
    status_code=status.HTTP_201_CREATED,
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def create_entitlement_policy(
    body: PolicyCreate, session: SessionDep, principal: EntitlementManager
) -> PolicyDetail:
    row = service.create_policy(session, principal, body)
    return service.policy_detail(session, principal, row)


@router.get(
    "/entitlements/policies/{policy_id}",
    operation_id="get_entitlement_policy",
    summary="A policy with its items and what you may do with it",
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def get_entitlement_policy(
    policy_id: uuid.UUID, session: SessionDep, principal: EntitlementReader
) -> PolicyDetail:
    return service.policy_detail(
        session, principal, service.get_policy(session, principal, policy_id)
    )


@router.patch(
    "/entitlements/policies/{policy_id}",
    operation_id="update_entitlement_policy",
    summary="Change a draft (its name, date or items); an approved version never changes",
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def update_entitlement_policy(
    policy_id: uuid.UUID, body: PolicyPatch, session: SessionDep, principal: EntitlementManager
) -> PolicyDetail:
    row = service.update_policy(session, principal, policy_id, body)
    return service.policy_detail(session, principal, row)


@router.post(
    "/entitlements/policies/{policy_id}/submit",
    operation_id="submit_entitlement_policy",
    summary="Submit a draft to the headteachers' board",
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def submit_entitlement_policy(
    policy_id: uuid.UUID, session: SessionDep, principal: EntitlementManager
) -> PolicyDetail:
    row = service.submit_policy(session, principal, policy_id)
    return service.policy_detail(session, principal, row)


@router.post(
    "/entitlements/policies/{policy_id}/decision",
    operation_id="decide_entitlement_policy",
    summary="Record the board's approval or rejection, with its note",
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def decide_entitlement_policy(
    policy_id: uuid.UUID, body: DecisionInput, session: SessionDep, principal: EntitlementManager
) -> PolicyDetail:
    row = service.decide_policy(session, principal, policy_id, body)
    return service.policy_detail(session, principal, row)


@router.post(
    "/entitlements/policies/{policy_id}/retire",
    operation_id="retire_entitlement_policy",
    summary="Retire an approved version: schools following it follow nothing after today",
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def retire_entitlement_policy(
    policy_id: uuid.UUID, session: SessionDep, principal: EntitlementManager
) -> PolicyDetail:
    row = service.retire_policy(session, principal, policy_id)
    return service.policy_detail(session, principal, row)


@router.post(
    "/entitlements/policies/{policy_id}/versions",
    operation_id="revise_entitlement_policy",
    summary="Start a new version (a draft copy) that will supersede this one from a date",
    status_code=status.HTTP_201_CREATED,
    response_model=PolicyDetail,
    responses=WRITE_ERRORS,
)
def revise_entitlement_policy(
    policy_id: uuid.UUID, body: RevisionInput, session: SessionDep, principal: EntitlementManager
) -> PolicyDetail:
    row = service.revise_policy(session, principal, policy_id, body.effective_from)
    return service.policy_detail(session, principal, row)


@router.get(
    "/schools/{school_id}/entitlement-adoptions",
    operation_id="list_entitlement_adoptions",
    summary="The policy versions the school has adopted, newest first",
    response_model=Page[AdoptionPublic],
    responses=WRITE_ERRORS,
)
def list_entitlement_adoptions(
    school_id: uuid.UUID, session: SessionDep, principal: EntitlementReader, page: PageQuery
) -> Page[AdoptionPublic]:
    query = service.adoptions_query(session, principal, school_id)
    return page_of(session, query, page, lambda rows: service.adoptions_public(session, rows))


@router.post(
    "/schools/{school_id}/entitlement-adoptions",
    operation_id="adopt_entitlement_policy",
    summary="Adopt an approved policy version for the school from a date",
    status_code=status.HTTP_201_CREATED,
    response_model=AdoptionPublic,
    responses=WRITE_ERRORS,
)
def adopt_entitlement_policy(
    school_id: uuid.UUID, body: AdoptionInput, session: SessionDep, principal: EntitlementAdopter
) -> AdoptionPublic:
    adoption = service.adopt(session, principal, school_id, body)
    return service.adoptions_public(session, [adoption])[0]


@router.get(
    "/schools/{school_id}/entitlement-provisions",
    operation_id="list_entitlement_provisions",
    summary="What the school recorded it provides (yours only, unless you lead or oversee it)",
    response_model=Page[ProvisionPublic],
    responses=WRITE_ERRORS,
)
def list_entitlement_provisions(
    school_id: uuid.UUID, session: SessionDep, principal: EntitlementReader, page: PageQuery
) -> Page[ProvisionPublic]:
    query = service.provisions_query(session, principal, school_id)
    return page_of(session, query, page, lambda rows: service.provisions_public(session, rows))


@router.post(
    "/schools/{school_id}/entitlement-provisions",
    operation_id="record_entitlement_provision",
    summary="Record a provision (timetable reduction, TLR, device, job description) with evidence",
    status_code=status.HTTP_201_CREATED,
    response_model=ProvisionPublic,
    responses=WRITE_ERRORS,
)
def record_entitlement_provision(
    school_id: uuid.UUID, body: ProvisionInput, session: SessionDep, principal: EntitlementAdopter
) -> ProvisionPublic:
    provision = service.record_provision(session, principal, school_id, body)
    return service.provisions_public(session, [provision])[0]


@router.get(
    "/entitlements/compliance",
    operation_id="get_trust_compliance",
    summary="Schools by item category, each cell the worst status with its counts (leads and "
    "trust admins)",
    response_model=TrustCompliance,
    responses=WRITE_ERRORS,
)
def get_trust_compliance(
    session: SessionDep,
    principal: EntitlementReader,
    from_: From = None,
    to: To = None,
    as_of: AsOf = None,
) -> TrustCompliance:
    first, last, on = _range(from_, to, as_of)
    schools, categories = service.trust_compliance(session, principal, first, last, on)
    return TrustCompliance(
        starts_on=first, ends_on=last, as_of=on, schools=schools, categories=categories
    )


@router.get(
    "/schools/{school_id}/entitlement-compliance",
    operation_id="get_school_compliance",
    summary="Each person's items at the school: promised, delivered, status and short weeks "
    "(a mentor sees their own and their mentees')",
    response_model=SchoolPeopleCompliance,
    responses=WRITE_ERRORS,
)
def get_school_compliance(
    school_id: uuid.UUID,
    session: SessionDep,
    principal: EntitlementReader,
    from_: From = None,
    to: To = None,
    as_of: AsOf = None,
) -> SchoolPeopleCompliance:
    first, last, on = _range(from_, to, as_of)
    school, people = service.school_compliance(session, principal, school_id, first, last, on)
    return SchoolPeopleCompliance(
        starts_on=first, ends_on=last, as_of=on, school=school, people=people
    )


@router.get(
    "/schools/{school_id}/entitlement-compliance/export",
    operation_id="export_school_compliance",
    summary="The school's compliance as CSV, one row per person, item and period (streamed)",
    response_class=StreamingResponse,
    responses={
        **WRITE_ERRORS,
        200: {
            "description": "One row per person, item and period; no record content",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def export_school_compliance(
    school_id: uuid.UUID,
    session: SessionDep,
    principal: EntitlementReader,
    from_: From = None,
    to: To = None,
    as_of: AsOf = None,
) -> StreamingResponse:
    first, last, on = _range(from_, to, as_of)
    rows = service.compliance_rows(session, principal, school_id, first, last, on)
    name = f"entitlement-compliance-{first.isoformat()}-to-{last.isoformat()}.csv"
    return StreamingResponse(
        service.csv_chunks(rows),
        media_type="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store",
        },
    )


@router.get(
    "/people/{user_id}/entitlement-compliance",
    operation_id="get_person_compliance",
    summary="One person's entitlement, period by period, with the weeks that fell short and why",
    response_model=PersonDetailCompliance,
    responses=WRITE_ERRORS,
)
def get_person_compliance(
    user_id: uuid.UUID,
    session: SessionDep,
    principal: EntitlementReader,
    from_: From = None,
    to: To = None,
    as_of: AsOf = None,
) -> PersonDetailCompliance:
    first, last, on = _range(from_, to, as_of)
    people = service.person_compliance(session, principal, user_id, first, last, on)
    return PersonDetailCompliance(starts_on=first, ends_on=last, as_of=on, people=people)
