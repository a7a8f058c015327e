"""Access tokens (JWT, HS256) and opaque secrets. The only module that imports jose."""

import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from jose import JWTError, jwt

from api.config import get_settings

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ("exp", "iat", "sub", "aud", "iss")
# A person's token also carries the session version it was issued under (see User).
SESSION_VERSION_CLAIM = "sv"


class InvalidToken(Exception):
    pass


def issue_access_token(
    subject: uuid.UUID,
    *,
    kind: str,
    scopes: frozenset[str],
    lifetime: timedelta,
    session_version: int | None = None,
) -> tuple[str, int]:
    settings = get_settings()
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        "sub": str(subject),
        "kind": kind,
        "scope": " ".join(sorted(scopes)),
        "iat": int(now.timestamp()),
        "exp": int((now + lifetime).timestamp()),
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "jti": uuid.uuid4().hex,
    }
    if session_version is not None:
        claims[SESSION_VERSION_CLAIM] = session_version
    token = jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)
    return token, int(lifetime.total_seconds())


def decode_access_token(token: str) -> dict[str, Any]:
    """The token's claims, if it is ours, unaltered and unexpired.

    A client sends the same token with every request until it expires, so a token that was
    verified once is kept (with the key and audience it was verified against) and only its
    expiry is checked again: its bytes cannot change, so neither can its signature. Whether the
    account may still use it (active, same password, same roles) is read from the database on
    every request all the same."""
    settings = get_settings()
    claims = _verified_claims(
        token, settings.secret_key, settings.jwt_audience, settings.jwt_issuer
    )
    if claims["exp"] <= time.time():
        raise InvalidToken("Signature has expired.")
    return dict(claims)


@lru_cache(maxsize=4096)
def _verified_claims(token: str, key: str, audience: str, issuer: str) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM:
            raise InvalidToken("unexpected algorithm")
        return jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options={f"require_{claim}": True for claim in REQUIRED_CLAIMS},
        )
    except JWTError as exc:
        raise InvalidToken(str(exc)) from exc


def new_secret(prefix: str = "", nbytes: int = 32) -> str:
    return prefix + secrets.token_urlsafe(nbytes)


def hash_secret(secret: str) -> str:
    """SHA-256 is enough for long random secrets; argon2 is for human-chosen passwords."""
    return hashlib.sha256(secret.encode()).hexdigest()


def secrets_match(secret: str, stored_hash: str) -> bool:
    return secrets.compare_digest(hash_secret(secret), stored_hash)
