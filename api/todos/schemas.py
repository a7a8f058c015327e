"""What a person should do next, as the API answers it."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

from api.todos.sources import TargetType


class TodoPublic(BaseModel):
    kind: str = Field(description="What sort of to-do, e.g. `agreement.to_agree`.")
    text: str = Field(description="What to do, in one sentence.")
    due_on: date | None = Field(description="When it is due, where there is a date.")
    target_type: TargetType = Field(description="What the to-do is about; the web app opens it.")
    target_id: uuid.UUID


class TodoList(BaseModel):
    items: list[TodoPublic]
    total: int
