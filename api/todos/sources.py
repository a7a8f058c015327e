"""To-do sources: what a person should do next, contributed by each domain.

Each domain registers a function at start-up (`api.domains`) that answers, for the principal
asking, the to-dos it knows about; `GET /api/v1/me/todos` gathers them all. A source sees only
what its own visibility rules let the principal see, like every other query.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlmodel import Session

from api.auth.principals import Principal

# What a to-do opens in the web app; a new domain adds its own. The web app shows a to-do
# whose target it does not know as plain text.
TargetType = Literal[
    "pairing",
    "meeting",
    "observation",
    "school",
    "user",
    "wellbeing_check_in",
    "supervision",
    "training_item",
    "cover_request",
]

# How a home groups its to-dos, in this order: what should already have been done, what needs
# doing now, and what is coming up (nothing to do yet but be ready for it).
TodoGroup = Literal["overdue", "to_do", "coming_up"]
TODO_GROUPS: tuple[TodoGroup, ...] = ("overdue", "to_do", "coming_up")


@dataclass(frozen=True)
class Todo:
    kind: str  # a stable machine name, e.g. "agreement.to_agree", "meeting.to_record"
    text: str  # one short sentence, in plain words
    target_type: TargetType
    target_id: uuid.UUID
    due_on: date | None = None
    group: TodoGroup = "to_do"


TodoSource = Callable[[Session, Principal], list[Todo]]
_sources: dict[str, TodoSource] = {}


def register_todo_source(name: str, source: TodoSource) -> None:
    _sources[name] = source


def todo_sources() -> tuple[TodoSource, ...]:
    if not _sources:
        raise RuntimeError("No to-do sources: call api.domains.register_domains() at start-up.")
    return tuple(_sources.values())
