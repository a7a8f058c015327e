"""Response bodies for the mentor network."""

import uuid

from pydantic import BaseModel, Field

from api.org.models import Phase
from api.org.schemas import PersonRef


class NetworkSchool(BaseModel):
    id: uuid.UUID
    name: str
    phase: Phase


class NetworkMentor(BaseModel):
    """A mentor as colleagues see them: no mentee is named, only how many they mentor."""

    person: PersonRef
    school: NetworkSchool
    subjects: list[str]
    phase: Phase | None = Field(description="The phase they mentor in, where it is set")
    trained: bool
    mentee_count: int = Field(description="Mentees they mentor today")
