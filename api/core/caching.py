"""Strong entity tags over a representation's bytes, and If-None-Match (RFC 9110 13.1.2)."""

import hashlib
from typing import Protocol


class Digest(Protocol):
    def hexdigest(self) -> str: ...


def strong_etag(digest: Digest) -> str:
    """The tag of the bytes fed to `digest` (quoted, as the header carries it)."""
    return f'"{digest.hexdigest()[:40]}"'


def etag_of(body: bytes) -> str:
    return strong_etag(hashlib.sha256(body))


def none_match(if_none_match: str | None, etag: str) -> bool:
    """Whether a conditional GET with this If-None-Match is answered 304: the weak comparison
    the RFC prescribes for it, so a tag sent back with W/ still matches."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    tags = (tag.strip() for tag in if_none_match.split(","))
    return etag in (tag.removeprefix("W/") for tag in tags)
