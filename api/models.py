"""Imports every table so that SQLModel.metadata (Alembic, tests) knows them all."""

from api.audit.models import AuditEvent
from api.auth.models import RefreshToken
from api.integrations.models import ApiClient, ApiClientSchool
from api.org.models import Membership, School, TermDate, Trust, User

__all__ = [
    "ApiClient",
    "ApiClientSchool",
    "AuditEvent",
    "Membership",
    "RefreshToken",
    "School",
    "TermDate",
    "Trust",
    "User",
]
