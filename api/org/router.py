"""HTTP for trusts, schools, term dates, people and roles."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response, status

from api.auth.principals import OrgReader, OrgWriter, TermWriter, UserReader, UserWriter
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import READ_ERRORS, WRITE_ERRORS
from api.core.routing import BodyAfterAuthRoute
from api.db import SessionDep
from api.org import people, service
from api.org.models import Phase, Role, School, TermDate, Trust
from api.org.schemas import (
    AccountStatus,
    InvitationIssued,
    MembershipCreate,
    MembershipPublic,
    PasswordReset,
    SchoolCreate,
    SchoolDetail,
    SchoolPublic,
    SchoolUpdate,
    TermDateCreate,
    TermDatePublic,
    TermDatesCopied,
    TermDatesCopy,
    TermDateUpdate,
    TrustDetail,
    TrustPublic,
    TrustUpdate,
    UserCreate,
    UserCreated,
    UserDetail,
    UserPublic,
    UserUpdate,
)

router = APIRouter(route_class=BodyAfterAuthRoute)


@router.get(
    "/trusts",
    tags=["trusts"],
    operation_id="list_trusts",
    summary="Your trust",
    response_model=Page[TrustPublic],
    responses=READ_ERRORS,
)
def list_trusts(session: SessionDep, principal: OrgReader, page: PageQuery) -> Page[TrustPublic]:
    return page_of(session, service.trusts_query(principal), page, _trusts_public)


def _trusts_public(trusts: list[Trust]) -> list[TrustPublic]:
    return [TrustPublic.model_validate(trust, from_attributes=True) for trust in trusts]


@router.get(
    "/trusts/{trust_id}",
    tags=["trusts"],
    operation_id="get_trust",
    summary="A trust, with what you may do with it",
    response_model=TrustDetail,
    responses=READ_ERRORS,
)
def get_trust(trust_id: uuid.UUID, session: SessionDep, principal: OrgReader) -> TrustDetail:
    return service.trust_detail(principal, service.get_trust(session, principal, trust_id))


@router.patch(
    "/trusts/{trust_id}",
    tags=["trusts"],
    operation_id="update_trust",
    summary="Rename a trust",
    response_model=TrustPublic,
    responses=WRITE_ERRORS,
)
def update_trust(trust_id: uuid.UUID, body: TrustUpdate, session: SessionDep, principal: OrgWriter):
    return service.update_trust(session, principal, trust_id, body)


@router.get(
    "/schools",
    tags=["schools"],
    operation_id="list_schools",
    summary="Schools visible to you",
    response_model=Page[SchoolPublic],
    responses=READ_ERRORS,
)
def list_schools(
    session: SessionDep,
    principal: OrgReader,
    page: PageQuery,
    q: Annotated[
        str | None, Query(max_length=100, description="Name contains, or exact URN")
    ] = None,
    phase: Phase | None = None,
    active: bool | None = None,
) -> Page[SchoolPublic]:
    query = service.schools_query(principal, q=q, phase=phase, active=active)
    return page_of(session, query, page, _schools_public)


def _schools_public(schools: list[School]) -> list[SchoolPublic]:
    return [SchoolPublic.model_validate(school, from_attributes=True) for school in schools]


@router.post(
    "/schools",
    tags=["schools"],
    operation_id="create_school",
    summary="Add a school",
    status_code=status.HTTP_201_CREATED,
    response_model=SchoolPublic,
    responses=WRITE_ERRORS,
)
def create_school(body: SchoolCreate, session: SessionDep, principal: OrgWriter):
    return service.create_school(session, principal, body)


@router.get(
    "/schools/{school_id}",
    tags=["schools"],
    operation_id="get_school",
    summary="A school, with what you may do with it",
    response_model=SchoolDetail,
    responses=READ_ERRORS,
)
def get_school(school_id: uuid.UUID, session: SessionDep, principal: OrgReader) -> SchoolDetail:
    return service.school_detail(principal, service.get_school(session, principal, school_id))


@router.patch(
    "/schools/{school_id}",
    tags=["schools"],
    operation_id="update_school",
    summary="Change or deactivate a school (active: false)",
    response_model=SchoolPublic,
    responses=WRITE_ERRORS,
)
def update_school(
    school_id: uuid.UUID, body: SchoolUpdate, session: SessionDep, principal: OrgWriter
):
    return service.update_school(session, principal, school_id, body)


@router.get(
    "/schools/{school_id}/term-dates",
    tags=["term dates"],
    operation_id="list_term_dates",
    summary="A school's terms and closures",
    response_model=Page[TermDatePublic],
    responses=READ_ERRORS,
)
def list_term_dates(
    school_id: uuid.UUID, session: SessionDep, principal: OrgReader, page: PageQuery
) -> Page[TermDatePublic]:
    query = service.term_dates_query(session, principal, school_id)
    return page_of(session, query, page, _term_dates_public)


def _term_dates_public(term_dates: list[TermDate]) -> list[TermDatePublic]:
    return [TermDatePublic.model_validate(t, from_attributes=True) for t in term_dates]


@router.post(
    "/schools/{school_id}/term-dates",
    tags=["term dates"],
    operation_id="create_term_date",
    summary="Add a term or closure",
    status_code=status.HTTP_201_CREATED,
    response_model=TermDatePublic,
    responses=WRITE_ERRORS,
)
def create_term_date(
    school_id: uuid.UUID, body: TermDateCreate, session: SessionDep, principal: TermWriter
):
    return service.create_term_date(session, principal, school_id, body)


@router.post(
    "/schools/{school_id}/term-dates/copy",
    tags=["term dates"],
    operation_id="copy_term_dates",
    summary="Copy this school's term dates to other schools (all or nothing)",
    response_model=TermDatesCopied,
    responses=WRITE_ERRORS,
)
def copy_term_dates(
    school_id: uuid.UUID, body: TermDatesCopy, session: SessionDep, principal: TermWriter
) -> TermDatesCopied:
    copied = service.copy_term_dates(
        session, principal, school_id, body.target_school_ids, replace=body.replace
    )
    return TermDatesCopied(copied=copied, target_school_ids=body.target_school_ids)


@router.patch(
    "/term-dates/{term_date_id}",
    tags=["term dates"],
    operation_id="update_term_date",
    summary="Change a term or closure",
    response_model=TermDatePublic,
    responses=WRITE_ERRORS,
)
def update_term_date(
    term_date_id: uuid.UUID, body: TermDateUpdate, session: SessionDep, principal: TermWriter
):
    return service.update_term_date(session, principal, term_date_id, body)


@router.delete(
    "/term-dates/{term_date_id}",
    tags=["term dates"],
    operation_id="delete_term_date",
    summary="Remove a term or closure",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
def delete_term_date(
    term_date_id: uuid.UUID, session: SessionDep, principal: TermWriter
) -> Response:
    service.delete_term_date(session, principal, term_date_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/users",
    tags=["people"],
    operation_id="list_users",
    summary="People visible to you, with their roles",
    response_model=Page[UserPublic],
    responses=READ_ERRORS,
)
def list_users(
    session: SessionDep,
    principal: UserReader,
    page: PageQuery,
    q: Annotated[str | None, Query(max_length=100, description="Name or email contains")] = None,
    school_id: uuid.UUID | None = None,
    role: Role | None = None,
    active: bool | None = None,
    account_status: Annotated[
        AccountStatus | None,
        Query(description="Only people who have set up their account, are invited, or neither"),
    ] = None,
) -> Page[UserPublic]:
    query = people.users_query(
        session,
        principal,
        q=q,
        school_id=school_id,
        role=role,
        active=active,
        account_status=account_status,
    )
    return page_of(session, query, page, lambda rows: people.to_public(session, principal, rows))


@router.post(
    "/users",
    tags=["people"],
    operation_id="create_user",
    summary="Add a person with their roles; answers their initial password once",
    status_code=status.HTTP_201_CREATED,
    response_model=UserCreated,
    responses=WRITE_ERRORS,
)
def create_user(body: UserCreate, session: SessionDep, principal: UserWriter) -> UserCreated:
    user, password = people.create_user(session, principal, body)
    session.flush()
    return UserCreated(
        user=people.to_public(session, principal, [user])[0], initial_password=password
    )


@router.get(
    "/users/{user_id}",
    tags=["people"],
    operation_id="get_user",
    summary="A person, with what you may do with them",
    response_model=UserDetail,
    responses=READ_ERRORS,
)
def get_user(user_id: uuid.UUID, session: SessionDep, principal: UserReader) -> UserDetail:
    return people.user_detail(session, principal, people.get_user(session, principal, user_id))


@router.patch(
    "/users/{user_id}",
    tags=["people"],
    operation_id="update_user",
    summary="Change or deactivate a person (active: false)",
    response_model=UserPublic,
    responses=WRITE_ERRORS,
)
def update_user(
    user_id: uuid.UUID, body: UserUpdate, session: SessionDep, principal: UserWriter
) -> UserPublic:
    user = people.update_user(session, principal, user_id, body)
    return people.to_public(session, principal, [user])[0]


@router.post(
    "/users/{user_id}/reset-password",
    tags=["people"],
    operation_id="reset_user_password",
    summary="Give a person a new initial password (shown once); ends their sessions",
    response_model=PasswordReset,
    responses=WRITE_ERRORS,
)
def reset_user_password(
    user_id: uuid.UUID, session: SessionDep, principal: UserWriter
) -> PasswordReset:
    return PasswordReset(initial_password=people.reset_password(session, principal, user_id))


@router.post(
    "/users/{user_id}/invitations",
    tags=["people"],
    operation_id="invite_user",
    summary="Issue a one-time link for a person to set their own password (shown once); "
    "cancels any earlier link",
    status_code=status.HTTP_201_CREATED,
    response_model=InvitationIssued,
    responses=WRITE_ERRORS,
)
def invite_user(user_id: uuid.UUID, session: SessionDep, principal: UserWriter) -> InvitationIssued:
    link = people.issue_invitation(session, principal, user_id)
    return InvitationIssued(
        user_id=link.user_id,
        full_name=link.full_name,
        email=link.email,
        token=link.token,
        path=link.path,
        expires_at=link.expires_at,
    )


@router.post(
    "/users/{user_id}/roles",
    tags=["people"],
    operation_id="add_user_role",
    summary="Give a person a role",
    status_code=status.HTTP_201_CREATED,
    response_model=MembershipPublic,
    responses=WRITE_ERRORS,
)
def add_user_role(
    user_id: uuid.UUID, body: MembershipCreate, session: SessionDep, principal: UserWriter
):
    return people.add_membership(session, principal, user_id, body)


@router.delete(
    "/users/{user_id}/roles/{membership_id}",
    tags=["people"],
    operation_id="remove_user_role",
    summary="Take a role away",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE_ERRORS,
)
def remove_user_role(
    user_id: uuid.UUID, membership_id: uuid.UUID, session: SessionDep, principal: UserWriter
) -> Response:
    people.remove_membership(session, principal, user_id, membership_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
