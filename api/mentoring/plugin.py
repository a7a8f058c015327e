"""What mentoring plugs in at start-up: its to-do source."""

from api.mentoring.todos import agreement_todos
from api.todos.sources import register_todo_source


def register() -> None:
    register_todo_source("mentoring", agreement_todos)
