"""Response bodies for calendar feed links."""

from datetime import datetime

from pydantic import BaseModel, Field


class FeedStatus(BaseModel):
    active: bool
    created_at: datetime | None
    last_used_at: datetime | None


class FeedCreated(BaseModel):
    url: str = Field(description="Shown once: subscribe to it in a calendar app. Keep it secret.")
    created_at: datetime
