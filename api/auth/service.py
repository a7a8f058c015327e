"""Sign-in rules: the three grants, refresh-token rotation, sign-out and password change."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select, update

from api.audit import service as audit
from api.auth.models import ApiClient, RefreshToken
from api.auth.passwords import hash_password, password_problems, verify_password
from api.auth.principals import Principal, load_user_principal
from api.auth.schemas import MePublic, RoleGrantPublic, TokenResponse
from api.auth.tokens import hash_secret, issue_access_token, new_secret, secrets_match
from api.config import get_settings
from api.core.models import utcnow
from api.core.problems import FieldProblem, Unprocessable
from api.core.schemas import normalize_email
from api.org.models import School, Trust, User


class OAuthFailure(Exception):
    """An RFC 6749 section 5.2 error."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status


@dataclass
class IssuedTokens:
    response: TokenResponse
    refresh_token: str | None


def _invalid_credentials() -> OAuthFailure:
    # One answer for unknown emails, wrong passwords and inactive accounts.
    return OAuthFailure("invalid_grant", "The email or password is not right.")


def password_grant(session: Session, username: str, password: str) -> IssuedTokens:
    user = session.exec(select(User).where(User.email == normalize_email(username))).first()
    password_ok = verify_password(password, user.password_hash if user else None)
    if user is None or not password_ok or not user.active:
        raise _invalid_credentials()
    return sign_in(session, user, load_user_principal(session, user))


def sign_in(session: Session, user: User, principal: Principal) -> IssuedTokens:
    """A new session for someone who has just proved who they are."""
    audit.record(
        session,
        principal,
        "user.signed_in",
        object_type="user",
        object_id=user.id,
        trust_id=user.trust_id,
    )
    return _issue_user_tokens(
        session, user, principal, family_id=uuid.uuid4(), session_version=user.session_version
    )


def refresh_grant(session: Session, refresh_token: str) -> IssuedTokens:
    stored = session.exec(
        select(RefreshToken).where(RefreshToken.token_hash == hash_secret(refresh_token))
    ).first()
    now = utcnow()
    if stored is None:
        raise OAuthFailure("invalid_grant", "The refresh token is not recognised.")
    if stored.used_at is not None or stored.revoked_at is not None:
        raise _reused(session, stored)
    if stored.expires_at <= now:
        raise OAuthFailure("invalid_grant", "The refresh token has expired; sign in again.")
    user = session.get(User, stored.user_id)
    if user is None or not user.active:
        raise OAuthFailure("invalid_grant", "This account is no longer active.")
    if stored.session_version != user.session_version:
        # Issued before a password change or reset, even if its revocation is not seen yet.
        raise OAuthFailure("invalid_grant", "This session has ended; sign in again.")
    # Spent in one conditional write: of two requests presenting it at once, one wins and the
    # other is reuse, whatever each read a moment before.
    spent = session.exec(
        update(RefreshToken)
        .where(
            col(RefreshToken.id) == stored.id,
            col(RefreshToken.used_at).is_(None),
            col(RefreshToken.revoked_at).is_(None),
        )
        .values(used_at=now)
    )
    if spent.rowcount != 1:
        raise _reused(session, stored)
    # The new tokens carry the refresh token's session, never a newer one.
    return _issue_user_tokens(
        session, user, load_user_principal(session, user), stored.family_id, stored.session_version
    )


def _reused(session: Session, stored: RefreshToken) -> OAuthFailure:
    """A spent token came back: someone may hold a stolen copy, so end the whole family.
    Committed here because the error response would otherwise roll it back."""
    revoke_family(session, stored.family_id)
    owner = session.get(User, stored.user_id)
    audit.record(
        session,
        None,
        "refresh_token.reused",
        object_type="user",
        object_id=stored.user_id,
        trust_id=owner.trust_id if owner else None,
        changes={"family_revoked": True},
    )
    session.commit()
    return OAuthFailure("invalid_grant", "The refresh token has already been used or revoked.")


