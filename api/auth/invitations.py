"""Invitation links: one-time links for a person to choose their own password.

A link carries 256 random bits; only their SHA-256 is stored, so a token is found by its hash
(no comparison an attacker could time) and a copy of the database opens no account. A link
expires after `invitation_days`, works once, and a new link for the same person cancels the
ones before it. Issuing, re-issuing and using a link are audited; the token never is.

Who may issue a link is the organisation's rule (`api.org.people.issue_invitation`); this
module keeps the links themselves.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, insert
from sqlmodel import Session, col, select, update

from api.audit import service as audit
from api.auth.models import Invitation
from api.auth.passwords import password_problems
from api.auth.principals import Principal, load_user_principal
from api.auth.service import IssuedTokens, set_password, sign_in
from api.auth.tokens import hash_secret, new_secret
from api.config import get_settings
from api.core.models import utcnow
from api.core.problems import FieldProblem, NotFound, ProblemError, Unprocessable
from api.core.wording import human_date
from api.org.models import User

WELCOME_PATH = "/welcome#"


class LinkGone(ProblemError):
    """A link that was real but no longer works: used, expired or replaced."""

    status, title, slug = 410, "Link no longer works", "invitation-gone"


@dataclass(frozen=True)
class IssuedLink:
    user_id: uuid.UUID
    full_name: str
    email: str
    token: str
    expires_at: datetime

    @property
    def path(self) -> str:
        """Where the web app opens it. The token travels after `#`, so it is never sent to a
        server in a request line or a Referer."""
        return WELCOME_PATH + self.token


def _expiry(now: datetime) -> datetime:
    return now + timedelta(days=get_settings().invitation_days)


def _cancel_pending(session: Session, user_ids: list[uuid.UUID], now: datetime) -> set[uuid.UUID]:
    """Cancels every live link of these people; answers whose links were cancelled."""
    pending = set(
        session.exec(
            select(Invitation.user_id).where(
                col(Invitation.user_id).in_(user_ids),
                col(Invitation.used_at).is_(None),
                col(Invitation.cancelled_at).is_(None),
                col(Invitation.expires_at) > now,
            )
        ).all()
    )
    if pending:
        session.exec(
            update(Invitation)
            .where(
                col(Invitation.user_id).in_(list(pending)),
                col(Invitation.used_at).is_(None),
                col(Invitation.cancelled_at).is_(None),
            )
            .values(cancelled_at=now)
        )
    return pending


def issue_links(session: Session, actor: Principal, users: Iterable[User]) -> list[IssuedLink]:
    """A new link for each person, cancelling any they had; one audit event each. In bulk, so
    an import of a whole school issues its links at once."""
    people = list(users)
    if not people:
        return []
    now = utcnow()
    expires_at = _expiry(now)
    cancelled: set[uuid.UUID] = set()
    for start in range(0, len(people), 500):
        cancelled |= _cancel_pending(session, [u.id for u in people[start : start + 500]], now)
    links, rows = [], []
    for user in people:
        token = new_secret(nbytes=32)
        rows.append(
            {
                "id": uuid.uuid4(),
                "user_id": user.id,
                "token_hash": hash_secret(token),
                "created_by": actor.id if actor.is_user else None,
                "created_at": now,
                "expires_at": expires_at,
            }
        )
        links.append(IssuedLink(user.id, user.full_name, user.email, token, expires_at))
        audit.record(
            session,
            actor,
            "invitation.reissued" if user.id in cancelled else "invitation.issued",
            object_type="user",
            object_id=user.id,
            trust_id=user.trust_id,
            changes={"expires_at": expires_at, "earlier_link_cancelled": user.id in cancelled},
        )
    for start in range(0, len(rows), 1000):
        session.execute(insert(Invitation), rows[start : start + 1000])
    return links


def pending_user_ids(session: Session, user_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of these people hold a link that still works."""
    if not user_ids:
        return set()
    return set(
        session.exec(
            select(Invitation.user_id).where(
                col(Invitation.user_id).in_(user_ids),
                col(Invitation.used_at).is_(None),
                col(Invitation.cancelled_at).is_(None),
                col(Invitation.expires_at) > utcnow(),
            )
        ).all()
    )


def pending_condition() -> ColumnElement[bool]:
    """A condition on User: the person holds a link that still works (for list filters)."""
    return col(User.id).in_(
        select(Invitation.user_id).where(
            col(Invitation.used_at).is_(None),
            col(Invitation.cancelled_at).is_(None),
            col(Invitation.expires_at) > utcnow(),
        )
    )


def _live_link(session: Session, token: str) -> tuple[Invitation, User]:
    """The link and its person, or the plain reason it does not work."""
    found = session.exec(
        select(Invitation, User)
        .join(User, col(User.id) == Invitation.user_id)
        .where(Invitation.token_hash == hash_secret(token))
    ).first()
    if found is None:
        raise NotFound(
            "This link is not recognised. Check it was copied whole, or ask your school lead "
            "for a new one."
        )
    link, user = found
    if link.used_at is not None:
        raise LinkGone(
            "This link has already been used. Sign in with the password you chose, or ask your "
            "school lead for a new link."
        )
    if link.cancelled_at is not None:
        raise LinkGone(
            "This link was replaced by a newer link. Use the newest link you were sent, or ask "
            "your school lead for a new one."
        )
    if link.expires_at <= utcnow():
        raise LinkGone(
            f"This link expired on {human_date(link.expires_at.date())}; ask your school lead "
            "for a new one."
        )
    if not user.active:
        raise LinkGone("This account is no longer active; ask your school lead.")
    return link, user


def open_link(session: Session, token: str) -> User:
    """Whose link this is, so the page can greet them by name."""
    return _live_link(session, token)[1]


def accept(session: Session, token: str, new_password: str) -> IssuedTokens:
    """Sets the person's own password, spends the link and signs them in."""
    link, user = _live_link(session, token)
    problems = password_problems(new_password, user.email)
    if problems:
        raise Unprocessable(
            "The new password " + "; ".join(problems) + ".",
            errors=[FieldProblem(field="new_password", detail=p) for p in problems],
        )
    # Spent in one conditional write: of two requests presenting it at once, one wins.
    spent = session.exec(
        update(Invitation)
        .where(
            col(Invitation.id) == link.id,
            col(Invitation.used_at).is_(None),
            col(Invitation.cancelled_at).is_(None),
        )
        .values(used_at=utcnow())
    )
    if spent.rowcount != 1:
        raise LinkGone("This link has already been used. Sign in with the password you chose.")
    set_password(session, user, new_password, must_change=False)
    principal = load_user_principal(session, user)
    audit.record(
        session,
        principal,
        "invitation.used",
        object_type="user",
        object_id=user.id,
        trust_id=user.trust_id,
    )
    return sign_in(session, user, principal)
