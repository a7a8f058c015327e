"""Who is asking: a signed-in person or an integration client, with the scopes they carry.

`current_principal` is the one dependency every protected route goes through. Scopes are checked
here (and shown in OpenAPI through `Security`); which rows a principal may see is decided by the
query builders in `api.auth.access`.
"""

import functools
import math
import uuid
from dataclasses import dataclass, field
from typing import Annotated, Literal

from fastapi import Depends, Request, Security
from fastapi.openapi.models import OAuthFlowClientCredentials, OAuthFlowPassword, OAuthFlows
from fastapi.security import OAuth2, SecurityScopes
from sqlalchemy import bindparam, null, type_coerce, union_all
from sqlalchemy import select as sa_select
from sqlmodel import Session, select

from api.auth.models import ApiClient, ApiClientSchool
from api.auth.scopes import SCOPE_DESCRIPTIONS, scopes_for_roles
from api.auth.tokens import SESSION_VERSION_CLAIM, InvalidToken, decode_access_token
from api.core.answers import keep_answer, on_every_repeat
from api.core.models import utcnow
from api.core.problems import Forbidden, Unauthorized
from api.db import SessionDep, run_in_session
from api.org.models import Membership, Role, User

TOKEN_URL = "/api/v1/auth/token"  # noqa: S105


@dataclass(frozen=True)
class Grant:
    role: Role
    trust_id: uuid.UUID
    school_id: uuid.UUID | None


@dataclass(frozen=True)
class Principal:
    kind: Literal["user", "client"]
    id: uuid.UUID
    trust_id: uuid.UUID
    scopes: frozenset[str]
    grants: tuple[Grant, ...] = ()
    client_school_ids: frozenset[uuid.UUID] = field(default_factory=frozenset)
    must_change_password: bool = False
    # When the credential stops working by itself (seconds since the epoch): the token's
    # expiry, or a client's own if sooner.
    valid_until: float = math.inf

    @property
    def is_user(self) -> bool:
        return self.kind == "user"

    @property
    def admin_trust_ids(self) -> frozenset[uuid.UUID]:
        return frozenset(g.trust_id for g in self.grants if g.role == Role.trust_admin)

    def school_ids_with(self, *roles: Role) -> frozenset[uuid.UUID]:
        return frozenset(g.school_id for g in self.grants if g.role in roles and g.school_id)

    @property
    def member_school_ids(self) -> frozenset[uuid.UUID]:
        return frozenset(g.school_id for g in self.grants if g.school_id)

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(g.role for g in self.grants)


class BearerToken(OAuth2):
    """Bearer tokens from the password or client-credentials grant (shown so in OpenAPI)."""

    def __init__(self) -> None:
        super().__init__(
            flows=OAuthFlows(
                password=OAuthFlowPassword(tokenUrl=TOKEN_URL, scopes=SCOPE_DESCRIPTIONS),
                clientCredentials=OAuthFlowClientCredentials(
                    tokenUrl=TOKEN_URL, scopes=SCOPE_DESCRIPTIONS
                ),
            ),
            scheme_name="OAuth2",
            auto_error=False,
        )

    # FastAPI calls a security scheme with the request; the base class types it as any
    # connection, which a bearer scheme over HTTP never receives.
    async def __call__(self, request: Request) -> str | None:  # type: ignore[override]
        authorization = request.headers.get("Authorization", "")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        return token.strip()


bearer_token = BearerToken()
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def load_user_principal(session: Session, user: User) -> Principal:
    memberships = session.exec(select(Membership).where(Membership.user_id == user.id)).all()
    grants = tuple(Grant(m.role, m.trust_id, m.school_id) for m in memberships)
    return _user_principal(user.id, user, grants)