def _issue_user_tokens(
    session: Session,
    user: User,
    principal: Principal,
    family_id: uuid.UUID,
    session_version: int,
) -> IssuedTokens:
    settings = get_settings()
    access_token, expires_in = issue_access_token(
        user.id,
        kind="user",
        scopes=principal.scopes,
        lifetime=timedelta(minutes=settings.access_token_minutes),
        session_version=session_version,
    )
    refresh_token = new_secret("mhr_")
    session.add(
        RefreshToken(
            user_id=user.id,
            family_id=family_id,
            token_hash=hash_secret(refresh_token),
            session_version=session_version,
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    response = TokenResponse(
        access_token=access_token,
        expires_in=expires_in,
        scope=" ".join(sorted(principal.scopes)),
        refresh_token=refresh_token,
    )
    return IssuedTokens(response=response, refresh_token=refresh_token)


def client_credentials_grant(
    session: Session, client_id: str, client_secret: str, requested_scope: str | None
) -> TokenResponse:
    try:
        client = session.get(ApiClient, uuid.UUID(client_id))
    except ValueError:
        client = None
    now = utcnow()
    if (
        client is None
        or not secrets_match(client_secret, client.secret_hash)
        or client.revoked_at is not None
        or (client.expires_at is not None and client.expires_at <= now)
    ):
        raise OAuthFailure("invalid_client", "Client authentication failed.", status=401)
    allowed = frozenset(client.scopes)
    requested = frozenset(requested_scope.split()) if requested_scope else allowed
    if not requested <= allowed:
        raise OAuthFailure(
            "invalid_scope",
            f"This client may not have: {', '.join(sorted(requested - allowed))}.",
        )
    client.last_used_at = now
    session.add(client)
    access_token, expires_in = issue_access_token(
        client.id,
        kind="client",
        scopes=requested,
        lifetime=timedelta(minutes=get_settings().client_token_minutes),
    )
    return TokenResponse(
        access_token=access_token, expires_in=expires_in, scope=" ".join(sorted(requested))
    )


def revoke_family(session: Session, family_id: uuid.UUID) -> None:
    session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.family_id) == family_id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def end_all_sessions(session: Session, user: User) -> None:
    """Every access and refresh token issued so far stops working, at once and exactly."""
    # Added in SQL, so two changes at the same moment still count as two.
    session.exec(
        update(User).where(col(User.id) == user.id).values(session_version=User.session_version + 1)
    )
    session.refresh(user, ["session_version"])
    session.exec(
        update(RefreshToken)
        .where(col(RefreshToken.user_id) == user.id, col(RefreshToken.revoked_at).is_(None))
        .values(revoked_at=utcnow())
    )


def sign_out(session: Session, principal: Principal, refresh_token: str | None) -> None:
    """Ends the session the refresh token belongs to (only if it is the caller's own)."""
    if refresh_token:
        stored = session.exec(
            select(RefreshToken).where(RefreshToken.token_hash == hash_secret(refresh_token))
        ).first()
        if stored is not None and stored.user_id == principal.id:
            revoke_family(session, stored.family_id)
    audit.record(
        session,
        principal,
        "user.signed_out",
        object_type="user",
        object_id=principal.id,
        trust_id=principal.trust_id,
    )


def change_password(
    session: Session, principal: Principal, current_password: str, new_password: str
) -> None:
    user = session.get(User, principal.id)
    assert user is not None
    if not verify_password(current_password, user.password_hash):
        raise Unprocessable(
            "The current password is not right.",
            errors=[FieldProblem(field="current_password", detail="is not right")],
        )
    problems = password_problems(new_password, user.email)
    if new_password == current_password:
        problems.append("must differ from the current password")
    if problems:
        raise Unprocessable(
            "The new password " + "; ".join(problems) + ".",
            errors=[FieldProblem(field="new_password", detail=p) for p in problems],
        )
    set_password(session, user, new_password, must_change=False)
    audit.record(
        session,
        principal,
        "user.password_changed",
        object_type="user",
        object_id=user.id,
        trust_id=user.trust_id,
    )


def set_password(session: Session, user: User, password: str, *, must_change: bool) -> None:
    """Stores a new password hash and ends every session signed in with the old one."""
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    user.password_changed_at = utcnow()
    session.add(user)
    end_all_sessions(session, user)


_users, _trusts, _schools = (
    User.__table__,  # type: ignore[attr-defined]
    Trust.__table__,  # type: ignore[attr-defined]
    School.__table__,  # type: ignore[attr-defined]
)
_ME = (
    sa_select(
        _users.c.email,
        _users.c.full_name,
        _users.c.trn,
        _users.c.must_change_password,
        _trusts.c.name,
        _schools.c.id,
        _schools.c.name,
    )
    .select_from(_users)
    .join(_trusts, _trusts.c.id == _users.c.trust_id)
    .outerjoin(_schools, _schools.c.id.in_(bindparam("school_ids", expanding=True)))
    .where(_users.c.id == bindparam("user_id"))
)


def describe_me(session: Session, principal: Principal) -> MePublic:
    """The account, its trust's name and its schools' names in one query of plain columns
    (every page of the app asks for it)."""
    school_ids = [g.school_id for g in principal.grants if g.school_id]
    rows = (
        session.connection().execute(_ME, {"user_id": principal.id, "school_ids": school_ids}).all()
    )
    email, full_name, trn, must_change_password, trust_name, _, _ = rows[0]
    names = {school_id: name for *_, school_id, name in rows if school_id is not None}
    roles = [
        RoleGrantPublic(
            role=g.role,
            trust_id=g.trust_id,
            school_id=g.school_id,
            school_name=names.get(g.school_id) if g.school_id else None,
        )
        for g in sorted(principal.grants, key=lambda g: (g.role, str(g.school_id)))
    ]
    return MePublic(
        id=principal.id,
        email=email,
        full_name=full_name,
        trn=trn,
        trust_id=principal.trust_id,
        trust_name=trust_name,
        must_change_password=must_change_password,
        roles=roles,
        scopes=sorted(principal.scopes),
    )
