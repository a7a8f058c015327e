"""What a person should do next, as the API answers it."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

from api.todos.sources import TargetType, TodoGroup


class TodoPublic(BaseModel):
    kind: str = Field(description="What sort of to-do, e.g. `agreement.to_agree`.")
    text: str = Field(description="What to do, in one sentence.")
    due_on: date | None = Field(description="When it is due, where there is a date.")
    target_type: TargetType = Field(description="What the to-do is about; the web app opens it.")
    target_id: uuid.UUID
    group: TodoGroup = Field(
        description=(
            "How urgent it is: `overdue` (should already have been done), `to_do` (needs doing"
            " now) or `coming_up` (nothing to do yet; be ready for it). Lists come in this order."
        )
    )


class TodoList(BaseModel):
    items: list[TodoPublic]
    total: int
