"""HTTP for mentor and mentee profiles, pairings and mentoring agreements."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from api.auth.principals import MeetingWriter, MentoringReader, MentoringWriter, UserReader
from api.core.pagination import Page, PageQuery, page_of
from api.core.problems import WRITE_ERRORS, FieldProblem, Unprocessable
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import SchoolDate
from api.db import SessionDep
from api.mentoring import agreements, importing, service
from api.mentoring.models import MenteeProfile, MentorProfile, PairingKind
from api.mentoring.schemas import (
    AgreementPublic,
    AgreementTerms,
    MenteeProfileCreate,
    MenteeProfilePublic,
    MenteeProfileUpdate,
    MentorProfileCreate,
    MentorProfilePublic,
    MentorProfileUpdate,
    PairingCreate,
    PairingDetail,
    PairingEnd,
    PairingPublic,
)

router = APIRouter(route_class=BodyAfterAuthRoute)


@router.get(
    "/schools/{school_id}/mentor-profiles",
    tags=["profiles"],
    operation_id="list_mentor_profiles",
    summary="Mentors at a school",
    response_model=Page[MentorProfilePublic],
    responses=WRITE_ERRORS,
)
def list_mentor_profiles(
    school_id: uuid.UUID, session: SessionDep, principal: UserReader, page: PageQuery
) -> Page[MentorProfilePublic]:
    query = service.profiles_query(session, principal, MentorProfile, school_id)
    return page_of(session, query, page, lambda rows: service.profiles_public(session, rows))


@router.post(
    "/schools/{school_id}/mentor-profiles",
    tags=["profiles"],
    operation_id="create_mentor_profile",
    summary="Add a mentor profile",
    status_code=status.HTTP_201_CREATED,
    response_model=MentorProfilePublic,
    responses=WRITE_ERRORS,
)
def create_mentor_profile(
    school_id: uuid.UUID, body: MentorProfileCreate, session: SessionDep, principal: MentoringWriter
):
    return service.create_profile(session, principal, school_id, body)


@router.patch(
    "/mentor-profiles/{profile_id}",
    tags=["profiles"],
    operation_id="update_mentor_profile",
    summary="Change a mentor profile",
    response_model=MentorProfilePublic,
    responses=WRITE_ERRORS,
)
def update_mentor_profile(
    profile_id: uuid.UUID,
    body: MentorProfileUpdate,
    session: SessionDep,
    principal: MentoringWriter,
):
    return service.update_profile(session, principal, MentorProfile, profile_id, body)


@router.get(
    "/schools/{school_id}/mentee-profiles",
    tags=["profiles"],
    operation_id="list_mentee_profiles",
    summary="Trainees, ECTs and RQTs at a school",
    response_model=Page[MenteeProfilePublic],
    responses=WRITE_ERRORS,
)
def list_mentee_profiles(
    school_id: uuid.UUID, session: SessionDep, principal: UserReader, page: PageQuery
) -> Page[MenteeProfilePublic]:
    query = service.profiles_query(session, principal, MenteeProfile, school_id)
    return page_of(session, query, page, lambda rows: service.profiles_public(session, rows))


@router.post(
    "/schools/{school_id}/mentee-profiles",
    tags=["profiles"],
    operation_id="create_mentee_profile",
    summary="Add a mentee profile",
    status_code=status.HTTP_201_CREATED,
    response_model=MenteeProfilePublic,
    responses=WRITE_ERRORS,
)
def create_mentee_profile(
    school_id: uuid.UUID, body: MenteeProfileCreate, session: SessionDep, principal: MentoringWriter
):
    return service.create_profile(session, principal, school_id, body)


@router.patch(
    "/mentee-profiles/{profile_id}",
    tags=["profiles"],
    operation_id="update_mentee_profile",
    summary="Change a mentee profile",
    response_model=MenteeProfilePublic,
    responses=WRITE_ERRORS,
)
def update_mentee_profile(
    profile_id: uuid.UUID,
    body: MenteeProfileUpdate,
    session: SessionDep,
    principal: MentoringWriter,
):
    return service.update_profile(session, principal, MenteeProfile, profile_id, body)


@router.get(
    "/pairings",
    tags=["pairings"],
    operation_id="list_pairings",
    summary="Pairings you are in or oversee",
    response_model=Page[PairingPublic],
    responses=WRITE_ERRORS,
)
def list_pairings(
    session: SessionDep,
    principal: MentoringReader,
    page: PageQuery,
    school_id: uuid.UUID | None = None,
    person_id: uuid.UUID | None = None,
    kind: PairingKind | None = None,
    active_on: SchoolDate | None = None,
) -> Page[PairingPublic]:
    query = service.pairings_query(
        session,
        principal,
        school_id=school_id,
        person_id=person_id,
        kind=kind,
        active_on=active_on,
    )
    return service.pairings_page(session, query, page)


@router.post(
    "/pairings",
    tags=["pairings"],
    operation_id="create_pairing",
    summary="Pair a mentor with a mentee for a dated period",
    status_code=status.HTTP_201_CREATED,
    response_model=PairingPublic,
    responses=WRITE_ERRORS,
)
def create_pairing(
    body: PairingCreate, session: SessionDep, principal: MentoringWriter
) -> PairingPublic:
    pairing = service.create_pairing(session, principal, body)
    return service.pairings_public(session, [pairing])[0]


@router.get(
    "/pairings/{pairing_id}",
    tags=["pairings"],
    operation_id="get_pairing",
    summary="A pairing, with what you may do with it",
    response_model=PairingDetail,
    responses=WRITE_ERRORS,
)
def get_pairing(
    pairing_id: uuid.UUID, session: SessionDep, principal: MentoringReader
) -> PairingDetail:
    return service.pairing_detail(
        session, principal, service.get_pairing(session, principal, pairing_id)
    )


@router.post(
    "/pairings/{pairing_id}/end",
    tags=["pairings"],
    operation_id="end_pairing",
    summary="End a pairing early; its history stays and later meetings are cancelled",
    response_model=PairingPublic,
    responses=WRITE_ERRORS,
)
def end_pairing(
    pairing_id: uuid.UUID, body: PairingEnd, session: SessionDep, principal: MentoringWriter
) -> PairingPublic:
    pairing = service.end_pairing(session, principal, pairing_id, body.ends_on, body.reason)
    return service.pairings_public(session, [pairing])[0]


@router.get(
    "/pairings/{pairing_id}/agreements",
    tags=["agreements"],
    operation_id="list_agreements",
    summary="Every version of the pairing's agreement",
    response_model=Page[AgreementPublic],
    responses=WRITE_ERRORS,
)
def list_agreements(
    pairing_id: uuid.UUID, session: SessionDep, principal: MentoringReader, page: PageQuery
) -> Page[AgreementPublic]:
    query = agreements.agreements_query(session, principal, pairing_id)
    return page_of(session, query, page, lambda rows: agreements.agreements_public(session, rows))


@router.post(
    "/pairings/{pairing_id}/agreements",
    tags=["agreements"],
    operation_id="propose_agreement",
    summary="Write a new version of the agreement (the proposer agrees it)",
    status_code=status.HTTP_201_CREATED,
    response_model=AgreementPublic,
    responses=WRITE_ERRORS,
)
def propose_agreement(
    pairing_id: uuid.UUID, body: AgreementTerms, session: SessionDep, principal: MeetingWriter
) -> AgreementPublic:
    return agreements.propose_agreement(session, principal, pairing_id, body)


@router.post(
    "/agreements/{agreement_id}/agree",
    tags=["agreements"],
    operation_id="agree",
    summary="Agree the newest version, as the mentor or the mentee",
    response_model=AgreementPublic,
    responses=WRITE_ERRORS,
)
def agree(
    agreement_id: uuid.UUID, session: SessionDep, principal: MeetingWriter
) -> AgreementPublic:
    return agreements.agree(session, principal, agreement_id)


@router.get(
    "/imports/template.csv",
    tags=["imports"],
    operation_id="import_template",
    summary="The CSV template for bulk onboarding, with two example rows",
    response_class=Response,
    responses={
        **WRITE_ERRORS,
        200: {
            "description": "The template",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
    },
)
def import_template(principal: MentoringWriter) -> Response:
    return Response(
        importing.template_csv(),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="mentorhub-import.csv"'},
    )


@router.post(
    "/schools/{school_id}/imports",
    tags=["imports"],
    operation_id="import_people",
    summary="Import staff, mentees and pairings from CSV: a dry run reports every bad row; "
    "a commit writes all or nothing",
    response_model=importing.ImportReport,
    responses={
        **WRITE_ERRORS,
        422: {"model": importing.ImportProblem, "description": "Bad rows; nothing written"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "The CSV file as the body (`--data-binary @people.csv`), or as the "
            "`file` field of a form upload (`curl -F file=@people.csv`). Dates are written "
            "2026-09-01 or 01/09/2026 (day first, as a spreadsheet saved in the UK writes them).",
            "content": {
                "text/csv": {"schema": {"type": "string", "minLength": 1}},
                "multipart/form-data": {
                    "schema": {
                        "type": "object",
                        "required": ["file"],
                        "properties": {"file": {"type": "string", "format": "binary"}},
                    }
                },
            },
        }
    },
)
async def import_people(
    school_id: uuid.UUID,
    request: Request,
    session: SessionDep,
    principal: MentoringWriter,
    dry_run: Annotated[bool, Query(description="Check only; write nothing")] = True,
) -> importing.ImportReport:
    raw = await _uploaded_file(request)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unprocessable("The file must be UTF-8 text (save it as CSV UTF-8).") from exc
    return await run_in_threadpool(
        importing.import_csv, session, principal, school_id, text, dry_run=dry_run
    )


async def _uploaded_file(request: Request) -> bytes:
    """The CSV's bytes: the body itself, or the `file` field of a form upload (never the form's
    own framing, which would read as a header row)."""
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        try:
            form = await request.form()
        except HTTPException as exc:  # the form's own framing is broken
            raise Unprocessable(
                "The form upload could not be read; send the CSV as its `file` field "
                "(-F file=@people.csv), or as the request body.",
                errors=[FieldProblem(field="file", detail="Attach the CSV file", type="invalid")],
            ) from exc
        upload = form.get("file")
        if isinstance(upload, UploadFile):
            raw = await upload.read()
        elif isinstance(upload, str):
            raw = upload.encode()
        else:
            raise Unprocessable(
                "The form has no file: send the CSV as its `file` field (-F file=@people.csv).",
                errors=[FieldProblem(field="file", detail="Attach the CSV file", type="missing")],
            )
        if not raw:
            raise Unprocessable(
                "The file is empty.",
                errors=[FieldProblem(field="file", detail="The file is empty", type="missing")],
            )
        return raw
    raw = await request.body()
    if not raw:
        raise Unprocessable(
            "The request has no body: send the CSV file as the request body.",
            errors=[
                FieldProblem(
                    field="body", detail="Send the CSV file as the request body", type="missing"
                )
            ],
        )
    return raw
