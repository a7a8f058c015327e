"""The resource library: references kept trust-wide (by trust admins) or for one school (by its
leads), their tags (themes, audiences, phases, Teachers' Standards) and each person's bookmarks.

Tags live in one narrow table, one row per facet and value, so a filter is one indexed lookup
on SQLite and PostgreSQL alike. Full-text search reads an index kept beside the table (see
`search.py`): an FTS5 table on SQLite, a GIN expression index on PostgreSQL.
"""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from api.core.models import UTCDateTime, created_at_field, enum_field, id_field


class ResourceKind(StrEnum):
    article = "article"
    handbook = "handbook"
    website = "website"
    online_course = "online_course"
    book = "book"
    video = "video"
    report = "report"
    guide = "guide"


class Theme(StrEnum):
    challenge_and_support = "challenge-and-support"
    working_collaboratively = "working-collaboratively"
    contracting = "contracting"
    observation_and_feedback = "observation-and-feedback"
    wellbeing = "wellbeing"
    behaviour = "behaviour"
    assessment = "assessment"
    research_and_policy = "research-and-policy"
    early_years = "early-years"
    primary = "primary"
    post_16 = "post-16"
    mentor_development = "mentor-development"


class Audience(StrEnum):
    mentor = "mentor"
    mentee = "mentee"
    lead = "lead"


class ResourcePhase(StrEnum):
    early_years = "early_years"
    primary = "primary"
    secondary = "secondary"
    post_16 = "post_16"


class Facet(StrEnum):
    theme = "theme"
    audience = "audience"
    phase = "phase"
    standard = "standard"


class Resource(SQLModel, table=True):
    __tablename__ = "resources"
    __table_args__ = (
        Index("ix_resources_trust_school", "trust_id", "school_id"),
        Index("ix_resources_trust_title", "trust_id", "title"),
    )

    id: uuid.UUID = id_field()
    trust_id: uuid.UUID = Field(foreign_key="trusts.id")
    # None: trust-wide, kept by the trust's admins; otherwise kept by that school's leads.
    school_id: uuid.UUID | None = Field(default=None, foreign_key="schools.id")
    title: str = Field(max_length=300)
    kind: ResourceKind = enum_field(ResourceKind)
    url: str | None = Field(default=None, max_length=2000)
    publisher: str = Field(default="", max_length=300)
    year: int | None = None
    summary: str = Field(default="", sa_type=Text)
    # What a starter reference was loaded from, so loading it again changes nothing.
    starter_key: str | None = Field(default=None, max_length=100)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    created_at: datetime = created_at_field()
    updated_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ResourceTag(SQLModel, table=True):
    __tablename__ = "resource_tags"
    __table_args__ = (Index("ix_resource_tags_facet_value", "facet", "value", "resource_id"),)

    resource_id: uuid.UUID = Field(foreign_key="resources.id", primary_key=True)
    facet: Facet = enum_field(Facet, primary_key=True)
    value: str = Field(max_length=40, primary_key=True)


class ResourceBookmark(SQLModel, table=True):
    __tablename__ = "resource_bookmarks"
    __table_args__ = (Index("ix_resource_bookmarks_resource", "resource_id"),)

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    resource_id: uuid.UUID = Field(foreign_key="resources.id", primary_key=True)
    created_at: datetime = created_at_field()