# The principal is read on every request, so its statements are built once, read plain columns
# (no ORM objects to build and track) and go straight to the request's connection. Both are
# read fresh each time, so a deactivation, a password change or a removed role counts on the
# very next request.
_users = User.__table__  # type: ignore[attr-defined]
_memberships = Membership.__table__  # type: ignore[attr-defined]
_clients = ApiClient.__table__  # type: ignore[attr-defined]
_client_schools = ApiClientSchool.__table__  # type: ignore[attr-defined]
_USER_AND_GRANTS = (
    sa_select(
        _users.c.trust_id,
        _users.c.active,
        _users.c.session_version,
        _users.c.must_change_password,
        _memberships.c.role,
        _memberships.c.trust_id,
        _memberships.c.school_id,
    )
    .select_from(_users)
    .outerjoin(_memberships, _memberships.c.user_id == _users.c.id)
    .where(_users.c.id == bindparam("user_id"))
)
# The client's own row, then one row per school it may read: the client's columns are read
# (and decoded) once, not once beside each of its schools.
_CLIENT_AND_SCHOOLS = union_all(
    sa_select(
        _clients.c.trust_id,
        _clients.c.scopes,
        _clients.c.expires_at,
        _clients.c.revoked_at,
        type_coerce(null(), _client_schools.c.school_id.type).label("school_id"),
    ).where(_clients.c.id == bindparam("client_id")),
    sa_select(null(), null(), null(), null(), _client_schools.c.school_id).where(
        _client_schools.c.client_id == bindparam("client_id")
    ),
)


@dataclass(frozen=True)
class _Account:
    trust_id: uuid.UUID
    active: bool
    session_version: int
    must_change_password: bool


def _user_and_grants(
    session: Session, user_id: uuid.UUID
) -> tuple[_Account | None, tuple[Grant, ...]]:
    """The account and its roles in one query."""
    rows = session.connection().execute(_USER_AND_GRANTS, {"user_id": user_id}).all()
    if not rows:
        return None, ()
    trust_id, active, session_version, must_change, *_ = rows[0]
    grants = tuple(
        Grant(Role(role), trust, school) for *_, role, trust, school in rows if role is not None
    )
    return _Account(trust_id, bool(active), session_version, bool(must_change)), grants


def _user_principal(
    user_id: uuid.UUID,
    account: User | _Account,
    grants: tuple[Grant, ...],
    valid_until: float = math.inf,
) -> Principal:
    return Principal(
        kind="user",
        id=user_id,
        trust_id=account.trust_id,
        scopes=scopes_for_roles({g.role for g in grants}),
        grants=grants,
        must_change_password=account.must_change_password,
        valid_until=valid_until,
    )


def _verified_claims(token: str) -> tuple[dict, uuid.UUID]:
    """The token's claims and subject, once its signature, expiry and audience hold."""
    try:
        claims = decode_access_token(token)
        return claims, uuid.UUID(claims["sub"])
    except (InvalidToken, ValueError, KeyError) as exc:
        raise Unauthorized(
            "The access token is missing, malformed or expired.", headers=_CHALLENGE
        ) from exc


def _principal_from_token(session: Session, token: str) -> Principal:
    claims, subject = _verified_claims(token)
    if claims.get("kind") == "client":
        return _client_principal(session, subject, claims)
    account, grants = _user_and_grants(session, subject)
    if account is None or not account.active:
        raise Unauthorized("This account is no longer active.", headers=_CHALLENGE)
    if claims.get(SESSION_VERSION_CLAIM) != account.session_version:
        raise Unauthorized(
            "This session has ended (the password was changed or reset); sign in again.",
            headers=_CHALLENGE,
        )
    return _user_principal(subject, account, grants, valid_until=claims["exp"])


def _client_principal(session: Session, client_id: uuid.UUID, claims: dict) -> Principal:
    """The client and the schools it may read, in one query."""
    rows = session.connection().execute(_CLIENT_AND_SCHOOLS, {"client_id": client_id}).all()
    client = next((row for row in rows if row[0] is not None), None)
    if client is None:
        raise Unauthorized("This integration client is revoked or expired.", headers=_CHALLENGE)
    trust_id, scopes, expires_at, revoked_at, _ = client
    if revoked_at or (expires_at and expires_at <= utcnow()):
        raise Unauthorized("This integration client is revoked or expired.", headers=_CHALLENGE)
    granted = frozenset(claims.get("scope", "").split()) & frozenset(scopes or ())
    return Principal(
        kind="client",
        id=client_id,
        trust_id=trust_id,
        scopes=granted,
        client_school_ids=frozenset(row[-1] for row in rows if row[-1] is not None),
        valid_until=min(claims["exp"], expires_at.timestamp() if expires_at else math.inf),
    )


# Routes a person who must still change their initial password may use.
_ALLOWED_BEFORE_PASSWORD_CHANGE = {"/api/v1/me", "/api/v1/auth/password", "/api/v1/auth/logout"}


