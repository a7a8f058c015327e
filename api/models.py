"""Imports every table so that SQLModel.metadata (Alembic, tests) knows them all."""

from api.audit.models import AuditEvent
from api.auth.models import ApiClient, ApiClientSchool, RefreshToken
from api.calendar.models import CalendarFeed
from api.entitlements.models import (
    EntitlementItem,
    EntitlementPolicy,
    PolicyAdoption,
    Provision,
)
from api.meetings.models import AgendaItem, Meeting, MeetingAction, MeetingRecord, ProtectedSlot
from api.mentoring.models import MenteeProfile, MentoringAgreement, MentorProfile, Pairing
from api.observations.models import Observation, ObservationAmendment, Target, TargetReview
from api.org.models import Membership, School, TermDate, Trust, User
from api.providers.models import Provider, ProviderLink, ProviderSecret, WebhookDelivery
from api.resources.models import Resource, ResourceBookmark, ResourceTag
from api.supervision.models import SupervisionSession
from api.training.models import (
    CoverRequest,
    TrainingHours,
    TrainingItem,
    TrainingItemPerson,
    TrainingItemSchool,
)
from api.wellbeing.models import WellbeingCheckIn, WellbeingLead

__all__ = [
    "AgendaItem",
    "CalendarFeed",
    "EntitlementItem",
    "EntitlementPolicy",
    "PolicyAdoption",
    "Provision",
    "Meeting",
    "MeetingAction",
    "MeetingRecord",
    "MenteeProfile",
    "MentorProfile",
    "MentoringAgreement",
    "Observation",
    "ObservationAmendment",
    "Pairing",
    "ProtectedSlot",
    "Provider",
    "ProviderLink",
    "ProviderSecret",
    "Resource",
    "ResourceBookmark",
    "ResourceTag",
    "Target",
    "TargetReview",
    "ApiClient",
    "ApiClientSchool",
    "AuditEvent",
    "Membership",
    "RefreshToken",
    "School",
    "TermDate",
    "Trust",
    "User",
    "SupervisionSession",
    "CoverRequest",
    "TrainingHours",
    "TrainingItem",
    "TrainingItemPerson",
    "TrainingItemSchool",
    "WebhookDelivery",
    "WellbeingCheckIn",
    "WellbeingLead",
]
