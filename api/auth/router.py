"""HTTP for sign-in (RFC 6749 token endpoint), sign-out, password change and /me."""

import base64
from typing import Annotated, Any
from urllib.parse import unquote

from fastapi import APIRouter, Form, Request, Response, status
from fastapi.responses import JSONResponse

from api.auth import invitations, ratelimit, service
from api.auth.principals import CurrentPerson
from api.auth.schemas import (
    GrantType,
    InvitationAccept,
    InvitationOpen,
    InvitationPublic,
    LogoutRequest,
    MePublic,
    OAuthError,
    PasswordChange,
    TokenResponse,
    TokenTransport,
)
from api.config import get_settings
from api.core.problems import PROBLEM_TYPE_BASE, Problem, error_responses
from api.core.routing import BodyAfterAuthRoute
from api.core.schemas import normalize_email
from api.db import SessionDep

router = APIRouter(tags=["auth"], route_class=BodyAfterAuthRoute)

# RFC 6749 takes a form; multipart forms (curl -F) are read the same way.
FORM_MEDIA_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
FORM_EXAMPLE = "grant_type=password&username=you%40school.example&password=your-password"
REFRESH_COOKIE = "mentorhub_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth"
_OAUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": OAuthError, "description": "RFC 6749 error (invalid_grant, ...)"},
    401: {"model": OAuthError, "description": "Client authentication failed"},
    429: {"model": Problem, "description": "Too many attempts; see Retry-After"},
}
_AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "Not signed in"},
    403: {"model": Problem, "description": "Integration clients cannot use this"},
}


def _oauth_error(failure: service.OAuthFailure) -> JSONResponse:
    headers = {"WWW-Authenticate": "Basic"} if failure.status == 401 else None
    body = OAuthError(
        error=failure.error,
        error_description=failure.description,
        type=PROBLEM_TYPE_BASE + "oauth-" + failure.error.replace("_", "-"),
        title=failure.error.replace("_", " ").capitalize(),
        status=failure.status,
        detail=failure.description,
    )
    return JSONResponse(
        body.model_dump(),
        status_code=failure.status,
        headers=headers,
        media_type="application/json",
    )


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    scheme, _, encoded = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        client_id, _, secret = base64.b64decode(encoded).decode().partition(":")
    except ValueError:  # bad base64 (binascii.Error) or bad UTF-8 (UnicodeDecodeError)
        return None
    return unquote(client_id), unquote(secret)


def _set_refresh_cookie(request: Request, response: Response, token: str) -> None:
    settings = get_settings()
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.refresh_token_days * 86400,
        path=REFRESH_COOKIE_PATH,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https" or settings.environment == "production",
    )