async def current_principal(
    security_scopes: SecurityScopes,
    request: Request,
    token: Annotated[str | None, Depends(bearer_token)],
    session: SessionDep,
) -> Principal:
    """Async, so that the checks cost no trip to the thread pool; the one query runs where
    `run_in_session` says (inline for a read on SQLite)."""
    if token is None:
        raise Unauthorized("Sign in first: send a bearer access token.", headers=_CHALLENGE)
    principal = await run_in_session(session, _principal_from_token, session, token)
    if principal.must_change_password and request.url.path not in _ALLOWED_BEFORE_PASSWORD_CHANGE:
        raise Forbidden(
            "Change your initial password before doing anything else.",
            slug="password-change-required",
        )
    missing = set(security_scopes.scopes) - principal.scopes
    if missing:
        raise Forbidden(
            f"This needs the scope(s) {', '.join(sorted(missing))}.",
            slug="insufficient-scope",
            headers={"WWW-Authenticate": f'Bearer scope="{security_scopes.scope_str}"'},
        )
    # A read may be answered again from memory while nothing changes, never past the token,
    # and the token is checked again each time (a new signing key ends it at once).
    keep_answer(request.scope, until=principal.valid_until)
    on_every_repeat(request.scope, functools.partial(_verified_claims, token))
    return principal


# What a route needs, by scope: `principal: MentoringWriter`. Shown per operation in OpenAPI.
OrgReader = Annotated[Principal, Security(current_principal, scopes=["org:read"])]
OrgWriter = Annotated[Principal, Security(current_principal, scopes=["org:write"])]
TermWriter = Annotated[Principal, Security(current_principal, scopes=["terms:write"])]
UserReader = Annotated[Principal, Security(current_principal, scopes=["users:read"])]
UserWriter = Annotated[Principal, Security(current_principal, scopes=["users:write"])]
ClientManager = Annotated[Principal, Security(current_principal, scopes=["clients:manage"])]
AuditReader = Annotated[Principal, Security(current_principal, scopes=["audit:read"])]
MentoringReader = Annotated[Principal, Security(current_principal, scopes=["mentoring:read"])]
MentoringWriter = Annotated[Principal, Security(current_principal, scopes=["mentoring:write"])]
MeetingWriter = Annotated[Principal, Security(current_principal, scopes=["meetings:write"])]
ObservationReader = Annotated[Principal, Security(current_principal, scopes=["observations:view"])]
ObservationWriter = Annotated[Principal, Security(current_principal, scopes=["observations:write"])]
ObservationCountReader = Annotated[
    Principal, Security(current_principal, scopes=["observations:read"])
]
ResourceReader = Annotated[Principal, Security(current_principal, scopes=["resources:read"])]
ResourceKeeper = Annotated[Principal, Security(current_principal, scopes=["resources:write"])]
WellbeingUser = Annotated[Principal, Security(current_principal, scopes=["wellbeing:write"])]
SupervisionReader = Annotated[Principal, Security(current_principal, scopes=["supervision:read"])]
SupervisionWriter = Annotated[Principal, Security(current_principal, scopes=["supervision:write"])]
EntitlementReader = Annotated[Principal, Security(current_principal, scopes=["entitlements:read"])]
EntitlementManager = Annotated[
    Principal, Security(current_principal, scopes=["entitlements:manage"])
]
EntitlementAdopter = Annotated[
    Principal, Security(current_principal, scopes=["entitlements:adopt"])
]
TrainingReader = Annotated[Principal, Security(current_principal, scopes=["training:read"])]
TrainingWriter = Annotated[Principal, Security(current_principal, scopes=["training:write"])]
TrainingManager = Annotated[Principal, Security(current_principal, scopes=["training:manage"])]
ProviderManager = Annotated[Principal, Security(current_principal, scopes=["providers:manage"])]


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


async def current_person(principal: CurrentPrincipal) -> Principal:
    """For routes about a person's own account, which integration clients do not have.
    (async: a check with no I/O runs on the event loop instead of taking a thread.)"""
    if not principal.is_user:
        raise Forbidden(
            "This route is for people; integration clients cannot use it.", slug="people-only"
        )
    return principal


CurrentPerson = Annotated[Principal, Depends(current_person)]
