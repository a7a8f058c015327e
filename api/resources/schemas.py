"""Request and response bodies for the resource library, bookmarks, theme prompts and
suggestions."""

import re
import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, model_validator

from api.core.schemas import Input, Patch, free_text, whole_number
from api.resources.models import Audience, ResourceKind, ResourcePhase, Theme

# A web address: http or https, a host name (or address) and an optional port, path, query.
# The schema states it; the check below says in plain words what was wrong.
LINK_PATTERN = (
    r"^https?://[A-Za-z0-9]([A-Za-z0-9.-]{0,252})(:[0-9]{1,5})?([/?#][^\s<>\"]{0,1900})?$"
)
_LINK = re.compile(LINK_PATTERN)
CURRENT_YEAR_LIMIT = 2100


def _web_link(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https"):
        shown = f"a {scheme}: link" if scheme else "this link"
        raise ValueError(
            f"{shown} is not a web address; give a link starting with http:// or https://"
        )
    if not _LINK.match(value):
        raise ValueError(
            "not a web address we can link to: use http:// or https://, then a host name, "
            "with no spaces"
        )
    return value


Link = Annotated[
    str,
    Field(
        max_length=2000,
        description="A web address: http:// or https:// only (javascript:, data: and other "
        "schemes are refused)",
        json_schema_extra={"pattern": LINK_PATTERN},
    ),
    AfterValidator(_web_link),
]
Standard = whole_number(1, 8)


def _unique(values: list) -> list:
    if len(set(values)) != len(values):
        raise ValueError("name each value once")
    return sorted(values)


Themes = Annotated[
    list[Theme], Field(max_length=len(Theme), json_schema_extra={"uniqueItems": True})
]
Audiences = Annotated[
    list[Audience], Field(max_length=len(Audience), json_schema_extra={"uniqueItems": True})
]
Phases = Annotated[
    list[ResourcePhase],
    Field(max_length=len(ResourcePhase), json_schema_extra={"uniqueItems": True}),
]
Standards = Annotated[
    list[Standard],
    Field(
        max_length=8,
        description="Teachers' Standards (1 to 8), each at most once",
        json_schema_extra={"uniqueItems": True},
    ),
]
Year = whole_number(1800, CURRENT_YEAR_LIMIT)


class _Tags(BaseModel):
    @model_validator(mode="after")
    def each_once(self):
        for name in ("themes", "audiences", "phases", "standards"):
            value = getattr(self, name, None)
            if value is not None:
                setattr(self, name, _unique(value))
        return self


class ResourceCreate(Input, _Tags):
    school_id: uuid.UUID | None = Field(
        default=None,
        description="The school it is for (kept by the school's leads); left out, it is "
        "trust-wide (kept by trust admins)",
    )
    title: free_text(1, 300)
    kind: ResourceKind
    url: Link | None = None
    publisher: free_text(0, 300) = Field(default="", description="Publisher or author")
    year: Year | None = None
    summary: free_text(0, 5000) = Field(default="", description="A summary in our own words")
    themes: Themes = []
    audiences: Audiences = []
    phases: Phases = []
    standards: Standards = []


class ResourceUpdate(Patch, _Tags):
    nullable = frozenset({"url", "year"})

    title: free_text(1, 300) | None = None
    kind: ResourceKind | None = None
    url: Link | None = None
    publisher: free_text(0, 300) | None = None
    year: Year | None = None
    summary: free_text(0, 5000) | None = None
    themes: Themes | None = None
    audiences: Audiences | None = None
    phases: Phases | None = None
    standards: Standards | None = None


class ResourceCan(BaseModel):
    edit: bool
    delete: bool
    bookmark: bool


class ResourcePublic(BaseModel):
    id: uuid.UUID
    school_id: uuid.UUID | None = Field(description="None when it is trust-wide")
    title: str
    kind: ResourceKind
    url: str | None
    publisher: str
    year: int | None
    summary: str
    themes: list[Theme]
    audiences: list[Audience]
    phases: list[ResourcePhase]
    standards: list[int]
    bookmarked: bool
    created_at: datetime
    updated_at: datetime | None


class ResourceDetail(ResourcePublic):
    can: ResourceCan


class ThemePrompts(BaseModel):
    theme: Theme
    label: str
    prompts: list[str] = Field(description="Three things you can do right now")


class Suggestion(ResourcePublic):
    reasons: list[str] = Field(description="Which of the mentee's open targets it answers, and how")


class StarterLoad(BaseModel):
    added: int
    already_there: int