@router.post(
    "/auth/token",
    operation_id="issue_token",
    summary="Issue tokens (OAuth 2: password, refresh_token, client_credentials)",
    description=(
        "The body is a form (`application/x-www-form-urlencoded`, as RFC 6749 says), not JSON; "
        f"for example `{FORM_EXAMPLE}`. A JSON body is refused with `invalid_request`."
    ),
    response_model=TokenResponse,
    response_model_exclude_none=True,
    responses=_OAUTH_ERRORS,
)
def issue_token(
    request: Request,
    response: Response,
    session: SessionDep,
    grant_type: Annotated[str | None, Form()] = None,
    username: Annotated[str | None, Form(max_length=254)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    refresh_token: Annotated[str | None, Form(max_length=256)] = None,
    scope: Annotated[str | None, Form(max_length=500)] = None,
    client_id: Annotated[str | None, Form(max_length=100)] = None,
    client_secret: Annotated[str | None, Form(max_length=256)] = None,
    token_transport: Annotated[TokenTransport, Form()] = TokenTransport.body,
) -> TokenResponse | JSONResponse:
    settings = get_settings()
    sent_as = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if sent_as not in FORM_MEDIA_TYPES:
        return _oauth_error(
            service.OAuthFailure(
                "invalid_request",
                "Send the token request as a form (Content-Type: "
                f"application/x-www-form-urlencoded), not as {sent_as or 'a body without a type'}"
                f"; for example: {FORM_EXAMPLE}",
            )
        )
    address = request.client.host if request.client else "unknown"
    if grant_type != GrantType.refresh_token:
        # Guessable secrets (passwords, client secrets) are limited per address; refresh
        # tokens are long random values, and a whole school may share one address.
        ratelimit.hit_or_raise(settings.token_rate_limit_per_address, "token-address", address)
    try:
        if grant_type == GrantType.password:
            if not username or not password:
                raise service.OAuthFailure("invalid_request", "username and password are required.")
            ratelimit.hit_or_raise(
                settings.token_rate_limit_per_username, "token-username", normalize_email(username)
            )
            issued = service.password_grant(session, username, password)
        elif grant_type == GrantType.refresh_token:
            presented = refresh_token or request.cookies.get(REFRESH_COOKIE)
            if not presented:
                raise service.OAuthFailure("invalid_request", "refresh_token is required.")
            issued = service.refresh_grant(session, presented)
        elif grant_type == GrantType.client_credentials:
            given_id, given_secret = _basic_credentials(request) or (client_id, client_secret)
            if not given_id or not given_secret:
                raise service.OAuthFailure(
                    "invalid_client", "Send client_id and client_secret.", status=401
                )
            return service.client_credentials_grant(session, given_id, given_secret, scope)
        elif grant_type is None:
            raise service.OAuthFailure(
                "invalid_request",
                "grant_type is required (password, refresh_token or client_credentials); "
                f"for example: {FORM_EXAMPLE}",
            )
        else:
            raise service.OAuthFailure(
                "unsupported_grant_type", f"grant_type {grant_type!r} is not supported."
            )
    except service.OAuthFailure as failure:
        return _oauth_error(failure)

    if token_transport == TokenTransport.cookie and issued.refresh_token:
        _set_refresh_cookie(request, response, issued.refresh_token)
        return issued.response.model_copy(update={"refresh_token": None})
    return issued.response


@router.post(
    "/auth/logout",
    operation_id="logout",
    summary="Sign out: revoke the refresh token (body or cookie) and its family",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=_AUTH_ERRORS,
)
def logout(
    request: Request,
    session: SessionDep,
    principal: CurrentPerson,
    body: LogoutRequest | None = None,
) -> Response:
    presented = (body.refresh_token if body else None) or request.cookies.get(REFRESH_COOKIE)
    service.sign_out(session, principal, presented)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
    return response


@router.post(
    "/auth/password",
    operation_id="change_password",
    summary="Change your password (ends every other session; sign in again with the new one)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={**_AUTH_ERRORS, 422: {"model": Problem, "description": "Password not accepted"}},
)
def change_password(
    body: PasswordChange, session: SessionDep, principal: CurrentPerson
) -> Response:
    service.change_password(session, principal, body.current_password, body.new_password)
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
    return response


@router.get(
    "/me",
    operation_id="get_me",
    summary="Who you are: your account, roles, schools and scopes",
    response_model=MePublic,
    responses=_AUTH_ERRORS,
)
def get_me(session: SessionDep, principal: CurrentPerson) -> MePublic:
    return service.describe_me(session, principal)


_INVITATION_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "The link is not recognised"},
    410: {"model": Problem, "description": "The link was used, has expired or was replaced"},
    **error_responses(422, 429),
}


def _limit_link_guesses(request: Request) -> None:
    address = request.client.host if request.client else "unknown"
    ratelimit.hit_or_raise(
        get_settings().invitation_rate_limit_per_address, "invitation-address", address
    )


@router.post(
    "/invitations/lookup",
    operation_id="open_invitation",
    summary="Whose invitation link this is (public: the link is the credential)",
    response_model=InvitationPublic,
    responses=_INVITATION_ERRORS,
)
def open_invitation(
    body: InvitationOpen, request: Request, session: SessionDep
) -> InvitationPublic:
    _limit_link_guesses(request)
    user = invitations.open_link(session, body.token)
    return InvitationPublic(full_name=user.full_name, email=user.email)


@router.post(
    "/invitations/accept",
    operation_id="accept_invitation",
    summary="Choose your own password with an invitation link, and be signed in",
    response_model=TokenResponse,
    response_model_exclude_none=True,
    responses=_INVITATION_ERRORS,
)
def accept_invitation(
    body: InvitationAccept, request: Request, response: Response, session: SessionDep
) -> TokenResponse:
    _limit_link_guesses(request)
    issued = invitations.accept(session, body.token, body.new_password)
    if body.token_transport == TokenTransport.cookie and issued.refresh_token:
        _set_refresh_cookie(request, response, issued.refresh_token)
        return issued.response.model_copy(update={"refresh_token": None})
    return issued.response
